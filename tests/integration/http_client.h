// Test helpers for the HTTP server: a one-shot client and a fixture that serves an installation
// on a free port.
#pragma once

#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/installation.h"
#include "http/routes.h"
#include "http/server.h"
#include "platform/tz_time_zones.h"
#include "security/rate_limiter.h"
#include "security/sodium_random.h"
#include "support/fixed_clock.h"
#include "test_dirs.h"

namespace rightsdesk::testing {

namespace bhttp = boost::beast::http;

struct Reply {
  unsigned status = 0;
  std::string content_type;
  std::string allow;
  std::string www_authenticate;
  std::string retry_after;
  std::string text;  // the body as received
  nlohmann::json body;
  std::map<std::string, std::string> headers;  // every header, by lower-case name
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// The content type of an HTML form's POST.
inline constexpr const char* kForm = "application/x-www-form-urlencoded";

// One request on a fresh connection. Throws when the connection fails.
Reply Send(unsigned short port, bhttp::verb verb, const std::string& target,
           const std::string& body = "", const std::string& content_type = "application/json",
           const std::string& token = "", const Headers& headers = {});

// A fresh installation served on 127.0.0.1 and a free port, on a fixed clock.
class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  Reply Post(const std::string& body);
  // Called before the routes are built: a test gives the handlers more (a data map, stores).
  virtual void Configure(http::ApiContext& /*api*/) {}
  std::set<std::string> StoredEmails();

  ScratchDir scratch_;
  FixedClock clock_{*ParseInstant("2026-11-24T18:00:00.000000Z")};
  platform::TzTimeZones zones_;
  security::SodiumRandom random_;
  std::unique_ptr<app::Installation> installation_;
  std::optional<http::ApiContext> api_;
  std::optional<http::Router> router_;
  std::unique_ptr<http::HttpServer> server_;
  unsigned short port_ = 0;
  std::thread thread_;
  // The intake limit per address: generous, except for the test that checks it.
  virtual security::RateLimit IntakeLimit() const { return {.per_minute = 60, .burst = 1000}; }
  std::unique_ptr<security::RateLimiter> limiter_;
  // The limit per consumer email: generous, except for the test that checks it.
  virtual security::RateLimit EmailLimit() const { return {.per_minute = 60, .burst = 1000}; }
  std::unique_ptr<security::RateLimiter> email_limiter_;
  http::Metrics metrics_;
  std::optional<http::html::Templates> templates_;
};

}  // namespace rightsdesk::testing
