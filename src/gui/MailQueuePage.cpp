#include "MailQueuePage.h"

#include "GuiText.h"
#include "MessageDetailPane.h"
#include "queue/QueueWorker.h"
#include "ui_MailQueuePage.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QVBoxLayout>

namespace outbound::gui {

namespace {
// Worker states as the page shows them; mirrors QueueWorker::State without needing it linked.
enum WorkerState
{
    WorkerStopped,
    WorkerIdle,
    WorkerSending,
    WorkerPaused
};

QVariantList statusList(const QList<MessageStatus>& statuses)
{
    QVariantList list;
    for (MessageStatus s : statuses)
        list.append(int(s));
    return list;
}
} // namespace

MailQueuePage::MailQueuePage(QueueStoreThread::StoreFactory factory, QWidget* parent)
    : QWidget(parent), ui(std::make_unique<Ui::MailQueuePage>())
{
    ui->setupUi(this);
    m_store = new QueueStoreThread(std::move(factory), this);
    m_model = new MailQueueModel(m_store, this);
    m_confirm = [this](const QString& title, const QString& text) {
        return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No) == QMessageBox::Yes;
    };

    ui->statusFilterCombo->addItem(tr("All messages"), QVariantList());
    ui->statusFilterCombo->addItem(
        QIcon(QStringLiteral(":/icons/status-failed.svg")), tr("Needs attention"),
        statusList({MessageStatus::Failed, MessageStatus::Interrupted, MessageStatus::Deferred}));
    for (MessageStatus s : allStatuses())
        ui->statusFilterCombo->addItem(statusIcon(s), statusName(s), statusList({s}));

    QTableView* table = ui->queueTable;
    table->setModel(m_model);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSortIndicator(MailQueueModel::IdColumn, Qt::DescendingOrder);
    const QList<QPair<int, int>> widths = {
        {MailQueueModel::IdColumn, 52},          {MailQueueModel::QueuedColumn, 100},
        {MailQueueModel::CategoryColumn, 70},    {MailQueueModel::FromColumn, 165},
        {MailQueueModel::ToColumn, 175},         {MailQueueModel::SubjectColumn, 215},
        {MailQueueModel::StatusColumn, 104},     {MailQueueModel::AttemptsColumn, 64},
        {MailQueueModel::NextAttemptColumn, 96},
    };
    // At least as wide as the (translated) header and, for the status, its longest name.
    const QFontMetrics metrics = table->fontMetrics();
    for (const auto& [column, width] : widths) {
        int needed = metrics.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 28;
        if (column == MailQueueModel::StatusColumn) {
            for (MessageStatus s : allStatuses())
                needed = std::max(needed, metrics.horizontalAdvance(statusName(s)) + 40);
        }
        table->setColumnWidth(column, std::max(width, needed));
    }
    // Empty state: a blank grid says nothing to a new user, so explain where messages come from.
    m_emptyLabel = new QLabel(table->viewport());
    m_emptyLabel->setObjectName(QStringLiteral("queueEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyLabel->setVisible(false);
    auto* emptyLayout = new QVBoxLayout(table->viewport());
    emptyLayout->setContentsMargins(24, 24, 24, 24);
    // A readable line length rather than one line across a wide table.
    m_emptyLabel->setMaximumWidth(m_emptyLabel->fontMetrics().averageCharWidth() * 70);
    emptyLayout->addWidget(m_emptyLabel, 0, Qt::AlignCenter);
    ui->splitter->setStretchFactor(0, 3);
    ui->splitter->setStretchFactor(1, 2);
    ui->drainProgress->setVisible(false);
    // The search takes the spare width so its placeholder is readable; beyond that the spacer grows.
    ui->workerRow->setStretchFactor(ui->searchEdit, 1);
    ui->searchEdit->setMaximumWidth(
        ui->searchEdit->fontMetrics().horizontalAdvance(ui->searchEdit->placeholderText()) + 60);
    ui->workerStateLabel->setForegroundRole(QPalette::PlaceholderText);
    ui->countLabel->setForegroundRole(QPalette::PlaceholderText);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(250);
    connect(ui->searchEdit, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(&m_searchDelay, &QTimer::timeout, this,
            [this] { m_model->setSearchText(ui->searchEdit->text()); });
    connect(ui->statusFilterCombo, &QComboBox::currentIndexChanged, this, [this] {
        QList<MessageStatus> statuses;
        for (const QVariant& v : ui->statusFilterCombo->currentData().toList())
            statuses.append(MessageStatus(v.toInt()));
        m_model->setStatusFilter(statuses);
    });

    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MailQueuePage::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MailQueuePage::onSelectionChanged);
    connect(m_model, &MailQueueModel::totalChanged, this, &MailQueuePage::updateCount);
    connect(m_model, &MailQueueModel::pageLoaded, this, &MailQueuePage::updateCount);
    connect(m_model, &MailQueueModel::statsChanged, this, [this](const QueueStats& stats) {
        updateFilterCounts(stats);
        updateEmptyState();
        updateActions();
        updateSummary();
    });
    connect(m_model, &MailQueueModel::rowsUpdated, this, [this](const QList<qint64>& ids) {
        updateActions();
        if (ui->detailPane->shownId() != 0 && ids.contains(ui->detailPane->shownId()))
            m_model->requestDetail(ui->detailPane->shownId());
    });
    connect(m_model, &MailQueueModel::detailReady, this, [this](qint64 id, const MessageDetail& detail) {
        const QList<qint64> ids = selectedIds();
        if (ids.size() == 1 && ids.first() == id)
            ui->detailPane->showMessage(detail);
    });
    connect(m_model, &MailQueueModel::detailFailed, this,
            [this](qint64, const QString& error) { ui->detailPane->showProblem(error); });
    connect(m_model, &MailQueueModel::actionFinished, this, &MailQueuePage::onActionFinished);
    connect(m_model, &MailQueueModel::storeError, this, [this](const QString& message) {
        ui->countLabel->setText(tr("Queue unavailable: %1").arg(message));
    });

    connect(ui->retryButton, &QToolButton::clicked, this,
            [this] { runAction(MailQueueModel::Action::Retry); });
    connect(ui->retryAllFailedButton, &QToolButton::clicked, this,
            [this] { runAction(MailQueueModel::Action::RetryAllFailed); });
    connect(ui->cancelButton, &QToolButton::clicked, this,
            [this] { runAction(MailQueueModel::Action::Cancel); });
    connect(ui->deleteButton, &QToolButton::clicked, this,
            [this] { runAction(MailQueueModel::Action::Delete); });
    connect(ui->markSentButton, &QToolButton::clicked, this,
            [this] { runAction(MailQueueModel::Action::MarkSent); });
    connect(ui->sendingButton, &QToolButton::toggled, this, &MailQueuePage::setSendingEnabled);

    // Live view: ask for changed rows once a second (cheap: an indexed revision lookup).
    m_liveUpdates.setInterval(1000);
    connect(&m_liveUpdates, &QTimer::timeout, m_model, &MailQueueModel::refreshChanged);

    showWorkerState(WorkerStopped);
    updateActions();
}

MailQueuePage::~MailQueuePage()
{
    shutdown();
}

void MailQueuePage::activate()
{
    if (m_activated)
        return;
    m_activated = true;
    m_model->sort(MailQueueModel::IdColumn, Qt::DescendingOrder);
    m_liveUpdates.start();
}

void MailQueuePage::setSmtpConfig(const SmtpConfig& config)
{
    ui->detailPane->setSmtpConfig(config);
}

QList<qint64> MailQueuePage::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = ui->queueTable->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows)
        ids.append(index.data(MailQueueModel::IdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<MessageSummary> MailQueuePage::selectedSummaries() const
{
    QList<MessageSummary> list;
    const QModelIndexList rows = ui->queueTable->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows) {
        if (auto summary = m_model->summaryAt(index.row()))
            list.append(*summary);
    }
    return list;
}

void MailQueuePage::updateActions()
{
    bool canRetry = false, canCancel = false, canMarkSent = false;
    const QList<MessageSummary> selected = selectedSummaries();
    for (const MessageSummary& m : selected) {
        switch (m.status) {
        case MessageStatus::Failed:
        case MessageStatus::Interrupted:
        case MessageStatus::Cancelled:
        case MessageStatus::Deferred:
            canRetry = true;
            break;
        default:
            break;
        }
        if (m.status == MessageStatus::Queued || m.status == MessageStatus::Deferred ||
            m.status == MessageStatus::Failed || m.status == MessageStatus::Interrupted)
            canCancel = true;
        if (m.status == MessageStatus::Interrupted)
            canMarkSent = true;
    }
    ui->retryButton->setEnabled(canRetry);
    ui->cancelButton->setEnabled(canCancel);
    ui->markSentButton->setEnabled(canMarkSent);
    ui->deleteButton->setEnabled(!selected.isEmpty());
    ui->retryAllFailedButton->setEnabled(m_model->stats().failed > 0);
}

void MailQueuePage::updateCount()
{
    const QLocale locale;
    const qint64 total = m_model->totalRows();
    const int loaded = m_model->rowCount();
    if (total < 0)
        ui->countLabel->setText(tr("Loading…"));
    else if (loaded < total)
        ui->countLabel->setText(
            tr("%1 of %2 messages shown").arg(locale.toString(loaded), locale.toString(total)));
    else
        ui->countLabel->setText(tr("%n message(s)", nullptr, int(std::min<qint64>(total, INT_MAX))));
    updateEmptyState();
}

void MailQueuePage::updateEmptyState()
{
    const bool empty = m_model->totalRows() == 0;
    if (empty) {
        const bool filtered = m_model->stats().total() > 0 || !ui->searchEdit->text().trimmed().isEmpty() ||
                              ui->statusFilterCombo->currentIndex() > 0;
        m_emptyLabel->setText(
            filtered ? tr("No messages match the filter or search.")
                     : tr("The queue is empty.\nMessages appear here when a program hands them to Outbound, "
                          "for example with \"outbound-cli enqueue\". Use \"Send test email…\" under "
                          "Settings › Mail to check the account first."));
    }
    m_emptyLabel->setVisible(empty);
}

void MailQueuePage::updateFilterCounts(const QueueStats& stats)
{
    const QLocale locale;
    ui->statusFilterCombo->setItemText(0, tr("All messages (%1)").arg(locale.toString(stats.total())));
    ui->statusFilterCombo->setItemText(
        1,
        tr("Needs attention (%1)").arg(locale.toString(stats.failed + stats.interrupted + stats.deferred)));
    for (int i = 0; i < allStatuses().size(); ++i) {
        const MessageStatus s = allStatuses().at(i);
        ui->statusFilterCombo->setItemText(
            i + 2, tr("%1 (%2)").arg(statusName(s), locale.toString(statusCount(stats, s))));
    }
}

void MailQueuePage::updateSummary()
{
    const QueueStats& s = m_model->stats();
    const QLocale locale;
    Q_EMIT summaryChanged(tr("%1 · %2 queued · %3 deferred · %4 failed · %5 sent")
                              .arg(m_workerText, locale.toString(s.queued + s.sending),
                                   locale.toString(s.deferred), locale.toString(s.failed),
                                   locale.toString(s.sent)));
}

void MailQueuePage::onSelectionChanged()
{
    updateActions();
    const QList<qint64> ids = selectedIds();
    if (ids.size() == 1) {
        ui->detailPane->showLoading(ids.first());
        m_model->requestDetail(ids.first());
    } else {
        ui->detailPane->showNothing(int(ids.size()));
    }
}

void MailQueuePage::runAction(MailQueueModel::Action action)
{
    const QList<qint64> ids = selectedIds();
    const int n = int(ids.size());
    if (action == MailQueueModel::Action::Delete &&
        !m_confirm(tr("Delete messages"),
                   tr("Delete %n message(s) from the queue? This cannot be undone.", nullptr, n)))
        return;
    if (action == MailQueueModel::Action::Cancel &&
        !m_confirm(tr("Cancel messages"), tr("Cancel %n message(s)? They will not be sent.", nullptr, n)))
        return;
    if (action == MailQueueModel::Action::MarkSent &&
        !m_confirm(
            tr("Mark as sent"),
            tr("Record %n message(s) as sent without sending them again? Do this only when the recipients "
               "got them.",
               nullptr, n)))
        return;
    ui->countLabel->setText(tr("Working…"));
    m_model->runAction(action, ids);
}

void MailQueuePage::onActionFinished(MailQueueModel::Action action, int changed, const QString& error)
{
    updateCount();
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Mail Queue"), error);
        return;
    }
    QString text;
    switch (action) {
    case MailQueueModel::Action::Retry:
    case MailQueueModel::Action::RetryAllFailed:
        text = tr("%n message(s) queued again.", nullptr, changed);
        break;
    case MailQueueModel::Action::Cancel:
        text = tr("%n message(s) cancelled.", nullptr, changed);
        break;
    case MailQueueModel::Action::Delete:
        text = tr("%n message(s) deleted.", nullptr, changed);
        break;
    case MailQueueModel::Action::MarkSent:
        text = tr("%n message(s) marked as sent.", nullptr, changed);
        break;
    }
    ui->workerStateLabel->setToolTip(text);
    Q_EMIT summaryChanged(text);
    m_model->refreshStats();
}

bool MailQueuePage::isSending() const
{
    return m_workerState == WorkerSending || m_workerState == WorkerIdle;
}

void MailQueuePage::setSendingEnabled(bool enabled)
{
    if (ui->sendingButton->isChecked() != enabled) {
        const QSignalBlocker block(ui->sendingButton);
        ui->sendingButton->setChecked(enabled);
    }
    if (enabled) {
        if (m_worker == nullptr) {
            m_worker = new QueueWorker(QueueWorker::Options{}, this);
            connect(m_worker, &QueueWorker::stateChanged, this,
                    [this](QueueWorker::State state) { showWorkerState(int(state)); });
            connect(m_worker, &QueueWorker::progress, this, &MailQueuePage::onProgress);
            connect(m_worker, &QueueWorker::messagesChanged, m_model, &MailQueueModel::refreshChanged);
            connect(m_worker, &QueueWorker::settingsApplied, this, &MailQueuePage::settingsApplied);
            connect(m_worker, &QueueWorker::settingsRejected, this,
                    [this](qint64, const QString& reason) { Q_EMIT settingsRejected(reason); });
            connect(m_worker, &QueueWorker::stopped, this, [this] {
                // A stopped worker cannot resume; the switch makes a new one next time.
                if (m_worker != nullptr)
                    m_worker->deleteLater();
                m_worker = nullptr;
                showWorkerState(WorkerStopped);
                Q_EMIT workerStopped();
            });
            connect(m_worker, &QueueWorker::failed, this, [this](const QString& reason, bool configuration) {
                QMessageBox::warning(this, tr("Mail Queue"),
                                     configuration
                                         ? tr("Sending stopped because of the mail settings: %1").arg(reason)
                                         : tr("Sending stopped: %1").arg(reason));
            });
            if (auto started = m_worker->start(); !started) {
                delete m_worker;
                m_worker = nullptr;
                const QSignalBlocker block(ui->sendingButton);
                ui->sendingButton->setChecked(false);
                QMessageBox::warning(this, tr("Mail Queue"),
                                     tr("Sending could not start: %1").arg(started.error().message));
                return;
            }
        } else {
            m_worker->resume();
        }
        // The worker confirms with stateChanged(); until then show what was asked for.
        const int state = int(m_worker->state());
        showWorkerState(state == WorkerPaused || state == WorkerStopped ? WorkerIdle : state);
    } else if (m_worker != nullptr) {
        m_worker->pause();
        showWorkerState(WorkerPaused);
    }
}

void MailQueuePage::shutdown()
{
    m_liveUpdates.stop();
    if (m_worker != nullptr)
        m_worker->stop();
}

void MailQueuePage::showWorkerState(int state)
{
    m_workerState = state;
    const bool on = state == WorkerSending || state == WorkerIdle;
    {
        const QSignalBlocker block(ui->sendingButton);
        ui->sendingButton->setChecked(on);
    }
    ui->sendingButton->setText(on ? tr("Pause sending") : tr("Start sending"));
    ui->sendingButton->setIcon(
        QIcon(on ? QStringLiteral(":/icons/action-pause.svg") : QStringLiteral(":/icons/action-start.svg")));
    switch (state) {
    case WorkerSending:
        m_workerText = tr("Sending");
        break;
    case WorkerIdle:
        m_workerText = tr("Idle, waiting for due messages");
        break;
    case WorkerPaused:
        m_workerText = tr("Paused");
        break;
    default:
        m_workerText = tr("Not sending");
        break;
    }
    ui->workerStateLabel->setText(m_workerText);
    ui->drainProgress->setVisible(state == WorkerSending);
    m_liveUpdates.setInterval(state == WorkerSending ? 500 : 1000);
    updateSummary();
}

void MailQueuePage::onProgress(qint64 sent, qint64 failed, qint64 remaining)
{
    const qint64 done = sent + failed;
    const qint64 all = done + remaining;
    // QProgressBar takes int; scale down for very large runs.
    const int scale = all > INT_MAX ? int(all / INT_MAX + 1) : 1;
    ui->drainProgress->setRange(0, int(all / scale));
    ui->drainProgress->setValue(int(done / scale));
    ui->drainProgress->setFormat(tr("%1 of %2 sent").arg(QLocale().toString(done), QLocale().toString(all)));
    ui->drainProgress->setVisible(remaining > 0 || m_workerState == WorkerSending);
    if (failed > 0)
        ui->drainProgress->setToolTip(
            tr("%n failed in this run", nullptr, int(std::min<qint64>(failed, INT_MAX))));
}

} // namespace outbound::gui
