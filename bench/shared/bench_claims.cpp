// Claim + complete throughput of the queue store without SMTP: N workers (threads, each with its
// own connection and claimant, as N worker processes would have) drain M queued rows through the
// same calls the worker makes: recordAndClaim (outcomes of the previous batch + the next claim) and
// markHandedOver before each message.
//
//   bench_claims --db ADDRESS --workers N [--messages M] [--batch B]
// The server's password comes from the password file ($PGPASSFILE / $OUTBOUND_DBPASS_FILE).
// Prints one line: "workers=N messages=M ms=T rate=R".

#include "common/Database.h"
#include "queue/SqlMailStore.h"
#include "settings/SettingsStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <atomic>
#include <cstdio>

using namespace outbound;

namespace {

MailSettings benchSettings()
{
    MailSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.defaultSender.email = QStringLiteral("billing@example.com");
    return s;
}

bool fill(int count)
{
    QSqlQuery q(Database::connection());
    for (const char* sql : {"DELETE FROM attempts", "DELETE FROM message_bodies", "DELETE FROM messages",
                            "DELETE FROM removed_messages", "DELETE FROM workers"}) {
        if (!q.exec(QString::fromLatin1(sql))) {
            std::fprintf(stderr, "bench_claims: %s\n", qPrintable(q.lastError().text()));
            return false;
        }
    }
    SqlMailStore store(benchSettings());
    QList<PreparedMessage> batch;
    for (int i = 0; i < count; ++i) {
        NewMessage m;
        m.category = Category::Invoice;
        m.content.to = {{{}, QStringLiteral("user%1@example.org").arg(i)}};
        m.content.subject = QStringLiteral("Invoice %1").arg(i);
        m.content.text = QStringLiteral("The quick brown fox jumps over the lazy dog. ").repeated(40);
        auto p = store.prepare(m);
        if (!p) {
            std::fprintf(stderr, "bench_claims: %s\n", qPrintable(p.error().message));
            return false;
        }
        batch.append(std::move(p).value());
        if (batch.size() == 500 || i == count - 1) {
            if (auto ids = store.insertPrepared(batch); !ids) {
                std::fprintf(stderr, "bench_claims: %s\n", qPrintable(ids.error().message));
                return false;
            }
            batch.clear();
        }
    }
    return true;
}

class Drainer : public QThread
{
public:
    Drainer(int index, int batch, std::atomic<qint64>* done) : m_index(index), m_batch(batch), m_done(done) {}
    QString error;

protected:
    void run() override
    {
        {
            SqlMailStore store(benchSettings());
            store.setClaimant(QStringLiteral("bench-%1").arg(m_index), 60000);
            QList<AttemptRecord> outcomes;
            QElapsedTimer t;
            qint64 claimNs = 0;
            for (;;) {
                t.start();
                auto claimed = store.recordAndClaim(outcomes, m_batch);
                claimNs += t.nsecsElapsed();
                if (!claimed) {
                    error = claimed.error().message;
                    break;
                }
                *m_done += outcomes.size();
                outcomes.clear();
                if (claimed->isEmpty())
                    break;
                static const bool mark = qEnvironmentVariableIntValue("BENCH_NO_MARK") == 0;
                for (const ClaimedMessage& c : claimed.value()) {
                    if (!mark) {
                    } else if (auto held = store.markHandedOver(c.outgoing.id, {}); !held || !held.value()) {
                        error = held ? QStringLiteral("lost a claim") : held.error().message;
                        break;
                    }
                    AttemptRecord r;
                    r.id = c.outgoing.id;
                    r.status = MessageStatus::Sent;
                    r.attempts = 1;
                    r.attemptedAt = QDateTime::currentDateTimeUtc();
                    r.acceptanceLine = QStringLiteral("250 ok");
                    outcomes.append(r);
                }
                if (!error.isEmpty())
                    break;
            }
            if (qEnvironmentVariableIntValue("BENCH_PROFILE"))
                std::fprintf(stderr, "worker %d: %lld ms in recordAndClaim\n", m_index,
                             static_cast<long long>(claimNs / 1000000));
        }
        Database::closeThreadConnection();
    }

private:
    int m_index;
    int m_batch;
    std::atomic<qint64>* m_done;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("db"), QStringLiteral("database"), QStringLiteral("ADDRESS")});
    parser.addOption(
        {QStringLiteral("workers"), QStringLiteral("workers"), QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption(
        {QStringLiteral("messages"), QStringLiteral("rows"), QStringLiteral("M"), QStringLiteral("20000")});
    parser.addOption(
        {QStringLiteral("batch"), QStringLiteral("claim size"), QStringLiteral("B"), QStringLiteral("32")});
    parser.process(app);
    Database::setMigrationsAllowed(true);
    if (auto s = Database::initializeUrl(parser.value(QStringLiteral("db"))); !s) {
        std::fprintf(stderr, "bench_claims: %s\n", qPrintable(s.error().message));
        return 2;
    }
    if (auto s = SettingsStore::ensureSchema(); !s) {
        std::fprintf(stderr, "bench_claims: %s\n", qPrintable(s.error().message));
        return 2;
    }
    if (auto s = SqlMailStore::ensureSchema(); !s) {
        std::fprintf(stderr, "bench_claims: %s\n", qPrintable(s.error().message));
        return 2;
    }
    const int workers = parser.value(QStringLiteral("workers")).toInt();
    const int messages = parser.value(QStringLiteral("messages")).toInt();
    if (!fill(messages))
        return 1;
    std::atomic<qint64> done{0};
    QList<Drainer*> threads;
    for (int i = 0; i < workers; ++i)
        threads.append(new Drainer(i, parser.value(QStringLiteral("batch")).toInt(), &done));
    QElapsedTimer timer;
    timer.start();
    for (Drainer* t : std::as_const(threads))
        t->start();
    for (Drainer* t : std::as_const(threads))
        t->wait();
    const qint64 ms = std::max<qint64>(1, timer.elapsed());
    int failures = 0;
    for (Drainer* t : std::as_const(threads)) {
        if (!t->error.isEmpty()) {
            std::fprintf(stderr, "bench_claims: %s\n", qPrintable(t->error));
            ++failures;
        }
    }
    qDeleteAll(threads);
    SqlMailStore check(benchSettings());
    const qint64 sent = check.stats() ? check.stats()->sent : -1;
    std::printf("workers=%d messages=%d sent=%lld ms=%lld rate=%lld\n", workers, messages,
                static_cast<long long>(sent), static_cast<long long>(ms),
                static_cast<long long>(done.load() * 1000 / ms));
    return failures == 0 && sent == messages ? 0 : 1;
}
