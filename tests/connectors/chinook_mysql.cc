#include "connectors/chinook_mysql.h"

#include <mysql.h>
#include <sqlite3.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace rightsdesk::testing {
namespace {

struct ChinookTable {
  const char* name;
  const char* columns;  // as in both editions, in order
  const char* ddl;      // MariaDB's definition of the table's body
};

// Parents first, so that a copy may keep foreign key checks on.
const ChinookTable kTables[] = {
    {"Employee",
     "EmployeeId, LastName, FirstName, Title, ReportsTo, BirthDate, HireDate, Address, City, "
     "State, Country, PostalCode, Phone, Fax, Email",
     "EmployeeId INT NOT NULL, LastName VARCHAR(20) NOT NULL, FirstName VARCHAR(20) NOT NULL,"
     " Title VARCHAR(30), ReportsTo INT, BirthDate DATETIME, HireDate DATETIME,"
     " Address VARCHAR(70), City VARCHAR(40), State VARCHAR(40), Country VARCHAR(40),"
     " PostalCode VARCHAR(10), Phone VARCHAR(24), Fax VARCHAR(24), Email VARCHAR(60),"
     " CONSTRAINT PK_Employee PRIMARY KEY (EmployeeId),"
     " INDEX IFK_EmployeeReportsTo (ReportsTo),"
     " FOREIGN KEY (ReportsTo) REFERENCES Employee (EmployeeId)"},
    {"Customer",
     "CustomerId, FirstName, LastName, Company, Address, City, State, Country, PostalCode, "
     "Phone, Fax, Email, SupportRepId",
     "CustomerId INT NOT NULL, FirstName VARCHAR(40) NOT NULL, LastName VARCHAR(20) NOT NULL,"
     " Company VARCHAR(80), Address VARCHAR(70), City VARCHAR(40), State VARCHAR(40),"
     " Country VARCHAR(40), PostalCode VARCHAR(10), Phone VARCHAR(24), Fax VARCHAR(24),"
     " Email VARCHAR(60) NOT NULL, SupportRepId INT,"
     " CONSTRAINT PK_Customer PRIMARY KEY (CustomerId),"
     " INDEX IFK_CustomerSupportRepId (SupportRepId),"
     " FOREIGN KEY (SupportRepId) REFERENCES Employee (EmployeeId)"},
    {"Invoice",
     "InvoiceId, CustomerId, InvoiceDate, BillingAddress, BillingCity, BillingState, "
     "BillingCountry, BillingPostalCode, Total",
     "InvoiceId INT NOT NULL, CustomerId INT NOT NULL, InvoiceDate DATETIME NOT NULL,"
     " BillingAddress VARCHAR(70), BillingCity VARCHAR(40), BillingState VARCHAR(40),"
     " BillingCountry VARCHAR(40), BillingPostalCode VARCHAR(10), Total DECIMAL(10,2) NOT NULL,"
     " CONSTRAINT PK_Invoice PRIMARY KEY (InvoiceId),"
     " INDEX IFK_InvoiceCustomerId (CustomerId),"
     " FOREIGN KEY (CustomerId) REFERENCES Customer (CustomerId)"},
    {"InvoiceLine", "InvoiceLineId, InvoiceId, TrackId, UnitPrice, Quantity",
     "InvoiceLineId INT NOT NULL, InvoiceId INT NOT NULL, TrackId INT NOT NULL,"
     " UnitPrice DECIMAL(10,2) NOT NULL, Quantity INT NOT NULL,"
     " CONSTRAINT PK_InvoiceLine PRIMARY KEY (InvoiceLineId),"
     " INDEX IFK_InvoiceLineInvoiceId (InvoiceId), INDEX IFK_InvoiceLineTrackId (TrackId),"
     " FOREIGN KEY (InvoiceId) REFERENCES Invoice (InvoiceId)"},
};

void CreateTables(MySqlRootClient& db, std::string_view database) {
  const std::string name(database);
  db.Execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
  db.Execute("USE `" + name + "`");
  for (const ChinookTable& table : kTables) {
    db.Execute("CREATE TABLE " + std::string(table.name) + " (" + table.ddl + ") ENGINE=InnoDB");
  }
}

struct CloseSqlite {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeSqlite {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
struct CloseStatement {
  void operator()(MYSQL_STMT* statement) const { mysql_stmt_close(statement); }
};

// Every row of `table` in the SQLite file, each value as its text (nullopt for NULL).
std::vector<std::vector<std::optional<std::string>>> SqliteRows(sqlite3* file,
                                                                const ChinookTable& table) {
  sqlite3_stmt* raw = nullptr;
  const std::string sql = "SELECT " + std::string(table.columns) + " FROM " + table.name;
  if (sqlite3_prepare_v2(file, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    throw std::runtime_error("reading Chinook's " + std::string(table.name) + ": " +
                             sqlite3_errmsg(file));
  }
  std::unique_ptr<sqlite3_stmt, FinalizeSqlite> statement(raw);
  std::vector<std::vector<std::optional<std::string>>> rows;
  while (sqlite3_step(raw) == SQLITE_ROW) {
    auto& row = rows.emplace_back();
    for (int c = 0; c < sqlite3_column_count(raw); ++c) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
      row.push_back(text == nullptr ? std::nullopt : std::optional<std::string>(text));
    }
  }
  return rows;
}

// Inserts the rows with one prepared statement, every value bound as text (the server converts
// it to the column's type, as a loader from a dump would).
void InsertRows(MYSQL* connection, const ChinookTable& table,
                const std::vector<std::vector<std::optional<std::string>>>& rows) {
  const std::size_t count = rows.empty() ? 0 : rows[0].size();
  std::string marks;
  for (std::size_t i = 0; i < count; ++i) marks += i == 0 ? "?" : ", ?";
  const std::string sql =
      "INSERT INTO " + std::string(table.name) + " (" + table.columns + ") VALUES (" + marks + ")";
  std::unique_ptr<MYSQL_STMT, CloseStatement> statement(mysql_stmt_init(connection));
  if (!statement || mysql_stmt_prepare(statement.get(), sql.c_str(),
                                       static_cast<unsigned long>(sql.size())) != 0) {
    throw std::runtime_error("preparing " + sql + ": " + mysql_error(connection));
  }
  for (const auto& row : rows) {
    std::vector<MYSQL_BIND> binds(count);
    std::vector<unsigned long> lengths(count);
    for (std::size_t c = 0; c < count; ++c) {
      binds[c].buffer_type = row[c] ? MYSQL_TYPE_STRING : MYSQL_TYPE_NULL;
      if (!row[c]) continue;
      lengths[c] = static_cast<unsigned long>(row[c]->size());
      binds[c].buffer = const_cast<char*>(row[c]->data());
      binds[c].buffer_length = lengths[c];
      binds[c].length = &lengths[c];
    }
    if (mysql_stmt_bind_param(statement.get(), binds.data()) != 0 ||
        mysql_stmt_execute(statement.get()) != 0) {
      throw std::runtime_error("inserting into " + std::string(table.name) + ": " +
                               mysql_stmt_error(statement.get()));
    }
  }
}

}  // namespace

void LoadChinook(const MySqlServer& server, std::string_view database,
                 const std::filesystem::path& sqlite_file) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(sqlite_file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);
    throw std::runtime_error("cannot open " + sqlite_file.string());
  }
  std::unique_ptr<sqlite3, CloseSqlite> file(raw);
  MySqlRootClient db = server.Root();
  CreateTables(db, database);
  db.Execute("SET foreign_key_checks = 0");  // employees report to employees listed later
  db.Execute("START TRANSACTION");
  for (const ChinookTable& table : kTables) InsertRows(db.raw(), table, SqliteRows(raw, table));
  db.Execute("COMMIT");
}

void CopyChinook(const MySqlServer& server, std::string_view from, std::string_view to) {
  MySqlRootClient db = server.Root();
  CreateTables(db, to);
  db.Execute("SET foreign_key_checks = 0");
  for (const ChinookTable& table : kTables) {
    db.Execute("INSERT INTO `" + std::string(to) + "`." + table.name + " SELECT * FROM `" +
               std::string(from) + "`." + table.name);
  }
}

std::unique_ptr<MySqlServer> StartChinookServer(const char* password_env, std::string& error) {
  try {
    auto server = std::make_unique<MySqlServer>();
    server->Start();
    LoadChinook(*server, "chinook",
                std::filesystem::path(RIGHTSDESK_SOURCE_DIR) / "demo" / "chinook" /
                    "Chinook_Sqlite.sqlite");
    server->GrantTables("chinook");
    ::setenv(password_env, MySqlServer::kPassword, 1);
    return server;
  } catch (const std::exception& e) {
    error = e.what();
    return nullptr;
  }
}

}  // namespace rightsdesk::testing
