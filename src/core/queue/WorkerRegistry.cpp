#include "queue/WorkerRegistry.h"

#include "common/Database.h"
#include "queue/StoreCodec.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace outbound::workerregistry {

namespace {
// The statements below name `workers` and `send_rate`; in an ITFlow database they are Outbound's
// prefixed tables.
QString named(QString sql)
{
    sql.replace(QLatin1String(" workers "),
                QLatin1Char(' ') + Database::table(QStringLiteral("workers")) + QLatin1Char(' '));
    sql.replace(QLatin1String(" send_rate "),
                QLatin1Char(' ') + Database::table(QStringLiteral("send_rate")) + QLatin1Char(' '));
    return sql;
}
void prepareNamed(QSqlQuery& q, const QString& sql)
{
    q.prepare(named(sql));
}

// The time a heartbeat is written and measured with, and the send rate's minute: the server's
// clock on a shared database (many machines, each with its own clock; the SQL term, nothing
// bound), the caller's on SQLite (a `?` that bindNow() fills).
QString nowTerm()
{
    return Database::isServer() ? Database::serverNowMsSql() : QStringLiteral("?");
}
void bindNow(QSqlQuery& q, qint64 nowMs)
{
    if (!Database::isServer())
        q.addBindValue(nowMs);
}
} // namespace

QStringList tableDdl()
{
    // Named at the moment the schema is set up (Database::table()).
    return {
        named(QStringLiteral(
            "CREATE TABLE workers (id {KEY} PRIMARY KEY, host {KEY} NOT NULL, pid {BIGINT} NOT NULL, "
            "started_at {BIGINT} NOT NULL, heartbeat_at {BIGINT} NOT NULL, stopped_at {BIGINT}, "
            "state {KEY} NOT NULL, sent {BIGINT} NOT NULL DEFAULT 0, failed {BIGINT} NOT NULL DEFAULT 0, "
            "connections INTEGER NOT NULL DEFAULT 0, settings_revision {BIGINT} NOT NULL DEFAULT 0, "
            "lease_ms {BIGINT} NOT NULL DEFAULT 0)")),
        named(QStringLiteral("CREATE TABLE send_rate (minute {BIGINT} PRIMARY KEY, used INTEGER NOT NULL)")),
    };
}

Status registerWorker(QSqlDatabase& db, const WorkerInfo& info, const QDateTime& now)
{
    const QString what = QCoreApplication::translate("MailStore", "register the worker");
    QSqlQuery q(db);
    // On a server the start is the server's time, like every later heartbeat, so the Workers view
    // compares times of one clock (SQLite: the worker's start time, as given).
    const bool server = Database::isServer();
    prepareNamed(q, QStringLiteral("INSERT INTO workers (id, host, pid, started_at, heartbeat_at, state, "
                                   "connections, settings_revision, lease_ms) VALUES (?, ?, ?, %1, %1, ?, ?, "
                                   "?, ?)")
                        .arg(server ? Database::serverNowMsSql() : QStringLiteral("?")));
    q.addBindValue(info.id);
    q.addBindValue(info.host);
    q.addBindValue(info.pid);
    if (!server) {
        q.addBindValue(ms(info.startedAt));
        q.addBindValue(ms(info.startedAt));
    }
    q.addBindValue(info.state);
    q.addBindValue(info.connections);
    q.addBindValue(info.settingsRevision);
    q.addBindValue(info.leaseMs);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    // Rows of runs that ended more than a week ago say nothing useful any more.
    prepareNamed(q, QStringLiteral("DELETE FROM workers WHERE heartbeat_at < %1 - ?").arg(nowTerm()));
    bindNow(q, now.toMSecsSinceEpoch());
    q.addBindValue(qint64(7) * 86400 * 1000);
    if (!q.exec())
        return Database::sqlFailure(what, q.lastError());
    return success();
}

Status heartbeat(QSqlDatabase& db, const WorkerInfo& info, qint64 now)
{
    QSqlQuery q(db);
    prepareNamed(q, QStringLiteral("UPDATE workers SET heartbeat_at = %1, state = ?, sent = ?, failed = ?, "
                                   "connections = ?, settings_revision = ? WHERE id = ?")
                        .arg(nowTerm()));
    bindNow(q, now);
    q.addBindValue(info.state);
    q.addBindValue(info.sent);
    q.addBindValue(info.failed);
    q.addBindValue(info.connections);
    q.addBindValue(info.settingsRevision);
    q.addBindValue(info.id);
    if (!q.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "renew the worker's claims"),
                                    q.lastError());
    return success();
}

Status unregisterWorker(QSqlDatabase& db, const WorkerInfo& info, qint64 now)
{
    QSqlQuery q(db);
    prepareNamed(q,
                 QStringLiteral("UPDATE workers SET state = 'stopped', stopped_at = %1, heartbeat_at = %1, "
                                "sent = ?, failed = ? WHERE id = ?")
                     .arg(nowTerm()));
    bindNow(q, now);
    bindNow(q, now);
    q.addBindValue(info.sent);
    q.addBindValue(info.failed);
    q.addBindValue(info.id);
    if (!q.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "register the worker"),
                                    q.lastError());
    return success();
}

Result<QList<WorkerInfo>> list(QSqlDatabase& db, const QDateTime& now)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // The database's time of reading comes with the rows (WorkerInfo::readAt): the heartbeats'
    // ages are measured against it, not against the clock of the machine that shows them.
    prepareNamed(
        q, QStringLiteral("SELECT id, host, pid, started_at, heartbeat_at, stopped_at, state, sent, failed, "
                          "connections, settings_revision, lease_ms, %1 FROM workers "
                          "WHERE stopped_at IS NULL OR stopped_at >= %1 - ? ORDER BY started_at, id")
               .arg(nowTerm()));
    bindNow(q, now.toMSecsSinceEpoch());
    bindNow(q, now.toMSecsSinceEpoch());
    q.addBindValue(qint64(86400) * 1000);
    if (!q.exec())
        return Database::sqlFailure(QCoreApplication::translate("MailStore", "list workers"), q.lastError());
    QList<WorkerInfo> list;
    while (q.next()) {
        WorkerInfo w;
        w.id = q.value(0).toString();
        w.host = q.value(1).toString();
        w.pid = q.value(2).toLongLong();
        w.startedAt = fromMs(q.value(3));
        w.heartbeatAt = fromMs(q.value(4));
        w.stoppedAt = fromMs(q.value(5));
        w.state = q.value(6).toString();
        w.sent = q.value(7).toLongLong();
        w.failed = q.value(8).toLongLong();
        w.connections = q.value(9).toInt();
        w.settingsRevision = q.value(10).toLongLong();
        w.leaseMs = q.value(11).toLongLong();
        w.readAt = fromMs(q.value(12));
        list.append(w);
    }
    return list;
}

Result<int> takeSendSlots(QSqlDatabase& db, int wanted, int perMinute, qint64 nowMs)
{
    if (wanted <= 0)
        return 0;
    if (perMinute <= 0)
        return wanted;
    const QString what = QCoreApplication::translate("MailStore", "count sends against the rate limit");
    qint64 minute = nowMs / 60000;
    QSqlQuery q(db);
    if (!q.exec(Database::beginWriteSql()))
        return Database::sqlFailure(what, q.lastError());
    auto rollback = [&db] {
        QSqlQuery r(db);
        r.exec(QStringLiteral("ROLLBACK"));
    };
    if (Database::isServer()) {
        // The minute is the server's: workers whose clocks differ still draw from one account.
        if (!q.exec(QStringLiteral("SELECT ") + Database::serverNowMsSql()) || !q.next()) {
            const QSqlError e = q.lastError();
            rollback();
            return Database::sqlFailure(what, e);
        }
        minute = q.value(0).toLongLong() / 60000;
        q.finish();
    }
    // MariaDB: INSERT IGNORE takes a shared lock on an existing row, and two workers upgrading it
    // for the FOR UPDATE below deadlock; ON DUPLICATE KEY UPDATE takes the exclusive lock at once.
    prepareNamed(q, Database::dialect() == SqlDialect::MariaDb
                        ? QStringLiteral("INSERT INTO send_rate (minute, used) VALUES (?, ?) "
                                         "ON DUPLICATE KEY UPDATE used = used")
                        : Database::insertIgnoreSql(QStringLiteral("send_rate"),
                                                    {QStringLiteral("minute"), QStringLiteral("used")}));
    q.addBindValue(minute);
    q.addBindValue(0);
    if (!q.exec()) {
        const QSqlError e = q.lastError();
        rollback();
        return Database::sqlFailure(what, e);
    }
    prepareNamed(q, QStringLiteral("SELECT used FROM send_rate WHERE minute = ?") +
                        (Database::isServer() ? QStringLiteral(" FOR UPDATE") : QString()));
    q.addBindValue(minute);
    if (!q.exec() || !q.next()) {
        const QSqlError e = q.lastError();
        rollback();
        return Database::sqlFailure(what, e);
    }
    const int granted = std::clamp(perMinute - q.value(0).toInt(), 0, wanted);
    q.finish();
    if (granted > 0) {
        prepareNamed(q, QStringLiteral("UPDATE send_rate SET used = used + ? WHERE minute = ?"));
        q.addBindValue(granted);
        q.addBindValue(minute);
        if (!q.exec()) {
            const QSqlError e = q.lastError();
            rollback();
            return Database::sqlFailure(what, e);
        }
    }
    prepareNamed(q, QStringLiteral("DELETE FROM send_rate WHERE minute < ?"));
    q.addBindValue(minute - 60);
    if (!q.exec() || !q.exec(QStringLiteral("COMMIT"))) {
        const QSqlError e = q.lastError();
        rollback();
        return Database::sqlFailure(what, e);
    }
    return granted;
}

} // namespace outbound::workerregistry
