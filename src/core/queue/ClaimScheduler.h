#pragma once

#include "queue/RetryPolicy.h"
#include "settings/MailSettings.h"

#include <QDateTime>
#include <functional>
#include <memory>
#include <optional>

namespace outbound {

class Clock;

// Decides what the worker claims and when: how many messages each connection holds ahead, how
// many rows to claim now (free room, provider rate, daily cap), when a message may leave (rate
// slots, the shared rate on a server database) and when connecting is allowed again after failed
// connections. Pure bookkeeping on an injected clock: no SQL, no sockets; the store answers come
// in through callables so it can be tested alone.
class ClaimScheduler
{
public:
    // Messages one connection holds ahead of the one on the wire, so it never waits for the database.
    static constexpr int kWindow = 32;
    // How often a reached daily cap is looked at again.
    static constexpr int kDailyCapRecheckMs = 60 * 1000;

    ClaimScheduler(const QueueSettings& settings, int connections, const Clock& clock,
                   RetryPolicy::RandomSource random = {});

    // New settings: new rate, cap and connection count; a pause after failed connections was
    // about the old settings, so it ends.
    void reconfigure(const QueueSettings& settings, int connections);

    int connections() const { return m_connections; }
    bool rateLimited() const { return !m_rate->unlimited(); }
    // Under a provider throttle there is no point holding more than the next message.
    int windowPerConnection() const { return rateLimited() ? 1 : kWindow; }

    // Connections that never got as far as sending pause the next one, longer each time.
    bool mayConnect() const;
    QDateTime reconnectAt() const { return m_reconnectAt; }
    int connectionFailures() const { return m_connectionFailures; }
    void connectionFailed();
    void connectionWorked(); // a server greeted us or accepted a message
    void connectionLostAfterWorking() { m_reconnectAt = {}; }
    // The retry policy of the current settings (backoff, attempts, decisions).
    const RetryPolicy& policy() const { return *m_policy; }

    // How many rows to claim now. `capacity`: room on the connections that may be open minus the
    // messages already on them; `backlog`: claimed rows not yet on a connection. `usedToday` is
    // asked only under a daily cap (messages sent in the last day plus those being sent).
    int claimWanted(int capacity, qsizetype backlog, const std::function<qint64()>& usedToday);
    // Claiming costs a transaction: worth it once half of all windows together is free, when
    // nothing at all is held, or under a throttle (one at a time).
    bool worthClaiming(int wanted, int possibleConnections, bool holdsNothing) const;
    bool dailyCapReached() const { return m_dailyCapReached; }

    // "The last claim found fewer rows than asked": stop asking until woken.
    bool noMoreDue() const { return m_noMoreDue; }
    void setNoMoreDue(bool none) { m_noMoreDue = none; }

    // A send slot for the next message: empty when it may go now, else the milliseconds to wait.
    // `sharedSlots` (a server database under a rate; empty otherwise) draws up to `batch` sends
    // from the rate every worker shares and returns how many were granted.
    std::optional<qint64> takeSendSlot(int batch, const std::function<int(int wanted)>& sharedSlots);
    // Milliseconds until the local rate allows a message (0 when it does or when there is none).
    qint64 msUntilRateSlot() const { return m_rate->msUntilAvailable(); }

    // How long an idle worker waits before it looks again: the poll interval, shortened to the next
    // due row and the end of a reconnect pause, or the daily-cap recheck.
    qint64 idleWaitMs(qint64 pollMs, const QDateTime& nextDue) const;

private:
    const Clock& m_clock;
    RetryPolicy::RandomSource m_random;
    std::unique_ptr<RetryPolicy> m_policy;
    std::unique_ptr<TokenBucket> m_rate;
    int m_dailyCap = 0;
    int m_connections = 1;
    int m_connectionFailures = 0;
    QDateTime m_reconnectAt;
    bool m_dailyCapReached = false;
    bool m_noMoreDue = false;
    int m_sharedSlots = 0;
};

} // namespace outbound
