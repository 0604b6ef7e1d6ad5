#include "DatabaseOpener.h"

#include "common/Database.h"
#include "common/DatabaseUrl.h"
#include "settings/SettingsStore.h"

#include <QApplication>
#include <QEventLoop>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>
#include <memory>

namespace outbound::gui {

namespace {

QPointer<QProgressDialog> g_progress;

// How long an open may take before the dialog appears.
constexpr int kQuietMs = 300;

} // namespace

QProgressDialog* DatabaseOpener::progressDialog()
{
    return g_progress.data();
}

Status DatabaseOpener::attempt(const QString& address, const QString& shown,
                               const std::optional<QString>& password)
{
    // Shared with the thread, which may outlive this call when the user cancels.
    struct Outcome
    {
        Status result = success();
    };
    auto outcome = std::make_shared<Outcome>();
    QThread* thread = QThread::create([outcome, address, password] {
        Status opened = Database::initializeUrl(address, Database::Open::CreateIfMissing, nullptr, password);
        if (opened)
            opened = SettingsStore::ensureSchema();
        Database::closeThreadConnection(); // each later thread opens its own
        outcome->result = std::move(opened);
    });
    QProgressDialog progress;
    // The address on a line of its own, wrapped rather than cut: it is what the admin checks.
    auto* label =
        new QLabel(QApplication::translate("DatabaseOpener", "Opening the database\n%1").arg(shown));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setMinimumWidth(420);
    progress.setLabel(label);
    progress.setCancelButtonText(QApplication::translate("DatabaseOpener", "Cancel"));
    progress.setRange(0, 0);
    progress.setWindowTitle(QStringLiteral("Outbound"));
    progress.setMinimumDuration(std::numeric_limits<int>::max()); // shown by the timer below only
    progress.setAutoReset(false);
    progress.setAutoClose(false);
    g_progress = &progress;
    QEventLoop loop;
    bool cancelled = false;
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
    QObject::connect(&progress, &QProgressDialog::canceled, &loop, [&] {
        cancelled = true;
        loop.quit();
    });
    QTimer::singleShot(kQuietMs, &progress, [&progress] { progress.show(); });
    thread->start();
    loop.exec();
    g_progress.clear();
    if (cancelled) {
        // It ends by itself when the server answers or its connect timeout passes.
        QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        return Failure{QApplication::translate("DatabaseOpener", "Opening the database was cancelled."),
                       kCancelled};
    }
    thread->wait();
    delete thread;
    return outcome->result;
}

Status DatabaseOpener::open(const QString& address)
{
    const auto url = DatabaseUrl::parse(address);
    // What the waiting dialog names: a server address without anything secret, or the file.
    const QString shown = url ? url->displayString() : address;
    Status opened = attempt(address, shown, std::nullopt);
    if (opened || !url || !url->isServer())
        return opened;
    auto fromFile = DatabasePassword::resolve(url.value(), std::nullopt);
    if (!fromFile || fromFile->has_value())
        return opened; // a password file answered: its password is wrong, and the error says so
    for (int tries = 0; tries < 3 && !opened && opened.error().key == Database::kLoginRefused; ++tries) {
        QString label =
            QApplication::translate("main", "The database server asks for the password of %1 on %2.")
                .arg(url->userName(), url->displayString());
        if (tries > 0)
            label = QApplication::translate("main", "The server did not accept that password.") +
                    QLatin1Char('\n') + label;
        bool ok = false;
        const QString password =
            QInputDialog::getText(nullptr, QApplication::translate("main", "Database password"), label,
                                  QLineEdit::Password, QString(), &ok);
        if (!ok)
            return opened;
        opened = attempt(address, shown, password);
    }
    return opened;
}

} // namespace outbound::gui
