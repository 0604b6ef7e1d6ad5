#include "mime/HeaderEncoding.h"

#include <QDate>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTime>
#include <algorithm>
#include <limits>

namespace outbound::mime {

namespace {

constexpr int kEncodedWordOverhead = 12; // "=?UTF-8?B?" + "?="
// Below this room a new encoded word goes to a fresh line instead of being squeezed in.
constexpr int kMinWordRoom = 24;
constexpr char kHexDigits[] = "0123456789ABCDEF";

bool isAsciiAlnum(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Characters that may stand for themselves in a Q-encoded word anywhere, including a phrase
// (RFC 2047 section 5, rule 3).
bool isQLiteral(uchar c)
{
    return isAsciiAlnum(c) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
}

int qEncodedLength(uchar c)
{
    return (c == ' ' || isQLiteral(c)) ? 1 : 3;
}

void appendHex(QByteArray& out, char prefix, uchar c)
{
    out += prefix;
    out += kHexDigits[c >> 4];
    out += kHexDigits[c & 0xf];
}

QByteArray makeWord(QByteArrayView utf8, bool base64)
{
    QByteArray word = base64 ? QByteArrayLiteral("=?UTF-8?B?") : QByteArrayLiteral("=?UTF-8?Q?");
    if (base64) {
        word += QByteArray(utf8.data(), utf8.size()).toBase64();
    } else {
        for (char ch : utf8) {
            const auto c = uchar(ch);
            if (c == ' ')
                word += '_';
            else if (isQLiteral(c))
                word += char(c);
            else
                appendHex(word, '=', c);
        }
    }
    word += "?=";
    return word;
}

qsizetype base64Length(qsizetype bytes)
{
    return (bytes + 2) / 3 * 4;
}

// Number of QChars in the code point starting at `pos` (a surrogate pair counts as one).
qsizetype codePointLength(QStringView text, qsizetype pos)
{
    if (text[pos].isHighSurrogate() && pos + 1 < text.size() && text[pos + 1].isLowSurrogate())
        return 2;
    return 1;
}

// Takes as many whole code points from text[pos..] as fit in one encoded word of at most
// `maxLength` characters (at least one), and advances pos.
QByteArray nextEncodedWord(QStringView text, qsizetype& pos, int maxLength)
{
    qsizetype end = pos;
    qsizetype bytes = 0;
    qsizetype qLength = 0;
    while (end < text.size()) {
        const qsizetype next = end + codePointLength(text, end);
        const QByteArray chunk = text.sliced(end, next - end).toUtf8();
        qsizetype chunkQ = 0;
        for (char c : chunk)
            chunkQ += qEncodedLength(uchar(c));
        const qsizetype candidate =
            kEncodedWordOverhead + std::min(base64Length(bytes + chunk.size()), qLength + chunkQ);
        if (candidate > maxLength && end > pos)
            break;
        bytes += chunk.size();
        qLength += chunkQ;
        end = next;
    }
    const QByteArray utf8 = text.sliced(pos, end - pos).toUtf8();
    pos = end;
    return makeWord(utf8, base64Length(utf8.size()) < qLength);
}

bool isControl(QChar c)
{
    return (c.unicode() < 0x20 && c != u'\t') || c.unicode() == 0x7f;
}

bool isAtext(QChar c)
{
    static const QString specials = QStringLiteral("!#$%&'*+-/=?^_`{|}~");
    return c.unicode() < 0x80 && (isAsciiAlnum(uchar(c.unicode())) || specials.contains(c));
}

// A display name. Atoms stay plain; an ASCII name with specials is quoted; otherwise the stretch
// of words that need it becomes encoded words, kept as one word when it fits, because some
// readers (Python's email package among them) keep the space between encoded words of a phrase.
void appendPhrase(FoldedHeader& header, const QString& name)
{
    const QStringList words = name.split(u' ');
    auto isAtom = [](const QString& word) {
        return !word.isEmpty() && word.size() <= kSoftLineLimit - 10 &&
               std::all_of(word.begin(), word.end(), isAtext) && !word.contains(QStringLiteral("=?"));
    };
    if (std::all_of(words.cbegin(), words.cend(), isAtom)) {
        for (const QString& word : words)
            header.append(word.toLatin1());
        return;
    }
    if (isAscii(name) && std::none_of(name.begin(), name.end(), isControl) &&
        !name.contains(QStringLiteral("=?"))) {
        QByteArray quoted = name.toLatin1();
        quoted.replace('\\', "\\\\").replace('"', "\\\"");
        quoted = '"' + quoted + '"';
        if (quoted.size() <= kSoftLineLimit - 8) {
            header.append(quoted);
            return;
        }
        // A long quoted name would not fold; encoded words do.
    }
    const auto first = std::find_if_not(words.cbegin(), words.cend(), isAtom);
    const auto last = std::find_if_not(words.crbegin(), words.crend(), isAtom).base() - 1;
    for (auto it = words.cbegin(); it != first; ++it)
        header.append(it->toLatin1());
    QStringList span;
    for (auto it = first; it != last + 1; ++it)
        span.append(*it);
    const QString spanText = span.join(u' ');
    const QByteArray single = encodeWord(spanText);
    if (single.size() <= kMaxEncodedWordLength)
        header.append(single);
    else
        appendEncodedWords(header, spanText);
    for (auto it = last + 1; it != words.cend(); ++it)
        header.append(it->toLatin1());
}

bool isAttributeChar(uchar c)
{
    // RFC 2231 attribute-char: token characters without '*', '\'' and '%'.
    static const QByteArray allowed = QByteArrayLiteral("!#$&+-.^_`|~");
    return isAsciiAlnum(c) || allowed.contains(char(c));
}

QByteArray percentEncode(const QByteArray& utf8)
{
    QByteArray out;
    for (char ch : utf8) {
        const auto c = uchar(ch);
        if (isAttributeChar(c))
            out += char(c);
        else
            appendHex(out, '%', c);
    }
    return out;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QByteArray decodeQ(QByteArrayView text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            out += ' ';
        } else if (c == '=' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 &&
                   hexValue(text[i + 2]) >= 0) {
            out += char(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

QString decodeCharset(const QByteArray& bytes, const QByteArray& charset)
{
    const QByteArray lower = charset.toLower();
    if (lower == "iso-8859-1" || lower == "latin1")
        return QString::fromLatin1(bytes);
    return QString::fromUtf8(bytes); // UTF-8 and US-ASCII; other charsets are not produced here
}

// The next CRLF at or after `from`, or -1. Searching for the CR alone uses memchr, which is much
// faster on long lines than a two-byte pattern search.
qsizetype indexOfCrlf(QByteArrayView text, qsizetype from)
{
    for (qsizetype cr = text.indexOf('\r', from); cr >= 0; cr = text.indexOf('\r', cr + 1)) {
        if (cr + 1 < text.size() && text[cr + 1] == '\n')
            return cr;
    }
    return -1;
}

} // namespace

bool isAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) < 0x80; });
}

bool isAscii(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
}

FoldedHeader::FoldedHeader(QByteArrayView name) : m_out(name.toByteArray() + ':'), m_lineLength(m_out.size())
{}

void FoldedHeader::append(QByteArrayView token)
{
    if (m_lineHasToken && !token.isEmpty() && m_lineLength + 1 + token.size() > kSoftLineLimit) {
        m_out += "\r\n ";
        m_lineLength = 1;
    } else {
        m_out += ' ';
        m_lineLength += 1;
    }
    m_out += token;
    m_lineLength += token.size();
    m_lineHasToken = true;
}

int FoldedHeader::room() const
{
    return int(kSoftLineLimit - m_lineLength - 1);
}

void appendEncodedWords(FoldedHeader& header, QStringView text)
{
    qsizetype pos = 0;
    while (pos < text.size()) {
        const int room = header.room();
        const int budget =
            room >= kMinWordRoom ? std::min(kMaxEncodedWordLength, room) : kMaxEncodedWordLength;
        header.append(nextEncodedWord(text, pos, budget));
    }
}

QByteArray encodeWord(QStringView text)
{
    qsizetype pos = 0;
    return nextEncodedWord(text, pos, std::numeric_limits<int>::max());
}

QByteArray unstructuredHeader(QByteArrayView name, const QString& value)
{
    FoldedHeader header(name);
    if (value.isEmpty())
        return header.result();
    const QStringList words = value.split(u' ');
    auto needsEncoding = [](const QString& word) {
        return !isAscii(word) || word.contains(QStringLiteral("=?")) || word.size() > kSoftLineLimit - 10 ||
               std::any_of(word.begin(), word.end(), isControl);
    };
    const auto first = std::find_if(words.cbegin(), words.cend(), needsEncoding);
    if (first == words.cend()) {
        for (const QString& word : words)
            header.append(word.toLatin1());
        return header.result();
    }
    const auto last = std::find_if(words.crbegin(), words.crend(), needsEncoding).base() - 1;
    for (auto it = words.cbegin(); it != first; ++it)
        header.append(it->toLatin1());
    QStringList encodedPart;
    for (auto it = first; it != last + 1; ++it)
        encodedPart.append(*it);
    appendEncodedWords(header, encodedPart.join(u' '));
    for (auto it = last + 1; it != words.cend(); ++it)
        header.append(it->toLatin1());
    return header.result();
}

QByteArray addressHeader(QByteArrayView name, const QList<MailAddress>& addresses)
{
    FoldedHeader header(name);
    for (qsizetype i = 0; i < addresses.size(); ++i) {
        const MailAddress& address = addresses[i];
        const QByteArray separator = i + 1 < addresses.size() ? QByteArrayLiteral(",") : QByteArray();
        if (address.name.isEmpty()) {
            header.append(address.envelope() + separator);
        } else {
            appendPhrase(header, address.name);
            header.append('<' + address.envelope() + '>' + separator);
        }
    }
    return header.result();
}

QString decodeHeaderValue(QByteArrayView value)
{
    QByteArray unfolded = value.toByteArray();
    unfolded.replace("\r\n", "");
    const QString text = QString::fromUtf8(unfolded);
    static const QRegularExpression encodedWord(QStringLiteral(R"(=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=)"));
    QString result;
    QByteArray pending; // bytes of adjacent encoded words, decoded together
    QByteArray pendingCharset;
    qsizetype pos = 0;
    bool previousWasEncoded = false;
    auto flush = [&] {
        if (!pending.isEmpty())
            result += decodeCharset(pending, pendingCharset);
        pending.clear();
    };
    for (auto it = encodedWord.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString between = text.mid(pos, match.capturedStart() - pos);
        if (!(previousWasEncoded && between.trimmed().isEmpty())) {
            flush();
            result += between;
        }
        const QByteArray charset = match.captured(1).toLatin1();
        const QByteArray payload = match.captured(3).toLatin1();
        if (charset.toLower() != pendingCharset.toLower())
            flush();
        pendingCharset = charset;
        pending += match.captured(2).toUpper() == u"B" ? QByteArray::fromBase64(payload) : decodeQ(payload);
        pos = match.capturedEnd();
        previousWasEncoded = true;
    }
    flush();
    result += text.mid(pos);
    return result;
}

QByteArray asciiFallbackFileName(const QString& fileName)
{
    QString expanded = fileName;
    static const std::pair<QChar, QLatin1StringView> german[] = {
        {QChar(0xe4), QLatin1StringView("ae")}, {QChar(0xf6), QLatin1StringView("oe")},
        {QChar(0xfc), QLatin1StringView("ue")}, {QChar(0xc4), QLatin1StringView("Ae")},
        {QChar(0xd6), QLatin1StringView("Oe")}, {QChar(0xdc), QLatin1StringView("Ue")},
        {QChar(0xdf), QLatin1StringView("ss")}};
    for (const auto& [from, to] : german)
        expanded.replace(from, to);
    const QString decomposed = expanded.normalized(QString::NormalizationForm_KD);
    QByteArray out;
    for (qsizetype i = 0; i < decomposed.size(); i += codePointLength(decomposed, i)) {
        const QChar c = decomposed[i];
        if (c.category() == QChar::Mark_NonSpacing)
            continue; // the accent of a decomposed letter
        if (c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\')
            out += char(c.unicode());
        else if (!out.endsWith('_'))
            out += '_'; // one stand-in for a run of characters that have none
    }
    return out.trimmed().isEmpty() ? QByteArrayLiteral("attachment") : out;
}

QList<QByteArray> fileNameParameters(QByteArrayView param, const QString& fileName)
{
    const QByteArray fallback = asciiFallbackFileName(fileName);
    const QByteArray quotedFallback = param.toByteArray() + "=\"" + fallback + '"';
    if (fallback == fileName.toUtf8())
        return {quotedFallback};

    QList<QByteArray> parameters;
    const QByteArray single = param.toByteArray() + "*=UTF-8''" + percentEncode(fileName.toUtf8());
    // Each parameter sits on its own line: one leading space and a trailing ';'.
    if (single.size() + 2 <= kSoftLineLimit) {
        parameters.append(single);
    } else {
        int section = 0;
        QByteArray current;
        auto prefix = [&] {
            return param.toByteArray() + '*' + QByteArray::number(section) +
                   "*=" + (section == 0 ? QByteArrayLiteral("UTF-8''") : QByteArray());
        };
        current = prefix();
        bool currentHasValue = false;
        for (qsizetype i = 0; i < fileName.size();) {
            const qsizetype length = codePointLength(fileName, i);
            const QByteArray piece = percentEncode(fileName.sliced(i, length).toUtf8());
            if (currentHasValue && current.size() + piece.size() + 2 > kSoftLineLimit) {
                parameters.append(current);
                ++section;
                current = prefix();
                currentHasValue = false;
            }
            current += piece;
            currentHasValue = true;
            i += length;
        }
        parameters.append(current);
    }
    parameters.append(quotedFallback); // last: readers that know RFC 2231 take the first match
    return parameters;
}

QByteArray guessContentType(const QString& fileName)
{
    static const std::pair<const char*, const char*> types[] = {
        {"pdf", "application/pdf"},
        {"png", "image/png"},
        {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"},
        {"gif", "image/gif"},
        {"webp", "image/webp"},
        {"svg", "image/svg+xml"},
        {"txt", "text/plain"},
        {"log", "text/plain"},
        {"csv", "text/csv"},
        {"htm", "text/html"},
        {"html", "text/html"},
        {"ics", "text/calendar"},
        {"xml", "application/xml"},
        {"json", "application/json"},
        {"zip", "application/zip"},
        {"gz", "application/gzip"},
        {"doc", "application/msword"},
        {"xls", "application/vnd.ms-excel"},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
        {"odt", "application/vnd.oasis.opendocument.text"},
        {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
    };
    const qsizetype dot = fileName.lastIndexOf(u'.');
    if (dot >= 0) {
        const QByteArray extension = fileName.mid(dot + 1).toLower().toUtf8();
        for (const auto& [ext, type] : types) {
            if (extension == ext)
                return type;
        }
    }
    return QByteArrayLiteral("application/octet-stream");
}

QByteArray toHeaderValue(TransferEncoding encoding)
{
    switch (encoding) {
    case TransferEncoding::SevenBit:
        return QByteArrayLiteral("7bit");
    case TransferEncoding::QuotedPrintable:
        return QByteArrayLiteral("quoted-printable");
    case TransferEncoding::Base64:
        break;
    }
    return QByteArrayLiteral("base64");
}

TransferEncoding chooseTextEncoding(QByteArrayView text)
{
    qsizetype lineLength = 0;
    qsizetype longestLine = 0;
    qsizetype eightBit = 0;
    qsizetype qpLength = 0;
    bool hasNul = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto c = uchar(text[i]);
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            longestLine = std::max(longestLine, lineLength);
            lineLength = 0;
            qpLength += 2;
            ++i;
            continue;
        }
        ++lineLength;
        if (c >= 0x80)
            ++eightBit;
        if (c == 0)
            hasNul = true;
        qpLength += ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') ? 1 : 3;
    }
    longestLine = std::max(longestLine, lineLength);
    if (eightBit == 0 && !hasNul && longestLine <= kHardLineLimit)
        return TransferEncoding::SevenBit;
    qpLength += qpLength / 75 * 3; // soft line breaks
    const qsizetype base64WithBreaks = base64Length(text.size()) * 78 / 76;
    // Quoted-printable stays readable in raw form, so it wins unless base64 is clearly shorter.
    return qpLength <= base64WithBreaks * 5 / 4 ? TransferEncoding::QuotedPrintable
                                                : TransferEncoding::Base64;
}

TransferEncoding chooseBinaryEncoding(QByteArrayView data, QByteArrayView contentType)
{
    if (!QByteArray(contentType.data(), contentType.size()).toLower().startsWith("text/"))
        return TransferEncoding::Base64;
    qsizetype lineLength = 0;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const auto c = uchar(data[i]);
        if (c == '\r') {
            if (i + 1 >= data.size() || data[i + 1] != '\n')
                return TransferEncoding::Base64; // a lone CR would not survive
            lineLength = 0;
            ++i;
            continue;
        }
        if (c == '\n' || c == 0 || c >= 0x80 || ++lineLength > kHardLineLimit)
            return TransferEncoding::Base64;
    }
    return TransferEncoding::SevenBit;
}

QByteArray normalizeLineEnds(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() + text.size() / 40 + 2);
    // Whole runs between line breaks are copied at once: a per-character append is costly on
    // bodies of many kilobytes.
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '\r' && c != '\n')
            continue;
        out.append(text.sliced(runStart, i - runStart));
        out.append("\r\n", 2);
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
            ++i;
        runStart = i + 1;
    }
    out.append(text.sliced(runStart));
    return out;
}

QByteArray encodeQuotedPrintable(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() + text.size() / 8 + 16);
    // Each output line is put together here and appended whole: per-character appends were the
    // main cost of building a message. 75 characters, then "=\r\n" or "\r\n", fit.
    char line[80];
    qsizetype lineStart = 0;
    while (lineStart <= text.size()) {
        qsizetype lineEnd = indexOfCrlf(text, lineStart);
        const bool lastLine = lineEnd < 0;
        if (lastLine)
            lineEnd = text.size();
        int column = 0;
        for (qsizetype i = lineStart; i < lineEnd; ++i) {
            const auto c = uchar(text[i]);
            const bool atLineEnd = i + 1 == lineEnd;
            const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !atLineEnd);
            const int pieceLength = literal ? 1 : 3;
            // 75 characters plus the soft break's '=' keeps every line within 76.
            if (column + pieceLength > 75) {
                line[column++] = '=';
                line[column++] = '\r';
                line[column++] = '\n';
                out.append(line, column);
                column = 0;
            }
            if (literal) {
                line[column++] = char(c);
            } else {
                line[column++] = '=';
                line[column++] = kHexDigits[c >> 4];
                line[column++] = kHexDigits[c & 0xf];
            }
        }
        if (!lastLine) {
            line[column++] = '\r';
            line[column++] = '\n';
        }
        out.append(line, column);
        if (lastLine)
            break;
        lineStart = lineEnd + 2;
    }
    return out;
}

QByteArray encodeBase64Lines(QByteArrayView data)
{
    // Written straight into the final buffer: attachments can be tens of megabytes.
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    constexpr qsizetype kBytesPerLine = 57; // 76 characters
    const qsizetype encodedSize = base64Length(data.size());
    const qsizetype lineCount = (data.size() + kBytesPerLine - 1) / kBytesPerLine;
    QByteArray out(encodedSize + std::max<qsizetype>(0, lineCount - 1) * 2, Qt::Uninitialized);
    char* write = out.data();
    const auto* read = reinterpret_cast<const uchar*>(data.data());
    for (qsizetype lineStart = 0; lineStart < data.size(); lineStart += kBytesPerLine) {
        if (lineStart > 0) {
            *write++ = '\r';
            *write++ = '\n';
        }
        const qsizetype lineEnd = std::min(data.size(), lineStart + kBytesPerLine);
        qsizetype i = lineStart;
        for (; i + 3 <= lineEnd; i += 3) {
            const quint32 triple = (quint32(read[i]) << 16) | (quint32(read[i + 1]) << 8) | read[i + 2];
            *write++ = alphabet[(triple >> 18) & 0x3f];
            *write++ = alphabet[(triple >> 12) & 0x3f];
            *write++ = alphabet[(triple >> 6) & 0x3f];
            *write++ = alphabet[triple & 0x3f];
        }
        const qsizetype rest = lineEnd - i; // only on the last line
        if (rest > 0) {
            const quint32 triple = (quint32(read[i]) << 16) | (rest == 2 ? quint32(read[i + 1]) << 8 : 0);
            *write++ = alphabet[(triple >> 18) & 0x3f];
            *write++ = alphabet[(triple >> 12) & 0x3f];
            *write++ = rest == 2 ? alphabet[(triple >> 6) & 0x3f] : '=';
            *write++ = '=';
        }
    }
    Q_ASSERT(write == out.data() + out.size());
    return out;
}

QByteArray encodeBody(QByteArrayView data, TransferEncoding encoding)
{
    switch (encoding) {
    case TransferEncoding::SevenBit:
        return data.toByteArray();
    case TransferEncoding::QuotedPrintable:
        return encodeQuotedPrintable(data);
    case TransferEncoding::Base64:
        break;
    }
    return encodeBase64Lines(data);
}

QByteArray formatDate(const QDateTime& date)
{
    static const char* const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int offsetSeconds = date.offsetFromUtc();
    const QDateTime local = date.toOffsetFromUtc(offsetSeconds);
    const QDate day = local.date();
    const QTime time = local.time();
    const int offsetMinutes = std::abs(offsetSeconds) / 60;
    return QString::asprintf("%s, %d %s %04d %02d:%02d:%02d %c%02d%02d", days[day.dayOfWeek() - 1], day.day(),
                             months[day.month() - 1], day.year(), time.hour(), time.minute(), time.second(),
                             offsetSeconds < 0 ? '-' : '+', offsetMinutes / 60, offsetMinutes % 60)
        .toLatin1();
}

} // namespace outbound::mime
