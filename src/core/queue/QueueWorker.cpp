#include "queue/QueueWorker.h"

#include "common/Clock.h"
#include "common/Database.h"
#include "oauth/TokenProvider.h"
#include "oauth/TokenStore.h"
#include "queue/QueueStore.h"
#include "queue/RetryPolicy.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"
#include "settings/SettingsWatcher.h"
#include "smtp/SmtpSession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QHostInfo>
#include <QLockFile>
#include <QPointer>
#include <QSet>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <chrono>

namespace outbound {

namespace {

// Outcomes are committed in groups: after this many, or this long after the first one waiting.
constexpr int kFlushCount = 100;
constexpr int kFlushDelayMs = 200;
constexpr int kFlushAttempts = 3; // failed writes in a row before the worker gives up
// Messages handed to one session ahead of the one on the wire, so it never waits for the database.
constexpr int kSessionWindow = 32;
// Bytes of messages one session may hold at once (beyond the first); keeps a drain of large
// messages at a few megabytes per connection.
constexpr qint64 kSessionBytes = 4 * 1024 * 1024;
// Message bytes read in one query while handing messages to sessions (at least one message).
constexpr qint64 kBodyBatchBytes = 1024 * 1024;
constexpr int kTranscriptPreambleLimit = 4096;
constexpr int kTranscriptMessageLimit = 12 * 1024;
constexpr int kDailyCapRecheckMs = 60 * 1000;

// Uses SmtpSession::setWatchdogUnit when the engine offers it (tests shrink the phase budgets).
template <typename Session> void applyWatchdogUnit(Session& session, int unitMs)
{
    if constexpr (requires { session.setWatchdogUnit(std::chrono::milliseconds(unitMs)); }) {
        if (unitMs > 0)
            session.setWatchdogUnit(std::chrono::milliseconds(unitMs));
    }
}

// Messages a session holds but has not started (no command of theirs written), taken back so a
// stop does not send them first. Uses SmtpSession::takeUnstarted() when the engine offers it;
// otherwise nothing can be taken back and the session sends them before QUIT.
template <typename Session> QList<qint64> takeUnstarted(Session& session)
{
    if constexpr (requires { QList<qint64>(session.takeUnstarted()); })
        return QList<qint64>(session.takeUnstarted());
    else
        return {};
}

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

QString transcriptLine(const TranscriptLine& line)
{
    switch (line.direction) {
    case TranscriptLine::Direction::Client:
        return QStringLiteral("C: ") + line.text;
    case TranscriptLine::Direction::Server:
        return QStringLiteral("S: ") + line.text;
    case TranscriptLine::Direction::Info:
        break;
    }
    return QStringLiteral("*  ") + line.text;
}

void appendBounded(QString& target, const QString& line, int limit)
{
    if (target.size() + line.size() + 1 > limit)
        return;
    target += line;
    target += u'\n';
}

// The worker proper: lives on the worker thread and owns the store and the sessions.
class WorkerCore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerCore)

public:
    explicit WorkerCore(QueueWorker::Options options) : m_options(std::move(options)) {}
    ~WorkerCore() override { abandon(); }

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
    struct InFlight
    {
        ClaimedMessage claimed;
        QString transcript;
    };
    struct Slot
    {
        SmtpSession* session = nullptr;
        bool ready = false;
        bool closing = false;
        QString preamble;     // greeting, EHLO, AUTH: shared by every message of the session
        QString currentLines; // since the previous message finished
        QList<qint64> order;  // in-flight ids, FIFO as handed to the session
        qint64 bytes = 0;     // message bytes handed to the session and not yet done
        QHash<qint64, InFlight> inFlight;
        QDateTime tokenExpiresAt; // OAuth: the access token this session signed in with
    };

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
    void onSettingsChanged(qint64 revision);
    void fail(const QString& reason, bool configuration);
    void pump();
    void schedulePump();
    void takeBackUnstarted(Slot* slot);
    void handBackBacklog();
    void purgeOldSent();
    bool flush(int claimLimit);
    void giveUpOnStore(const QString& reason);
    void scheduleFlush();
    void openSlot();
    Slot* slotFor(SmtpSession* session);
    void onMessageDone(SmtpSession* session, const SendOutcome& outcome);
    void onSessionGone(SmtpSession* session, const std::optional<SmtpError>& error);
    void returnBacklog(const std::optional<SmtpError>& error, const QDateTime& nextAttemptAt);
    void record(const AttemptRecord& r);
    void wakeAfter(qint64 ms);
    int inFlightCount() const;
    int windowPerSession() const;
    void updateState();
    void emitProgress(bool force);
    void finishIfDone();
    bool usesOAuth() const { return m_tokens != nullptr && m_settings.auth == AuthMethod::OAuth2; }
    bool tokenReadyForNewSession();
    void requestToken(bool force);
    void enterSignInNeeded(const QString& reason);

    QueueWorker::Options m_options;
    MailSettings m_settings;
    SmtpConfig m_config;
    qint64 m_settingsRevision = 0;
    SettingsWatcher* m_watcher = nullptr;
    int m_connections = 1;
    std::unique_ptr<QueueStore> m_store;
    std::unique_ptr<RetryPolicy> m_policy;
    std::unique_ptr<TokenBucket> m_rate;
    QList<Slot*> m_slots;
    QList<ClaimedMessage> m_backlog; // claimed (sending in the database), not yet handed to a session
    QList<AttemptRecord> m_pending;  // outcomes not yet committed
    QList<qint64> m_changed;
    QTimer* m_flushTimer = nullptr;
    QTimer* m_wakeTimer = nullptr;
    int m_connectionFailures = 0;
    int m_flushFailures = 0; // consecutive failed writes of outcomes/claims
    QString m_flushError;
    QDateTime m_reconnectAt;
    bool m_paused = false;
    bool m_stopping = false;
    bool m_finished = false;
    bool m_dailyCapReached = false;
    bool m_noMoreDue = false;
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
    // Many workers, one database: this run's identity, its lease heartbeat, the accepted messages
    // not yet recorded (marked as accepted with the next hand-over), rows found taken by another
    // worker, and send slots drawn from the shared rate.
    QString m_workerId;
    QTimer* m_heartbeatTimer = nullptr;
    QList<qint64> m_acceptedUnrecorded;
    QSet<qint64> m_leaseLost;
    int m_sharedSlots = 0;
    WorkerInfo workerInfo() const;
    bool mayStart(qint64 id);
    bool refreshHeldCopy(const ClaimedMessage& claimed);
    void beat();
    qint64 leaseMs() const { return std::max<qint64>(1000, m_options.leaseMs); }
};

void WorkerCore::fail(const QString& reason, bool configuration)
{
    Q_EMIT failed(reason, configuration);
    m_stopping = true;
    if (m_store && !m_workerId.isEmpty())
        (void)m_store->unregisterWorker(workerInfo());
    m_store.reset();
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
    m_connections =
        std::max(1, m_options.connections > 0 ? m_options.connections : m_settings.queue.connections);
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
    m_heartbeatTimer = new QTimer(this);
    connect(m_heartbeatTimer, &QTimer::timeout, this, &WorkerCore::beat);
    m_heartbeatTimer->start(static_cast<int>(std::max<qint64>(100, leaseMs() / 3)));
    purgeOldSent();
    m_policy = std::make_unique<RetryPolicy>(m_settings.queue, clock(), m_options.random);
    m_rate = std::make_unique<TokenBucket>(m_settings.queue.ratePerMinute, clock());
    m_watcher = new SettingsWatcher(std::chrono::milliseconds(std::max(10, m_options.settingsPollMs)), this);
    connect(m_watcher, &SettingsWatcher::changed, this, &WorkerCore::onSettingsChanged);
    m_watcher->start(m_settingsRevision);

    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, [this] {
        flush(0);
        pump();
    });
    m_wakeTimer = new QTimer(this);
    m_wakeTimer->setSingleShot(true);
    connect(m_wakeTimer, &QTimer::timeout, this, [this] {
        m_noMoreDue = false;
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
    m_policy = std::make_unique<RetryPolicy>(m_settings.queue, clock(), m_options.random);
    m_rate = std::make_unique<TokenBucket>(m_settings.queue.ratePerMinute, clock());
    // A pause after failed connections was about the old settings; try the new ones at once.
    m_connectionFailures = 0;
    m_reconnectAt = {};
    const QList<Slot*> slots = m_slots; // close() may end a session at once
    for (Slot* s : slots) {
        if (!m_slots.contains(s) || s->closing)
            continue;
        takeBackUnstarted(s);
        s->closing = true;
        s->session->close();
    }
    // Rows that wait only because connections with the old settings failed may go now.
    if (auto woken = m_store->wakeQueued(); woken && !woken->isEmpty())
        m_changed.append(woken.value());
    m_noMoreDue = false;
    Q_EMIT settingsApplied(m_settingsRevision);
    scheduleFlush();
    schedulePump();
}

int WorkerCore::inFlightCount() const
{
    int n = 0;
    for (const Slot* s : m_slots)
        n += s->order.size();
    return n;
}

int WorkerCore::windowPerSession() const
{
    // Under a provider throttle there is no point holding more than the next message.
    return m_rate->unlimited() ? kSessionWindow : 1;
}

void WorkerCore::wakeAfter(qint64 ms)
{
    ms = std::clamp<qint64>(ms, 0, 24LL * 3600 * 1000);
    if (!m_wakeTimer->isActive() || m_wakeTimer->remainingTime() > ms)
        m_wakeTimer->start(static_cast<int>(ms));
}

void WorkerCore::scheduleFlush()
{
    if (m_pending.size() >= kFlushCount)
        flush(0);
    else if (!m_flushTimer->isActive())
        m_flushTimer->start(kFlushDelayMs);
}

// Commits pending outcomes and claims up to claimLimit due rows in the same transaction.
bool WorkerCore::flush(int claimLimit)
{
    if (!m_store || (m_pending.isEmpty() && claimLimit <= 0))
        return true;
    m_flushTimer->stop();
    auto claimed = m_store->recordAndClaim(m_pending, claimLimit);
    if (!claimed) {
        // A long lock by another writer passes (each try already waited the busy timeout); a full
        // disk, a read-only file or a corrupt page does not. Keep the outcomes and try again a few
        // times, then stop and say so: a run that could not record its outcomes has failed.
        qWarning("outbound worker: %s", qUtf8Printable(claimed.error().message));
        m_flushError = claimed.error().message;
        ++m_flushFailures;
        if (Database::isServer()) {
            // A database server restarts or the network drops: keep every outcome and write it
            // once the server answers again, trying less often the longer it is away.
            m_flushTimer->start(std::min(30000, 500 << std::min(m_flushFailures, 6)));
            return false;
        }
        if (m_flushFailures >= kFlushAttempts) {
            giveUpOnStore(claimed.error().message);
            return false;
        }
        m_flushTimer->start(1000);
        return false;
    }
    m_flushFailures = 0;
    for (const AttemptRecord& r : std::as_const(m_pending)) {
        m_changed.append(r.id);
        m_acceptedUnrecorded.removeOne(r.id);
    }
    m_pending.clear();
    for (ClaimedMessage& c : claimed.value()) {
        m_changed.append(c.outgoing.id);
        if (refreshHeldCopy(c))
            continue;
        m_backlog.append(std::move(c));
    }
    if (claimLimit > 0 && claimed->size() < claimLimit)
        m_noMoreDue = true;
    if (!m_changed.isEmpty()) {
        Q_EMIT messagesChanged(m_changed);
        m_changed.clear();
    }
    emitProgress(false);
    return true;
}

// The database cannot be written: stop at once. Messages whose outcome was not recorded stay
// `sending` in the database, so the next start turns them into `interrupted` (never re-sent
// silently); untouched rows are still queued.
void WorkerCore::giveUpOnStore(const QString& reason)
{
    const qsizetype unrecorded = m_pending.size() + inFlightCount() + m_backlog.size();
    for (Slot* slot : std::as_const(m_slots)) {
        // The sessions are children of this object and go with it; they must not report anything more.
        disconnect(slot->session, nullptr, this, nullptr);
        slot->session->cancel();
        delete slot;
    }
    m_slots.clear();
    m_backlog.clear();
    m_pending.clear();
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

void WorkerCore::openSlot()
{
    auto* slot = new Slot;
    if (m_tokens)
        slot->tokenExpiresAt = m_tokens->tokenExpiresAt();
    slot->session = new SmtpSession(m_config, this);
    applyWatchdogUnit(*slot->session, m_options.watchdogUnitMs);
    slot->session->setStartGate([this](qint64 id) { return mayStart(id); });
    SmtpSession* session = slot->session;
    connect(session, &SmtpSession::transcript, this, [this, session](const TranscriptLine& line) {
        if (Slot* s = slotFor(session)) {
            // A transaction's lines go to its own message: with pipelining the next message's
            // envelope may be written before this one's final reply.
            const auto own = line.messageId != 0 ? s->inFlight.find(line.messageId) : s->inFlight.end();
            if (own != s->inFlight.end())
                appendBounded(own->transcript, transcriptLine(line), kTranscriptMessageLimit);
            else if (s->ready)
                appendBounded(s->currentLines, transcriptLine(line), kTranscriptMessageLimit);
            else
                appendBounded(s->preamble, transcriptLine(line), kTranscriptPreambleLimit);
        }
    });
    connect(session, &SmtpSession::ready, this, [this, session](const ServerInfo&) {
        if (Slot* s = slotFor(session))
            s->ready = true;
        m_connectionFailures = 0;
        m_forcedRefreshUsed = false;
    });
    connect(session, &SmtpSession::messageDone, this,
            [this, session](const SendOutcome& outcome) { onMessageDone(session, outcome); });
    connect(session, &SmtpSession::failed, this,
            [this, session](const SmtpError& error) { onSessionGone(session, error); });
    connect(session, &SmtpSession::closed, this, [this, session] { onSessionGone(session, std::nullopt); });
    m_slots.append(slot);
    session->open();
}

WorkerCore::Slot* WorkerCore::slotFor(SmtpSession* session)
{
    for (Slot* s : std::as_const(m_slots)) {
        if (s->session == session)
            return s;
    }
    return nullptr;
}

void WorkerCore::record(const AttemptRecord& r)
{
    m_pending.append(r);
    if (r.status == MessageStatus::Sent)
        ++m_sent;
    else if (r.status == MessageStatus::Failed)
        ++m_failed;
}

void WorkerCore::onMessageDone(SmtpSession* session, const SendOutcome& outcome)
{
    Slot* slot = slotFor(session);
    if (!slot || !slot->inFlight.contains(outcome.id))
        return;
    InFlight f = slot->inFlight.take(outcome.id);
    slot->bytes -= f.claimed.size;
    slot->order.removeOne(outcome.id);
    if (outcome.withdrawn) {
        // Taken by another worker after this one's lease ran out: not ours to send or record.
        // Otherwise the hand-over could not be recorded (database unreachable): back to the queue.
        if (!m_leaseLost.remove(outcome.id))
            record(handBackRecord(f.claimed));
        scheduleFlush();
        schedulePump();
        return;
    }
    if (outcome.accepted)
        m_acceptedUnrecorded.append(outcome.id);
    if (m_stopping && !outcome.attempted) {
        // Given back by a session cancelled for the stop: it returns exactly as it was.
        slot->closing = true;
        record(handBackRecord(f.claimed));
        scheduleFlush();
        schedulePump();
        return;
    }
    if (outcome.accepted)
        m_connectionFailures = 0;
    if (usesOAuth() && !outcome.attempted && outcome.error && outcome.error->tokenRejected &&
        !m_forcedRefreshUsed) {
        // The token was refused before this message was tried: it goes back as it was while the
        // token is renewed once (onSessionGone), with no attempt and no pause.
        slot->closing = true;
        record(handBackRecord(f.claimed));
        scheduleFlush();
        schedulePump();
        return;
    }

    const QDateTime attemptedAt = clock().now(); // before the decision: next - last >= backoff
    const RetryPolicy::Decision d = m_policy->decide(outcome, f.claimed.attempts, f.claimed.roundAttempts,
                                                     slot->ready ? 0 : m_connectionFailures + 1);
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
    if (outcome.attempted) {
        r.transcript = slot->preamble + slot->currentLines + f.transcript;
        slot->currentLines.clear();
    }
    if (r.error)
        m_lastError = r.error;
    // The session is reporting from inside its own failure: never hand it anything again.
    if (sessionIsEnding(outcome))
        slot->closing = true;
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

// Takes back what the session has not started; those rows return as they were (no attempt).
void WorkerCore::takeBackUnstarted(Slot* slot)
{
    const QList<qint64> ids = takeUnstarted(*slot->session);
    for (qint64 id : ids) {
        if (!slot->inFlight.contains(id))
            continue;
        InFlight f = slot->inFlight.take(id);
        slot->order.removeOne(id);
        slot->bytes -= f.claimed.size;
        record(handBackRecord(f.claimed));
    }
}

// Rows claimed but not yet handed to a session return as they were: status, error, attempts.
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
    const QList<Slot*> slots = m_slots;
    m_slots.clear();
    for (Slot* slot : slots) {
        disconnect(slot->session, nullptr, this, nullptr);
        takeBackUnstarted(slot);
        for (int i = 0; i < slot->order.size(); ++i) {
            InFlight f = slot->inFlight.take(slot->order.at(i));
            // Replies come in order, so only the oldest open message can have its data out.
            if (i == 0 && slot->ready)
                continue; // stays `sending`: recoverInterrupted() below marks it
            record(handBackRecord(f.claimed));
        }
        delete slot->session;
        delete slot;
    }
    handBackBacklog();
    if (m_store) {
        if (m_flushTimer)
            m_flushTimer->stop();
        if (auto done = m_store->recordAndClaim(m_pending, 0); !done)
            qWarning("outbound worker: %s", qUtf8Printable(done.error().message));
        m_pending.clear();
        if (auto interrupted = m_store->recoverInterrupted(); !interrupted)
            qWarning("outbound worker: %s", qUtf8Printable(interrupted.error().message));
        m_store.reset();
    }
    Database::closeThreadConnection();
}

void WorkerCore::onSessionGone(SmtpSession* session, const std::optional<SmtpError>& error)
{
    Slot* slot = slotFor(session);
    if (!slot)
        return;
    m_slots.removeOne(slot);
    // The engine reports every open message before failed(); anything it did not is in an unknown
    // state, which is exactly what `interrupted` means.
    for (qint64 id : std::as_const(slot->order)) {
        InFlight f = slot->inFlight.take(id);
        AttemptRecord r;
        r.id = id;
        r.status = MessageStatus::Interrupted;
        r.attempts = f.claimed.attempts + 1;
        r.attemptedAt = clock().now();
        r.error = error;
        r.transcript = slot->preamble + slot->currentLines + f.transcript;
        record(r);
    }
    const bool retryWithNewToken =
        usesOAuth() && error && !slot->ready && error->tokenRejected && !m_forcedRefreshUsed && !m_stopping;
    if (error && !(m_stopping && error->kind == SmtpErrorKind::Cancelled) && !retryWithNewToken)
        m_lastError = error;
    if (retryWithNewToken) {
        // 535 5.7.3 / 5.7.8 or a JSON challenge: renew the token once (even if it looked fresh)
        // and connect again at once; a second refusal counts as a normal connection failure.
        m_forcedRefreshUsed = true;
        requestToken(true);
    } else if (error && !slot->ready) {
        // Never got as far as sending: pause before the next connection, longer each time.
        ++m_connectionFailures;
        m_reconnectAt = clock().now().addSecs(m_policy->backoffSeconds(m_connectionFailures));
    } else if (error) {
        m_reconnectAt = {};
    }
    session->deleteLater();
    delete slot;
    if (error && m_slots.isEmpty() && !m_backlog.isEmpty() && m_reconnectAt.isValid())
        returnBacklog(error, m_reconnectAt);
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
        const QList<Slot*> slots = m_slots; // close() may end a session at once
        for (Slot* s : slots) {
            if (!s->closing)
                takeBackUnstarted(s);
        }
        handBackBacklog();
        if (!m_pending.isEmpty())
            flush(0);
        for (Slot* s : slots) {
            if (!m_slots.contains(s) || s->closing)
                continue;
            if (m_stopping && !s->ready) {
                // Still connecting: nothing of it has started, so give everything back now
                // instead of sending it all once the server greets.
                s->closing = true;
                s->session->cancel();
            } else if (m_stopping || s->order.isEmpty()) {
                s->closing = true;
                s->session->close();
            }
        }
        updateState();
        finishIfDone();
        return;
    }

    purgeOldSent();
    const QDateTime now = clock().now();
    const bool mayConnect = !m_reconnectAt.isValid() || now >= m_reconnectAt;
    const int window = windowPerSession();
    int openSlots = 0;
    for (const Slot* s : std::as_const(m_slots))
        openSlots += s->closing ? 0 : 1;
    const int possibleSlots = mayConnect ? m_connections : openSlots;
    const int capacity = possibleSlots * window - inFlightCount();

    // Claim when half of all the windows together is free: one transaction per batch of that
    // size. Each commit writes every index page it touched to the WAL again, so refilling each
    // session by half its window (a transaction per 16 messages) cost more than the sending.
    int want = capacity - static_cast<int>(m_backlog.size());
    if (!m_rate->unlimited())
        want = std::min(want, m_rate->msUntilAvailable() == 0 ? 1 : 0);
    if (m_settings.queue.dailyCap > 0 && want > 0) {
        auto sent = m_store->sentSince(now.addDays(-1));
        // Counts every worker's messages in flight too (rows in `sending`), this one's included.
        const qint64 used = sent ? sent.value() : 0;
        const qint64 left = m_settings.queue.dailyCap - used;
        m_dailyCapReached = left <= 0;
        want = static_cast<int>(std::min<qint64>(want, std::max<qint64>(0, left)));
    }
    const bool worthClaiming =
        want > 0 && (want >= std::max(1, possibleSlots * window / 2) ||
                     (inFlightCount() == 0 && m_backlog.isEmpty()) || !m_rate->unlimited());
    bool claimed = false;
    if (worthClaiming && !m_noMoreDue) {
        flush(want);
        if (m_finished)
            return;
        claimed = true;
    }

    // Hand claimed rows to sessions: the least busy one first, opening connections as needed.
    QHash<qint64, QByteArray> bodies; // read for the messages handed over next
    while (!m_backlog.isEmpty()) {
        if (Database::isServer() && !m_rate->unlimited() && m_sharedSlots <= 0) {
            // The rate is shared by every worker on the database: draw sends from its account.
            auto granted = m_store->takeSendSlots(std::min<int>(10, static_cast<int>(m_backlog.size())),
                                                  m_settings.queue.ratePerMinute);
            m_sharedSlots = granted ? granted.value() : 0;
            if (m_sharedSlots <= 0) {
                wakeAfter(60000 - clock().now().toMSecsSinceEpoch() % 60000);
                break;
            }
        }
        if (!m_rate->tryTake()) {
            wakeAfter(m_rate->msUntilAvailable());
            break;
        }
        if (Database::isServer() && !m_rate->unlimited())
            --m_sharedSlots;
        // Memory is bounded by message size, not by the window: a session takes another message
        // only while the bytes it holds stay under kSessionBytes (always at least one).
        const qint64 nextSize = m_backlog.first().size;
        auto fits = [&](const Slot* s) {
            return s->order.isEmpty() || s->bytes + nextSize <= kSessionBytes;
        };
        Slot* best = nullptr;
        for (Slot* s : std::as_const(m_slots)) {
            if (usesOAuth() && !s->closing && s->tokenExpiresAt.isValid() &&
                QDateTime::currentDateTimeUtc() >= s->tokenExpiresAt) {
                // Never use a session past its token's lifetime (some servers check it per
                // transaction): let it finish what it holds and sign in anew on another.
                s->closing = true;
                s->session->close();
                --openSlots;
                continue;
            }
            if (!s->closing && s->order.size() < window && fits(s) &&
                (!best || s->order.size() < best->order.size()))
                best = s;
        }
        if ((!best || !best->order.isEmpty()) && openSlots < m_connections && mayConnect &&
            tokenReadyForNewSession()) {
            openSlot();
            ++openSlots;
            best = m_slots.last();
        }
        if (!best)
            break;
        const qint64 id = m_backlog.first().outgoing.id;
        if (!bodies.contains(id)) {
            // The bytes are read as the messages are handed over: those of the next few in one
            // query (up to kBodyBatchBytes, always at least one message), no more than the
            // sessions have room for, and they leave with their messages in this pass.
            int room = (m_connections - openSlots) * window;
            for (const Slot* s : std::as_const(m_slots))
                room += s->closing ? 0 : std::max<int>(0, window - static_cast<int>(s->order.size()));
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
                    return;
                }
                giveUpOnStore(read.error().message);
                return;
            }
            bodies = std::move(read).value();
        }
        ClaimedMessage c = m_backlog.takeFirst();
        QByteArray body = bodies.take(id);
        if (body.isEmpty()) {
            record(handBackRecord(c)); // deleted since the claim: nothing to send, nothing to keep
            continue;
        }
        OutgoingMessage outgoing = std::move(c.outgoing);
        outgoing.data = std::move(body);
        c.outgoing = OutgoingMessage{};
        c.outgoing.id = id;
        best->order.append(id);
        best->bytes += c.size;
        best->inFlight.insert(id, InFlight{std::move(c), {}});
        best->session->send(std::move(outgoing));
    }

    if (inFlightCount() == 0 && m_backlog.isEmpty()) {
        const qint64 rateWait = m_rate->msUntilAvailable();
        if (rateWait > 0 && mayConnect) {
            auto due = m_store->dueCount();
            if (due && due.value() > 0) {
                wakeAfter(rateWait); // due rows wait for the provider throttle
                updateState();
                return;
            }
        }
        // Look once more before calling it done: rows may have become due while others were sent.
        if (!claimed && mayConnect && !m_dailyCapReached && want > 0) {
            m_noMoreDue = false;
            flush(want);
            if (m_finished)
                return;
            if (!m_backlog.isEmpty()) {
                schedulePump();
                return;
            }
        }
        // Nothing to do now: close idle connections, then wait for the next due row.
        for (Slot* s : std::as_const(m_slots)) {
            if (!s->closing) {
                s->closing = true;
                s->session->close();
            }
        }
        if (m_options.drain) {
            // "Nothing is due" is only known when the last look at the queue worked.
            if (m_flushFailures > 0) {
                giveUpOnStore(m_flushError);
                return;
            }
            m_stopping = true;
            flush(0);
            finishIfDone();
            return;
        }
        qint64 waitMs = m_options.pollIntervalMs;
        if (auto next = m_store->nextDueAt(); next && next->isValid())
            waitMs = std::min(waitMs, std::max<qint64>(0, now.msecsTo(next.value())));
        if (m_dailyCapReached)
            waitMs = kDailyCapRecheckMs;
        if (!mayConnect)
            waitMs = std::min(waitMs, std::max<qint64>(0, now.msecsTo(m_reconnectAt)));
        wakeAfter(waitMs);
    } else if (m_noMoreDue && !m_wakeTimer->isActive()) {
        wakeAfter(m_options.pollIntervalMs);
    }
    updateState();
    emitProgress(false);
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
            ++m_connectionFailures;
            m_reconnectAt = clock().now().addSecs(m_policy->backoffSeconds(m_connectionFailures));
            SmtpError err;
            err.kind = SmtpErrorKind::InvalidInput;
            err.phase = SmtpPhase::Auth;
            err.transient = true;
            err.detail = QueueWorker::tr("could not renew the OAuth access token: %1").arg(e.summary());
            m_lastError = err;
            returnBacklog(err, m_reconnectAt);
            scheduleFlush();
            wakeAfter(clock().now().msecsTo(m_reconnectAt));
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
    if (m_finished || !m_slots.isEmpty() || !m_backlog.isEmpty())
        return;
    if (!m_stopping)
        return;
    if (!m_pending.isEmpty() && !flush(0))
        return; // the flush timer tries again
    emitProgress(true);
    if (m_lastError)
        Q_EMIT runError(*m_lastError);
    m_finished = true;
    m_wakeTimer->stop();
    m_flushTimer->stop();
    if (m_heartbeatTimer)
        m_heartbeatTimer->stop();
    (void)m_store->unregisterWorker(workerInfo());
    m_store.reset();
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
    info.connections = m_connections;
    info.settingsRevision = m_settingsRevision;
    info.leaseMs = leaseMs();
    return info;
}

// Just before a message's transaction starts: the row is marked as possibly handed to the server
// (and the accepted ones since the last mark as accepted), fenced by this worker's claim.
bool WorkerCore::mayStart(qint64 id)
{
    if (!m_store)
        return false;
    auto held = m_store->markHandedOver(id, m_acceptedUnrecorded);
    if (!held) {
        // Unrecorded, a crash would put the row back as never sent: do not send it now.
        qWarning("outbound worker: %s", qUtf8Printable(held.error().message));
        return false;
    }
    m_acceptedUnrecorded.clear();
    if (!held.value()) {
        qWarning(
            "outbound worker: message %lld is no longer this worker's (its claim expired); not sending it",
            static_cast<long long>(id));
        m_leaseLost.insert(id);
        return false;
    }
    return true;
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
    for (Slot* slot : std::as_const(m_slots)) {
        const auto it = slot->inFlight.find(id);
        if (it == slot->inFlight.end())
            continue;
        // The session holds the bytes; only the counters the outcome is computed from change.
        it->claimed.attempts = claimed.attempts;
        it->claimed.roundAttempts = claimed.roundAttempts;
        it->claimed.previousStatus = claimed.previousStatus;
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
            m_noMoreDue = false;
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
    m_noMoreDue = false;
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
