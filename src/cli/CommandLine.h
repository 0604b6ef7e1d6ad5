#pragma once

#include "cli/CliContext.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

namespace outbound::cli {

// One command (or "command subcommand") of outbound-cli: its options, its arguments and what it
// does. Parsing (QCommandLineParser), `outbound-cli --help` and `outbound-cli COMMAND --help` are all
// generated from this one table, so usage text cannot drift from what is accepted.
struct CommandDef
{
    QString name;      // "queue list"
    QString arguments; // positional synopsis, e.g. "ID..."; empty = none
    QString summary;   // one translated sentence
    QList<QCommandLineOption> options;
    QStringList required; // option names shown without brackets (checked by the command)
    int minArguments = 0;
    int maxArguments = 0; // -1 = any number
    int (*run)(CliContext&) = nullptr;
    // How the database is opened: a command that only looks never creates one ("no such database").
    enum class Database
    {
        None,
        MustExist,
        Create
    } database = Database::Create;
};

const QList<CommandDef>& commandDefinitions();

// "Usage: ..." with every command, generated from the table.
QString overallHelp(const QString& defaultDatabase);
// One command's usage, arguments and options with their descriptions.
QString commandHelp(const CommandDef& def);
// "--to ADDR [--json]" for a command, from its options.
QString synopsis(const CommandDef& def);

} // namespace outbound::cli
