#include "cli/CliContext.h"
#include "common/Database.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <cstdio>

using namespace outbound;
using namespace outbound::cli;

namespace {

struct Command
{
    const char* name;
    int (*run)(CliContext&);
    bool needsDatabase;
};

// The commands this build knows; each lives in its own file.
const Command kCommands[] = {
    {"settings", runSettings, true}, {"test-send", runTestSend, true}, {"enqueue", runEnqueue, true},
    {"queue", runQueue, true},       {"worker", runWorker, true},      {"diagnose", runDiagnose, false},
    {"oauth", runOAuth, true},
};

void printUsage(QTextStream& out)
{
    out << QCoreApplication::translate(
               "cli",
               "Usage: outbound-cli [--db PATH] COMMAND ...\n"
               "\n"
               "Configure Outbound's SMTP account, test it, and run the mail queue.\n"
               "The database is --db PATH, else $OUTBOUND_DB, else %1.\n"
               "\n"
               "Commands:\n"
               "  settings show [--json]                 show every setting (never the password)\n"
               "  settings set KEY VALUE [KEY VALUE]...  change settings (keys as in `settings show`)\n"
               "  settings preset microsoft365|google    fill host, port, encryption and limits\n"
               "  settings set-password                  read the SMTP password from stdin\n"
               "  settings clear-password                forget the stored password\n"
               "  settings set-secret oauth.client_secret read an OAuth client secret from stdin\n"
               "  oauth login [--device] [--print-url]   sign in (browser, device code or app)\n"
               "  oauth status [--json]                  account, expiry, refresh token age\n"
               "  oauth refresh                          renew the access token now\n"
               "  oauth logout                           forget the saved tokens\n"
               "  test-send --to ADDR [--category C] [--json]\n"
               "            [--host H] [--port P] [--encryption none|starttls|tls]\n"
               "            [--user U] [--password-stdin] [--auth auto|plain|login|xoauth2|oauth2|none]\n"
               "            [--ca-file PEM] [--pin SHA256] [--timeout SECONDS]\n"
               "            [--allow-auth-without-tls]\n"
               "                                         send a test message now and show the\n"
               "                                         conversation; options override the saved\n"
               "                                         settings for this run only\n"
               "  diagnose --host HOST [--ports 587,465,25,2525] [--json] [--timeout S] [--ca-file PEM]\n"
               "                                         probe each port (STARTTLS, TLS, plain) and\n"
               "                                         recommend a setting; never sends a password\n"
               "  diagnose --email ADDRESS [...]         the same for the likely hosts of an address\n"
               "  diagnose --check-senders --to ADDRESS [--json] [--timeout S]\n"
               "                                         send a test from every distinct configured\n"
               "                                         sender over one connection; names refusals\n"
               "\n"
               "  enqueue --to ADDR[,ADDR] --subject S (--text-file F | --html-file F)\n"
               "          [--cc ADDR] [--bcc ADDR] [--attach F]... [--category C] [--not-before ISO8601]\n"
               "                                         queue one message; prints its id\n"
               "  enqueue --jsonl FILE|-                 queue one message per JSON line, in batches\n"
               "  queue list [--status S[,S]] [--limit N] [--json]\n"
               "  queue stats [--json]                   counts per status\n"
               "  queue show ID [--json]                 one message with its last error and transcript\n"
               "  queue retry ID... | --all-failed       send again (a fresh round of attempts)\n"
               "  queue cancel ID...                     never send these\n"
               "  queue delete ID...                     remove from the queue\n"
               "  queue mark-sent ID...                  an interrupted message did arrive\n"
               "  queue purge [--days N]                 delete sent messages older than "
               "queue.keep_sent_days\n"
               "  worker [--drain] [--connections N]     send queued mail; --drain: exit when nothing is "
               "due\n"
               "\n"
               "Exit codes: 0 success, 1 the operation failed, 2 bad usage or input,\n"
               "3 configuration missing or invalid.\n")
               .arg(Database::resolvePath());
}

} // namespace

void outbound::cli::printError(CliContext& ctx, const QString& message, const QString& hint)
{
    ctx.err << QStringLiteral("outbound-cli: ") << message << u'\n';
    if (!hint.isEmpty())
        ctx.err << QStringLiteral("hint: ") << hint << u'\n';
    ctx.err.flush();
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("outbound"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OUTBOUND_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = app.arguments().mid(1);

    QString dbPath;
    // --db is global but people also type it after the command; take it from anywhere before "--".
    for (qsizetype i = 0; i < args.size() && args[i] != u"--";) {
        if (args[i] == u"--db" && i + 1 < args.size()) {
            dbPath = args[i + 1];
            args.remove(i, 2);
        } else if (args[i].startsWith(QStringLiteral("--db="))) {
            dbPath = args[i].mid(5);
            args.remove(i);
        } else {
            ++i;
        }
    }
    while (!args.isEmpty() && args.first().startsWith(QStringLiteral("--"))) {
        const QString option = args.takeFirst();
        if (option == u"--db" && !args.isEmpty()) {
            dbPath = args.takeFirst();
        } else if (option.startsWith(QStringLiteral("--db="))) {
            dbPath = option.mid(5);
        } else if (option == u"--help") {
            printUsage(out);
            return ExitOk;
        } else if (option == u"--version") {
            out << QStringLiteral("outbound-cli ") << QStringLiteral(OUTBOUND_VERSION) << u'\n';
            return ExitOk;
        } else {
            err << QStringLiteral("outbound-cli: unknown option %1 (try --help)\n").arg(option);
            return ExitUsage;
        }
    }
    if (args.isEmpty() || args.first() == u"help") {
        printUsage(args.isEmpty() ? err : out);
        return args.isEmpty() ? ExitUsage : ExitOk;
    }

    const QString name = args.takeFirst();
    for (const Command& command : kCommands) {
        if (name != QLatin1String(command.name))
            continue;
        CliContext ctx{args, out, err, Database::resolvePath(dbPath)};
        if (command.needsDatabase) {
            if (auto s = Database::initialize(ctx.dbPath); !s) {
                printError(ctx, s.error().message);
                return ExitConfig;
            }
            if (auto s = SettingsStore::ensureSchema(); !s) {
                printError(ctx, s.error().message);
                return ExitConfig;
            }
        }
        const int code = command.run(ctx);
        out.flush();
        err.flush();
        return code;
    }
    err << QStringLiteral("outbound-cli: unknown command \"%1\" (try --help)\n").arg(name);
    return ExitUsage;
}
