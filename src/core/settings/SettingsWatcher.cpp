#include "settings/SettingsWatcher.h"

#include "common/Database.h"
#include "settings/SettingsStore.h"

#include <QPointer>
#include <QThread>
#include <QTimer>
#include <functional>

namespace outbound {

// The thread that reads the revision; its QTimer and its SQL connection live there.
struct SettingsWatcher::Poller
{
    QThread thread;
    QObject* context = nullptr; // lives on `thread`
    std::function<void()> poll; // runs on `thread`

    ~Poller()
    {
        thread.quit();
        thread.wait();
    }
};

SettingsWatcher::SettingsWatcher(std::chrono::milliseconds interval, QObject* parent)
    : QObject(parent), m_interval(interval)
{}

SettingsWatcher::~SettingsWatcher() = default;

void SettingsWatcher::start(qint64 known)
{
    if (m_poller)
        return;
    m_known = known;
    m_poller = std::make_unique<Poller>();
    m_poller->thread.setObjectName(QStringLiteral("outbound-settings-watcher"));
    auto* context = new QObject;
    context->moveToThread(&m_poller->thread);
    m_poller->context = context;
    QPointer<SettingsWatcher> self(this);
    const int intervalMs = static_cast<int>(m_interval.count());
    Poller* poller = m_poller.get();
    poller->poll = [self] {
        const auto revision = SettingsStore::revision();
        if (!revision)
            return; // a locked or unreadable database: try again on the next tick
        const qint64 value = revision.value();
        QMetaObject::invokeMethod(
            self.data(),
            [self, value] {
                if (self)
                    self->onRevisionRead(value);
            },
            Qt::QueuedConnection);
    };
    connect(
        &m_poller->thread, &QThread::started, context,
        [poller, context, intervalMs] {
            auto* timer = new QTimer(context);
            QObject::connect(timer, &QTimer::timeout, context, poller->poll);
            timer->start(intervalMs);
            poller->poll();
        },
        Qt::DirectConnection);
    connect(
        &m_poller->thread, &QThread::finished, context,
        [context] {
            delete context;
            Database::closeThreadConnection();
        },
        Qt::DirectConnection);
    m_poller->thread.start();
}

void SettingsWatcher::acknowledge(qint64 revision)
{
    m_known = std::max(m_known, revision);
}

void SettingsWatcher::checkNow()
{
    if (!m_poller || !m_poller->context)
        return;
    QMetaObject::invokeMethod(m_poller->context, m_poller->poll, Qt::QueuedConnection);
}

void SettingsWatcher::onRevisionRead(qint64 revision)
{
    if (m_known < 0) {
        m_known = revision;
        return;
    }
    if (revision <= m_known)
        return; // revisions only grow; an older read arrived after a newer acknowledge()
    m_known = revision;
    Q_EMIT changed(revision);
}

} // namespace outbound
