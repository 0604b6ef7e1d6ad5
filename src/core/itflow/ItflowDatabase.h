#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QVariant>

// An ITFlow installation's own database (itflow+mariadb://), used in place: its `settings` row
// (company_id = 1) and its `email_queue`, with Outbound's extra state in tables prefixed
// `outbound_`. ITFlow's tables are never altered (no columns, no triggers); docs/itflow.md has the
// whole mapping.
namespace outbound::itflow {

// The schema versions (`settings.config_current_database_version`) whose tables Outbound knows,
// oldest first: 2.5.7 up to 2.6.7.
QStringList supportedVersions();
// Refuses a database whose version is not one of supportedVersions(), naming what it found and
// the range this build supports. `address` is the database's display address.
Status checkSchemaVersion(QSqlDatabase& db, const QString& address);
// The schema version ITFlow's settings row names (`config_current_database_version`), for the
// window's notice; empty when the row has none.
Result<QString> schemaVersion(QSqlDatabase& db);

// ITFlow writes its DATETIME columns as wall-clock times in `settings.config_timezone`. These
// convert both ways; the zone comes from timeZone() (UTC when the column names no zone Qt knows).
QTimeZone timeZone(QSqlDatabase& db);
QString toItflowTime(const QDateTime& utc, const QTimeZone& zone);      // "yyyy-MM-dd HH:mm:ss"
QDateTime fromItflowTime(const QVariant& value, const QTimeZone& zone); // UTC; invalid for NULL

// Who drains ITFlow's mail queue. ITFlow's cron dispatcher (cron/cron.php) runs the job named
// `mail_queue` in `cron_jobs` while that row is enabled, and seeds the row enabled the first time
// it meets the job, so a missing row counts as enabled. An admin may also run
// `cron/mail_queue.php` from a crontab line of its own, which no table records; Outbound suspects
// one when, since it took over, a row was sent that no Outbound worker sent or ITFlow's mail job
// wrote to `app_logs`.
//
// The window shows this (who drains the queue); `outbound-cli itflow status` prints it. Outbound
// never drains while `itflowCronEnabled` (the CLI worker exits with code 3 and names
// `outbound-cli itflow takeover`; a running worker claims nothing more).
struct QueueOwner
{
    bool cronRowExists = false;
    bool itflowCronEnabled = true; // ITFlow's own worker runs from cron_jobs
    bool outboundTookOver = false; // `itflow takeover` ran and `itflow release` did not since
    QDateTime tookOverAt;          // UTC
    bool directCrontabSuspected = false;
    QString evidence; // why a direct crontab line is suspected (translated), empty when not
    bool outboundDrains() const { return outboundTookOver && !itflowCronEnabled; }
};
Result<QueueOwner> queueOwner();
// Whether ITFlow's cron job `mail_queue` is enabled now (a missing row counts as enabled).
Result<bool> itflowCronEnabled(QSqlDatabase& db);
// Disables ITFlow's `mail_queue` job (creating its row disabled when ITFlow has not met it yet)
// and records that Outbound drains the queue.
Status takeOver();
// Enables ITFlow's `mail_queue` job again and forgets the takeover (release() calls it last).
Status enableItflowCron();
// Gives the queue back to ITFlow: rows Outbound holds (`sending`) go back to waiting first, then
// the `mail_queue` job is enabled again. Returns how many rows were handed back.
Result<int> release();

// The command to remove a direct crontab line, for the text `itflow takeover` prints.
QString crontabAdvice();

} // namespace outbound::itflow
