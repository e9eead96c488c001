// Where a MySQL or MariaDB database is, as a data map writes it (`conninfo`):
//
//   mysql://USER@HOST[:PORT]/DATABASE[?socket=PATH&tls=verify&ca=PATH]
//
// `mariadb://` is the same. HOST is a name, an IPv4 address or a bracketed IPv6 address; PORT
// defaults to 3306. With `socket` the connection goes through that unix socket and HOST may be
// left empty (mysql://app@/shop?socket=/run/mysqld/mysqld.sock). `tls=verify` refuses a server
// that does not encrypt, or whose certificate (checked against `ca`, a PEM file, or the system's
// authorities) or name does not match; encryption without that check is not offered, as it hides
// nothing from a man in the middle. USER, DATABASE and parameter values may use %XX escapes.
// A password is never part of it: the connector reads it from the variable `password_env` names.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace rightsdesk::connectors {

struct MySqlAddress {
  enum class Tls { kNotRequired, kVerify };
  std::string user;
  std::string host;  // empty with a socket
  unsigned port = 3306;
  std::string database;
  std::string socket;  // an absolute path, or empty for TCP
  Tls tls = Tls::kNotRequired;
  std::string ca;  // PEM file of the authorities that sign the server's certificate
};

// The address, or kInvalidArgument saying what is wrong with the URL. The message never quotes
// the URL (should it carry a password after all, the message does not repeat it).
Result<MySqlAddress> ParseMySqlUrl(std::string_view url);

}  // namespace rightsdesk::connectors
