// `rightsdesk request verify REF --match | --declare NAME [--ip IP] | --send-code CONTACT |
// --code CODE [--contact CONTACT] | --account-token FILE | --agent-document FILE |
// --id-document FILE | --review-document ID --accept POINTS|--reject --reason WHY |
// --fail --reason WHY` and
// `rightsdesk request verification REF`: identity verification from the command line
// (app/verification.h; docs/verification.md).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/verification.h"
#include "app/verification_json.h"
#include "cli/cli_context.h"
#include "cli/fulfil_context.h"

namespace rightsdesk::cli {
namespace {

std::string Joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

void PrintText(const app::VerificationView& view) {
  const VerificationState& state = view.state;
  std::vector<std::string> points;
  for (DataPoint point : state.matched) points.emplace_back(Name(point));
  std::vector<std::string> confirmed;
  for (DataPoint point : state.confirmed) confirmed.emplace_back(Name(point));
  std::vector<std::string> awaiting;
  for (DataPoint point : state.awaiting_code) awaiting.emplace_back(Name(point));
  std::cout << view.request.reference << "  " << Name(view.request.type) << "  "
            << Name(view.request.status) << '\n'
            << "level:        " << Name(state.required.level) << " ("
            << app::RequirementText(state.required) << ")\n"
            << "matched:      "
            << (points.empty() ? std::string(view.matched_on_record ? "nothing" : "not yet matched")
                               : Joined(points, ", ") + " (" + state.matched_system + ")")
            << '\n';
  if (!awaiting.empty()) std::cout << "needs a code: " << Joined(awaiting, ", ") << '\n';
  std::cout << "confirmed:    " << (confirmed.empty() ? "nothing" : Joined(confirmed, ", "))
            << " (by one-time code)\n";
  if (!view.systems_failed.empty()) {
    std::cout << "not searched: " << Joined(view.systems_failed, ", ") << " (failed)\n";
  }
  for (const auto& d : view.declarations) {
    std::cout << "declaration:  signed " << FormatInstant(d.signed_at) << " (statement "
              << d.statement_version << ")\n";
  }
  if (view.declarations.empty()) std::cout << "declaration:  none\n";
  if (state.by_agent) {
    std::cout << "agent:        "
              << (state.agent_permission ? "permission on record" : "no permission yet") << "; "
              << (state.agent_confirmed ? "confirmed by the consumer" : "not confirmed") << '\n';
  }
  for (const auto& d : view.documents) {
    std::cout << "document:     " << d.kind << " " << d.id << " (" << d.size << " bytes, sha256 "
              << d.sha256 << ")\n";
  }
  std::cout << "missing:      " << (state.missing.empty() ? "nothing" : Joined(state.missing, "; "))
            << '\n'
            << "verified:     "
            << (state.verified ? (state.by_reauthentication ? "yes (re-authenticated)" : "yes")
                               : "no")
            << '\n';
  if (view.fallback) std::cout << "fallback:     " << *view.fallback << '\n';
}

void Print(const app::VerificationView& view, bool json) {
  if (json) {
    std::cout << app::VerificationJson(view).dump(2) << '\n';
  } else {
    PrintText(view);
  }
}

// Runs `work` with the verification use case; the data map is loaded when there is one.
template <typename Work>
int WithVerification(CliContext& context, Work work) {
  std::optional<DataMap> map;
  if (std::filesystem::exists(context.data_dir().datamap())) {
    auto loaded = LoadMap(context);
    if (!loaded) return context.Report(loaded.error());
    map = std::move(*loaded);
  }
  auto installation = context.OpenInstallation();
  if (!installation) return context.Report(installation.error());
  app::Services services = context.ServicesOf(**installation);
  app::Verification verification(services, (*installation)->verification(), map ? &*map : nullptr,
                                 Opener(context.clock()), app::RetryPolicy{},
                                 VerificationOptionsOf((*installation)->config()));
  if (const auto* keys = (*installation)->account_token_keys()) {
    verification.AcceptAccountTokens(*keys, (*installation)->config().verification.account_token);
  }
  auto view = work(verification, (*installation)->codes());
  if (!view) return context.Report(view.error());
  return kExitOk;
}

struct VerifyArgs {
  std::string ref;
  bool match = false;
  std::string declare;  // the typed full name, when declaring
  bool declaring = false;
  std::string ip;
  std::string account_token;  // a file holding the token, or "-" for stdin
  bool fail = false;
  std::string reason;
  std::string send_code;  // "email" or "phone"
  std::string code;       // as the consumer read it out
  std::string contact = "email";
  std::string agent_document;  // a file: the consumer's signed permission for their agent
  bool power_of_attorney = false;
  std::string id_document;      // a file: a copy of the consumer's identity document
  std::string review_document;  // the id of an identity document decided on
  std::string accept;           // the points it vouches for ("name,address")
  bool reject = false;
  bool json = false;
};

Result<DataPoint> ContactArg(std::string_view name) {
  auto point = ParseDataPoint(name);
  if (!point || !IsContactPoint(*point)) {
    return Fail(ErrorCode::kInvalidArgument,
                "a code goes to 'email' or 'phone', not '" + std::string(name) + "'");
  }
  return *point;
}

// The consumer, who called in, confirms the agent who made their request.
Result<std::optional<app::VerificationView>> RunConsent(app::Verification& verification,
                                                        store::CodeStore& codes,
                                                        const VerifyArgs& args,
                                                        const std::string& actor) {
  if (args.send_code == "consent") {
    auto sent = verification.SendAgentConsentCode(args.ref, codes, actor);
    if (!sent) return std::unexpected(sent.error());
    std::cout << "code sent to the consumer's email; valid until "
              << FormatInstant(sent->expires_at) << '\n';
  }
  if (args.code.empty() || args.contact != "consent") {
    return std::optional<app::VerificationView>();
  }
  auto checked = verification.ConfirmAgent(args.ref, args.code, codes, actor);
  if (!checked) return std::unexpected(checked.error());
  if (checked->verdict.outcome != CodeOutcome::kAccepted) {
    return Fail(ErrorCode::kPermissionDenied,
                "the code was refused (" + std::string(Name(checked->verdict.outcome)) + ")");
  }
  return std::optional<app::VerificationView>(std::move(checked->view));
}

// Staff on the phone with a consumer who called in: send a code, then type what they read back.
Result<std::optional<app::VerificationView>> RunCode(app::Verification& verification,
                                                     store::CodeStore& codes,
                                                     const VerifyArgs& args,
                                                     const std::string& actor) {
  if (args.send_code == "consent" || args.contact == "consent") {
    return RunConsent(verification, codes, args, actor);
  }
  if (!args.send_code.empty()) {
    auto contact = ContactArg(args.send_code);
    if (!contact) return std::unexpected(contact.error());
    auto sent = verification.SendCode(args.ref, *contact, codes, actor);
    if (!sent) return std::unexpected(sent.error());
    std::cout << "code sent to the " << args.send_code << "; valid until "
              << FormatInstant(sent->expires_at) << '\n';
  }
  if (args.code.empty()) return std::optional<app::VerificationView>();
  auto contact = ContactArg(args.contact);
  if (!contact) return std::unexpected(contact.error());
  auto checked = verification.ConfirmCode(args.ref, *contact, args.code, codes, actor);
  if (!checked) return std::unexpected(checked.error());
  if (checked->verdict.outcome != CodeOutcome::kAccepted) {
    return Fail(ErrorCode::kPermissionDenied,
                "the code was refused (" + std::string(Name(checked->verdict.outcome)) + "; " +
                    std::to_string(checked->verdict.attempts_left) + " attempts left)");
  }
  return std::optional<app::VerificationView>(std::move(checked->view));
}

// The token from a file or stdin, never from the command line, where the process list and the
// shell's history would show it. Read up to a bound well above what the parser accepts.
Result<std::string> ReadAccountToken(const std::string& path) {
  constexpr std::streamsize kMaxRead = 64 * 1024;
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Fail(ErrorCode::kNotFound, "cannot read the account token file " + path);
  }
  std::istream& in = path == "-" ? std::cin : file;
  std::string token(static_cast<std::size_t>(kMaxRead) + 1, '\0');
  in.read(token.data(), kMaxRead + 1);
  token.resize(static_cast<std::size_t>(in.gcount()));
  if (token.size() > static_cast<std::size_t>(kMaxRead)) {
    return Fail(ErrorCode::kInvalidArgument, "the account token is far too long");
  }
  return token;
}

Result<app::VerificationView> AddDocumentFile(app::Verification& verification,
                                              const VerifyArgs& args, const std::string& path,
                                              std::string_view kind, const std::string& actor) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kInvalidArgument, "cannot read " + path);
  std::string bytes{std::istreambuf_iterator<char>(in), {}};
  return verification.AddDocument(args.ref,
                                  {.kind = std::string(kind),
                                   .filename = std::filesystem::path(path).filename().string(),
                                   .content_type = "application/octet-stream",
                                   .bytes = std::move(bytes)},
                                  actor);
}

// A reviewer's decision: `--accept name,address` or `--reject --reason WHY`.
Result<app::VerificationView> RunIdentityReview(app::Verification& verification,
                                                const VerifyArgs& args, const std::string& actor) {
  if (args.reject == !args.accept.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "--review-document needs --accept POINTS or --reject --reason WHY");
  }
  app::IdentityReview review{.accepted = !args.reject, .reason = args.reason};
  for (std::string_view rest = args.accept; !rest.empty();) {
    const std::size_t comma = rest.find(',');
    const std::string_view name = rest.substr(0, comma);
    auto point = ParseDataPoint(name);
    if (!point) {
      return Fail(ErrorCode::kInvalidArgument,
                  "--accept takes 'name', 'address' or both, not '" + std::string(name) + "'");
    }
    review.points.push_back(*point);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return verification.ReviewIdentityDocument(args.ref, args.review_document, review, actor);
}

Result<app::VerificationView> RunVerify(app::Verification& verification, store::CodeStore& codes,
                                        const VerifyArgs& args, const std::string& actor) {
  if (!args.review_document.empty()) return RunIdentityReview(verification, args, actor);
  if (!args.reason.empty() && !args.fail) {
    return Fail(ErrorCode::kInvalidArgument, "--reason goes with --fail or --reject");
  }
  if (args.fail) return verification.RecordFailure(args.ref, args.reason, actor);
  if (!args.account_token.empty()) {
    auto token = ReadAccountToken(args.account_token);
    if (!token) return std::unexpected(token.error());
    return verification.Reauthenticate(args.ref, *token, actor);
  }
  auto coded = RunCode(verification, codes, args, actor);
  if (!coded) return std::unexpected(coded.error());
  std::optional<app::VerificationView> view = std::move(*coded);
  if (args.match) {
    auto matched = verification.Match(args.ref, actor);
    if (!matched) return matched;
    view = std::move(*matched);
  }
  if (!args.agent_document.empty()) {
    auto added = AddDocumentFile(
        verification, args, args.agent_document,
        args.power_of_attorney ? app::kPowerOfAttorney : app::kAgentPermission, actor);
    if (!added) return added;
    view = std::move(*added);
  }
  if (!args.id_document.empty()) {
    auto added =
        AddDocumentFile(verification, args, args.id_document, app::kIdentityDocument, actor);
    if (!added) return added;
    view = std::move(*added);
  }
  if (args.declaring) {
    // Typed by staff from a declaration the consumer signed (on paper, by email).
    auto declared =
        verification.Declare(args.ref, {.full_name = args.declare, .ip = args.ip}, actor);
    if (!declared) return declared;
    view = std::move(*declared);
  }
  if (!view) return verification.Show(args.ref);
  return std::move(*view);
}

void RegisterVerify(CLI::App& parent, CliContext& context) {
  CLI::App* cmd =
      parent.add_subcommand("verify", "Verify a consumer's identity (docs/verification.md)");
  context.AddDataOption(*cmd);
  auto args = std::make_shared<VerifyArgs>();
  cmd->add_option("REF", args->ref, "Reference (RD-YYYY-NNNNN) or id")->required();
  auto* match = cmd->add_flag("--match", args->match,
                              "Match the consumer's identifiers against the data map's systems");
  auto* declare = cmd->add_option("--declare", args->declare,
                                  "Record a declaration signed under penalty of perjury: the "
                                  "full name as the consumer typed it");
  cmd->add_option("--ip", args->ip, "Where the declaration was signed from")->needs(declare);
  auto* fail = cmd->add_flag("--fail", args->fail,
                             "The proofs will not come: apply the fallback (access: answer as "
                             "categories; delete: deny and offer the opt-out)");
  auto* reason = cmd->add_option("--reason", args->reason,
                                 "Why verification failed (--fail), or why an identity document "
                                 "is rejected (--reject)");
  auto* send = cmd->add_option("--send-code", args->send_code,
                               "Send a one-time code to the consumer's 'email' or 'phone', or "
                               "'consent' (to confirm their agent)");
  auto* code = cmd->add_option("--code", args->code,
                               "The code the consumer read back: confirms the contact point");
  cmd->add_option("--contact", args->contact,
                  "What --code confirms: 'email' (default), 'phone', or 'consent' (the consumer "
                  "confirms their agent; send it with --send-code consent)")
      ->needs(code);
  auto* document = cmd->add_option("--agent-document", args->agent_document,
                                   "A file: the consumer's signed permission for their agent");
  cmd->add_flag("--power-of-attorney", args->power_of_attorney,
                "The --agent-document is a power of attorney")
      ->needs(document);
  cmd->add_option("--id-document", args->id_document,
                  "A file: a copy of the consumer's identity document, for a reviewer (§7060)");
  auto* review = cmd->add_option("--review-document", args->review_document,
                                 "Decide on an identity document (its id, from `request "
                                 "verification`); it is erased with the decision");
  cmd->add_option("--accept", args->accept,
                  "The points the document shows as the records hold them: name, address")
      ->type_name("POINTS")
      ->needs(review);
  cmd->add_flag("--reject", args->reject, "The document does not verify the consumer")
      ->needs(review);
  review->excludes(match)
      ->excludes(declare)
      ->excludes(send)
      ->excludes(code)
      ->excludes(document)
      ->excludes(fail);
  fail->needs(reason)->excludes(match)->excludes(declare)->excludes(send)->excludes(code);
  cmd->add_option("--account-token", args->account_token,
                  "Re-authenticate an account holder with a token (JWT) from the company's "
                  "login, read from FILE or '-' for stdin")
      ->type_name("FILE")
      ->excludes(match)
      ->excludes(declare)
      ->excludes(send)
      ->excludes(code)
      ->excludes(document)
      ->excludes(fail);
  cmd->add_flag("--json", args->json, "Print the verification as JSON");
  cmd->callback([&context, args, declare] {
    args->declaring = declare->count() > 0;
    context.exit_code =
        WithVerification(context, [&](app::Verification& verification, store::CodeStore& codes) {
          auto view = RunVerify(verification, codes, *args, context.actor());
          if (view) Print(*view, args->json);
          return view;
        });
  });
}

void RegisterVerification(CLI::App& parent, CliContext& context) {
  CLI::App* cmd = parent.add_subcommand(
      "verification", "The verification level of a request, the proofs in and what is missing");
  context.AddDataOption(*cmd);
  auto ref = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("REF", *ref, "Reference (RD-YYYY-NNNNN) or id")->required();
  cmd->add_flag("--json", *json, "Print the verification as JSON");
  cmd->callback([&context, ref, json] {
    context.exit_code =
        WithVerification(context, [&](app::Verification& verification, store::CodeStore&) {
          auto view = verification.Show(*ref);
          if (view) Print(*view, *json);
          return view;
        });
  });
}

}  // namespace

void AddVerificationCommands(CLI::App& request, CliContext& context) {
  RegisterVerify(request, context);
  RegisterVerification(request, context);
}

}  // namespace rightsdesk::cli
