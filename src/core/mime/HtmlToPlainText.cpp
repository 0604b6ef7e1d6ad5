// htmlToPlainText(): a readable text alternative from HTML without QtGui (core has no
// QTextDocument). A small tolerant scanner, not a full HTML parser: good for the HTML that
// invoice and ticket templates produce.

#include "mime/MimeBuilder.h"

#include <QList>
#include <QRegularExpression>
#include <QStringList>
#include <algorithm>

namespace outbound {

namespace {

struct NamedEntity
{
    const char16_t* name;
    char32_t codePoint;
};

constexpr NamedEntity kEntities[] = {
    {u"amp", U'&'},     {u"lt", U'<'},      {u"gt", U'>'},      {u"quot", U'"'},     {u"apos", U'\''},
    {u"nbsp", 0xa0},    {u"ensp", 0x2002},  {u"emsp", 0x2003},  {u"thinsp", 0x2009}, {u"shy", 0xad},
    {u"copy", 0xa9},    {u"reg", 0xae},     {u"trade", 0x2122}, {u"hellip", 0x2026}, {u"mdash", 0x2014},
    {u"ndash", 0x2013}, {u"lsquo", 0x2018}, {u"rsquo", 0x2019}, {u"sbquo", 0x201a},  {u"ldquo", 0x201c},
    {u"rdquo", 0x201d}, {u"bdquo", 0x201e}, {u"laquo", 0xab},   {u"raquo", 0xbb},    {u"euro", 0x20ac},
    {u"pound", 0xa3},   {u"yen", 0xa5},     {u"cent", 0xa2},    {u"sect", 0xa7},     {u"para", 0xb6},
    {u"deg", 0xb0},     {u"plusmn", 0xb1},  {u"times", 0xd7},   {u"divide", 0xf7},   {u"middot", 0xb7},
    {u"bull", 0x2022},  {u"iexcl", 0xa1},   {u"iquest", 0xbf},  {u"auml", 0xe4},     {u"ouml", 0xf6},
    {u"uuml", 0xfc},    {u"Auml", 0xc4},    {u"Ouml", 0xd6},    {u"Uuml", 0xdc},     {u"szlig", 0xdf},
    {u"eacute", 0xe9},  {u"Eacute", 0xc9},  {u"egrave", 0xe8},  {u"Egrave", 0xc8},   {u"ecirc", 0xea},
    {u"aacute", 0xe1},  {u"agrave", 0xe0},  {u"acirc", 0xe2},   {u"ccedil", 0xe7},   {u"Ccedil", 0xc7},
    {u"ntilde", 0xf1},  {u"oacute", 0xf3},  {u"ograve", 0xf2},  {u"ocirc", 0xf4},    {u"uacute", 0xfa},
    {u"iacute", 0xed},  {u"aring", 0xe5},   {u"Aring", 0xc5},   {u"oslash", 0xf8},   {u"aelig", 0xe6},
    {u"rarr", 0x2192},  {u"larr", 0x2190},  {u"check", 0x2713},
};

void appendCodePoint(QString& out, char32_t codePoint)
{
    if (codePoint == 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
        codePoint = 0xfffd;
    if (codePoint == 0xad)
        return; // a soft hyphen is invisible in running text
    out += QString::fromUcs4(&codePoint, 1);
}

QString decodeEntities(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'&') {
            out += text[i];
            continue;
        }
        const qsizetype semicolon = text.indexOf(u';', i + 1);
        if (semicolon < 0 || semicolon - i > 12) {
            out += text[i];
            continue;
        }
        const QStringView name = text.sliced(i + 1, semicolon - i - 1);
        bool decoded = false;
        if (name.startsWith(u'#') && name.size() > 1) {
            const bool hex = name[1] == u'x' || name[1] == u'X';
            bool ok = false;
            const uint value = name.sliced(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
            if (ok) {
                appendCodePoint(out, value);
                decoded = true;
            }
        } else {
            const auto entity = std::find_if(std::begin(kEntities), std::end(kEntities),
                                             [&](const NamedEntity& e) { return name == e.name; });
            if (entity != std::end(kEntities)) {
                appendCodePoint(out, entity->codePoint);
                decoded = true;
            }
        }
        if (decoded)
            i = semicolon;
        else
            out += text[i];
    }
    return out;
}

QString attribute(const QString& tag, const QString& name)
{
    const QRegularExpression pattern(
        QStringLiteral(R"re((?:^|\s)%1\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))re")
            .arg(QRegularExpression::escape(name)),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(tag);
    if (!match.hasMatch())
        return {};
    for (int group = 1; group <= 3; ++group) {
        if (match.capturedStart(group) >= 0)
            return decodeEntities(match.captured(group)).trimmed();
    }
    return {};
}

// Builds the text with lazy block breaks: a block asks for N line breaks, and they are written
// only when more text follows, so nested blocks do not pile up blank lines.
class PlainTextWriter
{
public:
    void text(const QString& text)
    {
        if (m_preformatted > 0) {
            if (!text.isEmpty()) {
                flushBreaks();
                QString t = text;
                t.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
                m_out += t;
                m_pendingSpace = false;
            }
            return;
        }
        for (QChar c : text) {
            if (c.isSpace()) {
                m_pendingSpace = true;
                continue;
            }
            flushBreaks();
            if (m_pendingSpace && !m_out.isEmpty() && !m_out.endsWith(u'\n') && !m_out.endsWith(u' '))
                m_out += u' ';
            m_pendingSpace = false;
            m_out += c;
        }
    }
    void space() { m_pendingSpace = true; }
    void lineBreak()
    {
        flushBreaks();
        m_out += u'\n';
        m_pendingSpace = false;
    }
    void blockBreak(int lines) { m_pendingBreaks = std::max(m_pendingBreaks, lines); }
    void beginListItem(const QString& marker)
    {
        blockBreak(1);
        flushBreaks();
        m_out += marker;
        m_pendingSpace = false;
    }
    void beginLink(const QString& href) { m_links.append({href, m_out.size()}); }
    void endLink()
    {
        if (m_links.isEmpty())
            return;
        const auto [href, start] = m_links.takeLast();
        const QString shown = m_out.mid(start).trimmed();
        if (href.isEmpty() || href.startsWith(u'#') || href.startsWith(u"javascript:", Qt::CaseInsensitive))
            return;
        if (href == shown || href.compare(QStringLiteral("mailto:") + shown, Qt::CaseInsensitive) == 0)
            return;
        const QString target = href.startsWith(u"mailto:", Qt::CaseInsensitive) ? href.mid(7) : href;
        if (shown.isEmpty())
            text(target);
        else if (target != shown)
            text(QStringLiteral(" (%1)").arg(target));
    }
    void enterPreformatted() { ++m_preformatted; }
    void leavePreformatted() { m_preformatted = std::max(0, m_preformatted - 1); }

    QString result() const
    {
        QStringList lines = m_out.split(u'\n');
        QStringList kept;
        int blankRun = 0;
        for (QString& line : lines) {
            while (!line.isEmpty() && line.back().isSpace())
                line.chop(1);
            if (line.isEmpty()) {
                if (++blankRun > 1 || kept.isEmpty())
                    continue;
            } else {
                blankRun = 0;
            }
            kept.append(line);
        }
        while (!kept.isEmpty() && kept.last().isEmpty())
            kept.removeLast();
        return kept.join(u'\n');
    }

private:
    void flushBreaks()
    {
        if (m_pendingBreaks == 0)
            return;
        if (!m_out.isEmpty()) {
            int existing = 0;
            for (qsizetype i = m_out.size() - 1; i >= 0 && m_out[i] == u'\n'; --i)
                ++existing;
            for (int i = existing; i < m_pendingBreaks; ++i)
                m_out += u'\n';
        }
        m_pendingBreaks = 0;
        m_pendingSpace = false;
    }

    struct Link
    {
        QString href;
        qsizetype start;
    };
    QString m_out;
    QList<Link> m_links;
    int m_pendingBreaks = 0;
    int m_preformatted = 0;
    bool m_pendingSpace = false;
};

struct ListState
{
    bool ordered;
    int counter;
};

} // namespace

QString htmlToPlainText(const QString& html)
{
    PlainTextWriter writer;
    QList<ListState> lists;
    const qsizetype size = html.size();
    qsizetype i = 0;
    while (i < size) {
        if (html[i] != u'<') {
            qsizetype next = html.indexOf(u'<', i);
            if (next < 0)
                next = size;
            writer.text(decodeEntities(QStringView(html).sliced(i, next - i)));
            i = next;
            continue;
        }
        // A '<' that cannot start a tag ("a < b") is text.
        const QChar after = i + 1 < size ? html[i + 1] : QChar();
        if (!(after.isLetter() || after == u'/' || after == u'!' || after == u'?')) {
            writer.text(QStringLiteral("<"));
            ++i;
            continue;
        }
        if (QStringView(html).sliced(i).startsWith(u"<!--")) {
            const qsizetype end = html.indexOf(QStringLiteral("-->"), i + 4);
            i = end < 0 ? size : end + 3;
            continue;
        }
        // The tag ends at the first '>' outside quotes.
        qsizetype end = i + 1;
        QChar quote;
        for (; end < size; ++end) {
            const QChar c = html[end];
            if (!quote.isNull()) {
                if (c == quote)
                    quote = QChar();
            } else if (c == u'"' || c == u'\'') {
                quote = c;
            } else if (c == u'>') {
                break;
            }
        }
        const QString tag = html.mid(i + 1, end - i - 1);
        i = end + 1;
        const bool closing = tag.startsWith(u'/');
        qsizetype nameEnd = closing ? 1 : 0;
        while (nameEnd < tag.size() && (tag[nameEnd].isLetterOrNumber()))
            ++nameEnd;
        const QString name = tag.mid(closing ? 1 : 0, nameEnd - (closing ? 1 : 0)).toLower();
        if (name.isEmpty())
            continue; // <!DOCTYPE>, <?xml?>, stray '<'

        if (!closing && (name == u"script" || name == u"style" || name == u"head" || name == u"title" ||
                         name == u"template" || name == u"noscript")) {
            if (tag.endsWith(u'/'))
                continue;
            const qsizetype close = html.indexOf(QStringLiteral("</") + name, i, Qt::CaseInsensitive);
            const qsizetype closeEnd = close < 0 ? -1 : html.indexOf(u'>', close);
            if (closeEnd >= 0)
                i = closeEnd + 1;
            else if (name == u"script" || name == u"style")
                i = size; // unterminated code: hide the rest, as a browser would
            // An unclosed <head> or <title> only drops the tag itself, never the body.
            continue;
        }

        if (name == u"br") {
            writer.lineBreak();
        } else if (name == u"p" || name == u"blockquote" || name == u"table" ||
                   (name.size() == 2 && name[0] == u'h' && name[1] >= u'1' && name[1] <= u'6')) {
            writer.blockBreak(2);
        } else if (name == u"pre") {
            writer.blockBreak(2);
            if (closing)
                writer.leavePreformatted();
            else
                writer.enterPreformatted();
        } else if (name == u"ul" || name == u"ol") {
            writer.blockBreak(lists.isEmpty() ? 2 : 1);
            if (closing) {
                if (!lists.isEmpty())
                    lists.removeLast();
            } else {
                lists.append({name == u"ol", 0});
            }
        } else if (name == u"li") {
            if (!closing) {
                const QString indent(std::max<qsizetype>(0, lists.size() - 1) * 2, u' ');
                QString marker = QStringLiteral("- ");
                if (!lists.isEmpty() && lists.last().ordered)
                    marker = QStringLiteral("%1. ").arg(++lists.last().counter);
                writer.beginListItem(indent + marker);
            } else {
                writer.blockBreak(1);
            }
        } else if (name == u"div" || name == u"tr" || name == u"dt" || name == u"dd" || name == u"section" ||
                   name == u"article" || name == u"header" || name == u"footer" || name == u"address" ||
                   name == u"nav" || name == u"form" || name == u"caption" || name == u"center" ||
                   name == u"main" || name == u"aside" || name == u"figure" || name == u"dl") {
            writer.blockBreak(1);
        } else if (name == u"td" || name == u"th") {
            writer.space();
        } else if (name == u"hr") {
            writer.blockBreak(1);
            writer.text(QStringLiteral("----"));
            writer.blockBreak(1);
        } else if (name == u"a") {
            if (closing)
                writer.endLink();
            else if (!tag.endsWith(u'/'))
                writer.beginLink(attribute(tag, QStringLiteral("href")));
        } else if (name == u"img" && !closing) {
            const QString alt = attribute(tag, QStringLiteral("alt"));
            if (!alt.isEmpty()) {
                writer.space();
                writer.text(alt);
                writer.space();
            }
        }
    }
    return writer.result();
}

} // namespace outbound
