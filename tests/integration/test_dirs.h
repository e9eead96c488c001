// Scratch directories and process helpers for the integration tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace rightsdesk::testing {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is the program path) to completion with `input` on stdin, capturing stdout
// and stderr.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& input = "");

// Runs the `rightsdesk` binary built beside the tests.
ProcessResult RunCli(const std::vector<std::string>& args, const std::string& input = "");

// An installation in a scratch directory, driven through the binary.
class CliInstallation {
 public:
  std::string data() const { return (dir_.path() / "data").string(); }
  std::filesystem::path db() const { return dir_.path() / "data" / "rightsdesk.db"; }
  // Runs a command against this installation (adds --data), with `input` on stdin.
  ProcessResult Cli(std::vector<std::string> args, const std::string& input = "") const;
  // `init`, then the demo's data map and its Chinook database copied in (scripts/run.sh does the
  // same). Returns false when init failed.
  bool InitWithDemoMap() const;

 protected:
  ScratchDir dir_;
};

}  // namespace rightsdesk::testing
