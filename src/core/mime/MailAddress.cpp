#include "mime/MailAddress.h"

#include <QCoreApplication>
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
    if (domain.startsWith(u'[') && domain.endsWith(u']'))
        return true; // address literal
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
