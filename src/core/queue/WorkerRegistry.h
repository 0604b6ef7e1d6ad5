#pragma once

#include "common/Result.h"
#include "queue/QueueTypes.h"

#include <QSqlDatabase>
#include <QStringList>

// The workers that drain a queue and the send rate they share, kept in two tables beside the
// queue (`workers`, `send_rate`; `outbound_workers`, `outbound_send_rate` in an ITFlow
// database, see Database::table()). Both SQL queue stores use these, so the Workers page and
// `db status` read the same rows whichever queue a worker drains.
namespace outbound::workerregistry {

// DDL (SchemaSteps placeholders) for the two tables, named for the open database.
QStringList tableDdl();
// `now` is the caller's clock (UTC). It is used on SQLite only: on a server database heartbeats,
// starts and stops are written, and ages and the send rate's minute measured, with the server's
// clock (many machines share it; their own clocks may differ by minutes).
Status registerWorker(QSqlDatabase& db, const WorkerInfo& info, const QDateTime& now);
// Updates the worker's own row; renewing the leases of its claimed rows is the store's part.
Status heartbeat(QSqlDatabase& db, const WorkerInfo& info, qint64 nowMs);
Status unregisterWorker(QSqlDatabase& db, const WorkerInfo& info, qint64 nowMs);
Result<QList<WorkerInfo>> list(QSqlDatabase& db, const QDateTime& now);
// Up to `wanted` sends allowed in the current minute by a rate of `perMinute` shared by every
// worker (a row per minute, taken FOR UPDATE on a server).
Result<int> takeSendSlots(QSqlDatabase& db, int wanted, int perMinute, qint64 nowMs);

} // namespace outbound::workerregistry
