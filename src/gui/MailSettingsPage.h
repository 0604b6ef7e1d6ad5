#pragma once

#include "diagnosis/SettingsProbe.h"
#include "settings/MailSettings.h"
#include "settings/SecretStore.h"
#include "settings/SettingsWatcher.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace outbound::gui {
class OAuthSignIn;
}

namespace Ui {
class MailSettingsPage;
}

namespace outbound::gui {

// Settings › Mail: every field of the sending account with inline validation, presets with
// guidance, Save / Revert and the test-send dialog on the form's current values.
class MailSettingsPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailSettingsPage)

public:
    explicit MailSettingsPage(QWidget* parent = nullptr);
    ~MailSettingsPage() override;

    // Reads the stored settings and the password off the GUI thread; loaded() follows.
    void load();

    // What was last loaded or saved.
    MailSettings savedSettings() const { return m_saved; }
    // Opens the test-send dialog with the form's current values.
    void openTestSend();

    // What the form shows right now, saved or not.
    MailSettings currentSettings() const;
    QString currentPassword() const;
    bool isPasswordLoaded() const { return m_passwordLoaded; }

    bool hasUnsavedChanges() const;
    bool isValid() const;
    // The reason shown for a field, empty when it is fine (for tests and accessibility).
    QString fieldProblem(SettingKey key) const;

    // Starts writing the fields changed since the last load or save (and the password) off the
    // GUI thread; saved() or saveFailed() follows. False when the form is invalid or a save runs.
    bool save();
    bool isSaving() const { return m_saving; }
    // The settings revision the form shows (SettingsStore::revision()); -1 before the first load.
    qint64 savedRevision() const { return m_savedRevision; }
    void revert();
    // Reads the saved settings' revision now instead of at the next poll (a PostgreSQL
    // notification said they changed); an outside change is handled as if polled.
    void checkOutsideChanges();

    // Asks about unsaved changes before the page is left or the window closed. True = go ahead.
    bool confirmLeave();

    // OAuth: start the configured sign-in (the queue's "Sign in again" banner).
    void startSignIn() { startOAuthSignIn(); }
    // Moves the focus to the first field with a problem and frames every such field.
    void showProblems();

    // Where the test-send dialog comes from; tests and the screenshot tool replace it.
    using TestSendOpener = std::function<void(const MailSettings&, const QString& password)>;
    void setTestSendOpener(TestSendOpener opener) { m_testSendOpener = std::move(opener); }

    // Answers the unsaved-changes question (QMessageBox::Save, Discard or Cancel); tests replace
    // the dialog with this.
    using LeaveQuestion = std::function<int()>;
    void setLeaveQuestion(LeaveQuestion question) { m_leaveQuestion = std::move(question); }

    // Asked when the saved settings changed elsewhere (e.g. `outbound-cli settings set`) while
    // the form has unsaved edits: QMessageBox::Discard loads the saved values, anything else keeps
    // the edits on top of them. Tests replace the dialog with this.
    using OutsideChangeQuestion = std::function<int()>;
    void setOutsideChangeQuestion(OutsideChangeQuestion question)
    {
        m_outsideChangeQuestion = std::move(question);
    }
Q_SIGNALS:
    void unsavedChangesChanged(bool unsaved);
    void loaded();
    void saved();
    void saveFailed(const QString& reason);
    // Settings saved elsewhere were taken into the form (reloaded, or merged under the edits).
    void outsideChangesLoaded(qint64 revision);
    void passwordLoaded();
    void passwordStored(bool ok);
    void detectFinished(bool found);
    // OAuth: the stored sign-in was read again (after load, sign-in or sign-out).
    void oauthStatusShown();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void arrangeColumns();

    struct LineField
    {
        SettingKey key;
        QLineEdit* edit;
    };
    struct SpinField
    {
        SettingKey key;
        QSpinBox* spin;
    };

    void setupFields();
    void setupErrorLabels();
    void showSettings(const MailSettings& settings);
    void applyPreset(int comboIndex);
    void showGuidance();
    void onEdited();
    void updateValidation();
    void updatePlaceholders();
    void updateEncryptionWarning();
    void updateState();
    void setPasswordVisible(bool visible);
    void browseCaFile();
    void detect();
    void onProbeFinished(const ProbeReport& report);
    struct Snapshot;
    void applyLoaded(const Snapshot& snapshot);
    void showItflowNotice(const Snapshot& snapshot);
    void startWatching();
    void onOutsideChange(qint64 revision);
    void applyOutsideChange(const Snapshot& snapshot);
    int askAboutOutsideChange();
    // Fills in the port and encryption Detect offered; the only way Detect changes the form.
    void applyDetected();
    void hideDetectResult();
    void showBackend(SecretStore::Backend backend, const QString& problem = {});
    QWidget* widgetFor(SettingKey key) const;
    void setupOAuth();
    void updateOAuthVisibility();
    void updateCertificateInfo();
    void refreshOAuthStatus();
    void startOAuthSignIn();
    void signOut();

    std::unique_ptr<Ui::MailSettingsPage> ui;
    QList<LineField> m_lineFields;
    QList<SpinField> m_spinFields;
    QList<SettingKey> m_validated;
    QHash<SettingKey, QString> m_shownProblems;
    QToolButton* m_passwordToggle = nullptr;
    bool m_fillingFromDetect = false;
    QMetaObject::Connection m_focusConnection;
    QHash<SettingKey, bool> m_touched;
    MailSettings m_saved;
    qint64 m_savedRevision = -1;
    qint64 m_outsideWhileSaving = -1; // a change seen elsewhere while our save ran
    bool m_saving = false;
    bool m_outsideLoading = false;
    QString m_savedPassword;
    bool m_passwordLoaded = false;
    bool m_showAllProblems = false;
    bool m_loading = false;
    bool m_lastUnsaved = false;
    TestSendOpener m_testSendOpener;
    LeaveQuestion m_leaveQuestion;
    OutsideChangeQuestion m_outsideChangeQuestion;
    SettingsWatcher* m_watcher = nullptr;
    QPointer<SettingsProbe> m_probe;
    std::optional<ProbeRecommendation> m_detectOffer; // what the apply button would fill in
    QString m_detectTable;                            // the per-port results of the last Detect
    OAuthSignIn* m_signIn = nullptr;
    bool m_signInNeeded = false;
};

} // namespace outbound::gui
