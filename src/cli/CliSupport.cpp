#include "cli/CliContext.h"

#include <QFile>
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

} // namespace outbound::cli
