#pragma once

#include <QObject>
#include <chrono>
#include <memory>

namespace outbound {

// Tells its owner when the saved settings changed: anything that writes settings or a secret
// bumps one revision in the database (SettingsStore), and this polls that integer on a thread of
// its own, so an owner on the GUI thread never touches SQL. The same mechanism serves a worker in
// the window, a separate `outbound-cli worker` process, and (with a shared database) workers on
// other machines; a server that can push (PostgreSQL LISTEN/NOTIFY) only needs to call checkNow().
class SettingsWatcher : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsWatcher)

public:
    explicit SettingsWatcher(std::chrono::milliseconds interval = std::chrono::milliseconds(1000),
                             QObject* parent = nullptr);
    ~SettingsWatcher() override; // stops polling and joins its thread

    // Starts polling. `known` is the revision the owner already has (changed() fires only for a
    // different one); -1 = take the first value read as known without reporting it.
    void start(qint64 known = -1);
    // The revision the owner has seen (as given to start(), acknowledge() or the last changed()).
    qint64 knownRevision() const { return m_known; }
    // The owner has this revision already (e.g. it just saved it): no changed() for it.
    void acknowledge(qint64 revision);
    // Polls at once instead of waiting for the next interval.
    void checkNow();

Q_SIGNALS:
    // The stored settings are at `revision` now, which differs from the known one.
    void changed(qint64 revision);

private:
    void onRevisionRead(qint64 revision);

    struct Poller;
    std::chrono::milliseconds m_interval;
    std::unique_ptr<Poller> m_poller;
    qint64 m_known = -1;
};

} // namespace outbound
