#pragma once

#include "oauth/OAuthTypes.h"
#include "settings/MailSettings.h"

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

// What every command gets: its arguments (after the command name) and the streams.
struct CliContext
{
    QStringList args;
    QTextStream& out;
    QTextStream& err;
    QString dbPath;
};

// One line on stderr, plus an optional hint line.
void printError(CliContext& ctx, const QString& message, const QString& hint = {});

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
int runOAuth(CliContext& ctx); // OAuthCommand.cpp

// OAuthCommand.cpp: `settings set-secret NAME` (stdin), "set"/"not set" for `settings show`, and
// the access token for a command that sends (the event loop runs until it is there).
int runSetSecret(CliContext& ctx, const QStringList& args);
QString secretState(const QString& name);
Result<QString, OAuthError> oauthAccessToken(const MailSettings& settings);
int reportOAuthFailure(CliContext& ctx, const OAuthError& error, const MailSettings& settings);

} // namespace outbound::cli
