// The store's contract, once, for every backend: SQLite, PostgreSQL and MariaDB run exactly these
// functions (issue 11, "one shared store test suite"). The database comes from OUTBOUND_TEST_DB: a
// file path (SQLite; a temporary file when unset) or a postgresql:// / mariadb:// address whose
// password is read from the usual password file ($PGPASSFILE, $OUTBOUND_DBPASS_FILE).
// test_store_shared.py starts throwaway servers and runs this executable once per backend.
//
// Every function starts from empty tables (init()), so they run in any order on one database.
// Functions that need two workers use two stores with different claimants; where the point is
// that two workers really race, each store lives on a thread of its own (its own connection).

#include "QueueFixtures.h"
#include "common/Clock.h"
#include "common/Database.h"
#include "oauth/TokenStore.h"
#include "queue/SqlMailStore.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <functional>
#include <memory>
#include <numeric>

using namespace outbound;

namespace {

using namespace outbound::test;

AttemptRecord sentRecord(qint64 id, const QDateTime& at)
{
    AttemptRecord r;
    r.id = id;
    r.status = MessageStatus::Sent;
    r.attempts = 1;
    r.attemptedAt = at;
    r.acceptanceLine = QStringLiteral("250 2.0.0 Ok: queued as %1").arg(id);
    return r;
}

template <typename T> T valueOr(const Result<T>& result, T fallback)
{
    return result ? result.value() : fallback;
}

// Runs `work` on a thread of its own (so it gets its own named connection) and waits for it.
void onThread(const std::function<void()>& work)
{
    std::unique_ptr<QThread> thread(QThread::create([&work] {
        work();
        Database::closeThreadConnection();
    }));
    thread->start();
    thread->wait();
}

// Runs every function at once, each on its own thread, and waits for all of them.
void onThreads(const QList<std::function<void()>>& works)
{
    std::vector<std::unique_ptr<QThread>> threads;
    for (const auto& work : works) {
        threads.emplace_back(QThread::create([work] {
            work();
            Database::closeThreadConnection();
        }));
    }
    for (auto& t : threads)
        t->start();
    for (auto& t : threads)
        t->wait();
}

qint64 scalar(const QString& sql)
{
    QSqlQuery q(Database::connection());
    if (!q.exec(sql) || !q.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return -1;
    }
    return q.value(0).toLongLong();
}

bool execSql(const QString& sql)
{
    QSqlQuery q(Database::connection());
    if (!q.exec(sql)) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

// Lets `seconds` pass for leases, heartbeats and the per-minute send rate. On SQLite they run on
// the store's clock, which moves. On a server they run on the server's clock, which a test cannot
// move: the times in the rows move back by as much instead (the send rate's minutes too, through
// negative numbers so no two rows ever share a minute on the way).
[[nodiscard]] bool letTimePass(ManualClock& clock, qint64 seconds)
{
    clock.advance(seconds);
    if (!Database::isServer())
        return true;
    const qint64 ms = seconds * 1000;
    return execSql(QStringLiteral("UPDATE messages SET lease_until = lease_until - %1 "
                                  "WHERE lease_until IS NOT NULL")
                       .arg(ms)) &&
           execSql(QStringLiteral("UPDATE workers SET started_at = started_at - %1, "
                                  "heartbeat_at = heartbeat_at - %1, stopped_at = stopped_at - %1")
                       .arg(ms)) &&
           execSql(QStringLiteral("UPDATE send_rate SET minute = -minute")) &&
           execSql(QStringLiteral("UPDATE send_rate SET minute = -minute - %1").arg(seconds / 60));
}

// Exact on SQLite (the store's clock wrote it); within a few seconds on a server (its clock did).
bool closeTo(const QDateTime& got, const QDateTime& expected)
{
    if (!got.isValid() || !expected.isValid())
        return false;
    const qint64 off = std::abs(got.msecsTo(expected));
    return Database::isServer() ? off < 3000 : off == 0;
}

} // namespace

class TestStoreShared : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void enqueueStoresEveryField();
    void batchIsAllOrNothing();
    void idempotencyKeysSkipRepeats();
    void listFiltersSearchesSortsAndPages();
    void claimRecordAndDueTimes();
    void manualActionsFollowTheStatusRules();
    void purgeRemovesOldSentOnly();
    void changedSinceReportsUpdatesAndRemovals();
    void handBackRestoresStatusAndError();
    void wakeQueuedReleasesPausedRows();
    void recoveryAccountsForEveryRow();
    void groupedMarksAnswerEachRow();
    void expiredLeaseFencesTheOldHolder();
    void leasesRunOnTheServersClock();
    void fencesHoldBetweenConnections();
    void rowIsHandedOverOncePerClaim();
    void stoppedClientInsideATransactionBlocksNobody();
    void concurrentClaimsNeverOverlap();
    void sendSlotsAreSharedPerMinute();
    void workersAreRegisteredAndListed();
    void settingsSaveLoadAndRevision();
    void secretsLiveInTheDatabase();
    void tokenLeaseHasOneHolder();

private:
    QTemporaryDir m_dir;
};

void TestStoreShared::initTestCase()
{
    qputenv("OUTBOUND_NO_KEYCHAIN", "1");
    QVERIFY(m_dir.isValid());
    QString address = qEnvironmentVariable("OUTBOUND_TEST_DB");
    if (address.isEmpty())
        address = m_dir.filePath(QStringLiteral("shared.sqlite"));
    // This suite plays `outbound-cli db init` on a server.
    Database::setMigrationsAllowed(true);
    const Status opened = Database::initializeUrl(address);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
    qInfo("backend: %s", qPrintable(Database::path()));
    for (const Status& s :
         {SettingsStore::ensureSchema(), SqlMailStore::ensureSchema(), TokenStore::ensureSchema()})
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
}

void TestStoreShared::init()
{
    // Children first (MariaDB does not follow foreign keys in a multi-table order by itself).
    QStringList tables = {
        QStringLiteral("attempts"),         QStringLiteral("message_bodies"), QStringLiteral("messages"),
        QStringLiteral("removed_messages"), QStringLiteral("enqueue_keys"),   QStringLiteral("workers"),
        QStringLiteral("send_rate"),        QStringLiteral("settings"),       QStringLiteral("secrets")};
    if (!Database::isServer())
        tables.append(QStringLiteral("message_senders"));
    QSqlQuery q(Database::connection());
    for (const QString& table : std::as_const(tables))
        QVERIFY2(q.exec(QStringLiteral("DELETE FROM ") + table), qPrintable(q.lastError().text()));
    QVERIFY(q.exec(QStringLiteral("UPDATE oauth_state SET version = 0, lease_holder = NULL, lease_until = 0, "
                                  "sign_in_needed = NULL, sign_in_needed_at = NULL WHERE id = 1")));
}

void TestStoreShared::enqueueStoresEveryField()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    NewMessage m = message(QStringLiteral("ann@example.org"), QStringLiteral("Rechnung 42 – Grüße 📎"),
                           Category::Invoice);
    m.content.cc = {MailAddress{QStringLiteral("Bøb"), QStringLiteral("bob@example.org")}};
    m.content.bcc = {MailAddress{{}, QStringLiteral("audit@example.com")}};
    m.content.html = QStringLiteral("<p>Hallo – 日本</p>");
    // Every byte value in an attachment: the body column must hold binary data as it is.
    QByteArray bytes;
    for (int i = 0; i < 1024; ++i)
        bytes.append(char(i % 256));
    m.content.attachments = {{QStringLiteral("invoice.pdf"), {}, bytes}};
    auto id = store.enqueue(m);
    QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
    auto d = store.detail(id.value());
    QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().message));
    const MessageDetail& detail = d.value();
    QCOMPARE_ENUM(detail.summary.status, MessageStatus::Queued);
    QCOMPARE_ENUM(detail.summary.category, Category::Invoice);
    QCOMPARE(detail.summary.fromEmail, QStringLiteral("billing@example.com"));
    QCOMPARE(detail.summary.fromName, QStringLiteral("Billing"));
    QCOMPARE(detail.summary.subject, QStringLiteral("Rechnung 42 – Grüße 📎"));
    QVERIFY(detail.summary.to.contains(QStringLiteral("ann@example.org")));
    QCOMPARE(detail.ccList, QStringLiteral("Bøb <bob@example.org>"));
    QCOMPARE(detail.bccList, QStringLiteral("audit@example.com"));
    QCOMPARE(detail.summary.queuedAt, kStart);
    QCOMPARE(detail.summary.notBefore, kStart);
    QCOMPARE(detail.summary.attempts, 0);
    QVERIFY(!detail.messageId.isEmpty());
    QVERIFY(detail.rawMessage.contains(detail.messageId));
    QCOMPARE(detail.summary.sizeBytes, detail.rawMessage.size());
    QCOMPARE(detail.attachmentInfo.size(), 1);
    QCOMPARE(detail.attachmentInfo.first().fileName, QStringLiteral("invoice.pdf"));
    QCOMPARE(detail.attachmentInfo.first().size, 1024);
    QCOMPARE(detail.htmlBody, QStringLiteral("<p>Hallo – 日本</p>"));
    QVERIFY(!detail.lastError);

    auto claimed = store.recordAndClaim({}, 10);
    QVERIFY2(claimed.ok(), qPrintable(claimed.ok() ? QString() : claimed.error().message));
    QCOMPARE(claimed->size(), 1);
    const OutgoingMessage& out = claimed->first().outgoing;
    QCOMPARE(out.mailFrom, QByteArray("billing@example.com"));
    QCOMPARE(out.recipients.size(), 3);
    QVERIFY(out.recipients.contains(QByteArray("audit@example.com")));
    QVERIFY(out.data.isEmpty());
    QCOMPARE(store.messageBody(out.id).value(), detail.rawMessage);
    QCOMPARE(store.messageBody(out.id + 1000).value(), QByteArray()); // no such row: empty
}

void TestStoreShared::batchIsAllOrNothing()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    QList<NewMessage> batch;
    for (int i = 0; i < 50; ++i)
        batch.append(message(QStringLiteral("u%1@example.org").arg(i), QStringLiteral("m%1").arg(i)));
    auto ids = store.enqueueBatch(batch);
    QVERIFY2(ids.ok(), qPrintable(ids.ok() ? QString() : ids.error().message));
    QCOMPARE(ids->size(), 50);
    QCOMPARE(QSet<qint64>(ids->cbegin(), ids->cend()).size(), 50);
    QCOMPARE(store.stats()->queued, 50);
    batch[37].content.subject = QStringLiteral("bad\nheader");
    QVERIFY(!store.enqueueBatch(batch).ok());
    QCOMPARE(store.stats()->queued, 50);
}

void TestStoreShared::idempotencyKeysSkipRepeats()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    auto prepare = [&](const QString& key, const QString& subject) {
        auto p = store.prepare(message(QStringLiteral("a@example.org"), subject));
        p.value().key = key;
        return std::move(p).value();
    };
    auto first = store.insertPrepared(
        {prepare(QStringLiteral("k1"), QStringLiteral("one")), prepare(QString(), QStringLiteral("no key"))});
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QVERIFY(first->at(0) > 0);
    QVERIFY(first->at(1) > 0);
    auto second = store.insertPrepared({prepare(QStringLiteral("k1"), QStringLiteral("one again")),
                                        prepare(QStringLiteral("k2"), QStringLiteral("two")),
                                        prepare(QStringLiteral("k2"), QStringLiteral("two again"))});
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
    QCOMPARE(second->at(0), qint64(0));
    QVERIFY(second->at(1) > 0);
    QCOMPARE(second->at(2), qint64(0));
    QCOMPARE(store.stats()->total(), qint64(3));
    // A key outlives its message.
    QCOMPARE(store.remove({first->at(0)}).value(), 1);
    auto third = store.insertPrepared({prepare(QStringLiteral("k1"), QStringLiteral("third time"))});
    QVERIFY(third.ok());
    QCOMPARE(third->at(0), qint64(0));
    QCOMPARE(store.stats()->total(), qint64(2));
    // Keys are compared exactly: another case is another key.
    auto other = store.insertPrepared({prepare(QStringLiteral("K1"), QStringLiteral("upper"))});
    QVERIFY(other.ok());
    QVERIFY(other->at(0) > 0);
}

void TestStoreShared::listFiltersSearchesSortsAndPages()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    QList<qint64> ids;
    const QStringList subjects = {QStringLiteral("Charlie"), QStringLiteral("alpha"),
                                  QStringLiteral("Bravo 100%"), QStringLiteral("delta_x")};
    for (int i = 0; i < subjects.size(); ++i) {
        clock.advance(10);
        ids.append(store.enqueue(message(QStringLiteral("user%1@example.org").arg(i), subjects[i])).value());
    }
    QCOMPARE(store.cancel({ids[3]}).value(), 1);

    MessageQuery q;
    q.descending = false;
    auto all = store.list(q);
    QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().message));
    QCOMPARE(all->size(), 4);
    QCOMPARE(all->first().id, ids[0]);

    // Text sorts ignore case on every backend.
    q.sortColumn = MessageQuery::SortColumn::Subject;
    QStringList sorted;
    const QList<MessageSummary> bySubject = store.list(q).value();
    for (const MessageSummary& s : bySubject)
        sorted.append(s.subject);
    QCOMPARE(sorted, (QStringList{QStringLiteral("alpha"), QStringLiteral("Bravo 100%"),
                                  QStringLiteral("Charlie"), QStringLiteral("delta_x")}));
    q.descending = true;
    QCOMPARE(store.list(q)->first().subject, QStringLiteral("delta_x"));
    q.sortColumn = MessageQuery::SortColumn::QueuedAt;
    QCOMPARE(store.list(q)->first().id, ids[3]);
    q.sortColumn = MessageQuery::SortColumn::State;
    q.descending = false;
    QCOMPARE(store.list(q)->first().id, ids[3]); // cancelled < queued

    MessageQuery filtered;
    filtered.statuses = {MessageStatus::Cancelled};
    QCOMPARE(store.count(filtered).value(), 1);
    QCOMPARE(store.list(filtered)->first().id, ids[3]);
    filtered.statuses = {MessageStatus::Queued, MessageStatus::Failed};
    QCOMPARE(store.count(filtered).value(), 3);

    // Search ignores case, and LIKE's wildcards and escape are matched literally.
    MessageQuery search;
    search.search = QStringLiteral("USER2@");
    QCOMPARE(store.count(search).value(), 1);
    search.search = QStringLiteral("100%");
    QCOMPARE(store.count(search).value(), 1);
    search.search = QStringLiteral("%");
    QCOMPARE(store.count(search).value(), 1);
    search.search = QStringLiteral("a_x");
    QCOMPARE(store.count(search).value(), 1);
    search.search = QStringLiteral("_");
    QCOMPARE(store.count(search).value(), 1);
    search.search = QStringLiteral("\\");
    QCOMPARE(store.count(search).value(), 0);
    search.search = QStringLiteral("office@");
    QCOMPARE(store.count(search).value(), 4);
    search.statuses = {MessageStatus::Queued};
    QCOMPARE(store.count(search).value(), 3);
    QCOMPARE(store.list(search)->size(), 3);

    MessageQuery page;
    page.descending = false;
    page.limit = 2;
    page.offset = 2;
    auto second = store.list(page);
    QCOMPARE(second->size(), 2);
    QCOMPARE(second->first().id, ids[2]);
}

void TestStoreShared::claimRecordAndDueTimes()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i)
        ids.append(
            store.enqueue(message(QStringLiteral("r%1@example.org").arg(i), QStringLiteral("s"))).value());

    auto first = store.recordAndClaim({}, 3);
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QCOMPARE(first->size(), 3);
    QCOMPARE(first->at(0).outgoing.id, ids[0]);
    QCOMPARE(store.stats()->sending, 3);
    QCOMPARE(store.dueCount().value(), 2);

    AttemptRecord sent = sentRecord(ids[0], clock.now());
    sent.refusedRecipients = {
        {QByteArray("gone@example.org"), 550, QStringLiteral("5.1.1"), QStringLiteral("unknown")}};
    sent.acceptedRecipients = {QByteArray("r0@example.org")};
    sent.transcript = QStringLiteral("C: MAIL FROM:<office@example.com>\nS: 250 ok");
    AttemptRecord deferred;
    deferred.id = ids[1];
    deferred.status = MessageStatus::Deferred;
    deferred.attempts = 1;
    deferred.attemptedAt = clock.now();
    deferred.nextAttemptAt = clock.now().addSecs(60);
    deferred.error = smtpError(451, true);
    deferred.transcript = QStringLiteral("S: 451 try later");
    AttemptRecord failed;
    failed.id = ids[2];
    failed.status = MessageStatus::Failed;
    failed.attempts = 1;
    failed.attemptedAt = clock.now();
    failed.error = smtpError(550, false);

    auto next = store.recordAndClaim({sent, deferred, failed}, 10);
    QVERIFY2(next.ok(), qPrintable(next.ok() ? QString() : next.error().message));
    QCOMPARE(next->size(), 2);
    QCOMPARE(next->at(0).outgoing.id, ids[3]);

    auto s = store.detail(ids[0]).value();
    QCOMPARE_ENUM(s.summary.status, MessageStatus::Sent);
    QCOMPARE(s.summary.sentAt, kStart);
    QCOMPARE(s.summary.attempts, 1);
    QCOMPARE(s.acceptanceLine, sent.acceptanceLine);
    QCOMPARE(s.refusedRecipients.size(), 1);
    QCOMPARE(s.refusedRecipients.first().code, 550);
    QCOMPARE(s.transcript, sent.transcript);
    QCOMPARE(s.attempts.size(), 1);
    QCOMPARE_ENUM(s.attempts.first().status, MessageStatus::Sent);

    auto d = store.detail(ids[1]).value();
    QCOMPARE_ENUM(d.summary.status, MessageStatus::Deferred);
    QCOMPARE(d.summary.nextAttemptAt, kStart.addSecs(60));
    QCOMPARE(d.summary.lastAttemptAt, kStart);
    QVERIFY(d.lastError.has_value());
    QCOMPARE(d.lastError->code, 451);
    QCOMPARE(d.lastError->enhancedCode, QStringLiteral("4.3.0"));
    QVERIFY(d.lastError->transient);
    QVERIFY(d.summary.lastError.contains(QStringLiteral("451")));
    QCOMPARE(d.attempts.size(), 1);
    QCOMPARE(d.attempts.first().transcript, QStringLiteral("S: 451 try later"));

    auto f = store.detail(ids[2]).value();
    QCOMPARE_ENUM(f.summary.status, MessageStatus::Failed);
    QVERIFY(!f.lastError->transient);
    QCOMPARE_ENUM(f.lastError->phase, SmtpPhase::Rcpt);

    QCOMPARE(store.recordAndClaim({}, 10)->size(), 0);
    QCOMPARE(store.nextDueAt().value(), kStart.addSecs(60));
    clock.advance(59);
    QCOMPARE(store.recordAndClaim({}, 10)->size(), 0);
    clock.advance(1);
    auto again = store.recordAndClaim({}, 10);
    QCOMPARE(again->size(), 1);
    QCOMPARE(again->first().outgoing.id, ids[1]);
    QCOMPARE(again->first().attempts, 1);
    QCOMPARE(again->first().roundAttempts, 1);
    QCOMPARE_ENUM(again->first().previousStatus, MessageStatus::Deferred);

    // Daily cap: sent since the moment plus every row being sent now.
    const qint64 inFlight = store.stats()->sending;
    QCOMPARE(inFlight, qint64(3));
    QCOMPARE(store.sentSince(kStart.addSecs(-1)).value(), 1 + inFlight);
    QCOMPARE(store.sentSince(kStart.addSecs(1)).value(), inFlight);

    // A partly delivered message goes again to the others only.
    AttemptRecord partial;
    partial.id = ids[1];
    partial.status = MessageStatus::Deferred;
    partial.attempts = 2;
    partial.attemptedAt = clock.now();
    partial.nextAttemptAt = clock.now();
    partial.acceptedRecipients = {QByteArray("r1@example.org")};
    QVERIFY(store.recordAndClaim({partial}, 0).ok());
    QCOMPARE(store.recordAndClaim({}, 10)->first().outgoing.recipients.size(), 0);
}

void TestStoreShared::manualActionsFollowTheStatusRules()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    QList<qint64> ids;
    for (int i = 0; i < 6; ++i)
        ids.append(
            store.enqueue(message(QStringLiteral("r%1@example.org").arg(i), QStringLiteral("s"))).value());
    QCOMPARE(store.recordAndClaim({}, 6)->size(), 6);
    auto record = [&](int i, MessageStatus status, int attempts) {
        AttemptRecord r;
        r.id = ids[i];
        r.status = status;
        r.attempts = attempts;
        r.attemptedAt = clock.now();
        if (status == MessageStatus::Deferred)
            r.nextAttemptAt = clock.now().addSecs(600);
        if (status != MessageStatus::Sent)
            r.error =
                smtpError(status == MessageStatus::Deferred ? 451 : 550, status == MessageStatus::Deferred);
        return r;
    };
    QVERIFY(store
                .recordAndClaim({record(0, MessageStatus::Sent, 1), record(1, MessageStatus::Failed, 6),
                                 record(2, MessageStatus::Failed, 2), record(3, MessageStatus::Deferred, 1),
                                 record(4, MessageStatus::Sent, 1)},
                                0)
                .ok());

    QCOMPARE(store.retry({ids[0], ids[1], ids[3], ids[5]}).value(), 2);
    auto retried = store.detail(ids[1]).value();
    QCOMPARE_ENUM(retried.summary.status, MessageStatus::Queued);
    QCOMPARE(retried.summary.attempts, 6);
    QVERIFY(!retried.summary.nextAttemptAt.isValid());
    auto claimedAgain = store.recordAndClaim({}, 10);
    QCOMPARE(claimedAgain->size(), 2);
    for (const ClaimedMessage& c : claimedAgain.value())
        QCOMPARE(c.roundAttempts, 0);

    QCOMPARE(store.retryAllFailed().value(), 1);
    QCOMPARE_ENUM(store.detail(ids[2])->summary.status, MessageStatus::Queued);

    QCOMPARE(store.cancel({ids[0], ids[2], ids[5]}).value(), 1);
    QCOMPARE_ENUM(store.detail(ids[2])->summary.status, MessageStatus::Cancelled);
    QCOMPARE(store.recordAndClaim({}, 10)->size(), 0);

    QCOMPARE(store.markSent({ids[2], ids[5]}).value(), 0);
    QVERIFY(store.markHandedOver(ids[5], {}).value());
    QCOMPARE(store.recoverInterrupted()->size(), 3);
    QCOMPARE_ENUM(store.detail(ids[5])->summary.status, MessageStatus::Interrupted);
    QCOMPARE(store.markSent({ids[5]}).value(), 1);
    auto marked = store.detail(ids[5]).value();
    QCOMPARE_ENUM(marked.summary.status, MessageStatus::Sent);
    QCOMPARE(marked.summary.sentAt, kStart);

    // Delete: anything but `sending`; the bytes and the history go with the row.
    QVERIFY(store.recordAndClaim({}, 1)->size() == 1); // one of the requeued rows: now sending
    MessageQuery sending;
    sending.statuses = {MessageStatus::Sending};
    const qint64 busy = store.list(sending).value().first().id;
    QCOMPARE(store.remove({busy}).value(), 0);
    QCOMPARE(store.remove({ids[0], ids[2], 99999}).value(), 2);
    QVERIFY(!store.detail(ids[0]).ok());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM message_bodies WHERE id = %1").arg(ids[0])), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM attempts WHERE message = %1").arg(ids[0])), 0);
}

void TestStoreShared::purgeRemovesOldSentOnly()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i)
        ids.append(
            store.enqueue(message(QStringLiteral("r%1@example.org").arg(i), QStringLiteral("s"))).value());
    QCOMPARE(store.recordAndClaim({}, 2)->size(), 2);
    AttemptRecord f = sentRecord(ids[1], clock.now());
    f.status = MessageStatus::Failed;
    f.error = smtpError(550, false);
    QVERIFY(store.recordAndClaim({sentRecord(ids[0], clock.now()), f}, 0).ok());
    qint64 rev = 0;
    QVERIFY(store.changedSince(0, &rev).ok());
    clock.advance(10 * 86400);
    QCOMPARE(store.purgeSent(30).value(), 0);
    QCOMPARE(store.purgeSent(9).value(), 1);
    QCOMPARE(store.stats()->total(), qint64(2));
    auto changes = store.changedSince(rev, &rev);
    QCOMPARE(changes->size(), 1);
    QVERIFY(changes->first().removed);
    QCOMPARE(changes->first().id, ids[0]);
}

void TestStoreShared::changedSinceReportsUpdatesAndRemovals()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    qint64 rev = 0;
    QVERIFY(store.changedSince(0, &rev).ok());
    const qint64 a = store.enqueue(message(QStringLiteral("a@example.org"), QStringLiteral("a"))).value();
    const qint64 b = store.enqueue(message(QStringLiteral("b@example.org"), QStringLiteral("b"))).value();
    qint64 rev2 = 0;
    auto changes = store.changedSince(rev, &rev2);
    QVERIFY2(changes.ok(), qPrintable(changes.ok() ? QString() : changes.error().message));
    QCOMPARE(changes->size(), 2);
    QVERIFY(rev2 > rev);
    QCOMPARE(store.changedSince(rev2, &rev)->size(), 0);
    QCOMPARE(rev, rev2);
    QCOMPARE(store.currentRevision(), rev2);

    QCOMPARE(store.cancel({a}).value(), 1);
    QCOMPARE(store.remove({b}).value(), 1);
    changes = store.changedSince(rev2, &rev);
    QCOMPARE(changes->size(), 2);
    bool sawCancel = false, sawRemoval = false;
    for (const MessageSummary& s : changes.value()) {
        if (s.id == a && s.status == MessageStatus::Cancelled && !s.removed)
            sawCancel = true;
        if (s.id == b && s.removed)
            sawRemoval = true;
    }
    QVERIFY(sawCancel);
    QVERIFY(sawRemoval);
    // A row removed, then one with another id written: both reach a view that was further behind.
    const qint64 c = store.enqueue(message(QStringLiteral("c@example.org"), QStringLiteral("c"))).value();
    changes = store.changedSince(rev2, &rev);
    QCOMPARE(changes->size(), 3);
    QVERIFY(
        std::any_of(changes->cbegin(), changes->cend(), [c](const MessageSummary& s) { return s.id == c; }));
    // A write by another connection moves the revision too.
    qint64 seenByOther = 0;
    onThread([&] {
        SqlMailStore other(testSettings(), &clock);
        (void)other.retry({a});
        seenByOther = other.currentRevision();
    });
    QVERIFY(seenByOther > rev);
    changes = store.changedSince(rev, &rev);
    QCOMPARE(changes->size(), 1);
    QCOMPARE(rev, seenByOther);
}

void TestStoreShared::handBackRestoresStatusAndError()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    const qint64 waiting =
        store.enqueue(message(QStringLiteral("a@example.org"), QStringLiteral("a"))).value();
    const qint64 retried =
        store.enqueue(message(QStringLiteral("b@example.org"), QStringLiteral("b"))).value();
    QCOMPARE(store.recordAndClaim({}, 2)->size(), 2);
    AttemptRecord deferred;
    deferred.id = retried;
    deferred.status = MessageStatus::Deferred;
    deferred.attempts = 1;
    deferred.attemptedAt = clock.now();
    deferred.nextAttemptAt = clock.now().addSecs(60);
    deferred.error = smtpError(451, true);
    AttemptRecord untried;
    untried.id = waiting;
    untried.status = MessageStatus::Queued;
    untried.countsAsAttempt = false;
    untried.nextAttemptAt = clock.now();
    untried.error = smtpError(421, true, SmtpPhase::Greeting);
    QVERIFY(store.recordAndClaim({deferred, untried}, 0).ok());
    QCOMPARE(store.detail(waiting)->attempts.size(), 0); // not an attempt: no history

    clock.advance(60);
    auto claimed = store.recordAndClaim({}, 10).value();
    QCOMPARE(claimed.size(), 2);
    QList<AttemptRecord> back;
    for (const ClaimedMessage& c : claimed) {
        QCOMPARE_ENUM(c.previousStatus,
                      c.outgoing.id == retried ? MessageStatus::Deferred : MessageStatus::Queued);
        AttemptRecord r;
        r.id = c.outgoing.id;
        r.status = c.previousStatus;
        r.attempts = c.attempts;
        r.handBack = true;
        back.append(r);
    }
    QVERIFY(store.recordAndClaim(back, 0).ok());
    const MessageDetail d = store.detail(retried).value();
    QCOMPARE_ENUM(d.summary.status, MessageStatus::Deferred);
    QCOMPARE(d.summary.attempts, 1);
    QVERIFY(d.summary.lastError.contains(QStringLiteral("451")));
    QCOMPARE(d.summary.lastAttemptAt, kStart);
    const MessageDetail w = store.detail(waiting).value();
    QCOMPARE_ENUM(w.summary.status, MessageStatus::Queued);
    QCOMPARE(w.summary.attempts, 0);
    QVERIFY(w.summary.lastError.contains(QStringLiteral("421")));
    QCOMPARE(store.dueCount().value(), 2);
}

void TestStoreShared::wakeQueuedReleasesPausedRows()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    const qint64 id = store.enqueue(message(QStringLiteral("a@example.org"), QStringLiteral("a"))).value();
    QCOMPARE(store.recordAndClaim({}, 1)->size(), 1);
    AttemptRecord paused;
    paused.id = id;
    paused.status = MessageStatus::Queued;
    paused.countsAsAttempt = false;
    paused.nextAttemptAt = clock.now().addSecs(300);
    QVERIFY(store.recordAndClaim({paused}, 0).ok());
    QCOMPARE(store.dueCount().value(), 0);
    QCOMPARE(store.wakeQueued().value(), QList<qint64>{id});
    QCOMPARE(store.dueCount().value(), 1);
    QCOMPARE(store.wakeQueued()->size(), 0);
}

// Marks of several connections in one statement (the worker's mark lane): each row gets its own
// answer, the accepted rows become accepted, and a row another worker took is refused alone.
void TestStoreShared::groupedMarksAnswerEachRow()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    store.setClaimant(QStringLiteral("grouping-worker"), 10000);
    for (int i = 0; i < 6; ++i)
        QVERIFY(store.enqueue(message(QStringLiteral("g%1@example.org").arg(i), QStringLiteral("s"))).ok());
    const QList<ClaimedMessage> held = store.recordAndClaim({}, 6).value();
    QCOMPARE(held.size(), 6);
    QList<qint64> ids;
    for (const ClaimedMessage& c : held)
        ids.append(c.outgoing.id);

    auto first = store.markHandedOverGroup({ids[0], ids[1]}, {});
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QCOMPARE(first.value(), (QSet<qint64>{ids[0], ids[1]}));

    // Row 3 now belongs to another worker (its lease ran out and it was claimed again there): only
    // it is refused, and the group's accepted rows (0 and 1) are marked accepted.
    QSqlQuery takeOver(Database::connection());
    takeOver.prepare(QStringLiteral("UPDATE messages SET claimed_by = 'other-worker' WHERE id = ?"));
    takeOver.addBindValue(ids[3]);
    QVERIFY2(takeOver.exec(), qPrintable(takeOver.lastError().text()));

    auto second = store.markHandedOverGroup({ids[2], ids[3], ids[4]}, {ids[0], ids[1]});
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
    QCOMPARE(second.value(), (QSet<qint64>{ids[2], ids[4]}));
    // The one it holds is marked, the others' mark is not touched; the accepted ones are 2.
    QSqlQuery marks(Database::connection());
    QVERIFY(marks.exec(QStringLiteral("SELECT id, handed_over FROM messages ORDER BY id")));
    QHash<qint64, int> mark;
    while (marks.next())
        mark.insert(marks.value(0).toLongLong(), marks.value(1).toInt());
    QCOMPARE(mark.value(ids[0]), 2);
    QCOMPARE(mark.value(ids[1]), 2);
    QCOMPARE(mark.value(ids[2]), 1);
    QCOMPARE(mark.value(ids[3]), 0);
    QCOMPARE(mark.value(ids[4]), 1);
    QCOMPARE(mark.value(ids[5]), 0);
}

// Exact crash accounting: of a dead worker's rows only the one possibly on the wire becomes
// `interrupted`, the accepted one `sent`, the untouched one waits again as it was.
void TestStoreShared::recoveryAccountsForEveryRow()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    store.setClaimant(QStringLiteral("dead-worker"), 10000);
    for (int i = 0; i < 4; ++i)
        QVERIFY(store.enqueue(message(QStringLiteral("r%1@example.org").arg(i), QStringLiteral("s"))).ok());
    const QList<ClaimedMessage> held = store.recordAndClaim({}, 3).value();
    QCOMPARE(held.size(), 3);
    const qint64 onTheWire = held[0].outgoing.id;
    const qint64 accepted = held[1].outgoing.id;
    const qint64 untouched = held[2].outgoing.id;
    QVERIFY(store.markHandedOver(accepted, {}).value());
    QVERIFY(store.markHandedOver(onTheWire, {accepted}).value());

    // Another worker finds nothing to recover within the lease, everything after it.
    SqlMailStore rescuer(testSettings(), &clock);
    rescuer.setClaimant(QStringLiteral("rescuer"), 10000);
    QCOMPARE(rescuer.recoverAbandoned(false)->all().size(), 0);
    QVERIFY(letTimePass(clock, 11));
    auto recovery = rescuer.recoverAbandoned(false);
    QVERIFY2(recovery.ok(), qPrintable(recovery.ok() ? QString() : recovery.error().message));
    QCOMPARE(recovery->interrupted, QList<qint64>{onTheWire});
    QCOMPARE(recovery->sent, QList<qint64>{accepted});
    QCOMPARE(recovery->requeued, QList<qint64>{untouched});
    const MessageDetail d = store.detail(onTheWire).value();
    QVERIFY(d.lastError.has_value());
    QVERIFY(d.lastError->outcomeUnknown);
    QCOMPARE_ENUM(store.detail(accepted)->summary.status, MessageStatus::Sent);
    QVERIFY(store.detail(accepted)->summary.sentAt.isValid());
    QCOMPARE_ENUM(store.detail(untouched)->summary.status, MessageStatus::Queued);
    QCOMPARE(store.detail(untouched)->summary.attempts, 0);
    auto st = store.stats().value();
    QCOMPARE(st.interrupted, 1);
    QCOMPARE(st.sent, 1);
    QCOMPARE(st.queued, 2);
    QCOMPARE(st.sending, 0);
    QCOMPARE(rescuer.recoverAbandoned(false)->all().size(), 0); // nothing twice

    // The dead worker's late outcome changes nothing.
    AttemptRecord late = sentRecord(onTheWire, clock.now());
    QVERIFY(store.recordAndClaim({late}, 0).ok());
    QCOMPARE_ENUM(store.detail(onTheWire)->summary.status, MessageStatus::Interrupted);
    // Recovery of all rows (SQLite at start) takes leases that have not run out too.
    auto claimed = rescuer.recordAndClaim({}, 10);
    QCOMPARE(claimed->size(), 2);
    QCOMPARE(rescuer.recoverAbandoned(true)->requeued.size(), 2);
}

void TestStoreShared::expiredLeaseFencesTheOldHolder()
{
    ManualClock clock(kStart);
    SqlMailStore slow(testSettings(), &clock);
    SqlMailStore other(testSettings(), &clock);
    slow.setClaimant(QStringLiteral("worker-a"), 10000);
    other.setClaimant(QStringLiteral("worker-b"), 10000);
    const qint64 id = slow.enqueue(message(QStringLiteral("a@example.org"), QStringLiteral("lease"))).value();
    QCOMPARE(slow.recordAndClaim({}, 10)->size(), 1);
    QCOMPARE(other.recoverAbandoned(false)->all().size(), 0);
    QVERIFY(letTimePass(clock, 11));
    QVERIFY(!slow.markHandedOver(id, {}).value()); // its own lease ran out: it may not start it
    QCOMPARE(other.recoverAbandoned(false)->requeued, QList<qint64>{id});
    QCOMPARE(other.recordAndClaim({}, 10)->size(), 1);
    QVERIFY(!slow.markHandedOver(id, {}).value());
    QVERIFY(other.markHandedOver(id, {}).value());
    AttemptRecord late = sentRecord(id, clock.now());
    late.status = MessageStatus::Failed;
    late.error = smtpError(550, false);
    QVERIFY(slow.recordAndClaim({late}, 0).ok());
    QCOMPARE_ENUM(slow.detail(id)->summary.status, MessageStatus::Sending);
    QCOMPARE(slow.detail(id)->attempts.size(), 0);
    // A hand-back by the old holder is fenced as well.
    AttemptRecord back;
    back.id = id;
    back.status = MessageStatus::Queued;
    back.handBack = true;
    QVERIFY(slow.recordAndClaim({back}, 0).ok());
    QCOMPARE_ENUM(slow.detail(id)->summary.status, MessageStatus::Sending);
    QVERIFY(other.recordAndClaim({sentRecord(id, clock.now())}, 0).ok());
    QCOMPARE_ENUM(slow.detail(id)->summary.status, MessageStatus::Sent);

    // A heartbeat renews only rows still held.
    const qint64 second = slow.enqueue(message(QStringLiteral("b@example.org"), QStringLiteral("2"))).value();
    QCOMPARE(slow.recordAndClaim({}, 10)->size(), 1);
    WorkerInfo info;
    info.id = QStringLiteral("worker-a");
    info.state = QStringLiteral("sending");
    QVERIFY(letTimePass(clock, 8));
    QVERIFY(slow.heartbeat(info).ok());
    QVERIFY(letTimePass(clock, 8));
    QCOMPARE(other.recoverAbandoned(false)->all().size(), 0);
    QVERIFY(slow.markHandedOver(second, {}).value());
    QVERIFY(letTimePass(clock, 11));    // no heartbeat since: handed over, so interrupted after recovery
    QVERIFY(slow.heartbeat(info).ok()); // too late: renews nothing
    QCOMPARE(other.recoverAbandoned(false)->interrupted, QList<qint64>{second});
}

// Many machines, many clocks (issue 11): on a shared database leases, heartbeats and the send
// rate's minute run on the server's clock. A worker whose clock runs minutes fast takes over
// nothing another still holds; one whose clock runs slow neither shortens its own leases nor keeps
// a lease past its end; and workers that disagree about the time still share one minute's sends.
void TestStoreShared::leasesRunOnTheServersClock()
{
    const QDateTime real = QDateTime::currentDateTimeUtc();
    if (!Database::isServer()) {
        // An SQLite queue lives on one machine, so the store's own (here injected) clock is the
        // one that decides: a claim whose lease ran out by that clock is taken back.
        ManualClock early(real);
        ManualClock later(real.addSecs(300));
        SqlMailStore first(testSettings(), &early);
        SqlMailStore second(testSettings(), &later);
        first.setClaimant(QStringLiteral("first"), 60000);
        second.setClaimant(QStringLiteral("second"), 60000);
        const qint64 id =
            first.enqueue(message(QStringLiteral("a@example.org"), QStringLiteral("one"))).value();
        QCOMPARE(first.recordAndClaim({}, 1)->size(), 1);
        QCOMPARE(first.recoverAbandoned(false)->all().size(), 0);
        QCOMPARE(second.recoverAbandoned(false)->requeued, QList<qint64>{id});
        return;
    }
    ManualClock fastClock(real.addSecs(300));  // five minutes ahead
    ManualClock slowClock(real.addSecs(-300)); // five minutes behind
    SqlMailStore fast(testSettings(), &fastClock);
    SqlMailStore slow(testSettings(), &slowClock);
    fast.setClaimant(QStringLiteral("fast-worker"), 60000);
    slow.setClaimant(QStringLiteral("slow-worker"), 60000);
    auto serverNowMs = [] {
        return scalar(QStringLiteral("SELECT ") + Database::serverNowMsSql());
    };
    QVERIFY(std::abs(serverNowMs() - real.toMSecsSinceEpoch()) < 5000);

    // The slow worker claims a row and renews it; its lease is a minute of the server's time, so
    // the fast worker finds nothing to take over.
    // (Enqueued on the slow clock, so the row is due for both.)
    const qint64 held =
        slow.enqueue(message(QStringLiteral("a@example.org"), QStringLiteral("held"))).value();
    QCOMPARE(slow.recordAndClaim({}, 1)->size(), 1);
    QCOMPARE(fast.recoverAbandoned(false)->all().size(), 0);
    WorkerInfo slowInfo;
    slowInfo.id = QStringLiteral("slow-worker");
    slowInfo.host = QStringLiteral("mail-slow.example.net");
    slowInfo.startedAt = slowClock.now();
    slowInfo.state = QStringLiteral("sending");
    slowInfo.leaseMs = 60000;
    QVERIFY(slow.registerWorker(slowInfo).ok());
    QVERIFY(slow.heartbeat(slowInfo).ok());
    QCOMPARE(fast.recoverAbandoned(false)->all().size(), 0);
    const qint64 leaseEnd =
        scalar(QStringLiteral("SELECT lease_until FROM messages WHERE id = %1").arg(held));
    QVERIFY2(leaseEnd > serverNowMs() + 50000, "the lease is a minute of the server's time");
    QVERIFY(slow.markHandedOver(held, {}).value());

    // The window or `db status` on the fast machine sees the slow worker alive: the heartbeat's
    // age is measured against the database's time of reading, not against either worker's clock.
    const QList<WorkerInfo> seen = fast.workers().value();
    QCOMPARE(seen.size(), 1);
    QVERIFY(closeTo(seen.first().heartbeatAt, seen.first().readAt));
    QVERIFY(!seen.first().unresponsive(seen.first().observedAt(fastClock.now())));
    QVERIFY(closeTo(seen.first().startedAt, real)); // not the slow clock's start time

    // The fast worker claims with the shortest lease and stops renewing it. Once the server's
    // clock passes its end, its own clock (still minutes before that end by the old reckoning)
    // does not keep it: its heartbeat renews nothing, it may not start the row, and the slow
    // worker takes it back.
    const qint64 lapsed =
        slow.enqueue(message(QStringLiteral("b@example.org"), QStringLiteral("lapsed"))).value();
    fast.setClaimant(QStringLiteral("fast-worker"), 1000);
    QCOMPARE(fast.recordAndClaim({}, 1)->size(), 1);
    const qint64 lapsedEnd =
        scalar(QStringLiteral("SELECT lease_until FROM messages WHERE id = %1").arg(lapsed));
    QVERIFY(lapsedEnd <= serverNowMs() + 1000);
    QTRY_VERIFY_WITH_TIMEOUT(serverNowMs() > lapsedEnd, 10000);
    WorkerInfo fastInfo;
    fastInfo.id = QStringLiteral("fast-worker");
    fastInfo.state = QStringLiteral("sending");
    QVERIFY(fast.heartbeat(fastInfo).ok());
    QVERIFY(!fast.markHandedOver(lapsed, {}).value());
    const Recovery recovery = slow.recoverAbandoned(false).value();
    QCOMPARE(recovery.requeued, QList<qint64>{lapsed});
    QVERIFY(recovery.interrupted.isEmpty());
    QCOMPARE_ENUM(slow.detail(held)->summary.status, MessageStatus::Sending); // still the slow one's

    // Ten sends a minute, taken by both: one account for the server's minute (retried when the
    // server's minute turns between the two takes).
    bool sameMinute = false;
    for (int round = 0; round < 3 && !sameMinute; ++round) {
        QVERIFY(execSql(QStringLiteral("DELETE FROM send_rate")));
        const qint64 minute = serverNowMs() / 60000;
        const int byFast = fast.takeSendSlots(7, 10).value();
        const int bySlow = slow.takeSendSlots(7, 10).value();
        sameMinute = serverNowMs() / 60000 == minute;
        if (sameMinute) {
            QCOMPARE(byFast, 7);
            QCOMPARE(bySlow, 3);
        }
    }
    QVERIFY(sameMinute);
}

// The same fences with each worker on its own thread and connection (as two processes would be):
// what one commits, the other sees, and a fenced-out write leaves the row alone.
void TestStoreShared::fencesHoldBetweenConnections()
{
    ManualClock clock(kStart);
    SqlMailStore setup(testSettings(), &clock);
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i)
        ids.append(
            setup.enqueue(message(QStringLiteral("r%1@example.org").arg(i), QStringLiteral("s"))).value());

    std::unique_ptr<SqlMailStore> a;
    QList<qint64> claimedByA;
    QString problem;
    // Worker A's store lives on one long-lived thread; each step runs there.
    QThread threadA;
    QObject onThreadA;
    onThreadA.moveToThread(&threadA);
    threadA.start();
    auto onA = [&](const std::function<void()>& step) {
        QMetaObject::invokeMethod(&onThreadA, step, Qt::BlockingQueuedConnection);
    };
    onA([&] {
        a = std::make_unique<SqlMailStore>(testSettings(), &clock);
        a->setClaimant(QStringLiteral("worker-a"), 5000);
        auto c = a->recordAndClaim({}, 3);
        if (!c)
            problem = c.error().message;
        else
            for (const ClaimedMessage& m : c.value())
                claimedByA.append(m.outgoing.id);
    });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(claimedByA, ids);
    bool handed = false;
    onA([&] { handed = valueOr(a->markHandedOver(ids[0], {}), false); });
    QVERIFY(handed);

    QVERIFY(letTimePass(clock, 6)); // A stops answering (SIGSTOP) past its lease
    Recovery recovery;
    QList<qint64> claimedByB;
    onThread([&] {
        SqlMailStore b(testSettings(), &clock);
        b.setClaimant(QStringLiteral("worker-b"), 5000);
        auto r = b.recoverAbandoned(false);
        if (!r) {
            problem = r.error().message;
            return;
        }
        recovery = r.value();
        auto c = b.recordAndClaim({}, 10);
        if (!c) {
            problem = c.error().message;
            return;
        }
        for (const ClaimedMessage& m : c.value())
            claimedByB.append(m.outgoing.id);
    });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(recovery.interrupted, QList<qint64>{ids[0]});
    QCOMPARE(recovery.requeued, (QList<qint64>{ids[1], ids[2]}));
    QCOMPARE(claimedByB, (QList<qint64>{ids[1], ids[2]}));

    // A resumes: it may start nothing, and its outcomes are refused.
    bool mayStart = true;
    onA([&] {
        mayStart = valueOr(a->markHandedOver(ids[1], {}), true);
        auto w = a->recordAndClaim({sentRecord(ids[0], clock.now()), sentRecord(ids[1], clock.now())}, 0);
        if (!w)
            problem = w.error().message;
    });
    QVERIFY(!mayStart);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE_ENUM(setup.detail(ids[0])->summary.status, MessageStatus::Interrupted);
    QCOMPARE_ENUM(setup.detail(ids[1])->summary.status, MessageStatus::Sending);
    QCOMPARE(setup.detail(ids[1])->attempts.size(), 0);
    onA([&] {
        a.reset();
        Database::closeThreadConnection();
    });
    threadA.quit();
    threadA.wait();
}

// A worker paused past its lease may claim a row again while it still holds a copy from its first
// claim; the database sees one claim from the same worker, so the hand-over itself must let only
// one copy start (shared_faults.py `stop` sent such rows twice before).
void TestStoreShared::rowIsHandedOverOncePerClaim()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    store.setClaimant(QStringLiteral("worker-a"), 5000);
    const qint64 id = store.enqueue(message(QStringLiteral("a@example.org"), QStringLiteral("once"))).value();
    QCOMPARE(store.recordAndClaim({}, 10)->size(), 1);
    QVERIFY(letTimePass(clock, 6)); // paused past the lease; its own heartbeat finds the row abandoned
    QCOMPARE(store.recoverAbandoned(false)->requeued, QList<qint64>{id});
    QCOMPARE(store.recordAndClaim({}, 10)->size(), 1); // claimed again by the same worker
    QVERIFY(store.markHandedOver(id, {}).value());     // one copy starts
    QVERIFY(!store.markHandedOver(id, {}).value());    // the other does not
    AttemptRecord deferred;
    deferred.id = id;
    deferred.status = MessageStatus::Deferred;
    deferred.attempts = 1;
    deferred.attemptedAt = clock.now();
    deferred.nextAttemptAt = clock.now();
    deferred.error = smtpError(451, true);
    QVERIFY(store.recordAndClaim({deferred}, 0).ok());
    QCOMPARE(store.recordAndClaim({}, 10)->size(), 1); // a new claim: handed over once more
    QVERIFY(store.markHandedOver(id, {}).value());
}

// A worker stopped (SIGSTOP) in the middle of a write transaction holds the queue's revision row;
// the server ends its session after Database::idleTransactionMs() so the other workers go on,
// and the stopped one reconnects when it resumes.
void TestStoreShared::stoppedClientInsideATransactionBlocksNobody()
{
    // Server databases only (test_store_shared.py does not run it on SQLite).
    QVERIFY(Database::isServer());
    SqlMailStore setup(testSettings());
    QVERIFY(setup.enqueue(message(QStringLiteral("a@example.org"), QStringLiteral("a"))).ok());

    QThread stalled;
    QObject onStalled;
    onStalled.moveToThread(&stalled);
    stalled.start();
    QString problem;
    QMetaObject::invokeMethod(
        &onStalled,
        [&] {
            QSqlQuery q(Database::connection());
            if (!q.exec(Database::beginWriteSql()) ||
                !q.exec(QStringLiteral("UPDATE queue_state SET revision = revision + 1 WHERE id = 1")))
                problem = q.lastError().text();
            // ... and then nothing: the process is stopped.
        },
        Qt::BlockingQueuedConnection);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    int claimed = -1;
    std::unique_ptr<QThread> other(QThread::create([&] {
        SqlMailStore store(testSettings());
        store.setClaimant(QStringLiteral("worker-b"), 60000);
        auto c = store.recordAndClaim({}, 10);
        claimed = c ? int(c->size()) : -1;
        if (!c)
            problem = c.error().message;
        Database::closeThreadConnection();
    }));
    QElapsedTimer waited;
    waited.start();
    other->start();
    const bool finished = other->wait(Database::idleTransactionMs() + 10000);
    bool reconnected = false;
    QMetaObject::invokeMethod(
        &onStalled,
        [&] {
            // Resumed: its transaction is gone (without the server's timeout, the COMMIT ends it).
            QSqlError error;
            {
                QSqlQuery q(Database::connection());
                if (!q.exec(QStringLiteral("COMMIT")))
                    error = q.lastError();
            }
            const bool lost = Database::dropIfConnectionLost(error);
            {
                QSqlQuery again(Database::connection());
                reconnected =
                    lost && again.exec(QStringLiteral("SELECT revision FROM queue_state")) && again.next();
            }
            Database::closeThreadConnection();
        },
        Qt::BlockingQueuedConnection);
    stalled.quit();
    stalled.wait();
    if (!finished)
        other->wait();
    QVERIFY2(finished, "the claim waited on a stopped client's transaction");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(claimed, 1);
    QVERIFY(waited.elapsed() >= Database::idleTransactionMs() - 1000); // it did wait for the lock
    QVERIFY(reconnected);
}

// Several workers claim from one queue at once, each on its own connection: every row is
// claimed exactly once and every outcome lands.
void TestStoreShared::concurrentClaimsNeverOverlap()
{
    constexpr int kMessages = 300;
    constexpr int kWorkers = 4;
    SqlMailStore setup(testSettings());
    QList<NewMessage> batch;
    for (int i = 0; i < kMessages; ++i)
        batch.append(message(QStringLiteral("u%1@example.org").arg(i), QStringLiteral("m%1").arg(i)));
    QVERIFY(setup.enqueueBatch(batch).ok());

    QList<QList<qint64>> claimed(kWorkers);
    QStringList problems;
    QMutex mutex;
    QList<std::function<void()>> works;
    for (int w = 0; w < kWorkers; ++w) {
        works.append([w, &claimed, &problems, &mutex] {
            SqlMailStore store(testSettings());
            store.setClaimant(QStringLiteral("worker-%1").arg(w), 60000);
            QList<AttemptRecord> pending;
            for (;;) {
                auto c = store.recordAndClaim(pending, 7);
                if (!c) {
                    QMutexLocker lock(&mutex);
                    problems.append(c.error().message);
                    return;
                }
                pending.clear();
                if (c->isEmpty())
                    return;
                for (const ClaimedMessage& m : c.value()) {
                    claimed[w].append(m.outgoing.id);
                    auto held = store.markHandedOver(m.outgoing.id, {});
                    if (!held || !held.value()) {
                        QMutexLocker lock(&mutex);
                        problems.append(QStringLiteral("worker-%1 lost %2").arg(w).arg(m.outgoing.id));
                    }
                    pending.append(sentRecord(m.outgoing.id, QDateTime::currentDateTimeUtc()));
                }
            }
        });
    }
    onThreads(works);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QSet<qint64> seen;
    int total = 0;
    for (const auto& list : std::as_const(claimed)) {
        total += list.size();
        for (qint64 id : list)
            seen.insert(id);
    }
    QCOMPARE(total, kMessages);
    QCOMPARE(seen.size(), kMessages);
    const QueueStats st = setup.stats().value();
    QCOMPARE(st.sent, qint64(kMessages));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM attempts")), qint64(kMessages));
}

void TestStoreShared::sendSlotsAreSharedPerMinute()
{
    ManualClock clock(kStart);
    SqlMailStore a(testSettings(), &clock);
    SqlMailStore b(testSettings(), &clock);
    QCOMPARE(a.takeSendSlots(7, 10).value(), 7);
    QCOMPARE(b.takeSendSlots(7, 10).value(), 3);
    QCOMPARE(a.takeSendSlots(1, 10).value(), 0);
    QVERIFY(letTimePass(clock, 60));
    QCOMPARE(b.takeSendSlots(4, 10).value(), 4);
    QCOMPARE(a.takeSendSlots(5, 0).value(), 5);

    // Workers taking slots at the same moment on their own connections never exceed the rate.
    QVERIFY(letTimePass(clock, 60));
    constexpr int kWorkers = 4;
    QList<int> granted(kWorkers, 0);
    QStringList problems;
    QMutex mutex;
    QList<std::function<void()>> works;
    for (int w = 0; w < kWorkers; ++w) {
        works.append([w, &granted, &problems, &mutex, &clock] {
            SqlMailStore store(testSettings(), &clock);
            for (int i = 0; i < 15; ++i) {
                auto got = store.takeSendSlots(1, 25);
                if (!got) {
                    QMutexLocker lock(&mutex);
                    problems.append(got.error().message);
                    return;
                }
                granted[w] += got.value();
            }
        });
    }
    onThreads(works);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(std::accumulate(granted.cbegin(), granted.cend(), 0), 25);
}

void TestStoreShared::workersAreRegisteredAndListed()
{
    ManualClock clock(kStart);
    SqlMailStore store(testSettings(), &clock);
    WorkerInfo w;
    w.id = QStringLiteral("9b1e-worker");
    w.host = QStringLiteral("mail-01.example.net");
    w.pid = 4242;
    w.startedAt = clock.now();
    w.state = QStringLiteral("idle");
    w.connections = 2;
    w.settingsRevision = 7;
    w.leaseMs = 30000;
    QVERIFY(store.registerWorker(w).ok());
    WorkerInfo other = w;
    other.id = QStringLiteral("other-worker");
    other.pid = 4343;
    QVERIFY(store.registerWorker(other).ok());
    QVERIFY(!store.registerWorker(w).ok()); // one row per run

    QVERIFY(letTimePass(clock, 10));
    w.state = QStringLiteral("sending");
    w.sent = 120;
    w.failed = 3;
    QVERIFY(store.heartbeat(w).ok());
    auto list = store.workers();
    QVERIFY2(list.ok(), qPrintable(list.ok() ? QString() : list.error().message));
    QCOMPARE(list->size(), 2);
    const WorkerInfo got =
        *std::find_if(list->cbegin(), list->cend(), [&](const WorkerInfo& i) { return i.id == w.id; });
    QCOMPARE(got.host, w.host);
    QCOMPARE(got.pid, qint64(4242));
    // The times and the moment of reading are the database's: the store's clock on SQLite, the
    // server's otherwise (this test's clock is months behind it there).
    QVERIFY(closeTo(got.readAt, Database::isServer() ? QDateTime::currentDateTimeUtc() : clock.now()));
    QVERIFY(closeTo(got.startedAt, got.readAt.addSecs(-10)));
    QVERIFY(closeTo(got.heartbeatAt, got.readAt));
    QVERIFY(!got.stoppedAt.isValid());
    QCOMPARE(got.state, QStringLiteral("sending"));
    QCOMPARE(got.sent, qint64(120));
    QCOMPARE(got.failed, qint64(3));
    QCOMPARE(got.connections, 2);
    QCOMPARE(got.settingsRevision, qint64(7));
    QCOMPARE(got.leaseMs, qint64(30000));
    QVERIFY(!got.unresponsive(got.observedAt({})));
    QVERIFY(got.unresponsive(got.heartbeatAt.addSecs(31)));

    other.sent = 5; // its final counts stay with the row
    QVERIFY(store.unregisterWorker(other).ok());
    list = store.workers();
    const WorkerInfo stopped =
        *std::find_if(list->cbegin(), list->cend(), [&](const WorkerInfo& i) { return i.id == other.id; });
    QCOMPARE(stopped.state, QStringLiteral("stopped"));
    QCOMPARE(stopped.sent, qint64(5));
    QVERIFY(closeTo(stopped.stoppedAt, stopped.readAt));
    QVERIFY(!stopped.unresponsive(stopped.readAt.addDays(1)));
    // A stopped run drops out of the list after a day; a running one stays.
    QVERIFY(letTimePass(clock, 86400 + 1));
    list = store.workers();
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().id, w.id);
}

void TestStoreShared::settingsSaveLoadAndRevision()
{
    const qint64 before = SettingsStore::revision().value();
    MailSettings s = testSettings();
    s.port = 2525;
    s.username = QStringLiteral("smtp-user@example.com");
    s.queue.connections = 3;
    s.queue.ratePerMinute = 30;
    s.defaultSender = {QStringLiteral("büro@example.com"), QStringLiteral("Büro – Ärzte")};
    auto rev = SettingsStore::save(s);
    QVERIFY2(rev.ok(), qPrintable(rev.ok() ? QString() : rev.error().message));
    QVERIFY(rev.value() > before);
    QCOMPARE(SettingsStore::revision().value(), rev.value());
    auto snap = SettingsStore::loadSnapshot();
    QVERIFY2(snap.ok(), qPrintable(snap.ok() ? QString() : snap.error().message));
    QCOMPARE(snap->revision, rev.value());
    QCOMPARE(snap->settings.host, s.host);
    QCOMPARE(snap->settings.port, 2525);
    QCOMPARE(snap->settings.username, s.username);
    QCOMPARE(snap->settings.queue.connections, 3);
    QCOMPARE(snap->settings.queue.ratePerMinute, 30);
    QCOMPARE(snap->settings.defaultSender.name, QStringLiteral("Büro – Ärzte"));

    // A partial save keeps what another window saved meanwhile, and a default value is removed.
    MailSettings elsewhere = snap->settings;
    elsewhere.queue.connections = 5;
    QVERIFY(SettingsStore::save(elsewhere, {SettingKey::QueueConnections}).ok());
    MailSettings mine = snap->settings;
    mine.port = 587;
    auto rev2 = SettingsStore::save(mine, {SettingKey::SmtpPort});
    QVERIFY(rev2.ok());
    QVERIFY(rev2.value() > rev.value());
    const MailSettings loaded = SettingsStore::load().value();
    QCOMPARE(loaded.queue.connections, 5);
    QCOMPARE(loaded.port, 587);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM settings WHERE \"key\" = 'smtp.port'")), 0);

    // Raw values (internal keys) and a revision seen from another connection.
    QVERIFY(SettingsStore::setRawValue(QStringLiteral("internal.test"), QStringLiteral("one")).ok());
    QVERIFY(SettingsStore::setRawValue(QStringLiteral("internal.test"), QStringLiteral("two")).ok());
    QCOMPARE(SettingsStore::rawValue(QStringLiteral("internal.test")).value(), QStringLiteral("two"));
    QVERIFY(SettingsStore::removeRawValue(QStringLiteral("internal.test")).ok());
    QCOMPARE(SettingsStore::rawValue(QStringLiteral("internal.test"), QStringLiteral("gone")).value(),
             QStringLiteral("gone"));
    qint64 seen = 0;
    onThread([&] { seen = valueOr(SettingsStore::revision(), qint64(-1)); });
    QCOMPARE(seen, rev2.value());
}

void TestStoreShared::secretsLiveInTheDatabase()
{
    // OUTBOUND_NO_KEYCHAIN=1: the database holds them, and a write moves the settings revision.
    const QString password = QStringLiteral("pä$$'w\"ord\\;--");
    const qint64 before = SettingsStore::revision().value();
    auto where = SecretStore::writePassword(password);
    QVERIFY2(where.ok(), qPrintable(where.ok() ? QString() : where.error().message));
    QVERIFY(where.value() == SecretStore::Backend::Database);
    QVERIFY(SettingsStore::revision().value() > before);
    QCOMPARE(SecretStore::readPassword().value(), password);
    QString fromOther;
    onThread([&] { fromOther = valueOr(SecretStore::readPassword(), QString()); });
    QCOMPARE(fromOther, password);
    QVERIFY(SecretStore::writePassword(QStringLiteral("second")).ok());
    QCOMPARE(SecretStore::readPassword().value(), QStringLiteral("second"));
    QVERIFY(SecretStore::erasePassword().ok());
    QCOMPARE(SecretStore::readPassword().value(), QString());

    QVERIFY(SecretStore::writeSecret(TokenStore::kClientSecretName, QStringLiteral("client-secret")).ok());
    QCOMPARE(SecretStore::readSecret(TokenStore::kClientSecretName).value(), QStringLiteral("client-secret"));
    QVERIFY(SecretStore::eraseSecret(TokenStore::kClientSecretName).ok());
    QCOMPARE(SecretStore::readSecret(TokenStore::kClientSecretName).value(), QString());
}

void TestStoreShared::tokenLeaseHasOneHolder()
{
    TokenSet tokens;
    tokens.accessToken = QStringLiteral("access-1");
    tokens.refreshToken = QStringLiteral("refresh-1");
    tokens.expiresAt = kStart.addSecs(3600);
    QVERIFY(TokenStore::storeLogin(tokens).ok());
    auto snap = TokenStore::load();
    QVERIFY2(snap.ok(), qPrintable(snap.ok() ? QString() : snap.error().message));
    QCOMPARE(snap->tokens.refreshToken, QStringLiteral("refresh-1"));
    const qint64 version = snap->version;

    // Of several processes (connections) trying at once, exactly one holds the lease.
    constexpr int kContenders = 4;
    QList<int> won(kContenders, 0);
    QList<std::function<void()>> works;
    for (int i = 0; i < kContenders; ++i)
        works.append([i, &won] {
            won[i] = valueOr(TokenStore::tryLease(QStringLiteral("holder-%1").arg(i), 60), false) ? 1 : 0;
        });
    onThreads(works);
    QCOMPARE(std::accumulate(won.cbegin(), won.cend(), 0), 1);
    const int winner = int(std::find(won.cbegin(), won.cend(), 1) - won.cbegin());
    const QString holder = QStringLiteral("holder-%1").arg(winner);
    QVERIFY(TokenStore::tryLease(holder, 60).value()); // renewal by the holder
    QVERIFY(!TokenStore::tryLease(QStringLiteral("someone-else"), 60).value());

    TokenSet refreshed = tokens;
    refreshed.accessToken = QStringLiteral("access-2");
    refreshed.refreshToken = QStringLiteral("refresh-2");
    QVERIFY(TokenStore::storeRefreshed(holder, refreshed).ok());
    snap = TokenStore::load();
    QCOMPARE(snap->tokens.refreshToken, QStringLiteral("refresh-2"));
    QVERIFY(snap->version > version);
    QVERIFY(TokenStore::tryLease(QStringLiteral("someone-else"), 60).value()); // released
    QVERIFY(TokenStore::releaseLease(QStringLiteral("someone-else")).ok());

    QVERIFY(TokenStore::markSignInNeeded(QStringLiteral("invalid_grant")).ok());
    snap = TokenStore::load();
    QVERIFY(snap->signInNeeded);
    QCOMPARE(snap->signInReason, QStringLiteral("invalid_grant"));
    QVERIFY(TokenStore::clear().ok());
    snap = TokenStore::load();
    QVERIFY(!snap->signInNeeded);
    QVERIFY(snap->tokens.isEmpty());
}

QTEST_GUILESS_MAIN(TestStoreShared)
#include "test_store_shared.moc"
