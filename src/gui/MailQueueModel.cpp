#include "MailQueueModel.h"

#include "GuiText.h"
#include "common/Database.h"
#include "common/TerminalText.h"
#include "settings/SettingsStore.h"

#include <QBrush>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFont>
#include <QLocale>
#include <QSaveFile>
#include <QSqlDriver>
#include <QTimer>
#include <limits>

namespace outbound::gui {

struct QueueStoreThread::Listener
{
    QStringList channels;
    QPointer<QSqlDriver> driver; // the connection subscribed on; a new one needs subscribing
    QMetaObject::Connection connection;
    bool listening = false;
    // One flag per channel: set while a report is on its way to the GUI thread.
    QHash<QString, std::shared_ptr<std::atomic<bool>>> pending;

    // On the store thread.
    void subscribe(const QPointer<QueueStoreThread>& owner)
    {
        if (channels.isEmpty() || !Database::isServer())
            return;
        QSqlDatabase db = Database::connection(); // reconnects after a lost connection
        QSqlDriver* current = db.isOpen() ? db.driver() : nullptr;
        bool now = false;
        if (current != nullptr && current->hasFeature(QSqlDriver::EventNotifications)) {
            if (current == driver && !current->subscribedToNotifications().isEmpty()) {
                now = true;
            } else {
                QObject::disconnect(connection);
                now = true;
                const QStringList subscribed = current->subscribedToNotifications();
                for (const QString& channel : std::as_const(channels))
                    now = (subscribed.contains(channel) || current->subscribeToNotification(channel)) && now;
                driver = current;
                auto flags = pending;
                connection = QObject::connect(
                    current, &QSqlDriver::notification, current,
                    [owner, flags](const QString& name, QSqlDriver::NotificationSource, const QVariant&) {
                        const auto flag = flags.value(name);
                        if (!flag || flag->exchange(true))
                            return;
                        QMetaObject::invokeMethod(
                            owner,
                            [owner, flag, name] {
                                flag->store(false);
                                if (owner)
                                    Q_EMIT owner->notified(name);
                            },
                            Qt::QueuedConnection);
                    });
            }
        }
        if (now == listening)
            return;
        listening = now;
        QMetaObject::invokeMethod(
            owner,
            [owner, now] {
                if (owner)
                    Q_EMIT owner->listeningChanged(now);
            },
            Qt::QueuedConnection);
    }
};

QueueStoreThread::QueueStoreThread(StoreFactory factory, QObject* parent)
    : QObject(parent), m_store(std::make_shared<std::unique_ptr<MailStore>>()),
      m_listener(std::make_shared<Listener>())
{
    m_thread.setObjectName(QStringLiteral("QueueStoreThread"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    auto store = m_store;
    auto shared = std::make_shared<StoreFactory>(std::move(factory));
    connect(
        &m_thread, &QThread::started, m_worker, [store, shared] { *store = (*shared)(); },
        Qt::DirectConnection);
    connect(
        &m_thread, &QThread::finished, m_worker,
        [store, worker = m_worker] {
            store->reset();
            Database::closeThreadConnection();
            delete worker;
        },
        Qt::DirectConnection);
    m_thread.start();
}

QueueStoreThread::~QueueStoreThread()
{
    m_thread.quit();
    m_thread.wait();
}

void QueueStoreThread::run(std::function<void(MailStore*)> work)
{
    auto store = m_store;
    QMetaObject::invokeMethod(
        m_worker, [store, work = std::move(work)] { work(store->get()); }, Qt::QueuedConnection);
}

void QueueStoreThread::listen(const QStringList& channels)
{
    QHash<QString, std::shared_ptr<std::atomic<bool>>> flags;
    for (const QString& channel : channels)
        flags.insert(channel, std::make_shared<std::atomic<bool>>(false));
    QPointer<QueueStoreThread> owner(this);
    run([listener = m_listener, channels, flags, owner](MailStore*) {
        listener->channels = channels;
        listener->pending = flags;
        listener->driver = nullptr; // subscribe the new list
        listener->subscribe(owner);
    });
}

void QueueStoreThread::keepListening()
{
    QPointer<QueueStoreThread> owner(this);
    run([listener = m_listener, owner](MailStore*) { listener->subscribe(owner); });
}

QueueStoreThread::StoreFactory QueueStoreThread::defaultFactory()
{
    return []() -> std::unique_ptr<MailStore> {
        auto settings = SettingsStore::load();
        return openMailStore(settings ? settings.value() : MailSettings());
    };
}

namespace {

QString storeMissing()
{
    return QCoreApplication::translate("MailQueueModel", "The mail queue could not be opened.");
}

MessageQuery::SortColumn sortColumnFor(int column)
{
    switch (column) {
    case MailQueueModel::QueuedColumn:
        return MessageQuery::SortColumn::QueuedAt;
    case MailQueueModel::CategoryColumn:
        return MessageQuery::SortColumn::Category;
    case MailQueueModel::FromColumn:
        return MessageQuery::SortColumn::From;
    case MailQueueModel::ToColumn:
        return MessageQuery::SortColumn::To;
    case MailQueueModel::SubjectColumn:
        return MessageQuery::SortColumn::Subject;
    case MailQueueModel::StatusColumn:
        return MessageQuery::SortColumn::State;
    case MailQueueModel::AttemptsColumn:
        return MessageQuery::SortColumn::Attempts;
    case MailQueueModel::NextAttemptColumn:
        return MessageQuery::SortColumn::NextAttempt;
    case MailQueueModel::LastErrorColumn:
        return MessageQuery::SortColumn::LastError;
    default:
        return MessageQuery::SortColumn::Id;
    }
}

QString shortTime(const QDateTime& t)
{
    // Compact enough for a table column: the time today, the day and time this year, else the date.
    if (!t.isValid())
        return {};
    const QDateTime local = t.toLocalTime();
    const QDate today = QDate::currentDate();
    const QLocale locale;
    if (local.date() == today)
        return locale.toString(local.time(), QStringLiteral("HH:mm"));
    if (local.date().year() == today.year())
        return locale.toString(local, QStringLiteral("d MMM HH:mm"));
    return locale.toString(local.date(), QLocale::ShortFormat);
}

} // namespace

// What the counter thread knows (touched on that thread only). The per-status figures belong to
// one revision of the queue; every write to the queue moves the revision (MailStore's contract for
// changedSince()), so while it stands still nothing is counted again.
struct MailQueueModel::CountCache
{
    struct Total
    {
        qint64 rows = -1;
        qint64 revision = -1;
        qint64 countedAtMs = 0;
        qint64 tookMs = 0;
    };
    qint64 revision = -1;
    QueueStats stats;
    QHash<QString, Total> totals; // a search's total, by filter (the sort does not change it)
    QElapsedTimer clock;
};

MailQueueModel::MailQueueModel(QueueStoreThread* store, QObject* parent)
    : MailQueueModel(store, store, parent)
{}

MailQueueModel::MailQueueModel(QueueStoreThread* store, QueueStoreThread* counter, QObject* parent)
    : QAbstractTableModel(parent), m_store(store), m_counter(counter),
      m_countCache(std::make_shared<CountCache>()),
      m_latestGeneration(std::make_shared<std::atomic<quint64>>(0))
{}

MailQueueModel::~MailQueueModel() = default;

int MailQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MailQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MailQueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MessageSummary& m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            // Digits only, no group separators: this is the ID the command line takes.
            return QString::number(m.id);
        case QueuedColumn:
            return shortTime(m.queuedAt);
        case CategoryColumn:
            return categoryName(m.category);
        // Text from senders and servers is shown with its control characters and bidi overrides
        // escaped, so a subject cannot disguise itself (U+202E turns "exe.pdf" around).
        case FromColumn:
            return sanitizeForTerminal(m.fromEmail);
        case ToColumn:
            return sanitizeForTerminal(m.to);
        case SubjectColumn:
            return sanitizeForTerminal(m.subject);
        case StatusColumn:
            return statusName(m.status);
        case AttemptsColumn:
            return m.attempts;
        case NextAttemptColumn:
            if (m.status == MessageStatus::Queued || m.status == MessageStatus::Deferred) {
                const QDateTime next = m.nextAttemptAt.isValid() ? m.nextAttemptAt : m.notBefore;
                return next.isValid() && next > QDateTime::currentDateTimeUtc() ? shortTime(next) : tr("now");
            }
            return {};
        case LastErrorColumn:
            // In the window's language from the typed error; the stored text was written in the
            // language of whichever worker recorded it (and stays what the CSV export writes).
            return sanitizeForTerminal(m.error ? errorLine(*m.error, m.lastError) : m.lastError);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StatusColumn:
            return statusDescription(m.status);
        case QueuedColumn:
            return QLocale().toString(m.queuedAt.toLocalTime(), QLocale::LongFormat);
        case FromColumn:
            return sanitizeForTerminal(m.fromName.isEmpty() ? m.fromEmail
                                                            : tr("%1 <%2>").arg(m.fromName, m.fromEmail));
        case LastErrorColumn:
        case SubjectColumn:
        case ToColumn:
            return index.data(Qt::DisplayRole);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == StatusColumn)
            return statusIcon(m.status);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return QBrush(statusColor(m.status));
        if (index.column() == LastErrorColumn && m.status == MessageStatus::Failed)
            return QBrush(statusColor(MessageStatus::Failed));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || index.column() == AttemptsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return m.id;
    case StatusRole:
        return int(m.status);
    }
    return {};
}

QVariant MailQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("ID");
    case QueuedColumn:
        return tr("Queued");
    case CategoryColumn:
        return tr("Category");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case SubjectColumn:
        return tr("Subject");
    case StatusColumn:
        return tr("Status");
    case AttemptsColumn:
        return tr("Attempts");
    case NextAttemptColumn:
        return tr("Next attempt");
    case LastErrorColumn:
        return tr("Last error");
    }
    return {};
}

bool MailQueueModel::canFetchMore(const QModelIndex& parent) const
{
    if (parent.isValid() || m_fetching || m_exhausted)
        return false;
    return m_total < 0 || m_rows.size() < m_total;
}

void MailQueueModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    requestPage();
}

MessageQuery MailQueueModel::baseQuery() const
{
    MessageQuery query;
    query.statuses = m_statuses;
    query.search = m_search;
    query.sortColumn = m_sortColumn;
    query.descending = m_descending;
    return query;
}

void MailQueueModel::requestPage()
{
    if (!m_store)
        return;
    m_fetching = true;
    MessageQuery query = baseQuery();
    query.offset = int(m_rows.size());
    query.limit = m_pageSize;
    const quint64 generation = m_generation;
    auto latest = m_latestGeneration;
    QPointer<MailQueueModel> self(this);
    const bool needBaseline = m_revision < 0;
    m_store->run([self, query, generation, latest, needBaseline](MailStore* store) {
        if (latest->load() != generation)
            return; // the filter changed while this waited
        if (store == nullptr) {
            QMetaObject::invokeMethod(
                self,
                [self] {
                    if (self)
                        Q_EMIT self->storeError(storeMissing());
                },
                Qt::QueuedConnection);
            return;
        }
        // Where live updates start: read before the page, so no change after it is missed (one
        // made in between comes again as a change, which is harmless).
        qint64 revision = -1;
        if (needBaseline)
            store->changedSince(std::numeric_limits<qint64>::max(), &revision);
        auto rows = store->list(query);
        QMetaObject::invokeMethod(
            self,
            [self, rows = std::move(rows), generation, query, revision] {
                if (!self)
                    return;
                if (self->m_revision < 0 && revision >= 0)
                    self->m_revision = revision;
                if (!rows) {
                    self->m_fetching = false;
                    Q_EMIT self->storeError(rows.error().message);
                    return;
                }
                self->applyPage(generation, query.offset, rows.value(), rows.value().size() < query.limit);
            },
            Qt::QueuedConnection);
    });
}

void MailQueueModel::applyPage(quint64 generation, int offset, const QList<MessageSummary>& rows,
                               bool complete)
{
    if (generation != m_generation)
        return;
    m_fetching = false;
    if (offset != m_rows.size())
        return; // rows were removed meanwhile; the next fetchMore asks again from the right offset
    m_exhausted = complete;
    QList<MessageSummary> fresh;
    fresh.reserve(rows.size());
    for (const MessageSummary& row : rows) {
        if (!m_rowById.contains(row.id)) // a live insert may already show it
            fresh.append(row);
    }
    if (!fresh.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (const MessageSummary& row : std::as_const(fresh)) {
            m_rowById.insert(row.id, int(m_rows.size()));
            m_rows.append(row);
        }
        endInsertRows();
    }
    if (complete && m_total != m_rows.size()) {
        m_total = m_rows.size();
        Q_EMIT totalChanged(m_total);
    }
    Q_EMIT pageLoaded(offset, int(fresh.size()));
}

void MailQueueModel::reload()
{
    ++m_generation;
    m_latestGeneration->store(m_generation);
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    m_total = -1;
    m_exhausted = false;
    // Loading from here on; the view asks for nothing until the first page has come.
    m_fetching = true;
    endResetModel();
    Q_EMIT totalChanged(m_total);
    if (!m_store)
        return;
    // The first page is asked for when this turn of the event loop is over, so changes made
    // together (the filter cleared and a search typed) cost one query. The page goes to the
    // store's thread; the counting to the counter's, where it never delays a page.
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation != m_generation)
                return; // a later change asked again
            requestPage();
            refreshCounts(true);
        },
        Qt::QueuedConnection);
}

void MailQueueModel::sort(int column, Qt::SortOrder order)
{
    const auto sortColumn = sortColumnFor(column);
    const bool descending = order == Qt::DescendingOrder;
    if (sortColumn == m_sortColumn && descending == m_descending && m_generation > 0)
        return;
    m_sortColumn = sortColumn;
    m_descending = descending;
    reload();
}

void MailQueueModel::setStatusFilter(const QList<MessageStatus>& statuses)
{
    if (statuses == m_statuses)
        return;
    m_statuses = statuses;
    reload();
}

void MailQueueModel::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    reload();
}

std::optional<MessageSummary> MailQueueModel::summaryAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row);
}

bool MailQueueModel::matchesFilter(const MessageSummary& m) const
{
    if (!m_statuses.isEmpty() && !m_statuses.contains(m.status))
        return false;
    if (m_search.isEmpty())
        return true;
    return m.fromEmail.contains(m_search, Qt::CaseInsensitive) ||
           m.fromName.contains(m_search, Qt::CaseInsensitive) ||
           m.to.contains(m_search, Qt::CaseInsensitive) || m.subject.contains(m_search, Qt::CaseInsensitive);
}

void MailQueueModel::refreshChanged()
{
    if (!m_store || m_revision < 0)
        return;
    if (m_changesPending)
        return; // one request at a time; the answer covers everything up to then
    m_changesPending = true;
    const qint64 since = m_revision;
    QPointer<MailQueueModel> self(this);
    m_store->run([self, since](MailStore* store) {
        if (store == nullptr)
            return;
        qint64 revision = since;
        auto rows = store->changedSince(since, &revision);
        QMetaObject::invokeMethod(
            self,
            [self, rows = std::move(rows), revision, since] {
                if (!self)
                    return;
                self->m_changesPending = false;
                if (!rows) {
                    self->setAvailable(false, rows.error().message);
                    Q_EMIT self->storeError(rows.error().message);
                    return;
                }
                self->setAvailable(true, {});
                self->applyChanges(rows.value(), revision);
                // The figures change only with the queue: an idle queue costs no count.
                if (revision != since)
                    self->refreshStats();
            },
            Qt::QueuedConnection);
    });
}

void MailQueueModel::setAvailable(bool available, const QString& reason)
{
    if (available == m_available && (available || reason == m_unavailableReason))
        return;
    const bool cameBack = available && !m_available;
    m_available = available;
    m_unavailableReason = available ? QString() : reason;
    Q_EMIT availabilityChanged(available, m_unavailableReason);
    // Pages asked for while the database was away failed; ask again from the top.
    if (cameBack && (m_total < 0 || m_rows.isEmpty()))
        reload();
}

void MailQueueModel::applyChanges(const QList<MessageSummary>& rows, qint64 revision)
{
    m_revision = std::max(m_revision, revision);
    QList<qint64> updated;
    QList<MessageSummary> added;
    QList<int> removedRows;
    for (const MessageSummary& row : rows) {
        const int at = m_rowById.value(row.id, -1);
        if (row.removed) {
            if (at >= 0)
                removedRows.append(at);
            continue;
        }
        if (at >= 0) {
            m_rows[at] = row;
            updated.append(row.id);
            Q_EMIT dataChanged(index(at, 0), index(at, ColumnCount - 1));
        } else if (matchesFilter(row)) {
            added.append(row);
        }
    }
    if (!removedRows.isEmpty()) {
        // Deleted elsewhere (the CLI, another window): drop them, bottom up.
        std::sort(removedRows.begin(), removedRows.end(), std::greater<>());
        for (int row : std::as_const(removedRows)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
        m_rowById.clear();
        for (int i = 0; i < m_rows.size(); ++i)
            m_rowById.insert(m_rows.at(i).id, i);
        if (m_total >= 0) {
            m_total = std::max<qint64>(0, m_total - removedRows.size());
            Q_EMIT totalChanged(m_total);
        }
    }
    // New rows belong at the top when the newest come first (the default order); elsewhere they
    // appear with the next reload instead of jumping into the middle of what the user reads.
    const bool newestFirst = m_descending && (m_sortColumn == MessageQuery::SortColumn::Id ||
                                              m_sortColumn == MessageQuery::SortColumn::QueuedAt);
    if (!added.isEmpty() && newestFirst && m_generation > 0) {
        std::sort(added.begin(), added.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
        const qint64 newestShown = m_rows.isEmpty() ? 0 : m_rows.first().id;
        QList<MessageSummary> top;
        for (const MessageSummary& row : std::as_const(added)) {
            if (row.id > newestShown)
                top.append(row);
        }
        if (!top.isEmpty()) {
            beginInsertRows({}, 0, int(top.size()) - 1);
            m_rows = top + m_rows;
            m_rowById.clear();
            for (int i = 0; i < m_rows.size(); ++i)
                m_rowById.insert(m_rows.at(i).id, i);
            endInsertRows();
            if (m_total >= 0) {
                m_total += top.size();
                Q_EMIT totalChanged(m_total);
            }
            for (const MessageSummary& row : std::as_const(top))
                updated.append(row.id);
        }
    }
    if (!updated.isEmpty())
        Q_EMIT rowsUpdated(updated);
}

void MailQueueModel::refreshStats()
{
    refreshCounts(false);
}

namespace {
QString filterKey(const MessageQuery& query)
{
    QString key;
    for (MessageStatus s : query.statuses)
        key += toString(s) + u',';
    return key + u'\n' + query.search;
}
} // namespace

void MailQueueModel::refreshCounts(bool newTotal)
{
    if (!m_counter)
        return;
    if (m_countsInFlight) {
        // One request at a time; the next one starts when this one answers, with the filter then.
        m_countsAgain = true;
        m_countsAgainNewTotal = m_countsAgainNewTotal || newTotal;
        return;
    }
    m_countsInFlight = true;
    const MessageQuery query = baseQuery();
    const quint64 generation = m_generation;
    auto latest = m_latestGeneration;
    auto cache = m_countCache;
    QPointer<MailQueueModel> self(this);
    m_counter->run([self, query, generation, latest, cache, newTotal](MailStore* store) {
        QString error;
        qint64 total = -1;
        qint64 again = 0; // ms until a throttled search total should be counted again
        if (store != nullptr) {
            if (!cache->clock.isValid())
                cache->clock.start();
            // The queue's revision alone: no row is newer than the largest number.
            qint64 revision = -1;
            const bool read = bool(store->changedSince(std::numeric_limits<qint64>::max(), &revision));
            if (!read || revision < 0 || revision != cache->revision) {
                if (auto stats = store->stats()) {
                    cache->stats = stats.value();
                    cache->revision = read ? revision : -1;
                } else {
                    error = stats.error().message;
                }
            }
            if (error.isEmpty() && latest->load() == generation) {
                if (query.search.isEmpty()) {
                    // A status filter's total is the sum of its statuses: no count at all.
                    total = 0;
                    for (MessageStatus s : allStatuses()) {
                        if (query.statuses.isEmpty() || query.statuses.contains(s))
                            total += cache->stats.count(s);
                    }
                } else {
                    if (cache->totals.size() > 64)
                        cache->totals.clear();
                    CountCache::Total& known = cache->totals[filterKey(query)];
                    const qint64 now = cache->clock.elapsed();
                    // While the queue keeps changing (sending), a slow search is counted again at
                    // most every 2 s or ten times as long as it took, whichever is longer.
                    const qint64 wait = std::max<qint64>(2000, known.tookMs * 10);
                    const bool current = known.rows >= 0 && known.revision == cache->revision;
                    if (!current && (known.rows < 0 || newTotal || now - known.countedAtMs >= wait)) {
                        QElapsedTimer took;
                        took.start();
                        if (auto counted = store->count(query)) {
                            known = {counted.value(), cache->revision, now, took.elapsed()};
                        } else {
                            error = counted.error().message;
                        }
                    } else if (!current) {
                        again = wait - (now - known.countedAtMs);
                    }
                    total = known.rows;
                }
            }
        }
        QMetaObject::invokeMethod(
            self,
            [self, stats = cache->stats, total, generation, error, again, counted = store != nullptr] {
                if (!self)
                    return;
                self->m_countsInFlight = false;
                if (!error.isEmpty()) {
                    Q_EMIT self->storeError(error);
                } else if (counted) {
                    self->m_stats = stats;
                    if (total >= 0 && generation == self->m_generation && total != self->m_total) {
                        self->m_total = total;
                        self->m_exhausted = self->m_rows.size() >= total;
                        Q_EMIT self->totalChanged(total);
                    }
                    Q_EMIT self->statsChanged(stats);
                }
                if (again > 0)
                    QTimer::singleShot(again, self, [self] {
                        if (self)
                            self->refreshStats();
                    });
                if (std::exchange(self->m_countsAgain, false))
                    self->refreshCounts(std::exchange(self->m_countsAgainNewTotal, false));
            },
            Qt::QueuedConnection);
    });
}

QString csvField(const QString& value)
{
    QString v = value;
    // A spreadsheet runs a cell that starts with = + - @ (or a tab/CR before them) as a formula;
    // a leading apostrophe makes it text (OWASP's advice for CSV injection).
    if (!v.isEmpty() && QStringLiteral("=+-@\t\r").contains(v.front()))
        v.prepend(u'\'');
    if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r') || v.contains(u';') ||
        v != v.trimmed()) {
        v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        v = u'"' + v + u'"';
    }
    return v;
}

namespace {

QString csvLine(const MessageSummary& m)
{
    const QStringList fields = {
        QString::number(m.id),
        m.queuedAt.toUTC().toString(Qt::ISODate),
        toString(m.category),
        m.fromEmail,
        m.to,
        m.subject,
        toString(m.status),
        QString::number(m.attempts),
        m.nextAttemptAt.isValid() ? m.nextAttemptAt.toUTC().toString(Qt::ISODate) : QString(),
        m.sentAt.isValid() ? m.sentAt.toUTC().toString(Qt::ISODate) : QString(),
        m.lastError,
    };
    QStringList out;
    for (const QString& f : fields)
        out << csvField(f);
    return out.join(u',') + QStringLiteral("\r\n");
}

} // namespace

void MailQueueModel::exportCsv(const QString& path, const QList<qint64>& ids)
{
    if (!m_store)
        return;
    // Selected rows are loaded already; a filter export reads every matching row on the store
    // thread, page by page, so the window never holds a million rows and never waits on disk.
    QList<MessageSummary> selected;
    for (qint64 id : ids) {
        if (const int row = m_rowById.value(id, -1); row >= 0)
            selected.append(m_rows.at(row));
    }
    const bool filter = ids.isEmpty();
    const MessageQuery query = baseQuery();
    QPointer<MailQueueModel> self(this);
    // The counter's thread: a long export never holds up the pages, details and actions.
    QueueStoreThread* thread = m_counter ? m_counter.data() : m_store.data();
    thread->run([self, path, selected, filter, query](MailStore* store) {
        qint64 written = 0;
        QString error;
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            error = file.errorString();
        } else {
            // Column names are the stable CLI/JSON names, so scripts can read the file.
            file.write("id,queued_at,category,from,to,subject,status,attempts,next_attempt_at,sent_at,"
                       "last_error\r\n");
            auto writeRows = [&](const QList<MessageSummary>& rows) {
                for (const MessageSummary& m : rows)
                    file.write(csvLine(m).toUtf8());
                written += rows.size();
            };
            if (!filter) {
                writeRows(selected);
            } else if (store == nullptr) {
                error = storeMissing();
            } else {
                MessageQuery page = query;
                page.limit = 5000;
                for (page.offset = 0;; page.offset += page.limit) {
                    auto rows = store->list(page);
                    if (!rows) {
                        error = rows.error().message;
                        break;
                    }
                    writeRows(rows.value());
                    if (rows.value().size() < page.limit)
                        break;
                }
            }
            if (error.isEmpty() && !file.commit())
                error = file.errorString();
        }
        QMetaObject::invokeMethod(
            self,
            [self, written, error] {
                if (self)
                    Q_EMIT self->exportFinished(error.isEmpty() ? written : 0, error);
            },
            Qt::QueuedConnection);
    });
}

void MailQueueModel::runAction(Action action, const QList<qint64>& ids)
{
    if (!m_store)
        return;
    QPointer<MailQueueModel> self(this);
    m_store->run([self, action, ids](MailStore* store) {
        Result<int> changed = 0;
        if (store == nullptr) {
            changed = Failure(storeMissing());
        } else {
            switch (action) {
            case Action::Retry:
                changed = store->retry(ids);
                break;
            case Action::RetryAllFailed:
                changed = store->retryAllFailed();
                break;
            case Action::Cancel:
                changed = store->cancel(ids);
                break;
            case Action::Delete:
                changed = store->remove(ids);
                break;
            case Action::MarkSent:
                changed = store->markSent(ids);
                break;
            }
        }
        QMetaObject::invokeMethod(
            self,
            [self, action, ids, changed = std::move(changed)] {
                if (!self)
                    return;
                if (!changed) {
                    Q_EMIT self->actionFinished(action, 0, changed.error().message);
                    return;
                }
                if (action == Action::Delete) {
                    // Remove from the bottom up so the row numbers stay right.
                    QList<int> rows;
                    for (qint64 id : ids) {
                        if (const int row = self->m_rowById.value(id, -1); row >= 0)
                            rows.append(row);
                    }
                    std::sort(rows.begin(), rows.end(), std::greater<>());
                    for (int row : std::as_const(rows)) {
                        self->beginRemoveRows({}, row, row);
                        self->m_rows.removeAt(row);
                        self->endRemoveRows();
                    }
                    self->m_rowById.clear();
                    for (int i = 0; i < self->m_rows.size(); ++i)
                        self->m_rowById.insert(self->m_rows.at(i).id, i);
                    if (self->m_total >= 0) {
                        self->m_total = std::max<qint64>(0, self->m_total - rows.size());
                        Q_EMIT self->totalChanged(self->m_total);
                    }
                }
                Q_EMIT self->actionFinished(action, changed.value(), QString());
                self->refreshChanged();
            },
            Qt::QueuedConnection);
    });
}

void MailQueueModel::requestDetail(qint64 id)
{
    if (!m_store)
        return;
    QPointer<MailQueueModel> self(this);
    m_store->run([self, id](MailStore* store) {
        Result<MessageDetail> detail =
            store != nullptr ? store->detail(id) : Result<MessageDetail>(Failure(storeMissing()));
        QMetaObject::invokeMethod(
            self,
            [self, id, detail = std::move(detail)] {
                if (!self)
                    return;
                if (detail)
                    Q_EMIT self->detailReady(id, detail.value());
                else
                    Q_EMIT self->detailFailed(id, detail.error().message);
            },
            Qt::QueuedConnection);
    });
}

} // namespace outbound::gui
