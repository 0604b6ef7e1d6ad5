#include "ScreenshotTool.h"

#include "MailQueuePage.h"
#include "MailSettingsPage.h"
#include "MainWindow.h"
#include "OpenDatabaseDialog.h"
#include "TestSendDialog.h"

#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QTableView>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <utility>

namespace outbound::gui {

namespace {
void save(QWidget* widget, const QString& directory, const QString& name)
{
    const QString path = QDir(directory).filePath(name);
    // The whole screen as a user sees it (window frame, panel, anything off-screen is missing),
    // unless OUTBOUND_SCREENSHOT_WIDGET=1 asks for the widget alone.
    QScreen* screen = widget->screen();
    const bool wholeScreen = screen != nullptr && qEnvironmentVariable("OUTBOUND_SCREENSHOT_WIDGET") != u"1";
    const QPixmap picture = wholeScreen ? screen->grabWindow(0) : widget->grab();
    if (!picture.save(path))
        std::fprintf(stderr, "outbound: could not write %s\n", qPrintable(path));
    else
        std::fprintf(stdout, "%s\n", qPrintable(path));
}
// File › Open Database… with a server address typed in, then quit.
void shootOpenDatabase(MainWindow* window, const QString& directory)
{
    auto* dialog = new OpenDatabaseDialog(window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->findChild<QLineEdit*>(QStringLiteral("addressEdit"))
        ->setText(QStringLiteral("postgresql://outbound@db.contoso-it.example/outbound"));
    QTimer::singleShot(800, dialog, [dialog, directory] {
        save(dialog, directory, QStringLiteral("open-database.png"));
        QApplication::quit();
    });
}
} // namespace

void ScreenshotTool::run(MainWindow* window, const QString& directory)
{
    QDir().mkpath(directory);
    // The window keeps the size it chose for this screen (the first-start rule), like a new user's.
    window->showPage(MainWindow::SettingsPage);

    QTimer::singleShot(1500, window, [window, directory] {
        save(window, directory, QStringLiteral("settings-mail.png"));
        window->showPage(MainWindow::QueuePage);
        QTimer::singleShot(1500, window, [window, directory] {
            // Show a failed message in the detail pane: it has the most to say.
            auto* table = window->queuePage()->findChild<QTableView*>(QStringLiteral("queueTable"));
            if (table != nullptr) {
                for (int row = 0; row < table->model()->rowCount(); ++row) {
                    const QModelIndex index = table->model()->index(row, MailQueueModel::StatusColumn);
                    if (index.data(MailQueueModel::StatusRole).toInt() == int(MessageStatus::Failed)) {
                        table->selectRow(row);
                        break;
                    }
                }
            }
            QTimer::singleShot(1000, window, [window, directory] {
                save(window, directory, QStringLiteral("mail-queue.png"));
                window->showPage(MainWindow::WorkersView);
            });
            QTimer::singleShot(2500, window, [window, directory] {
                save(window, directory, QStringLiteral("workers.png"));
                window->showPage(
                    MainWindow::QueuePage); // the test-send dialog opens over the queue, as before
                // The docs' demo sends to a local server: OUTBOUND_SCREENSHOT_SMTP="key=value;..."
                // overrides settings by name (smtp.host, smtp.port, ...), "password" the secret.
                MailSettings settings = window->settingsPage()->currentSettings();
                QString password = window->settingsPage()->currentPassword();
                const QStringList overrides =
                    qEnvironmentVariable("OUTBOUND_SCREENSHOT_SMTP").split(u';', Qt::SkipEmptyParts);
                for (const QString& pair : overrides) {
                    const QString key = pair.section(u'=', 0, 0);
                    const QString value = pair.section(u'=', 1);
                    if (key == u"password")
                        password = value;
                    else if (const auto setting = settingKeyFromName(key))
                        settings.setValue(*setting, value);
                }
                auto* dialog = new TestSendDialog(settings, password, window);
                const QString recipient = qEnvironmentVariable("OUTBOUND_SCREENSHOT_RECIPIENT");
                if (!recipient.isEmpty())
                    dialog->findChild<QLineEdit*>(QStringLiteral("recipientEdit"))->setText(recipient);
                dialog->show();
                auto done = std::make_shared<bool>(false);
                auto finish = [window, dialog, directory, done] {
                    if (std::exchange(*done, true))
                        return;
                    save(dialog, directory, QStringLiteral("test-send.png"));
                    dialog->close();
                    shootOpenDatabase(window, directory);
                };
                if (overrides.isEmpty()) {
                    // Pictures of someone's own settings: the dialog ready to send, nothing sent
                    // (a real test message to a real recipient is not a side effect of a picture).
                    QTimer::singleShot(500, dialog, finish);
                    return;
                }
                QObject::connect(dialog, &TestSendDialog::sendFinished, dialog,
                                 [dialog, finish] { QTimer::singleShot(300, dialog, finish); });
                dialog->send();
                // A server that never answers still gives a picture of the dialog at work.
                QTimer::singleShot(20000, dialog, finish);
            });
        });
    });
}

} // namespace outbound::gui
