#pragma once

#include "queue/QueueTypes.h"
#include "settings/MailSettings.h"
#include "smtp/SmtpTypes.h"

#include <QDateTime>
#include <functional>

namespace outbound {

class Clock;

// Decides what happens to a message after an attempt, and when the next one is due.
// Backoff doubles from queue.backoff_initial up to queue.backoff_max, with +-25 % jitter so that
// many deferred messages do not all come back in the same second; each step is still longer than
// the one before (until the cap) because the jitter band is narrower than the doubling.
class RetryPolicy
{
public:
    // Returns a number in [0, 1). Injected so tests get exact delays.
    using RandomSource = std::function<double()>;

    struct Decision
    {
        MessageStatus status = MessageStatus::Queued;
        int attempts = 0;        // the row's new attempt count
        QDateTime nextAttemptAt; // set for deferred (and for untried messages put back)
        bool countsAsAttempt = true;
    };

    RetryPolicy(const QueueSettings& settings, const Clock& clock, RandomSource random = {});

    // Delay before attempt number (failedAttempts + 1), after failedAttempts transient failures.
    qint64 backoffSeconds(int failedAttempts) const;

    // attempts: the row's count before this outcome; roundAttempts: automatic attempts since the
    // operator last retried it by hand (what queue.max_attempts limits).
    // connectionFailures: consecutive sessions that failed before trying anything; it lengthens
    // the pause for messages that were handed back untried (0: the session had worked, no pause).
    Decision decide(const SendOutcome& outcome, int attempts, int roundAttempts,
                    int connectionFailures = 1) const;

    int maxAttempts() const { return m_settings.maxAttempts; }

private:
    QueueSettings m_settings;
    const Clock& m_clock;
    RandomSource m_random;
};

// For a message delivered to some recipients and refused for others: kind SomeRecipientsRefused,
// phase rcpt, the first refusal's code, transient when any refusal was temporary, and a detail
// that names every refused recipient with its reply ("2 of 250 recipients refused: ...").
SmtpError partialDeliveryError(const SendOutcome& outcome);

// A provider throttle (queue.rate_per_minute) as a token bucket on the injected clock.
// Capacity 1 paces messages evenly, so no sliding minute ever holds more than the rate.
class TokenBucket
{
public:
    TokenBucket(int perMinute, const Clock& clock, double capacity = 1.0);

    bool unlimited() const { return m_perMinute <= 0; }
    // Takes one token when available.
    bool tryTake();
    // Milliseconds until a token is available (0 when one is).
    qint64 msUntilAvailable() const;

private:
    void refill() const;

    int m_perMinute;
    const Clock& m_clock;
    double m_capacity;
    mutable double m_tokens;
    mutable QDateTime m_last;
};

} // namespace outbound
