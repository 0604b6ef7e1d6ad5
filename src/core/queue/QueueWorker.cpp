#include "queue/QueueWorker.h"

#include "common/Clock.h"
#include "common/Database.h"
#include "oauth/TokenProvider.h"
#include "oauth/TokenStore.h"
#include "queue/ClaimScheduler.h"
#include "queue/OutcomeWriter.h"
#include "queue/QueueStore.h"
#include "queue/RetryPolicy.h"
#include "queue/StoreLane.h"
#include "queue/WorkerConnection.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"
#include "settings/SettingsWatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QHostInfo>
#include <QLockFile>
#include <QPointer>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <chrono>
#include <functional>

namespace outbound {

namespace {

// Message bytes read in one query while handing messages to connections (at least one message).
constexpr qint64 kBodyBatchBytes = 1024 * 1024;

// A session's messageDone that only a dying session reports: a message never tried, or a 421.
bool sessionIsEnding(const SendOutcome& outcome)
{
    return !outcome.attempted || (outcome.error && outcome.error->code == 421);
}

AttemptRecord handBackRecord(const ClaimedMessage& c)
{
    AttemptRecord r;
    r.id = c.outgoing.id;
    r.status = c.previousStatus;
    r.attempts = c.attempts;
    r.countsAsAttempt = false;
    r.handBack = true;
    return r;
}

// The thin controller on the worker thread: wires the claim scheduler, the connections and the
// outcome writer together, and owns the settings (and their live changes), OAuth, the heartbeat
// and the run's lifecycle (start, pause, stop, abandon).
class WorkerCore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerCore)

public:
    explicit WorkerCore(QueueWorker::Options options) : m_options(std::move(options)) {}
    ~WorkerCore() override
    {
        abandon();
        // Connections that ended and wait for deleteLater go before the marks their sessions'
        // start gates point at (children would otherwise outlive the members).
        qDeleteAll(findChildren<WorkerConnection*>(Qt::FindDirectChildrenOnly));
    }

    void run();
    void setPaused(bool paused);
    void requestStop();
    void abandon();

Q_SIGNALS:
    void stateChanged(outbound::QueueWorker::State state);
    void progress(qint64 sentThisRun, qint64 failedThisRun, qint64 remainingDue);
    void messagesChanged(const QList<qint64>& ids);
    void failed(const QString& reason, bool configuration);
    void finished();
    void runError(const outbound::SmtpError& error);
    void signInNeeded(const QString& reason);
    void tokenRefreshed(int count);
    void settingsApplied(qint64 revision);
    void settingsRejected(qint64 revision, const QString& reason);

private:
    const Clock& clock() const { return m_options.clock ? *m_options.clock : Clock::system(); }
    struct LoadedSettings
    {
        MailSettings settings;
        SmtpConfig config;
        qint64 revision = 0;
    };
    // Reads, validates and completes (password) the saved settings; a failure says why.
    Result<LoadedSettings> loadSettings(bool* signInNeeded = nullptr);
    void adopt(const LoadedSettings& loaded);
    int connectionsWanted() const
    {
        return std::max(1, m_options.connections > 0 ? m_options.connections : m_settings.queue.connections);
    }
    void onSettingsChanged(qint64 revision);
    void fail(const QString& reason, bool configuration);
    void pump();
    bool handOut();
    void schedulePump();
    void takeBackUnstarted(WorkerConnection* connection);
    void handBackBacklog();
    void purgeOldSent();
    bool flush(int claimLimit);
    void applyWritten(OutcomeWriter::Written done);
    void openLane();
    std::unique_ptr<StoreLane> startLane();
    void giveUpOnStore(const QString& reason);
    void scheduleFlush();
    void openConnection();
    void onMessageDone(WorkerConnection* connection, const SendOutcome& outcome,
                       const ClaimedMessage& claimed, const QString& transcript);
    void onConnectionGone(WorkerConnection* connection, const std::optional<SmtpError>& error);
    void returnBacklog(const std::optional<SmtpError>& error, const QDateTime& nextAttemptAt);
    void record(const AttemptRecord& r);
    void wakeAfter(qint64 ms);
    int inFlightCount() const;
    int openConnections() const;
    void updateState();
    void emitProgress(bool force);
    void finishIfDone();
    bool usesOAuth() const { return m_tokens != nullptr && m_settings.auth == AuthMethod::OAuth2; }
    bool tokenReadyForNewSession();
    void requestToken(bool force);
    void enterSignInNeeded(const QString& reason);
    WorkerInfo workerInfo() const;
    bool refreshHeldCopy(const ClaimedMessage& claimed);
    void beat();
    void closeStore();
    void closeLanes();
    qint64 leaseMs() const { return std::max<qint64>(1000, m_options.leaseMs); }

    QueueWorker::Options m_options;
    MailSettings m_settings;
    SmtpConfig m_config;
    qint64 m_settingsRevision = 0;
    SettingsWatcher* m_watcher = nullptr;
    std::unique_ptr<QueueStore> m_store;
    std::unique_ptr<HandOverMarks> m_marks;
    std::unique_ptr<ClaimScheduler> m_scheduler;
    OutcomeWriter* m_writer = nullptr;
    std::unique_ptr<StoreLane> m_lane;     // a database server: the writer's transactions run there
    std::unique_ptr<StoreLane> m_markLane; // and the hand-over marks, apart from those
    bool m_lookedAgain = false;            // lane: the last look for due rows found none, nothing sent since
    QList<WorkerConnection*> m_connections;
    QList<ClaimedMessage> m_backlog; // claimed (sending in the database), not yet on a connection
    QList<qint64> m_changed;
    QTimer* m_wakeTimer = nullptr;
    bool m_paused = false;
    bool m_stopping = false;
    bool m_finished = false;
    bool m_pumpQueued = false;
    std::optional<SmtpError> m_lastError; // the latest failure of this run, reported at the end
    QDateTime m_lastPurge;
    qint64 m_sent = 0;
    qint64 m_failed = 0;
    qint64 m_remainingDue = 0;
    QElapsedTimer m_sinceDueCount;
    QElapsedTimer m_sinceProgress;
    QueueWorker::State m_state = QueueWorker::State::Stopped;
    TokenProvider* m_tokens = nullptr; // OAuth only
    bool m_tokenRequested = false;
    bool m_forcedRefreshUsed = false; // one forced refresh and retry per refused token
    bool m_signInNeeded = false;
    // Many workers, one database: this run's identity and its lease heartbeat.
    QString m_workerId;
    QTimer* m_heartbeatTimer = nullptr;
};

void WorkerCore::closeStore()
{
    closeLanes();
    if (m_marks)
        m_marks->detach();
    if (m_writer) {
        // May run inside the writer's own signal: it goes once that has returned.
        m_writer->discard();
        m_writer->deleteLater();
        m_writer = nullptr;
    }
    m_store.reset();
}

// Before anything that must see the lanes' work done (signing off, the last write, recovery): a
// write still out lands (its outcomes wait again if it failed), and marks still waiting are written.
void WorkerCore::closeLanes()
{
    if (m_marks)
        m_marks->useLane(nullptr);
    if (m_writer)
        m_writer->detachLane();
    m_markLane.reset();
    m_lane.reset();
}

void WorkerCore::fail(const QString& reason, bool configuration)
{
    Q_EMIT failed(reason, configuration);
    m_stopping = true;
    closeLanes();
    if (m_store && !m_workerId.isEmpty())
        (void)m_store->unregisterWorker(workerInfo());
    closeStore();
    m_finished = true;
    Database::closeThreadConnection();
    Q_EMIT finished();
}

Result<WorkerCore::LoadedSettings> WorkerCore::loadSettings(bool* signInNeeded)
{
    auto snapshot = SettingsStore::loadSnapshot();
    if (!snapshot)
        return snapshot.error();
    LoadedSettings loaded;
    loaded.settings = snapshot->settings;
    loaded.revision = snapshot->revision;
    const QList<ValidationIssue> issues = validate(loaded.settings, true);
    if (!issues.isEmpty()) {
        QStringList reasons;
        for (const ValidationIssue& issue : issues)
            reasons.append(settingName(issue.key) + QStringLiteral(": ") + issue.message);
        return Failure{QueueWorker::tr("The mail settings are not complete: %1")
                           .arg(reasons.join(QStringLiteral("; ")))};
    }
    QString secret;
    if (loaded.settings.auth == AuthMethod::OAuth2) {
        // The token comes from the signed-in account, renewed on this thread as it nears expiry.
        auto snap = TokenStore::load();
        if (!snap)
            return Failure{QueueWorker::tr("Cannot read the OAuth sign-in: %1").arg(snap.error().message)};
        if (snap->signInNeeded || snap->tokens.isEmpty()) {
            if (signInNeeded)
                *signInNeeded = true;
            return Failure{
                snap->signInNeeded
                    ? QueueWorker::tr("Sign-in needed: the provider refused the saved sign-in (%1).")
                          .arg(snap->signInReason)
                    : QueueWorker::tr("Sign-in needed: no account is signed in for OAuth.")};
        }
    } else if (loaded.settings.auth != AuthMethod::None && !loaded.settings.username.trimmed().isEmpty()) {
        auto password = SecretStore::readPassword();
        if (!password)
            return Failure{
                QueueWorker::tr("Cannot read the SMTP password: %1").arg(password.error().message)};
        secret = password.value();
    }
    loaded.config = loaded.settings.toSmtpConfig(secret);
    return loaded;
}

void WorkerCore::adopt(const LoadedSettings& loaded)
{
    m_settings = loaded.settings;
    m_config = loaded.config;
    m_settingsRevision = loaded.revision;
    // One token provider for the worker's life: it keeps the token set's renewal in one place.
    // Switching between OAuth and a password takes effect for the next connection either way.
    if (m_settings.auth == AuthMethod::OAuth2 && m_tokens == nullptr)
        m_tokens = new TokenProvider(m_settings, this);
}

void WorkerCore::run()
{
    if (!Database::connection().isOpen()) {
        fail(QueueWorker::tr("Cannot open the queue database %1.").arg(Database::path()), false);
        return;
    }
    bool signInNeeded = false;
    auto loaded = loadSettings(&signInNeeded);
    if (!loaded) {
        if (signInNeeded)
            Q_EMIT this->signInNeeded(loaded.error().message);
        fail(loaded.error().message, true);
        return;
    }
    adopt(loaded.value());
    if (!Database::isServer()) {
        // Two small commits per message (the hand-over mark, then the outcome in a batch) each
        // add WAL pages; SQLite's default checkpoint every 1,000 pages then ran every ~300
        // messages, copying the same pages again with two fsyncs each time. Every 8,000 pages
        // (at most about 32 MB of WAL beside the database) copies each page once per round.
        QSqlQuery(Database::connection()).exec(QStringLiteral("PRAGMA wal_autocheckpoint=8000"));
    }
    m_store = openQueueStore(m_settings, &clock());
    m_workerId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_store->setClaimant(m_workerId, leaseMs());
    // SQLite: this process holds the one-worker lock, so every `sending` row is a dead run's. A
    // shared database: only rows whose lease expired (the others belong to running workers).
    auto recovered = m_store->recoverAbandoned(!Database::isServer());
    if (!recovered) {
        fail(recovered.error().message, false);
        return;
    }
    if (!recovered->all().isEmpty())
        Q_EMIT messagesChanged(recovered->all());
    if (auto s = m_store->registerWorker(workerInfo()); !s) {
        fail(s.error().message, false);
        return;
    }
    m_marks = std::make_unique<HandOverMarks>(*m_store);
    m_writer = new OutcomeWriter(*m_store, Database::isServer(), this);
    connect(m_writer, &OutcomeWriter::writeDue, this, [this] {
        flush(0);
        pump();
    });
    openLane();
    m_heartbeatTimer = new QTimer(this);
    connect(m_heartbeatTimer, &QTimer::timeout, this, &WorkerCore::beat);
    m_heartbeatTimer->start(static_cast<int>(std::max<qint64>(100, leaseMs() / 3)));
    purgeOldSent();
    m_scheduler =
        std::make_unique<ClaimScheduler>(m_settings.queue, connectionsWanted(), clock(), m_options.random);
    m_watcher = new SettingsWatcher(std::chrono::milliseconds(std::max(10, m_options.settingsPollMs)), this);
    connect(m_watcher, &SettingsWatcher::changed, this, &WorkerCore::onSettingsChanged);
    m_watcher->start(m_settingsRevision);

    m_wakeTimer = new QTimer(this);
    m_wakeTimer->setSingleShot(true);
    connect(m_wakeTimer, &QTimer::timeout, this, [this] {
        m_scheduler->setNoMoreDue(false);
        m_lookedAgain = false;
        pump();
    });
    m_sinceProgress.start();
    updateState();
    pump();
}

// Saved settings changed: the next connection uses them. A connection already open finishes
// the messages it has started and then closes (QUIT); those it holds but has not started go back
// to the queue and leave again on a connection with the new settings.
void WorkerCore::onSettingsChanged(qint64 revision)
{
    if (m_finished || !m_store)
        return;
    auto loaded = loadSettings();
    if (!loaded) {
        qWarning("outbound worker: saved settings not applied: %s", qUtf8Printable(loaded.error().message));
        Q_EMIT settingsRejected(revision, loaded.error().message);
        return;
    }
    adopt(loaded.value());
    // A pause after failed connections was about the old settings; try the new ones at once.
    m_scheduler->reconfigure(m_settings.queue, connectionsWanted());
    const QList<WorkerConnection*> connections = m_connections; // close() may end one at once
    for (WorkerConnection* c : connections) {
        if (!m_connections.contains(c) || c->isClosing())
            continue;
        takeBackUnstarted(c);
        c->close();
    }
    // Rows that wait only because connections with the old settings failed may go now.
    if (auto woken = m_store->wakeQueued(); woken && !woken->isEmpty())
        m_changed.append(woken.value());
    m_scheduler->setNoMoreDue(false);
    Q_EMIT settingsApplied(m_settingsRevision);
    scheduleFlush();
    schedulePump();
}

int WorkerCore::inFlightCount() const
{
    int n = 0;
    for (const WorkerConnection* c : m_connections)
        n += static_cast<int>(c->count());
    return n;
}

int WorkerCore::openConnections() const
{
    int n = 0;
    for (const WorkerConnection* c : m_connections)
        n += c->isClosing() ? 0 : 1;
    return n;
}

void WorkerCore::wakeAfter(qint64 ms)
{
    ms = std::clamp<qint64>(ms, 0, 24LL * 3600 * 1000);
    if (!m_wakeTimer->isActive() || m_wakeTimer->remainingTime() > ms)
        m_wakeTimer->start(static_cast<int>(ms));
}

void WorkerCore::scheduleFlush()
{
    if (!m_writer)
        return;
    if (m_writer->full())
        flush(0);
    else
        m_writer->schedule();
}

// On a database server the writer's transactions go to a StoreLane, and the hand-over marks to
// another, so the connections keep talking SMTP while a batch of outcomes and the next claim are
// written or a message waits for its mark (each a round trip to the server, and a mark must not
// wait behind a batch; a worker started with one connection writes its marks here). With
// OUTBOUND_STORE_LANE=0 everything is written on this thread, with OUTBOUND_MARK_LANE=0 the marks
// (to measure one against the other).
void WorkerCore::openLane()
{
    if (!Database::isServer() || qEnvironmentVariable("OUTBOUND_STORE_LANE") == u"0")
        return;
    // With one connection nothing else could go on while it waits for its mark: there the lane's
    // two hand-overs per message only add to each message's time.
    if (connectionsWanted() > 1 && qEnvironmentVariable("OUTBOUND_MARK_LANE") != u"0") {
        m_markLane = startLane();
        if (m_markLane)
            m_marks->useLane(m_markLane.get());
    }
    m_lane = startLane();
    if (!m_lane)
        return;
    m_writer->useLane(m_lane.get());
    connect(m_writer, &OutcomeWriter::written, this, [this](const OutcomeWriter::Written& done) {
        applyWritten(done);
        // Outcomes that came in meanwhile: their group delay may have passed while the lane was
        // busy (that flush did nothing), and pump() writes only when it claims.
        if (!m_writer->isEmpty())
            scheduleFlush();
        pump();
    });
}

// A lane with its connection open; none when it cannot connect (writing on this thread works as
// well, only slower).
std::unique_ptr<StoreLane> WorkerCore::startLane()
{
    auto lane = std::make_unique<StoreLane>(m_settings, &clock(), m_workerId, leaseMs());
    if (auto s = lane->open(*m_store); !s) {
        qWarning("outbound worker: %s", qUtf8Printable(s.error().message));
        return nullptr;
    }
    return lane;
}

// Commits pending outcomes and claims up to claimLimit due rows in the same transaction. With a
// lane the write only starts here, and applyWritten() runs (then pump()) when it is done.
bool WorkerCore::flush(int claimLimit)
{
    if (!m_store || !m_writer || m_writer->busy() || (m_writer->isEmpty() && claimLimit <= 0))
        return true;
    if (m_writer->hasLane()) {
        // Accepted rows in this batch stay in the marks' list: if the write never commits (a crash,
        // a worker stopped past its lease), the next mark has still made them "accepted", so they
        // are not counted as possibly on the wire.
        m_writer->writeOnLane(claimLimit);
        return true;
    }
    auto written = m_writer->write(claimLimit);
    if (!written) {
        // The writer keeps the outcomes and tries again; a run that could not record its
        // outcomes on SQLite after a few tries has failed.
        if (m_writer->exhausted())
            giveUpOnStore(written.error().message);
        return false;
    }
    applyWritten(std::move(written).value());
    return true;
}

void WorkerCore::applyWritten(OutcomeWriter::Written done)
{
    for (const qint64 id : std::as_const(done.recorded)) {
        m_changed.append(id);
        m_marks->recorded(id);
    }
    const qsizetype claimedCount = done.claimed.size();
    for (ClaimedMessage& c : done.claimed) {
        m_changed.append(c.outgoing.id);
        if (refreshHeldCopy(c))
            continue;
        m_backlog.append(std::move(c));
    }
    if (claimedCount > 0)
        m_lookedAgain = false;
    if (done.claimLimit > 0 && claimedCount < done.claimLimit)
        m_scheduler->setNoMoreDue(true);
    if (!m_changed.isEmpty()) {
        Q_EMIT messagesChanged(m_changed);
        m_changed.clear();
    }
    emitProgress(false);
}

// The database cannot be written: stop at once. Messages whose outcome was not recorded stay
// `sending` in the database, so the next start turns them into `interrupted` (never re-sent
// silently); untouched rows are still queued.
void WorkerCore::giveUpOnStore(const QString& reason)
{
    const qsizetype unrecorded = (m_writer ? m_writer->size() : 0) + inFlightCount() + m_backlog.size();
    for (WorkerConnection* c : std::as_const(m_connections)) {
        // The connections must not report anything more; they go with this object.
        c->detach();
        c->cancel();
        c->deleteLater();
    }
    m_connections.clear();
    m_backlog.clear();
    if (m_writer)
        m_writer->discard();
    if (m_wakeTimer)
        m_wakeTimer->stop();
    fail(QueueWorker::tr("Cannot write to the queue database: %1 (%n message(s) without a recorded outcome; "
                         "the next start marks those that may have been sent as interrupted)",
                         nullptr, static_cast<int>(unrecorded))
             .arg(reason),
         false);
}

void WorkerCore::emitProgress(bool force)
{
    if (!m_store)
        return;
    if (!m_sinceDueCount.isValid() || m_sinceDueCount.elapsed() > 500 || force) {
        if (auto due = m_store->dueCount())
            m_remainingDue = due.value() + m_backlog.size() + inFlightCount();
        m_sinceDueCount.start();
    }
    if (force || m_sinceProgress.elapsed() >= 100) {
        Q_EMIT progress(m_sent, m_failed, m_remainingDue);
        m_sinceProgress.start();
    }
}

void WorkerCore::openConnection()
{
    auto* c = new WorkerConnection(m_config, *m_marks, m_options.watchdogUnitMs,
                                   m_tokens ? m_tokens->tokenExpiresAt() : QDateTime(), this);
    connect(c, &WorkerConnection::ready, this, [this] {
        m_scheduler->connectionWorked();
        m_forcedRefreshUsed = false;
    });
    connect(c, &WorkerConnection::messageDone, this, &WorkerCore::onMessageDone);
    connect(c, &WorkerConnection::gone, this, &WorkerCore::onConnectionGone);
    m_connections.append(c);
    c->open();
}

void WorkerCore::record(const AttemptRecord& r)
{
    if (!m_writer)
        return;
    m_writer->add(r);
    if (r.status == MessageStatus::Sent)
        ++m_sent;
    else if (r.status == MessageStatus::Failed)
        ++m_failed;
}

void WorkerCore::onMessageDone(WorkerConnection* connection, const SendOutcome& outcome,
                               const ClaimedMessage& claimed, const QString& transcript)
{
    if (outcome.withdrawn) {
        // Taken by another worker after this one's lease ran out: not ours to send or record.
        // Otherwise the hand-over could not be recorded (database unreachable): back to the queue.
        if (!m_marks->takeLeaseLost(outcome.id))
            record(handBackRecord(claimed));
        scheduleFlush();
        schedulePump();
        return;
    }
    if (outcome.accepted)
        m_marks->accepted(outcome.id);
    m_lookedAgain = false; // rows may have become due while this one was sent
    if (m_stopping && !outcome.attempted) {
        // Given back by a session cancelled for the stop: it returns exactly as it was.
        connection->retire();
        record(handBackRecord(claimed));
        scheduleFlush();
        schedulePump();
        return;
    }
    if (outcome.accepted)
        m_scheduler->connectionWorked();
    if (usesOAuth() && !outcome.attempted && outcome.error && outcome.error->tokenRejected &&
        !m_forcedRefreshUsed) {
        // The token was refused before this message was tried: it goes back as it was while the
        // token is renewed once (onConnectionGone), with no attempt and no pause.
        connection->retire();
        record(handBackRecord(claimed));
        scheduleFlush();
        schedulePump();
        return;
    }

    const QDateTime attemptedAt = clock().now(); // before the decision: next - last >= backoff
    const RetryPolicy::Decision d =
        m_scheduler->policy().decide(outcome, claimed.attempts, claimed.roundAttempts,
                                     connection->isReady() ? 0 : m_scheduler->connectionFailures() + 1);
    AttemptRecord r;
    r.id = outcome.id;
    r.status = d.status;
    r.attempts = d.attempts;
    r.countsAsAttempt = d.countsAsAttempt;
    r.attemptedAt = attemptedAt;
    r.nextAttemptAt = d.nextAttemptAt;
    r.error = outcome.accepted ? std::nullopt : outcome.error;
    if (outcome.accepted && !outcome.refusedRecipients.isEmpty())
        r.error = partialDeliveryError(outcome); // the row says who was refused and why
    r.acceptanceLine = outcome.acceptanceLine;
    r.refusedRecipients = outcome.refusedRecipients;
    if (r.status != MessageStatus::Sent)
        r.acceptedRecipients = outcome.acceptedRecipients; // the next attempt skips them
    r.transcript = transcript;
    if (r.error)
        m_lastError = r.error;
    // The session is reporting from inside its own failure: never hand it anything again.
    if (sessionIsEnding(outcome))
        connection->retire();
    record(r);
    scheduleFlush();
    schedulePump();
}

// pump() runs from the event loop, never inside a session's signal: a session that is failing
// is still reporting its messages then, and must not be handed new ones from within.
void WorkerCore::schedulePump()
{
    if (m_pumpQueued)
        return;
    m_pumpQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_pumpQueued = false;
            pump();
        },
        Qt::QueuedConnection);
}

// Takes back what the connection has not started; those rows return as they were (no attempt).
void WorkerCore::takeBackUnstarted(WorkerConnection* connection)
{
    const QList<ClaimedMessage> taken = connection->takeUnstarted();
    for (const ClaimedMessage& c : taken)
        record(handBackRecord(c));
}

// Rows claimed but not yet handed to a connection return as they were: status, error, attempts.
void WorkerCore::handBackBacklog()
{
    for (const ClaimedMessage& c : std::as_const(m_backlog))
        record(handBackRecord(c));
    m_backlog.clear();
}

// Sent messages older than queue.keep_sent_days go: at start, then at most once a day.
void WorkerCore::purgeOldSent()
{
    const QDateTime now = clock().now();
    if (m_lastPurge.isValid() && m_lastPurge.secsTo(now) < 24 * 3600)
        return;
    m_lastPurge = now;
    auto purged = m_store->purgeSent(m_settings.queue.keepSentDays);
    if (!purged)
        qWarning("outbound worker: %s", qUtf8Printable(purged.error().message));
}

// The controller is going away without waiting for a graceful stop. Every message no session
// has started goes back as it was; only the one whose data may be on the wire becomes
// `interrupted`, because it may or may not have been delivered.
void WorkerCore::abandon()
{
    if (m_finished)
        return;
    m_finished = true;
    m_stopping = true;
    const QList<WorkerConnection*> connections = m_connections;
    m_connections.clear();
    for (WorkerConnection* c : connections) {
        c->detach();
        takeBackUnstarted(c);
        const bool ready = c->isReady();
        const QList<WorkerConnection::InFlight> open = c->takeAll();
        for (int i = 0; i < open.size(); ++i) {
            // Replies come in order, so only the oldest open message can have its data out.
            if (i == 0 && ready)
                continue; // stays `sending`: recoverInterrupted() below marks it
            record(handBackRecord(open.at(i).claimed));
        }
        delete c;
    }
    handBackBacklog();
    closeLanes();
    if (m_store) {
        if (m_writer) {
            if (auto done = m_writer->writeFinal(); !done)
                qWarning("outbound worker: %s", qUtf8Printable(done.error().message));
        }
        if (auto interrupted = m_store->recoverInterrupted(); !interrupted)
            qWarning("outbound worker: %s", qUtf8Printable(interrupted.error().message));
        closeStore();
    }
    Database::closeThreadConnection();
}

void WorkerCore::onConnectionGone(WorkerConnection* connection, const std::optional<SmtpError>& error)
{
    if (!m_connections.removeOne(connection))
        return;
    // The engine reports every open message before failed(); anything it did not is in an unknown
    // state, which is exactly what `interrupted` means.
    const QList<WorkerConnection::InFlight> open = connection->takeAll();
    for (const WorkerConnection::InFlight& f : open) {
        AttemptRecord r;
        r.id = f.claimed.outgoing.id;
        r.status = MessageStatus::Interrupted;
        r.attempts = f.claimed.attempts + 1;
        r.attemptedAt = clock().now();
        r.error = error;
        r.transcript = f.transcript;
        record(r);
    }
    const bool wasReady = connection->isReady();
    const bool retryWithNewToken =
        usesOAuth() && error && !wasReady && error->tokenRejected && !m_forcedRefreshUsed && !m_stopping;
    if (error && !(m_stopping && error->kind == SmtpErrorKind::Cancelled) && !retryWithNewToken)
        m_lastError = error;
    if (retryWithNewToken) {
        // 535 5.7.3 / 5.7.8 or a JSON challenge: renew the token once (even if it looked fresh)
        // and connect again at once; a second refusal counts as a normal connection failure.
        m_forcedRefreshUsed = true;
        requestToken(true);
    } else if (error && !wasReady) {
        // Never got as far as sending: pause before the next connection, longer each time.
        m_scheduler->connectionFailed();
    } else if (error) {
        m_scheduler->connectionLostAfterWorking();
    }
    connection->detach();
    connection->deleteLater();
    if (error && m_connections.isEmpty() && !m_backlog.isEmpty() && m_scheduler->reconnectAt().isValid())
        returnBacklog(error, m_scheduler->reconnectAt());
    scheduleFlush();
    schedulePump();
}

// Hands claimed-but-unsent rows back to the queue (attempts unchanged).
void WorkerCore::returnBacklog(const std::optional<SmtpError>& error, const QDateTime& nextAttemptAt)
{
    for (const ClaimedMessage& c : std::as_const(m_backlog)) {
        AttemptRecord r;
        r.id = c.outgoing.id;
        r.status = MessageStatus::Queued;
        r.attempts = c.attempts;
        r.countsAsAttempt = false;
        r.nextAttemptAt = nextAttemptAt;
        r.error = error;
        record(r);
    }
    m_backlog.clear();
}

void WorkerCore::pump()
{
    if (m_finished || !m_store)
        return;
    if (m_stopping || m_paused) {
        const QList<WorkerConnection*> connections = m_connections; // close() may end one at once
        for (WorkerConnection* c : connections) {
            if (!c->isClosing())
                takeBackUnstarted(c);
        }
        handBackBacklog();
        if (!m_writer->isEmpty())
            flush(0);
        for (WorkerConnection* c : connections) {
            if (!m_connections.contains(c) || c->isClosing())
                continue;
            if (m_stopping && !c->isReady()) {
                // Still connecting: nothing of it has started, so give everything back now
                // instead of sending it all once the server greets.
                c->cancel();
            } else if (m_stopping || c->isEmpty()) {
                c->close();
            }
        }
        updateState();
        finishIfDone();
        return;
    }

    purgeOldSent();
    const QDateTime now = clock().now();
    const bool mayConnect = m_scheduler->mayConnect();
    const int window = m_scheduler->windowPerConnection();
    const int possible = mayConnect ? m_scheduler->connections() : openConnections();
    const int capacity = possible * window - inFlightCount();
    const int want = m_scheduler->claimWanted(capacity, m_backlog.size(), [this, &now] {
        auto sent = m_store->sentSince(now.addDays(-1));
        return sent ? sent.value() : qint64(0);
    });
    bool claimed = false;
    if (!m_writer->busy() &&
        m_scheduler->worthClaiming(want, possible, inFlightCount() == 0 && m_backlog.isEmpty()) &&
        !m_scheduler->noMoreDue()) {
        flush(want);
        if (m_finished)
            return;
        claimed = true;
    }

    if (!handOut() || m_finished)
        return;

    if (inFlightCount() == 0 && m_backlog.isEmpty()) {
        if (m_writer->busy()) {
            updateState(); // the lane's result may bring rows; it pumps again
            return;
        }
        const qint64 rateWait = m_scheduler->msUntilRateSlot();
        if (rateWait > 0 && mayConnect) {
            auto due = m_store->dueCount();
            if (due && due.value() > 0) {
                wakeAfter(rateWait); // due rows wait for the provider throttle
                updateState();
                return;
            }
        }
        // Look once more before calling it done: rows may have become due while others were sent.
        if (!claimed && mayConnect && !m_scheduler->dailyCapReached() && want > 0 &&
            !(m_writer->hasLane() && m_lookedAgain)) {
            m_scheduler->setNoMoreDue(false);
            if (m_options.drain)
                m_store->lookEverywhereNext(); // this look decides that the drain is done
            flush(want);
            if (m_finished)
                return;
            if (m_writer->busy()) {
                m_lookedAgain = true;
                updateState();
                return;
            }
            if (!m_backlog.isEmpty()) {
                schedulePump();
                return;
            }
        }
        // Nothing to do now: close idle connections, then wait for the next due row.
        for (WorkerConnection* c : std::as_const(m_connections)) {
            if (!c->isClosing())
                c->close();
        }
        if (m_options.drain) {
            // "Nothing is due" is only known when the last look at the queue worked.
            if (m_writer->failures() > 0) {
                giveUpOnStore(m_writer->lastFailure());
                return;
            }
            m_stopping = true;
            flush(0);
            finishIfDone();
            return;
        }
        auto next = m_store->nextDueAt();
        wakeAfter(m_scheduler->idleWaitMs(m_options.pollIntervalMs, next ? next.value() : QDateTime()));
    } else if (m_scheduler->noMoreDue() && !m_wakeTimer->isActive()) {
        wakeAfter(m_options.pollIntervalMs);
    }
    updateState();
    emitProgress(false);
}

// Hands claimed rows to connections: the least busy one first, opening connections as needed, as
// the rate allows; reads the bytes of the next few messages in one query. False when pump() must
// stop here (the bytes could not be read).
bool WorkerCore::handOut()
{
    const int window = m_scheduler->windowPerConnection();
    const bool mayConnect = m_scheduler->mayConnect();
    int open = openConnections();
    QHash<qint64, QByteArray> bodies; // read for the messages handed over next
    while (!m_backlog.isEmpty()) {
        std::function<int(int)> shared;
        if (Database::isServer()) {
            shared = [this](int wanted) {
                auto granted = m_store->takeSendSlots(wanted, m_settings.queue.ratePerMinute);
                return granted ? granted.value() : 0;
            };
        }
        if (const auto wait = m_scheduler->takeSendSlot(static_cast<int>(m_backlog.size()), shared)) {
            wakeAfter(*wait);
            break;
        }
        const qint64 nextSize = m_backlog.first().size;
        WorkerConnection* best = nullptr;
        for (WorkerConnection* c : std::as_const(m_connections)) {
            if (usesOAuth() && !c->isClosing() && c->tokenExpiresAt().isValid() &&
                QDateTime::currentDateTimeUtc() >= c->tokenExpiresAt()) {
                // Never use a session past its token's lifetime (some servers check it per
                // transaction): let it finish what it holds and sign in anew on another.
                c->close();
                --open;
                continue;
            }
            if (c->hasRoomFor(nextSize, window) && (!best || c->count() < best->count()))
                best = c;
        }
        if ((!best || !best->isEmpty()) && open < m_scheduler->connections() && mayConnect &&
            tokenReadyForNewSession()) {
            openConnection();
            ++open;
            best = m_connections.last();
        }
        if (!best)
            break;
        const qint64 id = m_backlog.first().outgoing.id;
        if (!bodies.contains(id)) {
            // The bytes are read as the messages are handed over: those of the next few in one
            // query (up to kBodyBatchBytes, always at least one message), no more than the
            // connections have room for, and they leave with their messages in this pass.
            int room = (m_scheduler->connections() - open) * window;
            for (const WorkerConnection* c : std::as_const(m_connections))
                room += c->isClosing() ? 0 : std::max<int>(0, window - static_cast<int>(c->count()));
            QList<qint64> ids;
            qint64 bytes = 0;
            for (const ClaimedMessage& next : std::as_const(m_backlog)) {
                if (!ids.isEmpty() && (ids.size() >= room || bytes + next.size > kBodyBatchBytes))
                    break;
                ids.append(next.outgoing.id);
                bytes += next.size;
            }
            auto read = m_store->messageBodies(ids);
            if (!read) {
                if (Database::isServer()) {
                    // The database server restarts or the network drops: the rows stay claimed
                    // (the heartbeat renews them once the server answers) and go when their bytes
                    // can be read.
                    qWarning("outbound worker: %s", qUtf8Printable(read.error().message));
                    wakeAfter(1000);
                    return false;
                }
                giveUpOnStore(read.error().message);
                return false;
            }
            bodies = std::move(read).value();
        }
        ClaimedMessage c = m_backlog.takeFirst();
        QByteArray body = bodies.take(id);
        if (body.isEmpty()) {
            record(handBackRecord(c)); // deleted since the claim: nothing to send, nothing to keep
            continue;
        }
        best->send(std::move(c), std::move(body));
    }
    return true;
}

// OAuth: a new session may open only with a token that stays valid a while; otherwise one is
// requested (asynchronously) and pump() runs again when it arrives.
bool WorkerCore::tokenReadyForNewSession()
{
    if (!usesOAuth())
        return true;
    if (m_tokens->hasFreshToken() && !m_tokenRequested) {
        return true;
    }
    requestToken(false);
    return false;
}

void WorkerCore::requestToken(bool force)
{
    if (m_tokenRequested && !force)
        return;
    m_tokenRequested = true;
    const int before = m_tokens->refreshCount();
    m_tokens->requestToken(force, [this, before](const Result<QString, OAuthError>& token) {
        m_tokenRequested = false;
        if (m_finished)
            return;
        if (!token) {
            const OAuthError& e = token.error();
            if (e.needsSignIn()) {
                enterSignInNeeded(
                    QueueWorker::tr("Sign-in needed: the provider refused the saved sign-in (%1).")
                        .arg(e.summary()));
                return;
            }
            // Anything else (provider unreachable, a server error): keep the messages queued and
            // try again after the connection backoff, as for a server that does not answer.
            m_scheduler->connectionFailed();
            SmtpError err;
            err.kind = SmtpErrorKind::InvalidInput;
            err.phase = SmtpPhase::Auth;
            err.transient = true;
            err.detail = QueueWorker::tr("could not renew the OAuth access token: %1").arg(e.summary());
            m_lastError = err;
            returnBacklog(err, m_scheduler->reconnectAt());
            scheduleFlush();
            wakeAfter(clock().now().msecsTo(m_scheduler->reconnectAt()));
            return;
        }
        m_config.secret = token.value();
        if (m_tokens->refreshCount() != before)
            Q_EMIT tokenRefreshed(m_tokens->refreshCount());
        schedulePump();
    });
}

void WorkerCore::enterSignInNeeded(const QString& reason)
{
    if (m_signInNeeded)
        return;
    m_signInNeeded = true;
    Q_EMIT signInNeeded(reason);
    Q_EMIT failed(reason, true);
    // Stop claiming; what is claimed but unsent goes back exactly as it was (pump does that).
    m_stopping = true;
    pump();
}

void WorkerCore::finishIfDone()
{
    if (m_finished || !m_connections.isEmpty() || !m_backlog.isEmpty())
        return;
    if (!m_stopping)
        return;
    if (m_writer->busy())
        return; // its result pumps again
    if (!m_writer->isEmpty() && (!flush(0) || m_writer->busy()))
        return; // the writer tries again, or its result pumps again
    if (m_finished)
        return;
    emitProgress(true);
    if (m_lastError)
        Q_EMIT runError(*m_lastError);
    m_finished = true;
    m_wakeTimer->stop();
    if (m_heartbeatTimer)
        m_heartbeatTimer->stop();
    (void)m_store->unregisterWorker(workerInfo());
    closeStore();
    Database::closeThreadConnection();
    Q_EMIT finished();
}

WorkerInfo WorkerCore::workerInfo() const
{
    WorkerInfo info;
    info.id = m_workerId;
    info.host = QSysInfo::machineHostName();
    info.pid = QCoreApplication::applicationPid();
    info.startedAt = clock().now();
    switch (m_state) {
    case QueueWorker::State::Sending:
        info.state = QStringLiteral("sending");
        break;
    case QueueWorker::State::Paused:
        info.state = QStringLiteral("paused");
        break;
    default:
        info.state = QStringLiteral("idle");
        break;
    }
    if (m_stopping)
        info.state = QStringLiteral("stopping");
    info.sent = m_sent;
    info.failed = m_failed;
    info.connections = connectionsWanted();
    info.settingsRevision = m_settingsRevision;
    info.leaseMs = leaseMs();
    return info;
}

// A row claimed again while this worker still holds an unstarted copy of it from an earlier claim:
// its lease ran out during a pause (SIGSTOP, a suspended machine), the row went back to the queue
// and this worker took it again. The database sees one claim, and the fence (the worker id) lets
// both copies through, so two copies would send the message twice: keep the one held already,
// with the counters of the new claim. True when such a copy was found.
bool WorkerCore::refreshHeldCopy(const ClaimedMessage& claimed)
{
    const qint64 id = claimed.outgoing.id;
    for (ClaimedMessage& held : m_backlog) {
        if (held.outgoing.id == id) {
            held = claimed;
            return true;
        }
    }
    for (WorkerConnection* c : std::as_const(m_connections)) {
        ClaimedMessage* held = c->find(id);
        if (!held)
            continue;
        // The session holds the bytes; only the counters the outcome is computed from change.
        held->attempts = claimed.attempts;
        held->roundAttempts = claimed.roundAttempts;
        held->previousStatus = claimed.previousStatus;
        return true;
    }
    return false;
}

// Every third of a lease: renew the claims and say this worker is alive; on a shared database also
// take back the rows of workers whose leases ran out.
void WorkerCore::beat()
{
    if (!m_store || m_finished)
        return;
    if (auto s = m_store->heartbeat(workerInfo()); !s)
        qWarning("outbound worker: %s", qUtf8Printable(s.error().message));
    if (Database::isServer() && !m_stopping) {
        if (auto recovered = m_store->recoverAbandoned(false); recovered && !recovered->all().isEmpty()) {
            Q_EMIT messagesChanged(recovered->all());
            m_scheduler->setNoMoreDue(false);
            schedulePump();
        }
    }
}

void WorkerCore::updateState()
{
    QueueWorker::State state = QueueWorker::State::Idle;
    if (m_paused)
        state = QueueWorker::State::Paused;
    else if (inFlightCount() > 0 || !m_backlog.isEmpty())
        state = QueueWorker::State::Sending;
    if (state != m_state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

void WorkerCore::setPaused(bool paused)
{
    if (m_finished || m_paused == paused)
        return;
    m_paused = paused;
    if (m_scheduler)
        m_scheduler->setNoMoreDue(false);
    pump();
    updateState();
}

void WorkerCore::requestStop()
{
    if (m_finished)
        return;
    m_stopping = true;
    pump();
}

} // namespace

struct QueueWorker::Private
{
    Options options;
    State state = State::Stopped;
    QThread* thread = nullptr;
    QPointer<WorkerCore> core;
    std::unique_ptr<QLockFile> lock;
};

QueueWorker::QueueWorker(Options options, QObject* parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->options = std::move(options);
    qRegisterMetaType<outbound::QueueWorker::State>();
    qRegisterMetaType<QList<qint64>>();
}

QueueWorker::~QueueWorker()
{
    if (d->thread) {
        // Hand every unstarted message back before the thread goes (the worker thread never
        // waits for this one, so the blocking call cannot deadlock).
        if (d->core)
            QMetaObject::invokeMethod(d->core, &WorkerCore::abandon, Qt::BlockingQueuedConnection);
        d->thread->quit();
        d->thread->wait();
        delete d->thread;
        Database::unlockWorker();
    }
}

Status QueueWorker::start()
{
    if (d->thread)
        return Failure{tr("The worker is already running.")};
    const QString dbPath = Database::path();
    if (dbPath.isEmpty())
        return Failure{tr("The database is not open.")};
    if (Database::isServer()) {
        // Many workers share a server database; each claim carries a lease instead of a lock.
        return startThread();
    }
    // One worker per database file: a lock file beside it, released by the OS if the process dies
    // (QLockFile checks the recorded process id).
    auto lock = std::make_unique<QLockFile>(dbPath + QStringLiteral(".worker.lock"));
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        lock->getLockInfo(&pid, &host, &app);
        if (lock->error() == QLockFile::LockFailedError)
            return Failure{tr("Another worker (process %1 on %2) is already sending from this queue.")
                               .arg(pid)
                               .arg(host.isEmpty() ? QHostInfo::localHostName() : host)};
        return Failure{tr("Cannot create the worker lock %1.").arg(dbPath + QStringLiteral(".worker.lock"))};
    }
    // The lock file above goes by name; this one by the file itself (a symlink or a hard link to
    // the same database meets it too).
    auto held = Database::tryLockWorker();
    if (!held)
        return held.error();
    if (!held.value())
        return Failure{tr("Another worker is already sending from this queue (the same database file, "
                          "maybe under another name or through a link).")};
    d->lock = std::move(lock);
    return startThread();
}

Status QueueWorker::startThread()
{
    d->thread = new QThread;
    d->thread->setObjectName(QStringLiteral("outbound-queue-worker"));
    auto* core = new WorkerCore(d->options);
    core->moveToThread(d->thread);
    d->core = core;
    connect(d->thread, &QThread::finished, core, &QObject::deleteLater);
    connect(core, &WorkerCore::stateChanged, this, [this](State s) {
        d->state = s;
        Q_EMIT stateChanged(s);
    });
    connect(core, &WorkerCore::progress, this, &QueueWorker::progress);
    connect(core, &WorkerCore::messagesChanged, this, &QueueWorker::messagesChanged);
    connect(core, &WorkerCore::failed, this, &QueueWorker::failed);
    connect(core, &WorkerCore::runError, this, &QueueWorker::runError);
    connect(core, &WorkerCore::signInNeeded, this, &QueueWorker::signInNeeded);
    connect(core, &WorkerCore::tokenRefreshed, this, &QueueWorker::tokenRefreshed);
    connect(core, &WorkerCore::settingsApplied, this, &QueueWorker::settingsApplied);
    connect(core, &WorkerCore::settingsRejected, this, &QueueWorker::settingsRejected);
    connect(core, &WorkerCore::finished, this, [this] {
        d->thread->quit();
        d->thread->wait();
        delete d->thread;
        d->thread = nullptr;
        d->lock.reset();
        Database::unlockWorker();
        d->state = State::Stopped;
        Q_EMIT stateChanged(State::Stopped);
        Q_EMIT stopped();
    });
    d->thread->start();
    QMetaObject::invokeMethod(core, &WorkerCore::run, Qt::QueuedConnection);
    d->state = State::Idle;
    Q_EMIT stateChanged(State::Idle);
    return success();
}

void QueueWorker::pause()
{
    if (d->core)
        QMetaObject::invokeMethod(
            d->core, [core = d->core] { core->setPaused(true); }, Qt::QueuedConnection);
}

void QueueWorker::resume()
{
    if (d->core)
        QMetaObject::invokeMethod(
            d->core, [core = d->core] { core->setPaused(false); }, Qt::QueuedConnection);
}

void QueueWorker::stop()
{
    if (d->core)
        QMetaObject::invokeMethod(d->core, &WorkerCore::requestStop, Qt::QueuedConnection);
}

QueueWorker::State QueueWorker::state() const
{
    return d->state;
}

} // namespace outbound

#include "QueueWorker.moc"
