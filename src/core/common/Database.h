#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace outbound {

// The one SQLite file that holds settings and the mail queue. SQLite connections must not cross
// threads, so every thread gets its own named connection to the same file (connection()).
class Database
{
public:
    // Where the file lives: --db, else $OUTBOUND_DB, else <app data folder>/outbound.sqlite.
    static QString resolvePath(const QString& explicitPath = {});

    // Creates the folder and the file with owner-only permissions (0700 folder, 0600 file),
    // switches to WAL and applies the settings schema. Call once per process before use.
    static Status initialize(const QString& path);
    static QString path(); // as given to initialize()

    // This thread's connection, opened on first use (WAL, busy timeout, foreign keys on).
    static QSqlDatabase connection();
    // Close this thread's connection; call before a worker thread ends.
    static void closeThreadConnection();

    // Bring one component's tables up to date: steps[i] moves version i to i+1 and runs in one
    // transaction with its version bump. Components: "settings", "queue", ...
    static Status migrate(const QString& component, const QList<QStringList>& steps);

    // A SQL error as a readable failure.
    static Failure sqlFailure(const QString& what, const QSqlError& error);
};

} // namespace outbound
