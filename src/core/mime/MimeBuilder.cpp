#include "mime/MimeBuilder.h"

#include "mime/HeaderEncoding.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>
#include <QUrl>
#include <optional>

// Message structure (the outermost part is left out when it would hold a single child):
//
//   multipart/mixed                      only when there are attachments
//   ├─ multipart/alternative             only when there is HTML or an iCalendar part
//   │  ├─ text/plain; charset=UTF-8      always (generated from the HTML when empty)
//   │  ├─ text/html; charset=UTF-8       when HTML is given
//   │  └─ text/calendar; method=...      when an invitation is given (last: the richest form,
//   │                                    where Outlook, Gmail and Thunderbird look for it)
//   └─ attachment parts, base64 unless plain CRLF ASCII text
//
// Nothing is ever sent as 8bit: text is 7bit when it can be, else quoted-printable for mostly
// ASCII text and base64 for mostly non-ASCII text (see chooseTextEncoding). So needs8BitMime is
// always false; only a non-ASCII local part in an address needs SMTPUTF8.

namespace outbound {

namespace {

using namespace mime;

constexpr qsizetype kMaxFileNameLength = 255;
constexpr qsizetype kMaxMessageIdLength = 250;
constexpr qsizetype kMaxContentTypeLength = 200;

struct Part
{
    QList<QByteArray> headers; // folded header fields without their final CRLF
    QByteArray body;           // encoded body of a leaf part
    QByteArray multipartSubtype;
    QList<Part> children;
};

QByteArray randomToken(int length)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray token(length, Qt::Uninitialized);
    for (char& c : token)
        c = alphabet[QRandomGenerator::system()->bounded(62)];
    return token;
}

bool subtreeContains(const Part& part, const QByteArray& needle)
{
    if (std::any_of(part.headers.cbegin(), part.headers.cend(),
                    [&](const QByteArray& header) { return header.contains(needle); }))
        return true;
    if (part.children.isEmpty())
        return part.body.contains(needle);
    return std::any_of(part.children.cbegin(), part.children.cend(),
                       [&](const Part& child) { return subtreeContains(child, needle); });
}

qsizetype estimatedSize(const Part& part)
{
    qsizetype size = part.body.size() + 256; // headers and delimiters
    for (const QByteArray& header : part.headers)
        size += header.size() + 2;
    for (const Part& child : part.children)
        size += estimatedSize(child) + 64;
    return size;
}

// Appends the part to `out` in place: large attachments are copied once, not once per level.
void serializeInto(QByteArray& out, const Part& part)
{
    for (qsizetype i = 0; i < part.headers.size(); ++i) {
        if (i > 0)
            out += "\r\n";
        out += part.headers[i];
    }
    if (part.children.isEmpty()) {
        out += "\r\n\r\n";
        out += part.body;
        return;
    }
    // "=_" cannot occur in quoted-printable or base64; the check covers 7bit parts as well.
    QByteArray boundary;
    for (int attempt = 0; attempt < 100; ++attempt) {
        boundary = "=_outbound_" + randomToken(24);
        if (!std::any_of(part.children.cbegin(), part.children.cend(),
                         [&](const Part& child) { return subtreeContains(child, boundary); }))
            break;
    }
    FoldedHeader contentType("Content-Type");
    contentType.append("multipart/" + part.multipartSubtype + ';');
    contentType.append("boundary=\"" + boundary + '"');
    if (!part.headers.isEmpty())
        out += "\r\n";
    out += contentType.result();
    out += "\r\n\r\n";
    for (const Part& child : part.children) {
        out += "--";
        out += boundary;
        out += "\r\n";
        serializeInto(out, child);
        out += "\r\n";
    }
    out += "--";
    out += boundary;
    out += "--\r\n";
}

QByteArray serialize(const Part& part)
{
    QByteArray out;
    out.reserve(estimatedSize(part));
    serializeInto(out, part);
    return out;
}

Part multipart(const QByteArray& subtype, QList<Part> children)
{
    Part part;
    part.multipartSubtype = subtype;
    part.children = std::move(children);
    return part;
}

// CRLF line ends and a final line break, as text parts should have.
QByteArray textBytes(const QByteArray& utf8)
{
    QByteArray bytes = normalizeLineEnds(utf8);
    if (!bytes.isEmpty() && !bytes.endsWith("\r\n"))
        bytes += "\r\n";
    return bytes;
}

Part leaf(const QByteArray& contentTypeHeader, const QByteArray& data, TransferEncoding encoding,
          const QByteArray& dispositionHeader = {})
{
    Part part;
    part.headers.append(contentTypeHeader);
    part.headers.append("Content-Transfer-Encoding: " + toHeaderValue(encoding));
    if (!dispositionHeader.isEmpty())
        part.headers.append(dispositionHeader);
    part.body = encodeBody(data, encoding);
    return part;
}

Part textPart(const QByteArray& subtype, const QByteArray& crlfText, const QByteArray& extraParameter = {})
{
    FoldedHeader contentType("Content-Type");
    contentType.append("text/" + subtype + ';');
    if (extraParameter.isEmpty()) {
        contentType.append("charset=UTF-8");
    } else {
        contentType.append("charset=UTF-8;");
        contentType.append(extraParameter);
    }
    return leaf(contentType.result(), crlfText, chooseTextEncoding(crlfText));
}

bool isValidUtf8(const QByteArray& data)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString decoded = decoder(data);
    return !decoder.hasError();
}

void appendParameters(FoldedHeader& header, const QList<QByteArray>& parameters)
{
    for (qsizetype i = 0; i < parameters.size(); ++i)
        header.append(i + 1 < parameters.size() ? parameters[i] + ';' : parameters[i]);
}

Part attachmentPart(const MailAttachment& attachment, const QString& fileName)
{
    QByteArray type = attachment.contentType.trimmed();
    if (type.isEmpty())
        type = guessContentType(fileName);
    if (type.toLower().startsWith("text/") && !type.toLower().contains("charset") &&
        !isAscii(attachment.data) && isValidUtf8(attachment.data))
        type += "; charset=UTF-8";

    FoldedHeader contentType("Content-Type");
    contentType.append(type + ';');
    appendParameters(contentType, fileNameParameters("name", fileName));
    FoldedHeader disposition("Content-Disposition");
    disposition.append("attachment;");
    appendParameters(disposition, fileNameParameters("filename", fileName));
    return leaf(contentType.result(), attachment.data, chooseBinaryEncoding(attachment.data, type),
                disposition.result());
}

// A header value must not carry a line break (header injection) or a NUL byte.
std::optional<Failure> checkHeaderText(const QString& value, const QString& what, const QString& key)
{
    if (value.contains(u'\r') || value.contains(u'\n'))
        return Failure(
            QCoreApplication::translate(
                "MimeBuilder",
                "The %1 contains a line break (CR or LF), which could add hidden headers; the message "
                "was not built.")
                .arg(what),
            key);
    if (value.contains(QChar(0)))
        return Failure(QCoreApplication::translate(
                           "MimeBuilder", "The %1 contains a NUL character; the message was not built.")
                           .arg(what),
                       key);
    return std::nullopt;
}

std::optional<Failure> checkAddress(const MailAddress& address, const QString& field, const QString& key)
{
    if (auto failure = checkHeaderText(
            address.name, QCoreApplication::translate("MimeBuilder", "display name in %1").arg(field), key))
        return failure;
    if (auto failure = checkHeaderText(
            address.email, QCoreApplication::translate("MimeBuilder", "%1 address").arg(field), key))
        return failure;
    QString reason;
    if (!isValidEmail(address.email, &reason))
        return Failure(QCoreApplication::translate("MimeBuilder", "The %1 address \"%2\" is not valid: %3.")
                           .arg(field, address.email, reason),
                       key);
    return std::nullopt;
}

std::optional<Failure> checkAddresses(const QList<MailAddress>& addresses, const QString& field,
                                      const QString& key)
{
    for (const MailAddress& address : addresses) {
        if (auto failure = checkAddress(address, field, key))
            return failure;
    }
    return std::nullopt;
}

Result<QByteArray> checkedMessageId(const QByteArray& given, const QString& senderDomain)
{
    if (given.isEmpty())
        return generateMessageId(senderDomain);
    const QString asText = QString::fromLatin1(given);
    if (auto failure = checkHeaderText(asText, QCoreApplication::translate("MimeBuilder", "Message-ID"),
                                       QStringLiteral("messageId")))
        return *failure;
    QByteArray id = given.trimmed();
    if (!id.startsWith('<'))
        id = '<' + id + '>';
    static const QRegularExpression form(QStringLiteral(R"(^<[!-;=?-~]+@[!-;=?-Z^-~]+>$)"));
    if (!form.match(QString::fromLatin1(id)).hasMatch() || id.size() > kMaxMessageIdLength)
        return Failure(QCoreApplication::translate(
                           "MimeBuilder", "The Message-ID \"%1\" is not of the form <unique-part@domain>.")
                           .arg(asText),
                       QStringLiteral("messageId"));
    return id;
}

QByteArray calendarMethod(const MailContent& content)
{
    if (!content.icalendarMethod.isEmpty())
        return content.icalendarMethod.trimmed().toUpper().toLatin1();
    static const QRegularExpression methodLine(QStringLiteral(R"(^METHOD:([A-Za-z-]{1,40})\s*$)"),
                                               QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = methodLine.match(QString::fromUtf8(content.icalendar));
    return match.hasMatch() ? match.captured(1).toUpper().toLatin1() : QByteArray();
}

QByteArray domainOf(const QString& email)
{
    return email.mid(email.lastIndexOf(u'@') + 1).toUtf8();
}

} // namespace

QByteArray generateMessageId(const QString& senderDomain)
{
    QByteArray domain = QUrl::toAce(senderDomain.trimmed()).toLower();
    static const QRegularExpression hostName(
        QStringLiteral(R"(^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$)"));
    if (domain.isEmpty() || domain.size() > 253 || !hostName.match(QString::fromLatin1(domain)).hasMatch())
        domain = QByteArrayLiteral("outbound.invalid");
    quint32 random[4];
    QRandomGenerator::system()->fillRange(random);
    const QByteArray unique = QByteArray::number(QDateTime::currentMSecsSinceEpoch(), 36) + '.' +
                              QByteArray(reinterpret_cast<const char*>(random), sizeof(random))
                                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return '<' + unique + '@' + domain + '>';
}

Result<BuiltMessage> buildMessage(const MailContent& content)
{
    // Everything is checked before anything is built.
    if (content.from.email.trimmed().isEmpty())
        return Failure(QCoreApplication::translate("MimeBuilder", "The message has no sender (From)."),
                       QStringLiteral("from"));
    if (content.to.isEmpty() && content.cc.isEmpty() && content.bcc.isEmpty())
        return Failure(
            QCoreApplication::translate("MimeBuilder", "The message has no recipients (To, Cc or Bcc)."),
            QStringLiteral("to"));
    if (auto failure = checkAddress(content.from, QStringLiteral("From"), QStringLiteral("from")))
        return *failure;
    if (auto failure = checkAddresses(content.to, QStringLiteral("To"), QStringLiteral("to")))
        return *failure;
    if (auto failure = checkAddresses(content.cc, QStringLiteral("Cc"), QStringLiteral("cc")))
        return *failure;
    if (auto failure = checkAddresses(content.bcc, QStringLiteral("Bcc"), QStringLiteral("bcc")))
        return *failure;
    const bool hasReplyTo = !content.replyTo.email.isEmpty();
    if (hasReplyTo) {
        if (auto failure =
                checkAddress(content.replyTo, QStringLiteral("Reply-To"), QStringLiteral("replyTo")))
            return *failure;
    }
    if (auto failure = checkHeaderText(content.subject, QCoreApplication::translate("MimeBuilder", "subject"),
                                       QStringLiteral("subject")))
        return *failure;
    for (const MailAttachment& attachment : content.attachments) {
        if (auto failure =
                checkHeaderText(attachment.fileName,
                                QCoreApplication::translate("MimeBuilder", "attachment name \"%1\"")
                                    .arg(attachment.fileName.simplified()),
                                QStringLiteral("attachments")))
            return *failure;
        if (attachment.fileName.size() > kMaxFileNameLength)
            return Failure(QCoreApplication::translate(
                               "MimeBuilder", "The attachment name \"%1…\" is longer than %2 characters.")
                               .arg(attachment.fileName.left(40))
                               .arg(kMaxFileNameLength),
                           QStringLiteral("attachments"));
        const QString type = QString::fromLatin1(attachment.contentType);
        if (auto failure = checkHeaderText(
                type,
                QCoreApplication::translate("MimeBuilder", "content type of the attachment \"%1\"")
                    .arg(attachment.fileName),
                QStringLiteral("attachments")))
            return *failure;
        static const QRegularExpression mimeType(
            QStringLiteral(R"(^\s*[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+\s*(;[ -~]*)?$)"));
        if (!type.isEmpty() && (!mimeType.match(type).hasMatch() || type.size() > kMaxContentTypeLength))
            return Failure(QCoreApplication::translate(
                               "MimeBuilder",
                               "The content type \"%1\" of the attachment \"%2\" is not a valid MIME type.")
                               .arg(type, attachment.fileName),
                           QStringLiteral("attachments"));
    }
    if (auto failure = checkHeaderText(content.icalendarMethod,
                                       QCoreApplication::translate("MimeBuilder", "iCalendar method"),
                                       QStringLiteral("icalendar")))
        return *failure;
    if (!content.icalendarMethod.isEmpty() &&
        !QRegularExpression(QStringLiteral(R"(^\s*[A-Za-z-]{1,40}\s*$)"))
             .match(content.icalendarMethod)
             .hasMatch())
        return Failure(
            QCoreApplication::translate(
                "MimeBuilder", "The iCalendar method \"%1\" is not valid (expected a word such as REQUEST).")
                .arg(content.icalendarMethod),
            QStringLiteral("icalendar"));

    auto messageId = checkedMessageId(content.messageId, QString::fromUtf8(domainOf(content.from.email)));
    if (!messageId)
        return messageId.error();

    BuiltMessage built;
    built.messageId = messageId.value();
    built.envelopeFrom = content.from.envelope();
    QSet<QByteArray> seen;
    for (const QList<MailAddress>* list : {&content.to, &content.cc, &content.bcc}) {
        for (const MailAddress& address : *list) {
            const QByteArray envelope = address.envelope();
            const qsizetype at = envelope.lastIndexOf('@');
            // Local parts may be case-sensitive; domains never are.
            const QByteArray key =
                envelope.left(at) + '@' + QString::fromUtf8(envelope.mid(at + 1)).toLower().toUtf8();
            if (!seen.contains(key)) {
                seen.insert(key);
                built.envelopeRecipients.append(envelope);
            }
        }
    }
    auto anyNeedsUtf8 = [](const QList<MailAddress>& list) {
        return std::any_of(list.cbegin(), list.cend(),
                           [](const MailAddress& a) { return a.needsSmtpUtf8(); });
    };
    built.needsSmtpUtf8 = content.from.needsSmtpUtf8() || (hasReplyTo && content.replyTo.needsSmtpUtf8()) ||
                          anyNeedsUtf8(content.to) || anyNeedsUtf8(content.cc) || anyNeedsUtf8(content.bcc);
    built.needs8BitMime = false; // see the structure comment at the top

    // Body parts.
    const QString plain =
        content.text.isEmpty() && !content.html.isEmpty() ? htmlToPlainText(content.html) : content.text;
    Part body = textPart("plain", textBytes(plain.toUtf8()));
    if (!content.html.isEmpty() || !content.icalendar.isEmpty()) {
        QList<Part> alternatives{body};
        if (!content.html.isEmpty())
            alternatives.append(textPart("html", textBytes(content.html.toUtf8())));
        if (!content.icalendar.isEmpty()) {
            const QByteArray method = calendarMethod(content);
            alternatives.append(textPart("calendar", textBytes(content.icalendar),
                                         method.isEmpty() ? QByteArray() : "method=" + method));
        }
        body = multipart("alternative", alternatives);
    }
    if (!content.attachments.isEmpty()) {
        QList<Part> parts{body};
        for (const MailAttachment& attachment : content.attachments)
            parts.append(attachmentPart(attachment, attachment.fileName.trimmed().isEmpty()
                                                        ? QStringLiteral("attachment")
                                                        : attachment.fileName));
        body = multipart("mixed", parts);
    }

    // Message header, then the top part's own Content-* fields.
    QList<QByteArray> headers;
    headers.append("Date: " +
                   formatDate(content.date.isValid() ? content.date : QDateTime::currentDateTime()));
    headers.append(addressHeader("From", {content.from}));
    if (hasReplyTo)
        headers.append(addressHeader("Reply-To", {content.replyTo}));
    if (!content.to.isEmpty())
        headers.append(addressHeader("To", content.to));
    else if (content.cc.isEmpty())
        headers.append(QByteArrayLiteral("To: undisclosed-recipients:;"));
    if (!content.cc.isEmpty())
        headers.append(addressHeader("Cc", content.cc));
    headers.append(unstructuredHeader("Subject", content.subject));
    headers.append("Message-ID: " + built.messageId);
    headers.append(QByteArrayLiteral("MIME-Version: 1.0"));
    body.headers = headers + body.headers;

    built.data = serialize(body);
    if (!built.data.endsWith("\r\n"))
        built.data += "\r\n";
    return built;
}

} // namespace outbound
