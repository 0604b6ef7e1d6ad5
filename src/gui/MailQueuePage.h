#pragma once

#include "MailQueueModel.h"
#include "itflow/ItflowDatabase.h"
#include "queue/QueueTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;

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
    // The window's one store thread (its own database connection); other pages post work to it.
    QueueStoreThread* storeThread() const { return m_store; }
    // True while changes arrive through PostgreSQL notifications (besides the regular look).
    bool isListening() const { return m_listening; }
    // How often the page looks for changes and for a lost or returned connection (1 s; tests
    // lengthen it to prove that notifications alone deliver).
    void setLivePollInterval(int ms) { m_liveUpdates.setInterval(ms); }
    // Loads the first page (call once the database is ready).
    void activate();
    // Stops sending before the window closes.
    void shutdown();
    void setSmtpConfig(const SmtpConfig& config);

    // Asked before Delete, Cancel, Mark sent and Retry all failed; `action` is the text of the
    // button that goes ahead ("Delete 3 messages"). Tests replace it to answer without a dialog.
    using Confirm = std::function<bool(const QString& title, const QString& text, const QString& action)>;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    // Where the CSV file goes; tests replace the file dialog with a fixed path.
    using ExportPathPicker = std::function<QString()>;
    void setExportPathPicker(ExportPathPicker picker) { m_exportPathPicker = std::move(picker); }
    // Says why sending cannot start (empty when it can), in the window's words.
    using SettingsCheck = std::function<QString()>;
    void setSettingsCheck(SettingsCheck check) { m_settingsCheck = std::move(check); }

    // The actions of the toolbar, the context menu and the window's Queue menu.
    QAction* retryAction() const { return m_retryAction; }
    QAction* retryAllFailedAction() const { return m_retryAllFailedAction; }
    QAction* cancelAction() const { return m_cancelAction; }
    QAction* deleteAction() const { return m_deleteAction; }
    QAction* markSentAction() const { return m_markSentAction; }
    QAction* sendingAction() const { return m_sendingAction; }
    QAction* exportAction() const { return m_exportAction; }
    QAction* refreshAction() const { return m_refreshAction; }
    // The row actions work only while the page is shown (Delete must not act from Settings).
    void setActionsActive(bool active);
    void focusSearch();
    // Exports the selected rows, or every row of the filter when none is selected.
    void exportRows();
    // Column layout, sort, filter, splitter and the sending switch live in QSettings.
    void saveViewState() const;
    void restoreViewState();
    // The text of the worker's state ("Sending", "Paused", ...), for the tray icon.
    QString workerStateText() const { return m_workerText; }

    void setSendingEnabled(bool enabled);
    bool isSending() const;

    // An ITFlow database: who drains its queue (itflow::queueOwner(), read on the counting store
    // thread), shown beside Start sending and refreshed with the queue. While ITFlow's own cron job
    // is enabled, Start sending is off: taking the queue over is a deliberate admin step
    // (`outbound-cli itflow takeover`), never something the window does by itself.
    void refreshQueueOwner();
    // The sentence shown beside Start sending; empty before the first answer or on other databases.
    QString queueOwnerText() const { return m_ownerText; }
    // False while ITFlow's own job drains the queue (or before Outbound knows who does).
    bool sendingAllowed() const;
    // A worker exists (sending, idle or paused) and has not reported stopped() yet.
    bool hasWorker() const { return m_worker != nullptr; }

Q_SIGNALS:
    // One line for the status bar: worker state and counts.
    void summaryChanged(const QString& text);
    // A one-off notice for the status bar ("3 messages queued again.").
    void notice(const QString& text);
    void workerStopped();
    // OAuth: "Sign in again" was clicked on the sign-in-needed banner.
    void signInRequested();
    // The running worker took saved settings into use (revision as in SettingsStore).
    void settingsApplied(qint64 revision);
    void settingsRejected(const QString& reason);
    // More messages failed than before (for the tray's notification).
    void failuresIncreased(qint64 failed, qint64 newlyFailed);
    // The user asked to fix the settings (from the "cannot start" message).
    void settingsRequested();
    // PostgreSQL told that saved settings changed (or notifications started again after the
    // connection came back): read the settings revision now.
    void settingsNotified();
    // The database answers again, or stopped answering (`reason` says how it failed).
    void databaseAvailabilityChanged(bool available, const QString& reason);
    // ITFlow: who drains the queue changed (or was read for the first time); `text` as shown.
    void queueOwnerChanged(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showSignInNeeded(const QString& reason);
    void applyQueueOwner(const Result<itflow::QueueOwner>& owner);
    void updateSendingGate();
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
    void showContextMenu(const QPoint& pos);
    void sizeColumns();
    void fitColumns();
    static int searchWidthForPlaceholder(const QLineEdit* edit);

    std::unique_ptr<Ui::MailQueuePage> ui;
    QueueStoreThread* m_store = nullptr;
    QueueStoreThread* m_counter = nullptr;
    MailQueueModel* m_model = nullptr;
    QueueWorker* m_worker = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QTimer m_searchDelay;
    QTimer m_liveUpdates;
    QTimer m_notifiedChanges; // folds a burst of notifications into one look
    bool m_listening = false;
    Confirm m_confirm;
    ExportPathPicker m_exportPathPicker;
    SettingsCheck m_settingsCheck;
    QAction* m_retryAction = nullptr;
    QAction* m_retryAllFailedAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_markSentAction = nullptr;
    QAction* m_sendingAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_refreshAction = nullptr;
    bool m_actionsActive = true;
    qint64 m_lastFailed = -1;
    qint64 m_runRemaining = 0;
    QString m_workerText;
    int m_workerState = 0;
    bool m_activated = false;
    // Column widths with room to spare (sizeColumns(), or what the user dragged them to) and
    // what each may shrink to; fitColumns() derives the shown widths from them.
    QHash<int, int> m_preferredWidths;
    QHash<int, int> m_minimumWidths;
    bool m_fittingColumns = false;
    // ITFlow only (see refreshQueueOwner()).
    bool m_itflow = false;
    std::optional<itflow::QueueOwner> m_owner;
    QString m_ownerText;
    QString m_ownerProblem;
    bool m_ownerPending = false;
    QElapsedTimer m_ownerAge; // since the last look
    QTimer m_ownerTimer;
    QLabel* m_ownerLabel = nullptr;
    QString m_sendingToolTip;     // the button's own tooltip, back once sending is allowed
    bool m_sendingWanted = false; // sending was on when the window closed; starts once allowed
};

} // namespace outbound::gui
