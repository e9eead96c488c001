// The staff console over real HTTP, for the tests that drive it: staff users, signing in with
// password and TOTP, the session cookie, GET and form POSTs with it, the CSRF token of a page.
#pragma once

#include <regex>
#include <string>

#include "app/staff_accounts.h"
#include "http_client.h"
#include "security/totp.h"

namespace rightsdesk::testing {

inline constexpr const char* kPassword = "a long staff password";

class ConsoleFixture : public ServerFixture {
 protected:
  store::StaffUser AddUser(const char* name, const char* role) {
    auto created = app::CreateStaffUser(installation_->users(), random_, clock_, name, role,
                                        kPassword, "Test", "test");
    EXPECT_TRUE(created) << created.error().message();
    return created->user;
  }
  std::string CodeFor(const store::StaffUser& user) {
    return security::TotpCode(user.totp_secret, security::TotpStep(clock_.Now()));
  }
  Reply LogIn(const std::string& name, const std::string& password, const std::string& code) {
    return Send(port_, bhttp::verb::post, "/console/login",
                "username=" + name + "&password=" + password + "&code=" + code, kForm);
  }
  // Logs in and returns the Cookie header value.
  std::string SessionOf(const store::StaffUser& user) {
    Reply in = LogIn(user.username, "a+long+staff+password", CodeFor(user));
    EXPECT_EQ(in.status, 303U) << in.text;
    std::string cookie = in.headers["set-cookie"];
    return cookie.substr(0, cookie.find(';'));
  }
  Reply Get(const std::string& target, const std::string& cookie) {
    return Send(port_, bhttp::verb::get, target, "", "", "", {{"Cookie", cookie}});
  }
  Reply PostForm(const std::string& target, const std::string& body, const std::string& cookie,
                 const Headers& more = {}) {
    Headers headers = {{"Cookie", cookie}};
    headers.insert(headers.end(), more.begin(), more.end());
    return Send(port_, bhttp::verb::post, target, body, kForm, "", headers);
  }
  static std::string CsrfIn(const std::string& page) {
    std::smatch m;
    std::regex pattern("name=\"csrf\" value=\"([0-9a-f]{64})\"");
    return std::regex_search(page, m, pattern) ? m[1].str() : "";
  }
  void NextStep() { clock_.Set(clock_.Now() + std::chrono::seconds{30}); }
};

}  // namespace rightsdesk::testing
