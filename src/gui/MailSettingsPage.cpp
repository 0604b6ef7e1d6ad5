#include "MailSettingsPage.h"

#include "BackgroundTask.h"
#include "GuiText.h"
#include "OAuthSignIn.h"
#include "TestSendDialog.h"
#include "common/Database.h"
#include "diagnosis/Diagnosis.h"
#include "itflow/ItflowDatabase.h"
#include "itflow/ItflowSettings.h"
#include "mime/MailAddress.h"
#include "oauth/ClientAssertion.h"
#include "oauth/TokenProvider.h"
#include "oauth/TokenStore.h"
#include "settings/SettingsStore.h"
#include "ui_MailSettingsPage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QEventLoop>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHostInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QToolButton>

namespace outbound::gui {

namespace {

// Finds the form row that holds `widget`, directly or inside a nested layout.
bool layoutContains(QLayout* layout, QWidget* widget)
{
    for (int i = 0; i < layout->count(); ++i) {
        QLayoutItem* item = layout->itemAt(i);
        if (item->widget() == widget)
            return true;
        if (item->layout() != nullptr && layoutContains(item->layout(), widget))
            return true;
    }
    return false;
}

int formRowOf(QFormLayout* form, QWidget* widget)
{
    for (int row = 0; row < form->rowCount(); ++row) {
        QLayoutItem* item = form->itemAt(row, QFormLayout::FieldRole);
        if (item == nullptr)
            item = form->itemAt(row, QFormLayout::SpanningRole);
        if (item == nullptr)
            continue;
        if (item->widget() == widget || (item->layout() != nullptr && layoutContains(item->layout(), widget)))
            return row;
    }
    return -1;
}

struct PasswordRead
{
    Result<QString> password = QString();
    SecretStore::Backend backend = SecretStore::Backend::Database;
};

struct OAuthStatus
{
    Result<TokenStore::Snapshot> snapshot = TokenStore::Snapshot{};
};

struct PasswordWrite
{
    Status status = success();
    SecretStore::Backend backend = SecretStore::Backend::Database;
};

} // namespace

MailSettingsPage::MailSettingsPage(QWidget* parent)
    : QWidget(parent), ui(std::make_unique<Ui::MailSettingsPage>())
{
    ui->setupUi(this);
    setupFields();
    setupErrorLabels();

    for (const PresetInfo& preset : presets())
        ui->presetCombo->addItem(preset.title, preset.id);
    for (Encryption e : {Encryption::StartTls, Encryption::Tls, Encryption::None})
        ui->encryptionCombo->addItem(encryptionName(e), toString(e));
    for (AuthMethod a : {AuthMethod::OAuth2, AuthMethod::Auto, AuthMethod::Plain, AuthMethod::Login,
                         AuthMethod::XOAuth2, AuthMethod::None})
        ui->authCombo->addItem(authMethodName(a), toString(a));

    ui->heloEdit->setPlaceholderText(tr("%1 (this computer)").arg(QHostInfo::localHostName()));
    ui->portHint->setForegroundRole(QPalette::PlaceholderText);
    ui->sendersHint->setForegroundRole(QPalette::PlaceholderText);
    ui->secretBackendLabel->setForegroundRole(QPalette::PlaceholderText);
    ui->stateLabel->setForegroundRole(QPalette::PlaceholderText);
    ui->encryptionWarning->setVisible(false);
    // Problems show in one fixed place beside Save (two lines reserved), so typing never moves
    // the form; the fields themselves get a frame and the reason as their tooltip.
    ui->stateLabel->setWordWrap(true);
    ui->stateLabel->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    ui->stateLabel->setFixedHeight(ui->stateLabel->fontMetrics().lineSpacing() * 2 + 4);
    ui->stateLabel->setMinimumWidth(ui->stateLabel->fontMetrics().averageCharWidth() * 20);
    ui->stateLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    ui->buttonRow->setStretchFactor(ui->stateLabel, 1);
    connect(ui->stateLabel, &QLabel::linkActivated, this, &MailSettingsPage::showProblems);

    // The eye is a real button beside the field so Tab reaches it (a line-edit action is not).
    auto* toggle = new QToolButton(this);
    toggle->setObjectName(QStringLiteral("passwordVisibilityButton"));
    toggle->setIcon(QIcon(QStringLiteral(":/icons/eye.svg")));
    toggle->setCheckable(true);
    toggle->setFocusPolicy(Qt::StrongFocus);
    toggle->setToolTip(tr("Show the password"));
    toggle->setAccessibleName(tr("Show the password"));
    {
        const int row = formRowOf(ui->signInForm, ui->passwordEdit);
        auto* rowLayout = new QHBoxLayout;
        rowLayout->setSpacing(4);
        ui->signInForm->removeWidget(ui->passwordEdit);
        rowLayout->addWidget(ui->passwordEdit, 1);
        rowLayout->addWidget(toggle);
        ui->signInForm->setLayout(row, QFormLayout::FieldRole, rowLayout);
        setTabOrder(ui->passwordEdit, toggle);
    }
    m_passwordToggle = toggle;
    connect(toggle, &QToolButton::toggled, this, &MailSettingsPage::setPasswordVisible);

    connect(ui->presetCombo, &QComboBox::activated, this, &MailSettingsPage::applyPreset);
    connect(ui->useUsernameButton, &QPushButton::clicked, this,
            [this] { ui->defaultEmailEdit->setText(ui->usernameEdit->text().trimmed()); });
    connect(ui->caFileBrowseButton, &QToolButton::clicked, this, &MailSettingsPage::browseCaFile);
    connect(ui->testSendButton, &QPushButton::clicked, this, &MailSettingsPage::openTestSend);
    connect(ui->detectButton, &QToolButton::clicked, this, &MailSettingsPage::detect);
    connect(ui->detectApplyButton, &QPushButton::clicked, this, &MailSettingsPage::applyDetected);
    connect(ui->detectDismissButton, &QPushButton::clicked, this, &MailSettingsPage::hideDetectResult);
    ui->detectResult->setVisible(false);
    ui->detectApplyButton->setVisible(false);
    ui->detectDismissButton->setVisible(false);
    connect(ui->saveButton, &QPushButton::clicked, this, &MailSettingsPage::save);
    connect(ui->revertButton, &QPushButton::clicked, this, &MailSettingsPage::revert);

    // Every editor reports through one slot; `touched` decides when an empty field may complain.
    for (const LineField& field : std::as_const(m_lineFields)) {
        connect(field.edit, &QLineEdit::textEdited, this, [this, key = field.key] { m_touched[key] = true; });
        connect(field.edit, &QLineEdit::textChanged, this, &MailSettingsPage::onEdited);
    }
    for (const SpinField& field : std::as_const(m_spinFields)) {
        connect(field.spin, &QSpinBox::valueChanged, this, [this, key = field.key] {
            if (!m_loading)
                m_touched[key] = true;
            onEdited();
        });
    }
    connect(ui->encryptionCombo, &QComboBox::currentIndexChanged, this, &MailSettingsPage::onEdited);
    connect(ui->authCombo, &QComboBox::currentIndexChanged, this, &MailSettingsPage::onEdited);
    // A Detect result (and its offer) belongs to the host, port and encryption it was made for;
    // once any of them changes by hand it no longer describes the form and goes away.
    auto clearDetect = [this] {
        if (!m_fillingFromDetect && !m_probe)
            hideDetectResult();
    };
    connect(ui->portSpin, &QSpinBox::valueChanged, this, clearDetect);
    connect(ui->encryptionCombo, &QComboBox::currentIndexChanged, this, clearDetect);
    connect(ui->hostEdit, &QLineEdit::textEdited, this, clearDetect);
    // The problem of the field with focus is the one worth reading.
    m_focusConnection = connect(qApp, &QApplication::focusChanged, this, [this] { updateState(); });
    connect(ui->allowAuthWithoutTlsCheck, &QCheckBox::toggled, this, &MailSettingsPage::onEdited);
    connect(ui->passwordEdit, &QLineEdit::textChanged, this, &MailSettingsPage::onEdited);
    setupOAuth();

    // Two columns where they fit, one below the other on a narrow window (1024 px with the
    // sidebar), so the form never scrolls sideways.
    ui->scrollArea->viewport()->installEventFilter(this);

    showSettings(m_saved);
}

bool MailSettingsPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == ui->scrollArea->viewport() && event->type() == QEvent::Resize)
        arrangeColumns();
    return QWidget::eventFilter(watched, event);
}

void MailSettingsPage::arrangeColumns()
{
    const int available = ui->scrollArea->viewport()->width();
    const QMargins margins = ui->scrollLayout->contentsMargins();
    const int sideBySide = ui->leftColumn->minimumSize().width() + ui->rightColumn->minimumSize().width() +
                           ui->columns->spacing() + margins.left() + margins.right();
    const auto direction = available >= sideBySide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (ui->columns->direction() != direction)
        ui->columns->setDirection(direction);
}

MailSettingsPage::~MailSettingsPage()
{
    // QWidget's destructor moves the focus, which would call back into this half-destroyed page.
    disconnect(m_focusConnection);
}

void MailSettingsPage::setupFields()
{
    m_lineFields = {
        {SettingKey::SmtpHost, ui->hostEdit},
        {SettingKey::SmtpUsername, ui->usernameEdit},
        {SettingKey::FromDefaultEmail, ui->defaultEmailEdit},
        {SettingKey::FromDefaultName, ui->defaultNameEdit},
        {SettingKey::FromInvoiceEmail, ui->invoiceEmailEdit},
        {SettingKey::FromInvoiceName, ui->invoiceNameEdit},
        {SettingKey::FromQuoteEmail, ui->quoteEmailEdit},
        {SettingKey::FromQuoteName, ui->quoteNameEdit},
        {SettingKey::FromTicketEmail, ui->ticketEmailEdit},
        {SettingKey::FromTicketName, ui->ticketNameEdit},
        {SettingKey::SmtpCaFile, ui->caFileEdit},
        {SettingKey::SmtpPinnedSha256, ui->pinnedEdit},
        {SettingKey::SmtpHeloName, ui->heloEdit},
        {SettingKey::OAuthClientId, ui->oauthClientIdEdit},
        {SettingKey::OAuthTenant, ui->oauthTenantEdit},
        {SettingKey::OAuthClientCertificate, ui->oauthCertificateEdit},
    };
    m_spinFields = {
        {SettingKey::SmtpPort, ui->portSpin},
        {SettingKey::QueueMaxAttempts, ui->maxAttemptsSpin},
        {SettingKey::QueueBackoffInitial, ui->backoffInitialSpin},
        {SettingKey::QueueBackoffMax, ui->backoffMaxSpin},
        {SettingKey::QueueConnections, ui->connectionsSpin},
        {SettingKey::QueueRatePerMinute, ui->rateSpin},
        {SettingKey::QueueDailyCap, ui->dailyCapSpin},
        {SettingKey::QueueKeepSentDays, ui->keepSentDaysSpin},
        {SettingKey::TimeoutConnect, ui->timeoutConnectSpin},
        {SettingKey::TimeoutGreeting, ui->timeoutGreetingSpin},
        {SettingKey::TimeoutCommand, ui->timeoutCommandSpin},
        {SettingKey::TimeoutDataIdle, ui->timeoutDataIdleSpin},
        {SettingKey::TimeoutFinalDot, ui->timeoutFinalDotSpin},
    };
    // Wide enough for the largest value with its unit, all the same so the column lines up.
    int width = 0;
    for (const SpinField& field : std::as_const(m_spinFields))
        width = std::max(width, field.spin->sizeHint().width());
    for (const SpinField& field : std::as_const(m_spinFields))
        field.spin->setMinimumWidth(std::max(width, 110));
}

QWidget* MailSettingsPage::widgetFor(SettingKey key) const
{
    for (const LineField& field : m_lineFields) {
        if (field.key == key)
            return field.edit;
    }
    for (const SpinField& field : m_spinFields) {
        if (field.key == key)
            return field.spin;
    }
    return nullptr;
}

void MailSettingsPage::setupErrorLabels()
{
    // The fields whose value is checked; their problems are shown beside Save, not as extra rows.
    m_validated = {
        SettingKey::SmtpHost,         SettingKey::SmtpPort,          SettingKey::SmtpUsername,
        SettingKey::FromDefaultEmail, SettingKey::FromInvoiceEmail,  SettingKey::FromQuoteEmail,
        SettingKey::FromTicketEmail,  SettingKey::QueueMaxAttempts,  SettingKey::QueueBackoffInitial,
        SettingKey::QueueBackoffMax,  SettingKey::QueueConnections,  SettingKey::QueueRatePerMinute,
        SettingKey::QueueDailyCap,    SettingKey::QueueKeepSentDays, SettingKey::TimeoutConnect,
        SettingKey::TimeoutGreeting,  SettingKey::TimeoutCommand,    SettingKey::TimeoutDataIdle,
        SettingKey::TimeoutFinalDot,  SettingKey::SmtpCaFile,        SettingKey::SmtpPinnedSha256,
        SettingKey::SmtpHeloName,     SettingKey::OAuthClientId,     SettingKey::OAuthClientCertificate,
    };
}

// What the form needs from the database and the password store, read together off the GUI thread.
struct MailSettingsPage::Snapshot
{
    Status status = success(); // reading the settings
    MailSettings settings;
    qint64 revision = 0;
    Result<QString> password = QString();
    SecretStore::Backend backend = SecretStore::Backend::Database;
    // An ITFlow database: its schema version and whether its own sending is switched off (an
    // empty provider column), read with the settings for the notice above the form.
    bool itflow = false;
    QString itflowVersion;
    bool itflowSendingOff = false;

    static Snapshot read()
    {
        Snapshot snapshot;
        if (auto loaded = SettingsStore::loadSnapshot()) {
            snapshot.settings = loaded->settings;
            snapshot.revision = loaded->revision;
        } else {
            snapshot.status = loaded.error();
            return snapshot;
        }
        if (Database::isItflow()) {
            snapshot.itflow = true;
            QSqlDatabase db = Database::connection();
            if (auto version = itflow::schemaVersion(db))
                snapshot.itflowVersion = version.value();
            if (auto off = itflow::sendingSwitchedOff(db))
                snapshot.itflowSendingOff = off.value();
        }
        snapshot.backend = SecretStore::backend();
        snapshot.password = SecretStore::readPassword();
        return snapshot;
    }
};

void MailSettingsPage::load()
{
    m_passwordLoaded = false;
    ui->passwordEdit->setEnabled(false);
    ui->passwordEdit->setPlaceholderText(tr("Reading the stored password…"));
    ui->secretBackendLabel->setText(tr("Asking the password store…"));
    // No SQL on the GUI thread: a database locked by another writer must not freeze the window.
    runInBackground(this, &Snapshot::read, [this](Snapshot snapshot) {
        if (!snapshot.status) {
            ui->passwordEdit->setEnabled(true);
            ui->passwordEdit->setPlaceholderText(QString());
            QMessageBox::warning(
                this, tr("Settings"),
                tr("The settings could not be read: %1").arg(snapshot.status.error().message));
            return;
        }
        applyLoaded(snapshot);
        startWatching();
        Q_EMIT loaded();
        Q_EMIT passwordLoaded();
    });
}

void MailSettingsPage::applyLoaded(const Snapshot& snapshot)
{
    m_saved = snapshot.settings;
    m_savedRevision = snapshot.revision;
    m_showAllProblems = !m_saved.host.trimmed().isEmpty();
    m_touched.clear();
    showSettings(m_saved);
    m_passwordLoaded = true;
    ui->passwordEdit->setEnabled(true);
    ui->passwordEdit->setPlaceholderText(QString());
    m_savedPassword = snapshot.password ? snapshot.password.value() : QString();
    {
        const QSignalBlocker block(ui->passwordEdit);
        ui->passwordEdit->setText(m_savedPassword);
    }
    showBackend(snapshot.backend, snapshot.password ? QString() : snapshot.password.error().message);
    showItflowNotice(snapshot);
    refreshOAuthStatus();
    onEdited();
}

// On an ITFlow database the form edits ITFlow's own settings row: say so above the form, with what
// that means for the secrets (ITFlow reads them in plain text from its row) and, while ITFlow's
// provider column is empty, that ITFlow's own sending is switched off. Calm (information, not a
// warning): it is how ITFlow works, and nothing here needs fixing.
void MailSettingsPage::showItflowNotice(const Snapshot& snapshot)
{
    ui->itflowNotice->setVisible(snapshot.itflow);
    ui->itflowSendingOffNotice->setVisible(snapshot.itflow && snapshot.itflowSendingOff);
    if (!snapshot.itflow)
        return;
    ui->itflowNotice->setStyleSheet(infoBannerStyle(palette()));
    ui->itflowSendingOffNotice->setStyleSheet(infoBannerStyle(palette()));
    const QString version = snapshot.itflowVersion.isEmpty() ? tr("unknown version")
                                                             : tr("version %1").arg(snapshot.itflowVersion);
    ui->itflowNotice->setText(
        tr("<b>These are ITFlow's own mail settings</b> (ITFlow database, schema %1). What you save here "
           "ITFlow's pages show too. The SMTP password and the OAuth tokens stay in ITFlow's settings in "
           "plain text, because ITFlow reads them there: anyone who can read ITFlow's database can read "
           "them.")
            .arg(version.toHtmlEscaped()));
    ui->itflowSendingOffNotice->setText(
        tr("<b>ITFlow's own sending is switched off:</b> no mail provider is chosen in ITFlow's settings. "
           "Outbound sends with the settings below all the same. ITFlow's sending comes back once a "
           "provider is chosen, on ITFlow's mail settings page or by changing the sign-in method here."));
}

void MailSettingsPage::startWatching()
{
    if (m_watcher != nullptr) {
        m_watcher->acknowledge(m_savedRevision);
        return;
    }
    m_watcher = new SettingsWatcher(std::chrono::milliseconds(1000), this);
    connect(m_watcher, &SettingsWatcher::changed, this, &MailSettingsPage::onOutsideChange);
    m_watcher->start(m_savedRevision);
}

// Settings or the password were saved elsewhere (the command line, another window).
void MailSettingsPage::checkOutsideChanges()
{
    if (m_watcher != nullptr)
        m_watcher->checkNow();
}

void MailSettingsPage::onOutsideChange(qint64 revision)
{
    if (revision <= m_savedRevision)
        return; // our own save
    if (m_saving) {
        m_outsideWhileSaving = std::max(m_outsideWhileSaving, revision);
        return; // looked at once the save is done
    }
    if (m_outsideLoading)
        return; // the read under way sees it, or the next change notice brings it
    m_outsideLoading = true;
    runInBackground(this, &Snapshot::read, [this](Snapshot snapshot) {
        m_outsideLoading = false;
        if (!snapshot.status || snapshot.revision <= m_savedRevision || m_saving)
            return;
        applyOutsideChange(snapshot);
    });
}

void MailSettingsPage::applyOutsideChange(const Snapshot& snapshot)
{
    const MailSettings edited = currentSettings();
    const QList<SettingKey> editedKeys = SettingsStore::changedKeys(m_saved, edited);
    const bool passwordEdited = m_passwordLoaded && ui->passwordEdit->text() != m_savedPassword;
    const QString typedPassword = ui->passwordEdit->text();
    bool keepEdits = false;
    if (!editedKeys.isEmpty() || passwordEdited)
        keepEdits = askAboutOutsideChange() != QMessageBox::Discard;

    const auto touched = m_touched;
    const bool showAll = m_showAllProblems;
    applyLoaded(snapshot);
    if (keepEdits) {
        // The edits stay on top of the new saved values; fields not edited show the new values.
        MailSettings merged = snapshot.settings;
        for (SettingKey key : editedKeys)
            (void)merged.setValue(key, edited.value(key).toString());
        showSettings(merged);
        m_touched = touched;
        m_showAllProblems = showAll;
        if (passwordEdited) {
            const QSignalBlocker block(ui->passwordEdit);
            ui->passwordEdit->setText(typedPassword);
        }
        onEdited();
    }
    ui->stateLabel->setText(keepEdits ? tr("Settings were changed elsewhere; your edits are kept")
                                      : tr("Loaded settings saved elsewhere"));
    Q_EMIT outsideChangesLoaded(snapshot.revision);
}

int MailSettingsPage::askAboutOutsideChange()
{
    if (m_outsideChangeQuestion)
        return m_outsideChangeQuestion();
    QMessageBox box(QMessageBox::Question, tr("Settings changed elsewhere"),
                    tr("The mail settings were saved somewhere else (another window or the command "
                       "line) while you were editing them here."),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Load the saved settings and drop your edits, or keep your edits on top "
                              "of them? Fields you did not edit show the saved values either way."));
    QPushButton* load = box.addButton(tr("Load Saved Settings"), QMessageBox::DestructiveRole);
    QPushButton* keep = box.addButton(tr("Keep My Edits"), QMessageBox::AcceptRole);
    box.setDefaultButton(keep);
    box.exec();
    return box.clickedButton() == load ? QMessageBox::Discard : QMessageBox::Ignore;
}

void MailSettingsPage::showBackend(SecretStore::Backend backend, const QString& problem)
{
    QString text = SecretStore::backendDescription(backend);
    if (!problem.isEmpty())
        text = problem + u' ' + text;
    ui->secretBackendLabel->setText(text);
}

void MailSettingsPage::showSettings(const MailSettings& s)
{
    m_loading = true;
    for (const LineField& field : std::as_const(m_lineFields))
        field.edit->setText(s.value(field.key).toString());
    for (const SpinField& field : std::as_const(m_spinFields))
        field.spin->setValue(s.value(field.key).toInt());
    ui->encryptionCombo->setCurrentIndex(ui->encryptionCombo->findData(toString(s.encryption)));
    ui->authCombo->setCurrentIndex(ui->authCombo->findData(toString(s.auth)));
    ui->allowAuthWithoutTlsCheck->setChecked(s.allowAuthWithoutTls);
    ui->oauthProviderCombo->setCurrentIndex(ui->oauthProviderCombo->findData(toString(s.oauth.provider)));
    ui->oauthFlowCombo->setCurrentIndex(ui->oauthFlowCombo->findData(toString(s.oauth.flow)));
    m_loading = false;
    onEdited();
}

MailSettings MailSettingsPage::currentSettings() const
{
    MailSettings s = m_saved; // keeps settings the form does not show
    for (const LineField& field : m_lineFields)
        s.setValue(field.key, field.edit->text());
    for (const SpinField& field : m_spinFields)
        s.setValue(field.key, QString::number(field.spin->value()));
    s.setValue(SettingKey::SmtpEncryption, ui->encryptionCombo->currentData().toString());
    s.setValue(SettingKey::SmtpAuth, ui->authCombo->currentData().toString());
    s.allowAuthWithoutTls = ui->allowAuthWithoutTlsCheck->isChecked();
    s.setValue(SettingKey::OAuthProvider, ui->oauthProviderCombo->currentData().toString());
    s.setValue(SettingKey::OAuthFlow, ui->oauthFlowCombo->currentData().toString());
    return s;
}

QString MailSettingsPage::currentPassword() const
{
    return ui->passwordEdit->text();
}

bool MailSettingsPage::hasUnsavedChanges() const
{
    if (currentSettings() != m_saved)
        return true;
    return m_passwordLoaded && ui->passwordEdit->text() != m_savedPassword;
}

void MailSettingsPage::showProblems()
{
    m_showAllProblems = true;
    updateValidation();
    const QList<ValidationIssue> issues = validate(currentSettings());
    if (!issues.isEmpty()) {
        if (QWidget* field = widgetFor(issues.first().key)) {
            ui->scrollArea->ensureWidgetVisible(field);
            field->setFocus(Qt::OtherFocusReason);
        }
    }
    updateState();
}

bool MailSettingsPage::isValid() const
{
    return validate(currentSettings()).isEmpty();
}

QString MailSettingsPage::fieldProblem(SettingKey key) const
{
    return m_shownProblems.value(key);
}

void MailSettingsPage::onEdited()
{
    if (m_loading)
        return;
    const Preset detected = detectPreset(currentSettings());
    for (int i = 0; i < ui->presetCombo->count(); ++i) {
        const auto info = presetById(ui->presetCombo->itemData(i).toString());
        if (info && info->preset == detected && ui->presetCombo->currentIndex() != i) {
            const QSignalBlocker block(ui->presetCombo);
            ui->presetCombo->setCurrentIndex(i);
        }
    }
    showGuidance();
    updateOAuthVisibility();
    updatePlaceholders();
    updateValidation();
    updateEncryptionWarning();
    updateState();
}

void MailSettingsPage::applyPreset(int comboIndex)
{
    const auto preset = presetById(ui->presetCombo->itemData(comboIndex).toString());
    if (!preset)
        return;
    MailSettings s = currentSettings();
    outbound::applyPreset(s, *preset);
    if (preset->preset != Preset::Custom) {
        ui->hostEdit->setText(s.host);
        ui->portSpin->setValue(s.port);
        ui->encryptionCombo->setCurrentIndex(ui->encryptionCombo->findData(toString(s.encryption)));
        ui->authCombo->setCurrentIndex(ui->authCombo->findData(toString(s.auth)));
        ui->rateSpin->setValue(s.queue.ratePerMinute);
        ui->dailyCapSpin->setValue(s.queue.dailyCap);
    }
    {
        const QSignalBlocker block(ui->presetCombo);
        ui->presetCombo->setCurrentIndex(comboIndex);
    }
    showGuidance();
}

void MailSettingsPage::showGuidance()
{
    const auto preset = presetById(ui->presetCombo->currentData().toString());
    ui->guidanceLabel->setText(preset ? preset->guidance : QString());
    ui->guidanceGroup->setTitle(preset ? tr("Setup guidance: %1").arg(preset->title) : tr("Setup guidance"));
}

void MailSettingsPage::updatePlaceholders()
{
    const MailSettings s = currentSettings();
    const Sender inherited = s.senderFor(Category::System);
    const QString defaultEmail =
        inherited.email.trimmed().isEmpty() ? tr("same as the default sender") : inherited.email.trimmed();
    const QString defaultName =
        inherited.name.trimmed().isEmpty() ? tr("same as the default sender name") : inherited.name.trimmed();
    for (QLineEdit* edit : {ui->invoiceEmailEdit, ui->quoteEmailEdit, ui->ticketEmailEdit})
        edit->setPlaceholderText(defaultEmail);
    for (QLineEdit* edit : {ui->invoiceNameEdit, ui->quoteNameEdit, ui->ticketNameEdit})
        edit->setPlaceholderText(defaultName);
    const QString username = s.username.trimmed();
    const bool usernameIsAddress = isValidEmail(username);
    ui->defaultEmailEdit->setPlaceholderText(usernameIsAddress ? username : tr("billing@example.com"));
    ui->useUsernameButton->setEnabled(usernameIsAddress && s.defaultSender.email.trimmed() != username);
}

void MailSettingsPage::updateValidation()
{
    const MailSettings s = currentSettings();
    m_shownProblems.clear();
    const QColor error = errorColor(palette());
    for (SettingKey key : std::as_const(m_validated)) {
        const auto problem = validateField(s, key);
        QWidget* field = widgetFor(key);
        if (field == nullptr)
            continue;
        const auto* edit = qobject_cast<QLineEdit*>(field);
        // An untouched empty field on a fresh form is not framed while typing elsewhere; the line
        // beside Save still names it, and Save stays off.
        const bool mayShow = m_showAllProblems || m_touched.value(key) ||
                             (edit != nullptr && !edit->text().isEmpty()) || edit == nullptr;
        const bool show = problem.has_value() && mayShow;
        if (show)
            m_shownProblems.insert(key, *problem);
        field->setToolTip(show ? *problem : QString());
        field->setAccessibleDescription(show ? *problem : QString());
        // A tinted background marks the field; unlike a style-sheet border it keeps the field's
        // size, so nothing around it moves while typing.
        QPalette marked = palette();
        if (show) {
            const QColor base = palette().color(QPalette::Base);
            marked.setColor(QPalette::Base, QColor::fromRgbF(base.redF() * 0.8f + error.redF() * 0.2f,
                                                             base.greenF() * 0.8f + error.greenF() * 0.2f,
                                                             base.blueF() * 0.8f + error.blueF() * 0.2f));
        }
        field->setPalette(marked);
    }
}

void MailSettingsPage::updateEncryptionWarning()
{
    const MailSettings s = currentSettings();
    QString warning;
    if (s.encryption == Encryption::None) {
        const bool signsIn = s.auth != AuthMethod::None;
        if (signsIn && !ui->passwordEdit->text().isEmpty() && !s.allowAuthWithoutTls)
            warning = tr("<b>Encryption is off.</b> Outbound will refuse to send the password over a plain "
                         "connection. Choose STARTTLS or TLS, or allow sign-in without TLS under Advanced "
                         "(not recommended).");
        else if (signsIn && !ui->passwordEdit->text().isEmpty())
            warning = tr("<b>Encryption is off.</b> The password and every message cross the network as "
                         "plain text that anyone on the way can read.");
        else
            warning = tr("<b>Encryption is off.</b> Messages cross the network unencrypted.");
    }
    ui->encryptionWarning->setText(warning);
    ui->encryptionWarning->setStyleSheet(warningBannerStyle(palette()));
    ui->encryptionWarning->setVisible(!warning.isEmpty());
}

void MailSettingsPage::updateState()
{
    const QList<ValidationIssue> issues = validate(currentSettings());
    const bool unsaved = hasUnsavedChanges();
    ui->saveButton->setEnabled(unsaved && !m_saving && issues.isEmpty() &&
                               (m_passwordLoaded || !isVisible()));
    ui->revertButton->setEnabled(unsaved);
    ui->testSendButton->setEnabled(issues.isEmpty());
    ui->testSendButton->setToolTip(issues.isEmpty()
                                       ? tr("Send a message with the values shown, saved or not.")
                                       : tr("Fix the settings first: %1").arg(issues.first().message));
    // The focused field's problem first; otherwise how many need attention and which.
    QString text;
    std::optional<SettingKey> focused;
    for (SettingKey key : std::as_const(m_validated)) {
        QWidget* field = widgetFor(key);
        if (field != nullptr && (field->hasFocus() || field->isAncestorOf(QApplication::focusWidget())))
            focused = key;
    }
    const MailSettings s = currentSettings();
    if (focused && validateField(s, *focused) &&
        (m_touched.value(*focused) || m_showAllProblems || m_shownProblems.contains(*focused))) {
        text = tr("%1: %2")
                   .arg(settingLabel(*focused), windowWording(*validateField(s, *focused)))
                   .toHtmlEscaped();
    } else if (!issues.isEmpty()) {
        QStringList names;
        for (const ValidationIssue& issue : issues) {
            const QString name = settingLabel(issue.key);
            if (!names.contains(name))
                names << name;
        }
        text = tr("%n setting(s) need attention: %1", nullptr, int(issues.size()))
                   .arg(QLocale().createSeparatedList(names))
                   .toHtmlEscaped();
        if (!m_showAllProblems)
            text += QStringLiteral(" <a href=\"#show\">%1</a>").arg(tr("Show").toHtmlEscaped());
    } else if (unsaved) {
        text = tr("Unsaved changes").toHtmlEscaped();
    }
    if (m_saving)
        text = tr("Saving…").toHtmlEscaped();
    ui->stateLabel->setTextFormat(Qt::RichText);
    ui->stateLabel->setText(text);
    ui->stateLabel->setForegroundRole(issues.isEmpty() ? QPalette::PlaceholderText : QPalette::WindowText);
    QStringList all;
    for (const ValidationIssue& issue : issues)
        all << tr("%1: %2").arg(settingLabel(issue.key), windowWording(issue.message));
    ui->stateLabel->setToolTip(all.join(u'\n'));
    // "No sign-in" needs neither a user name nor a password.
    const bool signsIn = ui->authCombo->currentData().toString() != toString(AuthMethod::None);
    // OAuth signs in with the provider's token: the password is not used then.
    const bool usesPassword =
        signsIn && ui->authCombo->currentData().toString() != toString(AuthMethod::OAuth2);
    ui->usernameEdit->setEnabled(signsIn);
    ui->passwordEdit->setEnabled(usesPassword && m_passwordLoaded);
    if (m_passwordToggle != nullptr)
        m_passwordToggle->setEnabled(usesPassword && m_passwordLoaded);
    if (unsaved != m_lastUnsaved) {
        m_lastUnsaved = unsaved;
        Q_EMIT unsavedChangesChanged(unsaved);
    }
}

bool MailSettingsPage::save()
{
    if (m_saving)
        return false;
    const MailSettings s = currentSettings();
    if (const auto issues = validate(s); !issues.isEmpty()) {
        m_showAllProblems = true;
        updateValidation();
        if (QWidget* field = widgetFor(issues.first().key))
            field->setFocus();
        return false;
    }
    // Only what the user changed: a value saved elsewhere meanwhile (the command line) survives.
    const QList<SettingKey> keys = SettingsStore::changedKeys(m_saved, s);
    const bool writePassword = m_passwordLoaded && ui->passwordEdit->text() != m_savedPassword;
    const QString password = ui->passwordEdit->text();
    struct Outcome
    {
        Status settings = success();
        std::optional<PasswordWrite> password;
        Snapshot after;
    };
    m_saving = true;
    m_outsideWhileSaving = -1;
    m_showAllProblems = true;
    if (writePassword)
        ui->secretBackendLabel->setText(tr("Storing the password…"));
    ui->stateLabel->setText(tr("Saving…"));
    updateState();
    // Off the GUI thread: another writer may hold the database for seconds.
    runInBackground(
        this,
        [s, keys, writePassword, password] {
            Outcome outcome;
            if (!keys.isEmpty()) {
                if (auto saved = SettingsStore::save(s, keys); !saved)
                    outcome.settings = saved.error();
            }
            if (outcome.settings && writePassword) {
                PasswordWrite write;
                if (password.isEmpty()) {
                    write.status = SecretStore::erasePassword();
                    write.backend = SecretStore::backend();
                } else if (auto stored = SecretStore::writePassword(password)) {
                    write.backend = stored.value();
                } else {
                    write.status = stored.error();
                }
                outcome.password = write;
            }
            outcome.after = Snapshot::read();
            return outcome;
        },
        [this, s, password](Outcome outcome) {
            m_saving = false;
            if (!outcome.settings) {
                updateState();
                const QString reason = outcome.settings.error().message;
                QMessageBox::warning(this, tr("Settings"),
                                     tr("The settings could not be saved: %1").arg(reason));
                Q_EMIT saveFailed(reason);
                return;
            }
            const MailSettings edited = currentSettings();
            const QList<SettingKey> editedKeys = SettingsStore::changedKeys(s, edited);
            if (outcome.after.status) {
                showItflowNotice(outcome.after);
                m_saved = outcome.after.settings;
                m_savedRevision = outcome.after.revision;
                if (m_watcher != nullptr)
                    m_watcher->acknowledge(m_savedRevision);
                if (outcome.after.password)
                    m_savedPassword = outcome.after.password.value();
                // Show what is stored now (values saved elsewhere included) under any edits made
                // while the save ran.
                MailSettings shown = m_saved;
                for (SettingKey key : editedKeys)
                    (void)shown.setValue(key, edited.value(key).toString());
                if (shown != edited) {
                    const auto touched = m_touched;
                    showSettings(shown);
                    m_touched = touched;
                }
            } else {
                m_saved = s;
                m_savedPassword = password;
            }
            if (outcome.password) {
                const PasswordWrite& write = *outcome.password;
                showBackend(write.backend, write.status ? QString() : write.status.error().message);
                if (!write.status)
                    QMessageBox::warning(
                        this, tr("Password"),
                        tr("The password could not be stored: %1").arg(write.status.error().message));
            }
            onEdited();
            Q_EMIT saved();
            if (outcome.password)
                Q_EMIT passwordStored(outcome.password->status.ok());
            if (m_outsideWhileSaving > m_savedRevision)
                onOutsideChange(m_outsideWhileSaving);
        });
    return true;
}

void MailSettingsPage::revert()
{
    m_touched.clear();
    showSettings(m_saved);
    if (m_passwordLoaded) {
        const QSignalBlocker block(ui->passwordEdit);
        ui->passwordEdit->setText(m_savedPassword);
    }
    onEdited();
}

bool MailSettingsPage::confirmLeave()
{
    if (!hasUnsavedChanges())
        return true;
    if (m_leaveQuestion) {
        const int answer = m_leaveQuestion();
        if (answer == QMessageBox::Save)
            return save();
        if (answer == QMessageBox::Discard) {
            revert();
            return true;
        }
        return false;
    }
    QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                    tr("The mail settings have changes that are not saved yet."), QMessageBox::NoButton,
                    this);
    box.setInformativeText(isValid() ? tr("Save them now?")
                                     : tr("Some values are not valid, so they cannot be saved "
                                          "as they are."));
    QPushButton* saveButton = isValid() ? box.addButton(QMessageBox::Save) : nullptr;
    QPushButton* discardButton = box.addButton(QMessageBox::Discard);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(saveButton != nullptr ? saveButton : discardButton);
    box.exec();
    if (saveButton != nullptr && box.clickedButton() == saveButton)
        return save();
    if (box.clickedButton() == discardButton) {
        revert();
        return true;
    }
    return false;
}

void MailSettingsPage::setPasswordVisible(bool visible)
{
    ui->passwordEdit->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password);
    if (m_passwordToggle != nullptr) {
        m_passwordToggle->setIcon(
            QIcon(visible ? QStringLiteral(":/icons/eye-off.svg") : QStringLiteral(":/icons/eye.svg")));
        const QString text = visible ? tr("Hide the password") : tr("Show the password");
        m_passwordToggle->setToolTip(text);
        m_passwordToggle->setAccessibleName(text);
    }
}

void MailSettingsPage::browseCaFile()
{
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Choose a CA certificate"), ui->caFileEdit->text(),
                                     tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty()) {
        m_touched[SettingKey::SmtpCaFile] = true;
        ui->caFileEdit->setText(file);
    }
}

void MailSettingsPage::openTestSend()
{
    const MailSettings s = currentSettings();
    if (s.auth == AuthMethod::OAuth2) {
        // The access token comes from the signed-in account, renewed off the GUI thread first.
        ui->testSendButton->setEnabled(false);
        runInBackground(
            this,
            [s] {
                Result<QString, OAuthError> token = OAuthError{};
                TokenProvider provider(s);
                QEventLoop loop;
                provider.requestToken(false, [&](const Result<QString, OAuthError>& t) {
                    token = t;
                    loop.quit();
                });
                loop.exec(); // this short-lived thread's own loop; the GUI thread never waits
                return token;
            },
            [this, s](Result<QString, OAuthError> token) {
                updateState();
                if (!token) {
                    QMessageBox::warning(this, tr("Send test email"),
                                         tr("Sign in first: %1").arg(token.error().summary()));
                    refreshOAuthStatus();
                    return;
                }
                if (m_testSendOpener) {
                    m_testSendOpener(s, token.value());
                    return;
                }
                auto* dialog = new TestSendDialog(s, token.value(), this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->open();
            });
        return;
    }
    if (m_testSendOpener) {
        m_testSendOpener(s, currentPassword());
        return;
    }
    auto* dialog = new TestSendDialog(s, currentPassword(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MailSettingsPage::detect()
{
    if (m_probe) {
        m_probe->cancel(); // finished() follows and resets the button
        return;
    }
    const MailSettings s = currentSettings();
    if (const auto problem = validateField(s, SettingKey::SmtpHost)) {
        m_touched[SettingKey::SmtpHost] = true;
        updateValidation();
        ui->hostEdit->setFocus();
        return;
    }
    QList<quint16> ports = SettingsProbe::defaultPorts();
    if (s.port > 0 && !ports.contains(quint16(s.port)))
        ports.prepend(quint16(s.port));
    QStringList portNames;
    for (quint16 port : std::as_const(ports))
        portNames << QString::number(port);

    // The probe is asynchronous on this thread (no waiting, no nested loop); it never signs in.
    m_probe = new SettingsProbe(s.host.trimmed(), ports, this);
    m_probe->setHeloName(s.toSmtpConfig(QString()).heloName);
    if (!s.caFile.trimmed().isEmpty())
        m_probe->setCaFile(s.caFile.trimmed());
    connect(m_probe, &SettingsProbe::finished, this, &MailSettingsPage::onProbeFinished);
    m_detectOffer.reset();
    ui->detectApplyButton->setVisible(false);
    ui->detectDismissButton->setVisible(false);
    ui->detectButton->setText(tr("Stop"));
    ui->detectResult->setText(
        tr("Asking %1 on ports %2…")
            .arg(s.host.trimmed().toHtmlEscaped(), portNames.join(QStringLiteral(", "))));
    ui->detectResult->setStyleSheet(QString());
    ui->detectResult->setVisible(true);
    m_probe->start();
}

void MailSettingsPage::onProbeFinished(const ProbeReport& report)
{
    if (m_probe)
        m_probe->deleteLater();
    m_probe = nullptr;
    ui->detectButton->setText(tr("Detect"));
    const ProbeRecommendation& r = report.recommendation;
    QString html;
    if (report.cancelled) {
        html = tr("Detection stopped.");
    } else if (r.found) {
        // Results first; the form changes only when the admin accepts the offer (the button
        // names what it sets). Dismiss, or leaving it, keeps the form as it is.
        m_detectOffer = r;
        html =
            tr("<b>Port %1 with %2 looks best.</b> %3")
                .arg(r.port)
                .arg(encryptionName(r.encryption).toHtmlEscaped(), windowWording(r.reason).toHtmlEscaped());
        if (!r.warning.isEmpty())
            html += QStringLiteral("<br/>") + windowWording(r.warning).toHtmlEscaped();
        ui->detectApplyButton->setText(
            tr("Use port %1 with %2").arg(r.port).arg(encryptionName(r.encryption)));
    } else {
        html = tr("<b>Nothing usable found.</b> %1").arg(windowWording(r.reason).toHtmlEscaped());
    }
    // What each port answered, so the choice can be checked: port, mode, certificate, sign-in.
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\" style=\"margin-top:4px\">");
    html +=
        QStringLiteral("<tr><th align=\"left\">%1</th><th align=\"left\">%2</th><th align=\"left\">%3</th>"
                       "<th align=\"left\">%4</th></tr>")
            .arg(tr("Port"), tr("Encryption"), tr("Certificate"), tr("Sign-in offered"));
    for (const PortProbeResult& port : report.ports) {
        QStringList modes;
        if (port.implicitTlsWorks)
            modes << encryptionName(Encryption::Tls);
        if (port.startTlsWorks)
            modes << encryptionName(Encryption::StartTls);
        else if (port.plainWorks)
            modes << encryptionName(Encryption::None);
        QString mode = modes.isEmpty() ? windowWording(port.statusText()) : modes.join(QStringLiteral(", "));
        QString certificate;
        if (port.certificateSeen)
            certificate = port.certificateValid
                              ? tr("valid")
                              : tr("not trusted: %1").arg(port.certificateErrors.join(QStringLiteral("; ")));
        else
            certificate = tr("none");
        const QString auth =
            port.authMechanisms.isEmpty() ? tr("none") : port.authMechanisms.join(QStringLiteral(" "));
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(port.port)
                    .arg(mode.toHtmlEscaped(), certificate.toHtmlEscaped(), auth.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    m_detectTable = html.mid(html.indexOf(QStringLiteral("<table")));
    QStringList ports;
    for (const PortProbeResult& port : report.ports)
        ports << tr("%1: %2").arg(port.port).arg(windowWording(port.statusText()));
    ui->detectResult->setToolTip(ports.join(u'\n'));
    ui->detectResult->setText(html);
    ui->detectResult->setStyleSheet(
        r.found && r.warning.isEmpty()
            ? QString()
            : QStringLiteral("QLabel { color: %1; }").arg(warningColor(palette()).name()));
    ui->detectApplyButton->setVisible(m_detectOffer.has_value());
    ui->detectDismissButton->setVisible(true);
    Q_EMIT detectFinished(r.found);
}

void MailSettingsPage::applyDetected()
{
    if (!m_detectOffer)
        return;
    const ProbeRecommendation r = *m_detectOffer;
    m_detectOffer.reset();
    {
        const QScopedValueRollback filling(m_fillingFromDetect, true);
        ui->portSpin->setValue(r.port);
        ui->encryptionCombo->setCurrentIndex(ui->encryptionCombo->findData(toString(r.encryption)));
    }
    QString html =
        tr("<b>Filled in port %1 with %2.</b> %3")
            .arg(r.port)
            .arg(encryptionName(r.encryption).toHtmlEscaped(), windowWording(r.reason).toHtmlEscaped());
    if (!r.warning.isEmpty())
        html += QStringLiteral("<br/>") + windowWording(r.warning).toHtmlEscaped();
    ui->detectResult->setText(html + m_detectTable);
    ui->detectApplyButton->setVisible(false);
    ui->portSpin->setFocus();
}

void MailSettingsPage::hideDetectResult()
{
    m_detectOffer.reset();
    ui->detectResult->setVisible(false);
    ui->detectApplyButton->setVisible(false);
    ui->detectDismissButton->setVisible(false);
}

// ---- OAuth 2.0 sign-in -------------------------------------------------------------------------

void MailSettingsPage::setupOAuth()
{
    ui->oauthProviderCombo->addItem(tr("Microsoft 365"), toString(OAuthProvider::Microsoft));
    ui->oauthProviderCombo->addItem(tr("Google"), toString(OAuthProvider::Google));
    ui->oauthProviderCombo->addItem(tr("Other provider"), toString(OAuthProvider::Custom));
    ui->oauthFlowCombo->addItem(tr("Browser on this computer"), toString(OAuthFlow::Browser));
    ui->oauthFlowCombo->addItem(tr("Code on another device"), toString(OAuthFlow::Device));
    ui->oauthFlowCombo->addItem(tr("App (unattended, certificate or secret)"), toString(OAuthFlow::App));
    QFont big = ui->oauthDeviceCodeLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    ui->oauthDeviceCodeLabel->setFont(big);
    ui->oauthDeviceCodeLabel->setVisible(false);
    ui->oauthCopyCodeButton->setVisible(false);
    ui->oauthCancelButton->setVisible(false);
    ui->basicAuthWarningLabel->setText(microsoftBasicAuthWarning());
    QPalette warningPalette = ui->basicAuthWarning->palette();
    warningPalette.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xe5));
    warningPalette.setColor(QPalette::WindowText, QColor(0x3d, 0x27, 0x00));
    ui->basicAuthWarning->setPalette(warningPalette);
    connect(ui->oauthProviderCombo, &QComboBox::currentIndexChanged, this, &MailSettingsPage::onEdited);
    connect(ui->oauthFlowCombo, &QComboBox::currentIndexChanged, this, &MailSettingsPage::onEdited);
    connect(ui->oauthCertificateEdit, &QLineEdit::textChanged, this,
            &MailSettingsPage::updateCertificateInfo);
    connect(ui->oauthSignInButton, &QPushButton::clicked, this, &MailSettingsPage::startOAuthSignIn);
    connect(ui->oauthSignOutButton, &QPushButton::clicked, this, &MailSettingsPage::signOut);
    connect(ui->oauthCancelButton, &QPushButton::clicked, this, [this] {
        if (m_signIn)
            m_signIn->cancel();
    });
    connect(ui->oauthCopyCodeButton, &QToolButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(ui->oauthDeviceCodeLabel->text()); });
    connect(ui->switchToOAuthButton, &QPushButton::clicked, this, [this] {
        MailSettings s = currentSettings();
        ui->authCombo->setCurrentIndex(ui->authCombo->findData(toString(AuthMethod::OAuth2)));
        if (detectPreset(s) == Preset::Microsoft365)
            ui->oauthProviderCombo->setCurrentIndex(
                ui->oauthProviderCombo->findData(toString(OAuthProvider::Microsoft)));
    });
    m_signIn = new OAuthSignIn(this);
    connect(m_signIn, &OAuthSignIn::browserOpened, this, [this] {
        ui->oauthStatusLabel->setText(
            tr("Waiting for the sign-in in your browser (up to 5 minutes). The browser was opened with the "
               "provider's sign-in page."));
    });
    connect(m_signIn, &OAuthSignIn::deviceCodeReady, this,
            [this](const QString& code, const QUrl& uri, int expiresIn) {
                ui->oauthDeviceCodeLabel->setText(code);
                ui->oauthDeviceCodeLabel->setVisible(true);
                ui->oauthCopyCodeButton->setVisible(true);
                ui->oauthStatusLabel->setText(
                    tr("On any device, open <a href=\"%1\">%1</a> and enter this code within %2 minutes.")
                        .arg(uri.toString().toHtmlEscaped())
                        .arg(std::max(1, expiresIn / 60)));
            });
    const auto ended = [this] {
        ui->oauthDeviceCodeLabel->setVisible(false);
        ui->oauthCopyCodeButton->setVisible(false);
        ui->oauthCancelButton->setVisible(false);
        ui->oauthSignInButton->setEnabled(true);
    };
    connect(m_signIn, &OAuthSignIn::succeeded, this, [this, ended](const QString&) {
        ended();
        refreshOAuthStatus();
    });
    connect(m_signIn, &OAuthSignIn::failed, this, [this, ended](const OAuthError& error) {
        ended();
        const Hint hint = diagnoseOAuth(error, currentSettings().oauth);
        ui->oauthStatusLabel->setText(
            tr("The sign-in did not succeed: %1").arg(error.summary().toHtmlEscaped()) +
            (hint.id == HintId::Unknown ? QString() : QStringLiteral("<br>") + hint.text().toHtmlEscaped()));
    });
}

void MailSettingsPage::updateOAuthVisibility()
{
    const MailSettings s = currentSettings();
    const bool oauth = s.auth == AuthMethod::OAuth2;
    ui->oauthPanel->setVisible(oauth);
    // Whole form rows, so the layout gives a row its height back when it returns.
    const auto showRow = [](QFormLayout* form, QWidget* field, bool visible) {
        const int row = formRowOf(form, field);
        if (row >= 0)
            form->setRowVisible(row, visible);
    };
    // The password row stays in place (hiding and restoring it left it without height); with OAuth
    // it is off and says why.
    const QString notUsed = tr("Not used: OAuth signs in with the provider");
    if (oauth)
        ui->passwordEdit->setPlaceholderText(notUsed);
    else if (ui->passwordEdit->placeholderText() == notUsed)
        ui->passwordEdit->setPlaceholderText(QString());
    const bool microsoft = s.oauth.provider == OAuthProvider::Microsoft;
    const bool app = s.oauth.flow == OAuthFlow::App;
    showRow(ui->oauthForm, ui->oauthTenantEdit, microsoft);
    showRow(ui->oauthForm, ui->oauthCertificateEdit, app);
    showRow(ui->oauthForm, ui->oauthCertificateLabel, app && !ui->oauthCertificateLabel->text().isEmpty());
    // The warning's row stays in the form and only its content comes and goes: a spanning form row
    // with word-wrapped text that is hidden and shown again gets no height back in Qt 6.4.
    const bool atRisk = microsoftBasicAuthAtRisk(s);
    ui->basicAuthWarningLabel->setVisible(atRisk);
    ui->switchToOAuthButton->setVisible(atRisk);
    ui->basicAuthWarning->setFrameShape(atRisk ? QFrame::StyledPanel : QFrame::NoFrame);
    ui->basicAuthWarning->setAutoFillBackground(atRisk);
    ui->basicAuthWarningLayout->setContentsMargins(atRisk ? QMargins(9, 9, 9, 9) : QMargins());
}

void MailSettingsPage::updateCertificateInfo()
{
    const QString path = ui->oauthCertificateEdit->text().trimmed();
    if (path.isEmpty()) {
        ui->oauthCertificateLabel->clear();
        updateOAuthVisibility();
        return;
    }
    // A small local file: read here, no network or database involved.
    const auto certificate = ClientCertificate::load(path);
    if (!certificate) {
        ui->oauthCertificateLabel->setText(certificate.error().message.toHtmlEscaped());
    } else {
        const QDateTime expiry = certificate->expiresAt();
        const qint64 days = QDateTime::currentDateTimeUtc().daysTo(expiry);
        QString text = tr("Certificate: %1 · valid until %2")
                           .arg(certificate->subject().toHtmlEscaped(),
                                QLocale().toString(expiry.toLocalTime().date(), QLocale::ShortFormat));
        if (days < 0)
            text += QStringLiteral("<br><b>") + tr("It has expired: Microsoft will refuse the sign-in.") +
                    QStringLiteral("</b>");
        else if (days <= 30)
            text += QStringLiteral("<br><b>") +
                    tr("It expires in %n day(s): upload a new certificate to the app registration.", nullptr,
                       int(days)) +
                    QStringLiteral("</b>");
        ui->oauthCertificateLabel->setText(text);
    }
    updateOAuthVisibility();
}

void MailSettingsPage::refreshOAuthStatus()
{
    runInBackground(
        this,
        [] {
            OAuthStatus status;
            status.snapshot = TokenStore::load();
            return status;
        },
        [this](OAuthStatus status) {
            m_signInNeeded = false;
            ui->oauthSignOutButton->setVisible(false);
            ui->oauthSignInButton->setText(tr("Sign &in…"));
            if (!status.snapshot) {
                ui->oauthStatusLabel->setText(status.snapshot.error().message.toHtmlEscaped());
            } else if (status.snapshot->signInNeeded) {
                m_signInNeeded = true;
                ui->oauthSignInButton->setText(tr("Sign in &again…"));
                ui->oauthStatusLabel->setText(QStringLiteral("<b>") +
                                              tr("Sign-in needed: the provider no longer accepts the saved "
                                                 "sign-in. Sending waits until "
                                                 "you sign in again.") +
                                              QStringLiteral("</b>"));
            } else if (status.snapshot->tokens.isEmpty()) {
                ui->oauthStatusLabel->setText(tr("Not signed in."));
            } else {
                const TokenSet& t = status.snapshot->tokens;
                ui->oauthSignOutButton->setVisible(true);
                ui->oauthStatusLabel->setText(
                    tr("Signed in as %1 · renews automatically · last renewed %2")
                        .arg(t.account.toHtmlEscaped(),
                             QLocale().toString(t.lastRenewed.toLocalTime().time(), QLocale::ShortFormat)));
            }
            Q_EMIT oauthStatusShown();
        });
}

void MailSettingsPage::startOAuthSignIn()
{
    if (m_signIn->isRunning())
        return;
    ui->oauthSignInButton->setEnabled(false);
    ui->oauthCancelButton->setVisible(true);
    ui->oauthStatusLabel->setText(tr("Starting the sign-in…"));
    m_signIn->start(currentSettings());
}

void MailSettingsPage::signOut()
{
    runInBackground(
        this, [] { return TokenStore::clear(); },
        [this](const Status& s) {
            if (!s)
                QMessageBox::warning(this, tr("Sign out"), s.error().message);
            refreshOAuthStatus();
        });
}

} // namespace outbound::gui
