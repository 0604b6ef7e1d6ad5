#include "itflow/ItflowMessage.h"

#include "mime/MailAddress.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace outbound::itflow {

namespace {

QString translated(const char* text)
{
    return QCoreApplication::translate("ItflowMessage", text);
}

const QString kAttachment = QStringLiteral("attachment");

// The name ITFlow gives the calendar file, so recipients see the same attachment from both.
const QString kCalendarFileName = QStringLiteral("Scheduled_ticket.ics");

struct ManifestEntry
{
    QString path; // relative to the ITFlow folder, as ITFlow stored it
    QString name; // what the recipient sees
};

Result<QList<ManifestEntry>> parseManifest(const QString& json, qint64 emailId)
{
    QList<ManifestEntry> entries;
    if (json.trimmed().isEmpty())
        return entries;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    const auto malformed = [&](const QString& why) {
        return Failure{QCoreApplication::translate(
                           "ItflowMessage",
                           "Email #%1: its list of attachments cannot be read (%2), so it is not sent "
                           "without them.")
                           .arg(emailId)
                           .arg(why),
                       kAttachment};
    };
    if (parseError.error != QJsonParseError::NoError)
        return malformed(parseError.errorString());
    if (!doc.isArray())
        return malformed(QCoreApplication::translate("ItflowMessage", "not a list"));
    const QJsonArray array = doc.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject entry = array.at(i).toObject();
        const QJsonValue path = entry.value(QStringLiteral("path"));
        const QJsonValue name = entry.value(QStringLiteral("name"));
        if (!path.isString() || !name.isString() || path.toString().isEmpty() || name.toString().isEmpty())
            return malformed(
                QCoreApplication::translate("ItflowMessage", "entry %1 lacks a path or a name").arg(i + 1));
        entries.append({path.toString(), name.toString()});
    }
    return entries;
}

// ITFlow offers the file under the last part of its name only: a name never picks a folder.
QString shownName(const QString& name)
{
    const QString base = name.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1);
    return base.isEmpty() ? QStringLiteral("attachment") : base;
}

const char* const kUnreadable = QT_TRANSLATE_NOOP(
    "ItflowMessage",
    "Email #%1: the attachment \"%2\" (%3) cannot be read (%4); the message is not sent without it.");
const char* const kTooLarge = QT_TRANSLATE_NOOP(
    "ItflowMessage", "Email #%1: the attachment \"%2\" (%3) makes the message larger than the "
                     "limit (queue.max_message_bytes); the message is not sent without it.");

// Resolves `entry` under the ITFlow folder and reads it, refusing anything that leaves
// `uploads/` (after following symlinks), is not a regular file, or exceeds `budget` bytes.
Result<QByteArray> readAttachment(const ManifestEntry& entry, const QString& root, const QString& uploads,
                                  qint64 budget, qint64 emailId)
{
    // Each reason is a whole sentence, so a translation can order its parts freely.
    const auto refuse = [&](const char* sentence, const QString& detail = {}) {
        return Failure{
            translated(sentence).arg(QString::number(emailId), shownName(entry.name), entry.path, detail),
            kAttachment};
    };
    const QString joined = QDir::cleanPath(root + QLatin1Char('/') + entry.path);
    const QString resolved = QFileInfo(joined).canonicalFilePath();
    if (resolved.isEmpty())
        return refuse(QT_TRANSLATE_NOOP("ItflowMessage", "Email #%1: the attachment \"%2\" (%3) is missing "
                                                         "from %4; the message is not sent without it."),
                      root);
    if (!resolved.startsWith(uploads + QLatin1Char('/')))
        return refuse(QT_TRANSLATE_NOOP("ItflowMessage",
                                        "Email #%1: the attachment \"%2\" (%3) lies outside the "
                                        "uploads folder %4; the message is not sent without it."),
                      uploads);
    // O_NOFOLLOW: the canonical path has no symlink left; one planted since is refused.
    const int fd =
        ::open(QFile::encodeName(resolved).constData(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return refuse(kUnreadable, QString::fromLocal8Bit(std::strerror(errno)));
    struct stat st = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return refuse(QT_TRANSLATE_NOOP("ItflowMessage",
                                        "Email #%1: the attachment \"%2\" (%3) is not a regular file; "
                                        "the message is not sent without it."));
    }
    if (budget >= 0 && st.st_size > budget) {
        ::close(fd);
        return refuse(kTooLarge);
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return refuse(kUnreadable, file.errorString());
    }
    // The file may grow after fstat(): read one byte past the budget to notice.
    QByteArray data = budget >= 0 ? file.read(budget + 1) : file.readAll();
    if (file.error() != QFileDevice::NoError)
        return refuse(kUnreadable, file.errorString());
    if (budget >= 0 && data.size() > budget)
        return refuse(kTooLarge);
    return data;
}

} // namespace

Result<BuiltMessage> buildQueueMessage(const QueueRow& row, const MessageOptions& options)
{
    MailContent content;
    content.from = MailAddress{row.fromName.trimmed(), row.from.trimmed()};
    content.to = {MailAddress{row.recipientName.trimmed(), row.recipient.trimmed()}};
    content.subject = row.subject;
    content.html = row.htmlContent;
    content.messageId = options.messageId;
    content.date = options.date;

    QString reason;
    if (!isValidEmail(content.from.email, &reason))
        return Failure{QCoreApplication::translate("ItflowMessage",
                                                   "Email #%1: the sender %2 is not a valid address: %3")
                           .arg(row.emailId)
                           .arg(row.from, reason),
                       QStringLiteral("from")};
    if (!isValidEmail(content.to.first().email, &reason))
        return Failure{QCoreApplication::translate("ItflowMessage",
                                                   "Email #%1: the recipient %2 is not a valid address: %3")
                           .arg(row.emailId)
                           .arg(row.recipient, reason),
                       QStringLiteral("to")};

    // What is left of the size limit once the text is in; -1 = no limit.
    qint64 budget = -1;
    if (options.maxMessageBytes > 0)
        budget = options.maxMessageBytes - row.htmlContent.size() - row.calendar.size();

    if (!row.calendar.isEmpty())
        content.attachments.append({kCalendarFileName, QByteArrayLiteral("text/calendar"), row.calendar});

    auto manifest = parseManifest(row.attachmentsJson, row.emailId);
    if (!manifest)
        return manifest.error();
    if (!manifest->isEmpty()) {
        if (options.itflowRoot.isEmpty())
            return Failure{QCoreApplication::translate(
                               "ItflowMessage",
                               "Email #%1 has attachments, but the ITFlow folder (itflow.root) is not set, "
                               "so they cannot be found.")
                               .arg(row.emailId),
                           QStringLiteral("itflow.root")};
        const QString root = QFileInfo(options.itflowRoot).canonicalFilePath();
        const QString uploads =
            QFileInfo(options.itflowRoot + QStringLiteral("/uploads")).canonicalFilePath();
        if (root.isEmpty() || uploads.isEmpty())
            return Failure{QCoreApplication::translate(
                               "ItflowMessage",
                               "Email #%1 has attachments, but %2 is not an ITFlow folder with an uploads "
                               "folder in it (itflow.root).")
                               .arg(row.emailId)
                               .arg(options.itflowRoot),
                           QStringLiteral("itflow.root")};
        for (const ManifestEntry& entry : std::as_const(*manifest)) {
            auto data = readAttachment(entry, root, uploads, budget, row.emailId);
            if (!data)
                return data.error();
            if (budget >= 0)
                budget -= data->size();
            content.attachments.append({shownName(entry.name), {}, std::move(data).value()});
        }
    }

    auto built = buildMessage(content);
    if (!built)
        return built.error();
    if (options.maxMessageBytes > 0 && built->data.size() > options.maxMessageBytes)
        return Failure{
            QCoreApplication::translate("ItflowMessage",
                                        "Email #%1 is %2 bytes when built, more than the limit of %3 bytes "
                                        "(queue.max_message_bytes).")
                .arg(row.emailId)
                .arg(built->data.size())
                .arg(options.maxMessageBytes),
            QStringLiteral("queue.max_message_bytes")};
    return built;
}

} // namespace outbound::itflow
