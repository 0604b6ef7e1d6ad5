#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

namespace outbound {

class DatabaseUrl;

// The SQL flavours Outbound speaks. Only the DDL, upserts, transaction starts and a few functions
// differ; everything else is written once in the SQL the three share.
enum class SqlDialect
{
    Sqlite,
    PostgreSql,
    MariaDb
};

// A component's schema: steps[i] moves version i to i+1. SQLite replays its own history; a server
// database starts at the current shape (its early steps are empty lists), so every backend reports
// the same version numbers. Server DDL may use these placeholders, replaced per dialect:
//   {ID}      auto-increment 64-bit primary key    {BIGINT}  64-bit integer
//   {TEXT}    unbounded text                       {KEY}     text that can be a key (255 chars)
//   {BLOB}    unbounded bytes                      {EXACT}   after {KEY}: compared byte for byte
//                                                           (MariaDB's default collation ignores case)
struct SchemaSteps
{
    QList<QStringList> sqlite;
    QList<QStringList> server;
};

// Where settings and the mail queue live: one SQLite file (the embedded default), or a database on
// a PostgreSQL or MariaDB server shared by many workers and windows. Connections must not cross
// threads, so every thread gets its own named connection (connection()).
class Database
{
public:
    // Where the file lives: --db, else $OUTBOUND_DB, else <app data folder>/outbound.sqlite.
    static QString resolvePath(const QString& explicitPath = {});

    enum class Open
    {
        CreateIfMissing, // commands that write: a missing file is created
        MustExist        // commands that only read: a missing file is an error, nothing is created
    };
    // Failure::key when a command that only reads names a file that does not exist.
    static constexpr QLatin1String kNoSuchDatabase{"db.missing"};
    // Failure::key when a database server refused the login (no password, or a wrong one).
    static constexpr QLatin1String kLoginRefused{"db.login"};

    // Opens the database and switches it to WAL. A missing folder and file are created with
    // owner-only permissions (0700 folder, 0600 file) from the start; modes of anything that
    // already exists are never changed. A path that is not a regular file (a device, a FIFO, a
    // folder) is refused, and so is an existing file that is not Outbound's: not an SQLite
    // database, another program's database, or (for a command that only reads) an empty file;
    // nothing is written to those. Warnings (an existing file readable by others, hard links) go to
    // *warnings. Call once per process before use.
    static Status initialize(const QString& path, Open mode = Open::CreateIfMissing,
                             QStringList* warnings = nullptr);
    // The same for a DatabaseUrl text: a file path, postgresql://..., mariadb://... (mysql://).
    // A server's password comes from `passwordFromStdin` (--db-password-stdin) or a password file
    // (DatabasePassword::resolve). On a server nothing is created here: `outbound-cli db init`
    // sets up the tables (the roles that run workers and windows need no DDL rights).
    static Status initializeUrl(const QString& address, Open mode = Open::CreateIfMissing,
                                QStringList* warnings = nullptr,
                                const std::optional<QString>& passwordFromStdin = std::nullopt);
    static QString path(); // as given to initialize(): the file, or the server address without password
    static SqlDialect dialect();
    static bool isServer() { return dialect() != SqlDialect::Sqlite; }
    // An ITFlow installation's own database (itflow+mariadb://): MariaDB, whose settings row and
    // email_queue Outbound uses in place (src/core/itflow/). Outbound's own tables there carry the
    // prefix `outbound_` so they can never meet one of ITFlow's (ITFlow has a `settings` table).
    static bool isItflow();
    // The name of one of Outbound's own tables in the open database: `name`, or `outbound_name`
    // in an ITFlow database.
    static QString table(const QString& name);

    // Server databases only migrate when asked (`db init` / `db migrate`); SQLite always does.
    static void setMigrationsAllowed(bool allowed);

    // On a server, a session idle inside a transaction for this long is ended by the server (its
    // client is stopped or hung), so its locks cannot stall the other workers. Well below the
    // shortest lease an admin can set (10 s), so a worker blocked behind such a session keeps its
    // claims. Tests with shorter leases shorten it (OUTBOUND_TEST_IDLE_TRANSACTION_MS).
    static constexpr int kIdleTransactionMs = 5000;
    static int idleTransactionMs();

    // This thread's connection, opened on first use (WAL, busy timeout, foreign keys on). After
    // a lost server connection, the next call opens a new one.
    static QSqlDatabase connection();
    // The server went away (restart, network): drop this thread's connection so the next
    // connection() opens a fresh one. True when the error is of that kind.
    static bool dropIfConnectionLost(const QSqlError& error);
    // Close this thread's connection; call before a worker thread ends.
    static void closeThreadConnection();

    // Bring one component's tables up to date: steps[i] moves version i to i+1 and runs in one
    // transaction with its version bump. Components: "settings", "queue", ...
    static Status migrate(const QString& component, const QList<QStringList>& steps);
    static Status migrate(const QString& component, const SchemaSteps& steps);
    // Each component's version in this database and the version this build knows.
    struct ComponentVersion
    {
        QString component;
        int version = 0;
        int known = 0;
    };
    static Result<QList<ComponentVersion>> versions();
    static void registerComponent(const QString& component, int knownVersion);

    // Dialect pieces.
    static QString beginWriteSql(); // takes the write lock up front where the engine needs it
    // INSERT ... that replaces the other columns when `key` already exists.
    static QString upsertSql(const QString& table, const QStringList& columns, const QString& key);
    // INSERT that silently skips a row whose key exists.
    static QString insertIgnoreSql(const QString& table, const QStringList& columns);
    static QString greatestSql(const QString& a, const QString& b); // the larger of two values
    // The database server's clock as UTC milliseconds since 1970, one value for the whole
    // statement (PostgreSQL statement_timestamp(), MariaDB UTC_TIMESTAMP(6)); empty on SQLite,
    // where the one machine's clock is the only clock. Leases and heartbeats on a shared database
    // are measured with it, so the workers' own clocks never decide who owns a row.
    static QString serverNowMsSql();
    static QString placeholders(qsizetype count); // "?,?,?": a bound value list for IN (...) and VALUES (...)
    // Replaces the DDL placeholders of SchemaSteps for one dialect.
    static QString ddl(QString sql, SqlDialect dialect);

    // The one-worker lock of an SQLite database: flock() on the database file itself, so every
    // name of the file (a symlink, a hard link, a relative path) meets the same lock, and the kernel
    // drops it when the process dies. False when another process holds it. A server database has
    // no such lock (always true): many workers share it, each row fenced by its claim's lease.
    static Result<bool> tryLockWorker();
    static void unlockWorker();

    // A SQL error as a readable failure.
    static Failure sqlFailure(const QString& what, const QSqlError& error);
};

} // namespace outbound
