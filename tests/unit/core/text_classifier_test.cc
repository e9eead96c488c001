// The classifier's features and its training on small hand-made examples.
#include "core/text_classifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

using ::testing::ElementsAre;

TEST(TextFeatures, WordsAreLowerCasedWithAccentsFoldedThenPairs) {
  EXPECT_THAT(TextFeatures("¿Borrar MI Información?"),
              ElementsAre("borrar", "mi", "informacion", "borrar+mi", "mi+informacion", "~borra",
                          "~infor"));
  EXPECT_THAT(TextFeatures("ÑANDÚ, ça"), ElementsAre("nandu", "ca", "nandu+ca"));
}

TEST(TextFeatures, OneLetterWordsAreDroppedAndAnyBytesAreAccepted) {
  EXPECT_THAT(TextFeatures("a b cd"), ElementsAre("cd"));
  std::string bytes = {'\xff', '\xc3', '\x00', 'x', 'y', '\xc2'};
  EXPECT_NO_THROW(TextFeatures(bytes));
  EXPECT_TRUE(TextFeatures("").empty());
}

TEST(TextClassifier, PicksTheLabelWhoseWordsTheTextShares) {
  std::vector<LabeledText> examples = {{"please delete my account", "delete"},
                                       {"erase all my data now", "delete"},
                                       {"send me a copy of my data", "access"},
                                       {"I want a copy of what you hold", "access"}};
  TextClassifier model = TextClassifier::Train(examples);
  Prediction erase = model.Classify("Delete everything and erase my account");
  EXPECT_EQ(erase.label, "delete");
  EXPECT_GT(erase.confidence, 0.5);
  EXPECT_LE(erase.confidence, 1.0);
  EXPECT_EQ(model.Classify("send a copy").label, "access");
}

TEST(TextClassifier, ATextOfUnknownWordsLeansToTheCommonerLabelWithoutConfidence) {
  std::vector<LabeledText> examples = {{"delete it", "delete"},
                                       {"remove it", "delete"},
                                       {"erase that", "delete"},
                                       {"copy please", "access"}};
  TextClassifier model = TextClassifier::Train(examples);
  Prediction unknown = model.Classify("zzz qqq");
  EXPECT_EQ(unknown.label, "delete");
  EXPECT_LT(unknown.confidence, 0.9);
}

TEST(TextClassifier, TheSameExamplesGiveTheSameModel) {
  std::vector<LabeledText> examples = {{"please delete my account", "delete"},
                                       {"send me a copy", "access"},
                                       {"stop selling my data", "opt_out"}};
  Prediction a = TextClassifier::Train(examples).Classify("delete a copy");
  Prediction b = TextClassifier::Train(examples).Classify("delete a copy");
  EXPECT_EQ(a.label, b.label);
  EXPECT_EQ(a.confidence, b.confidence);
}

}  // namespace
}  // namespace rightsdesk
