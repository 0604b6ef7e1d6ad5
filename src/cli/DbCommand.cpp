// `outbound-cli db init | migrate | status`: the database behind --db, its schema and who uses it.

#include "cli/CliContext.h"
#include "common/Database.h"
#include "common/DatabaseUrl.h"
#include "oauth/TokenStore.h"
#include "queue/QueueStore.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace outbound::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

QString dialectName(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::Sqlite:
        return QStringLiteral("sqlite");
    case SqlDialect::PostgreSql:
        return QStringLiteral("postgresql");
    case SqlDialect::MariaDb:
        return QStringLiteral("mariadb");
    }
    return {};
}

// Every component's tables, created or brought up to date where the command allows it, and
// otherwise only checked (which also tells Database the version this build knows).
Status ensureAllSchemas()
{
    if (auto s = SettingsStore::ensureSchema(); !s)
        return s;
    if (auto s = ensureQueueSchema(); !s)
        return s;
    return TokenStore::ensureSchema();
}

int initOrMigrate(CliContext& ctx)
{
    if (auto s = ensureAllSchemas(); !s) {
        printError(ctx, s.error().message);
        return ExitFailed;
    }
    auto versions = Database::versions();
    if (!versions) {
        printError(ctx, versions.error().message);
        return ExitFailed;
    }
    QStringList parts;
    for (const Database::ComponentVersion& v : versions.value())
        parts.append(QStringLiteral("%1 %2").arg(v.component).arg(v.version));
    ctx.out << tr("Outbound's tables are ready in %1 (%2).")
                   .arg(Database::path(), parts.join(QStringLiteral(", ")))
            << u'\n';
    return ExitOk;
}

int status(CliContext& ctx)
{
    // A schema that is behind is reported below, not an error of this command.
    const Status schemas = ensureAllSchemas();
    auto versions = Database::versions();
    if (!versions) {
        printError(ctx, versions.error().message);
        return ExitFailed;
    }
    const std::unique_ptr<QueueStore> opened = openQueueStore(MailSettings{});
    QueueStore& store = *opened;
    auto stats = schemas ? store.stats() : Result<QueueStats>(schemas.error());
    auto workers = schemas ? store.workers() : Result<QList<WorkerInfo>>(schemas.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (ctx.isSet(QStringLiteral("json"))) {
        QJsonObject o{{QStringLiteral("database"), Database::path()},
                      {QStringLiteral("kind"), dialectName(Database::dialect())}};
        QJsonArray schemaList;
        for (const Database::ComponentVersion& v : versions.value())
            schemaList.append(QJsonObject{{QStringLiteral("component"), v.component},
                                          {QStringLiteral("version"), v.version},
                                          {QStringLiteral("known"), v.known}});
        o.insert(QStringLiteral("schema"), schemaList);
        if (stats) {
            o.insert(QStringLiteral("queue"),
                     QJsonObject{{QStringLiteral("queued"), stats->queued},
                                 {QStringLiteral("sending"), stats->sending},
                                 {QStringLiteral("deferred"), stats->deferred},
                                 {QStringLiteral("sent"), stats->sent},
                                 {QStringLiteral("failed"), stats->failed},
                                 {QStringLiteral("cancelled"), stats->cancelled},
                                 {QStringLiteral("interrupted"), stats->interrupted}});
        }
        QJsonArray workerList;
        for (const WorkerInfo& w : workers ? workers.value() : QList<WorkerInfo>{}) {
            workerList.append(QJsonObject{
                {QStringLiteral("id"), w.id},
                {QStringLiteral("host"), w.host},
                {QStringLiteral("pid"), w.pid},
                {QStringLiteral("started"), w.startedAt.toUTC().toString(Qt::ISODate)},
                {QStringLiteral("heartbeat"), w.heartbeatAt.toUTC().toString(Qt::ISODate)},
                {QStringLiteral("stopped"),
                 w.stoppedAt.isValid() ? w.stoppedAt.toUTC().toString(Qt::ISODate) : QString()},
                {QStringLiteral("state"), w.unresponsive(now) ? QStringLiteral("unresponsive") : w.state},
                {QStringLiteral("sent"), w.sent},
                {QStringLiteral("failed"), w.failed},
                {QStringLiteral("connections"), w.connections}});
        }
        o.insert(QStringLiteral("workers"), workerList);
        if (!schemas)
            o.insert(QStringLiteral("problem"), schemas.error().message);
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return schemas ? ExitOk : ExitConfig;
    }
    ctx.out << tr("database: %1 (%2)").arg(Database::path(), dialectName(Database::dialect())) << u'\n';
    for (const Database::ComponentVersion& v : versions.value()) {
        QString state = v.version == v.known  ? tr("up to date")
                        : v.version < v.known ? tr("behind: run `outbound-cli db migrate`")
                                              : tr("written by a newer Outbound");
        ctx.out << tr("  schema %1: %2 of %3, %4").arg(v.component).arg(v.version).arg(v.known).arg(state)
                << u'\n';
    }
    if (!schemas) {
        printError(ctx, schemas.error().message);
        return ExitConfig;
    }
    if (stats) {
        ctx.out << tr("queue: %1 queued, %2 sending, %3 deferred, %4 sent, %5 failed, %6 cancelled, %7 "
                      "interrupted")
                       .arg(stats->queued)
                       .arg(stats->sending)
                       .arg(stats->deferred)
                       .arg(stats->sent)
                       .arg(stats->failed)
                       .arg(stats->cancelled)
                       .arg(stats->interrupted)
                << u'\n';
    }
    if (!workers) {
        printError(ctx, workers.error().message);
        return ExitFailed;
    }
    if (workers->isEmpty())
        ctx.out << tr("workers: none in the last day") << u'\n';
    for (const WorkerInfo& w : workers.value()) {
        const QString state = w.unresponsive(now) ? tr("not responding") : w.state;
        ctx.out << tr("worker %1 on %2 (process %3): %4, started %5, last heartbeat %6, %7 sent, %8 failed")
                       .arg(w.id.left(8), w.host)
                       .arg(w.pid)
                       .arg(state, w.startedAt.toUTC().toString(Qt::ISODate),
                            w.heartbeatAt.toUTC().toString(Qt::ISODate))
                       .arg(w.sent)
                       .arg(w.failed)
                << u'\n';
    }
    return ExitOk;
}

int setPassword(CliContext& ctx)
{
    auto url = DatabaseUrl::parse(ctx.dbPath);
    if (!url) {
        printError(ctx, url.error().message);
        return ExitUsage;
    }
    if (!url->isServer()) {
        printError(ctx, tr("%1 is a file: an SQLite database has no password").arg(ctx.dbPath),
                   tr("give --db postgresql://... or mariadb://..."));
        return ExitUsage;
    }
    bool ok = false;
    const QString password = readSecretLine(tr("Password for %1: ").arg(url->displayString()), &ok);
    if (!ok) {
        printError(ctx, tr("no password given on standard input"));
        return ExitUsage;
    }
    if (auto s = SecretStore::writeDatabasePassword(url->displayString(), password); !s) {
        printError(ctx, s.error().message, DatabasePassword::passwordHint(url.value()));
        return ExitConfig;
    }
    ctx.out << (password.isEmpty() ? tr("The keychain no longer holds a password for %1.")
                                   : tr("The password for %1 is in this machine's keychain."))
                   .arg(url->displayString())
            << u'\n';
    return ExitOk;
}

} // namespace

int runDb(CliContext& ctx)
{
    if (ctx.subcommand == u"set-password")
        return setPassword(ctx);
    if (ctx.subcommand == u"status")
        return status(ctx);
    return initOrMigrate(ctx);
}

} // namespace outbound::cli
