#include "core/feedback.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/text.h"

namespace rightsdesk {
namespace {

// Small lists of the words that say nothing on their own, English and Spanish, as folded.
constexpr std::array<std::string_view, 127> kFeedbackStopWords = {
    "the",   "and",   "for",   "are",   "but",     "not",   "you",    "your",   "was",     "were",
    "with",  "this",  "that",  "have",  "has",     "had",   "they",   "them",   "their",   "there",
    "what",  "when",  "which", "who",   "will",    "would", "could",  "should", "can",     "did",
    "does",  "from",  "into",  "about", "been",    "being", "very",   "just",   "too",     "than",
    "then",  "also",  "more",  "most",  "some",    "any",   "all",    "out",    "our",     "ours",
    "its",   "his",   "her",   "she",   "him",     "how",   "why",    "where",  "after",   "before",
    "again", "only",  "over",  "such",  "because", "while", "these",  "those",  "other",   "each",
    "get",   "got",   "one",   "may",   "might",   "must",  "yes",    "really", "des",     "los",
    "las",   "del",   "por",   "para",  "con",     "una",   "uno",    "unos",   "unas",    "que",
    "qué",   "como",  "cómo",  "pero",  "más",     "muy",   "sin",    "sus",    "este",    "esta",
    "esto",  "estos", "estas", "ese",   "esa",     "eso",   "fue",    "ser",    "son",     "está",
    "están", "hay",   "mis",   "nos",   "les",     "todo",  "cuando", "porque", "también", "tiene",
    "han",   "sobre", "entre", "desde", "hasta",   "nada",  "ni"};

bool IsFeedbackStopWord(std::string_view word) {
  return std::find(kFeedbackStopWords.begin(), kFeedbackStopWords.end(), word) !=
         kFeedbackStopWords.end();
}

bool IsFeedbackWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Appends the folded letter starting at text[i] (ASCII or a two-byte Latin-1 letter) and returns
// its length in bytes; 0 when text[i] starts no letter or digit (a separator).
std::size_t AppendFoldedLetter(std::string_view text, std::size_t i, std::string& out) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    if (!IsFeedbackWordByte(c)) return 0;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
    return 1;
  }
  if (c == 0xC3 && i + 1 < text.size()) {
    auto next = static_cast<unsigned char>(text[i + 1]);
    // U+00C0..U+00DE are capitals (but × U+00D7), U+00DF..U+00FF small letters (but ÷ U+00F7).
    if (next == 0x97 || next == 0xB7) return 0;
    if (next >= 0x80 && next <= 0x9E) next = static_cast<unsigned char>(next + 0x20);
    out.push_back(static_cast<char>(c));
    out.push_back(static_cast<char>(next));
    return 2;
  }
  if (c >= 0xC4) {  // another script's letter: kept as it is, whole
    std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    // General punctuation (U+2000..U+206F: dashes, quotes, ellipsis) separates words.
    if (c == 0xE2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      return 0;
    }
    length = std::min(length, text.size() - i);
    out.append(text.substr(i, length));
    return length;
  }
  return 0;  // Latin-1 punctuation (¡ ¿ « »), stray bytes
}

std::size_t FeedbackLetters(std::string_view word) {
  return static_cast<std::size_t>(std::count_if(word.begin(), word.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool FeedbackAllDigits(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct FeedbackSums {
  std::int64_t answers = 0;
  std::int64_t low = 0;
  std::int64_t total = 0;
};

FeedbackGroup FeedbackGroupOf(std::string key, const FeedbackSums& sums) {
  return {.key = std::move(key),
          .answers = sums.answers,
          .low = sums.low,
          .average = sums.answers == 0
                         ? 0.0
                         : static_cast<double>(sums.total) / static_cast<double>(sums.answers)};
}

void AddToFeedbackSums(FeedbackSums& sums, const FeedbackEntry& entry) {
  ++sums.answers;
  sums.total += entry.score;
  if (entry.score <= kLowFeedbackScore) ++sums.low;
}

}  // namespace

bool InvitesFeedback(Status status) {
  return IsTerminal(status) && status != Status::kClosedDuplicate;
}

Result<std::string> CheckFeedback(int score, std::string_view comment) {
  if (score < kMinFeedbackScore || score > kMaxFeedbackScore) {
    return Fail(ErrorCode::kInvalidArgument, "score must be a whole number from 1 to 5", "/score");
  }
  return CleanText(comment, {.max_bytes = kMaxFeedbackCommentBytes, .allow_newlines = true},
                   "/comment");
}

namespace {

// Splits `text` into words as FeedbackTerms compares them, and calls `keep(word)` for a kept one
// and `drop()` for a dropped one (a stop-word, short, a number), in order.
template <typename Keep, typename Drop>
void ForEachFeedbackWord(std::string_view text, Keep keep, Drop drop) {
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (FeedbackLetters(word) >= 3 && !FeedbackAllDigits(word) && !IsFeedbackStopWord(word)) {
      keep(word);
    } else {
      drop();
    }
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    std::size_t used = AppendFoldedLetter(text, i, word);
    if (used == 0) {
      flush();
      ++i;
    } else {
      i += used;
    }
  }
  flush();
}

}  // namespace

std::vector<std::string> FeedbackTerms(std::string_view text) {
  std::vector<std::string> terms;
  ForEachFeedbackWord(
      text, [&](const std::string& word) { terms.push_back(word); }, [] {});
  return terms;
}

std::vector<std::string> FeedbackPhrases(std::string_view text) {
  std::vector<std::string> phrases;
  std::string previous;  // the last kept word, when nothing was dropped since
  ForEachFeedbackWord(
      text,
      [&](const std::string& word) {
        if (!previous.empty() && previous != word) phrases.push_back(previous + " " + word);
        previous = word;
      },
      [&] { previous.clear(); });
  return phrases;
}

std::vector<TermCount> RecurringComplaints(std::span<const FeedbackEntry> entries,
                                           std::size_t max_terms) {
  std::map<std::string, std::int64_t> counts;
  for (const FeedbackEntry& entry : entries) {
    if (entry.score > kLowFeedbackScore || entry.comment.empty()) continue;
    auto terms = FeedbackTerms(entry.comment);
    auto phrases = FeedbackPhrases(entry.comment);
    std::set<std::string> once(terms.begin(), terms.end());
    once.insert(phrases.begin(), phrases.end());
    for (const std::string& term : once) ++counts[term];
  }
  std::vector<TermCount> phrases;
  for (const auto& [term, count] : counts) {
    if (count >= 2 && term.find(' ') != std::string::npos) phrases.push_back({term, count});
  }
  auto said_by_a_phrase = [&](const std::string& word, std::int64_t count) {
    return std::any_of(phrases.begin(), phrases.end(), [&](const TermCount& p) {
      const std::size_t space = p.term.find(' ');
      const bool first = space == word.size() && p.term.compare(0, space, word) == 0;
      const bool second = p.term.compare(space + 1, std::string::npos, word) == 0;
      return p.count >= count && (first || second);
    });
  };
  std::vector<TermCount> out = phrases;
  for (const auto& [term, count] : counts) {
    if (count >= 2 && term.find(' ') == std::string::npos && !said_by_a_phrase(term, count)) {
      out.push_back({term, count});
    }
  }
  std::sort(out.begin(), out.end(), [](const TermCount& a, const TermCount& b) {
    const bool a_phrase = a.term.find(' ') != std::string::npos;
    const bool b_phrase = b.term.find(' ') != std::string::npos;
    if (a.count != b.count) return a.count > b.count;
    if (a_phrase != b_phrase) return a_phrase;
    return a.term < b.term;
  });
  if (out.size() > max_terms) out.resize(max_terms);
  return out;
}

FeedbackSummary SummarizeFeedback(std::span<const FeedbackEntry> entries, std::size_t max_terms) {
  FeedbackSummary summary;
  FeedbackSums all;
  std::map<RequestType, FeedbackSums> types;
  std::map<std::string, FeedbackSums> channels;
  std::map<std::string, FeedbackSums> stages;
  for (const FeedbackEntry& entry : entries) {
    AddToFeedbackSums(all, entry);
    AddToFeedbackSums(types[entry.type], entry);
    AddToFeedbackSums(channels[std::string(Name(entry.channel))], entry);
    AddToFeedbackSums(stages[std::string(Name(entry.stage))], entry);
  }
  summary.answers = all.answers;
  summary.average = FeedbackGroupOf("", all).average;
  for (RequestType type : kAllRequestTypes) {
    summary.by_type.push_back(FeedbackGroupOf(std::string(Name(type)), types[type]));
  }
  for (const auto& [key, sums] : channels) summary.by_channel.push_back(FeedbackGroupOf(key, sums));
  for (const auto& [key, sums] : stages) summary.by_stage.push_back(FeedbackGroupOf(key, sums));
  summary.complaints = RecurringComplaints(entries, max_terms);
  return summary;
}

}  // namespace rightsdesk
