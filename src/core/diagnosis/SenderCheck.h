#pragma once

#include "common/Job.h"
#include "diagnosis/Diagnosis.h"
#include "settings/MailSettings.h"
#include "smtp/SmtpTypes.h"

#include <QJsonObject>
#include <QStringList>
#include <memory>
#include <optional>

namespace outbound {

// One distinct sender address and the categories that use it ("default" first).
struct SenderCheckEntry
{
    QStringList categories; // "default", "invoice", "quote", "ticket"
    Sender sender;
    bool accepted = false;
    bool attempted = false;
    QString acceptanceLine;
    std::optional<SmtpError> error;
    Hint hint; // set when refused; names the first category's sender setting
    QJsonObject toJson() const;
};

struct SenderCheckReport
{
    QList<SenderCheckEntry> entries;
    std::optional<SmtpError> sessionError; // the session itself failed (connect, TLS, sign-in, ...)
    Hint sessionHint;
    bool allAccepted() const;
    QJsonObject toJson() const;
};

namespace detail {
class CheckWorker;
}

// Sends one short test message from every distinct configured sender (the default and each
// category override with a different address) over one SMTP session, and reports which senders
// the server refuses. A Job: the session runs on the job's worker thread; results arrive on the
// caller's; cancel() at any moment, and the destructor cancels and joins.
class SenderCheck : public Job
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SenderCheck)

public:
    SenderCheck(MailSettings settings, QString secret, QString recipient, QObject* parent = nullptr);
    ~SenderCheck() override;

    // Default first, then invoice, quote, ticket when their address differs; empty addresses skipped.
    static QList<SenderCheckEntry> distinctSenders(const MailSettings& settings);

    void setTimeouts(const PhaseTimeouts& timeouts); // before start()

Q_SIGNALS:
    // Progress of the one session, relayed from the worker thread as TestSendJob does: the phase
    // (MAIL, RCPT and DATA come again for each sender) and each transcript line, redacted by the
    // session before it leaves (no password or token ever appears).
    void phaseChanged(outbound::SmtpPhase phase);
    void transcript(const outbound::TranscriptLine& line);
    // Exactly once after start() or cancel(); a cancel shows as a Cancelled sessionError.
    void finished(const outbound::SenderCheckReport& report);

protected:
    std::function<std::unique_ptr<JobWorker>()> workerFactory() override;

private:
    friend class detail::CheckWorker;
    void deliver(const SenderCheckReport& report);

    MailSettings m_settings;
    QString m_secret;
    QString m_recipient;
    std::optional<PhaseTimeouts> m_timeouts;
};

} // namespace outbound

Q_DECLARE_METATYPE(outbound::SenderCheckReport)
