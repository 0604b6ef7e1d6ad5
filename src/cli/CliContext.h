#pragma once

#include "oauth/OAuthTypes.h"
#include "settings/MailSettings.h"

#include <QCommandLineParser>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace outbound::cli {

// Exit codes of SPEC section 4.
enum ExitCode
{
    ExitOk = 0,
    ExitFailed = 1,
    ExitUsage = 2,
    ExitConfig = 3
};

// stdout or stderr with every line passed through sanitizeForTerminal(): server replies,
// subjects, error texts and file names reach the terminal with control characters escaped, whichever
// command prints them.
class TerminalDevice final : public QIODevice
{
public:
    explicit TerminalDevice(int fd) : m_fd(fd) { open(QIODevice::WriteOnly | QIODevice::Unbuffered); }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 size) override;

private:
    int m_fd;
};

// What every command gets: its parsed command line and the streams.
struct CliContext
{
    QStringList args; // positional arguments after the command (and subcommand)
    QTextStream& out;
    QTextStream& err;
    QString dbPath;
    const QCommandLineParser* options = nullptr; // parsed against the command's definition
    QString subcommand;                          // "list" for `queue list`; empty for `worker`
    bool dbPasswordFromStdin = false;            // stdin's first line was the database password

    bool isSet(const QString& name) const { return options && options->isSet(name); }
    QString value(const QString& name) const { return options ? options->value(name) : QString(); }
    QStringList values(const QString& name) const { return options ? options->values(name) : QStringList(); }
};

// One line on stderr, plus an optional hint line.
void printError(CliContext& ctx, const QString& message, const QString& hint = {});
// Opens --db (a file or a server address, the password from --db-password-stdin when given) and
// its settings tables for a command; `mustExist`: a missing database is an error, never created.
// Returns ExitOk, or the exit code after printing why (`missingHint` replaces the hint for a
// database that does not exist).
int openDatabase(CliContext& ctx, bool mustExist, const QString& missingHint = {});

// One line from standard input without its line end. At a terminal it prompts on stderr and
// does not echo what is typed. Empty result with ok=false when stdin cannot be read.
QString readSecretLine(const QString& prompt, bool* ok);

// Commands. Each returns an ExitCode; asynchronous ones run the application's event loop.
int runSettings(CliContext& ctx);
int runTestSend(CliContext& ctx);
int runEnqueue(CliContext& ctx);
int runQueue(CliContext& ctx);
int runWorker(CliContext& ctx);
int runDiagnose(CliContext& ctx);
int runOAuth(CliContext& ctx);  // OAuthCommand.cpp
int runDb(CliContext& ctx);     // DbCommand.cpp
int runItflow(CliContext& ctx); // ItflowCommand.cpp

// OAuthCommand.cpp: `settings set-secret NAME` (stdin), "set"/"not set" for `settings show`, and
// the access token for a command that sends (the event loop runs until it is there).
int runSetSecret(CliContext& ctx, const QStringList& args);
QString secretState(const QString& name);
Result<QString, OAuthError> oauthAccessToken(const MailSettings& settings);
int reportOAuthFailure(CliContext& ctx, const OAuthError& error, const MailSettings& settings);

} // namespace outbound::cli
