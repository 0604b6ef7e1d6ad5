#pragma once

#include "diagnosis/SenderCheck.h"
#include "diagnosis/SettingsProbe.h"
#include "mime/MailAddress.h"
#include "settings/MailSettings.h"
#include "smtp/SmtpTypes.h"
#include "smtp/TestSendJob.h"

#include <QDialog>
#include <QPointer>
#include <memory>
#include <optional>

namespace Ui {
class TestSendDialog;
}

namespace outbound::gui {

// Sends one test message with the settings as they are in the form (saved or not). The session
// runs on its own thread: the dialog shows each phase and the transcript as they happen, and the
// outcome as success or a typed error with a hint. Cancel stops at once.
class TestSendDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestSendDialog)

public:
    TestSendDialog(const MailSettings& settings, const QString& password, QWidget* parent = nullptr);
    ~TestSendDialog() override;

    bool isRunning() const { return m_job != nullptr || m_senderCheck != nullptr; }
    const std::optional<SenderCheckReport>& senderReport() const { return m_senderReport; }
    const std::optional<SendOutcome>& outcome() const { return m_outcome; }

    void send();
    void cancelSending();
    // Sends one test message from every distinct configured sender over one connection and lists
    // which are refused; the steps and the transcript follow the session live, as for send().
    void checkSenders();

Q_SIGNALS:
    void sendFinished(bool accepted);
    void senderCheckFinished(bool allAccepted);

protected:
    void reject() override;

private:
    // Clears the previous run and checks settings and recipient; shows why and returns nothing
    // when a run cannot start.
    std::optional<MailAddress> startNewRun();
    void buildPhaseList();
    void markPhase(SmtpPhase phase, const QString& iconPath);
    void onPhase(SmtpPhase phase);
    void onTranscript(const TranscriptLine& line);
    void showStepsFailedAt(SmtpPhase phase);
    void showAllStepsDone();
    void onFinished(const SendOutcome& outcome);
    void onSenderCheckFinished(const SenderCheckReport& report);
    void showResult(const QString& iconPath, const QString& html);
    void setRunning(bool running);
    int phaseRow(SmtpPhase phase) const;

    std::unique_ptr<Ui::TestSendDialog> ui;
    MailSettings m_settings;
    QString m_password;
    QPointer<TestSendJob> m_job;
    QPointer<SenderCheck> m_senderCheck;
    QPointer<SettingsProbe> m_hintProbe; // asks the port what it offers, for the failure's hint
    std::optional<SenderCheckReport> m_senderReport;
    std::optional<SendOutcome> m_outcome;
    std::optional<ServerInfo> m_serverInfo;
    QList<SmtpPhase> m_phases;
    int m_currentRow = -1;
};

} // namespace outbound::gui
