#include "MailQueuePage.h"

#include "GuiText.h"
#include "MessageDetailPane.h"
#include "common/Database.h"
#include "queue/QueueWorker.h"
#include "ui_MailQueuePage.h"

#include <QAction>
#include <QEvent>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QVBoxLayout>
#include <cmath>
#include <future>

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

const QString kHeaderKey = QStringLiteral("queue/header");
const QString kFilterKey = QStringLiteral("queue/filter");
const QString kSearchKey = QStringLiteral("queue/search");
const QString kSplitterKey = QStringLiteral("queue/splitter");
const QString kWidthsKey = QStringLiteral("queue/columnWidths");
const QString kSendingKey = QStringLiteral("queue/sending");
// The PostgreSQL channels the store and the settings NOTIFY on commit.
const QString kQueueChannel = QStringLiteral("outbound_queue");
const QString kSettingsChannel = QStringLiteral("outbound_settings");

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
    // Two connections to the queue: one for pages, details and actions, one for counting (the
    // per-status figures over a million rows take a tenth of a second or more, a search's total
    // up to a second) and CSV export, so no count ever holds up the rows the user waits for. The
    // counter opens its store only after the first one has (which may upgrade the schema).
    auto opened = std::make_shared<std::promise<void>>();
    std::shared_future<void> firstOpen = opened->get_future().share();
    m_store = new QueueStoreThread(
        [factory, opened] {
            auto store = factory();
            opened->set_value();
            return store;
        },
        this);
    m_counter = new QueueStoreThread(
        [factory = std::move(factory), firstOpen] {
            firstOpen.wait();
            return factory();
        },
        this);
    m_model = new MailQueueModel(m_store, m_counter, this);
    m_confirm = [this](const QString& title, const QString& text, const QString& action) {
        // The button says what happens ("Delete 3 messages"), not "Yes".
        QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, this);
        QPushButton* go = box.addButton(action, QMessageBox::AcceptRole);
        QPushButton* back = box.addButton(tr("Go back"), QMessageBox::RejectRole);
        box.setDefaultButton(back);
        box.setEscapeButton(back);
        box.exec();
        return box.clickedButton() == go;
    };
    m_exportPathPicker = [this] {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        return QFileDialog::getSaveFileName(this, tr("Export messages"),
                                            folder + QStringLiteral("/outbound-queue.csv"),
                                            tr("CSV files (*.csv);;All files (*)"));
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
    QHeaderView* header = table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    // Subject takes the spare width (it is what people scan for); Last error, the last column,
    // keeps a fixed share and shows the whole text in its tooltip and the detail pane.
    header->setStretchLastSection(false);
    header->setSortIndicator(MailQueueModel::IdColumn, Qt::DescendingOrder);
    // The status right after the ID, then what people scan for (subject, recipients), so they are
    // on screen even at 1024 pixels in German; the rest follows and scrolls.
    header->moveSection(header->visualIndex(MailQueueModel::StatusColumn), 1);
    header->moveSection(header->visualIndex(MailQueueModel::SubjectColumn), 2);
    header->moveSection(header->visualIndex(MailQueueModel::ToColumn), 3);
    sizeColumns();
    header->setSectionResizeMode(MailQueueModel::SubjectColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(std::max(header->minimumSectionSize(), 40));
    // A width the user drags a column to is the width it should have when there is room.
    connect(header, &QHeaderView::sectionResized, this, [this](int column, int, int newSize) {
        if (!m_fittingColumns && column != MailQueueModel::SubjectColumn && newSize > 0)
            m_preferredWidths[column] = newSize;
    });
    // The columns follow the table's width (see fitColumns()).
    table->viewport()->installEventFilter(this);
    table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table, &QWidget::customContextMenuRequested, this, &MailQueuePage::showContextMenu);
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
    ui->splitter->setChildrenCollapsible(false);
    ui->drainProgress->setVisible(false);
    // The search has a row of its own with the status filter, takes that row's spare width and is
    // never narrower than its placeholder (German's is long; at 1024 px it was cut off beside the
    // worker's state and the filter).
    ui->filterRow->setStretchFactor(ui->searchEdit, 1);
    ui->searchEdit->setMinimumWidth(searchWidthForPlaceholder(ui->searchEdit));
    ui->workerStateLabel->setForegroundRole(QPalette::PlaceholderText);
    ui->countLabel->setForegroundRole(QPalette::PlaceholderText);
    // The count gives way first when the row is short of room ("200 of 4,000 messages shown" in
    // German at 1024 px, or a long "Queue unavailable: ..." while a server is away): it must
    // never widen the window past the screen.
    ui->countLabel->setMinimumWidth(1);

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
        // Failures since the window opened, compared between counts only: the empty figures the
        // summary shows before the first count are no baseline (every start announced all
        // failed messages as new).
        if (m_lastFailed >= 0 && stats.failed > m_lastFailed)
            Q_EMIT failuresIncreased(stats.failed, stats.failed - m_lastFailed);
        m_lastFailed = stats.failed;
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
        ui->countLabel->setToolTip(ui->countLabel->text());
    });
    connect(m_model, &MailQueueModel::exportFinished, this, [this](qint64 rows, const QString& error) {
        if (!error.isEmpty()) {
            QMessageBox::warning(this, tr("Export messages"),
                                 tr("The file could not be written: %1").arg(error));
            return;
        }
        Q_EMIT notice(tr("%n message(s) exported.", nullptr, int(std::min<qint64>(rows, INT_MAX))));
    });

    // One action per command: the buttons, the right-click menu and the window's Queue menu share
    // them, so enabling and shortcuts agree everywhere.
    auto makeAction = [this](const QString& text, const char* icon, const QKeySequence& shortcut,
                             const char* name) {
        auto* action = new QAction(QIcon(QString::fromLatin1(icon)), text, this);
        action->setObjectName(QString::fromLatin1(name));
        action->setShortcut(shortcut);
        return action;
    };
    m_retryAction =
        makeAction(tr("&Retry"), ":/icons/action-retry.svg", QKeySequence(tr("Ctrl+R")), "retryAction");
    m_retryAllFailedAction =
        makeAction(tr("Retry all fai&led"), ":/icons/action-retry.svg", {}, "retryAllFailedAction");
    m_markSentAction = makeAction(tr("&Mark sent"), ":/icons/status-sent.svg", {}, "markSentAction");
    m_cancelAction = makeAction(tr("Ca&ncel sending"), ":/icons/status-cancelled.svg", {}, "cancelAction");
    m_deleteAction =
        makeAction(tr("&Delete"), ":/icons/action-delete.svg", QKeySequence::Delete, "deleteAction");
    m_sendingAction = makeAction(tr("&Sending"), ":/icons/action-start.svg", {}, "sendingAction");
    m_sendingAction->setCheckable(true);
    m_exportAction = makeAction(tr("&Export to CSV…"), ":/icons/nav-queue.svg", {}, "exportAction");
    m_refreshAction =
        makeAction(tr("Re&fresh"), ":/icons/action-retry.svg", QKeySequence::Refresh, "refreshAction");
    for (QAction* action : {m_retryAction, m_deleteAction, m_refreshAction})
        addAction(action); // shortcuts work on the page even without the menu bar
    connect(m_retryAction, &QAction::triggered, this, [this] { runAction(MailQueueModel::Action::Retry); });
    connect(m_retryAllFailedAction, &QAction::triggered, this,
            [this] { runAction(MailQueueModel::Action::RetryAllFailed); });
    connect(m_cancelAction, &QAction::triggered, this, [this] { runAction(MailQueueModel::Action::Cancel); });
    connect(m_deleteAction, &QAction::triggered, this, [this] { runAction(MailQueueModel::Action::Delete); });
    connect(m_markSentAction, &QAction::triggered, this,
            [this] { runAction(MailQueueModel::Action::MarkSent); });
    connect(m_sendingAction, &QAction::triggered, this, &MailQueuePage::setSendingEnabled);
    connect(m_exportAction, &QAction::triggered, this, &MailQueuePage::exportRows);
    connect(m_refreshAction, &QAction::triggered, m_model, &MailQueueModel::reload);

    connect(ui->retryButton, &QToolButton::clicked, m_retryAction, &QAction::trigger);
    connect(ui->retryAllFailedButton, &QToolButton::clicked, m_retryAllFailedAction, &QAction::trigger);
    connect(ui->cancelButton, &QToolButton::clicked, m_cancelAction, &QAction::trigger);
    connect(ui->deleteButton, &QToolButton::clicked, m_deleteAction, &QAction::trigger);
    connect(ui->markSentButton, &QToolButton::clicked, m_markSentAction, &QAction::trigger);
    connect(ui->sendingButton, &QToolButton::toggled, this, &MailQueuePage::setSendingEnabled);

    // Live view: ask for changed rows once a second (cheap: an indexed revision lookup). That
    // serves SQLite and MariaDB, whoever wrote the rows (this window, the CLI, workers on other
    // machines), and finds out when a server went away or is back.
    m_liveUpdates.setInterval(1000);
    connect(&m_liveUpdates, &QTimer::timeout, m_model, &MailQueueModel::refreshChanged);
    connect(&m_liveUpdates, &QTimer::timeout, m_store, &QueueStoreThread::keepListening);
    // PostgreSQL pushes a notification with each committed change: look at once, at most ten
    // times a second while a worker drains the queue.
    m_notifiedChanges.setSingleShot(true);
    m_notifiedChanges.setInterval(100);
    connect(&m_notifiedChanges, &QTimer::timeout, m_model, &MailQueueModel::refreshChanged);
    connect(m_store, &QueueStoreThread::notified, this, [this](const QString& channel) {
        if (channel == kQueueChannel) {
            if (!m_notifiedChanges.isActive())
                m_notifiedChanges.start();
        } else if (channel == kSettingsChannel) {
            Q_EMIT settingsNotified();
        }
    });
    connect(m_store, &QueueStoreThread::listeningChanged, this, [this](bool listening) {
        m_listening = listening;
        if (listening) { // anything committed while nobody listened
            m_model->refreshChanged();
            Q_EMIT settingsNotified();
        }
    });
    connect(m_model, &MailQueueModel::availabilityChanged, this, &MailQueuePage::databaseAvailabilityChanged);

    m_sendingToolTip = ui->sendingButton->toolTip();
    m_itflow = Database::isItflow();
    if (m_itflow) {
        // Who drains ITFlow's queue, beside the switch that would start Outbound's worker.
        m_ownerLabel = new QLabel(this);
        m_ownerLabel->setObjectName(QStringLiteral("queueOwnerLabel"));
        m_ownerLabel->setTextFormat(Qt::PlainText);
        m_ownerLabel->setWordWrap(true);
        m_ownerLabel->setMinimumWidth(1);
        m_ownerLabel->setText(tr("Checking who sends this queue…"));
        ui->workerRow->insertWidget(ui->workerRow->indexOf(ui->drainProgress) + 1, m_ownerLabel, 1);
        // Looked at with the queue's own refreshes (at most every two seconds) and every five
        // seconds besides: ITFlow's admin page can switch its cron job without touching the queue.
        m_ownerTimer.setInterval(5000);
        connect(&m_ownerTimer, &QTimer::timeout, this, &MailQueuePage::refreshQueueOwner);
        connect(m_model, &MailQueueModel::statsChanged, this, [this] {
            if (!m_ownerAge.isValid() || m_ownerAge.elapsed() >= 2000)
                refreshQueueOwner();
        });
        connect(m_refreshAction, &QAction::triggered, this, &MailQueuePage::refreshQueueOwner);
    }

    showWorkerState(WorkerStopped);
    updateActions();
    updateSendingGate();
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
    const QHeaderView* header = ui->queueTable->horizontalHeader();
    m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    m_store->listen({kQueueChannel, kSettingsChannel});
    m_liveUpdates.start();
    if (m_itflow) {
        refreshQueueOwner();
        m_ownerTimer.start();
    }
}

void MailQueuePage::refreshQueueOwner()
{
    if (!m_itflow || m_ownerPending)
        return; // one look at a time: a slow server never piles them up
    m_ownerPending = true;
    m_ownerAge.start();
    // On the counting thread (its own connection): never SQL on the GUI thread, and never in the
    // way of the rows the table waits for.
    QPointer<MailQueuePage> self(this);
    m_counter->run([self](MailStore*) {
        Result<itflow::QueueOwner> owner = itflow::queueOwner();
        QMetaObject::invokeMethod(
            self,
            [self, owner = std::move(owner)] {
                if (!self)
                    return;
                self->m_ownerPending = false;
                self->applyQueueOwner(owner);
            },
            Qt::QueuedConnection);
    });
}

void MailQueuePage::applyQueueOwner(const Result<itflow::QueueOwner>& owner)
{
    QString text;
    bool suspicious = false;
    if (!owner) {
        // The last known owner still decides the switch; the line says the look failed.
        text = tr("Who sends this queue could not be read: %1").arg(owner.error().message);
        suspicious = true;
    } else {
        m_owner = owner.value();
        const itflow::QueueOwner& o = *m_owner;
        const QString since = QLocale().toString(o.tookOverAt.toLocalTime(), QLocale::ShortFormat);
        if (o.itflowCronEnabled && o.outboundTookOver)
            text = tr("ITFlow's own cron job sends this queue again: it was switched back on after Outbound "
                      "took over (%1).")
                       .arg(since);
        else if (o.itflowCronEnabled)
            text = tr("ITFlow's own cron job sends this queue.");
        else if (o.outboundTookOver)
            text = tr("Outbound sends this queue (since %1).").arg(since);
        else
            text = tr("ITFlow's cron job for this queue is switched off, but no takeover is recorded: run "
                      "outbound-cli itflow takeover.");
        if (o.directCrontabSuspected) {
            text +=
                u' ' +
                tr("ITFlow's mail worker may still run from a crontab line of its own (%1).").arg(o.evidence);
            suspicious = true;
        }
    }
    m_ownerLabel->setText(text);
    m_ownerLabel->setToolTip(text);
    m_ownerLabel->setStyleSheet(
        suspicious ? QStringLiteral("QLabel { color: %1; }").arg(warningColor(palette()).name()) : QString());
    if (text != m_ownerText) {
        m_ownerText = text;
        Q_EMIT queueOwnerChanged(text);
    }
    updateSendingGate();
}

bool MailQueuePage::sendingAllowed() const
{
    return !m_itflow || (m_owner.has_value() && !m_owner->itflowCronEnabled);
}

// While ITFlow's own cron job drains its queue, Outbound's worker must not start: two workers that
// know nothing of each other would send rows twice. A worker already running keeps its switch (it
// stops claiming by itself and Pause must stay reachable).
void MailQueuePage::updateSendingGate()
{
    const bool allowed = sendingAllowed() || m_worker != nullptr;
    ui->sendingButton->setEnabled(allowed);
    m_sendingAction->setEnabled(allowed);
    QString tip = m_sendingToolTip;
    if (!allowed)
        tip = m_owner ? tr("ITFlow's own cron job sends this queue. Outbound sends it only after an "
                           "administrator has run outbound-cli itflow takeover, which switches that job off.")
                      : tr("Checking who sends this queue…");
    ui->sendingButton->setToolTip(tip);
    m_sendingAction->setToolTip(tip);
    if (allowed && m_sendingWanted && m_worker == nullptr) {
        m_sendingWanted = false;
        setSendingEnabled(true);
    }
}

void MailQueuePage::sizeColumns()
{
    QTableView* table = ui->queueTable;
    const QFontMetrics metrics = table->fontMetrics();
    // Cell padding plus room for the sort arrow in the header.
    const int padding = table->style()->pixelMetric(QStyle::PM_HeaderMargin) * 2 + 24;
    // Seven digits: the IDs the command line needs are never cut.
    const int idWidth = metrics.horizontalAdvance(QStringLiteral("0000000")) + padding;
    const QList<QPair<int, int>> widths = {
        {MailQueueModel::IdColumn, idWidth},     {MailQueueModel::QueuedColumn, 100},
        {MailQueueModel::CategoryColumn, 70},    {MailQueueModel::FromColumn, 160},
        {MailQueueModel::ToColumn, 170},         {MailQueueModel::SubjectColumn, 280},
        {MailQueueModel::StatusColumn, 104},     {MailQueueModel::AttemptsColumn, 64},
        {MailQueueModel::NextAttemptColumn, 96}, {MailQueueModel::LastErrorColumn, 240},
    };
    // At least as wide as the (translated) header and, for the status, its longest name.
    for (const auto& [column, width] : widths) {
        int needed =
            metrics.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + padding;
        if (column == MailQueueModel::StatusColumn) {
            for (MessageStatus s : allStatuses())
                needed = std::max(needed, metrics.horizontalAdvance(statusName(s)) + 40);
        }
        const int natural = std::max(width, needed);
        table->setColumnWidth(column, natural);
        m_preferredWidths[column] = natural;
        // What a column may shrink to when the table is narrow: the ID, the status and the dates
        // stay whole; names, addresses and errors are elided (tooltip and detail pane show them).
        const bool elidable = column == MailQueueModel::FromColumn || column == MailQueueModel::ToColumn ||
                              column == MailQueueModel::LastErrorColumn ||
                              column == MailQueueModel::SubjectColumn;
        m_minimumWidths[column] = elidable ? std::min(natural, metrics.averageCharWidth() * 16) : natural;
        // The subject is what people scan for: it keeps room for a few words.
        if (column == MailQueueModel::SubjectColumn)
            m_minimumWidths[column] = metrics.averageCharWidth() * 24;
    }
}

int MailQueuePage::searchWidthForPlaceholder(const QLineEdit* edit)
{
    // The placeholder, the frame and text margins on both sides, and the clear button's place.
    const int frame = edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, edit);
    const int clearButton = edit->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, edit) + 8;
    return edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 2 * frame + 8 + clearButton;
}

// No sideways scrolling with ordinary widths (1024 px and up): when the columns at their preferred
// widths do not fit the table, names, addresses and the last error give up width first (down to
// about 16 characters each, in proportion to what they can spare), then the columns the detail
// pane also shows are hidden, least needed first: attempts, next attempt, category, sender, queued.
// ID, status, subject, recipients and the last error always stay. They come back as soon as there
// is room. A column the user drags wider than fits still scrolls: that was asked for.
void MailQueuePage::fitColumns()
{
    QTableView* table = ui->queueTable;
    QHeaderView* header = table->horizontalHeader();
    const int available = table->viewport()->width();
    if (available <= 0 || m_fittingColumns || m_preferredWidths.isEmpty())
        return;
    m_fittingColumns = true;
    static const int kGiveWay[] = {MailQueueModel::AttemptsColumn, MailQueueModel::NextAttemptColumn,
                                   MailQueueModel::CategoryColumn, MailQueueModel::FromColumn,
                                   MailQueueModel::QueuedColumn};
    QSet<int> hidden;
    QHash<int, int> widths;
    for (std::size_t dropped = 0;; ++dropped) {
        // While columns can still give way, the elidable ones shrink only to three quarters of
        // their width (a subject cut to a few words helps nobody); after that to their minimum.
        const bool last = dropped == std::size(kGiveWay);
        int wanted = 0;
        int spare = 0;
        widths.clear();
        for (int column = 0; column < MailQueueModel::ColumnCount; ++column) {
            if (hidden.contains(column))
                continue;
            const int preferred = m_preferredWidths.value(column, 100);
            const int minimum = m_minimumWidths.value(column, preferred);
            widths[column] = preferred;
            wanted += preferred;
            spare += std::max(0, preferred - (last ? minimum : std::max(minimum, preferred * 3 / 4)));
        }
        const int over = wanted - available;
        if (over <= 0)
            break;
        if (over <= spare || last) {
            // Shrink in proportion to what each column can spare.
            const double share = std::min(1.0, double(over) / std::max(1, spare));
            for (auto it = widths.begin(); it != widths.end(); ++it) {
                const int minimum = m_minimumWidths.value(it.key(), it.value());
                const int floor = last ? minimum : std::max(minimum, it.value() * 3 / 4);
                it.value() -= int(std::ceil((it.value() - floor) * share));
                it.value() = std::max(it.value(), floor);
            }
            break;
        }
        hidden.insert(kGiveWay[dropped]);
    }
    for (int column = 0; column < MailQueueModel::ColumnCount; ++column) {
        header->setSectionHidden(column, hidden.contains(column));
        // The subject stretches into whatever is left; the others get their share.
        if (!hidden.contains(column) && column != MailQueueModel::SubjectColumn)
            header->resizeSection(column, widths.value(column));
    }
    m_fittingColumns = false;
}

bool MailQueuePage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == ui->queueTable->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

void MailQueuePage::setActionsActive(bool active)
{
    m_actionsActive = active;
    updateActions();
}

void MailQueuePage::focusSearch()
{
    ui->searchEdit->setFocus(Qt::ShortcutFocusReason);
    ui->searchEdit->selectAll();
}

void MailQueuePage::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = ui->queueTable->indexAt(pos);
    if (index.isValid() && !ui->queueTable->selectionModel()->isRowSelected(index.row(), {}))
        ui->queueTable->selectRow(index.row());
    QMenu menu(this);
    menu.addAction(m_retryAction);
    menu.addAction(m_markSentAction);
    menu.addAction(m_cancelAction);
    menu.addSeparator();
    menu.addAction(m_deleteAction);
    menu.addSeparator();
    menu.addAction(m_exportAction);
    menu.exec(ui->queueTable->viewport()->mapToGlobal(pos));
}

void MailQueuePage::exportRows()
{
    const QString path = m_exportPathPicker ? m_exportPathPicker() : QString();
    if (path.isEmpty())
        return;
    m_model->exportCsv(path, selectedIds());
}

void MailQueuePage::saveViewState() const
{
    QSettings settings;
    settings.setValue(kHeaderKey, ui->queueTable->horizontalHeader()->saveState());
    // The widths the columns should have with room, not the ones a narrow window squeezed them to.
    QVariantList widths;
    for (int column = 0; column < MailQueueModel::ColumnCount; ++column)
        widths.append(m_preferredWidths.value(column));
    settings.setValue(kWidthsKey, widths);
    settings.setValue(kFilterKey, ui->statusFilterCombo->currentIndex());
    settings.setValue(kSearchKey, ui->searchEdit->text());
    settings.setValue(kSplitterKey, ui->splitter->saveState());
}

void MailQueuePage::restoreViewState()
{
    QSettings settings;
    QHeaderView* header = ui->queueTable->horizontalHeader();
    m_fittingColumns = true;
    const bool restored = header->restoreState(settings.value(kHeaderKey).toByteArray());
    m_fittingColumns = false;
    if (restored) {
        header->setSectionResizeMode(MailQueueModel::SubjectColumn, QHeaderView::Stretch);
        const QVariantList widths = settings.value(kWidthsKey).toList();
        for (int column = 0; column < std::min<int>(widths.size(), MailQueueModel::ColumnCount); ++column) {
            if (widths.at(column).toInt() > 0 && column != MailQueueModel::SubjectColumn)
                m_preferredWidths[column] = widths.at(column).toInt();
        }
        fitColumns();
        if (m_activated)
            m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    }
    const int filter = settings.value(kFilterKey, 0).toInt();
    if (filter > 0 && filter < ui->statusFilterCombo->count())
        ui->statusFilterCombo->setCurrentIndex(filter);
    const QString search = settings.value(kSearchKey).toString();
    if (!search.isEmpty()) {
        ui->searchEdit->setText(search);
        m_searchDelay.stop();
        m_model->setSearchText(search);
    }
    ui->splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    // Sending was on when the window closed: an admin expects the queue to keep going.
    if (settings.value(kSendingKey, false).toBool() && m_worker == nullptr) {
        if (sendingAllowed())
            setSendingEnabled(true);
        else
            m_sendingWanted = true; // ITFlow: once Outbound may send (updateSendingGate())
    }
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
    if (m_retryAction == nullptr)
        return; // still in the constructor
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
    const bool active = m_actionsActive;
    ui->retryButton->setEnabled(canRetry);
    ui->cancelButton->setEnabled(canCancel);
    ui->markSentButton->setEnabled(canMarkSent);
    ui->deleteButton->setEnabled(!selected.isEmpty());
    ui->retryAllFailedButton->setEnabled(m_model->stats().failed > 0);
    m_retryAction->setEnabled(active && canRetry);
    m_cancelAction->setEnabled(active && canCancel);
    m_markSentAction->setEnabled(active && canMarkSent);
    m_deleteAction->setEnabled(active && !selected.isEmpty());
    m_retryAllFailedAction->setEnabled(m_model->stats().failed > 0);
    m_refreshAction->setEnabled(active);
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
            : m_itflow
                ? tr("ITFlow's mail queue is empty.\nMessages appear here when ITFlow queues them (invoices, "
                     "quotes, ticket replies). Use \"Send test email…\" under Settings › Mail to check the "
                     "account first.")
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
    Q_EMIT summaryChanged(tr("%1 · %2 queued · %3 deferred · %4 failed · %5 interrupted · %6 sent")
                              .arg(m_workerText, locale.toString(s.queued + s.sending),
                                   locale.toString(s.deferred), locale.toString(s.failed),
                                   locale.toString(s.interrupted), locale.toString(s.sent)));
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
    if (action != MailQueueModel::Action::RetryAllFailed && n == 0)
        return;
    if (action == MailQueueModel::Action::Delete &&
        !m_confirm(tr("Delete messages"),
                   tr("Delete %n message(s) from the queue? This cannot be undone.", nullptr, n),
                   tr("Delete %n message(s)", nullptr, n)))
        return;
    if (action == MailQueueModel::Action::Cancel &&
        !m_confirm(tr("Cancel sending"),
                   tr("Stop sending %n message(s)? They stay in the queue as cancelled.", nullptr, n),
                   tr("Cancel %n message(s)", nullptr, n)))
        return;
    if (action == MailQueueModel::Action::MarkSent &&
        !m_confirm(
            tr("Mark as sent"),
            tr("Record %n message(s) as sent without sending them again? Do this only when the recipients "
               "got them.",
               nullptr, n),
            tr("Mark %n message(s) as sent", nullptr, n)))
        return;
    if (action == MailQueueModel::Action::RetryAllFailed) {
        const int failed = int(std::min<qint64>(m_model->stats().failed, INT_MAX));
        if (!m_confirm(tr("Retry all failed"),
                       tr("Queue all %n failed message(s) again? They are sent with the saved settings.",
                          nullptr, failed),
                       tr("Retry %n message(s)", nullptr, failed)))
            return;
    }
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
        text = tr("%n message(s) queued again.", nullptr, changed);
        break;
    case MailQueueModel::Action::RetryAllFailed:
        text = changed > 0 ? tr("%n failed message(s) queued again.", nullptr, changed)
                           : tr("No failed messages to retry.");
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
    Q_EMIT notice(text);
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
    if (enabled && m_worker == nullptr && !sendingAllowed()) {
        // ITFlow's own worker drains the queue (the switch is off then; this is the tray or a
        // caller that did not look).
        {
            const QSignalBlocker block(ui->sendingButton);
            ui->sendingButton->setChecked(false);
        }
        m_sendingAction->setChecked(false);
        return;
    }
    if (enabled && m_worker == nullptr && m_settingsCheck) {
        // Say in the window's words what is missing, instead of the worker's list of keys.
        if (const QString problem = m_settingsCheck(); !problem.isEmpty()) {
            {
                const QSignalBlocker block(ui->sendingButton);
                ui->sendingButton->setChecked(false);
            }
            m_sendingAction->setChecked(false);
            QMessageBox box(QMessageBox::Information, tr("Mail Queue"), problem, QMessageBox::NoButton, this);
            QPushButton* open = box.addButton(tr("Open Settings › Mail"), QMessageBox::AcceptRole);
            box.addButton(QMessageBox::Close);
            box.exec();
            if (box.clickedButton() == open)
                Q_EMIT settingsRequested();
            return;
        }
    }
    if (m_activated)
        QSettings().setValue(kSendingKey, enabled);
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
                m_runRemaining = 0;
                showWorkerState(WorkerStopped);
                updateSendingGate();
                Q_EMIT workerStopped();
            });
            connect(m_worker, &QueueWorker::signInNeeded, this, &MailQueuePage::showSignInNeeded);
            connect(m_worker, &QueueWorker::failed, this, [this](const QString& reason, bool configuration) {
                if (auto* banner = findChild<QFrame*>(QStringLiteral("signInNeededBanner"));
                    banner && banner->isVisible())
                    return; // the banner says it, with the way out
                if (!configuration) {
                    QMessageBox::warning(this, tr("Mail Queue"), tr("Sending stopped: %1").arg(reason));
                    return;
                }
                // A short sentence first; the worker's full list only under "Show Details".
                QMessageBox box(QMessageBox::Warning, tr("Mail Queue"),
                                tr("Sending stopped because the saved mail settings are not complete."),
                                QMessageBox::NoButton, this);
                box.setInformativeText(
                    tr("Open Settings › Mail: the fields that need attention are marked."));
                box.setDetailedText(windowWording(reason));
                QPushButton* open = box.addButton(tr("Open Settings › Mail"), QMessageBox::AcceptRole);
                box.addButton(QMessageBox::Close);
                box.exec();
                if (box.clickedButton() == open)
                    Q_EMIT settingsRequested();
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
    m_ownerTimer.stop();
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
    m_sendingAction->setChecked(on);
    m_sendingAction->setText(on ? tr("Pause &sending") : tr("Start &sending"));
    ui->sendingButton->setText(on ? tr("Pause sending") : tr("Start sending"));
    ui->sendingButton->setIcon(
        QIcon(on ? QStringLiteral(":/icons/action-pause.svg") : QStringLiteral(":/icons/action-start.svg")));
    switch (state) {
    case WorkerSending:
        m_workerText = tr("Sending");
        break;
    case WorkerIdle:
        // Between paced messages the worker waits with work left: that is still sending.
        m_workerText = m_runRemaining > 0 ? tr("Sending, paced by the rate limit")
                                          : tr("Idle, waiting for due messages");
        break;
    case WorkerPaused:
        m_workerText = tr("Paused");
        break;
    default:
        m_workerText = tr("Not sending");
        break;
    }
    ui->workerStateLabel->setText(m_workerText);
    ui->drainProgress->setVisible(state == WorkerSending || (state == WorkerIdle && m_runRemaining > 0));
    m_liveUpdates.setInterval(state == WorkerSending ? 500 : 1000);
    updateSummary();
}

void MailQueuePage::onProgress(qint64 sent, qint64 failed, qint64 remaining)
{
    const bool wasPaced = m_runRemaining > 0;
    m_runRemaining = remaining;
    if (m_workerState == WorkerIdle && wasPaced != (remaining > 0))
        showWorkerState(WorkerIdle);
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

// OAuth: the provider refused the saved sign-in. Messages stay queued; a banner above the queue
// says so and offers the way out (the Settings page's sign-in).
void MailQueuePage::showSignInNeeded(const QString& reason)
{
    auto* banner = findChild<QFrame*>(QStringLiteral("signInNeededBanner"));
    if (banner == nullptr) {
        banner = new QFrame(this);
        banner->setObjectName(QStringLiteral("signInNeededBanner"));
        banner->setFrameShape(QFrame::StyledPanel);
        banner->setAutoFillBackground(true);
        QPalette palette = banner->palette();
        palette.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xe5));
        banner->setPalette(palette);
        auto* layout = new QHBoxLayout(banner);
        auto* label = new QLabel(banner);
        label->setObjectName(QStringLiteral("signInNeededLabel"));
        label->setWordWrap(true);
        layout->addWidget(label, 1);
        auto* button = new QPushButton(tr("Sign in again…"), banner);
        button->setObjectName(QStringLiteral("signInAgainButton"));
        layout->addWidget(button);
        connect(button, &QPushButton::clicked, this, [this, banner] {
            banner->hide();
            Q_EMIT signInRequested();
        });
        ui->pageLayout->insertWidget(0, banner);
    }
    banner->findChild<QLabel*>(QStringLiteral("signInNeededLabel"))
        ->setText(
            tr("<b>Sign-in needed.</b> %1 Messages stay queued and no attempt is counted until you sign "
               "in again.")
                .arg(reason.toHtmlEscaped()));
    banner->show();
}

} // namespace outbound::gui
