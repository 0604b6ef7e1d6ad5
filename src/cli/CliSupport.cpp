#include "cli/CliContext.h"
#include "common/Database.h"
#include "common/DatabaseUrl.h"
#include "common/TerminalText.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QFile>
#include <cerrno>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace outbound::cli {

QString readSecretLine(const QString& prompt, bool* ok)
{
    const bool terminal = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (terminal && tcgetattr(STDIN_FILENO, &saved) == 0) {
        std::fputs(prompt.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QFile in;
    *ok = in.open(stdin, QIODevice::ReadOnly);
    QString line = *ok ? QString::fromUtf8(in.readLine()) : QString();
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
    }
    while (line.endsWith(u'\n') || line.endsWith(u'\r'))
        line.chop(1);
    return line;
}

qint64 TerminalDevice::writeData(const char* data, qint64 size)
{
    // QTextStream hands over whole encoded characters, so each chunk decodes on its own.
    const QStringList pieces = QString::fromUtf8(data, size).split(u'\n');
    QString safe;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (i > 0)
            safe += u'\n';
        safe += sanitizeForTerminal(pieces[i]);
    }
    const QByteArray bytes = safe.toUtf8();
    for (qsizetype done = 0; done < bytes.size();) {
        const auto written =
            ::write(m_fd, bytes.constData() + done, static_cast<size_t>(bytes.size() - done));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        done += written;
    }
    return size;
}

int openDatabase(CliContext& ctx, bool mustExist, const QString& missingHint)
{
    std::optional<QString> stdinPassword;
    if (ctx.dbPasswordFromStdin) {
        // Read before anything else may: the first line of stdin is the database's password.
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            printError(ctx, QCoreApplication::translate(
                                "cli", "--db-password-stdin: standard input cannot be read"));
            return ExitUsage;
        }
        auto line = DatabasePassword::readLine(in);
        if (!line) {
            printError(ctx, line.error().message);
            return ExitUsage;
        }
        stdinPassword = line.value();
    }
    QStringList warnings;
    const auto mode = mustExist ? Database::Open::MustExist : Database::Open::CreateIfMissing;
    if (auto s = Database::initializeUrl(ctx.dbPath, mode, &warnings, stdinPassword); !s) {
        // The file hint fits a file only: a server's own message already says what to run.
        const bool missing = s.error().key == Database::kNoSuchDatabase;
        printError(ctx, s.error().message,
                   !missing                 ? QString()
                   : !missingHint.isEmpty() ? missingHint
                                            : QCoreApplication::translate(
                                                  "cli", "check --db or $OUTBOUND_DB; this command reads an "
                                                         "existing database and creates none"));
        return ExitConfig;
    }
    for (const QString& warning : std::as_const(warnings))
        ctx.err << warning << u'\n';
    if (auto s = SettingsStore::ensureSchema(); !s) {
        printError(ctx, s.error().message);
        return ExitConfig;
    }
    return ExitOk;
}

} // namespace outbound::cli
