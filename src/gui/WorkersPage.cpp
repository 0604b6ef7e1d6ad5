#include "WorkersPage.h"

#include "GuiText.h"
#include "MailQueueModel.h"
#include "queue/MailStore.h"

#include <QAction>
#include <QBrush>
#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPalette>
#include <QSysInfo>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>

namespace outbound::gui {

namespace {

QString timeText(const QDateTime& t)
{
    // Seconds matter for a heartbeat; the date only when it is not today.
    if (!t.isValid())
        return {};
    const QDateTime local = t.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QStringLiteral("HH:mm:ss"));
    return locale.toString(local, QLocale::ShortFormat);
}

bool isThisProcess(const WorkerInfo& w)
{
    return w.pid == QCoreApplication::applicationPid() && w.host == QSysInfo::machineHostName();
}

} // namespace

WorkersModel::WorkersModel(QObject* parent) : QAbstractTableModel(parent) {}

int WorkersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_workers.size());
}

int WorkersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString WorkersModel::stateText(const WorkerInfo& w) const
{
    if (w.stoppedAt.isValid() || w.state == u"stopped")
        return tr("Stopped");
    if (w.unresponsive(w.observedAt(m_now)))
        return tr("Not responding");
    if (w.state == u"sending")
        return tr("Sending");
    if (w.state == u"paused")
        return tr("Paused");
    if (w.state == u"stopping")
        return tr("Stopping");
    if (w.state == u"idle")
        return tr("Idle");
    return w.state; // a state a newer version wrote: shown as stored
}

QVariant WorkersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WorkerInfo& w = m_workers.at(index.row());
    const bool stopped = w.stoppedAt.isValid();
    const bool silent = w.unresponsive(w.observedAt(m_now));
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case HostColumn:
            return isThisProcess(w) ? tr("%1 (this window)").arg(w.host) : w.host;
        case ProcessColumn:
            return QString::number(w.pid); // as ps and kill take it: digits only
        case StartedColumn:
            return timeText(w.startedAt);
        case HeartbeatColumn:
            return timeText(stopped ? w.stoppedAt : w.heartbeatAt);
        case StateColumn:
            return stateText(w);
        case ConnectionsColumn:
            return stopped ? QVariant() : QVariant(w.connections);
        case SentColumn:
            return QLocale().toString(w.sent);
        case FailedColumn:
            return QLocale().toString(w.failed);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StartedColumn:
            return QLocale().toString(w.startedAt.toLocalTime(), QLocale::LongFormat);
        case HeartbeatColumn:
            if (stopped)
                return tr("Stopped at %1")
                    .arg(QLocale().toString(w.stoppedAt.toLocalTime(), QLocale::LongFormat));
            return tr("Last sign of life %n second(s) ago", nullptr,
                      int(std::clamp<qint64>(w.heartbeatAt.secsTo(w.observedAt(m_now)), 0, INT_MAX)));
        case StateColumn:
            if (silent)
                return tr(
                    "No heartbeat for longer than its lease (%n second(s)): the process ended, hangs or "
                    "lost the database. Other workers take over the messages it had claimed.",
                    nullptr, int(std::min<qint64>(w.leaseMs / 1000, INT_MAX)));
            return {};
        case ProcessColumn:
            return tr("Process ID on %1").arg(w.host);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == StateColumn) {
            if (stopped)
                return statusIcon(MessageStatus::Cancelled);
            if (silent)
                return statusIcon(MessageStatus::Failed);
            if (w.state == u"sending")
                return statusIcon(MessageStatus::Sending);
            if (w.state == u"paused")
                return statusIcon(MessageStatus::Deferred);
            return statusIcon(MessageStatus::Queued);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && silent)
            return QBrush(statusColor(MessageStatus::Failed));
        if (stopped)
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        if (index.column() == FailedColumn && w.failed > 0)
            return QBrush(statusColor(MessageStatus::Failed));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ProcessColumn || index.column() == ConnectionsColumn ||
            index.column() == SentColumn || index.column() == FailedColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant WorkersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case HostColumn:
        return tr("Host");
    case ProcessColumn:
        return tr("Process");
    case StartedColumn:
        return tr("Started");
    case HeartbeatColumn:
        return tr("Last heartbeat");
    case StateColumn:
        return tr("State");
    case ConnectionsColumn:
        return tr("Connections");
    case SentColumn:
        return tr("Sent");
    case FailedColumn:
        return tr("Failed");
    }
    return {};
}

void WorkersModel::setWorkers(const QList<WorkerInfo>& workers, const QDateTime& now)
{
    // Running workers first (oldest first, as the store orders them), stopped ones below.
    QList<WorkerInfo> sorted = workers;
    std::stable_partition(sorted.begin(), sorted.end(),
                          [](const WorkerInfo& w) { return !w.stoppedAt.isValid(); });
    m_now = now;
    bool sameRows = sorted.size() == m_workers.size();
    for (qsizetype i = 0; sameRows && i < sorted.size(); ++i)
        sameRows = sorted.at(i).id == m_workers.at(i).id;
    if (!sameRows) {
        beginResetModel();
        m_workers = sorted;
        endResetModel();
        return;
    }
    // The same workers: update in place, so the selection and scroll position stay.
    m_workers = sorted;
    if (!m_workers.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_workers.size()) - 1, ColumnCount - 1));
}

WorkersPage::WorkersPage(QueueStoreThread* store, QWidget* parent)
    : QWidget(parent), m_store(store), m_model(new WorkersModel(this))
{
    setObjectName(QStringLiteral("workersPage"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("workersTitle"));
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    font.setBold(true);
    m_title->setFont(font);
    top->addWidget(m_title, 1);
    m_sendingButton = new QToolButton(this);
    m_sendingButton->setObjectName(QStringLiteral("workersSendingButton"));
    m_sendingButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_sendingButton->hide(); // until setSendingAction()
    top->addWidget(m_sendingButton);
    layout->addLayout(top);
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("workersIntro"));
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_owner = new QLabel(this);
    m_owner->setObjectName(QStringLiteral("workersQueueOwner"));
    m_owner->setTextFormat(Qt::PlainText);
    m_owner->setWordWrap(true);
    m_owner->hide();
    QFont ownerFont = m_owner->font();
    ownerFont.setBold(true);
    m_owner->setFont(ownerFont);
    layout->addWidget(m_owner);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("workersTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(WorkersModel::HostColumn, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("workersStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_timer.setInterval(refreshInterval());
    connect(&m_timer, &QTimer::timeout, this, &WorkersPage::refresh);
    retranslate();
}

void WorkersPage::setSendingAction(QAction* action)
{
    m_sendingButton->setDefaultAction(action);
    m_sendingButton->show();
}

void WorkersPage::setQueueOwnerText(const QString& text)
{
    m_owner->setText(text);
    m_owner->setVisible(!text.isEmpty());
}

void WorkersPage::retranslate()
{
    m_title->setText(tr("Workers"));
    m_intro->setText(tr("Every worker that sends from this queue: the one in this window (Start sending) and "
                        "each <tt>outbound-cli worker</tt>, on this machine or others sharing the database. "
                        "Workers stopped in the last day stay listed."));
    if (!m_problem.isEmpty())
        m_status->setText(tr("The workers could not be read: %1").arg(m_problem));
    else if (m_lastRefresh.isValid() && m_model->rowCount() == 0)
        m_status->setText(tr("No worker has sent from this queue in the last day."));
    else if (m_lastRefresh.isValid())
        m_status->setText(
            tr("Updated at %1; refreshed every %n second(s).", nullptr, refreshInterval() / 1000)
                .arg(QLocale().toString(m_lastRefresh.toLocalTime().time(), QStringLiteral("HH:mm:ss"))));
    else
        m_status->setText(tr("Reading the workers…"));
}

void WorkersPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void WorkersPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer.start();
}

void WorkersPage::hideEvent(QHideEvent* event)
{
    m_timer.stop();
    QWidget::hideEvent(event);
}

void WorkersPage::refresh()
{
    if (!m_store || m_pending)
        return; // one request at a time: a slow server never piles them up
    m_pending = true;
    QPointer<WorkersPage> self(this);
    m_store->run([self](MailStore* store) {
        Result<QList<WorkerInfo>> workers =
            store != nullptr ? store->workers()
                             : Result<QList<WorkerInfo>>(Failure{QCoreApplication::translate(
                                   "MailQueueModel", "The mail queue could not be opened.")});
        QMetaObject::invokeMethod(
            self,
            [self, workers = std::move(workers)] {
                if (!self)
                    return;
                self->m_pending = false;
                if (workers)
                    self->apply(workers.value());
                else
                    self->showProblem(workers.error().message);
            },
            Qt::QueuedConnection);
    });
}

void WorkersPage::apply(const QList<WorkerInfo>& workers)
{
    m_problem.clear();
    m_lastRefresh = QDateTime::currentDateTimeUtc();
    m_model->setWorkers(workers, m_lastRefresh);
    retranslate();
    Q_EMIT refreshed(true);
}

void WorkersPage::showProblem(const QString& message)
{
    // The last list stays visible (greyed by nothing: it is the last known state); the line below
    // says it could not be refreshed.
    m_problem = message;
    retranslate();
    Q_EMIT refreshed(false);
}

} // namespace outbound::gui
