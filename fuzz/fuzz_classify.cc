// A message as anyone may write it (an email body, a form's free text), through the classifier's
// features and a small model, and as a line of classifier examples (a correction file).
#include <string_view>

#include "app/message_classifier.h"
#include "core/text_classifier.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rightsdesk;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const TextClassifier model = TextClassifier::Train(std::vector<LabeledText>{
      {"please delete my account", "delete"}, {"send me a copy of my data", "access"}});
  (void)TextFeatures(text);
  (void)model.Classify(text);
  (void)app::ParseClassifierExamples(text, "fuzz");
  return 0;
}
