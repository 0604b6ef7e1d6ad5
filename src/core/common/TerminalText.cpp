#include "common/TerminalText.h"

#include <QStringList>

namespace outbound {

namespace {

bool isBidiControl(char32_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

} // namespace

QString sanitizeForTerminal(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c == u'\t') {
            out += ch;
        } else if (c < 0x20) {
            out += QStringLiteral("\\x%1").arg(static_cast<uint>(c), 2, 16, QLatin1Char('0'));
        } else if (c == 0x7F || (c >= 0x80 && c <= 0x9F) || isBidiControl(c)) {
            // \u form: also a valid escape inside the JSON strings of --json output.
            out += QStringLiteral("\\u%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0'));
        } else {
            out += ch;
        }
    }
    return out;
}

QString sanitizeLinesForTerminal(const QString& text)
{
    QStringList lines = text.split(u'\n');
    for (QString& line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        line = sanitizeForTerminal(line);
    }
    return lines.join(u'\n');
}

} // namespace outbound
