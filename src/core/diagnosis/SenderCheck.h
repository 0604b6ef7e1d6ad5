#pragma once

#include "diagnosis/Diagnosis.h"
#include "settings/MailSettings.h"
#include "smtp/SmtpTypes.h"

#include <QJsonObject>
#include <QObject>
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

// Sends one short test message from every distinct configured sender (the default and each
// category override with a different address) over one SMTP session, and reports which senders
// the server refuses. The session runs on its own worker thread; results arrive on the caller's.
class SenderCheck : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SenderCheck)

public:
    SenderCheck(MailSettings settings, QString secret, QString recipient, QObject* parent = nullptr);
    ~SenderCheck() override; // cancels and joins the worker thread

    // Default first, then invoice, quote, ticket when their address differs; empty addresses skipped.
    static QList<SenderCheckEntry> distinctSenders(const MailSettings& settings);

    void setTimeouts(const PhaseTimeouts& timeouts);
    void start();
    void cancel();

Q_SIGNALS:
    void finished(const outbound::SenderCheckReport& report);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace outbound

Q_DECLARE_METATYPE(outbound::SenderCheckReport)
