#include "queue/RetryPolicy.h"

#include "common/Clock.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace outbound {

RetryPolicy::RetryPolicy(const QueueSettings& settings, const Clock& clock, RandomSource random)
    : m_settings(settings), m_clock(clock), m_random(std::move(random))
{
    if (!m_random)
        m_random = [] {
            return QRandomGenerator::global()->generateDouble();
        };
}

qint64 RetryPolicy::backoffSeconds(int failedAttempts) const
{
    const double initial = std::max(1, m_settings.backoffInitial);
    const double cap = std::max<double>(initial, m_settings.backoffMax);
    const int exponent = std::clamp(failedAttempts - 1, 0, 30);
    const double base = std::min(cap, initial * std::pow(2.0, exponent));
    const double r = std::clamp(m_random(), 0.0, 1.0);
    const double jittered = base * (0.75 + 0.5 * r);
    return static_cast<qint64>(std::llround(std::clamp(jittered, initial, cap)));
}

RetryPolicy::Decision RetryPolicy::decide(const SendOutcome& outcome, int attempts, int roundAttempts,
                                          int connectionFailures) const
{
    Decision d;
    const QDateTime now = m_clock.now();
    if (outcome.accepted) {
        d.attempts = attempts + 1;
        if (outcome.refusedRecipients.isEmpty()) {
            d.status = MessageStatus::Sent;
            return d;
        }
        // Delivered to some recipients only: `sent` is kept for messages every recipient has.
        // Temporary refusals are tried again, for those recipients alone (the store remembers who
        // has it); a permanent refusal leaves the row `failed`, naming who was refused.
        const SmtpError partial = partialDeliveryError(outcome);
        const int round = roundAttempts + 1;
        if (partial.transient && round < std::max(1, m_settings.maxAttempts)) {
            d.status = MessageStatus::Deferred;
            d.nextAttemptAt = now.addSecs(backoffSeconds(round));
        } else {
            d.status = MessageStatus::Failed;
        }
        return d;
    }
    if (!outcome.attempted) {
        // The session died before this message was tried (421 at greeting, connection lost while it
        // waited): no attempt is burnt, it goes back to the queue after a pause.
        d.status = MessageStatus::Queued;
        d.attempts = attempts;
        d.countsAsAttempt = false;
        // After a session that worked (connectionFailures 0) they may go again at once.
        d.nextAttemptAt = connectionFailures <= 0 ? now : now.addSecs(backoffSeconds(connectionFailures));
        return d;
    }
    d.attempts = attempts + 1;
    if (outcome.outcomeUnknown()) {
        // The whole message and its final dot went out and no final reply came: the server may
        // have it. Sending it again could deliver it twice, so the operator decides.
        d.status = MessageStatus::Interrupted;
        return d;
    }
    const bool transient = outcome.error ? outcome.error->transient : true;
    if (!transient) {
        d.status = MessageStatus::Failed;
        return d;
    }
    const int round = roundAttempts + 1;
    if (round >= std::max(1, m_settings.maxAttempts)) {
        d.status = MessageStatus::Failed;
        return d;
    }
    d.status = MessageStatus::Deferred;
    d.nextAttemptAt = now.addSecs(backoffSeconds(round));
    return d;
}

SmtpError partialDeliveryError(const SendOutcome& outcome)
{
    SmtpError e;
    e.kind = SmtpErrorKind::SomeRecipientsRefused;
    e.phase = SmtpPhase::Rcpt;
    e.transient = false;
    QStringList parts;
    for (const RecipientRefusal& r : outcome.refusedRecipients) {
        // Code 0: the session ended before this recipient was answered, a temporary reason.
        const bool temporary = r.code == 0 || (r.code >= 400 && r.code < 500);
        e.transient = e.transient || temporary;
        QString reply = r.code > 0 ? QString::number(r.code) : QString();
        if (!r.enhancedCode.isEmpty())
            reply += u' ' + r.enhancedCode;
        if (!r.text.isEmpty())
            reply += u' ' + r.text;
        parts.append(QStringLiteral("%1 (%2)").arg(QString::fromUtf8(r.address), reply.trimmed()));
    }
    if (!outcome.refusedRecipients.isEmpty()) {
        const RecipientRefusal& first = outcome.refusedRecipients.first();
        e.code = first.code;
        e.enhancedCode = first.enhancedCode;
        e.serverText = first.text;
    }
    // A plain int: lupdate skips a translate() call whose arguments hold a cast.
    const int total = static_cast<int>(outcome.acceptedRecipients.size() + outcome.refusedRecipients.size());
    e.detail = QCoreApplication::translate("outbound::RetryPolicy", "%1 of %n recipient(s) refused: %2",
                                           nullptr, total)
                   .arg(outcome.refusedRecipients.size())
                   .arg(parts.join(QStringLiteral("; ")));
    return e;
}

TokenBucket::TokenBucket(int perMinute, const Clock& clock, double capacity)
    : m_perMinute(perMinute), m_clock(clock), m_capacity(std::max(1.0, capacity)), m_tokens(m_capacity),
      m_last(clock.now())
{}

void TokenBucket::refill() const
{
    const QDateTime now = m_clock.now();
    const qint64 elapsedMs = m_last.msecsTo(now);
    if (elapsedMs <= 0)
        return;
    m_tokens = std::min(m_capacity, m_tokens + elapsedMs * m_perMinute / 60000.0);
    m_last = now;
}

bool TokenBucket::tryTake()
{
    if (unlimited())
        return true;
    refill();
    if (m_tokens + 1e-9 < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

qint64 TokenBucket::msUntilAvailable() const
{
    if (unlimited())
        return 0;
    refill();
    if (m_tokens + 1e-9 >= 1.0)
        return 0;
    return static_cast<qint64>(std::ceil((1.0 - m_tokens) * 60000.0 / m_perMinute));
}

} // namespace outbound
