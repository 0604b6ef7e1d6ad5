#include "MainWindow.h"

#include "GuiText.h"
#include "MailQueuePage.h"
#include "MailSettingsPage.h"
#include "ui_MainWindow.h"

#include <QCloseEvent>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QTime>

namespace outbound::gui {

namespace {
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kPageKey = QStringLiteral("window/page");
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), ui(std::make_unique<Ui::MainWindow>())
{
    initResources();
    ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/outbound.svg")));

    m_settingsPage = new MailSettingsPage(this);
    m_queuePage = new MailQueuePage(QueueStoreThread::defaultFactory(), this);
    ui->pageStack->addWidget(m_settingsPage);
    ui->pageStack->addWidget(m_queuePage);

    auto* settingsItem = new QListWidgetItem(QIcon(QStringLiteral(":/icons/nav-settings.svg")),
                                             tr("Settings › Mail"), ui->navigationList);
    settingsItem->setToolTip(tr("The SMTP account, senders and queue limits"));
    auto* queueItem = new QListWidgetItem(QIcon(QStringLiteral(":/icons/nav-queue.svg")), tr("Mail Queue"),
                                          ui->navigationList);
    queueItem->setToolTip(tr("Every message, its status and the sending switch"));
    // Wide enough for the longest translated entry next to its icon.
    int textWidth = 0;
    for (QListWidgetItem* item : {settingsItem, queueItem}) {
        item->setSizeHint(QSize(0, 44));
        textWidth = std::max(textWidth, ui->navigationList->fontMetrics().horizontalAdvance(item->text()));
    }
    const int navigationWidth = std::clamp(textWidth + ui->navigationList->iconSize().width() + 40, 170, 280);
    ui->navigationList->setMinimumWidth(navigationWidth);
    ui->navigationList->setMaximumWidth(navigationWidth);

    m_workerLabel = new QLabel(this);
    m_workerLabel->setObjectName(QStringLiteral("workerStatusLabel"));
    statusBar()->addPermanentWidget(m_workerLabel, 1);

    connect(ui->navigationList, &QListWidget::currentRowChanged, this, &MainWindow::onNavigation);
    connect(m_queuePage, &MailQueuePage::summaryChanged, m_workerLabel, &QLabel::setText);
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

    m_settingsPage->load(); // off the GUI thread; loaded() follows
    m_queuePage->activate();

    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1280, 820);
    restoreState(settings.value(kStateKey).toByteArray());
    const int page = settings.value(kPageKey, 0).toInt();
    ui->navigationList->setCurrentRow(page == QueuePage ? QueuePage : SettingsPage);
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::showPage(Page page)
{
    ui->navigationList->setCurrentRow(page);
}

MainWindow::Page MainWindow::currentPage() const
{
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
    updateTitle();
}

void MainWindow::updateTitle()
{
    const QString page = currentPage() == QueuePage ? tr("Mail Queue") : tr("Settings › Mail");
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
        m_queuePage->shutdown();
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kPageKey, int(currentPage()));
    m_queuePage->shutdown();
    event->accept();
}

} // namespace outbound::gui
