#include "cli/CliContext.h"
#include "common/TerminalText.h"

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

} // namespace outbound::cli
