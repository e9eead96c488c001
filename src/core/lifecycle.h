// The one transition table of a request's status (DESIGN.md section 2):
//
//   received → pending_verification → verified → in_progress → awaiting_review → completed
//
// with the side exits denied, withdrawn, closed_unverified and closed_duplicate (a new request
// that repeats an open one is closed at intake and linked to it). Requests that need no
// verification (opt-out, limit) go straight from received to verified; a reviewer may send work
// back from awaiting_review to in_progress; simple work may complete without review. Terminal
// statuses have no way out: a closed request is reopened as a new request, never edited back.
#pragma once

#include <span>

#include "core/status.h"

namespace rightsdesk {

bool CanTransition(Status from, Status to);

// The statuses reachable in one step from `from`, in the table's order.
std::span<const Status> NextStatuses(Status from);

// Whether staff may move a request to `to` by choosing it. Not closed_duplicate: that one needs
// the open request it repeats, and only intake knows it (core/duplicates.h).
bool IsChosenByStaff(Status to);

}  // namespace rightsdesk
