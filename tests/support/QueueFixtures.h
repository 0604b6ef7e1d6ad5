#pragma once

// What the queue's tests share: a fixed start time, settings with senders, a small message and a
// server reply as a typed error. Header-only so both the unit and the shared-database suites can
// use it without the fake-server library.

#include "queue/QueueTypes.h"
#include "settings/MailSettings.h"
#include "smtp/SmtpTypes.h"

#include <QDateTime>
#include <QTest>

// Our enums print through outbound::toString, which QTest's own toString() hides.
#define QCOMPARE_ENUM(actual, expected) QCOMPARE(toString(actual), toString(expected))

namespace outbound::test {

inline const QDateTime kStart = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);

inline MailSettings testSettings()
{
    MailSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.defaultSender = {QStringLiteral("office@example.com"), QStringLiteral("Office")};
    s.invoiceSender = {QStringLiteral("billing@example.com"), QStringLiteral("Billing")};
    return s;
}

inline NewMessage message(const QString& to, const QString& subject, Category category = Category::System)
{
    NewMessage m;
    m.category = category;
    m.content.to = {MailAddress{{}, to}};
    m.content.subject = subject;
    m.content.text = QStringLiteral("Hello %1").arg(subject);
    return m;
}

inline SmtpError smtpError(int code, bool transient, SmtpPhase phase = SmtpPhase::Rcpt)
{
    SmtpError e;
    e.kind = SmtpErrorKind::ServerReply;
    e.phase = phase;
    e.code = code;
    e.enhancedCode = transient ? QStringLiteral("4.3.0") : QStringLiteral("5.1.1");
    e.serverText = transient ? QStringLiteral("try later") : QStringLiteral("no such user");
    e.transient = transient;
    return e;
}

} // namespace outbound::test
