// A CRM's REST API played by a real HTTP server on 127.0.0.1 (integration/web_service.h), for the
// HTTP connector's tests: six Chinook customers (accented names, international phones) and their
// support tickets, searched, read, patched and deleted as a typical CRM does. Customers are paged
// by next links (alternately root-relative and absolute), tickets by a page number. A test can
// make it ignore its filters, require another token, or answer anything first (a fault).
#pragma once

#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "integration/web_service.h"

namespace rightsdesk::testing {

inline constexpr const char* kCrmTokenEnv = "RD_TEST_CRM_TOKEN";

class FakeCrm {
 public:
  using Fault = std::function<std::optional<WebAnswer>(const WebRequest&)>;

  explicit FakeCrm(std::string token = "crm-s3cret-token");

  std::string base_url() const { return service_.url("/api"); }
  std::vector<WebRequest> received() const { return service_.received(); }
  // The requests whose target starts with `prefix` ("/api/customers?").
  std::vector<WebRequest> Received(std::string_view prefix) const;

  // Answers first when it returns an answer (500s, malformed JSON, delays, loops).
  void SetFault(Fault fault);
  void IgnoreFilters() { ignore_filters_ = true; }

  std::optional<nlohmann::json> Customer(int id) const;
  std::vector<int> TicketIdsOf(int customer_id) const;
  void RemoveTicket(int id);

  // The data map of a system named "crm" on this service (docs/datamap.md's shape), with
  // `timeout_seconds` and `retries`.
  std::string DataMap(int timeout_seconds = 5, int retries = 2) const;

 private:
  WebAnswer Answer(const WebRequest& request);
  WebAnswer SearchCustomers(const std::string& path, const std::string& query);
  WebAnswer Tickets(int customer, const std::string& query);
  WebAnswer OnCustomer(const WebRequest& request, int id);
  WebAnswer OnTicket(const WebRequest& request, int id);

  std::string token_;
  mutable std::mutex mutex_;
  std::vector<nlohmann::json> customers_;
  std::vector<nlohmann::json> tickets_;
  Fault fault_;
  bool ignore_filters_ = false;
  WebService service_;  // last: it calls Answer, which uses the members above
};

// %XX decoded, and '+' read as a space as HTML forms mean it: a '+' sent unencoded arrives
// as a space, which is how a client that forgot to encode gets caught.
std::string FormDecode(std::string_view text);

// The value of `name` in a query string ("a=1&b=2"), decoded; empty when absent.
std::string QueryValue(const std::string& query, std::string_view name);

}  // namespace rightsdesk::testing
