#include "MainWindow.h"

#include "GuiText.h"
#include "MailQueuePage.h"
#include "MailSettingsPage.h"
#include "OpenDatabaseDialog.h"
#include "WorkersPage.h"
#include "common/Database.h"
#include "common/DatabaseUrl.h"
#include "settings/MailSettings.h"
#include "ui_MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QScreen>
#include <QSettings>
#include <QSystemTrayIcon>
#include <QTextBrowser>
#include <QTime>
#include <QVBoxLayout>

namespace outbound::gui {

namespace {
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kPageKey = QStringLiteral("window/page");
} // namespace

MainWindow::MainWindow(QWidget* parent, TrayIcon tray)
    : QMainWindow(parent), ui(std::make_unique<Ui::MainWindow>())
{
    initResources();
    ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/outbound.svg")));

    m_settingsPage = new MailSettingsPage(this);
    m_queuePage = new MailQueuePage(QueueStoreThread::defaultFactory(), this);
    // The Workers page reads on the queue page's store thread: one database connection per window.
    m_workersPage = new WorkersPage(m_queuePage->storeThread(), this);
    m_workersPage->setSendingAction(m_queuePage->sendingAction());
    connect(m_queuePage, &MailQueuePage::queueOwnerChanged, m_workersPage, &WorkersPage::setQueueOwnerText);
    ui->pageStack->addWidget(m_settingsPage);
    ui->pageStack->addWidget(m_queuePage);
    ui->pageStack->addWidget(m_workersPage);

    auto* settingsItem = new QListWidgetItem(QIcon(QStringLiteral(":/icons/nav-settings.svg")),
                                             tr("Settings › Mail"), ui->navigationList);
    settingsItem->setToolTip(tr("The SMTP account, senders and queue limits"));
    auto* queueItem = new QListWidgetItem(QIcon(QStringLiteral(":/icons/nav-queue.svg")), tr("Mail Queue"),
                                          ui->navigationList);
    queueItem->setToolTip(tr("Every message, its status and the sending switch"));
    auto* workersItem = new QListWidgetItem(QIcon(QStringLiteral(":/icons/nav-workers.svg")), tr("Workers"),
                                            ui->navigationList);
    workersItem->setToolTip(tr("Every worker sending from this queue, here and on other machines"));
    // Wide enough for the longest translated entry next to its icon.
    int textWidth = 0;
    for (QListWidgetItem* item : {settingsItem, queueItem, workersItem}) {
        item->setSizeHint(QSize(0, 44));
        textWidth = std::max(textWidth, ui->navigationList->fontMetrics().horizontalAdvance(item->text()));
    }
    const int navigationWidth = std::clamp(textWidth + ui->navigationList->iconSize().width() + 40, 170, 280);
    ui->navigationList->setMinimumWidth(navigationWidth);
    ui->navigationList->setMaximumWidth(navigationWidth);

    // The summary is a normal (not permanent) status-bar widget: a message such as "Settings
    // saved." replaces it for a few seconds and is never squeezed out of sight by it.
    m_workerLabel = new QLabel(this);
    m_workerLabel->setObjectName(QStringLiteral("workerStatusLabel"));
    m_workerLabel->setMinimumWidth(0);
    m_workerLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_workerLabel, 1);
    // Which database this window works on (a server address never holds a password).
    m_databaseLabel = new QLabel(this);
    m_databaseLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_databaseLabel->setText(Database::isServer() ? Database::path()
                                                  : QFileInfo(Database::path()).fileName());
    m_databaseLabel->setToolTip(tr("Database: %1").arg(Database::path()));
    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_databaseLabel);
    ui->databaseBanner->setObjectName(QStringLiteral("databaseBanner"));
    ui->databaseBanner->setStyleSheet(warningBannerStyle(palette()));
    connect(m_queuePage, &MailQueuePage::databaseAvailabilityChanged, this, &MainWindow::showDatabaseState);
    connect(m_queuePage, &MailQueuePage::settingsNotified, this,
            [this] { m_settingsPage->checkOutsideChanges(); });

    connect(ui->navigationList, &QListWidget::currentRowChanged, this, &MainWindow::onNavigation);
    connect(m_queuePage, &MailQueuePage::summaryChanged, this, [this](const QString& text) {
        m_workerLabel->setText(text);
        m_workerLabel->setToolTip(text);
        if (m_tray != nullptr)
            m_tray->setToolTip(tr("Outbound: %1").arg(text));
    });
    connect(m_queuePage, &MailQueuePage::notice, this,
            [this](const QString& text) { statusBar()->showMessage(text, 6000); });
    connect(m_queuePage, &MailQueuePage::settingsRequested, this, [this] {
        showPage(SettingsPage);
        m_settingsPage->showProblems();
    });
    connect(m_queuePage, &MailQueuePage::failuresIncreased, this, &MainWindow::notifyFailures);
    // Start sending checks the saved settings first and names the window's fields.
    m_queuePage->setSettingsCheck([this]() -> QString {
        // Still being read (off the GUI thread): the worker checks the saved settings itself.
        if (m_settingsPage->savedRevision() < 0)
            return {};
        const QList<ValidationIssue> issues = validate(m_settingsPage->savedSettings());
        if (issues.isEmpty())
            return {};
        QStringList names;
        for (const ValidationIssue& issue : issues) {
            if (const QString name = settingLabel(issue.key); !names.contains(name))
                names << name;
        }
        return tr("Sending needs complete mail settings. Fill in and save: %1.")
            .arg(QLocale().createSeparatedList(names));
    });
    connect(m_queuePage, &MailQueuePage::signInRequested, this, [this] {
        showPage(SettingsPage);
        m_settingsPage->startSignIn();
    });
    connect(m_settingsPage, &MailSettingsPage::unsavedChangesChanged, this, &MainWindow::updateTitle);
    connect(m_settingsPage, &MailSettingsPage::saved, this, [this] {
        m_queuePage->setSmtpConfig(m_settingsPage->currentSettings().toSmtpConfig(QString()));
        statusBar()->showMessage(m_queuePage->hasWorker()
                                     ? tr("Settings saved. Sending picks them up for its next connection.")
                                     : tr("Settings saved."),
                                 6000);
    });
    auto closeIfAsked = [this] {
        if (std::exchange(m_closeAfterSave, false))
            QMetaObject::invokeMethod(this, &QWidget::close, Qt::QueuedConnection);
    };
    connect(m_settingsPage, &MailSettingsPage::saved, this, closeIfAsked);
    connect(m_settingsPage, &MailSettingsPage::saveFailed, this, closeIfAsked);
    connect(m_settingsPage, &MailSettingsPage::loaded, this, [this] {
        m_queuePage->setSmtpConfig(m_settingsPage->currentSettings().toSmtpConfig(QString()));
    });
    connect(m_settingsPage, &MailSettingsPage::outsideChangesLoaded, this, [this] {
        m_queuePage->setSmtpConfig(m_settingsPage->currentSettings().toSmtpConfig(QString()));
        statusBar()->showMessage(tr("The mail settings were changed elsewhere and have been loaded."), 6000);
    });
    // The worker (in this window) says when saved settings are in use; it keeps the old ones for
    // messages already on a connection.
    connect(m_queuePage, &MailQueuePage::settingsApplied, this, [this] {
        statusBar()->showMessage(tr("Saved settings applied to sending at %1")
                                     .arg(QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm"))));
    });
    connect(m_queuePage, &MailQueuePage::settingsRejected, this, [this](const QString& reason) {
        statusBar()->showMessage(tr("Saved settings not used for sending yet: %1").arg(reason));
    });

    createMenus();
    createTray(tray);

    m_settingsPage->load(); // off the GUI thread; loaded() follows
    m_queuePage->activate();

    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // First start: as large as is comfortable, never larger than the screen's free area (the
        // action row stays on screen; the form scrolls instead).
        const QScreen* screen = this->screen() != nullptr ? this->screen() : QGuiApplication::primaryScreen();
        const QRect available = screen != nullptr ? screen->availableGeometry() : QRect(0, 0, 1280, 820);
        const QSize size = initialSize(available, minimumSizeHint());
        resize(size);
        move(available.center() - QPoint(size.width() / 2, size.height() / 2));
    }
    restoreState(settings.value(kStateKey).toByteArray());
    m_queuePage->restoreViewState();
    const int page = settings.value(kPageKey, 0).toInt();
    ui->navigationList->setCurrentRow(page == QueuePage || page == WorkersView ? page : SettingsPage);
    m_queuePage->setActionsActive(currentPage() == QueuePage);
    for (QAction* action : std::as_const(m_settingsActions))
        action->setEnabled(currentPage() == SettingsPage);
    updateTitle();
}

void MainWindow::showOpenDatabase()
{
    OpenDatabaseDialog dialog(this);
    if (m_openDatabaseHook) {
        m_openDatabaseHook(&dialog); // a test drives the dialog and closes it
        if (dialog.result() != QDialog::Accepted)
            return;
    } else if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    openDatabase(dialog.address());
}

// Opening another database starts a new Outbound process for it. This window is bound to its
// database from the start (the store threads, the worker with its lock or lease, the live
// watchers all hold connections to it), and a process per database keeps each one's worker and
// password apart. The address goes on the command line without a password (DatabaseUrl refuses
// one); the new process asks for it itself when the server wants one.
bool MainWindow::openDatabase(const QString& address)
{
    if (address.isEmpty())
        return false;
    const QString current = Database::path();
    const auto currentUrl = DatabaseUrl::parse(current);
    const bool same = Database::isServer() ? currentUrl && currentUrl->displayString() == address
                                           : !QFileInfo(address).canonicalFilePath().isEmpty() &&
                                                 QFileInfo(address).canonicalFilePath() ==
                                                     QFileInfo(current).canonicalFilePath();
    if (same) {
        statusBar()->showMessage(tr("That database is the one open in this window."), 6000);
        return false;
    }
    const QString program = QCoreApplication::applicationFilePath();
    const QStringList arguments = {QStringLiteral("--db"), address};
    const bool started =
        m_launcher ? m_launcher(program, arguments) : QProcess::startDetached(program, arguments);
    if (!started) {
        QMessageBox::warning(this, tr("Open Database"),
                             tr("A new Outbound window could not be started for %1.").arg(address));
        return false;
    }
    OpenDatabaseDialog::rememberDatabase(address);
    statusBar()->showMessage(tr("Opening %1 in a new window…").arg(address), 6000);
    return true;
}

QSize MainWindow::initialSize(const QRect& available, const QSize& minimum)
{
    // The window frame and a panel take some of the "available" area on some desktops: leave a
    // margin so the whole frame fits.
    const QSize preferred(1280, 820);
    const QSize room(std::max(0, available.width() - 40), std::max(0, available.height() - 60));
    return preferred.boundedTo(room).expandedTo(minimum.boundedTo(room));
}

void MainWindow::createMenus()
{
    QMenuBar* bar = menuBar();
    bar->setObjectName(QStringLiteral("menuBar"));

    QMenu* file = bar->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction* open =
        file->addAction(tr("&Open Database…"), QKeySequence::Open, this, &MainWindow::showOpenDatabase);
    open->setObjectName(QStringLiteral("openDatabaseAction"));
    file->addSeparator();
    QAction* testSend =
        file->addAction(QIcon(QStringLiteral(":/icons/action-send.svg")), tr("Send &test email…"));
    connect(testSend, &QAction::triggered, this, [this] {
        showPage(SettingsPage);
        m_settingsPage->openTestSend();
    });
    file->addAction(m_queuePage->exportAction());
    connect(m_queuePage->exportAction(), &QAction::triggered, this, [this] { showPage(QueuePage); });
    file->addSeparator();
    QAction* closeWindow =
        file->addAction(tr("&Close window"), QKeySequence(tr("Ctrl+W")), this, &QWidget::close);
    closeWindow->setObjectName(QStringLiteral("closeAction"));
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence(tr("Ctrl+Q")), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = bar->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    QAction* save = edit->addAction(tr("&Save settings"), QKeySequence::Save, this, [this] {
        if (currentPage() == SettingsPage && m_settingsPage->hasUnsavedChanges())
            m_settingsPage->save();
    });
    save->setObjectName(QStringLiteral("saveAction"));
    QAction* revert = edit->addAction(tr("&Revert settings"), this, [this] { m_settingsPage->revert(); });
    m_settingsActions = {save, revert};
    edit->addSeparator();
    QAction* find = edit->addAction(tr("&Find messages"), QKeySequence::Find, this, [this] {
        showPage(QueuePage);
        if (currentPage() == QueuePage)
            m_queuePage->focusSearch();
    });
    find->setObjectName(QStringLiteral("findAction"));

    QMenu* view = bar->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(QIcon(QStringLiteral(":/icons/nav-settings.svg")), tr("&Settings › Mail"),
                    QKeySequence(tr("Ctrl+1")), this, [this] { showPage(SettingsPage); });
    view->addAction(QIcon(QStringLiteral(":/icons/nav-queue.svg")), tr("Mail &Queue"),
                    QKeySequence(tr("Ctrl+2")), this, [this] { showPage(QueuePage); });
    view->addAction(QIcon(QStringLiteral(":/icons/nav-workers.svg")), tr("&Workers"),
                    QKeySequence(tr("Ctrl+3")), this, [this] { showPage(WorkersView); });
    view->addSeparator();
    view->addAction(m_queuePage->refreshAction());

    QMenu* queue = bar->addMenu(tr("&Queue"));
    queue->setObjectName(QStringLiteral("queueMenu"));
    queue->addAction(m_queuePage->sendingAction());
    queue->addSeparator();
    for (QAction* action : {m_queuePage->retryAction(), m_queuePage->retryAllFailedAction(),
                            m_queuePage->markSentAction(), m_queuePage->cancelAction()})
        queue->addAction(action);
    queue->addSeparator();
    queue->addAction(m_queuePage->deleteAction());

    QMenu* help = bar->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* helpAction =
        help->addAction(tr("Outbound &Help"), QKeySequence::HelpContents, this, &MainWindow::showHelp);
    helpAction->setObjectName(QStringLiteral("helpAction"));
    help->addSeparator();
    QAction* about = help->addAction(tr("&About Outbound"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createTray(TrayIcon tray)
{
    // Only where a tray exists (many Wayland and bare X desktops have none).
    if (tray == TrayIcon::WhereAvailable && !QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(windowIcon(), this);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_tray->setToolTip(tr("Outbound"));
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("trayMenu"));
    menu->addAction(tr("Show Outbound"), this,
                    [this] {
                        showNormal();
                        raise();
                        activateWindow();
                    })
        ->setObjectName(QStringLiteral("trayShowAction"));
    menu->addAction(m_queuePage->sendingAction());
    menu->addSeparator();
    menu->addAction(tr("&Quit"), this, &QWidget::close)->setObjectName(QStringLiteral("trayQuitAction"));
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger) {
            showNormal();
            raise();
            activateWindow();
        }
    });
    m_tray->show();
}

void MainWindow::notifyFailures(qint64 failed, qint64 newlyFailed)
{
    // At most one desktop notification every ten minutes: a burst of failures is one problem.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_lastNotification.isValid() && m_lastNotification.secsTo(now) < 600)
        return;
    m_lastNotification = now;
    const QString text = tr("%n more message(s) failed; %1 in total need attention in the Mail Queue.",
                            nullptr, int(std::min<qint64>(newlyFailed, INT_MAX)))
                             .arg(QLocale().toString(failed));
    // Without a tray or a notification service, the status bar says it (under the same limit).
    if (m_tray != nullptr && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(tr("Messages failed"), text, QSystemTrayIcon::Warning, 10000);
    else
        statusBar()->showMessage(text, 10000);
    Q_EMIT failuresAnnounced(text);
}

void MainWindow::showDatabaseState(bool available, const QString& reason)
{
    // A banner, not a dialog: the window stays usable (what it shows is the last known state) and
    // the regular look for changes finds out when the database is back.
    if (available) {
        if (ui->databaseBanner->isVisible())
            statusBar()->showMessage(tr("The database answers again."), 6000);
        ui->databaseBanner->hide();
        return;
    }
    const QString firstLine = reason.section(QLatin1Char('\n'), 0, 0).trimmed();
    ui->databaseBanner->setText(tr("<b>The database %1 cannot be reached.</b> The window shows what it "
                                   "last read and tries again every second. %2")
                                    .arg(Database::path().toHtmlEscaped(), firstLine.toHtmlEscaped()));
    ui->databaseBanner->show();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Outbound"),
        tr("<h3>Outbound %1</h3><p>Outgoing mail for a small IT business: the SMTP account, a test "
           "send that never freezes, and the mail queue with retry.</p><p>Built with Qt %2 (running on "
           "Qt %3).</p><p>Licensed under the GNU General Public License, version 3 or later. It comes "
           "with no warranty.</p>")
            .arg(QApplication::applicationVersion().toHtmlEscaped(), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(qVersion())));
}

QString MainWindow::helpHtml()
{
    return tr("<h2>Outbound help</h2>"
              "<h3>Set up the account</h3>"
              "<p>Open <b>Settings › Mail</b>. Pick your provider or <i>Custom server</i>, enter the host, "
              "then use <b>Detect</b> to ask the server which port and encryption work. Enter the user "
              "name and password (an app password for Microsoft 365 or Google accounts with two-step "
              "sign-in), and the default sender. <b>Send test email…</b> tries the values in the form "
              "before you save them. Save with Ctrl+S.</p>"
              "<h3>Run the queue</h3>"
              "<p>Programs hand messages to Outbound, for example with <tt>outbound-cli enqueue</tt>. Open "
              "<b>Mail Queue</b> and use <b>Start sending</b>. Temporary failures are retried by "
              "themselves; failed messages wait for you: fix the cause, then <b>Retry</b> (Ctrl+R).</p>"
              "<h3>Statuses</h3>"
              "<p><b>Deferred</b>: a temporary problem, retried automatically. <b>Failed</b>: the server "
              "refused, or no attempts are left. <b>Interrupted</b>: the connection broke after the "
              "message was handed over, so the server may have it; check with a recipient, then use "
              "<b>Mark sent</b> or <b>Retry</b>.</p>"
              "<h3>Keyboard</h3>"
              "<p>Ctrl+F search, F5 refresh, Delete removes the selected messages, Ctrl+1 and Ctrl+2 "
              "switch pages, Ctrl+W closes the window, Ctrl+Q quits.</p>"
              "<p>The README that comes with Outbound has the command-line guide.</p>");
}

void MainWindow::showHelp()
{
    // A local page: no browser, no network.
    auto* dialog = findChild<QDialog*>(QStringLiteral("helpDialog"));
    if (dialog == nullptr) {
        dialog = new QDialog(this);
        dialog->setObjectName(QStringLiteral("helpDialog"));
        dialog->setWindowTitle(tr("Outbound Help"));
        auto* layout = new QVBoxLayout(dialog);
        auto* browser = new QTextBrowser(dialog);
        browser->setObjectName(QStringLiteral("helpBrowser"));
        browser->setOpenLinks(false);
        browser->setHtml(helpHtml());
        layout->addWidget(browser);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        layout->addWidget(buttons);
        const QRect screen =
            this->screen() != nullptr ? this->screen()->availableGeometry() : QRect(0, 0, 800, 600);
        dialog->resize(QSize(640, 560).boundedTo(screen.size() - QSize(40, 60)));
    }
    dialog->show();
    dialog->raise();
}

MainWindow::~MainWindow() = default;

void MainWindow::showPage(Page page)
{
    ui->navigationList->setCurrentRow(page);
}

MainWindow::Page MainWindow::currentPage() const
{
    if (ui->pageStack->currentWidget() == m_workersPage)
        return WorkersView;
    return ui->pageStack->currentWidget() == m_queuePage ? QueuePage : SettingsPage;
}

void MainWindow::onNavigation(int row)
{
    if (row < 0 || (row == m_currentRow && ui->pageStack->currentIndex() == row))
        return;
    // Leaving the settings with unsaved changes asks first; "Cancel" stays on the page.
    if (m_currentRow == SettingsPage && row != SettingsPage && !m_settingsPage->confirmLeave()) {
        const QSignalBlocker block(ui->navigationList);
        ui->navigationList->setCurrentRow(m_currentRow);
        return;
    }
    m_currentRow = row;
    ui->pageStack->setCurrentIndex(row);
    // Page shortcuts act only on the page that is shown (Delete must not delete from Settings).
    m_queuePage->setActionsActive(row == QueuePage);
    for (QAction* action : std::as_const(m_settingsActions))
        action->setEnabled(row == SettingsPage);
    updateTitle();
}

void MainWindow::updateTitle()
{
    const Page current = currentPage();
    const QString page = current == QueuePage     ? tr("Mail Queue")
                         : current == WorkersView ? tr("Workers")
                                                  : tr("Settings › Mail");
    // A shared server database is named in the title: several windows on several databases must
    // not be confused. The embedded file is the usual case and stays in the status bar.
    if (Database::isServer())
        setWindowTitle(tr("%1[*] — %2 — Outbound").arg(page, Database::path()));
    else
        setWindowTitle(tr("%1[*] — Outbound").arg(page));
    setWindowModified(m_settingsPage->hasUnsavedChanges());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_closeRequested && !m_settingsPage->confirmLeave()) {
        event->ignore();
        return;
    }
    // A save still running finishes first, so closing never loses it.
    if (m_settingsPage->isSaving()) {
        m_closeAfterSave = true;
        statusBar()->showMessage(tr("Saving the settings, then closing…"));
        event->ignore();
        return;
    }
    // A message may be on the wire: let the worker finish it and record the outcome before the
    // window goes, so it is neither lost nor sent twice. Closing again quits at once; the row is
    // then marked interrupted on the next start.
    if (m_queuePage->hasWorker() && !m_closeRequested) {
        m_closeRequested = true;
        connect(m_queuePage, &MailQueuePage::workerStopped, this, &QWidget::close, Qt::QueuedConnection);
        statusBar()->showMessage(
            tr("Finishing the message in progress, then closing… Close again to quit now."));
        m_queuePage->saveViewState();
        m_queuePage->shutdown();
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kPageKey, int(currentPage()));
    m_queuePage->saveViewState();
    if (m_tray != nullptr)
        m_tray->hide();
    m_queuePage->shutdown();
    event->accept();
}

} // namespace outbound::gui
