#include "cli/CliContext.h"
#include "queue/SqliteMailStore.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <cstdio>
#include <optional>

namespace outbound::cli {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("cli", text, disambiguation, n);
}

constexpr int kBatchSize = 1000;

// Reads attachment files once each (bulk files often attach the same PDF to every line).
class FileCache
{
public:
    Result<QByteArray> read(const QString& path)
    {
        const auto it = m_files.constFind(path);
        if (it != m_files.constEnd())
            return *it;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Failure{tr("cannot read %1: %2").arg(path, f.errorString())};
        const QByteArray data = f.readAll();
        m_files.insert(path, data);
        return data;
    }

private:
    QHash<QString, QByteArray> m_files;
};

// Splits the input into lines from large blocks. QIODevice::readLine() allocates and resizes a
// fresh buffer for every line, which took about a tenth of a bulk enqueue.
class LineReader
{
public:
    explicit LineReader(QIODevice& device) : m_device(device) {}

    // The next line without its line break, valid until the next call; nullopt at the end.
    std::optional<QByteArrayView> next()
    {
        for (;;) {
            const qsizetype newline = m_buffer.indexOf('\n', m_position);
            if (newline >= 0 || (m_atEnd && m_position < m_buffer.size())) {
                const qsizetype end = newline >= 0 ? newline : m_buffer.size();
                const QByteArrayView line(m_buffer.constData() + m_position, end - m_position);
                m_position = end + 1;
                return line;
            }
            if (m_atEnd)
                return std::nullopt;
            m_buffer.remove(0, std::min(m_position, m_buffer.size()));
            m_position = 0;
            const QByteArray block = m_device.read(kBlockSize);
            if (block.isEmpty())
                m_atEnd = true;
            else
                m_buffer += block;
        }
    }

private:
    static constexpr qint64 kBlockSize = 256 * 1024;
    QIODevice& m_device;
    QByteArray m_buffer;
    qsizetype m_position = 0;
    bool m_atEnd = false;
};

Result<QList<MailAddress>> addressList(const QJsonValue& value, const QString& field)
{
    QList<MailAddress> list;
    QStringList entries;
    if (value.isUndefined() || value.isNull())
        return list;
    if (value.isString()) {
        entries.append(value.toString());
    } else if (value.isArray()) {
        for (const QJsonValue& v : value.toArray()) {
            if (!v.isString())
                return Failure{tr("\"%1\" must hold address strings").arg(field)};
            entries.append(v.toString());
        }
    } else {
        return Failure{tr("\"%1\" must be a string or a list of strings").arg(field)};
    }
    for (const QString& entry : entries) {
        if (entry.trimmed().isEmpty())
            continue;
        auto parsed = parseMailAddressList(entry);
        if (!parsed)
            return Failure{QStringLiteral("%1: %2").arg(field, parsed.error().message)};
        list += parsed.value();
    }
    return list;
}

Result<QDateTime> parseNotBefore(const QString& text)
{
    QDateTime t = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    if (!t.isValid())
        return Failure{tr("\"%1\" is not an ISO 8601 date and time (e.g. 2026-05-01T08:00:00Z)").arg(text)};
    return t.toUTC();
}

// One JSONL line into a message. Relative attachment paths are taken from the JSONL file's folder
// first, then from the current folder.
Result<NewMessage> messageFromJson(QByteArrayView line, const QDir& baseDir, FileCache& files)
{
    QJsonParseError error;
    // The parser copies what it keeps, so the line's bytes need not be copied first.
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), line.size()), &error);
    if (error.error != QJsonParseError::NoError)
        return Failure{tr("not valid JSON (%1 at offset %2)").arg(error.errorString()).arg(error.offset)};
    if (!doc.isObject())
        return Failure{tr("each line must be a JSON object")};
    const QJsonObject o = doc.object();
    NewMessage m;
    if (o.contains(QStringLiteral("category"))) {
        const auto category = categoryFromString(o.value(QStringLiteral("category")).toString());
        if (!category)
            return Failure{tr("unknown category \"%1\" (system, invoice, quote, ticket, test)")
                               .arg(o.value(QStringLiteral("category")).toString())};
        m.category = *category;
    }
    MailContent& c = m.content;
    if (o.contains(QStringLiteral("from"))) {
        auto from = parseMailAddress(o.value(QStringLiteral("from")).toString());
        if (!from)
            return Failure{QStringLiteral("from: ") + from.error().message};
        c.from = from.value();
    }
    for (const auto& [field, target] :
         {std::pair{QStringLiteral("to"), &c.to}, std::pair{QStringLiteral("cc"), &c.cc},
          std::pair{QStringLiteral("bcc"), &c.bcc}}) {
        auto list = addressList(o.value(field), field);
        if (!list)
            return list.error();
        *target = list.value();
    }
    if (c.to.isEmpty() && c.cc.isEmpty() && c.bcc.isEmpty())
        return Failure{tr("\"to\" is missing")};
    c.subject = o.value(QStringLiteral("subject")).toString();
    c.text = o.value(QStringLiteral("text")).toString();
    c.html = o.value(QStringLiteral("html")).toString();
    if (o.contains(QStringLiteral("not_before"))) {
        auto t = parseNotBefore(o.value(QStringLiteral("not_before")).toString());
        if (!t)
            return t.error();
        m.notBefore = t.value();
    }
    for (const QJsonValue& v : o.value(QStringLiteral("attachments")).toArray()) {
        const QJsonObject a = v.toObject();
        QString path = a.value(QStringLiteral("path")).toString();
        if (path.isEmpty())
            return Failure{tr("an attachment has no \"path\"")};
        if (QFileInfo(path).isRelative() && QFileInfo::exists(baseDir.filePath(path)))
            path = baseDir.filePath(path);
        auto data = files.read(path);
        if (!data)
            return data.error();
        MailAttachment attachment;
        attachment.fileName = a.value(QStringLiteral("name")).toString();
        if (attachment.fileName.isEmpty())
            attachment.fileName = QFileInfo(path).fileName();
        attachment.contentType = a.value(QStringLiteral("type")).toString().toUtf8();
        attachment.data = data.value();
        c.attachments.append(attachment);
    }
    return m;
}

int enqueueJsonl(CliContext& ctx, SqliteMailStore& store, const QString& source)
{
    QFile file;
    QDir baseDir = QDir::current();
    if (source == u"-") {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            printError(ctx, tr("cannot read standard input"));
            return ExitUsage;
        }
    } else {
        file.setFileName(source);
        if (!file.open(QIODevice::ReadOnly)) {
            printError(ctx, tr("cannot open %1: %2").arg(source, file.errorString()));
            return ExitUsage;
        }
        baseDir = QFileInfo(source).absoluteDir();
    }
    FileCache files;
    QList<PreparedMessage> batch;
    batch.reserve(kBatchSize);
    qint64 lineNumber = 0;
    qint64 total = 0;
    auto flush = [&]() -> bool {
        if (batch.isEmpty())
            return true;
        auto ids = store.insertPrepared(batch);
        if (!ids) {
            printError(ctx, ids.error().message);
            return false;
        }
        total += batch.size();
        batch.clear();
        return true;
    };
    LineReader lines(file);
    while (const std::optional<QByteArrayView> next = lines.next()) {
        const QByteArrayView line = next->trimmed();
        ++lineNumber;
        if (line.isEmpty())
            continue;
        auto message = messageFromJson(line, baseDir, files);
        Result<PreparedMessage> prepared =
            message ? store.prepare(message.value()) : Result<PreparedMessage>(message.error());
        if (!prepared) {
            // A missing sender is the settings' fault, not the line's.
            if (prepared.error().key == u"from.default.email") {
                printError(ctx, tr("line %1: %2").arg(lineNumber).arg(prepared.error().message),
                           tr("outbound-cli settings set from.default.email you@example.com"));
                return ExitConfig;
            }
            printError(ctx, tr("line %1: %2").arg(lineNumber).arg(prepared.error().message),
                       tr("nothing from this batch of up to %1 lines was queued; %2 messages from earlier "
                          "lines were queued")
                           .arg(kBatchSize)
                           .arg(total));
            return ExitUsage;
        }
        batch.append(std::move(prepared).value());
        if (batch.size() >= kBatchSize && !flush())
            return ExitFailed;
    }
    if (!flush())
        return ExitFailed;
    ctx.out << tr("queued %n message(s)", nullptr, static_cast<int>(total)) << u'\n';
    return ExitOk;
}

} // namespace

int runEnqueue(CliContext& ctx)
{
    QStringList args = ctx.args;
    QString jsonl, to, cc, bcc, subject, textFile, htmlFile, category, notBefore, from;
    QStringList attachments;
    while (!args.isEmpty()) {
        const QString option = args.takeFirst();
        auto value = [&](QString& target) {
            if (args.isEmpty())
                return false;
            target = args.takeFirst();
            return true;
        };
        bool ok = true;
        if (option == u"--jsonl")
            ok = value(jsonl);
        else if (option == u"--to")
            ok = value(to);
        else if (option == u"--cc")
            ok = value(cc);
        else if (option == u"--bcc")
            ok = value(bcc);
        else if (option == u"--from")
            ok = value(from);
        else if (option == u"--subject")
            ok = value(subject);
        else if (option == u"--text-file")
            ok = value(textFile);
        else if (option == u"--html-file")
            ok = value(htmlFile);
        else if (option == u"--category")
            ok = value(category);
        else if (option == u"--not-before")
            ok = value(notBefore);
        else if (option == u"--attach") {
            QString path;
            ok = value(path);
            attachments.append(path);
        } else {
            printError(ctx, tr("enqueue: unknown option %1").arg(option),
                       tr("see `outbound-cli --help` for the enqueue options"));
            return ExitUsage;
        }
        if (!ok) {
            printError(ctx, tr("enqueue: %1 needs a value").arg(option));
            return ExitUsage;
        }
    }

    auto settings = SettingsStore::load();
    if (!settings) {
        printError(ctx, settings.error().message);
        return ExitConfig;
    }
    SqliteMailStore store(settings.value());

    if (!jsonl.isEmpty())
        return enqueueJsonl(ctx, store, jsonl);

    if (to.isEmpty() || (textFile.isEmpty() && htmlFile.isEmpty())) {
        printError(ctx, tr("enqueue needs --to and --text-file or --html-file (or --jsonl FILE)"),
                   tr("outbound-cli enqueue --to a@example.com --subject Hello --text-file body.txt"));
        return ExitUsage;
    }
    NewMessage m;
    if (!category.isEmpty()) {
        const auto c = categoryFromString(category);
        if (!c) {
            printError(ctx,
                       tr("unknown category \"%1\" (system, invoice, quote, ticket, test)").arg(category));
            return ExitUsage;
        }
        m.category = *c;
    }
    if (!from.isEmpty()) {
        auto parsed = parseMailAddress(from);
        if (!parsed) {
            printError(ctx, QStringLiteral("--from: ") + parsed.error().message);
            return ExitUsage;
        }
        m.content.from = parsed.value();
    }
    for (const auto& [text, target] :
         {std::pair{&to, &m.content.to}, std::pair{&cc, &m.content.cc}, std::pair{&bcc, &m.content.bcc}}) {
        if (text->isEmpty())
            continue;
        auto parsed = parseMailAddressList(*text);
        if (!parsed) {
            printError(ctx, parsed.error().message);
            return ExitUsage;
        }
        *target = parsed.value();
    }
    m.content.subject = subject;
    FileCache files;
    for (const auto& [path, target] :
         {std::pair{&textFile, &m.content.text}, std::pair{&htmlFile, &m.content.html}}) {
        if (path->isEmpty())
            continue;
        auto data = files.read(*path);
        if (!data) {
            printError(ctx, data.error().message);
            return ExitUsage;
        }
        *target = QString::fromUtf8(data.value());
    }
    for (const QString& path : attachments) {
        auto data = files.read(path);
        if (!data) {
            printError(ctx, data.error().message);
            return ExitUsage;
        }
        m.content.attachments.append({QFileInfo(path).fileName(), {}, data.value()});
    }
    if (!notBefore.isEmpty()) {
        auto t = parseNotBefore(notBefore);
        if (!t) {
            printError(ctx, t.error().message);
            return ExitUsage;
        }
        m.notBefore = t.value();
    }
    auto prepared = store.prepare(m);
    if (!prepared) {
        const bool config = prepared.error().key == u"from.default.email";
        printError(ctx, prepared.error().message,
                   config ? tr("outbound-cli settings set from.default.email you@example.com") : QString());
        return config ? ExitConfig : ExitUsage;
    }
    auto ids = store.insertPrepared({std::move(prepared).value()});
    if (!ids) {
        printError(ctx, ids.error().message);
        return ExitFailed;
    }
    ctx.out << ids.value().first() << u'\n';
    return ExitOk;
}

} // namespace outbound::cli
