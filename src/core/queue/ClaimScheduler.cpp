#include "queue/ClaimScheduler.h"

#include "common/Clock.h"

#include <algorithm>

namespace outbound {

ClaimScheduler::ClaimScheduler(const QueueSettings& settings, int connections, const Clock& clock,
                               RetryPolicy::RandomSource random)
    : m_clock(clock), m_random(std::move(random))
{
    reconfigure(settings, connections);
}

void ClaimScheduler::reconfigure(const QueueSettings& settings, int connections)
{
    m_policy = std::make_unique<RetryPolicy>(settings, m_clock, m_random);
    m_rate = std::make_unique<TokenBucket>(settings.ratePerMinute, m_clock);
    m_dailyCap = settings.dailyCap;
    m_connections = std::max(1, connections);
    m_connectionFailures = 0;
    m_reconnectAt = {};
}

bool ClaimScheduler::mayConnect() const
{
    return !m_reconnectAt.isValid() || m_clock.now() >= m_reconnectAt;
}

void ClaimScheduler::connectionFailed()
{
    ++m_connectionFailures;
    m_reconnectAt = m_clock.now().addSecs(m_policy->backoffSeconds(m_connectionFailures));
}

void ClaimScheduler::connectionWorked()
{
    m_connectionFailures = 0;
}

int ClaimScheduler::claimWanted(int capacity, qsizetype backlog, const std::function<qint64()>& usedToday)
{
    int want = capacity - static_cast<int>(backlog);
    if (rateLimited())
        want = std::min(want, m_rate->msUntilAvailable() == 0 ? 1 : 0);
    if (m_dailyCap > 0 && want > 0) {
        // Counts every worker's messages in flight too (rows in `sending`), this one's included.
        const qint64 left = m_dailyCap - usedToday();
        m_dailyCapReached = left <= 0;
        want = static_cast<int>(std::min<qint64>(want, std::max<qint64>(0, left)));
    }
    return want;
}

bool ClaimScheduler::worthClaiming(int wanted, int possibleConnections, bool holdsNothing) const
{
    // Claim when half of all the windows together is free: one transaction per batch of that
    // size. Each commit writes every index page it touched to the WAL again, so refilling each
    // session by half its window (a transaction per 16 messages) cost more than the sending.
    const int window = windowPerConnection();
    return wanted > 0 &&
           (wanted >= std::max(1, possibleConnections * window / 2) || holdsNothing || rateLimited());
}

std::optional<qint64> ClaimScheduler::takeSendSlot(int batch, const std::function<int(int)>& sharedSlots)
{
    const bool shared = sharedSlots && rateLimited();
    if (shared && m_sharedSlots <= 0) {
        // The rate is shared by every worker on the database: draw sends from its account, and
        // wait for the next minute when it has none left.
        m_sharedSlots = sharedSlots(std::min(10, batch));
        if (m_sharedSlots <= 0)
            return 60000 - m_clock.now().toMSecsSinceEpoch() % 60000;
    }
    if (!m_rate->tryTake())
        return m_rate->msUntilAvailable();
    if (shared)
        --m_sharedSlots;
    return std::nullopt;
}

qint64 ClaimScheduler::idleWaitMs(qint64 pollMs, const QDateTime& nextDue) const
{
    const QDateTime now = m_clock.now();
    qint64 waitMs = pollMs;
    if (nextDue.isValid())
        waitMs = std::min(waitMs, std::max<qint64>(0, now.msecsTo(nextDue)));
    if (m_dailyCapReached)
        waitMs = kDailyCapRecheckMs;
    if (!mayConnect())
        waitMs = std::min(waitMs, std::max<qint64>(0, now.msecsTo(m_reconnectAt)));
    return waitMs;
}

} // namespace outbound
