#include "AttachmentExtractor.h"

#include <QRegularExpression>

namespace outbound::gui {

namespace {

struct Entity
{
    QByteArray headers; // unfolded, lower-case names kept as written
    QByteArray body;
};

Entity splitEntity(const QByteArray& bytes)
{
    qsizetype end = bytes.indexOf("\r\n\r\n");
    qsizetype skip = 4;
    if (end < 0) {
        end = bytes.indexOf("\n\n");
        skip = 2;
    }
    if (end < 0)
        return {bytes, {}};
    QByteArray headers = bytes.left(end);
    // Unfold continuation lines so a parameter on the next line is found.
    headers.replace("\r\n ", " ").replace("\r\n\t", " ").replace("\n ", " ").replace("\n\t", " ");
    return {headers, bytes.mid(end + skip)};
}

QByteArray header(const QByteArray& headers, const char* name)
{
    const QList<QByteArray> lines = headers.split('\n');
    const QByteArray wanted = QByteArray(name).toLower() + ':';
    for (const QByteArray& line : lines) {
        if (line.toLower().startsWith(wanted))
            return line.mid(wanted.size()).trimmed();
    }
    return {};
}

QByteArray boundaryOf(const QByteArray& contentType)
{
    static const QRegularExpression pattern(QStringLiteral("boundary\\s*=\\s*(\"([^\"]+)\"|([^;\\s]+))"),
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(QString::fromLatin1(contentType));
    if (!match.hasMatch())
        return {};
    return (match.captured(2).isEmpty() ? match.captured(3) : match.captured(2)).toLatin1();
}

QByteArray decodeQuotedPrintable(const QByteArray& in)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c != '=') {
            out.append(c);
            continue;
        }
        if (in.mid(i + 1, 2) == "\r\n") {
            i += 2; // soft line break
        } else if (i + 1 < in.size() && in.at(i + 1) == '\n') {
            i += 1;
        } else if (i + 2 < in.size()) {
            bool ok = false;
            const int value = in.mid(i + 1, 2).toInt(&ok, 16);
            if (ok) {
                out.append(char(value));
                i += 2;
            } else {
                out.append(c);
            }
        }
    }
    return out;
}

QByteArray decodeBody(const QByteArray& headers, const QByteArray& body)
{
    const QByteArray encoding = header(headers, "Content-Transfer-Encoding").toLower();
    if (encoding == "base64")
        return QByteArray::fromBase64(body);
    if (encoding == "quoted-printable")
        return decodeQuotedPrintable(body);
    return body;
}

void walk(const QByteArray& bytes, QList<QByteArray>& out, int depth)
{
    if (depth > 20)
        return; // a malformed message cannot make this recurse forever
    const Entity entity = splitEntity(bytes);
    const QByteArray contentType = header(entity.headers, "Content-Type");
    if (contentType.toLower().startsWith("multipart/")) {
        const QByteArray boundary = boundaryOf(contentType);
        if (boundary.isEmpty())
            return;
        const QByteArray delimiter = "--" + boundary;
        qsizetype at = entity.body.indexOf(delimiter);
        while (at >= 0) {
            qsizetype start = entity.body.indexOf('\n', at);
            if (start < 0 || entity.body.mid(at + delimiter.size(), 2) == "--")
                break; // the closing delimiter
            ++start;
            const qsizetype next = entity.body.indexOf("\n" + delimiter, start);
            if (next < 0)
                break;
            qsizetype partEnd = next;
            if (partEnd > start && entity.body.at(partEnd - 1) == '\r')
                --partEnd;
            walk(entity.body.mid(start, partEnd - start), out, depth + 1);
            at = next + 1;
        }
        return;
    }
    if (header(entity.headers, "Content-Disposition").toLower().startsWith("attachment"))
        out.append(decodeBody(entity.headers, entity.body));
}

} // namespace

QList<QByteArray> extractAttachments(const QByteArray& rawMessage)
{
    QList<QByteArray> out;
    walk(rawMessage, out, 0);
    return out;
}

} // namespace outbound::gui
