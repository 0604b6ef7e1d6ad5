#pragma once

#include "queue/QueueTypes.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QTableView;
class QToolButton;

namespace outbound::gui {

class QueueStoreThread;

// The workers that drain the queue, as the store lists them (MailStore::workers(): the running
// ones and those stopped within a day), running ones first.
class WorkersModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkersModel)

public:
    enum Column
    {
        HostColumn,
        ProcessColumn,
        StartedColumn,
        HeartbeatColumn,
        StateColumn,
        ConnectionsColumn,
        SentColumn,
        FailedColumn,
        ColumnCount
    };

    explicit WorkersModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A worker is not responding when its heartbeat is older than its lease at the moment the
    // database read its row (WorkerInfo::readAt, the server's clock on a shared database); `now`
    // (this machine's clock) stands in only for rows that do not say.
    void setWorkers(const QList<WorkerInfo>& workers, const QDateTime& now);
    const QList<WorkerInfo>& workers() const { return m_workers; }
    // The state as the table shows it: "Sending", "Idle", ..., "Not responding", "Stopped".
    QString stateText(const WorkerInfo& worker) const;

private:
    QList<WorkerInfo> m_workers;
    QDateTime m_now;
};

// Settings › Mail, Mail Queue, Workers: this page lists every worker on the queue (this window's,
// `outbound-cli worker` processes, other machines on a shared database), read off the GUI thread
// on the window's store thread every few seconds while the page is shown.
class WorkersPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkersPage)

public:
    explicit WorkersPage(QueueStoreThread* store, QWidget* parent = nullptr);

    WorkersModel* model() const { return m_model; }
    // The window's Sending switch, shown on this page too (a worker in this window joins the others).
    void setSendingAction(QAction* action);
    // ITFlow: who drains the queue, as the Mail Queue page reads it (shown under the intro; empty
    // hides the line).
    void setQueueOwnerText(const QString& text);
    // Asks the store now (the timer asks every refreshInterval() while the page is shown).
    void refresh();
    static int refreshInterval() { return 3000; }

Q_SIGNALS:
    // A refresh finished (ok = false: the store answered with an error, shown on the page).
    void refreshed(bool ok);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void apply(const QList<WorkerInfo>& workers);
    void showProblem(const QString& message);

    QPointer<QueueStoreThread> m_store;
    WorkersModel* m_model = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_intro = nullptr;
    QLabel* m_owner = nullptr;
    QLabel* m_status = nullptr;
    QTableView* m_table = nullptr;
    QToolButton* m_sendingButton = nullptr;
    QTimer m_timer;
    bool m_pending = false;
    QString m_problem;
    QDateTime m_lastRefresh;
};

} // namespace outbound::gui
