#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QString>
#include <optional>

class QIODevice;
class QSqlDatabase;

namespace outbound {

enum class DatabaseKind
{
    Sqlite,        // a file path: the embedded default
    PostgreSql,    // postgresql://user@host:port/db (also postgres://)
    MariaDb,       // mariadb://user@host:port/db (also mysql://)
    ItflowMariaDb, // itflow+mariadb://user@host:port/db: an ITFlow installation's own database
};

// What `--db` / OUTBOUND_DB name: a SQLite file, or a database on a PostgreSQL or MariaDB server.
//
// A server address never carries a password: addresses end up in saved settings, service files,
// shell history and process lists, so parse() refuses one and says where the password goes
// instead (DatabasePassword). Query parameters are checked against a short list so a typo such as
// `?sslmod=require` is an error rather than a silently unencrypted connection:
//   PostgreSQL: sslmode (disable, allow, prefer, require, verify-ca, verify-full), sslrootcert,
//               connect_timeout (seconds)
//   MariaDB:    connect_timeout (seconds)
// The user name and the database name are required (no guess from the login name: the same saved
// address is used by services running as other users). The port defaults to 5432 / 3306.
class DatabaseUrl
{
    Q_DECLARE_TR_FUNCTIONS(outbound::DatabaseUrl) // the context lupdate records

public:
    static Result<DatabaseUrl> parse(const QString& text);

    DatabaseKind kind() const { return m_kind; }
    bool isServer() const { return m_kind != DatabaseKind::Sqlite; }

    QString path() const { return m_path; } // SQLite only
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString databaseName() const { return m_database; }
    QString userName() const { return m_user; }
    QString sslMode() const { return m_sslMode; } // empty: the driver's default
    QString sslRootCert() const { return m_sslRootCert; }
    int connectTimeout() const { return m_connectTimeout; } // seconds as given; 0: not given
    // Without one in the address the drivers would wait for ever (libpq) or for the system's TCP
    // timeout of about two minutes (MariaDB) on a server that takes the connection and never
    // answers: a window's start, a worker's reconnect and the CLI would hang with it.
    static constexpr int kDefaultConnectTimeoutSeconds = 10;
    int effectiveConnectTimeout() const
    {
        return m_connectTimeout > 0 ? m_connectTimeout : kDefaultConnectTimeoutSeconds;
    }

    // "QSQLITE", "QPSQL" or "QMYSQL".
    QString qtDriverName() const;
    // The driver-specific options for QSqlDatabase::setConnectOptions().
    QString connectOptions() const;
    // Host, port, database, user, options and the password (when one was found) on a
    // QSqlDatabase made with qtDriverName().
    void applyTo(QSqlDatabase& db, const std::optional<QString>& password) const;

    // The address for people and logs: the normalised URL with its port, or the file path.
    // There is no password in a DatabaseUrl, so none can appear here.
    QString displayString() const;

    static int defaultPort(DatabaseKind kind);
    static QString schemeName(DatabaseKind kind); // the canonical scheme: "postgresql", ...

private:
    DatabaseKind m_kind = DatabaseKind::Sqlite;
    QString m_path;
    QString m_host;
    int m_port = 0;
    QString m_database;
    QString m_user;
    QString m_sslMode;
    QString m_sslRootCert;
    int m_connectTimeout = 0;
};

// Where a server database's password comes from, first match wins:
//   1. --db-password-stdin: the first line of standard input (readLine()). A command that also
//      reads data from stdin (enqueue --jsonl -) must refuse the combination.
//   2. A password file in ~/.pgpass format, one `host:port:database:user:password` a line; `*` as
//      a whole field matches anything, `\:` and `\\` escape, lines starting with `#` are comments.
//      PostgreSQL: $PGPASSFILE, else ~/.pgpass (the file psql and libpq read).
//      MariaDB and ITFlow: $OUTBOUND_DBPASS_FILE, else $XDG_CONFIG_HOME/outbound/dbpass
//      (~/.config/outbound/dbpass). A file that its group or others may read or write is refused
//      with an error, like libpq refuses it: chmod 600.
//   3. This machine's keychain (`outbound-cli db set-password`), looked up by Database under the
//      address (SecretStore::readDatabasePassword).
// No password found is not an error here: the server may not need one (trust, peer); the
// connection then fails with the server's own message and passwordHint() says where to put one.
class DatabasePassword
{
    Q_DECLARE_TR_FUNCTIONS(outbound::DatabasePassword) // the context lupdate records

public:
    static QString defaultFile(DatabaseKind kind);

    // The first line of `in` without its line end; an error when there is none or it is empty.
    static Result<QString> readLine(QIODevice& in);

    // The password for `url` in the password file at `filePath`; nullopt when the file does not
    // exist or has no matching line.
    static Result<std::optional<QString>> fromFile(const QString& filePath, const DatabaseUrl& url);

    // Applies the order above; `fileOverride` replaces defaultFile() when not empty.
    static Result<std::optional<QString>> resolve(const DatabaseUrl& url,
                                                  const std::optional<QString>& fromStdin,
                                                  const QString& fileOverride = {});

    // One sentence for an authentication failure: where a password for `url` may be given.
    static QString passwordHint(const DatabaseUrl& url);
};

} // namespace outbound
