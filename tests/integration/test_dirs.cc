#include "test_dirs.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rightsdesk::testing {
namespace {

std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

ScratchDir::ScratchDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "rightsdesk-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& input) {
  ScratchDir io;
  const auto in_path = io.path() / "in";
  const auto out_path = io.path() / "out";
  const auto err_path = io.path() / "err";
  std::ofstream(in_path, std::ios::binary) << input;
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (!std::freopen(in_path.c_str(), "r", stdin) ||
        !std::freopen(out_path.c_str(), "w", stdout) ||
        !std::freopen(err_path.c_str(), "w", stderr)) {
      ::_exit(127);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadWholeFile(out_path);
  result.err = ReadWholeFile(err_path);
  return result;
}

ProcessResult RunCli(const std::vector<std::string>& args, const std::string& input) {
  std::vector<std::string> argv{RIGHTSDESK_CLI};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProcess(argv, input);
}

ProcessResult CliInstallation::Cli(std::vector<std::string> args, const std::string& input) const {
  args.push_back("--data");
  args.push_back(data());
  return RunCli(args, input);
}

bool CliInstallation::InitWithDemoMap() const {
  if (Cli({"init"}).exit_code != 0) return false;
  const std::string demo = std::string(RIGHTSDESK_SOURCE_DIR) + "/demo/";
  std::filesystem::copy_file(demo + "chinook/Chinook_Sqlite.sqlite", data() + "/chinook.sqlite");
  std::filesystem::copy_file(demo + "datamap.toml", data() + "/datamap.toml");
  return true;
}

}  // namespace rightsdesk::testing
