// Runs a fuzz target without libFuzzer, in two ways:
//   fuzz_<name> DIR|FILE...               every file once: the seed corpus as a regression test
//                                          in ordinary builds (and under the sanitizers in asan);
//   fuzz_<name> --mutate SECONDS DIR...   random mutations of the corpus for that long, for
//                                          machines without a libFuzzer that can build the code
//                                          (fuzz/README.md). Blind (no coverage feedback), so
//                                          weaker than libFuzzer, but it runs under ASan/UBSan.
// When a mutated input crashes the target, it is written to ./crash-<target> first.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "fuzz_target.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<Bytes> ReadInputs(int argc, char** argv, int first) {
  std::vector<Bytes> inputs;
  for (int i = first; i < argc; ++i) {
    std::filesystem::path arg(argv[i]);
    if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file()) inputs.push_back(ReadFile(entry.path()));
      }
    } else {
      inputs.push_back(ReadFile(arg));
    }
  }
  return inputs;
}

void Run(const Bytes& input) { LLVMFuzzerTestOneInput(input.data(), input.size()); }

// The input being run, written out if the target dies on it (signal or sanitizer report).
Bytes g_current;
char g_crash_path[256] = "crash-input";

void SaveCurrent() {
  int fd = ::open(g_crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  (void)!::write(fd, g_current.data(), g_current.size());
  ::close(fd);
}

void OnFatalSignal(int signal) {
  SaveCurrent();
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

class Mutator {
 public:
  explicit Mutator(const std::vector<Bytes>& corpus) : corpus_(corpus) {}

  Bytes Next() {
    Bytes data = corpus_[Pick(corpus_.size())];
    const std::size_t edits = 1 + Pick(8);
    for (std::size_t i = 0; i < edits; ++i) Edit(data);
    if (data.size() > 1 << 20) data.resize(1 << 20);
    return data;
  }

 private:
  std::size_t Pick(std::size_t n) { return n == 0 ? 0 : rng_() % n; }

  void Edit(Bytes& d) {
    switch (Pick(7)) {
      case 0:  // flip a bit
        if (!d.empty()) d[Pick(d.size())] ^= static_cast<std::uint8_t>(1U << Pick(8));
        break;
      case 1:  // an interesting byte
        if (!d.empty()) {
          static constexpr std::uint8_t kBytes[] = {0,   0x7F, 0x80, 0xFF, '\r', '\n', '<',  '>',
                                                    '"', '=',  ';',  ':',  '-',  '&',  '\\', '?'};
          d[Pick(d.size())] = kBytes[Pick(sizeof kBytes)];
        }
        break;
      case 2:  // delete a range
        if (!d.empty()) {
          std::size_t at = Pick(d.size());
          d.erase(d.begin() + static_cast<std::ptrdiff_t>(at),
                  d.begin() + static_cast<std::ptrdiff_t>(std::min(d.size(), at + 1 + Pick(64))));
        }
        break;
      case 3:  // duplicate a range
        if (!d.empty()) {
          std::size_t at = Pick(d.size());
          std::size_t len = std::min(d.size() - at, 1 + Pick(256));
          Bytes copy(d.begin() + static_cast<std::ptrdiff_t>(at),
                     d.begin() + static_cast<std::ptrdiff_t>(at + len));
          d.insert(d.begin() + static_cast<std::ptrdiff_t>(Pick(d.size() + 1)), copy.begin(),
                   copy.end());
        }
        break;
      case 4: {  // splice in a piece of another input
        const Bytes& other = corpus_[Pick(corpus_.size())];
        if (other.empty()) break;
        std::size_t at = Pick(other.size());
        std::size_t len = std::min(other.size() - at, 1 + Pick(512));
        d.insert(d.begin() + static_cast<std::ptrdiff_t>(Pick(d.size() + 1)),
                 other.begin() + static_cast<std::ptrdiff_t>(at),
                 other.begin() + static_cast<std::ptrdiff_t>(at + len));
        break;
      }
      case 5:  // random bytes
        for (std::size_t n = 1 + Pick(16); n > 0; --n) {
          d.insert(d.begin() + static_cast<std::ptrdiff_t>(Pick(d.size() + 1)),
                   static_cast<std::uint8_t>(rng_()));
        }
        break;
      default:  // truncate
        if (!d.empty()) d.resize(Pick(d.size()));
        break;
    }
  }

  const std::vector<Bytes>& corpus_;
  std::mt19937_64 rng_{std::random_device{}()};
};

int Mutate(const char* target, double seconds, const std::vector<Bytes>& corpus) {
  std::snprintf(g_crash_path, sizeof g_crash_path, "crash-%s",
                std::filesystem::path(target).filename().c_str());
  for (int s : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) ::signal(s, OnFatalSignal);
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_set_death_callback(SaveCurrent);
#endif
  Mutator mutator(corpus);
  const auto start = std::chrono::steady_clock::now();
  const auto until = start + std::chrono::duration<double>(seconds);
  std::uint64_t runs = 0;
  while (std::chrono::steady_clock::now() < until) {
    for (int i = 0; i < 100; ++i, ++runs) {
      g_current = mutator.Next();
      Run(g_current);
    }
  }
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("mutate: %llu inputs in %.0f s (%.0f/s) without a crash\n",
              static_cast<unsigned long long>(runs), took, static_cast<double>(runs) / took);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const bool mutate = argc >= 3 && std::strcmp(argv[1], "--mutate") == 0;
  std::vector<Bytes> inputs = ReadInputs(argc, argv, mutate ? 3 : 1);
  if (inputs.empty()) {
    std::fprintf(stderr, "replay: no inputs\n");
    return 1;
  }
  if (mutate) return Mutate(argv[0], std::atof(argv[2]), inputs);
  for (const Bytes& input : inputs) Run(input);
  std::printf("replay: %zu inputs ran without a crash\n", inputs.size());
  return 0;
}
