#include "cli/CliContext.h"
#include "cli/CommandLine.h"
#include "common/Database.h"
#include "common/TerminalText.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <cstdio>
#include <optional>
#include <unistd.h>

using namespace outbound;
using namespace outbound::cli;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

// The definitions whose first word is `command` ("queue" -> queue list, queue stats, ...).
QList<const CommandDef*> family(const QString& command)
{
    QList<const CommandDef*> found;
    for (const CommandDef& def : commandDefinitions()) {
        if (def.name.section(u' ', 0, 0) == command)
            found.append(&def);
    }
    return found;
}

QStringList subcommandNames(const QList<const CommandDef*>& defs)
{
    QStringList names;
    for (const CommandDef* def : defs)
        names.append(def->name.section(u' ', 1));
    return names;
}

} // namespace

void outbound::cli::printError(CliContext& ctx, const QString& message, const QString& hint)
{
    // Messages quote server replies, file names and subjects: never let them reach the terminal raw.
    ctx.err << QStringLiteral("outbound-cli: ") << sanitizeForTerminal(message) << u'\n';
    if (!hint.isEmpty())
        ctx.err << QStringLiteral("hint: ") << sanitizeForTerminal(hint) << u'\n';
    ctx.err.flush();
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("outbound"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OUTBOUND_VERSION));

    TerminalDevice outDevice(STDOUT_FILENO);
    TerminalDevice errDevice(STDERR_FILENO);
    QTextStream out(&outDevice);
    QTextStream err(&errDevice);
    // Qt's own warnings (e.g. from the worker) may quote a server too.
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString& message) {
        const QByteArray line = (sanitizeForTerminal(message) + u'\n').toUtf8();
        std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    });
    QStringList args = app.arguments().mid(1);
    CliContext global{{}, out, err, {}, nullptr, {}};

    QString dbPath;
    bool dbPasswordFromStdin = false;
    // --db is global but people also type it after the command; take it from anywhere before "--".
    for (qsizetype i = 0; i < args.size() && args[i] != u"--";) {
        std::optional<QString> value;
        if (args[i] == u"--db-password-stdin") {
            dbPasswordFromStdin = true;
            args.remove(i);
        } else if (args[i] == u"--db") {
            if (i + 1 < args.size())
                value = args[i + 1];
            args.remove(i, std::min<qsizetype>(2, args.size() - i));
            if (!value)
                value = QString();
        } else if (args[i].startsWith(QStringLiteral("--db="))) {
            value = args[i].mid(5);
            args.remove(i);
        } else {
            ++i;
        }
        // An empty --db (often an unset shell variable) must not quietly mean the default database.
        if (value && value->isEmpty()) {
            printError(global, tr("--db needs a database file or address; it was given an empty value"),
                       tr("leave --db out to use $OUTBOUND_DB or the default database"));
            return ExitUsage;
        }
        if (value)
            dbPath = *value;
    }
    while (!args.isEmpty() && args.first().startsWith(u'-')) {
        const QString option = args.takeFirst();
        if (option == u"--help" || option == u"-h") {
            out << overallHelp(Database::resolvePath());
            return ExitOk;
        }
        if (option == u"--version") {
            out << QStringLiteral("outbound-cli ") << QStringLiteral(OUTBOUND_VERSION) << u'\n';
            return ExitOk;
        }
        printError(global, tr("unknown option %1").arg(option), tr("outbound-cli --help lists the commands"));
        return ExitUsage;
    }
    if (args.isEmpty()) {
        err << overallHelp(Database::resolvePath());
        return ExitUsage;
    }
    QString command = args.takeFirst();
    if (command == u"help") {
        if (args.isEmpty()) {
            out << overallHelp(Database::resolvePath());
            return ExitOk;
        }
        // `help queue list` = `queue list --help`
        command = args.takeFirst();
        args.append(QStringLiteral("--help"));
    }
    const QList<const CommandDef*> defs = family(command);
    if (defs.isEmpty()) {
        printError(global, tr("unknown command \"%1\"").arg(command),
                   tr("outbound-cli --help lists the commands"));
        return ExitUsage;
    }
    const CommandDef* def = nullptr;
    QString subcommand;
    if (defs.size() == 1 && !defs.first()->name.contains(u' ')) {
        def = defs.first();
    } else {
        const QStringList names = subcommandNames(defs);
        if (args.isEmpty() || args.first().startsWith(u'-')) {
            const bool help = !args.isEmpty() && (args.first() == u"--help" || args.first() == u"-h");
            if (help) {
                for (const CommandDef* d : defs)
                    out << commandHelp(*d) << u'\n';
                return ExitOk;
            }
            printError(global, tr("%1 needs a subcommand: %2").arg(command, names.join(QStringLiteral(", "))),
                       tr("outbound-cli %1 --help").arg(command));
            return ExitUsage;
        }
        subcommand = args.takeFirst();
        for (const CommandDef* d : defs) {
            if (d->name.section(u' ', 1) == subcommand)
                def = d;
        }
        if (!def) {
            printError(global, tr("unknown %1 subcommand \"%2\"").arg(command, subcommand),
                       tr("use %1").arg(names.join(QStringLiteral(", "))));
            return ExitUsage;
        }
    }

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(def->options);
    const QCommandLineOption helpOption({QStringLiteral("help"), QStringLiteral("h")}, tr("this help"));
    parser.addOption(helpOption);
    // Values such as "-5" or "--name" after `settings set KEY` are values, not options.
    QStringList toParse{QStringLiteral("outbound-cli")};
    if (def->name == u"settings set" && !args.contains(QStringLiteral("--help")))
        toParse << QStringLiteral("--");
    toParse += args;
    if (!parser.parse(toParse)) {
        printError(global, QStringLiteral("%1: %2").arg(def->name, parser.errorText()),
                   tr("outbound-cli %1 --help").arg(def->name));
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        out << commandHelp(*def);
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < def->minArguments ||
        (def->maxArguments >= 0 && positional.size() > def->maxArguments)) {
        printError(
            global,
            def->arguments.isEmpty()
                ? tr("%1 takes no arguments, only options (\"%2\")").arg(def->name, positional.join(u' '))
                : tr("%1 needs %2").arg(def->name, def->arguments),
            tr("outbound-cli %1 --help").arg(def->name));
        return ExitUsage;
    }
    for (const QString& name : def->required) {
        if (!parser.isSet(name)) {
            printError(global, tr("%1 needs --%2").arg(def->name, name),
                       tr("outbound-cli %1 --help").arg(def->name));
            return ExitUsage;
        }
    }

    CliContext ctx{positional,         out, err, Database::resolvePath(dbPath), &parser, subcommand,
                   dbPasswordFromStdin};
    // `db init` and `db migrate` are the only commands that change a server database's tables.
    Database::setMigrationsAllowed(def->name == u"db init" || def->name == u"db migrate");
    if (def->database != CommandDef::Database::None) {
        if (const int opened = openDatabase(ctx, def->database == CommandDef::Database::MustExist);
            opened != ExitOk)
            return opened;
    }
    const int code = def->run(ctx);
    out.flush();
    err.flush();
    // A keychain call that missed its bound still runs on its own thread; tearing Qt down under it
    // could hang or crash the exit, so leave at once.
    if (SecretStore::abandonedKeychainCalls() > 0)
        ::_exit(code);
    return code;
}
