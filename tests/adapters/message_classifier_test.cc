// The message classifier measured on the held-out set (classifier/heldout.jsonl): per-class
// precision and recall, macro-F1 (goal: at least 0.90) and language accuracy, printed by the test.
#include "app/message_classifier.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace rightsdesk::app {
namespace {

std::vector<ClassifierExample> Read(const std::string& name) {
  std::ifstream in(std::string(RIGHTSDESK_CLASSIFIER_DIR) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  auto examples = ParseClassifierExamples(text.str(), name);
  EXPECT_TRUE(examples) << examples.error().message();
  return examples ? *examples : std::vector<ClassifierExample>{};
}

TEST(MessageClassifier, HeldOutMacroF1IsAtLeast90Percent) {
  MessageClassifier classifier = MessageClassifier::Train(Read("train.jsonl"));
  std::vector<ClassifierExample> heldout = Read("heldout.jsonl");
  ASSERT_GE(heldout.size(), 100U);
  std::map<std::string, int> true_positive, predicted, actual;
  std::set<std::string> labels;
  int languages_right = 0, triaged = 0, triaged_wrong = 0, wrong = 0;
  std::vector<std::pair<double, bool>> confidences;  // and whether the type was right
  for (const ClassifierExample& example : heldout) {
    MessageClass found = classifier.Classify(example.text);
    confidences.emplace_back(found.confidence, found.type == example.type);
    labels.insert(example.type);
    ++actual[example.type];
    ++predicted[found.type];
    if (found.type == example.type)
      ++true_positive[example.type];
    else
      ++wrong;
    if (found.language == example.language) ++languages_right;
    if (found.needs_triage) {
      ++triaged;
      if (found.type != example.type) ++triaged_wrong;
    }
  }
  double f1_sum = 0;
  std::printf("[ classifier ] %-11s %9s %9s %9s\n", "type", "precision", "recall", "F1");
  for (const std::string& label : labels) {
    double precision = predicted[label] ? double(true_positive[label]) / predicted[label] : 0;
    double recall = double(true_positive[label]) / actual[label];
    double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    f1_sum += f1;
    std::printf("[ classifier ] %-11s %9.3f %9.3f %9.3f\n", label.c_str(), precision, recall, f1);
  }
  double macro_f1 = f1_sum / static_cast<double>(labels.size());
  double language_accuracy = double(languages_right) / static_cast<double>(heldout.size());
  std::printf("[ classifier ] macro-F1 %.3f on %zu held-out messages; language accuracy %.3f\n",
              macro_f1, heldout.size(), language_accuracy);
  std::printf(
      "[ classifier ] sent to triage: %d (of them misclassified: %d); misclassified "
      "without triage: %d\n",
      triaged, triaged_wrong, wrong - triaged_wrong);
  for (double threshold : {0.3, 0.4, 0.5, 0.6, 0.7}) {
    int below = 0, wrong_below = 0;
    for (auto [confidence, right] : confidences) {
      if (confidence < threshold) {
        ++below;
        if (!right) ++wrong_below;
      }
    }
    std::printf("[ classifier ] triage below %.1f: %d messages, %d of the %d misclassified\n",
                threshold, below, wrong_below, wrong);
  }
  EXPECT_GE(macro_f1, 0.90);
  EXPECT_LE(wrong - triaged_wrong, static_cast<int>(heldout.size()) / 20)
      << "more than 5% of messages misclassified without going to a person";
  EXPECT_GE(language_accuracy, 0.98);
}

TEST(MessageClassifier, TheCompiledInExamplesLoad) {
  auto classifier = MessageClassifier::Load();
  ASSERT_TRUE(classifier) << classifier.error().message();
  MessageClass found = classifier->Classify(
      "Hola, quiero que borren todos mis datos personales y cierren mi cuenta. Gracias.");
  EXPECT_EQ(found.type, "delete");
  EXPECT_EQ(found.language, "es");
}

TEST(MessageClassifier, MalformedExamplesAreRefusedWithTheirLine) {
  for (std::string_view bad :
       {R"({"text":"x","type":"delete"})", R"({"text":"x","type":"erase","language":"en"})",
        R"({"text":"x","type":"delete","language":"fr"})", "not json"}) {
    std::string jsonl = std::string(R"({"text":"ok","type":"access","language":"en"})") + "\n" +
                        std::string(bad) + "\n";
    auto parsed = ParseClassifierExamples(jsonl, "test.jsonl");
    ASSERT_FALSE(parsed) << bad;
    EXPECT_NE(parsed.error().message().find("test.jsonl line 2"), std::string::npos)
        << parsed.error().message();
  }
}

}  // namespace
}  // namespace rightsdesk::app
