// bench_gui MODE [options]
//   stall-testsend              longest GUI-thread gap while a test send waits on a silent server
//   stall-drain --port P [--count N]
//                               longest gap while the queue worker drains N messages to P
//   stall-save [--lock-ms N]    longest gap while Settings › Mail saves and another connection holds
//                               the database's write lock for N ms (default 3000)
//   million [--rows N] [--db PATH]
//                               time to show the Mail Queue page's first rows over N rows, and RSS;
//                               --db keeps the filled database at PATH and reuses it next time
// Prints one "name value unit" line per figure.
#include "GuiText.h"
#include "MailQueueModel.h"
#include "MailQueuePage.h"
#include "MailSettingsPage.h"
#include "TestSendDialog.h"
#include "common/Database.h"
#include "queue/MailStore.h"
#include "settings/SettingsStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <cstdio>

using namespace outbound;
using namespace outbound::gui;

namespace {

// The longest pause between 10 ms ticks of a GUI-thread timer.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 gap = m_clock.restart();
            m_longest = std::max(m_longest, gap);
            if (gap > 40 && qEnvironmentVariableIsSet("BENCH_GUI_VERBOSE"))
                std::fprintf(stderr, "stall of %lld ms ending at %lld ms\n", gap, m_since.elapsed());
            ++m_ticks;
        });
        m_clock.start();
        m_since.start();
        m_timer.start();
    }
    qint64 longestGapMs() const { return m_longest; }
    qint64 ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    QElapsedTimer m_since;
    qint64 m_longest = 0;
    qint64 m_ticks = 0;
};

QString argValue(const QStringList& args, const QString& name, const QString& fallback)
{
    const int i = int(args.indexOf(name));
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

qint64 statusKb(const char* field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

void print(const char* name, double value, const char* unit)
{
    std::printf("%-34s %12.1f %s\n", name, value, unit);
    std::fflush(stdout);
}

MailSettings localSettings(quint16 port)
{
    MailSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.port = port;
    s.encryption = Encryption::None;
    s.auth = AuthMethod::None;
    s.heloName = QStringLiteral("bench.test");
    s.defaultSender = {QStringLiteral("bench@example.org"), QStringLiteral("Bench")};
    return s;
}

// Sleeps in the event loop between checks, as the window's GUI thread does. (processEvents() with
// a time limit drops WaitForMoreEvents and spins: on two cores that took a core from the store
// thread being measured.) The tick bounds each sleep, so the deadline is kept without events.
bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QTimer tick;
    tick.start(5);
    while (!done() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return done();
}

int stallTestSend()
{
    QTcpServer silent; // accepts and never answers: the greeting watchdog has to end it
    QList<QTcpSocket*> held;
    QObject::connect(&silent, &QTcpServer::newConnection, &silent, [&] {
        while (QTcpSocket* s = silent.nextPendingConnection())
            held.append(s);
    });
    if (!silent.listen(QHostAddress::LocalHost, 0))
        return 1;
    MailSettings settings = localSettings(silent.serverPort());
    settings.timeouts.greeting = 3;
    TestSendDialog dialog(settings, QString());
    dialog.show();
    dialog.findChild<QLineEdit*>(QStringLiteral("recipientEdit"))
        ->setText(QStringLiteral("admin@example.net"));
    bool finished = false;
    QObject::connect(&dialog, &TestSendDialog::sendFinished, &dialog, [&] { finished = true; });
    // Let the dialog paint once first: the figure is about sending, not about the first show.
    QElapsedTimer settle;
    settle.start();
    waitUntil([&] { return settle.elapsed() > 300; }, 1000);
    StallMeter meter;
    QElapsedTimer clock;
    clock.start();
    dialog.send();
    if (!waitUntil([&] { return finished; }, 20000)) {
        std::fprintf(stderr, "the test send did not finish\n");
        return 1;
    }
    print("testsend_silent_duration", double(clock.elapsed()), "ms");
    print("testsend_longest_gui_stall", double(meter.longestGapMs()), "ms");
    return 0;
}

int stallDrain(quint16 port, int count)
{
    MailSettings settings = localSettings(port);
    settings.queue.connections = 2;
    if (auto s = SettingsStore::save(settings); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
        return 1;
    }
    {
        auto store = openMailStore(settings);
        QList<NewMessage> batch;
        for (int i = 0; i < count; ++i) {
            NewMessage m;
            m.category = Category::Invoice;
            m.content.from = MailAddress{QStringLiteral("Bench"), QStringLiteral("bench@example.org")};
            m.content.to = {MailAddress{QString(), QStringLiteral("customer%1@example.net").arg(i)}};
            m.content.subject = QStringLiteral("Invoice %1").arg(i);
            m.content.text = QStringLiteral("Hello,\n\nyour invoice %1 is attached.\n").arg(i);
            batch.append(m);
            if (batch.size() == 1000 || i + 1 == count) {
                if (auto r = store->enqueueBatch(batch); !r) {
                    std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
                    return 1;
                }
                batch.clear();
            }
        }
    }
    MailQueuePage page;
    page.resize(1280, 800);
    page.show();
    page.activate();
    waitUntil([&] { return page.model()->rowCount() > 0; }, 10000);
    StallMeter meter;
    QElapsedTimer clock;
    clock.start();
    page.setSendingEnabled(true);
    const bool drained = waitUntil(
        [&] {
            const QueueStats& s = page.model()->stats();
            return s.sent + s.failed >= count && s.queued == 0 && s.sending == 0;
        },
        600000);
    const qint64 elapsed = clock.elapsed();
    page.shutdown();
    if (!drained) {
        std::fprintf(stderr, "the queue did not drain (sent %lld)\n", page.model()->stats().sent);
        return 1;
    }
    print("drain_messages", double(count), "messages");
    print("drain_duration", double(elapsed), "ms");
    print("drain_rate", count * 1000.0 / std::max<qint64>(1, elapsed), "messages/s");
    print("drain_longest_gui_stall", double(meter.longestGapMs()), "ms");
    return 0;
}

// Another writer (a CLI command, a worker) holds BEGIN IMMEDIATE while the window saves.
int stallSave(int lockMs)
{
    if (!SettingsStore::save(localSettings(2525)))
        return 1;
    MailSettingsPage page;
    page.resize(1100, 800);
    page.show();
    bool loaded = false;
    QObject::connect(&page, &MailSettingsPage::loaded, &page, [&] { loaded = true; });
    page.load();
    if (!waitUntil([&] { return loaded; }, 10000)) {
        std::fprintf(stderr, "the settings page did not load\n");
        return 1;
    }
    page.findChild<QLineEdit*>(QStringLiteral("hostEdit"))->setText(QStringLiteral("relay.example.org"));

    std::atomic<bool> locked{false};
    const QString path = Database::path();
    QThread* holder = QThread::create([&locked, path, lockMs] {
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-lock"));
            db.setDatabaseName(path);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
                    locked = true;
                    QThread::msleep(static_cast<unsigned long>(lockMs));
                    q.exec(QStringLiteral("COMMIT"));
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bench-lock"));
    });
    holder->start();
    if (!waitUntil([&] { return locked.load(); }, 5000)) {
        std::fprintf(stderr, "could not take the write lock\n");
        return 1;
    }
    bool saved = false;
    QObject::connect(&page, &MailSettingsPage::saved, &page, [&] { saved = true; });
    StallMeter meter;
    QElapsedTimer clock;
    clock.start();
    if (!page.save()) {
        std::fprintf(stderr, "save refused\n");
        return 1;
    }
    if (!waitUntil([&] { return saved; }, lockMs + 15000)) {
        std::fprintf(stderr, "the save did not finish\n");
        return 1;
    }
    print("save_locked_duration", double(clock.elapsed()), "ms");
    print("save_locked_longest_gui_stall", double(meter.longestGapMs()), "ms");
    holder->wait();
    delete holder;
    return 0;
}

int million(int rows, bool reuse, int bodyBytes)
{
    if (reuse) {
        print("million_rows_reused", double(rows), "rows");
    } else {
        // The store creates its schema; the rows go in raw, in one transaction.
        auto store = openMailStore(MailSettings());
        QSqlDatabase db = Database::connection();
        QElapsedTimer fill;
        fill.start();
        QSqlQuery q(db);
        q.exec(QStringLiteral("BEGIN"));
        q.prepare(QStringLiteral(
            "INSERT INTO messages (status, category, from_email, from_name, to_addrs, recipients, subject, "
            "message_id, envelope_from, envelope_rcpts, size, queued_at, not_before, attempts, last_error, "
            "revision) VALUES (?, 'invoice', 'billing@example.org', 'Billing', ?, ?, ?, ?, "
            "'billing@example.org', ?, 2048, ?, ?, ?, ?, 1)"));
        const char* statuses[] = {"sent", "sent", "sent", "queued", "deferred", "failed", "cancelled"};
        // --body-bytes: each row also gets its message, as enqueue stores it (raw MIME and the text
        // the detail pane shows); 0 = bare rows, the worst case for the indexes' share of the file.
        QSqlQuery body(db);
        body.prepare(QStringLiteral("INSERT INTO message_bodies (id, raw, text_body) VALUES (?, ?, ?)"));
        const QByteArray filler = QByteArray("Dear customer, please find your invoice attached. ")
                                      .repeated(std::max(1, bodyBytes / 50 + 1));
        const qint64 start = QDateTime::currentSecsSinceEpoch() - rows;
        for (int i = 0; i < rows; ++i) {
            const QString to = QStringLiteral("customer%1@example.net").arg(i);
            const QString status = QLatin1String(statuses[i % 7]);
            q.addBindValue(status);
            q.addBindValue(to);
            q.addBindValue(to);
            q.addBindValue(QStringLiteral("Invoice %1").arg(i));
            q.addBindValue(QStringLiteral("<%1@bench.example.org>").arg(i));
            q.addBindValue(to);
            q.addBindValue(start + i);
            q.addBindValue(start + i);
            q.addBindValue(status == u"failed" ? 6 : (status == u"deferred" ? 2 : 1));
            q.addBindValue(status == u"failed" ? QStringLiteral("rcpt: 550 5.1.1 user unknown")
                                               : QStringLiteral(""));
            if (!q.exec()) {
                std::fprintf(stderr, "insert: %s\n", qPrintable(q.lastError().text()));
                return 1;
            }
            if (bodyBytes > 0) {
                const QByteArray raw = "Subject: Invoice " + QByteArray::number(i) + "\r\n\r\n" + filler;
                body.addBindValue(q.lastInsertId());
                body.addBindValue(raw.left(bodyBytes));
                body.addBindValue(QString::fromLatin1(filler.left(bodyBytes / 2)));
                if (!body.exec()) {
                    std::fprintf(stderr, "insert body: %s\n", qPrintable(body.lastError().text()));
                    return 1;
                }
            }
        }
        QSqlQuery(db).exec(QStringLiteral("COMMIT"));
        // Rows enter the search index per batch, as SqlMailStore::insertPrepared() does (no
        // trigger per row since queue schema 6).
        QSqlQuery index(db);
        if (index.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = 'messages_fts'")) &&
            index.next())
            index.exec(QStringLiteral("INSERT INTO messages_fts(messages_fts) VALUES('rebuild')"));
        print("million_rows_inserted", double(rows), "rows");
        print("million_insert_duration", double(fill.elapsed()), "ms");
        // What the search and sort indexes (queue schema 4 and queue_indexes 1) cost in space, against
        // the rest of the file (the bench rows have no bodies: the worst case for this ratio).
        QSqlQuery size(db);
        size.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        if (size.exec(QStringLiteral(
                "SELECT sum(pgsize), sum(CASE WHEN name LIKE 'messages_fts%' OR name LIKE 'messages_sort_%' "
                "OR name IN ('message_senders', 'messages_next_attempt') THEN pgsize ELSE 0 END) FROM "
                "dbstat")) &&
            size.next()) {
            const double total = size.value(0).toDouble();
            const double added = size.value(1).toDouble();
            print("million_db_size", total / 1e6, "MB");
            print("million_search_sort_indexes", added / 1e6, "MB");
            print("million_db_growth_from_indexes", total > added ? 100.0 * added / (total - added) : -1,
                  "%");
        }
    }
    const qint64 rssBefore = statusKb("VmRSS:");
    QElapsedTimer clock;
    clock.start();
    MailQueuePage page;
    page.resize(1280, 800);
    page.show();
    page.activate();
    if (!waitUntil([&] { return page.model()->rowCount() > 0; }, 30000)) {
        std::fprintf(stderr, "no rows shown\n");
        return 1;
    }
    print("million_first_rows_shown", double(clock.elapsed()), "ms");
    waitUntil([&] { return page.model()->totalRows() >= 0; }, 30000);
    print("million_total_counted", double(clock.elapsed()), "ms");
    print("million_rows_loaded", double(page.model()->rowCount()), "rows");
    // Scroll through ten more pages the way a user would.
    for (int i = 0; i < 10; ++i) {
        page.model()->fetchMore({});
        waitUntil([&] { return !page.model()->isLoading(); }, 10000);
    }
    print("million_rows_after_scrolling", double(page.model()->rowCount()), "rows");
    // Filter, search and sort all run in SQL on the store thread; the GUI thread keeps ticking.
    StallMeter meter;
    bool statsSeen = false;
    QObject::connect(page.model(), &MailQueueModel::statsChanged, &page, [&] { statsSeen = true; });
    auto timeReload = [&](const char* name, const std::function<void()>& change) {
        statsSeen = false;
        QElapsedTimer t;
        t.start();
        change();
        waitUntil([&] { return page.model()->rowCount() > 0 && !page.model()->isLoading(); }, 60000);
        print(name, double(t.elapsed()), "ms");
        // The total and the per-status counts follow the first page on the same store thread; let
        // them finish so the next figure measures its own first page, not the queue before it.
        waitUntil([&] { return page.model()->totalRows() >= 0 && statsSeen; }, 120000);
    };
    timeReload("million_filter_failed_first_rows",
               [&] { page.model()->setStatusFilter({MessageStatus::Failed}); });
    timeReload("million_search_first_rows", [&] {
        page.model()->setStatusFilter({});
        page.model()->setSearchText(QStringLiteral("customer99999@"));
    });
    timeReload("million_search_common_first_rows",
               [&] { page.model()->setSearchText(QStringLiteral("example.net")); });
    timeReload("million_sort_subject_first_rows", [&] {
        page.model()->setSearchText(QString());
        page.model()->sort(MailQueueModel::SubjectColumn, Qt::AscendingOrder);
    });
    // Every other sortable column, both directions: the slowest first page is the figure.
    double slowestSort = 0;
    for (int column = MailQueueModel::IdColumn; column < MailQueueModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            statsSeen = false;
            QElapsedTimer t;
            t.start();
            page.model()->sort(column, order);
            waitUntil([&] { return page.model()->rowCount() > 0 && !page.model()->isLoading(); }, 60000);
            slowestSort = std::max(slowestSort, double(t.elapsed()));
            waitUntil([&] { return page.model()->totalRows() >= 0 && statsSeen; }, 120000);
        }
    }
    print("million_sort_any_column_slowest", slowestSort, "ms");
    print("million_longest_gui_stall", double(meter.longestGapMs()), "ms");
    print("million_rss_before_page", statusKb("VmRSS:") >= 0 ? rssBefore / 1024.0 : -1, "MB");
    print("million_rss", statusKb("VmRSS:") / 1024.0, "MB");
    print("million_rss_peak", statusKb("VmHWM:") / 1024.0, "MB");
    page.shutdown();
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    qputenv("OUTBOUND_NO_KEYCHAIN", "1");
    QApplication app(argc, argv);
    initResources();
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        std::fprintf(
            stderr,
            "usage: bench_gui stall-testsend | stall-drain --port P [--count N] | stall-save [--lock-ms N] | "
            "million [--rows N] [--body-bytes N] [--db PATH]\n");
        return 2;
    }
    QTemporaryDir dir;
    const QString mode = args.first();
    // A kept million-row database saves the minutes of filling it again (see --db).
    const QString keptDb = mode == u"million" ? argValue(args, QStringLiteral("--db"), QString()) : QString();
    const bool reuse = !keptDb.isEmpty() && QFile::exists(keptDb);
    if (!Database::initialize(keptDb.isEmpty() ? dir.filePath(QStringLiteral("bench.sqlite")) : keptDb) ||
        !SettingsStore::ensureSchema())
        return 1;
    if (mode == u"stall-testsend")
        return stallTestSend();
    if (mode == u"stall-drain")
        return stallDrain(quint16(argValue(args, QStringLiteral("--port"), QStringLiteral("0")).toUInt()),
                          argValue(args, QStringLiteral("--count"), QStringLiteral("20000")).toInt());
    if (mode == u"stall-save")
        return stallSave(argValue(args, QStringLiteral("--lock-ms"), QStringLiteral("3000")).toInt());
    if (mode == u"million")
        return million(argValue(args, QStringLiteral("--rows"), QStringLiteral("1000000")).toInt(), reuse,
                       argValue(args, QStringLiteral("--body-bytes"), QStringLiteral("0")).toInt());
    std::fprintf(stderr, "unknown mode %s\n", qPrintable(mode));
    return 2;
}
