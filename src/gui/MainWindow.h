#pragma once

#include <QMainWindow>
#include <memory>

class QLabel;

namespace Ui {
class MainWindow;
}

namespace outbound::gui {

class MailSettingsPage;
class MailQueuePage;

// The window: a sidebar with Settings › Mail and Mail Queue, the worker's state in the status bar,
// geometry remembered in QSettings (never anything secret there).
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Page
    {
        SettingsPage,
        QueuePage
    };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    MailSettingsPage* settingsPage() const { return m_settingsPage; }
    MailQueuePage* queuePage() const { return m_queuePage; }
    void showPage(Page page);
    Page currentPage() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void onNavigation(int row);
    void updateTitle();

    std::unique_ptr<Ui::MainWindow> ui;
    MailSettingsPage* m_settingsPage = nullptr;
    MailQueuePage* m_queuePage = nullptr;
    QLabel* m_workerLabel = nullptr;
    int m_currentRow = 0;
    bool m_closeRequested = false;
    bool m_closeAfterSave = false;
};

} // namespace outbound::gui
