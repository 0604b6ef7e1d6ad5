#pragma once

#include "common/Result.h"
#include "queue/QueueTypes.h"
#include "smtp/SmtpTypes.h"

#include <QObject>
#include <functional>
#include <memory>

namespace outbound {

class Clock;

// Drains the queue on its own thread: claims due rows, sends them over reused SmtpSessions (up to
// queue.connections in parallel), honours rate and daily caps, records every outcome.
// The controller lives on the caller's thread and only relays; it never touches SQL or sockets.
class QueueWorker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueWorker)

public:
    enum class State
    {
        Stopped,
        Idle,
        Sending,
        Paused
    };
    Q_ENUM(State)

    struct Options
    {
        bool drain = false;           // stop when nothing is due
        int connections = 0;          // 0 = from settings
        const Clock* clock = nullptr; // nullptr = system clock
        // Tests: a fixed jitter source for the backoff ([0, 1)); empty = random.
        std::function<double()> random;
        // Tests: seconds on the watchdog last this long (SmtpSession::setWatchdogUnit); 0 = real seconds.
        int watchdogUnitMs = 0;
        // How long an idle worker (not drain) waits before it looks for new rows again.
        int pollIntervalMs = 2000;
        // How often the worker looks at the settings revision (SettingsWatcher).
        int settingsPollMs = 1000;
        // How long a claim lasts without a heartbeat (renewed every third of it). After a crash
        // on a shared database, other workers take the rows back once it has run out.
        qint64 leaseMs = 60000;
    };

    explicit QueueWorker(Options options, QObject* parent = nullptr);
    ~QueueWorker() override;

    // Takes the single-worker lock for this database; fails (with a reason) when another worker
    // holds it. On start, rows left in `sending` become `interrupted`.
    Status start();
    void pause();
    void resume();
    void stop(); // finishes in-flight messages, then stopped()
    State state() const;

Q_SIGNALS:
    void stateChanged(outbound::QueueWorker::State state);
    void progress(qint64 sentThisRun, qint64 failedThisRun, qint64 remainingDue);
    void messagesChanged(const QList<qint64>& ids); // rows whose status changed
    void stopped();
    // Why the worker could not run or had to stop (invalid settings, unreadable secret, database
    // error); emitted before stopped(). configuration: the settings are at fault.
    void failed(const QString& reason, bool configuration);
    // Emitted once before stopped() when something failed during the run (a connection or a
    // message): the latest such error, so a caller can say why messages are still waiting.
    void runError(const outbound::SmtpError& error);
    // OAuth: the identity provider refused the refresh token (invalid_grant). The worker stops
    // claiming, hands every unsent message back as it was (no attempt counted) and stops; emitted
    // before failed(reason, true).
    void signInNeeded(const QString& reason);
    // OAuth: the access token was renewed (count = renewals by this worker so far).
    void tokenRefreshed(int count);
    // Settings saved while the worker runs are in effect from now on: every connection opened
    // from here uses them (messages already on a connection finish there). `revision` is the
    // settings revision applied (SettingsStore::revision()).
    void settingsApplied(qint64 revision);
    // Settings saved while the worker runs could not be used (incomplete, or the password could
    // not be read); the worker keeps sending with the previous ones.
    void settingsRejected(qint64 revision, const QString& reason);

private:
    Status startThread();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace outbound
