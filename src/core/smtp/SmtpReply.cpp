#include "smtp/SmtpReply.h"

#include <QCoreApplication>

namespace outbound {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads 1-3 digits at text[pos]; returns the new position or -1.
qsizetype digits(QByteArrayView text, qsizetype pos)
{
    qsizetype n = 0;
    while (pos + n < text.size() && n < 3 && isDigit(text[pos + n]))
        ++n;
    return n == 0 ? -1 : pos + n;
}

// Reply text ends up in error texts, transcripts, terminal output and the database: C0 and C1
// control characters (ESC, BEL, CSI, ...) other than tab become U+FFFD so a server cannot drive
// the terminal of whoever reads them.
QByteArray withoutControlCharacters(QByteArrayView text)
{
    static constexpr char kReplacement[] = "\xEF\xBF\xBD";
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            out.append(kReplacement, 3);
        } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            out.append(kReplacement, 3); // U+0080..U+009F in UTF-8
            ++i;
        } else {
            out.append(static_cast<char>(c));
        }
    }
    return out;
}

} // namespace

QString parseEnhancedStatusCode(QByteArrayView text, int replyCode)
{
    // class "." subject "." detail, where class is 2, 4 or 5 and matches the reply code.
    if (text.size() < 5 || !isDigit(text[0]) || text[1] != '.')
        return {};
    const char klass = text[0];
    if (klass != '2' && klass != '4' && klass != '5')
        return {};
    if (replyCode > 0 && klass - '0' != replyCode / 100)
        return {};
    qsizetype pos = digits(text, 2);
    if (pos < 0 || pos >= text.size() || text[pos] != '.')
        return {};
    pos = digits(text, pos + 1);
    if (pos < 0)
        return {};
    if (pos < text.size() && text[pos] != ' ' && text[pos] != '\t')
        return {};
    return QString::fromLatin1(text.first(pos));
}

QString SmtpReply::text() const
{
    QString joined;
    for (const QByteArray& line : lines) {
        if (!joined.isEmpty())
            joined += u' ';
        joined += QString::fromUtf8(line).trimmed();
    }
    return joined;
}

QString SmtpReply::textWithoutEnhancedCode() const
{
    QString joined;
    for (const QByteArray& line : lines) {
        QByteArrayView view(line);
        const QString enhanced = parseEnhancedStatusCode(view, code);
        if (!enhanced.isEmpty())
            view = view.sliced(enhanced.size());
        const QString part = QString::fromUtf8(view).trimmed();
        if (part.isEmpty())
            continue;
        if (!joined.isEmpty())
            joined += u' ';
        joined += part;
    }
    return joined;
}

QString SmtpReply::lastLine() const
{
    QString line = QString::number(code);
    if (!lines.isEmpty() && !lines.last().isEmpty())
        line += u' ' + QString::fromUtf8(lines.last()).trimmed();
    return line;
}

void SmtpReplyParser::feed(QByteArrayView bytes)
{
    if (m_pos > 0 && m_pos == m_buffer.size()) {
        m_buffer.resize(0);
        m_pos = 0;
    } else if (m_pos > 65536) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    m_buffer.append(bytes.data(), bytes.size());
}

QByteArrayView SmtpReplyParser::pending() const
{
    return QByteArrayView(m_buffer).sliced(m_pos);
}

void SmtpReplyParser::reset()
{
    m_buffer.clear();
    m_pos = 0;
    m_partial = {};
    m_inReply = false;
    m_skipping = false;
    m_longLine.clear();
    m_error.clear();
}

SmtpReplyParser::Status SmtpReplyParser::fail(QString text)
{
    m_error = std::move(text);
    return Status::Error;
}

SmtpReplyParser::Status SmtpReplyParser::next(SmtpReply& reply)
{
    if (!m_error.isEmpty())
        return Status::Error;
    for (;;) {
        const qsizetype nl = m_buffer.indexOf('\n', m_pos);
        if (nl < 0) {
            if (!m_skipping && m_buffer.size() - m_pos > kMaxLineLength) {
                // An overlong line is cut, not refused: a 250 after the final dot with a long text
                // is still an acceptance. Its first kMaxLineLength bytes are kept, the rest is
                // dropped until the line ends (memory stays bounded; the watchdog ends a line
                // that never does).
                m_longLine = m_buffer.mid(m_pos, kMaxLineLength);
                m_skipping = true;
            }
            if (m_skipping)
                m_pos = m_buffer.size();
            return Status::NeedMore;
        }
        qsizetype end = nl;
        if (end > m_pos && m_buffer[end - 1] == '\r')
            --end;
        QByteArrayView line = QByteArrayView(m_buffer).sliced(m_pos, end - m_pos);
        m_pos = nl + 1;
        if (m_skipping) {
            m_skipping = false;
            line = QByteArrayView(m_longLine);
        }
        if (line.size() > kMaxLineLength)
            line = line.first(kMaxLineLength);
        if (line.size() < 3 || !isDigit(line[0]) || !isDigit(line[1]) || !isDigit(line[2]) || line[0] < '1' ||
            line[0] > '5' || (line.size() > 3 && line[3] != ' ' && line[3] != '-')) {
            QString shown = QString::fromUtf8(line.first(qMin<qsizetype>(line.size(), 60)));
            for (QChar& c : shown) {
                if (!c.isPrint())
                    c = u'?';
            }
            return fail(QCoreApplication::translate("SmtpReplyParser",
                                                    "the server sent something that is not an SMTP reply: "
                                                    "\"%1\"")
                            .arg(shown));
        }
        const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        if (m_inReply && code != m_partial.code)
            return fail(QCoreApplication::translate("SmtpReplyParser",
                                                    "the server changed the reply code within one reply "
                                                    "(%1 then %2)")
                            .arg(m_partial.code)
                            .arg(code));
        if (!m_inReply) {
            m_partial = {};
            m_partial.code = code;
            m_inReply = true;
        }
        // Lines past kMaxLinesPerReply are read and dropped (the reply's code still counts).
        if (m_partial.lines.size() < kMaxLinesPerReply)
            m_partial.lines.append(line.size() > 4 ? withoutControlCharacters(line.sliced(4)) : QByteArray());
        const bool more = line.size() > 3 && line[3] == '-';
        if (more)
            continue;
        m_inReply = false;
        reply = std::move(m_partial);
        m_partial = {};
        if (!reply.lines.isEmpty()) {
            // Taken when advertised (ENHANCEDSTATUSCODES) and also when a server uses them unannounced.
            reply.enhancedCode = parseEnhancedStatusCode(reply.lines.first(), reply.code);
            if (reply.enhancedCode.isEmpty() && m_enhanced && reply.lines.size() > 1)
                reply.enhancedCode = parseEnhancedStatusCode(reply.lines.last(), reply.code);
        }
        return Status::Reply;
    }
}

} // namespace outbound
