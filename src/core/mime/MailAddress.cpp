#include "mime/MailAddress.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>
#include <optional>

namespace outbound {

namespace {
bool isAscii(const QString& s)
{
    for (QChar c : s) {
        if (c.unicode() > 0x7f)
            return false;
    }
    return true;
}

// RFC 5322 atext plus '.', and any non-ASCII character (RFC 6531).
bool isLocalPartChar(QChar c)
{
    if (c.unicode() > 0x7f)
        return c.isPrint() && !c.isSpace();
    static const QString specials = QStringLiteral("!#$%&'*+-/=?^_`{|}~.");
    return c.isLetterOrNumber() || specials.contains(c);
}
} // namespace

QByteArray MailAddress::envelope() const
{
    const qsizetype at = email.lastIndexOf(u'@');
    const QString local = email.left(at);
    const QString domain = email.mid(at + 1);
    if (!isAscii(local))
        return email.toUtf8();
    const QByteArray ace = QUrl::toAce(domain);
    return local.toLatin1() + '@' + (ace.isEmpty() ? domain.toUtf8() : ace);
}

bool MailAddress::needsSmtpUtf8() const
{
    return !isAscii(email.left(email.lastIndexOf(u'@')));
}

namespace {
bool isValidAddressLiteral(const QString& literal)
{
    if (literal.size() < 3 || !literal.startsWith(u'[') || !literal.endsWith(u']'))
        return false;
    const QString inner = literal.mid(1, literal.size() - 2);
    static const QRegularExpression ipv4(QStringLiteral(
        "^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$"));
    if (ipv4.match(inner).hasMatch())
        return true;
    if (!inner.startsWith(QStringLiteral("IPv6:"), Qt::CaseInsensitive))
        return false;
    const QString v6 = inner.mid(5);
    static const QRegularExpression v6chars(QStringLiteral("^[0-9A-Fa-f:.]+$"));
    if (!v6chars.match(v6).hasMatch())
        return false;
    const QHostAddress address(v6);
    return address.protocol() == QAbstractSocket::IPv6Protocol;
}
} // namespace

bool isValidEmail(const QString& email, QString* reason)
{
    auto fail = [&](const QString& why) {
        if (reason)
            *reason = why;
        return false;
    };
    if (email.isEmpty())
        return fail(QCoreApplication::translate("MailAddress", "the address is empty"));
    if (email.contains(u'\r') || email.contains(u'\n'))
        return fail(QCoreApplication::translate("MailAddress", "the address contains a line break"));
    const qsizetype at = email.lastIndexOf(u'@');
    if (at < 0)
        return fail(QCoreApplication::translate("MailAddress", "\"%1\" has no @").arg(email));
    const QString local = email.left(at);
    const QString domain = email.mid(at + 1);
    if (local.isEmpty())
        return fail(QCoreApplication::translate("MailAddress", "\"%1\" has nothing before the @").arg(email));
    if (domain.isEmpty())
        return fail(
            QCoreApplication::translate("MailAddress", "\"%1\" has no domain after the @").arg(email));
    if (local.size() > 64)
        return fail(
            QCoreApplication::translate("MailAddress", "the part before the @ is longer than 64 characters"));
    if (local.startsWith(u'.') || local.endsWith(u'.') || local.contains(QStringLiteral("..")))
        return fail(
            QCoreApplication::translate("MailAddress", "\"%1\" has a misplaced dot before the @").arg(email));
    for (QChar c : local) {
        if (!isLocalPartChar(c))
            return fail(
                QCoreApplication::translate(
                    "MailAddress", "\"%1\" contains the character \"%2\", which is not allowed in an address")
                    .arg(email,
                         c == u' ' ? QCoreApplication::translate("MailAddress", "space") : QString(c)));
    }
    if (domain.startsWith(u'[') || domain.endsWith(u']')) {
        // RFC 5321 4.1.3 address literal: [IPv4] or [IPv6:...]. General literals ("tag:...") are
        // refused; whatever else sits between the brackets would reach the envelope verbatim
        // (e.g. "[x> NOTIFY=NEVER ]" rewrites the RCPT command).
        if (!isValidAddressLiteral(domain))
            return fail(QCoreApplication::translate(
                            "MailAddress",
                            "\"%1\" is not a valid address literal ([192.0.2.1] or [IPv6:2001:db8::1])")
                            .arg(domain));
        return true;
    }
    const QByteArray ace = QUrl::toAce(domain);
    if (ace.isEmpty() || ace.size() > 253)
        return fail(QCoreApplication::translate("MailAddress", "\"%1\" is not a valid domain").arg(domain));
    for (const QByteArray& label : ace.split('.')) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith('-') || label.endsWith('-'))
            return fail(
                QCoreApplication::translate("MailAddress", "\"%1\" is not a valid domain").arg(domain));
        for (char c : label) {
            if (!(QChar::isLetterOrNumber(uchar(c)) || c == '-'))
                return fail(
                    QCoreApplication::translate("MailAddress", "\"%1\" is not a valid domain").arg(domain));
        }
    }
    return true;
}

Result<MailAddress> parseMailAddress(const QString& input)
{
    if (input.contains(u'\r') || input.contains(u'\n'))
        return Failure(QCoreApplication::translate(
                           "MailAddress",
                           "The address \"%1\" contains a line break, which is not allowed (it could inject "
                           "headers).")
                           .arg(input.simplified()));
    const QString text = input.trimmed();
    MailAddress address;
    const qsizetype open = text.lastIndexOf(u'<');
    if (open >= 0) {
        if (!text.endsWith(u'>'))
            return Failure(QCoreApplication::translate(
                               "MailAddress", "The address \"%1\" has a \"<\" without a closing \">\".")
                               .arg(text));
        address.email = text.mid(open + 1, text.size() - open - 2).trimmed();
        QString name = text.left(open).trimmed();
        if (name.size() >= 2 && name.startsWith(u'"') && name.endsWith(u'"')) {
            name = name.mid(1, name.size() - 2);
            name.replace(QStringLiteral("\\\""), QStringLiteral("\""));
            name.replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
        }
        address.name = name;
    } else {
        address.email = text;
    }
    QString reason;
    if (!isValidEmail(address.email, &reason))
        return Failure(QCoreApplication::translate("MailAddress", "Invalid address: %1.").arg(reason));
    return address;
}

Result<QList<MailAddress>> parseMailAddressList(const QString& text)
{
    QList<MailAddress> result;
    // Split on , or ; outside quotes and angle brackets.
    QString current;
    bool inQuotes = false;
    bool inAngle = false;
    auto flush = [&]() -> std::optional<Failure> {
        if (!current.trimmed().isEmpty()) {
            auto parsed = parseMailAddress(current);
            if (!parsed)
                return parsed.error();
            result.append(parsed.value());
        }
        current.clear();
        return std::nullopt;
    };
    bool escaped = false; // after a backslash inside quotes
    for (QChar c : text) {
        if (escaped) {
            escaped = false;
            current += c;
            continue;
        }
        if (c == u'\\' && inQuotes)
            escaped = true;
        else if (c == u'"')
            inQuotes = !inQuotes;
        else if (c == u'<' && !inQuotes)
            inAngle = true;
        else if (c == u'>' && !inQuotes)
            inAngle = false;
        if ((c == u',' || c == u';') && !inQuotes && !inAngle) {
            if (auto f = flush())
                return *f;
            continue;
        }
        current += c;
    }
    if (auto f = flush())
        return *f;
    if (result.isEmpty())
        return Failure(QCoreApplication::translate("MailAddress", "No address given."));
    return result;
}

} // namespace outbound
