// Intake: turns what a consumer (or staff on their behalf) submitted into a stored request with
// its deadlines, its "request.submitted" audit event and the acknowledgment queued for sending,
// in one durable step. Shared by every channel (CLI, API, email, DRP).
//
// A request that repeats the consumer's open request of the same type, received within the
// duplicate window ([intake] duplicate_window_days), is stored all the same and closed in that
// step as closed_duplicate, linked to the open one (core/duplicates.h): its acknowledgment tells
// the consumer that the earlier request is being handled. Opt-out and limit requests are never
// duplicates.
#pragma once

#include <string>

#include "app/services.h"
#include "core/error.h"
#include "core/request.h"

namespace rightsdesk::app {

// As typed: every field is validated here, and errors name the field as a JSON pointer
// ("/type", "/subject/email") so that the API can point at it.
struct IntakeForm {
  std::string type;
  std::string email;
  std::string name;
  std::string phone;
  std::string address;
  std::string account_id;
  std::string jurisdiction;  // empty: the business's default
  std::string channel = "web";
  std::string language = "en";
  std::string message;
  std::string agent_name;  // both empty: the consumer acts for themselves
  std::string agent_email;
  // Set by a channel that must be idempotent (email: derived from the Message-ID), so that the
  // same message taken in twice is refused as kAlreadyExists; empty: a new time-ordered id.
  std::string request_id;
};

struct Submitted {
  Request request;
  // The consumer's secret status link token ("rds_..."): shown to the consumer once (the API's
  // answer, the acknowledgment); only its hash is stored. Never log it.
  std::string status_token;
};

// kInvalidArgument for bad input, kNotFound for an unknown jurisdiction or one whose rules had not
// taken effect on the day of receipt. Nothing is stored unless the whole request is valid.
Result<Submitted> SubmitRequest(const Services& services, const IntakeForm& form,
                                std::string_view actor);

// The privacy center's page for one request behind its secret link (docs/web.md), relative to
// the center's address; the answer to an intake and the acknowledgment both carry it.
std::string StatusPath(std::string_view request_id, std::string_view status_token);

}  // namespace rightsdesk::app
