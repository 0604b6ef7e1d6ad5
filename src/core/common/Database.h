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

    enum class Open
    {
        CreateIfMissing, // commands that write: a missing file is created
        MustExist        // commands that only read: a missing file is an error, nothing is created
    };
    // Opens the database and switches it to WAL. A missing folder and file are created with
    // owner-only permissions (0700 folder, 0600 file) from the start; modes of anything that
    // already exists are never changed. A path that is not a regular file (a device, a FIFO, a
    // folder) is refused. Warnings (an existing file readable by others, hard links) go to
    // *warnings. Call once per process before use.
    static Status initialize(const QString& path, Open mode = Open::CreateIfMissing,
                             QStringList* warnings = nullptr);
    static QString path(); // as given to initialize()

    // This thread's connection, opened on first use (WAL, busy timeout, foreign keys on).
    static QSqlDatabase connection();
    // Close this thread's connection; call before a worker thread ends.
    static void closeThreadConnection();

    // Bring one component's tables up to date: steps[i] moves version i to i+1 and runs in one
    // transaction with its version bump. Components: "settings", "queue", ...
    static Status migrate(const QString& component, const QList<QStringList>& steps);

    // The one-worker lock of the open database: flock() on the database file itself, so every
    // name of the file (a symlink, a hard link, a relative path) meets the same lock, and the kernel
    // drops it when the process dies. False when another process holds it.
    static Result<bool> tryLockWorker();
    static void unlockWorker();

    // A SQL error as a readable failure.
    static Failure sqlFailure(const QString& what, const QSqlError& error);
};

} // namespace outbound
