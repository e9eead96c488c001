#include "connectors/mysql_url.h"

#include <charconv>
#include <optional>

namespace rightsdesk::connectors {
namespace {

Error Bad(std::string_view why) {
  return Error(ErrorCode::kInvalidArgument,
               "the conninfo is not a mysql://user@host:port/database URL: " + std::string(why));
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX escapes decoded; nullopt for a broken escape or an escaped NUL (it would cut a C string).
std::optional<std::string> Decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = HexDigit(text[i + 1]);
    const int low = HexDigit(text[i + 2]);
    if (high < 0 || low < 0 || (high == 0 && low == 0)) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

// HOST[:PORT] or [IPV6][:PORT] into `address`.
Result<void> ParseHostPort(std::string_view text, MySqlAddress& address) {
  std::optional<std::string_view> port;
  if (text.starts_with('[')) {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::unexpected(Bad("an IPv6 host lacks its ']'"));
    address.host = std::string(text.substr(1, close - 1));
    const std::string_view rest = text.substr(close + 1);
    if (rest.starts_with(':')) {
      port = rest.substr(1);
    } else if (!rest.empty()) {
      return std::unexpected(Bad("something follows the IPv6 host"));
    }
  } else {
    const std::size_t colon = text.find(':');
    address.host = std::string(text.substr(0, colon));
    if (colon != std::string_view::npos) port = text.substr(colon + 1);
    if (port && port->find(':') != std::string_view::npos) {
      return std::unexpected(Bad("an IPv6 host must be written in brackets"));
    }
  }
  if (!port) return {};
  unsigned number = 0;
  const auto parsed = std::from_chars(port->data(), port->data() + port->size(), number);
  if (parsed.ec != std::errc() || parsed.ptr != port->data() + port->size() || number == 0 ||
      number > 65535) {
    return std::unexpected(Bad("the port is not a number from 1 to 65535"));
  }
  address.port = number;
  return {};
}

Result<void> ParseParameter(std::string_view name, const std::string& value,
                            MySqlAddress& address) {
  if (name == "socket") {
    if (!value.starts_with('/')) return std::unexpected(Bad("socket must be an absolute path"));
    address.socket = value;
  } else if (name == "tls") {
    if (value != "verify") return std::unexpected(Bad("tls must be verify"));
    address.tls = MySqlAddress::Tls::kVerify;
  } else if (name == "ca") {
    if (value.empty()) return std::unexpected(Bad("ca is empty"));
    address.ca = value;
  } else {
    return std::unexpected(
        Bad("unknown parameter '" + std::string(name) + "' (socket, tls and ca are known)"));
  }
  return {};
}

Result<void> ParseQuery(std::string_view query, MySqlAddress& address) {
  while (!query.empty()) {
    const std::size_t end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) {
      return std::unexpected(Bad("a parameter has no '=value'"));
    }
    const std::string_view name = pair.substr(0, equals);
    if (name == "password" || name == "pass") {
      return std::unexpected(Bad("a password is written in it: name its variable in password_env"));
    }
    std::optional<std::string> value = Decode(pair.substr(equals + 1));
    if (!value) return std::unexpected(Bad("a parameter's value has a broken %-escape"));
    if (auto parsed = ParseParameter(name, *value, address); !parsed) return parsed;
  }
  return {};
}

}  // namespace

Result<MySqlAddress> ParseMySqlUrl(std::string_view url) {
  std::optional<std::string_view> after_scheme;
  for (std::string_view scheme : {"mysql://", "mariadb://"}) {
    if (url.starts_with(scheme)) after_scheme = url.substr(scheme.size());
  }
  if (!after_scheme) return std::unexpected(Bad("it starts with neither mysql:// nor mariadb://"));
  std::string_view rest = *after_scheme;
  const std::size_t question = rest.find('?');
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : rest.substr(question + 1);
  rest = rest.substr(0, question);
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::unexpected(Bad("it names no database"));
  const std::string_view authority = rest.substr(0, slash);
  const std::size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return std::unexpected(Bad("it names no user (user@host)"));
  const std::string_view user = authority.substr(0, at);
  if (user.find(':') != std::string_view::npos) {
    return std::unexpected(Bad("a password is written in it: name its variable in password_env"));
  }
  MySqlAddress address;
  std::optional<std::string> decoded_user = Decode(user);
  std::optional<std::string> database = Decode(rest.substr(slash + 1));
  if (!decoded_user || !database) return std::unexpected(Bad("it has a broken %-escape"));
  address.user = std::move(*decoded_user);
  address.database = std::move(*database);
  if (address.user.empty()) return std::unexpected(Bad("it names no user (user@host)"));
  if (address.database.empty()) return std::unexpected(Bad("it names no database"));
  if (address.database.find('/') != std::string::npos) {
    return std::unexpected(Bad("the database name contains '/'"));
  }
  if (auto parsed = ParseHostPort(authority.substr(at + 1), address); !parsed) {
    return std::unexpected(parsed.error());
  }
  if (auto parsed = ParseQuery(query, address); !parsed) return std::unexpected(parsed.error());
  if (!address.socket.empty() && !address.host.empty() && address.host != "localhost") {
    return std::unexpected(Bad("a socket is on this machine: leave the host empty or localhost"));
  }
  if (address.host.empty() && address.socket.empty()) {
    return std::unexpected(Bad("it names no host (and no socket)"));
  }
  if (!address.ca.empty() && address.tls != MySqlAddress::Tls::kVerify) {
    return std::unexpected(Bad("ca is only used with tls=verify"));
  }
  return address;
}

}  // namespace rightsdesk::connectors
