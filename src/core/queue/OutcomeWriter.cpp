#include "queue/OutcomeWriter.h"

#include "queue/StoreLane.h"

#include <QTimer>
#include <algorithm>

namespace outbound {

namespace {

QList<qint64> idsOf(const QList<AttemptRecord>& records)
{
    QList<qint64> ids;
    ids.reserve(records.size());
    for (const AttemptRecord& r : records)
        ids.append(r.id);
    return ids;
}

} // namespace

OutcomeWriter::OutcomeWriter(WorkerStore& store, bool serverDatabase, QObject* parent)
    : QObject(parent), m_store(store), m_server(serverDatabase), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &OutcomeWriter::writeDue);
}

void OutcomeWriter::schedule()
{
    if (!m_timer->isActive())
        m_timer->start(kFlushDelayMs);
}

int OutcomeWriter::retryDelayMs(qint64 failingForMs) const
{
    // A database server restarts or the network drops: try less often the longer it is away. By
    // time, not by count: a worker with several connections (and its lanes) meets a short restart
    // with a burst of failed statements, and counting them put the next try 30 s away from a
    // server that was back after a second.
    if (m_server)
        return static_cast<int>(std::clamp<qint64>(failingForMs / 2, 500, 30000));
    return 1000;
}

int OutcomeWriter::currentRetryDelayMs() const
{
    return retryDelayMs(m_failures > 0 ? m_failingSince.elapsed() : 0);
}

void OutcomeWriter::useLane(StoreLane* lane)
{
    m_lane = lane;
    m_lane->setResultHandler([this](StoreLane::ClaimResult claimed) {
        const QList<AttemptRecord> writing = std::exchange(m_writing, {});
        if (!claimed) {
            m_pending = writing + m_pending;
            failed(claimed.error().message);
            return;
        }
        m_failures = 0;
        Q_EMIT written(Written{idsOf(writing), std::move(claimed).value(), m_laneClaimLimit});
    });
}

void OutcomeWriter::detachLane()
{
    if (!m_lane)
        return;
    if (m_lane->busy() && !m_lane->waitForResult())
        m_pending = m_writing + m_pending;
    m_writing.clear();
    m_lane->setResultHandler({});
    m_lane = nullptr;
}

bool OutcomeWriter::busy() const
{
    return m_lane && m_lane->busy();
}

void OutcomeWriter::failed(const QString& reason)
{
    // A long lock by another writer passes (each try already waited the busy timeout); a full
    // disk, a read-only file or a corrupt page does not. Keep the outcomes and try again.
    qWarning("outbound worker: %s", qUtf8Printable(reason));
    m_lastFailure = reason;
    if (m_failures++ == 0)
        m_failingSince.start();
    if (!exhausted())
        m_timer->start(currentRetryDelayMs());
}

Result<OutcomeWriter::Written> OutcomeWriter::write(int claimLimit)
{
    if (m_pending.isEmpty() && claimLimit <= 0)
        return Written{};
    m_timer->stop();
    auto claimed = m_store.recordAndClaim(m_pending, claimLimit);
    if (!claimed) {
        failed(claimed.error().message);
        return claimed.error();
    }
    m_failures = 0;
    return Written{idsOf(std::exchange(m_pending, {})), std::move(claimed).value(), claimLimit};
}

QList<qint64> OutcomeWriter::writeOnLane(int claimLimit)
{
    Q_ASSERT(m_lane && !m_lane->busy());
    m_timer->stop();
    m_writing = std::exchange(m_pending, {});
    m_laneClaimLimit = claimLimit;
    m_lane->write(m_writing, claimLimit);
    return idsOf(m_writing);
}

Status OutcomeWriter::writeFinal()
{
    m_timer->stop();
    detachLane();
    auto done = m_store.recordAndClaim(m_pending, 0);
    m_pending.clear();
    if (!done)
        return done.error();
    return success();
}

void OutcomeWriter::discard()
{
    m_pending.clear();
    m_writing.clear();
    m_timer->stop();
}

void OutcomeWriter::stop()
{
    m_timer->stop();
}

} // namespace outbound
