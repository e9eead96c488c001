// The Chinook sample in MariaDB, for the MySQL connector's tests. The repository has no MySQL
// script, so the tables the data map uses (Employee, Customer, Invoice, InvoiceLine) are created
// here with the SQLite edition's columns, keys, NOT NULLs and indexes, under MariaDB's default
// utf8mb4 collation (which ignores case and accents, as company databases usually do), and their
// rows are copied from demo/chinook/Chinook_Sqlite.sqlite. InvoiceLine.TrackId keeps its index
// but not its foreign key: the music catalogue is not copied.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "integration/mysql_server.h"

namespace rightsdesk::testing {

// Creates `database` with Chinook's tables and rows read from the SQLite file; throws on failure.
void LoadChinook(const MySqlServer& server, std::string_view database,
                 const std::filesystem::path& sqlite_file);
// Creates `to` as a copy of `from` (tables, keys, indexes and rows); throws on failure.
void CopyChinook(const MySqlServer& server, std::string_view from, std::string_view to);

// A started server with Chinook loaded as database `chinook`, shared by a test suite
// (SetUpTestSuite): null, with the reason in `error`, when it could not start (the suite's tests
// then fail with it). The password of MySqlServer::kUser is put in the environment variable
// `password_env`.
std::unique_ptr<MySqlServer> StartChinookServer(const char* password_env, std::string& error);

}  // namespace rightsdesk::testing
