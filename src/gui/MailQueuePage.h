#pragma once

#include "MailQueueModel.h"
#include "queue/QueueTypes.h"

#include <QTimer>
#include <QWidget>
#include <functional>
#include <memory>

class QLabel;

namespace Ui {
class MailQueuePage;
}

namespace outbound {
class QueueWorker;
}

namespace outbound::gui {

// The Mail Queue: the table over the store (lazy, filtered and sorted in SQL), the actions on the
// selection, the detail pane, and the switch that starts and pauses sending.
class MailQueuePage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailQueuePage)

public:
    // `factory` makes the store on the store thread; the default is the app's SQLite queue.
    explicit MailQueuePage(QueueStoreThread::StoreFactory factory = QueueStoreThread::defaultFactory(),
                           QWidget* parent = nullptr);
    ~MailQueuePage() override;

    MailQueueModel* model() const { return m_model; }
    // Loads the first page (call once the database is ready).
    void activate();
    // Stops sending before the window closes.
    void shutdown();
    void setSmtpConfig(const SmtpConfig& config);

    // Asked before Delete and Cancel; tests replace it to answer without a dialog.
    using Confirm = std::function<bool(const QString& title, const QString& text)>;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }

    void setSendingEnabled(bool enabled);
    bool isSending() const;
    // A worker exists (sending, idle or paused) and has not reported stopped() yet.
    bool hasWorker() const { return m_worker != nullptr; }

Q_SIGNALS:
    // One line for the status bar: worker state and counts.
    void summaryChanged(const QString& text);
    void workerStopped();
    // The running worker took saved settings into use (revision as in SettingsStore).
    void settingsApplied(qint64 revision);
    void settingsRejected(const QString& reason);

private:
    QList<qint64> selectedIds() const;
    QList<MessageSummary> selectedSummaries() const;
    void updateActions();
    void updateCount();
    void updateEmptyState();
    void updateFilterCounts(const QueueStats& stats);
    void updateSummary();
    void onSelectionChanged();
    void runAction(MailQueueModel::Action action);
    void onActionFinished(MailQueueModel::Action action, int changed, const QString& error);
    void showWorkerState(int state);
    void onProgress(qint64 sent, qint64 failed, qint64 remaining);

    std::unique_ptr<Ui::MailQueuePage> ui;
    QueueStoreThread* m_store = nullptr;
    MailQueueModel* m_model = nullptr;
    QueueWorker* m_worker = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QTimer m_searchDelay;
    QTimer m_liveUpdates;
    Confirm m_confirm;
    QString m_workerText;
    int m_workerState = 0;
    bool m_activated = false;
};

} // namespace outbound::gui
