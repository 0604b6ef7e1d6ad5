#pragma once

#include <QDateTime>
#include <QMainWindow>
#include <functional>
#include <memory>

class QLabel;
class QSystemTrayIcon;

namespace Ui {
class MainWindow;
}

namespace outbound::gui {

class MailSettingsPage;
class MailQueuePage;
class WorkersPage;

// The window: a sidebar with Settings › Mail and Mail Queue, a menu bar with the usual shortcuts,
// the worker's state in the status bar (and the tray where one exists), geometry and the queue's
// view remembered in QSettings (never anything secret there).
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Page
    {
        SettingsPage,
        QueuePage,
        WorkersView // the Workers page
    };

    // Where the tray icon goes: only where the desktop has a tray (the default), or always (tests,
    // which run without one: the icon and its menu then exist but show nowhere).
    enum class TrayIcon
    {
        WhereAvailable,
        Always
    };
    explicit MainWindow(QWidget* parent = nullptr, TrayIcon tray = TrayIcon::WhereAvailable);
    ~MainWindow() override;

    MailSettingsPage* settingsPage() const { return m_settingsPage; }
    MailQueuePage* queuePage() const { return m_queuePage; }
    WorkersPage* workersPage() const { return m_workersPage; }
    void showPage(Page page);
    Page currentPage() const;

    // The size of a first window on a screen with `available` room: the preferred size, never
    // more than the screen, never less than `minimum` (the layout's own minimum).
    static QSize initialSize(const QRect& available, const QSize& minimum);

    // The help text shown by Help › Outbound Help (F1); tests read it.
    static QString helpHtml();

    // File › Open Database…: starts a new Outbound process for `address` (see OpenDatabaseDialog).
    // Tests replace how the process is started and how the dialog is run.
    using Launcher = std::function<bool(const QString& program, const QStringList& arguments)>;
    void setLauncher(Launcher launcher) { m_launcher = std::move(launcher); }
    bool openDatabase(const QString& address);
    using DialogHook = std::function<void(class OpenDatabaseDialog* dialog)>;
    void setOpenDatabaseHook(DialogHook hook) { m_openDatabaseHook = std::move(hook); }
    void showOpenDatabase();

Q_SIGNALS:
    // New failures were announced (as a desktop notification, or in the status bar where none can
    // be shown); at most once every ten minutes.
    void failuresAnnounced(const QString& text);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void onNavigation(int row);
    void updateTitle();
    void createMenus();
    void createTray(TrayIcon tray);
    void showAbout();
    void showHelp();
    void notifyFailures(qint64 failed, qint64 newlyFailed);
    void showDatabaseState(bool available, const QString& reason);

    std::unique_ptr<Ui::MainWindow> ui;
    Launcher m_launcher;
    DialogHook m_openDatabaseHook;
    MailSettingsPage* m_settingsPage = nullptr;
    MailQueuePage* m_queuePage = nullptr;
    WorkersPage* m_workersPage = nullptr;
    QLabel* m_workerLabel = nullptr;
    QLabel* m_databaseLabel = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    QList<QAction*> m_settingsActions;
    QDateTime m_lastNotification;
    int m_currentRow = 0;
    bool m_closeRequested = false;
    bool m_closeAfterSave = false;
};

} // namespace outbound::gui
