// `rightsdesk classify [--correct TYPE [--language L]]`: what a message asks for (docs/cli.md).
// Reads the message on stdin and prints {"type", "confidence", "language"}, a public contract.
// With an installation in --data it also learns from the staff's corrections; `--correct`
// records one.
#include <cmath>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "app/message_classifier.h"
#include "cli/cli_context.h"

namespace rightsdesk::cli {
namespace {

constexpr std::size_t kMaxMessage = 1 << 20;

Result<std::string> ReadMessage(std::istream& in) {
  std::string text;
  char buffer[8192];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxMessage) {
      return Fail(ErrorCode::kInvalidArgument, "the message on stdin is larger than 1 MiB");
    }
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "no message on stdin");
  }
  return text;
}

// The installation's corrections, or none when --data holds no installation.
Result<std::vector<store::ClassifierCorrection>> CorrectionsIfInstalled(const CliContext& context) {
  auto installation = context.OpenInstallation();
  if (!installation) {
    if (installation.error().code() == ErrorCode::kNotFound) {
      return std::vector<store::ClassifierCorrection>{};
    }
    return std::unexpected(installation.error());
  }
  return (*installation)->corrections().Corrections();
}

Result<void> Correct(CliContext& context, const std::string& text, const std::string& type,
                     std::string language) {
  auto installation = context.OpenInstallation();
  if (!installation) return std::unexpected(installation.error());
  if (language.empty()) {
    auto corrections = (*installation)->corrections().Corrections();
    if (!corrections) return std::unexpected(corrections.error());
    auto classifier = app::MessageClassifier::Load(*corrections);
    if (!classifier) return std::unexpected(classifier.error());
    language = classifier->Classify(text).language;
  }
  auto recorded = app::RecordCorrection((*installation)->corrections(), context.clock(),
                                        context.random(), text, type, language, context.actor());
  if (!recorded) return recorded;
  std::cout << "recorded: this message is " << type << " (" << language
            << "); the classifier learns it from now on\n";
  return {};
}

Result<void> Classify(const CliContext& context, const std::string& text) {
  auto corrections = CorrectionsIfInstalled(context);
  if (!corrections) return std::unexpected(corrections.error());
  auto classifier = app::MessageClassifier::Load(*corrections);
  if (!classifier) return std::unexpected(classifier.error());
  app::MessageClass found = classifier->Classify(text);
  nlohmann::ordered_json out = {{"type", found.type},
                                {"confidence", std::round(found.confidence * 1000) / 1000},
                                {"language", found.language}};
  std::cout << out.dump() << "\n";
  return {};
}

}  // namespace

void RegisterClassify(CLI::App& root, CliContext& context) {
  CLI::App* cmd = root.add_subcommand(
      "classify", "Read a message on stdin and print what it asks for, as JSON");
  context.AddDataOption(*cmd);
  auto correct = std::make_shared<std::string>();
  auto language = std::make_shared<std::string>();
  cmd->add_option("--correct", *correct,
                  "Record that the message is this type (or \"other\") instead of classifying it");
  cmd->add_option("--language", *language, "With --correct: the message's language (en, es)");
  cmd->callback([&context, correct, language] {
    auto run = [&]() -> Result<void> {
      auto message = ReadMessage(std::cin);
      if (!message) return std::unexpected(message.error());
      if (!correct->empty()) return Correct(context, *message, *correct, *language);
      return Classify(context, *message);
    };
    if (auto done = run(); !done) context.exit_code = context.Report(done.error());
  });
}

}  // namespace rightsdesk::cli
