#include "connectors/fake_crm.h"

#include <algorithm>
#include <cctype>

namespace rightsdesk::testing {
namespace {

using nlohmann::json;

constexpr std::size_t kPageSize = 2;

json CustomerRecord(int id, const char* first, const char* last, const char* email,
                    const char* phone, const char* city) {
  return {{"id", id},       {"first_name", first},         {"last_name", last}, {"email", email},
          {"phone", phone}, {"address", {{"city", city}}}, {"plan", "pro"}};
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Digits(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

WebAnswer Json(unsigned status, const json& body) {
  return WebAnswer{.status = status, .body = body.dump()};
}

}  // namespace

std::string FormDecode(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '+') {
      out += ' ';
    } else if (text[at] == '%' && at + 2 < text.size() &&
               std::isxdigit(static_cast<unsigned char>(text[at + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[at + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(at + 1, 2)), nullptr, 16));
      at += 2;
    } else {
      out += text[at];
    }
  }
  return out;
}

std::string QueryValue(const std::string& query, std::string_view name) {
  std::string_view rest(query);
  while (!rest.empty()) {
    const std::string_view pair = rest.substr(0, rest.find('&'));
    rest.remove_prefix(std::min(rest.size(), pair.size() + 1));
    const std::size_t equals = pair.find('=');
    if (pair.substr(0, equals) == name && equals != std::string_view::npos) {
      return FormDecode(pair.substr(equals + 1));
    }
  }
  return {};
}

FakeCrm::FakeCrm(std::string token)
    : token_(std::move(token)),
      customers_{
          CustomerRecord(1, "Luís", "Gonçalves", "luisg@embraer.com.br", "+55 (12) 3923-5555",
                         "São José dos Campos"),
          CustomerRecord(2, "Leonie", "Köhler", "leonekohler+crm@surfeu.de", "+49 0711 2842222",
                         "Stuttgart"),
          CustomerRecord(3, "François", "Tremblay", "ftremblay@gmail.com", "+1 (514) 721-4711",
                         "Montréal"),
          CustomerRecord(4, "Bjørn", "Hansen", "bjorn.hansen@yahoo.no", "+47 22 44 22 22", "Oslo"),
          CustomerRecord(5, "František", "Wichterlová", "frantisekw@jetbrains.com",
                         "+420 2 4172 5555", "Prague"),
          CustomerRecord(6, "Helena", "Holý", "hholy@gmail.com", "+420 2 4177 0449", "Prague")},
      service_([this](const WebRequest& request) { return Answer(request); }) {
  const std::vector<std::pair<int, int>> owners{{101, 1}, {201, 2}, {202, 2}, {301, 3}, {302, 3},
                                                {303, 3}, {304, 3}, {305, 3}, {306, 3}, {601, 6}};
  for (const auto& [id, customer] : owners) {
    tickets_.push_back({{"id", id},
                        {"customer_id", customer},
                        {"subject", "Ticket " + std::to_string(id) + ": ça ne marche pas"},
                        {"tags", {"billing", "urgent"}}});
  }
}

std::vector<WebRequest> FakeCrm::Received(std::string_view prefix) const {
  std::vector<WebRequest> matching;
  for (auto& request : service_.received()) {
    if (request.target.starts_with(prefix)) matching.push_back(std::move(request));
  }
  return matching;
}

void FakeCrm::SetFault(Fault fault) {
  std::lock_guard lock(mutex_);
  fault_ = std::move(fault);
}

std::optional<json> FakeCrm::Customer(int id) const {
  std::lock_guard lock(mutex_);
  for (const auto& customer : customers_) {
    if (customer["id"] == id) return customer;
  }
  return std::nullopt;
}

std::vector<int> FakeCrm::TicketIdsOf(int customer_id) const {
  std::lock_guard lock(mutex_);
  std::vector<int> ids;
  for (const auto& ticket : tickets_) {
    if (ticket["customer_id"] == customer_id) ids.push_back(ticket["id"].get<int>());
  }
  return ids;
}

void FakeCrm::RemoveTicket(int id) {
  std::lock_guard lock(mutex_);
  std::erase_if(tickets_, [&](const json& ticket) { return ticket["id"] == id; });
}

WebAnswer FakeCrm::Answer(const WebRequest& request) {
  std::lock_guard lock(mutex_);
  if (fault_) {
    if (auto answer = fault_(request)) return *answer;
  }
  if (request.headers.count("authorization") == 0 ||
      request.headers.at("authorization") != "Bearer " + token_) {
    return Json(401, {{"error", "unauthorized"}});
  }
  const std::string& target = request.target;
  const std::size_t question = target.find('?');
  const std::string path = target.substr(0, question);
  const std::string query = question == std::string::npos ? "" : target.substr(question + 1);
  if (path == "/api/health") return Json(200, {{"status", "ok"}});
  if (path == "/api/customers" && request.method == "GET") return SearchCustomers(path, query);
  int id = 0;
  char rest[32] = {};
  if (std::sscanf(path.c_str(), "/api/customers/%d/%31s", &id, rest) == 2 &&
      std::string(rest) == "tickets") {
    return Tickets(id, query);
  }
  if (std::sscanf(path.c_str(), "/api/customers/%d", &id) == 1) return OnCustomer(request, id);
  if (std::sscanf(path.c_str(), "/api/tickets/%d", &id) == 1) return OnTicket(request, id);
  return Json(404, {{"error", "no such route"}});
}

// Next links: root-relative after the first page, absolute after the second.
WebAnswer FakeCrm::SearchCustomers(const std::string& path, const std::string& query) {
  const std::string email = Lower(QueryValue(query, "email"));
  const std::string phone = Digits(QueryValue(query, "phone"));
  const std::string offset_text = QueryValue(query, "offset");
  const std::size_t offset = offset_text.empty() ? 0 : std::stoul(offset_text);
  std::vector<json> matching;
  for (const auto& customer : customers_) {
    const bool match = (!email.empty() && Lower(customer["email"]) == email) ||
                       (!phone.empty() && Digits(customer["phone"]) == phone);
    if (match || ignore_filters_) matching.push_back(customer);
  }
  json page = json::array();
  for (std::size_t i = offset; i < matching.size() && i < offset + kPageSize; ++i) {
    page.push_back(matching[i]);
  }
  json answer = {{"data", page}, {"links", {{"next", nullptr}}}};
  if (offset + kPageSize < matching.size()) {
    std::string base_query = query.substr(0, query.find("&offset="));
    std::string next = path + "?" + base_query + "&offset=" + std::to_string(offset + kPageSize);
    answer["links"]["next"] = offset == 0 ? next : service_.url(next);
  }
  return Json(200, answer);
}

WebAnswer FakeCrm::Tickets(int customer, const std::string& query) {
  const std::string page_text = QueryValue(query, "page");
  const std::size_t page = page_text.empty() ? 1 : std::stoul(page_text);
  std::vector<json> theirs;
  for (const auto& ticket : tickets_) {
    if (ticket["customer_id"] == customer || ignore_filters_) theirs.push_back(ticket);
  }
  json records = json::array();
  for (std::size_t i = (page - 1) * kPageSize; i < theirs.size() && i < page * kPageSize; ++i) {
    records.push_back(theirs[i]);
  }
  return Json(200, {{"tickets", records}, {"page", page}});
}

WebAnswer FakeCrm::OnCustomer(const WebRequest& request, int id) {
  auto customer = std::find_if(customers_.begin(), customers_.end(),
                               [&](const json& c) { return c["id"] == id; });
  if (customer == customers_.end()) return Json(404, {{"error", "no such customer"}});
  if (request.method == "GET") return Json(200, {{"data", *customer}});
  if (request.method != "PATCH") return Json(405, {{"error", "method not allowed"}});
  const json patch = json::parse(request.body, nullptr, false);
  if (!patch.is_object()) return Json(400, {{"error", "the body is not a JSON object"}});
  // Like many CRMs: a null is stored as null (not removed as RFC 7396 would).
  const json flat = patch.flatten();
  for (const auto& item : flat.items()) {
    (*customer)[json::json_pointer(item.key())] = item.value();
  }
  return Json(200, {{"data", *customer}});
}

WebAnswer FakeCrm::OnTicket(const WebRequest& request, int id) {
  auto ticket =
      std::find_if(tickets_.begin(), tickets_.end(), [&](const json& t) { return t["id"] == id; });
  if (ticket == tickets_.end()) return Json(404, {{"error", "no such ticket"}});
  if (request.method == "GET") return Json(200, *ticket);
  if (request.method != "DELETE") return Json(405, {{"error", "method not allowed"}});
  tickets_.erase(ticket);
  return WebAnswer{.status = 204, .body = ""};
}

std::string FakeCrm::DataMap(int timeout_seconds, int retries) const {
  return R"(
[[system]]
name = "crm"
description = "Customer support CRM"
connector = "http"
base_url = ")" +
         base_url() + R"("
bearer_env = ")" +
         std::string(kCrmTokenEnv) + R"("
health = "GET /health"
timeout_seconds = )" +
         std::to_string(timeout_seconds) + R"(
retries = )" +
         std::to_string(retries) + R"(
purposes = ["Customer support"]
sources = ["The consumer"]
retention = "While a customer, and 2 years after"

  [[system.table]]
  name = "customers"
  key = "id"
  identity = { email = "email", phone = "phone" }
  search = ["GET /customers?email={email}", "GET /customers?phone={phone}"]
  records = "/data"
  next = "/links/next"
  max_pages = 5
  read = "GET /customers/{key}"
  record = "/data"
  update = "PATCH /customers/{key}"
  erase = "update"
  fields = [
    { column = "id", category = "identifiers" },
    { column = "first_name", category = "identifiers", erase = "redact" },
    { column = "last_name", category = "identifiers", erase = "redact" },
    { column = "email", category = "identifiers", erase = "hash" },
    { column = "phone", category = "customer_records", erase = "null" },
    { column = "/address/city", category = "identifiers", erase = "null" },
  ]

  [[system.table]]
  name = "tickets"
  key = "id"
  link = { parent = "customers", column = "customer_id", parent_column = "id" }
  search = "GET /customers/{parent}/tickets"
  records = "/tickets"
  page_param = "page"
  read = "GET /tickets/{key}"
  delete = "DELETE /tickets/{key}"
  erase = "delete_row"
  fields = [
    { column = "id", category = "identifiers" },
    { column = "customer_id", category = "identifiers" },
    { column = "subject", category = "inferences" },
    { column = "tags", category = "inferences" },
  ]
)";
}

}  // namespace rightsdesk::testing
