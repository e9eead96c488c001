// Helper process for crash_test: submits requests from several threads as fast as it can and
// prints each reference on stdout only after the store has reported it durable. The test kills
// it with SIGKILL at a random moment.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/installation.h"
#include "app/intake.h"
#include "platform/system_clock.h"
#include "platform/tz_time_zones.h"
#include "security/sodium_random.h"

int main(int argc, char** argv) {
  using namespace rightsdesk;
  if (argc != 3) {
    std::fprintf(stderr, "usage: crash_child DATA_DIR THREADS\n");
    return 2;
  }
  platform::SystemClock clock;
  platform::TzTimeZones zones;
  auto installation = app::Installation::Open({argv[1]}, clock);
  if (!installation) {
    std::fprintf(stderr, "crash_child: %s\n", installation.error().message().c_str());
    return 1;
  }
  std::mutex out;
  std::vector<std::thread> threads;
  for (int t = 0; t < std::atoi(argv[2]); ++t) {
    threads.emplace_back([&, t] {
      security::SodiumRandom random;
      app::Services services{(*installation)->ruleset(), (*installation)->requests(), clock, zones,
                             random};
      for (int i = 0;; ++i) {
        app::IntakeForm form{.type = i % 2 ? "access" : "delete",
                             .email = "crash" + std::to_string(t) + "@example.com"};
        auto stored = app::SubmitRequest(services, form, "crash-test");
        if (!stored) {
          std::fprintf(stderr, "crash_child: %s\n", stored.error().message().c_str());
          std::_Exit(1);
        }
        std::string line = stored->request.reference + "\n";
        std::lock_guard lock(out);
        // write(2), not stdio: what the parent reads left this process before the kill.
        if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) std::_Exit(1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
}
