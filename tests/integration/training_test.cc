// Training mode and playbooks over real HTTP with a real SQLite store: a trainee starts a
// scenario, answers, and is scored against answers the test works out from the rules; the attempt
// is answered once, kept as a training record, audited, and private to its trainee; admins and
// auditors read every record and download them. A request's playbook is ticked by staff.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/tokens.h"
#include "console_fixture.h"
#include "test_dirs.h"

namespace rightsdesk::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Encode(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') {
      out += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    }
  }
  return out;
}

class TrainingTest : public ConsoleFixture {
 protected:
  // The dates the rules give a request of `scenario` started today: its day 0 is today in Los
  // Angeles less the scenario's days, and the deadlines are the California rule's.
  Deadlines DatesFor(RequestType type, int days_ago) {
    auto today = zones_.LocalDate("America/Los_Angeles", clock_.Now());
    Date day0 = Date(std::chrono::sys_days(*today) - std::chrono::days(days_ago));
    auto d = installation_->ruleset().DeadlinesFor("US-CA", type, day0);
    EXPECT_TRUE(d);
    return *d;
  }
  // Starts the scenario as the session's trainee: the attempt page's path.
  std::string Start(const std::string& scenario, const std::string& session) {
    std::string csrf = CsrfIn(Get("/console/training", session).text);
    Reply started =
        PostForm("/console/training/scenarios/" + scenario + "/start", "csrf=" + csrf, session);
    EXPECT_EQ(started.status, 303U) << started.text;
    return started.headers["location"];
  }
  std::vector<AuditEvent> TrainingEvents() {
    struct Collector : store::TrailVisitor {
      std::vector<AuditEvent> events;
      void Begin(std::vector<Checkpoint>, std::optional<store::ChainHead>) override {}
      bool Event(const AuditEvent& event) override {
        if (event.action.starts_with("training.")) events.push_back(event);
        return true;
      }
    } collector;
    EXPECT_TRUE(installation_->trail().ReadTrail(collector));
    return collector.events;
  }
};

TEST_F(TrainingTest, ATraineeIsScoredAgainstTheExpectedDecisionsOnce) {
  store::StaffUser alice = AddUser("alice", "staff");
  std::string session = SessionOf(alice);
  Reply list = Get("/console/training", session);
  ASSERT_EQ(list.status, 200U);
  for (const char* s :
       {"clean-access", "deletion-legal-exception", "fraudulent-agent", "minor-under-16",
        "two-point-identity", "wrong-channel", "deadline-about-to-pass"}) {
    EXPECT_THAT(list.text, HasSubstr("/console/training/scenarios/" + std::string(s) + "/start"));
  }
  std::string attempt = Start("clean-access", session);
  ASSERT_THAT(attempt, HasSubstr("/console/training/attempts/tr_"));
  Reply page = Get(attempt, session);
  ASSERT_EQ(page.status, 200U);
  EXPECT_THAT(page.text, HasSubstr("jordan.avery@example.com"));
  EXPECT_THAT(page.text, HasSubstr("name=\"answer_verification\""));
  Deadlines dates = DatesFor(RequestType::kAccess, 2);
  ASSERT_TRUE(dates.acknowledge_by);
  const std::string wrong_respond =
      FormatDate(Date(std::chrono::sys_days(dates.respond_by) + std::chrono::days(1)));
  const std::string answers =
      "&answer_verification=verified&answer_response=pieces"
      "&answer_acknowledge-by=" +
      FormatDate(*dates.acknowledge_by) + "&answer_respond-by=" + wrong_respond;
  Reply scored = PostForm(attempt, "csrf=" + CsrfIn(page.text) + answers, session);
  ASSERT_EQ(scored.status, 303U) << scored.text;
  Reply result = Get(scored.headers["location"], session);
  EXPECT_THAT(result.text, HasSubstr("data-testid=\"training-score\">3 / 4<"));
  EXPECT_THAT(result.text, HasSubstr("Expected: " + FormatDate(dates.respond_by)));
  // A second answer is refused and changes nothing.
  Reply again = PostForm(attempt,
                         "csrf=" + CsrfIn(page.text) +
                             "&answer_verification=verified&answer_response=pieces"
                             "&answer_acknowledge-by=" +
                             FormatDate(*dates.acknowledge_by) +
                             "&answer_respond-by=" + FormatDate(dates.respond_by),
                         session);
  EXPECT_EQ(again.status, 409U);
  EXPECT_THAT(Get(attempt, session).text, HasSubstr(">3 / 4<"));
  auto events = TrainingEvents();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "training.started");
  EXPECT_EQ(events[1].action, "training.scored");
  EXPECT_EQ(events[1].actor, "user:alice");
  EXPECT_THAT(events[1].details, HasSubstr("\"score\":3"));
  EXPECT_THAT(events[1].details, HasSubstr("\"scenario\":\"clean-access\""));
}

TEST_F(TrainingTest, IncompleteAnswersAreShownBackAndNothingIsKept) {
  store::StaffUser alice = AddUser("alice", "staff");
  std::string session = SessionOf(alice);
  std::string attempt = Start("wrong-channel", session);
  std::string csrf = CsrfIn(Get(attempt, session).text);
  Reply partial = PostForm(attempt, "csrf=" + csrf + "&answer_handling=direct", session);
  EXPECT_EQ(partial.status, 422U);
  EXPECT_THAT(partial.text, HasSubstr("answer every question"));
  EXPECT_THAT(partial.text, HasSubstr("value=\"direct\" checked"));
  Reply bad_choice = PostForm(attempt,
                              "csrf=" + csrf +
                                  "&answer_handling=shrug&answer_day-zero=chat-day"
                                  "&answer_respond-by=2026-12-01",
                              session);
  EXPECT_EQ(bad_choice.status, 422U);
  Reply no_token = PostForm(attempt, "answer_handling=direct", session);
  EXPECT_EQ(no_token.status, 403U);
  ASSERT_EQ(TrainingEvents().size(), 1u);  // started, never scored
  // Either accepted answer of a decision scores it.
  Deadlines dates = DatesFor(RequestType::kDelete, 7);
  Reply scored = PostForm(attempt,
                          "csrf=" + csrf +
                              "&answer_handling=register&answer_day-zero=chat-day"
                              "&answer_respond-by=" +
                              FormatDate(dates.respond_by),
                          session);
  ASSERT_EQ(scored.status, 303U) << scored.text;
  EXPECT_THAT(Get(attempt, session).text, HasSubstr(">3 / 3<"));
}

TEST_F(TrainingTest, AttemptsArePrivateAndTheRecordsAreForAdminsAndAuditors) {
  store::StaffUser alice = AddUser("alice", "staff");
  store::StaffUser bob = AddUser("bob", "staff");
  store::StaffUser carol = AddUser("carol", "auditor");
  std::string alice_session = SessionOf(alice);
  NextStep();
  std::string bob_session = SessionOf(bob);
  NextStep();
  std::string carol_session = SessionOf(carol);
  std::string attempt = Start("minor-under-16", alice_session);
  Deadlines dates = DatesFor(RequestType::kOptOut, 1);
  Reply scored = PostForm(attempt,
                          "csrf=" + CsrfIn(Get(attempt, alice_session).text) +
                              "&answer_verification=none&answer_minor=nothing"
                              "&answer_respond-by=" +
                              FormatDate(dates.respond_by),
                          alice_session);
  ASSERT_EQ(scored.status, 303U) << scored.text;
  // Another trainee neither sees nor answers it (as if it did not exist).
  EXPECT_EQ(Get(attempt, bob_session).status, 404U);
  EXPECT_EQ(PostForm(attempt,
                     "csrf=" + CsrfIn(Get("/console/training", bob_session).text) +
                         "&answer_verification=none",
                     bob_session)
                .status,
            404U);
  EXPECT_THAT(Get("/console/training", bob_session).text, Not(HasSubstr(attempt)));
  EXPECT_EQ(Get("/console/training/records", alice_session).status, 403U);
  EXPECT_EQ(Get("/console/training/records.csv", bob_session).status, 403U);
  // The auditor reads every record and the attempt itself, but cannot answer it.
  Reply records = Get("/console/training/records", carol_session);
  ASSERT_EQ(records.status, 200U);
  EXPECT_THAT(records.text, HasSubstr("A consumer under 16"));
  Reply viewed = Get(attempt, carol_session);
  EXPECT_EQ(viewed.status, 200U);
  EXPECT_THAT(viewed.text, HasSubstr(">2 / 3<"));
  EXPECT_THAT(viewed.text, Not(HasSubstr("data-testid=\"training-form\"")));
  Reply csv = Get("/console/training/records.csv", carol_session);
  ASSERT_EQ(csv.status, 200U);
  EXPECT_THAT(csv.text, HasSubstr("attempt,staff,scenario,title,version,started_at,finished_at,"
                                  "score,max_score,percent\r\n"));
  EXPECT_THAT(csv.text, HasSubstr(",alice,minor-under-16,A consumer under 16,1,"));
  EXPECT_THAT(csv.text, HasSubstr(",2,3,67\r\n"));
  Reply download = Get("/console/training/records.json", carol_session);
  ASSERT_EQ(download.status, 200U);
  auto rows = nlohmann::json::parse(download.text);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["staff"], "alice");
  EXPECT_EQ(rows[0]["score"], 2);
  EXPECT_EQ(rows[0]["max_score"], 3);
  // The command line exports the same records, one trainee's or everyone's.
  const std::string data = (scratch_.path() / "data").string();
  ProcessResult cli =
      RunCli({"report", "training", "--staff", "alice", "--format", "json", "--data", data});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  auto exported = nlohmann::json::parse(cli.out);
  ASSERT_EQ(exported.size(), 1u);
  EXPECT_EQ(exported[0]["attempt"], rows[0]["attempt"]);
  EXPECT_EQ(exported[0]["score"], 2);
  ProcessResult none = RunCli({"report", "training", "--staff", "bob", "--data", data});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(std::count(none.out.begin(), none.out.end(), '\n'), 1);  // the header alone
  // And the API, to admin and auditor tokens only.
  auto token = [&](const char* role) {
    auto made = app::CreateApiToken(installation_->tokens(), random_, clock_, role, role, "test");
    EXPECT_TRUE(made);
    return made ? made->secret : std::string();
  };
  const std::string auditor_token = token("auditor");
  Reply api =
      Send(port_, bhttp::verb::get, "/api/v1/reports/training?staff=alice", "", "", auditor_token);
  ASSERT_EQ(api.status, 200U) << api.text;
  ASSERT_EQ(api.body["records"].size(), 1u);
  EXPECT_EQ(api.body["records"][0]["score"], 2);
  Reply api_csv =
      Send(port_, bhttp::verb::get, "/api/v1/reports/training?format=csv", "", "", auditor_token);
  EXPECT_EQ(api_csv.status, 200U);
  EXPECT_THAT(api_csv.text, HasSubstr(",alice,minor-under-16,"));
  EXPECT_EQ(
      Send(port_, bhttp::verb::get, "/api/v1/reports/training?format=xml", "", "", auditor_token)
          .status,
      422U);
  EXPECT_EQ(
      Send(port_, bhttp::verb::get, "/api/v1/reports/training", "", "", token("staff")).status,
      403U);
  EXPECT_EQ(Send(port_, bhttp::verb::get, "/api/v1/reports/training", "", "").status, 401U);
  ProcessResult bad = RunCli({"report", "training", "--format", "xml", "--data", data});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.err, HasSubstr("--format must be json or csv"));
}

TEST_F(TrainingTest, AnUnknownScenarioIsNotFound) {
  store::StaffUser alice = AddUser("alice", "staff");
  std::string session = SessionOf(alice);
  std::string csrf = CsrfIn(Get("/console/training", session).text);
  EXPECT_EQ(PostForm("/console/training/scenarios/nope/start", "csrf=" + csrf, session).status,
            404U);
  EXPECT_EQ(Get("/console/training/attempts/tr_nope", session).status, 404U);
}

TEST_F(TrainingTest, StaffTickTheManualStepsOfARequestsPlaybook) {
  Reply made = Post(R"({"type":"delete","subject":{"email":"p@example.com","name":"Pat"}})");
  ASSERT_EQ(made.status, 201U);
  const std::string id = made.body.at("id");
  store::StaffUser alice = AddUser("alice", "staff");
  store::StaffUser carol = AddUser("carol", "auditor");
  std::string session = SessionOf(alice);
  NextStep();
  std::string auditor = SessionOf(carol);
  Reply page = Get("/console/requests/" + id, session);
  ASSERT_EQ(page.status, 200U);
  EXPECT_THAT(page.text, HasSubstr("data-testid=\"playbook-progress\">0 of 6 done"));
  std::string csrf = CsrfIn(page.text);
  Reply ticked = PostForm("/console/requests/" + id + "/playbook",
                          "csrf=" + csrf + "&step=exceptions&done=1", session);
  ASSERT_EQ(ticked.status, 303U) << ticked.text;
  page = Get(ticked.headers["location"], session);
  EXPECT_THAT(page.text, HasSubstr("Checklist updated."));
  EXPECT_THAT(page.text, HasSubstr("1 of 6 done"));
  EXPECT_THAT(page.text, HasSubstr("by user:alice"));
  // Ticking it again records nothing more.
  ASSERT_EQ(PostForm("/console/requests/" + id + "/playbook",
                     "csrf=" + csrf + "&step=exceptions&done=1", session)
                .status,
            303U);
  // A step the work itself proves cannot be ticked by hand; an unknown step neither.
  Reply proved = PostForm("/console/requests/" + id + "/playbook",
                          "csrf=" + csrf + "&step=erase&done=1", session);
  EXPECT_EQ(proved.status, 422U);
  EXPECT_THAT(proved.text, HasSubstr("ticked by the work itself"));
  EXPECT_EQ(PostForm("/console/requests/" + id + "/playbook",
                     "csrf=" + csrf + "&step=" + Encode("no such") + "&done=1", session)
                .status,
            422U);
  EXPECT_EQ(PostForm("/console/requests/" + id + "/playbook",
                     "csrf=" + CsrfIn(Get("/console/requests/" + id, auditor).text) +
                         "&step=exceptions&done=0",
                     auditor)
                .status,
            403U);
  ASSERT_EQ(PostForm("/console/requests/" + id + "/playbook",
                     "csrf=" + csrf + "&step=exceptions&done=0", session)
                .status,
            303U);
  EXPECT_THAT(Get("/console/requests/" + id, session).text, HasSubstr("0 of 6 done"));
  auto events = installation_->requests().EventsOf(id);
  ASSERT_TRUE(events);
  int done = 0, reopened = 0;
  for (const AuditEvent& e : *events) {
    done += e.action == "playbook.step_done";
    reopened += e.action == "playbook.step_reopened";
  }
  EXPECT_EQ(done, 1);
  EXPECT_EQ(reopened, 1);
}

// A company adds its own scenarios as files in the data directory's training/ folder; a bad one
// stops every command with an error naming the file, as a bad rightsdesk.toml does.
class CompanyScenariosTest : public ::testing::Test, public CliInstallation {
 protected:
  void SetUp() override { ASSERT_EQ(Cli({"init"}).exit_code, 0); }
  void Write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories(dir_.path() / "data" / "training");
    std::ofstream(dir_.path() / "data" / "training" / name) << text;
  }
  static std::string Scenario(const std::string& id) {
    return "id = \"" + id +
           "\"\ntitle = \"Our own\"\n[request]\ntype = \"delete\"\n"
           "jurisdiction = \"US-CA\"\nchannel = \"the store's counter\"\n[[decision]]\n"
           "id = \"q\"\nquestion = \"Q?\"\nchoices = [{ id = \"a\", label = \"A\" }, "
           "{ id = \"b\", label = \"B\" }]\naccepted = [\"a\"]\nexplanation = \"Ours.\"\n";
  }
};

TEST_F(CompanyScenariosTest, TheCompanysFilesJoinTheShippedLibrary) {
  Write("store-counter.toml", Scenario("store-counter"));
  Write("notes.txt", "not a scenario: ignored");
  auto settings = app::Installation::LoadSettings(app::DataDir{data()});
  ASSERT_TRUE(settings) << settings.error().message();
  EXPECT_NE(settings->scenarios.Find("store-counter"), nullptr);
  EXPECT_NE(settings->scenarios.Find("clean-access"), nullptr);
  EXPECT_EQ(Cli({"report", "training"}).exit_code, 0);
}

TEST_F(CompanyScenariosTest, ABadOrDuplicateFileIsAClearErrorNamingIt) {
  Write("broken.toml", "id = \"broken\"\ntitle = ");
  ProcessResult broken = Cli({"report", "training"});
  EXPECT_EQ(broken.exit_code, 2) << broken.err;
  EXPECT_THAT(broken.err, HasSubstr("broken.toml"));
  std::filesystem::remove(dir_.path() / "data" / "training" / "broken.toml");
  Write("copy.toml", Scenario("clean-access"));
  ProcessResult duplicate = Cli({"report", "training"});
  EXPECT_EQ(duplicate.exit_code, 2) << duplicate.err;
  EXPECT_THAT(duplicate.err, HasSubstr("copy.toml"));
  EXPECT_THAT(duplicate.err, HasSubstr("defined twice"));
  std::filesystem::remove(dir_.path() / "data" / "training" / "copy.toml");
  std::string elsewhere = Scenario("elsewhere");
  elsewhere.replace(elsewhere.find("US-CA"), 5, "US-ZZ");
  Write("elsewhere.toml", elsewhere);
  ProcessResult unknown = Cli({"report", "training"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;
  EXPECT_THAT(unknown.err, HasSubstr("elsewhere.toml: [request] jurisdiction"));
}

}  // namespace
}  // namespace rightsdesk::testing
