#pragma once

#include "queue/MailStore.h"
#include "queue/QueueTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>

namespace outbound::gui {

// One CSV field: quoted when needed, and made inert for spreadsheets when it starts like a formula.
QString csvField(const QString& value);

// Owns a MailStore on its own thread. Everything that touches SQL runs there; callers post work
// with run() and get results back as queued calls on their own thread.
class QueueStoreThread : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueStoreThread)

public:
    using StoreFactory = std::function<std::unique_ptr<MailStore>()>;

    // The factory runs on the store thread (SQLite connections must be made where they are used).
    explicit QueueStoreThread(StoreFactory factory, QObject* parent = nullptr);
    ~QueueStoreThread() override; // finishes the running request, then joins

    // Runs `work(store)` on the store thread. The store is null when the factory failed.
    void run(std::function<void(MailStore* store)> work);

    // The default: the embedded SQLite store on the app database, with the saved settings.
    static StoreFactory defaultFactory();

    // PostgreSQL: LISTEN on `channels` with this thread's connection (never the GUI thread's), so
    // a commit anywhere (a worker on another machine, the CLI) reaches the window at once; the
    // store NOTIFYs `outbound_queue`, settings saves `outbound_settings`. Other backends have no
    // notifications: listening() stays false and the callers keep polling.
    void listen(const QStringList& channels);
    // Subscribes again when the connection was replaced (after the server went away); call it
    // now and then. A new subscription reports listeningChanged(true): whatever was committed
    // while nobody listened must be read once.
    void keepListening();

Q_SIGNALS:
    // A NOTIFY on `channel` arrived. Bursts are folded: while one report waits for the GUI
    // thread, further notifications of that channel add nothing.
    void notified(const QString& channel);
    void listeningChanged(bool listening);

private:
    struct Listener;
    QThread m_thread;
    QObject* m_worker = nullptr; // lives on m_thread
    std::shared_ptr<std::unique_ptr<MailStore>> m_store;
    std::shared_ptr<Listener> m_listener; // used on m_thread only
};

// The Mail Queue as a table: pages fetched on demand (canFetchMore/fetchMore), filter and sort
// done in SQL, live updates of changed rows only. All SQL runs on a QueueStoreThread.
class MailQueueModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailQueueModel)

public:
    enum Column
    {
        IdColumn,
        QueuedColumn,
        CategoryColumn,
        FromColumn,
        ToColumn,
        SubjectColumn,
        StatusColumn,
        AttemptsColumn,
        NextAttemptColumn,
        LastErrorColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        StatusRole, // MessageStatus as int
    };
    enum class Action
    {
        Retry,
        RetryAllFailed,
        Cancel,
        Delete,
        MarkSent
    };

    explicit MailQueueModel(QueueStoreThread* store, QObject* parent = nullptr);
    // Counting (the per-status figures, a search's total) and the CSV export of a filter run on
    // `counter`, a second connection, so a count over a million rows never holds up the next page.
    MailQueueModel(QueueStoreThread* store, QueueStoreThread* counter, QObject* parent = nullptr);
    ~MailQueueModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setStatusFilter(const QList<MessageStatus>& statuses);
    void setSearchText(const QString& text);
    void setPageSize(int rows) { m_pageSize = rows; }
    // Drops the loaded rows and starts again from the first page.
    void reload();
    // Asks the store what changed since the last look and updates those rows in place.
    void refreshChanged();
    // The per-status figures and the filter's total. Counted again only when the queue changed
    // (its revision moved); a search's total at most every few seconds while the queue changes.
    void refreshStats();

    // Totals for the current filter (-1 while unknown) and for the whole queue.
    qint64 totalRows() const { return m_total; }
    const QueueStats& stats() const { return m_stats; }
    bool isLoading() const { return m_fetching; }
    bool isAvailable() const { return m_available; }

    std::optional<MessageSummary> summaryAt(int row) const;
    int rowOf(qint64 id) const { return m_rowById.value(id, -1); }
    void runAction(Action action, const QList<qint64>& ids);
    // Detail for the pane; the answer arrives as detailReady().
    void requestDetail(qint64 id);
    // Writes the rows with `ids` (loaded ones), or every row of the current filter and sort when
    // `ids` is empty, to a CSV file on the store thread; exportFinished() reports.
    void exportCsv(const QString& path, const QList<qint64>& ids);

Q_SIGNALS:
    void pageLoaded(int firstRow, int count);
    void totalChanged(qint64 total);
    void statsChanged(const outbound::QueueStats& stats);
    void rowsUpdated(const QList<qint64>& ids);
    void actionFinished(outbound::gui::MailQueueModel::Action action, int changed, const QString& error);
    void detailReady(qint64 id, const outbound::MessageDetail& detail);
    void detailFailed(qint64 id, const QString& error);
    void storeError(const QString& message);
    // The regular look for changes (refreshChanged) failed, or works again after failing: the
    // database (a server) went away or is back. Only sent when it changes.
    void availabilityChanged(bool available, const QString& reason);
    void exportFinished(qint64 rows, const QString& error);

private:
    MessageQuery baseQuery() const;
    void requestPage();
    void applyPage(quint64 generation, int offset, const QList<MessageSummary>& rows, bool complete);
    void applyChanges(const QList<MessageSummary>& rows, qint64 revision);
    bool matchesFilter(const MessageSummary& summary) const;
    // newTotal: the filter changed, so its total is needed now (not throttled).
    void refreshCounts(bool newTotal);
    void setAvailable(bool available, const QString& reason);

    struct CountCache; // lives on the counter's thread

    QPointer<QueueStoreThread> m_store;
    QPointer<QueueStoreThread> m_counter;
    std::shared_ptr<CountCache> m_countCache;
    bool m_countsInFlight = false;
    bool m_countsAgain = false;
    bool m_countsAgainNewTotal = false;
    std::shared_ptr<std::atomic<quint64>> m_latestGeneration;
    quint64 m_generation = 0;
    QList<MessageSummary> m_rows;
    QHash<qint64, int> m_rowById;
    qint64 m_total = -1;
    bool m_exhausted = false;
    bool m_fetching = false;
    bool m_changesPending = false;
    qint64 m_revision = -1;
    int m_pageSize = 200;
    QList<MessageStatus> m_statuses;
    QString m_search;
    MessageQuery::SortColumn m_sortColumn = MessageQuery::SortColumn::Id;
    bool m_descending = true;
    QueueStats m_stats;
    bool m_available = true;
    QString m_unavailableReason;
};

} // namespace outbound::gui
