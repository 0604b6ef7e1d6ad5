#include "cli/CommandLine.h"

#include <QCoreApplication>

namespace outbound::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

QCommandLineOption flag(const char* name, const char* description)
{
    return QCommandLineOption(QString::fromLatin1(name), tr(description));
}

QCommandLineOption valued(const char* name, const char* valueName, const char* description)
{
    return QCommandLineOption(QString::fromLatin1(name), tr(description), QString::fromLatin1(valueName));
}

QList<CommandDef> buildDefinitions()
{
    using Db = CommandDef::Database;
    const QCommandLineOption json = flag("json", "machine-readable output (stable keys)");
    QList<CommandDef> defs;

    defs.append({QStringLiteral("settings show"),
                 {},
                 tr("show every setting (never the password)"),
                 {json},
                 {},
                 0,
                 0,
                 runSettings,
                 Db::MustExist});
    defs.append({QStringLiteral("settings set"),
                 QStringLiteral("KEY VALUE [KEY VALUE]..."),
                 tr("change settings (keys as in `settings show`); only the keys given are checked"),
                 {},
                 {},
                 2,
                 -1,
                 runSettings,
                 Db::Create});
    defs.append({QStringLiteral("settings preset"),
                 QStringLiteral("microsoft365|google"),
                 tr("fill host, port, encryption and the provider's limits"),
                 {},
                 {},
                 1,
                 1,
                 runSettings,
                 Db::Create});
    defs.append({QStringLiteral("settings set-password"),
                 {},
                 tr("read the SMTP password from stdin (silent prompt at a terminal)"),
                 {},
                 {},
                 0,
                 0,
                 runSettings,
                 Db::Create});
    defs.append({QStringLiteral("settings clear-password"),
                 {},
                 tr("forget the stored password"),
                 {},
                 {},
                 0,
                 0,
                 runSettings,
                 Db::Create});

    defs.append(
        {QStringLiteral("test-send"),
         {},
         tr("send a test message now and show the conversation; the other options override the saved "
            "settings for this run only"),
         {valued("to", "ADDR", "recipient of the test message"),
          valued("from", "ADDR", "sender for this run (default: the category's saved sender)"),
          valued("category", "C", "sender category: system, invoice, quote, ticket or test (default)"), json,
          valued("host", "H", "SMTP server"), valued("port", "P", "port (1-65535)"),
          valued("encryption", "none|starttls|tls", "encryption"), valued("user", "U", "user name"),
          flag("password-stdin", "read the password from stdin instead of the stored one"),
          valued("auth", "auto|plain|login|xoauth2|oauth2|none", "sign-in method"),
          valued("ca-file", "PEM", "extra trusted CA bundle"),
          valued("pin", "SHA256", "trust exactly this certificate fingerprint"),
          valued("timeout", "SECONDS", "every phase budget, 1-3600 s"),
          flag("allow-auth-without-tls", "allow signing in over an unencrypted connection")},
         {QStringLiteral("to")},
         0,
         0,
         runTestSend,
         Db::Create});

    const QCommandLineOption timeout = valued("timeout", "S", "bound for the whole run in seconds (1-600)");
    defs.append({QStringLiteral("diagnose"),
                 {},
                 tr("probe each port (STARTTLS, TLS, plain) and recommend a setting; never sends a password. "
                    "Without --host or --email it probes the saved smtp.host (its port first). --email tries "
                    "the provider's or the domain's usual hosts; --check-senders --to ADDR sends "
                    "a test from every configured sender over one connection and names refusals"),
                 {valued("host", "HOST", "server to probe (default: the saved smtp.host)"),
                  valued("email", "ADDRESS", "probe the likely hosts of this address"),
                  valued("ports", "LIST", "ports to try (default 587,465,25,2525)"), json, timeout,
                  valued("ca-file", "PEM", "extra trusted CA bundle"),
                  flag("check-senders", "check every configured sender address (needs --to)"),
                  valued("to", "ADDRESS", "recipient for --check-senders")},
                 {},
                 0,
                 0,
                 runDiagnose,
                 Db::None});

    defs.append(
        {QStringLiteral("enqueue"),
         {},
         tr("queue one message (prints its id), or one message per JSON line of --jsonl FILE (- = stdin) "
            "in batches; --check validates every line and queues nothing"),
         {valued("jsonl", "FILE|-", "one message per line (see README for the keys)"),
          flag("check", "with --jsonl: validate everything, queue nothing"),
          valued("to", "ADDR[,ADDR]", "recipients"), valued("cc", "ADDR", "copy recipients"),
          valued("bcc", "ADDR", "blind copy recipients"),
          valued("from", "ADDR", "sender (default: by category)"), valued("subject", "S", "subject"),
          valued("text-file", "F", "plain text body"), valued("html-file", "F", "HTML body"),
          valued("attach", "F", "attach a file (repeatable)"),
          valued("category", "C", "system (default), invoice, quote, ticket or test"),
          valued("not-before", "ISO8601", "send no earlier than this")},
         {},
         0,
         0,
         runEnqueue,
         Db::Create});

    defs.append({QStringLiteral("queue list"),
                 {},
                 tr("list messages, newest first"),
                 {valued("status", "S[,S]", "only these statuses"),
                  valued("limit", "N", "at most N rows (default 100, 0 = all)"), json},
                 {},
                 0,
                 0,
                 runQueue,
                 Db::MustExist});
    defs.append({QStringLiteral("queue stats"),
                 {},
                 tr("counts per status"),
                 {json},
                 {},
                 0,
                 0,
                 runQueue,
                 Db::MustExist});
    defs.append({QStringLiteral("queue show"),
                 QStringLiteral("ID"),
                 tr("one message with its last error and transcript"),
                 {json},
                 {},
                 1,
                 1,
                 runQueue,
                 Db::MustExist});
    defs.append({QStringLiteral("queue retry"),
                 QStringLiteral("ID..."),
                 tr("send again (a fresh round of attempts)"),
                 {flag("all-failed", "every failed message instead of IDs")},
                 {},
                 0,
                 -1,
                 runQueue,
                 Db::MustExist});
    defs.append({QStringLiteral("queue cancel"),
                 QStringLiteral("ID..."),
                 tr("never send these"),
                 {},
                 {},
                 1,
                 -1,
                 runQueue,
                 Db::MustExist});
    defs.append({QStringLiteral("queue delete"),
                 QStringLiteral("ID..."),
                 tr("remove from the queue"),
                 {},
                 {},
                 1,
                 -1,
                 runQueue,
                 Db::MustExist});
    defs.append({QStringLiteral("queue mark-sent"),
                 QStringLiteral("ID..."),
                 tr("an interrupted message did arrive"),
                 {},
                 {},
                 1,
                 -1,
                 runQueue,
                 Db::MustExist});
    defs.append({QStringLiteral("queue purge"),
                 {},
                 tr("delete sent messages older than queue.keep_sent_days"),
                 {valued("days", "N", "older than N days instead")},
                 {},
                 0,
                 0,
                 runQueue,
                 Db::MustExist});

    // OAuth 2.0 (OAuthCommand.cpp).
    defs.append({QStringLiteral("settings set-secret"),
                 QStringLiteral("oauth.client_secret"),
                 tr("read a named secret from stdin (an empty line removes it); never shown afterwards"),
                 {},
                 {},
                 1,
                 1,
                 runSettings,
                 Db::Create});
    defs.append({QStringLiteral("oauth login"),
                 {},
                 tr("sign in with the configured flow (browser, device code or app) and store the tokens"),
                 {flag("device", "use the device code flow (for machines without a browser)"),
                  flag("print-url", "print the sign-in address instead of opening a browser")},
                 {},
                 0,
                 0,
                 runOAuth,
                 Db::Create});
    defs.append({QStringLiteral("oauth status"),
                 {},
                 tr("the signed-in account, token expiry and refresh token age (never a token)"),
                 {json},
                 {},
                 0,
                 0,
                 runOAuth,
                 Db::MustExist});
    defs.append({QStringLiteral("oauth refresh"),
                 {},
                 tr("renew the access token now"),
                 {},
                 {},
                 0,
                 0,
                 runOAuth,
                 Db::MustExist});
    defs.append({QStringLiteral("oauth logout"),
                 {},
                 tr("forget the saved tokens"),
                 {},
                 {},
                 0,
                 0,
                 runOAuth,
                 Db::MustExist});

    defs.append(
        {QStringLiteral("worker"),
         {},
         tr("send queued mail until stopped (Ctrl+C finishes what is in flight; a second Ctrl+C stops "
            "at once)"),
         {flag("drain", "exit when nothing is due"),
          valued("connections", "N", "parallel connections (1-16; default queue.connections)"),
          valued("lease", "SECONDS",
                 "on a shared database: how long a claimed message stays this worker's without a "
                 "heartbeat (10-3600; default 60)")},
         {},
         0,
         0,
         runWorker,
         Db::Create});

    defs.append({QStringLiteral("db init"),
                 {},
                 tr("create Outbound's tables in the database named by --db (a server database needs this "
                    "once, run by a role that may create tables)"),
                 {},
                 {},
                 0,
                 0,
                 runDb,
                 Db::Create});
    defs.append({QStringLiteral("db migrate"),
                 {},
                 tr("bring the tables up to this version's schema"),
                 {},
                 {},
                 0,
                 0,
                 runDb,
                 Db::MustExist});
    defs.append({QStringLiteral("db set-password"),
                 {},
                 tr("keep the password of the server database named by --db in this machine's keychain "
                    "(read from standard input; an empty line removes it)"),
                 {},
                 {},
                 0,
                 0,
                 runDb,
                 Db::None});
    defs.append({QStringLiteral("db status"),
                 {},
                 tr("the database, its schema versions, the queue's counts and the workers sharing it"),
                 {json},
                 {},
                 0,
                 0,
                 runDb,
                 Db::MustExist});
    for (const auto& [name, summary] :
         {std::pair{"itflow status",
                    "an ITFlow database (--db itflow+mariadb://...): who drains its mail queue"},
          std::pair{"itflow takeover",
                    "stop ITFlow's own mail worker (its cron job mail_queue) so Outbound drains "
                    "ITFlow's queue"},
          std::pair{"itflow release",
                    "give ITFlow's queue back to ITFlow's own worker (stop Outbound's workers "
                    "first)"}}) {
        defs.append({QLatin1String(name), {}, tr(summary), {}, {}, 0, 0, runItflow, Db::MustExist});
    }
    return defs;
}

QString optionColumn(const QCommandLineOption& o)
{
    QString text = QStringLiteral("--") + o.names().first();
    if (!o.valueName().isEmpty())
        text += u' ' + o.valueName();
    return text;
}

} // namespace

const QList<CommandDef>& commandDefinitions()
{
    static const QList<CommandDef> defs = buildDefinitions();
    return defs;
}

namespace {
// "--to ADDR", "[--json]", "ID...": the pieces of a synopsis, each kept whole when lines wrap.
QStringList synopsisItems(const CommandDef& def)
{
    QStringList items;
    for (const QCommandLineOption& o : def.options) {
        const bool required = def.required.contains(o.names().first());
        items.append(required ? optionColumn(o) : u'[' + optionColumn(o) + u']');
    }
    if (!def.arguments.isEmpty())
        items.append(def.arguments);
    return items;
}
} // namespace

QString synopsis(const CommandDef& def)
{
    return synopsisItems(def).join(u' ');
}

QString overallHelp(const QString& defaultDatabase)
{
    QString text = tr("Usage: outbound-cli [--db PATH|URL] [--db-password-stdin] COMMAND ...\n"
                      "\n"
                      "Configure Outbound's SMTP account, test it, and run the mail queue.\n"
                      "The database is --db PATH|URL, else $OUTBOUND_DB, else %1.\n"
                      "A URL names a shared database: postgresql://USER@HOST[:PORT]/DB or\n"
                      "mariadb://USER@HOST[:PORT]/DB; its password comes from --db-password-stdin\n"
                      "(the first line of standard input), a password file or the keychain.\n"
                      "\n"
                      "Commands (`outbound-cli COMMAND --help` tells more):\n")
                       .arg(defaultDatabase);
    for (const CommandDef& def : commandDefinitions()) {
        QString line = QStringLiteral("  ") + def.name;
        // Wrap the options at about 100 columns, indented under the command.
        const QString indent(def.name.size() + 3, u' ');
        qsizetype column = line.size();
        for (const QString& word : synopsisItems(def)) {
            if (column + 1 + word.size() > 100 && column > indent.size()) {
                line += u'\n' + indent;
                column = indent.size();
            } else {
                line += u' ';
                ++column;
            }
            line += word;
            column += word.size();
        }
        text += line + u'\n';
    }
    text += tr("\nExit codes: 0 success, 1 the operation failed, 2 bad usage or input,\n"
               "3 configuration missing or invalid (also: no such database, another worker running).\n");
    return text;
}

QString commandHelp(const CommandDef& def)
{
    QString text = tr("Usage: outbound-cli [--db PATH|URL] %1\n\n%2\n")
                       .arg((def.name + u' ' + synopsis(def)).trimmed(), def.summary);
    if (!def.options.isEmpty()) {
        text += tr("\nOptions:\n");
        int width = 0;
        for (const QCommandLineOption& o : def.options)
            width = std::max(width, static_cast<int>(optionColumn(o).size()));
        for (const QCommandLineOption& o : def.options)
            text += QStringLiteral("  %1  %2\n").arg(optionColumn(o), -width).arg(o.description());
    }
    return text;
}

} // namespace outbound::cli
