// A fresh installation in a scratch directory, opened with the test's clock, for the tests that
// drive the use cases in process (outbox, scheduler, email intake).
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>

#include "app/installation.h"

namespace rightsdesk::testing {

// Throws (failing the test) when the installation cannot be made.
inline std::unique_ptr<app::Installation> NewInstallation(const std::filesystem::path& scratch,
                                                          const Clock& clock) {
  app::DataDir dir{scratch / "data"};
  if (auto made = app::Installation::Init(dir, clock, "test"); !made) {
    throw std::runtime_error("init: " + made.error().message());
  }
  auto opened = app::Installation::Open(dir, clock);
  if (!opened) throw std::runtime_error("open: " + opened.error().message());
  return std::move(*opened);
}

}  // namespace rightsdesk::testing
