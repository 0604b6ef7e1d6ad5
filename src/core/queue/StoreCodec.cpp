#include "queue/StoreCodec.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace outbound {

// Timestamps are UTC epoch milliseconds; NULL for "not set".
QVariant ms(const QDateTime& t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QDateTime fromMs(const QVariant& v)
{
    if (v.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

// Qt binds a null QString as SQL NULL; text columns are NOT NULL.
QString nonNull(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QString refusalsJson(const QList<RecipientRefusal>& list)
{
    QJsonArray a;
    for (const RecipientRefusal& r : list) {
        a.append(QJsonObject{{QStringLiteral("address"), QString::fromUtf8(r.address)},
                             {QStringLiteral("code"), r.code},
                             {QStringLiteral("enhanced"), r.enhancedCode},
                             {QStringLiteral("text"), r.text}});
    }
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QList<RecipientRefusal> refusalsFromJson(const QString& text)
{
    QList<RecipientRefusal> list;
    const QJsonArray a = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue& v : a) {
        const QJsonObject o = v.toObject();
        RecipientRefusal r;
        r.address = o.value(QStringLiteral("address")).toString().toUtf8();
        r.code = o.value(QStringLiteral("code")).toInt();
        r.enhancedCode = o.value(QStringLiteral("enhanced")).toString();
        r.text = o.value(QStringLiteral("text")).toString();
        list.append(r);
    }
    return list;
}

QString errorJson(const SmtpError& e)
{
    QJsonObject o{{QStringLiteral("kind"), toString(e.kind)},
                  {QStringLiteral("phase"), toString(e.phase)},
                  {QStringLiteral("code"), e.code},
                  {QStringLiteral("enhanced"), e.enhancedCode},
                  {QStringLiteral("text"), e.serverText},
                  {QStringLiteral("transient"), e.transient},
                  {QStringLiteral("timeout"), e.timeoutSeconds},
                  {QStringLiteral("detail"), e.detail}};
    if (!e.certificateErrors.isEmpty())
        o.insert(QStringLiteral("certificate_errors"), QJsonArray::fromStringList(e.certificateErrors));
    if (!e.certificateErrorCodes.isEmpty()) {
        QJsonArray codes;
        for (int code : e.certificateErrorCodes)
            codes.append(code);
        o.insert(QStringLiteral("certificate_error_codes"), codes);
    }
    if (!e.peerCertificateSha256.isEmpty())
        o.insert(QStringLiteral("peer_sha256"), e.peerCertificateSha256);
    if (e.outcomeUnknown)
        o.insert(QStringLiteral("outcome_unknown"), true);
    if (e.sawEhlo) {
        o.insert(QStringLiteral("saw_ehlo"), true);
        o.insert(QStringLiteral("starttls_offered"), e.startTlsOffered);
    }
    if (e.tlsActive)
        o.insert(QStringLiteral("tls_active"), true);
    if (e.replyLatencyMs >= 0)
        o.insert(QStringLiteral("reply_ms"), e.replyLatencyMs);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<SmtpError> errorFromJson(const QString& text)
{
    if (text.isEmpty())
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    if (o.isEmpty())
        return std::nullopt;
    SmtpError e;
    const QString kind = o.value(QStringLiteral("kind")).toString();
    for (int k = 0; k <= static_cast<int>(kLastSmtpErrorKind); ++k) {
        if (toString(static_cast<SmtpErrorKind>(k)) == kind)
            e.kind = static_cast<SmtpErrorKind>(k);
    }
    const QString phase = o.value(QStringLiteral("phase")).toString();
    for (int p = 0; p <= static_cast<int>(SmtpPhase::Quit); ++p) {
        if (toString(static_cast<SmtpPhase>(p)) == phase)
            e.phase = static_cast<SmtpPhase>(p);
    }
    e.code = o.value(QStringLiteral("code")).toInt();
    e.enhancedCode = o.value(QStringLiteral("enhanced")).toString();
    e.serverText = o.value(QStringLiteral("text")).toString();
    e.transient = o.value(QStringLiteral("transient")).toBool(true);
    e.timeoutSeconds = o.value(QStringLiteral("timeout")).toInt();
    e.detail = o.value(QStringLiteral("detail")).toString();
    for (const QJsonValue& v : o.value(QStringLiteral("certificate_error_codes")).toArray())
        e.certificateErrorCodes.append(v.toInt());
    for (const QJsonValue& v : o.value(QStringLiteral("certificate_errors")).toArray())
        e.certificateErrors.append(v.toString());
    e.peerCertificateSha256 = o.value(QStringLiteral("peer_sha256")).toString();
    e.outcomeUnknown = o.value(QStringLiteral("outcome_unknown")).toBool(false);
    e.sawEhlo = o.value(QStringLiteral("saw_ehlo")).toBool(false);
    e.startTlsOffered = o.value(QStringLiteral("starttls_offered")).toBool(false);
    e.tlsActive = o.value(QStringLiteral("tls_active")).toBool(false);
    e.replyLatencyMs = o.value(QStringLiteral("reply_ms")).toInt(-1);
    return e;
}

QString boundedTranscript(const QString& text)
{
    if (text.size() <= kTranscriptLimit)
        return text;
    // Keep the start (greeting, EHLO) and the end (where it failed).
    const int half = kTranscriptLimit / 2;
    return text.left(half) + QStringLiteral("\n[...]\n") + text.right(half);
}

// Sent to some recipients while others were refused with a 4xx: they are not retried (the
// accepted ones would get a duplicate), so the row says so where lists show it.
QString temporaryRefusalSummary(const QList<RecipientRefusal>& refusals)
{
    QStringList parts;
    for (const RecipientRefusal& r : refusals) {
        if (r.code < 400 || r.code >= 500)
            continue;
        QString reply = QString::number(r.code);
        if (!r.enhancedCode.isEmpty())
            reply += u' ' + r.enhancedCode;
        if (!r.text.isEmpty())
            reply += u' ' + r.text;
        parts.append(QStringLiteral("%1 (%2)").arg(QString::fromUtf8(r.address), reply));
    }
    if (parts.isEmpty())
        return {};
    const int count = static_cast<int>(parts.size());
    return QCoreApplication::translate("MailStore", "%n recipient(s) refused temporarily: %1", nullptr, count)
        .arg(parts.join(QStringLiteral("; ")));
}

} // namespace outbound
