#include "cli/CliContext.h"
#include "common/Database.h"
#include "common/TerminalText.h"
#include "queue/JsonlReader.h"
#include "queue/QueueStore.h"
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
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <future>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace outbound::cli {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("cli", text, disambiguation, n);
}

// A batch is inserted in one transaction. It is bounded by messages and by built bytes. One batch
// is written to the database on a thread of its own while the next one is built (building the
// MIME and writing the rows take about the same time), so a file of large attachments never holds
// more than twice kBatchBytes of built messages in memory.
constexpr int kBatchMessages = 1000;
constexpr qint64 kBatchBytes = 16 * 1024 * 1024;
// Attachment files read once each (bulk files often attach the same PDF to every line), up to this
// many bytes in all; past that the cache starts again.
constexpr qint64 kCacheBytes = 32 * 1024 * 1024;

// Reads the files named on the command line or in JSONL: regular files only (a device, a FIFO or a
// folder is refused before anything is read) and never more than `limit` bytes, so `--attach
// /dev/zero` or a huge file ends with a clear error instead of eating memory.
class FileReader
{
public:
    explicit FileReader(qint64 limit) : m_limit(limit) {}

    Result<QByteArray> read(const QString& path)
    {
        const auto it = m_files.constFind(path);
        if (it != m_files.constEnd())
            return *it;
        // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat() then refuses it.
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            return Failure{tr("cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)))};
        struct stat st = {};
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd);
            return Failure{
                tr("%1 is not a regular file (devices, pipes and folders cannot be attached)").arg(path)};
        }
        if (m_limit > 0 && st.st_size > m_limit) {
            ::close(fd);
            return tooLarge(path, st.st_size);
        }
        QFile f;
        if (!f.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            ::close(fd);
            return Failure{tr("cannot read %1: %2").arg(path, f.errorString())};
        }
        // The file may grow after fstat(): read one byte past the limit to notice.
        const QByteArray data = m_limit > 0 ? f.read(m_limit + 1) : f.readAll();
        if (f.error() != QFileDevice::NoError)
            return Failure{tr("cannot read %1: %2").arg(path, f.errorString())};
        if (m_limit > 0 && data.size() > m_limit)
            return tooLarge(path, data.size());
        if (m_cachedBytes + data.size() > kCacheBytes) {
            m_files.clear();
            m_cachedBytes = 0;
        }
        m_cachedBytes += data.size();
        m_files.insert(path, data);
        return data;
    }

private:
    Failure tooLarge(const QString& path, qint64 size) const
    {
        return Failure{
            tr("%1 is %2 bytes, more than queue.max_message_bytes (%3)").arg(path).arg(size).arg(m_limit),
            QStringLiteral("queue.max_message_bytes")};
    }

    qint64 m_limit;
    QHash<QString, QByteArray> m_files;
    qint64 m_cachedBytes = 0;
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

// One JSONL line into a message with its attachments read. Relative attachment paths are taken
// from the JSONL file's folder first, then from the current folder.
Result<JsonlLine> messageFromJson(QByteArrayView line, const QDir& baseDir, FileReader& files)
{
    auto parsed = parseJsonlLine(line);
    if (!parsed)
        return parsed.error();
    JsonlLine result = std::move(parsed).value();
    for (const JsonlAttachment& a : std::as_const(result.attachments)) {
        QString path = a.path;
        if (QFileInfo(path).isRelative() && QFileInfo::exists(baseDir.filePath(path)))
            path = baseDir.filePath(path);
        auto data = files.read(path);
        if (!data)
            return data.error();
        MailAttachment attachment;
        attachment.fileName = a.name.isEmpty() ? QFileInfo(path).fileName() : a.name;
        attachment.contentType = a.contentType;
        attachment.data = data.value();
        result.message.content.attachments.append(attachment);
    }
    return result;
}

// Inserts one batch on its own thread (with that thread's connection) while the caller builds the
// next. Batches go in strictly one after another, so idempotency keys behave as without it.
class BatchWriter
{
public:
    explicit BatchWriter(MailSettings settings) : m_settings(std::move(settings)) {}
    Q_DISABLE_COPY_MOVE(BatchWriter)
    ~BatchWriter()
    {
        if (m_inFlight.valid())
            m_inFlight.wait();
    }

    // Waits for the batch being written, if any: its ids, or why it failed (then nothing of it
    // was queued). An empty list when nothing was being written.
    Result<QList<qint64>> wait()
    {
        if (!m_inFlight.valid())
            return QList<qint64>{};
        return m_inFlight.get();
    }

    // Starts writing a batch; the previous one must have been waited for.
    void start(QList<PreparedMessage> batch)
    {
        m_inFlight = std::async(std::launch::async, [settings = m_settings, rows = std::move(batch)] {
            Result<QList<qint64>> ids = QList<qint64>{};
            {
                ids = openQueueStore(settings)->insertPrepared(rows);
            }
            Database::closeThreadConnection();
            return ids;
        });
    }

private:
    MailSettings m_settings;
    std::future<Result<QList<qint64>>> m_inFlight;
};

int enqueueJsonl(CliContext& ctx, QueueStore& store, const MailSettings& settings, const QString& source,
                 qint64 maxBytes, bool checkOnly)
{
    QFile file;
    QDir baseDir = QDir::current();
    if (source == u"-") {
        if (ctx.dbPasswordFromStdin) {
            printError(ctx, tr("--jsonl - and --db-password-stdin both want standard input"),
                       tr("give the JSONL as a file, or the password in a password file (see README)"));
            return ExitUsage;
        }
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
    FileReader files(maxBytes);
    QList<PreparedMessage> batch;
    qint64 batchBytes = 0;
    qint64 batchFirstLine = 0;
    qint64 lineNumber = 0;
    qint64 total = 0;
    qint64 skipped = 0;
    qint64 valid = 0;
    qint64 invalid = 0;
    BatchWriter writer(settings);
    // The batch being written has gone in (counted) or failed (said so).
    auto written = [&]() -> bool {
        auto ids = writer.wait();
        if (!ids) {
            printError(ctx, ids.error().message);
            return false;
        }
        for (const qint64 id : ids.value())
            ++(id == 0 ? skipped : total);
        return true;
    };
    auto flush = [&]() -> bool {
        if (batch.isEmpty())
            return true;
        if (!written())
            return false;
        writer.start(std::move(batch));
        batch.clear();
        batchBytes = 0;
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
            message ? store.prepare(message->message) : Result<PreparedMessage>(message.error());
        if (!prepared) {
            // A missing sender is the settings' fault, not the line's.
            if (prepared.error().key == u"from.default.email") {
                printError(ctx, tr("line %1: %2").arg(lineNumber).arg(prepared.error().message),
                           tr("outbound-cli settings set from.default.email you@example.com"));
                return ExitConfig;
            }
            if (checkOnly) {
                // Every bad line, so one run shows everything to fix.
                ctx.err
                    << tr("line %1: %2").arg(lineNumber).arg(sanitizeForTerminal(prepared.error().message))
                    << u'\n';
                ++invalid;
                continue;
            }
            if (!written())
                return ExitFailed;
            printError(ctx, tr("line %1: %2").arg(lineNumber).arg(prepared.error().message),
                       total + skipped == 0 && batchFirstLine <= 1
                           ? tr("nothing was queued; `enqueue --jsonl FILE --check` lists every bad line")
                           : tr("lines %1 to %2 were not queued; %n message(s) from earlier lines were",
                                nullptr, static_cast<int>(total))
                                 .arg(batchFirstLine)
                                 .arg(lineNumber));
            return ExitUsage;
        }
        ++valid;
        if (checkOnly)
            continue;
        if (batch.isEmpty())
            batchFirstLine = lineNumber;
        PreparedMessage p = std::move(prepared).value();
        p.key = message->key;
        batchBytes += p.built.data.size();
        batch.append(std::move(p));
        if ((batch.size() >= kBatchMessages || batchBytes >= kBatchBytes) && !flush())
            return ExitFailed;
    }
    if (checkOnly) {
        if (invalid > 0) {
            printError(ctx,
                       tr("%n line(s) with errors; nothing was queued", nullptr, static_cast<int>(invalid)));
            return ExitUsage;
        }
        ctx.out << tr("%n message(s) valid; nothing was queued (--check)", nullptr, static_cast<int>(valid))
                << u'\n';
        return ExitOk;
    }
    if (!flush() || !written())
        return ExitFailed;
    ctx.out << tr("queued %n message(s)", nullptr, static_cast<int>(total));
    if (skipped > 0)
        ctx.out << tr(", skipped %n already queued with the same key", nullptr, static_cast<int>(skipped));
    ctx.out << u'\n';
    return ExitOk;
}

} // namespace

int runEnqueue(CliContext& ctx)
{
    const auto opt = [&ctx](const char* name) {
        return ctx.value(QString::fromLatin1(name));
    };
    const QString jsonl = opt("jsonl"), to = opt("to"), cc = opt("cc"), bcc = opt("bcc"),
                  subject = opt("subject"), textFile = opt("text-file"), htmlFile = opt("html-file"),
                  category = opt("category"), notBefore = opt("not-before"), from = opt("from");
    const QStringList attachments = ctx.values(QStringLiteral("attach"));
    const bool checkOnly = ctx.isSet(QStringLiteral("check"));

    auto settings = SettingsStore::load();
    if (!settings) {
        printError(ctx, settings.error().message);
        return ExitConfig;
    }
    const std::unique_ptr<QueueStore> opened = openQueueStore(settings.value());
    QueueStore& store = *opened;

    if (!jsonl.isEmpty()) {
        // Every message comes from the file; a one-message option beside it would be ignored.
        for (const char* single : {"to", "cc", "bcc", "from", "subject", "text-file", "html-file", "attach",
                                   "category", "not-before"}) {
            if (ctx.isSet(QString::fromLatin1(single))) {
                printError(ctx,
                           tr("--%1 is for one message on the command line; with --jsonl every message "
                              "takes its fields from its line")
                               .arg(QString::fromLatin1(single)),
                           tr("outbound-cli enqueue --help"));
                return ExitUsage;
            }
        }
        return enqueueJsonl(ctx, store, settings.value(), jsonl, settings->queue.maxMessageBytes, checkOnly);
    }
    if (checkOnly) {
        printError(ctx, tr("--check goes with --jsonl FILE"));
        return ExitUsage;
    }

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
    FileReader files(settings->queue.maxMessageBytes);
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
        auto t = parseIsoDateTime(notBefore);
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
