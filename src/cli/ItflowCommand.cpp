// `outbound-cli itflow status | takeover | release`: who drains an ITFlow installation's mail queue.

#include "cli/CliContext.h"
#include "common/Database.h"
#include "itflow/ItflowDatabase.h"
#include "queue/QueueStore.h"

#include <QCoreApplication>

namespace outbound::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

void printOwner(CliContext& ctx, const itflow::QueueOwner& owner)
{
    if (owner.outboundDrains())
        ctx.out << tr("Outbound drains ITFlow's mail queue (taken over %1); ITFlow's cron job mail_queue is "
                      "disabled.")
                       .arg(owner.tookOverAt.toLocalTime().toString(Qt::ISODate))
                << u'\n';
    else if (owner.itflowCronEnabled)
        ctx.out
            << tr("ITFlow's own worker drains the mail queue (cron job mail_queue %1); Outbound's workers "
                  "wait until `outbound-cli itflow takeover`.")
                   .arg(owner.cronRowExists ? tr("enabled") : tr("not registered yet, so ITFlow enables it"))
            << u'\n';
    else
        ctx.out << tr("ITFlow's cron job mail_queue is disabled, but Outbound has not taken over; run "
                      "`outbound-cli itflow takeover`.")
                << u'\n';
    if (owner.directCrontabSuspected)
        ctx.out << tr("warning: a direct crontab line running cron/mail_queue.php is suspected: %1")
                       .arg(owner.evidence)
                << u'\n' << itflow::crontabAdvice() << u'\n';
}

} // namespace

int runItflow(CliContext& ctx)
{
    if (!Database::isItflow()) {
        printError(ctx, tr("%1 is not an ITFlow database").arg(Database::path()),
                   tr("give --db itflow+mariadb://USER@HOST/DATABASE"));
        return ExitUsage;
    }
    if (auto s = ensureQueueSchema(); !s) {
        printError(ctx, s.error().message);
        return ExitConfig;
    }
    if (ctx.subcommand == u"takeover") {
        if (auto s = itflow::takeOver(); !s) {
            printError(ctx, s.error().message);
            return ExitFailed;
        }
        ctx.out
            << tr("ITFlow's cron job mail_queue is disabled; Outbound's workers now drain ITFlow's queue.")
            << u'\n' << itflow::crontabAdvice() << u'\n';
        return ExitOk;
    }
    if (ctx.subcommand == u"release") {
        auto released = itflow::release();
        if (!released) {
            printError(ctx, released.error().message);
            return released.error().key == u"busy" ? ExitConfig : ExitFailed;
        }
        ctx.out
            << tr("ITFlow's cron job mail_queue is enabled again; %1 message(s) Outbound held were handed "
                  "back first.")
                   .arg(released.value())
            << u'\n';
        return ExitOk;
    }
    auto owner = itflow::queueOwner();
    if (!owner) {
        printError(ctx, owner.error().message);
        return ExitFailed;
    }
    printOwner(ctx, owner.value());
    return ExitOk;
}

} // namespace outbound::cli
