#include "cli/CliContext.h"
#include "common/Database.h"
#include "diagnosis/Diagnosis.h"
#include "itflow/ItflowDatabase.h"
#include "queue/QueueStore.h"
#include "queue/QueueWorker.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace outbound::cli {

namespace {

QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("cli", text, nullptr, n);
}

// SIGINT/SIGTERM become a graceful stop: in-flight messages finish and their outcomes are committed.
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[0], &byte, 1);
}

} // namespace

int runWorker(CliContext& ctx)
{
    QueueWorker::Options options;
    options.drain = ctx.isSet(QStringLiteral("drain"));
    if (ctx.isSet(QStringLiteral("connections"))) {
        bool ok = false;
        options.connections = ctx.value(QStringLiteral("connections")).toInt(&ok);
        // The same range as queue.connections: the option overrides that setting for one run.
        if (!ok || options.connections < 1 || options.connections > 16) {
            printError(ctx, tr("--connections needs a number from 1 to 16"));
            return ExitUsage;
        }
    }
    if (ctx.isSet(QStringLiteral("lease"))) {
        bool ok = false;
        const int seconds = ctx.value(QStringLiteral("lease")).toInt(&ok);
        if (!ok || seconds < 10 || seconds > 3600) {
            printError(ctx, tr("--lease needs a number of seconds from 10 to 3600"));
            return ExitUsage;
        }
        options.leaseMs = seconds * 1000LL;
    }
    // Tests shorten the lease below what an admin should use, to see an expiry within seconds.
    if (const int testLeaseMs = qEnvironmentVariableIntValue("OUTBOUND_TEST_LEASE_MS"); testLeaseMs > 0)
        options.leaseMs = testLeaseMs;

    // ITFlow's own worker sends from the same queue until `itflow takeover` stopped it: two workers
    // that know nothing of each other would send rows twice.
    if (Database::isItflow()) {
        if (auto s = ensureQueueSchema(); !s) {
            printError(ctx, s.error().message);
            return ExitConfig;
        }
        auto owner = itflow::queueOwner();
        if (!owner) {
            printError(ctx, owner.error().message);
            return ExitFailed;
        }
        if (owner->itflowCronEnabled) {
            printError(ctx,
                       tr("ITFlow's own mail worker (cron job mail_queue) still drains this queue; Outbound "
                          "does not send from it at the same time"),
                       tr("run `outbound-cli itflow takeover` first"));
            return ExitConfig;
        }
        if (owner->directCrontabSuspected)
            ctx.err << tr("warning: a direct crontab line running cron/mail_queue.php is suspected: %1")
                           .arg(owner->evidence)
                    << u'\n';
    }
    auto settings = SettingsStore::load();
    if (!settings) {
        printError(ctx, settings.error().message);
        return ExitConfig;
    }
    const QList<ValidationIssue> issues = validate(settings.value(), true);
    if (!issues.isEmpty()) {
        for (const ValidationIssue& issue : issues)
            printError(ctx, QStringLiteral("%1: %2").arg(settingName(issue.key), issue.message));
        ctx.err << tr("hint: fix them with `outbound-cli settings set KEY VALUE`") << u'\n';
        return ExitConfig;
    }

    QueueWorker worker(options);
    int exitCode = ExitOk;
    qint64 lastSent = 0, lastFailed = 0, lastDue = 0;
    QString lastPrinted;
    std::optional<SmtpError> runError;
    QElapsedTimer sincePrint;
    sincePrint.start();
    auto printProgress = [&] {
        const QString line = tr("sent %1, failed %2, due %3").arg(lastSent).arg(lastFailed).arg(lastDue);
        sincePrint.restart();
        if (line == lastPrinted)
            return; // the final line repeats the last periodic one
        lastPrinted = line;
        ctx.out << line << u'\n';
        ctx.out.flush();
    };
    QObject::connect(&worker, &QueueWorker::progress, &worker, [&](qint64 sent, qint64 failed, qint64 due) {
        lastSent = sent;
        lastFailed = failed;
        lastDue = due;
        if (sincePrint.elapsed() >= 1000)
            printProgress();
    });
    QObject::connect(&worker, &QueueWorker::runError, &worker,
                     [&](const SmtpError& error) { runError = error; });
    bool signInNeeded = false;
    QObject::connect(&worker, &QueueWorker::signInNeeded, &worker, [&] { signInNeeded = true; });
    // Settings saved while this worker runs (window, `settings set`) apply to its next connection.
    QObject::connect(&worker, &QueueWorker::settingsApplied, &worker, [&](qint64 revision) {
        ctx.out << tr("saved settings applied (revision %1)").arg(revision) << u'\n';
        ctx.out.flush();
    });
    QObject::connect(&worker, &QueueWorker::settingsRejected, &worker, [&](qint64, const QString& reason) {
        printError(ctx, tr("saved settings not applied, sending with the previous ones: %1").arg(reason));
    });
    QObject::connect(&worker, &QueueWorker::failed, &worker, [&](const QString& reason, bool configuration) {
        printError(ctx, reason,
                   signInNeeded
                       ? tr("sign in again with `outbound-cli oauth login`; queued messages wait until then")
                       : QString());
        exitCode = configuration ? ExitConfig : ExitFailed;
    });
    QObject::connect(&worker, &QueueWorker::stopped, &worker, [&] {
        if (exitCode == ExitOk) {
            printProgress();
            // Messages left waiting because something failed: say what and why, and fail.
            qint64 waiting = 0;
            QDateTime nextDue;
            {
                const std::unique_ptr<QueueStore> store = openQueueStore(settings.value());
                if (auto stats = store->stats())
                    waiting = stats->queued + stats->deferred;
                if (auto next = store->nextDueAt())
                    nextDue = next.value();
            }
            if (runError && (waiting > 0 || lastFailed > 0)) {
                const Hint hint = diagnose(*runError, settings->toSmtpConfig(QString()));
                printError(ctx,
                           tr("%n message(s) not sent (%1 failed in this run); last error: %2",
                              static_cast<int>(waiting + lastFailed))
                               .arg(lastFailed)
                               .arg(runError->summary()),
                           hint.text());
                exitCode = ExitFailed;
            } else if (options.drain && waiting > 0 && nextDue.isValid()) {
                // Nothing failed: the rest is scheduled (send-later, or a retry's backoff).
                ctx.out << tr("%n message(s) wait for a later time; the next is due at %1 UTC",
                              static_cast<int>(waiting))
                               .arg(nextDue.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                        << u'\n';
            }
        }
        QCoreApplication::exit(exitCode);
    });

    std::unique_ptr<QSocketNotifier> signalNotifier;
    int signalCount = 0;
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        signalNotifier = std::make_unique<QSocketNotifier>(g_signalPipe[1], QSocketNotifier::Read);
        QObject::connect(signalNotifier.get(), &QSocketNotifier::activated, &worker, [&] {
            char byte;
            [[maybe_unused]] const auto got = ::read(g_signalPipe[1], &byte, 1);
            if (++signalCount == 1) {
                ctx.err << tr("stopping: finishing the messages in flight (signal again to stop at once)")
                        << u'\n';
                ctx.err.flush();
                worker.stop();
                return;
            }
            // The second signal: stop now. Leaving exec() destroys the worker, which hands every
            // unstarted message back and marks the ones whose outcome is unknown `interrupted`.
            ctx.err << tr("stopping at once: messages whose outcome is unknown become interrupted") << u'\n';
            ctx.err.flush();
            exitCode = ExitFailed;
            QCoreApplication::exit(ExitFailed);
        });
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);
    }

    if (auto s = worker.start(); !s) {
        printError(ctx, s.error().message, tr("only one worker may send from a queue database at a time"));
        return ExitConfig;
    }
    if (!options.drain)
        ctx.out << tr("worker running; stop it with Ctrl+C") << u'\n';
    ctx.out.flush();
    return QCoreApplication::exec();
}

} // namespace outbound::cli
