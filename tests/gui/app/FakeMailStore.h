#pragma once

#include "queue/MailStore.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <memory>

// An in-memory MailStore for model tests that must not depend on the SQLite store's timing. It
// records the thread it is used from so the test can prove the model never calls it on the GUI
// thread.
struct FakeQueueData
{
    QMutex mutex;
    QList<outbound::MessageSummary> rows;
    QList<outbound::WorkerInfo> workers;
    QHash<qint64, qint64> revisions;
    qint64 revision = 1;
    QList<Qt::HANDLE> callerThreads;
    // Counting: how often the per-status figures were asked for, and a switch that makes stats()
    // and count() wait (as a count over a million rows does) until it is turned off.
    std::atomic<int> statsCalls{0};
    std::atomic<int> changedCalls{0};
    std::atomic<bool> holdCounts{false};
    // Not empty: the database is away; changedSince() and workers() fail with this text.
    QString failure;

    void add(outbound::MessageStatus status, const QString& subject)
    {
        outbound::MessageSummary m;
        m.id = rows.size() + 1;
        m.status = status;
        m.category = outbound::Category::Invoice;
        m.fromEmail = QStringLiteral("billing@example.com");
        m.fromName = QStringLiteral("Billing");
        m.to = QStringLiteral("customer%1@example.net").arg(m.id);
        m.subject = subject;
        m.queuedAt = QDateTime::currentDateTimeUtc().addSecs(-3600 + m.id);
        m.attempts = status == outbound::MessageStatus::Failed ? 6 : 0;
        m.lastError = status == outbound::MessageStatus::Failed
                          ? QStringLiteral("rcpt: 550 5.1.1 user unknown")
                          : QString();
        rows.append(m);
        revisions.insert(m.id, revision);
    }
};

class FakeMailStore final : public outbound::MailStore
{
public:
    explicit FakeMailStore(std::shared_ptr<FakeQueueData> data) : m_data(std::move(data)) {}

    outbound::Result<qint64> enqueue(const outbound::NewMessage&) override
    {
        return outbound::Failure(QStringLiteral("no"));
    }
    outbound::Result<QList<qint64>> enqueueBatch(const QList<outbound::NewMessage>&) override
    {
        return outbound::Failure(QStringLiteral("no"));
    }

    outbound::Result<QList<outbound::MessageSummary>> list(const outbound::MessageQuery& query) override
    {
        QMutexLocker lock(&m_data->mutex);
        note();
        QList<outbound::MessageSummary> all = matching(query);
        std::stable_sort(all.begin(), all.end(), [&](const auto& a, const auto& b) {
            const bool less = query.sortColumn == outbound::MessageQuery::SortColumn::Subject
                                  ? a.subject < b.subject
                                  : a.id < b.id;
            const bool greater = query.sortColumn == outbound::MessageQuery::SortColumn::Subject
                                     ? b.subject < a.subject
                                     : b.id < a.id;
            return query.descending ? greater : less;
        });
        return all.mid(query.offset, query.limit);
    }
    outbound::Result<qint64> count(const outbound::MessageQuery& query) override
    {
        waitWhileHeld();
        QMutexLocker lock(&m_data->mutex);
        note();
        return qint64(matching(query).size());
    }
    outbound::Result<outbound::MessageDetail> detail(qint64 id) override
    {
        QMutexLocker lock(&m_data->mutex);
        note();
        for (const auto& row : std::as_const(m_data->rows)) {
            if (row.id == id) {
                outbound::MessageDetail d;
                d.summary = row;
                return d;
            }
        }
        return outbound::Failure(QStringLiteral("no such message"));
    }
    outbound::Result<outbound::QueueStats> stats() override
    {
        ++m_data->statsCalls;
        waitWhileHeld();
        QMutexLocker lock(&m_data->mutex);
        note();
        outbound::QueueStats s;
        for (const auto& row : std::as_const(m_data->rows)) {
            if (row.status == outbound::MessageStatus::Failed)
                ++s.failed;
            else if (row.status == outbound::MessageStatus::Queued)
                ++s.queued;
            else if (row.status == outbound::MessageStatus::Sent)
                ++s.sent;
        }
        return s;
    }
    outbound::Result<QList<outbound::MessageSummary>> changedSince(qint64 revision,
                                                                   qint64* newRevision) override
    {
        ++m_data->changedCalls;
        QMutexLocker lock(&m_data->mutex);
        note();
        if (!m_data->failure.isEmpty())
            return outbound::Failure(m_data->failure);
        QList<outbound::MessageSummary> changed;
        for (const auto& row : std::as_const(m_data->rows)) {
            if (m_data->revisions.value(row.id) > revision)
                changed.append(row);
        }
        if (newRevision != nullptr)
            *newRevision = m_data->revision;
        return changed;
    }
    outbound::Result<int> retry(const QList<qint64>& ids) override
    {
        return change(ids, outbound::MessageStatus::Queued);
    }
    outbound::Result<int> retryAllFailed() override
    {
        QList<qint64> ids;
        {
            QMutexLocker lock(&m_data->mutex);
            for (const auto& row : std::as_const(m_data->rows)) {
                if (row.status == outbound::MessageStatus::Failed)
                    ids.append(row.id);
            }
        }
        return change(ids, outbound::MessageStatus::Queued);
    }
    outbound::Result<int> cancel(const QList<qint64>& ids) override
    {
        return change(ids, outbound::MessageStatus::Cancelled);
    }
    outbound::Result<int> remove(const QList<qint64>& ids) override
    {
        QMutexLocker lock(&m_data->mutex);
        note();
        const auto before = m_data->rows.size();
        ++m_data->revision; // every write moves the revision, as in the real store
        m_data->rows.removeIf([&](const auto& row) { return ids.contains(row.id); });
        return int(before - m_data->rows.size());
    }
    outbound::Result<int> markSent(const QList<qint64>& ids) override
    {
        return change(ids, outbound::MessageStatus::Sent);
    }
    outbound::Result<int> purgeSent(int) override { return 0; }
    outbound::Result<QList<outbound::WorkerInfo>> workers() override
    {
        QMutexLocker lock(&m_data->mutex);
        note();
        if (!m_data->failure.isEmpty())
            return outbound::Failure(m_data->failure);
        return m_data->workers;
    }

private:
    void note() { m_data->callerThreads.append(QThread::currentThreadId()); }
    // Outside the mutex, so the other calls go on meanwhile; bounded so a failed test never hangs.
    void waitWhileHeld() const
    {
        QDeadlineTimer deadline(20000);
        while (m_data->holdCounts.load() && !deadline.hasExpired())
            QThread::msleep(2);
    }

    QList<outbound::MessageSummary> matching(const outbound::MessageQuery& query) const
    {
        QList<outbound::MessageSummary> out;
        for (const auto& row : std::as_const(m_data->rows)) {
            if (!query.statuses.isEmpty() && !query.statuses.contains(row.status))
                continue;
            if (!query.search.isEmpty() && !row.subject.contains(query.search, Qt::CaseInsensitive) &&
                !row.to.contains(query.search, Qt::CaseInsensitive) &&
                !row.fromEmail.contains(query.search, Qt::CaseInsensitive))
                continue;
            out.append(row);
        }
        return out;
    }

    outbound::Result<int> change(const QList<qint64>& ids, outbound::MessageStatus status)
    {
        QMutexLocker lock(&m_data->mutex);
        note();
        int n = 0;
        ++m_data->revision;
        for (auto& row : m_data->rows) {
            if (ids.contains(row.id)) {
                row.status = status;
                m_data->revisions[row.id] = m_data->revision;
                ++n;
            }
        }
        return n;
    }

    std::shared_ptr<FakeQueueData> m_data;
};
