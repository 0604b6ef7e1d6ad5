#pragma once

#include "common/Database.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <functional>
#include <memory>
#include <type_traits>

namespace outbound::gui {

// Runs `work` on a short-lived thread and hands its result to `done` on `context`'s thread.
// For calls that may wait (the system keychain) and must never run on the GUI thread. When
// `context` is gone by then, the result is dropped. The thread closes its SQL connection.
template <typename Work, typename Done> void runInBackground(QObject* context, Work work, Done done)
{
    using Value = std::invoke_result_t<Work>;
    QPointer<QObject> guard(context);
    QThread* thread = QThread::create([guard, work = std::move(work), done = std::move(done)]() mutable {
        auto value = std::make_shared<Value>(work());
        Database::closeThreadConnection();
        QObject* target = guard.data();
        if (target == nullptr)
            return;
        QMetaObject::invokeMethod(
            target,
            [guard, value, done = std::move(done)]() mutable {
                if (guard)
                    done(std::move(*value));
            },
            Qt::QueuedConnection);
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace outbound::gui
