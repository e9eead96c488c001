#include "core/text_classifier.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <random>

namespace rightsdesk {
namespace {

// The ASCII letter for a Latin-1 letter encoded as 0xC3 `second`, or 0 when it is none.
char FoldLatin1(unsigned char second) {
  // After 0xC3, 0x80..0x9F are À..ß and 0xA0..0xBF à..ÿ, in the same order.
  static constexpr char kFolded[] = "aaaaaaaceeeeiiiidnooooo ouuuuyts";
  if (second < 0x80 || second > 0xBF) return 0;
  char c = kFolded[(second - 0x80) & 0x1F];
  return c == ' ' ? 0 : c;
}

}  // namespace

std::vector<std::string> FoldedWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() > 1) words.push_back(word);
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) {
        word += static_cast<char>(std::tolower(c));
      } else {
        flush();
      }
    } else if (c == 0xC3 && i + 1 < text.size() &&
               FoldLatin1(static_cast<unsigned char>(text[i + 1])) != 0) {
      word += FoldLatin1(static_cast<unsigned char>(text[++i]));
    } else if (c == 0xC2) {  // Latin-1 punctuation and symbols (¿ ¡ « » ...): a separator
      flush();
      ++i;
    } else {
      word += static_cast<char>(c);  // other scripts: kept as they are
    }
  }
  flush();
  return words;
}

namespace {

using Vector = std::vector<std::pair<const std::string*, double>>;

// Feature counts scaled to unit length, so long and short messages weigh alike. The pointers
// refer into `features`.
Vector Normalised(const std::vector<std::string>& features) {
  std::map<std::string_view, double> counts;
  for (const std::string& feature : features) counts[feature] += 1;
  double norm = 0;
  for (const auto& [feature, n] : counts) norm += n * n;
  norm = std::sqrt(norm);
  Vector out;
  for (const std::string& feature : features) {
    auto it = counts.find(feature);
    if (it == counts.end()) continue;  // already added
    out.emplace_back(&feature, it->second / norm);
    counts.erase(it);
  }
  return out;
}

std::vector<double> Softmax(std::vector<double> scores) {
  const double top = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (double& s : scores) sum += (s = std::exp(s - top));
  for (double& s : scores) s /= sum;
  return scores;
}

}  // namespace

std::vector<std::string> TextFeatures(std::string_view text) {
  std::vector<std::string> features = FoldedWords(text);
  const std::size_t words = features.size();
  for (std::size_t i = 0; i + 1 < words; ++i) {
    features.push_back(features[i] + "+" + features[i + 1]);
  }
  for (std::size_t i = 0; i < words; ++i) {
    if (features[i].size() > 5) features.push_back("~" + features[i].substr(0, 5));
  }
  return features;
}

TextClassifier TextClassifier::Train(std::span<const LabeledText> examples,
                                     TrainingOptions options) {
  TextClassifier model;
  for (const LabeledText& example : examples) model.labels_.push_back(example.label);
  std::sort(model.labels_.begin(), model.labels_.end());
  model.labels_.erase(std::unique(model.labels_.begin(), model.labels_.end()), model.labels_.end());
  const std::size_t k = model.labels_.size();
  model.bias_.assign(k, 0.0);
  std::vector<std::vector<std::string>> features;
  std::vector<std::size_t> truth;
  for (const LabeledText& example : examples) {
    features.push_back(TextFeatures(example.text));
    truth.push_back(static_cast<std::size_t>(
        std::lower_bound(model.labels_.begin(), model.labels_.end(), example.label) -
        model.labels_.begin()));
  }
  std::vector<Vector> inputs;
  for (const auto& f : features) inputs.push_back(Normalised(f));
  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 shuffle(options.seed);
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) {  // Fisher-Yates: the same on every platform
      std::swap(order[i - 1], order[shuffle() % i]);
    }
    for (std::size_t n : order) {
      std::vector<double> scores = model.bias_;
      for (const auto& [feature, value] : inputs[n]) {
        auto it = model.weights_.find(*feature);
        if (it == model.weights_.end()) continue;
        for (std::size_t c = 0; c < k; ++c) scores[c] += it->second[c] * value;
      }
      std::vector<double> p = Softmax(std::move(scores));
      for (std::size_t c = 0; c < k; ++c) {
        const double gradient = p[c] - (c == truth[n] ? 1.0 : 0.0);
        model.bias_[c] -= options.learning_rate * gradient;
        for (const auto& [feature, value] : inputs[n]) {
          auto [it, added] = model.weights_.try_emplace(*feature, k, 0.0);
          double& w = it->second[c];
          w -= options.learning_rate * (gradient * value + options.l2 * w);
        }
      }
    }
  }
  return model;
}

std::vector<double> TextClassifier::Scores(std::string_view text) const {
  std::vector<double> scores = bias_;
  std::vector<std::string> features = TextFeatures(text);
  for (const auto& [feature, value] : Normalised(features)) {
    auto it = weights_.find(*feature);
    if (it == weights_.end()) continue;
    for (std::size_t c = 0; c < scores.size(); ++c) scores[c] += it->second[c] * value;
  }
  return scores;
}

Prediction TextClassifier::Classify(std::string_view text) const {
  std::vector<double> p = Softmax(Scores(text));
  const std::size_t best =
      static_cast<std::size_t>(std::max_element(p.begin(), p.end()) - p.begin());
  return {.label = labels_[best], .confidence = p[best]};
}

}  // namespace rightsdesk
