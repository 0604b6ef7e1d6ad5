#include "queue/OutcomeWriter.h"

#include <QTimer>
#include <algorithm>

namespace outbound {

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

int OutcomeWriter::retryDelayMs(int failures) const
{
    // A database server restarts or the network drops: try less often the longer it is away.
    if (m_server)
        return std::min(30000, 500 << std::min(failures, 6));
    return 1000;
}

Result<OutcomeWriter::Written> OutcomeWriter::write(int claimLimit)
{
    if (m_pending.isEmpty() && claimLimit <= 0)
        return Written{};
    m_timer->stop();
    auto claimed = m_store.recordAndClaim(m_pending, claimLimit);
    if (!claimed) {
        // A long lock by another writer passes (each try already waited the busy timeout); a full
        // disk, a read-only file or a corrupt page does not. Keep the outcomes and try again.
        qWarning("outbound worker: %s", qUtf8Printable(claimed.error().message));
        m_lastFailure = claimed.error().message;
        ++m_failures;
        if (!exhausted())
            m_timer->start(retryDelayMs(m_failures));
        return claimed.error();
    }
    m_failures = 0;
    Written written;
    written.recorded.reserve(m_pending.size());
    for (const AttemptRecord& r : std::as_const(m_pending))
        written.recorded.append(r.id);
    m_pending.clear();
    written.claimed = std::move(claimed).value();
    return written;
}

Status OutcomeWriter::writeFinal()
{
    m_timer->stop();
    auto done = m_store.recordAndClaim(m_pending, 0);
    m_pending.clear();
    if (!done)
        return done.error();
    return success();
}

void OutcomeWriter::discard()
{
    m_pending.clear();
    m_timer->stop();
}

void OutcomeWriter::stop()
{
    m_timer->stop();
}

} // namespace outbound
