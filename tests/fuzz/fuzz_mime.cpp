// Fuzz target: MIME build -> parse round trip. Fields come from the fuzzer; whatever buildMessage
// accepts must be a well-formed message: CRLF only, no line over 998 bytes, ASCII unless an
// address needs SMTPUTF8, headers that cannot be injected into, each required header once, no Bcc
// header, the Subject decoding back to what was given, and a text-only body decoding back to the
// text. Anything with a line break in a header field must be refused.

#include "FuzzSupport.h"
#include "mime/HeaderEncoding.h"
#include "mime/MimeBuilder.h"

#include <QMap>

using namespace outbound;
using namespace outbound::fuzz;

namespace {

MailAddress address(FuzzInput& in)
{
    static const char* const kEmails[] = {"a@example.org",   "billing@example.com", "x.y+z@sub.example.net",
                                          "üser@example.de", "user@bücher.example", "q@[127.0.0.1]"};
    MailAddress a;
    const unsigned choice = in.pick(8);
    a.email = choice < 6 ? QString::fromUtf8(kEmails[choice]) : in.text(80);
    if (in.flag())
        a.name = in.text(120);
    return a;
}

bool hasLineBreak(const QString& s)
{
    return s.contains(u'\r') || s.contains(u'\n');
}

QString trimBlanks(const QString& s)
{
    qsizetype from = 0, to = s.size();
    while (from < to && (s[from] == u' ' || s[from] == u'\t'))
        ++from;
    while (to > from && (s[to - 1] == u' ' || s[to - 1] == u'\t'))
        --to;
    return s.mid(from, to - from);
}

QByteArray decodeQuotedPrintable(const QByteArray& in)
{
    QByteArray out;
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] != '=') {
            out.append(in[i]);
            continue;
        }
        if (i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n') {
            i += 2; // soft line break
            continue;
        }
        check(i + 2 < in.size(), "quoted-printable ends in the middle of an escape", in);
        bool ok = false;
        const int value = in.mid(i + 1, 2).toInt(&ok, 16);
        check(ok, "quoted-printable escape is not hex", in.mid(i, 3));
        out.append(char(value));
        i += 2;
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzInput in(data, size);
    MailContent content;
    content.from = address(in);
    for (unsigned i = 0, n = in.pick(3); i < n; ++i)
        content.to.append(address(in));
    for (unsigned i = 0, n = in.pick(2); i < n; ++i)
        content.cc.append(address(in));
    for (unsigned i = 0, n = in.pick(2); i < n; ++i)
        content.bcc.append(address(in));
    if (in.pick(4) == 0)
        content.replyTo = address(in);
    content.subject = in.text(255);
    content.text = QString::fromUtf8(in.bytes(255) + in.bytes(255) + in.bytes(255));
    if (in.pick(3) == 0)
        content.html = in.text(255);
    for (unsigned i = 0, n = in.pick(3); i < n; ++i) {
        MailAttachment attachment;
        attachment.fileName = in.text(100);
        if (in.flag())
            attachment.contentType = in.bytes(40);
        attachment.data = in.bytes(255);
        content.attachments.append(attachment);
    }
    if (in.pick(4) == 0) {
        content.icalendar = in.bytes(200);
        content.icalendarMethod = in.flag() ? in.text(20) : QString();
    }
    if (in.pick(4) == 0)
        content.messageId = in.bytes(60);
    content.date = QDateTime::fromSecsSinceEpoch(1700000000 + in.word(), Qt::UTC);

    const auto built = buildMessage(content);

    bool injection = hasLineBreak(content.subject) || hasLineBreak(content.from.name) ||
                     hasLineBreak(content.from.email) ||
                     // Reply-To is written only when it has an address.
                     (!content.replyTo.email.isEmpty() &&
                      (hasLineBreak(content.replyTo.name) || hasLineBreak(content.replyTo.email))) ||
                     hasLineBreak(content.icalendarMethod) || content.messageId.contains('\r') ||
                     content.messageId.contains('\n');
    for (const auto* list : {&content.to, &content.cc, &content.bcc}) {
        for (const MailAddress& a : *list)
            injection = injection || hasLineBreak(a.name) || hasLineBreak(a.email);
    }
    for (const MailAttachment& a : content.attachments)
        injection = injection || hasLineBreak(a.fileName) || a.contentType.contains('\r') ||
                    a.contentType.contains('\n');
    if (!built) {
        check(!built.error().message.isEmpty(), "a refused message without a reason");
        return 0;
    }
    check(!injection, "a header value with CR or LF was accepted (header injection)",
          content.subject.toUtf8());

    const QByteArray& message = built->data;
    check(message.endsWith("\r\n"), "the message does not end with CRLF");
    check(!built->needs8BitMime, "needs8BitMime set although bodies are never 8bit");

    // CRLF only, lines within 998 bytes, ASCII unless SMTPUTF8 is needed.
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < message.size(); ++i) {
        const char c = message[i];
        if (c == '\n') {
            check(i > 0 && message[i - 1] == '\r', "bare LF in the message", message.mid(lineStart, 80));
            check(i - 1 - lineStart <= mime::kHardLineLimit, "a line over 998 bytes",
                  message.mid(lineStart, 80));
            lineStart = i + 1;
        } else if (c == '\r') {
            check(i + 1 < message.size() && message[i + 1] == '\n', "bare CR in the message",
                  message.mid(lineStart, 80));
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            check(built->needsSmtpUtf8, "8-bit byte in a message that does not need SMTPUTF8",
                  message.mid(lineStart, 80));
        } else {
            check(c != '\0', "NUL in the message", message.mid(lineStart, 80));
        }
    }

    // The header section: names, folding, each required field exactly once, never Bcc.
    const qsizetype headerEnd = message.indexOf("\r\n\r\n");
    check(headerEnd > 0, "no empty line after the header");
    const QList<QByteArray> headerLines = message.left(headerEnd).split('\n');
    QMap<QByteArray, QByteArray> fields; // lower-case name -> unfolded value (last one)
    QMap<QByteArray, int> counts;
    QByteArray current;
    auto flush = [&] {
        if (current.isEmpty())
            return;
        const qsizetype colon = current.indexOf(':');
        check(colon > 0, "a header line without a field name", current);
        const QByteArray name = current.left(colon).toLower();
        for (char c : name)
            check(c > 32 && c < 127, "a header field name with a space or non-ASCII byte", current);
        fields[name] = current.mid(colon + 1).trimmed();
        ++counts[name];
        current.clear();
    };
    for (QByteArray line : headerLines) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.startsWith(' ') || line.startsWith('\t')) {
            check(!current.isEmpty(), "the header starts with a continuation line", line);
            current += line; // unfold: drop the CRLF, keep the whitespace
        } else {
            flush();
            current = line;
        }
    }
    flush();
    for (const char* required : {"date", "from", "subject", "message-id", "mime-version", "content-type"})
        check(counts.value(required) == 1, "a required header field is missing or repeated", required);
    check(!counts.contains("bcc"), "a Bcc header was written");
    check(fields.value("message-id") == built->messageId, "Message-ID header differs from the built id");
    if (!content.replyTo.email.isEmpty())
        check(counts.value("reply-to") == 1, "Reply-To missing");

    // Subject round trip through the decoder.
    const QString subject = mime::decodeHeaderValue(fields.value("subject"));
    // Spaces and tabs at either end are not significant in an unstructured header (RFC 5322 3.2.2).
    check(trimBlanks(subject) == trimBlanks(content.subject),
          "the Subject does not decode back to what was given",
          content.subject.toUtf8().toHex(' ') + "\n-> " + subject.toUtf8().toHex(' ') +
              "\nheader: " + fields.value("subject"));

    // Envelope: every recipient is there, and nothing else.
    for (const auto* list : {&content.to, &content.cc, &content.bcc}) {
        for (const MailAddress& a : *list) {
            bool found = false;
            for (const QByteArray& r : built->envelopeRecipients)
                found = found || r.compare(a.envelope(), Qt::CaseInsensitive) == 0;
            check(found, "a recipient is missing from the envelope", a.envelope());
        }
    }
    for (const QByteArray& r : built->envelopeRecipients)
        check(!r.contains('<') && !r.contains('>') && !r.contains(' '), "envelope recipient breaks RCPT TO",
              r);

    // A text-only message decodes back to its text (line ends as CRLF, one final CRLF).
    if (content.html.isEmpty() && content.icalendar.isEmpty() && content.attachments.isEmpty()) {
        const QByteArray encoding = fields.value("content-transfer-encoding").toLower();
        QByteArray body = message.mid(headerEnd + 4);
        QByteArray decoded;
        if (encoding == "base64")
            decoded = QByteArray::fromBase64(body.replace("\r\n", ""));
        else if (encoding == "quoted-printable")
            decoded = decodeQuotedPrintable(body);
        else
            decoded = body;
        QByteArray expected = mime::normalizeLineEnds(content.text.toUtf8());
        if (!expected.isEmpty() && !expected.endsWith("\r\n"))
            expected += "\r\n";
        if (decoded != expected && decoded == expected + "\r\n")
            decoded.chop(2); // the final CRLF the serializer adds to an empty body
        check(decoded == expected, "the text body does not decode back to the text",
              expected.left(200) + "\n-> " + decoded.left(200));
    }
    return 0;
}
