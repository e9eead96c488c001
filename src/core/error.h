// Errors are values. An Error carries a canonical code (what kind of failure, so callers branch on
// it) and a message that grows context as it travels up ("extending RD-2026-00042: ...").
// The code maps one-to-one onto an HTTP problem status and a CLI exit code, each in one place
// (http/problem.cc, cli/exit_codes.cc).
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace rightsdesk {

enum class ErrorCode {
  kInvalidArgument,     // the caller's input is malformed or out of range (CLI 2, HTTP 422/400)
  kNotFound,            // the named thing does not exist (CLI 2, HTTP 404)
  kAlreadyExists,       // creating something that is already there (CLI 2, HTTP 409)
  kFailedPrecondition,  // valid input, but the current state forbids it (CLI 2, HTTP 409)
  kConflict,            // a concurrent change won; retrying may succeed (CLI 1, HTTP 409)
  kUnauthenticated,     // no valid credentials (CLI 2, HTTP 401)
  kPermissionDenied,    // credentials lack the role (CLI 2, HTTP 403)
  kResourceExhausted,   // a limit was reached (CLI 1, HTTP 429)
  kUnavailable,         // a dependency is down; retry later (CLI 1, HTTP 503)
  kDataLoss,            // stored data is corrupt or was tampered with (CLI 3, HTTP 500)
  kInternal,            // a bug or an unexpected failure of the platform (CLI 1, HTTP 500)
};

std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Error {
 public:
  Error(ErrorCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field at fault, as a JSON pointer ("/subject/email"), or empty.
  const std::string& field() const { return field_; }

  // Prefixes what was being done when the error happened: "opening store: <message>".
  Error WithContext(std::string_view context) const& {
    return Error(code_, std::string(context) + ": " + message_, field_);
  }
  Error WithContext(std::string_view context) && {
    message_.insert(0, std::string(context) + ": ");
    return std::move(*this);
  }

 private:
  ErrorCode code_;
  std::string message_;
  std::string field_;
};

template <typename T>
using Result = std::expected<T, Error>;

// Shorthand for returning a failure: `return Fail(ErrorCode::kNotFound, "no such request");`
inline std::unexpected<Error> Fail(ErrorCode code, std::string message, std::string field = {}) {
  return std::unexpected<Error>(Error(code, std::move(message), std::move(field)));
}

// Passes a failure up with context added; leaves success untouched.
template <typename T>
Result<T> WithContext(Result<T> result, std::string_view context) {
  if (!result) return std::unexpected(std::move(result.error()).WithContext(context));
  return result;
}

}  // namespace rightsdesk
