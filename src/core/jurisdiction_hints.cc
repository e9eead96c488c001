#include "core/jurisdiction_hints.h"

#include <algorithm>
#include <array>

#include "core/text_classifier.h"

namespace rightsdesk {
namespace {

struct Cue {
  std::string_view word;  // folded, as FoldedWords gives it
  std::string_view jurisdiction;
};

// Names of the states and their laws, and the EU's, in English and Spanish. Words that are
// also common words ("cpa", "colorado" as a colour in Spanish) are left out.
constexpr std::array kCues = {
    Cue{"california", "US-CA"}, Cue{"californian", "US-CA"}, Cue{"ccpa", "US-CA"},
    Cue{"cpra", "US-CA"},       Cue{"virginia", "US-VA"},    Cue{"vcdpa", "US-VA"},
    Cue{"cdpa", "US-VA"},       Cue{"connecticut", "US-CT"}, Cue{"ctdpa", "US-CT"},
    Cue{"utah", "US-UT"},       Cue{"ucpa", "US-UT"},        Cue{"texas", "US-TX"},
    Cue{"tdpsa", "US-TX"},      Cue{"oregon", "US-OR"},      Cue{"ocpa", "US-OR"},
    Cue{"gdpr", "EU"},          Cue{"rgpd", "EU"},           Cue{"dsgvo", "EU"},
};

}  // namespace

std::vector<std::string> JurisdictionHints(std::string_view text) {
  std::vector<std::string> hints;
  const std::vector<std::string> words = FoldedWords(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view found;
    for (const Cue& cue : kCues) {
      if (words[i] == cue.word) found = cue.jurisdiction;
    }
    // "Colorado Privacy Act", "Colorado resident": the state, not the colour.
    if (words[i] == "colorado" && i + 1 < words.size() &&
        (words[i + 1] == "privacy" || words[i + 1] == "resident" || words[i + 1] == "law")) {
      found = "US-CO";
    }
    if (words[i] == "european" && i + 1 < words.size() && words[i + 1] == "union") found = "EU";
    if (words[i] == "union" && i + 1 < words.size() && words[i + 1] == "europea") found = "EU";
    if (!found.empty() && std::ranges::find(hints, found) == hints.end()) {
      hints.emplace_back(found);
    }
  }
  return hints;
}

}  // namespace rightsdesk
