// Test helper for the shared-database groundwork: opens a --db address through DatabaseUrl and
// DatabasePassword with Qt's own drivers (QPSQL, QMYSQL) and proves what the shared queue will
// rely on. Driven by test_shared_db_servers.py against throwaway servers; prints one line a check.
//
//   shared_db_probe --db URL [--db-password-stdin | --db-password-file FILE]
//                   [--check select] [--check skip-locked] [--check notify]
// Exit codes: 0 every check passed; 1 a check failed; 2 bad usage or address; 3 no connection.

#include "common/DatabaseUrl.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <QTimer>
#include <cstdio>

using namespace outbound;

namespace {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

struct Probe
{
    DatabaseUrl url;
    std::optional<QString> password;

    Result<QSqlDatabase> open(const QString& name) const
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(url.qtDriverName(), name);
        if (!db.isValid())
            return Failure{QStringLiteral("the Qt driver %1 is not installed").arg(url.qtDriverName())};
        url.applyTo(db, password);
        if (!db.open())
            return Failure{
                QStringLiteral("cannot connect to %1: %2").arg(url.displayString(), db.lastError().text())};
        return db;
    }

    bool isPostgres() const { return url.kind() == DatabaseKind::PostgreSql; }
};

// Runs `sql` and returns the first column of every row, or the error.
Result<QList<int>> ids(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return Failure{query.lastError().text()};
    QList<int> rows;
    while (query.next())
        rows << query.value(0).toInt();
    return rows;
}

Status exec(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return Failure{QStringLiteral("%1: %2").arg(sql, query.lastError().text())};
    return success();
}

QString show(const QList<int>& rows)
{
    QStringList parts;
    for (int id : rows)
        parts << QString::number(id);
    return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
}

Status checkSelect(const Probe& probe)
{
    Result<QSqlDatabase> opened_db = probe.open(QStringLiteral("select"));
    if (!opened_db)
        return opened_db.error();
    QSqlDatabase db = opened_db.value();
    const Result<QList<int>> rows = ids(db, QStringLiteral("SELECT 1"));
    if (!rows)
        return rows.error();
    if (*rows != QList<int>{1})
        return Failure{QStringLiteral("SELECT 1 returned %1").arg(show(*rows))};
    out() << "ok select: " << probe.url.qtDriverName() << " " << db.driver()->handle().typeName()
          << " answered 1\n";
    return success();
}

// Two connections claim from one table as two workers would: the second skips the row the first
// holds instead of waiting for it, and the row really is locked (NOWAIT on it fails).
Status checkSkipLocked(const Probe& probe)
{
    Result<QSqlDatabase> opened_a = probe.open(QStringLiteral("worker-a"));
    if (!opened_a)
        return opened_a.error();
    QSqlDatabase a = opened_a.value();
    Result<QSqlDatabase> opened_b = probe.open(QStringLiteral("worker-b"));
    if (!opened_b)
        return opened_b.error();
    QSqlDatabase b = opened_b.value();
    // Should SKIP LOCKED be ignored, B must fail within seconds rather than hang the test.
    const QString lockTimeout = probe.isPostgres()
                                    ? QStringLiteral("SET lock_timeout = '5s'")
                                    : QStringLiteral("SET SESSION innodb_lock_wait_timeout = 5");
    for (const QString& sql :
         {QStringLiteral("DROP TABLE IF EXISTS probe_jobs"),
          QStringLiteral("CREATE TABLE probe_jobs (id INTEGER PRIMARY KEY, state VARCHAR(16))"),
          QStringLiteral("INSERT INTO probe_jobs VALUES (1, 'queued'), (2, 'queued'), (3, 'queued')")})
        if (Status s = exec(a, sql); !s)
            return s;
    if (Status s = exec(b, lockTimeout); !s)
        return s;

    const QString claimOne =
        QStringLiteral("SELECT id FROM probe_jobs WHERE state = 'queued' ORDER BY id LIMIT 1 "
                       "FOR UPDATE SKIP LOCKED");
    if (!a.transaction() || !b.transaction())
        return Failure{QStringLiteral("cannot begin a transaction")};
    const Result<QList<int>> first = ids(a, claimOne);
    if (!first)
        return first.error();
    QElapsedTimer timer;
    timer.start();
    const Result<QList<int>> second = ids(b, claimOne);
    if (!second)
        return Failure{QStringLiteral("the second claim failed: %1").arg(second.error().message)};
    const qint64 secondMs = timer.elapsed();
    const Result<QList<int>> rest =
        ids(b, QStringLiteral(
                   "SELECT id FROM probe_jobs WHERE state = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED"));
    if (!rest)
        return rest.error();
    if (*first != QList<int>{1} || *second != QList<int>{2} || *rest != QList<int>{2, 3})
        return Failure{QStringLiteral("claims were A=%1 B=%2 B-all=%3, expected [1] [2] [2,3]")
                           .arg(show(*first), show(*second), show(*rest))};
    const Result<QList<int>> nowait =
        ids(b, QStringLiteral("SELECT id FROM probe_jobs WHERE id = 1 FOR UPDATE NOWAIT"));
    if (nowait)
        return Failure{QStringLiteral("row 1 was not locked by the first connection (NOWAIT returned %1)")
                           .arg(show(*nowait))};
    b.rollback();

    // A finishes its row; once committed, the lock is gone and B may take what is left.
    if (Status s = exec(a, QStringLiteral("UPDATE probe_jobs SET state = 'sent' WHERE id = 1")); !s)
        return s;
    if (!a.commit())
        return Failure{QStringLiteral("commit failed: %1").arg(a.lastError().text())};
    if (!b.transaction())
        return Failure{QStringLiteral("cannot begin a transaction")};
    const Result<QList<int>> after = ids(b, claimOne);
    b.rollback();
    if (!after || *after != QList<int>{2})
        return Failure{QStringLiteral("after the commit B claimed %1, expected [2]")
                           .arg(after ? show(*after) : after.error().message)};
    exec(a, QStringLiteral("DROP TABLE probe_jobs"));
    out() << "ok skip-locked: A claimed " << show(*first) << ", B skipped it and claimed " << show(*second)
          << " in " << secondMs << " ms; B sees " << show(*rest) << "; NOWAIT on A's row refused\n";
    return success();
}

// PostgreSQL LISTEN/NOTIFY through QSqlDriver::subscribeToNotification, as the live windows will
// use it: one connection listens, another notifies after its commit.
Status checkNotify(const Probe& probe)
{
    Result<QSqlDatabase> opened_listener = probe.open(QStringLiteral("listener"));
    if (!opened_listener)
        return opened_listener.error();
    QSqlDatabase listener = opened_listener.value();
    QSqlDriver* driver = listener.driver();
    if (!driver->hasFeature(QSqlDriver::EventNotifications))
        return Failure{QStringLiteral("%1 has no event notifications").arg(probe.url.qtDriverName())};
    const QString channel = QStringLiteral("outbound_probe");
    if (!driver->subscribeToNotification(channel))
        return Failure{QStringLiteral("subscribe failed: %1").arg(driver->lastError().text())};

    QString gotName;
    QVariant gotPayload;
    QSqlDriver::NotificationSource gotSource = QSqlDriver::NotificationSource::UnknownSource;
    QEventLoop loop;
    QObject::connect(
        driver, &QSqlDriver::notification, &loop,
        [&](const QString& name, QSqlDriver::NotificationSource source, const QVariant& payload) {
            gotName = name;
            gotSource = source;
            gotPayload = payload;
            loop.quit();
        });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);

    Result<QSqlDatabase> opened_sender = probe.open(QStringLiteral("notifier"));
    if (!opened_sender)
        return opened_sender.error();
    QSqlDatabase sender = opened_sender.value();
    QElapsedTimer timer;
    timer.start();
    if (Status s = exec(sender, QStringLiteral("NOTIFY outbound_probe, 'revision 42'")); !s)
        return s;
    deadline.start(10000);
    loop.exec();
    if (gotName.isEmpty())
        return Failure{QStringLiteral("no notification within 10 s")};
    if (gotName != channel || gotPayload.toString() != QLatin1String("revision 42") ||
        gotSource != QSqlDriver::NotificationSource::OtherSource)
        return Failure{QStringLiteral("unexpected notification %1 '%2' source %3")
                           .arg(gotName, gotPayload.toString())
                           .arg(int(gotSource))};
    out() << "ok notify: '" << gotPayload.toString() << "' on " << gotName << " from another session after "
          << timer.elapsed() << " ms\n";
    driver->unsubscribeFromNotification(channel);
    return success();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Database address."),
                                      QStringLiteral("URL"));
    const QCommandLineOption stdinOption(QStringLiteral("db-password-stdin"),
                                         QStringLiteral("Read the password from the first line of stdin."));
    const QCommandLineOption fileOption(QStringLiteral("db-password-file"),
                                        QStringLiteral("Password file instead of the default one."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption checkOption(
        QStringLiteral("check"), QStringLiteral("select, skip-locked or notify."), QStringLiteral("NAME"));
    parser.addOptions({dbOption, stdinOption, fileOption, checkOption});
    parser.process(app);

    const Result<DatabaseUrl> url = DatabaseUrl::parse(parser.value(dbOption));
    if (!url) {
        err() << "shared_db_probe: " << url.error().message << "\n";
        return 2;
    }
    std::optional<QString> fromStdin;
    if (parser.isSet(stdinOption)) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err() << "shared_db_probe: cannot read standard input\n";
            return 2;
        }
        const Result<QString> line = DatabasePassword::readLine(in);
        if (!line) {
            err() << "shared_db_probe: " << line.error().message << "\n";
            return 2;
        }
        fromStdin = *line;
    }
    const Result<std::optional<QString>> password =
        DatabasePassword::resolve(*url, fromStdin, parser.value(fileOption));
    if (!password) {
        err() << "shared_db_probe: " << password.error().message << "\n";
        return 3;
    }
    const Probe probe{*url, *password};

    QStringList checks = parser.values(checkOption);
    if (checks.isEmpty())
        checks << QStringLiteral("select");
    for (const QString& check : checks) {
        Status status = Failure{QStringLiteral("unknown check %1").arg(check)};
        if (check == QLatin1String("select"))
            status = checkSelect(probe);
        else if (check == QLatin1String("skip-locked"))
            status = checkSkipLocked(probe);
        else if (check == QLatin1String("notify"))
            status = checkNotify(probe);
        if (!status) {
            const bool noConnection = status.error().message.startsWith(QLatin1String("cannot connect"));
            err() << "FAIL " << check << ": " << status.error().message << "\n";
            // The hint only where the server refused the sign-in (PostgreSQL's and MariaDB's words).
            const QString& message = status.error().message;
            if (noConnection && (message.contains(QLatin1String("password authentication failed")) ||
                                 message.contains(QLatin1String("Access denied"))))
                err() << "hint: " << DatabasePassword::passwordHint(*url) << "\n";
            return noConnection ? 3 : 1;
        }
    }
    return 0;
}
