#include "itflow/ItflowDatabase.h"

#include "common/Database.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace outbound::itflow {

namespace {

const QString kTookOverKey = QStringLiteral("itflow.took_over_at"); // raw value: UTC ms, empty = not

} // namespace

QStringList supportedVersions()
{
    // ITFlow's database_updates list: the email_queue, settings and cron_jobs columns Outbound
    // reads and writes are the same from 2.5.7 (the attachment manifest) to 2.6.7.
    return {QStringLiteral("2.5.7"), QStringLiteral("2.5.8"), QStringLiteral("2.5.9"),
            QStringLiteral("2.6.0"), QStringLiteral("2.6.1"), QStringLiteral("2.6.2"),
            QStringLiteral("2.6.3"), QStringLiteral("2.6.4"), QStringLiteral("2.6.5"),
            QStringLiteral("2.6.6"), QStringLiteral("2.6.7")};
}

Status checkSchemaVersion(QSqlDatabase& db, const QString& address)
{
    const QStringList known = supportedVersions();
    const QString range = QStringLiteral("%1 to %2").arg(known.first(), known.last());
    QSqlQuery q(db);
    if (!q.exec(
            QStringLiteral("SELECT config_current_database_version FROM settings WHERE company_id = 1"))) {
        return Failure{QCoreApplication::translate(
                           "Itflow",
                           "%1 does not look like an ITFlow database (no settings row readable: %2); "
                           "Outbound supports ITFlow schema versions %3.")
                           .arg(address, q.lastError().text(), range),
                       QStringLiteral("db")};
    }
    if (!q.next())
        return Failure{QCoreApplication::translate(
                           "Itflow",
                           "%1 has no ITFlow settings row (company_id 1); finish ITFlow's setup first. "
                           "Outbound supports ITFlow schema versions %2.")
                           .arg(address, range),
                       QStringLiteral("db")};
    const QString version = q.value(0).toString().trimmed();
    if (!known.contains(version))
        return Failure{
            QCoreApplication::translate(
                "Itflow", "%1 holds ITFlow schema version %2, which this Outbound does not know; it "
                          "supports ITFlow schema versions %3.")
                .arg(address, version.isEmpty() ? QCoreApplication::translate("Itflow", "(empty)") : version,
                     range),
            QStringLiteral("db")};
    return success();
}

Result<QString> schemaVersion(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT config_current_database_version FROM settings WHERE company_id = 1")))
        return Database::sqlFailure(QCoreApplication::translate("Itflow", "Cannot read ITFlow's settings"),
                                    q.lastError());
    return q.next() ? q.value(0).toString().trimmed() : QString();
}

QTimeZone timeZone(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT config_timezone FROM settings WHERE company_id = 1")) && q.next()) {
        const QTimeZone zone(q.value(0).toString().trimmed().toUtf8());
        if (zone.isValid())
            return zone;
    }
    return QTimeZone::utc();
}

QString toItflowTime(const QDateTime& utc, const QTimeZone& zone)
{
    return utc.toTimeZone(zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QDateTime fromItflowTime(const QVariant& value, const QTimeZone& zone)
{
    if (value.isNull())
        return {};
    // The driver hands a DATETIME over as a local QDateTime or as text; only its wall-clock
    // fields matter, read in ITFlow's zone.
    QDateTime wall = value.userType() == QMetaType::QDateTime
                         ? value.toDateTime()
                         : QDateTime::fromString(value.toString(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!wall.isValid())
        return {};
    return QDateTime(wall.date(), wall.time(), zone).toUTC();
}

Result<bool> itflowCronEnabled(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT cron_job_enabled FROM cron_jobs WHERE cron_job_name = 'mail_queue'")))
        return Database::sqlFailure(QCoreApplication::translate("Itflow", "Cannot read ITFlow's cron jobs"),
                                    q.lastError());
    return q.next() ? q.value(0).toInt() != 0 : true;
}

Result<QueueOwner> queueOwner()
{
    QSqlDatabase db = Database::connection();
    QueueOwner owner;
    {
        QSqlQuery q(db);
        if (!q.exec(
                QStringLiteral("SELECT cron_job_enabled FROM cron_jobs WHERE cron_job_name = 'mail_queue'")))
            return Database::sqlFailure(
                QCoreApplication::translate("Itflow", "Cannot read ITFlow's cron jobs"), q.lastError());
        owner.cronRowExists = q.next();
        owner.itflowCronEnabled = owner.cronRowExists ? q.value(0).toInt() != 0 : true;
    }
    auto took = SettingsStore::rawValue(kTookOverKey);
    if (!took)
        return took.error();
    if (!took->isEmpty()) {
        owner.outboundTookOver = true;
        owner.tookOverAt = QDateTime::fromMSecsSinceEpoch(took->toLongLong(), QTimeZone::utc());
    }
    if (owner.outboundTookOver) {
        const QTimeZone zone = timeZone(db);
        const QString since = toItflowTime(owner.tookOverAt, zone);
        QStringList reasons;
        QSqlQuery q(db);
        // Sent since the takeover, but not by Outbound (no side row says it sent it).
        q.prepare(
            QStringLiteral("SELECT count(*) FROM email_queue e LEFT JOIN %1 s ON s.email_id = e.email_id "
                           "WHERE e.email_status = 3 AND e.email_sent_at >= ? AND "
                           "(s.email_id IS NULL OR s.state <> 'sent')")
                .arg(Database::table(QStringLiteral("email"))));
        q.addBindValue(since);
        if (q.exec() && q.next() && q.value(0).toLongLong() > 0)
            reasons.append(
                QCoreApplication::translate(
                    "Itflow", "messages sent since the takeover by something other than Outbound: %1")
                    .arg(q.value(0).toLongLong()));
        q.prepare(QStringLiteral("SELECT count(*) FROM app_logs WHERE app_log_category = 'Cron-Mail-Queue' "
                                 "AND app_log_created_at >= ?"));
        q.addBindValue(since);
        if (q.exec() && q.next() && q.value(0).toLongLong() > 0)
            reasons.append(QCoreApplication::translate(
                               "Itflow", "entries ITFlow's mail job wrote to its log since the takeover: %1")
                               .arg(q.value(0).toLongLong()));
        owner.directCrontabSuspected = !reasons.isEmpty();
        owner.evidence = reasons.join(QStringLiteral("; "));
    }
    return owner;
}

Status takeOver()
{
    QSqlDatabase db = Database::connection();
    QSqlQuery q(db);
    // The row as ITFlow's dispatcher would seed it, but disabled; an existing row keeps its
    // schedule and history and only stops running.
    if (!q.exec(QStringLiteral("INSERT INTO cron_jobs (cron_job_name, cron_job_enabled, cron_job_schedule, "
                               "cron_job_interval_minutes) VALUES ('mail_queue', 0, 'Interval', 1) "
                               "ON DUPLICATE KEY UPDATE cron_job_enabled = 0")))
        return Database::sqlFailure(
            QCoreApplication::translate("Itflow", "Cannot disable ITFlow's mail queue job"), q.lastError());
    auto took = SettingsStore::rawValue(kTookOverKey);
    if (took && !took->isEmpty())
        return success(); // already ours: keep the first moment (the crontab evidence counts from it)
    return SettingsStore::setRawValue(kTookOverKey, QString::number(QDateTime::currentMSecsSinceEpoch()));
}

Status enableItflowCron()
{
    QSqlDatabase db = Database::connection();
    QSqlQuery q(db);
    if (!q.exec(
            QStringLiteral("UPDATE cron_jobs SET cron_job_enabled = 1 WHERE cron_job_name = 'mail_queue'")))
        return Database::sqlFailure(
            QCoreApplication::translate("Itflow", "Cannot enable ITFlow's mail queue job"), q.lastError());
    return SettingsStore::removeRawValue(kTookOverKey);
}

QString crontabAdvice()
{
    return QCoreApplication::translate(
        "Itflow",
        "If this server also runs ITFlow's mail worker from a crontab line of its own, remove "
        "that line: `crontab -l -u www-data | grep -v 'cron/mail_queue.php' | crontab -u www-data -` "
        "(use the user ITFlow's cron runs as; check with `crontab -l -u USER`).");
}

} // namespace outbound::itflow
