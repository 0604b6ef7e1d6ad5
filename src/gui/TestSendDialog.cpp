#include "TestSendDialog.h"

#include "GuiText.h"
#include "diagnosis/Diagnosis.h"
#include "diagnosis/SettingsProbe.h"
#include "mime/MailAddress.h"
#include "mime/MimeBuilder.h"
#include "smtp/TestSendJob.h"
#include "ui_TestSendDialog.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHostInfo>
#include <QListWidgetItem>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>

namespace outbound::gui {

namespace {
const QString kPending = QStringLiteral(":/icons/step-pending.svg");
const QString kActive = QStringLiteral(":/icons/step-active.svg");
const QString kDone = QStringLiteral(":/icons/status-sent.svg");
const QString kFailed = QStringLiteral(":/icons/status-failed.svg");
const QString kCancelled = QStringLiteral(":/icons/status-cancelled.svg");
// Each step's state by name as well as by icon (for accessibility tools and tests).
constexpr int kStateRole = Qt::UserRole + 1;

void setStep(QListWidgetItem* item, const QString& iconPath, const char* state)
{
    item->setIcon(QIcon(iconPath));
    item->setData(kStateRole, QString::fromLatin1(state));
}
} // namespace

TestSendDialog::TestSendDialog(const MailSettings& settings, const QString& password, QWidget* parent)
    : QDialog(parent), ui(std::make_unique<Ui::TestSendDialog>()), m_settings(settings), m_password(password)
{
    ui->setupUi(this);
    ui->transcriptView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    ui->transcriptView->setMaximumBlockCount(5000);
    ui->resultFrame->setVisible(false);
    ui->phaseProgress->setVisible(false);

    for (Category c : {Category::System, Category::Invoice, Category::Quote, Category::Ticket}) {
        const Sender sender = settings.senderFor(c);
        const QString who = sender.email.isEmpty() ? tr("no sender address") : sender.email;
        ui->categoryCombo->addItem(tr("%1 — %2").arg(categoryName(c), who), toString(c));
    }
    const Sender system = settings.senderFor(Category::System);
    ui->recipientEdit->setText(system.email);

    QString server =
        tr("%1 port %2, %3").arg(settings.host).arg(settings.port).arg(encryptionName(settings.encryption));
    if (settings.auth != AuthMethod::None && !settings.username.isEmpty())
        server += tr(", signing in as %1").arg(settings.username);
    ui->serverLabel->setText(server);

    connect(ui->sendButton, &QPushButton::clicked, this, &TestSendDialog::send);
    connect(ui->checkSendersButton, &QPushButton::clicked, this, &TestSendDialog::checkSenders);
    connect(ui->cancelButton, &QPushButton::clicked, this, &TestSendDialog::cancelSending);
    connect(ui->closeButton, &QPushButton::clicked, this, &TestSendDialog::reject);
    connect(ui->recipientEdit, &QLineEdit::returnPressed, this, &TestSendDialog::send);
    buildPhaseList();
    setRunning(false);
}

TestSendDialog::~TestSendDialog()
{
    if (m_job)
        m_job->cancel();
    if (m_senderCheck)
        m_senderCheck->cancel();
}

void TestSendDialog::buildPhaseList()
{
    m_phases = {SmtpPhase::Connect};
    if (m_settings.encryption == Encryption::Tls)
        m_phases << SmtpPhase::Tls;
    m_phases << SmtpPhase::Greeting << SmtpPhase::Ehlo;
    if (m_settings.encryption == Encryption::StartTls)
        m_phases << SmtpPhase::StartTls;
    if (m_settings.auth != AuthMethod::None)
        m_phases << SmtpPhase::Auth;
    m_phases << SmtpPhase::Mail << SmtpPhase::Rcpt << SmtpPhase::Data << SmtpPhase::Quit;
    ui->phaseList->clear();
    for (SmtpPhase phase : std::as_const(m_phases)) {
        auto* item = new QListWidgetItem(phaseName(phase), ui->phaseList);
        item->setData(Qt::UserRole, int(phase));
        setStep(item, kPending, "pending");
    }
    ui->phaseProgress->setRange(0, int(m_phases.size()));
    ui->phaseProgress->setValue(0);
    m_currentRow = -1;
}

int TestSendDialog::phaseRow(SmtpPhase phase) const
{
    if (phase == SmtpPhase::Dns)
        phase = SmtpPhase::Connect;
    // TLS after STARTTLS is part of the STARTTLS step.
    if (phase == SmtpPhase::Tls && !m_phases.contains(SmtpPhase::Tls))
        phase = SmtpPhase::StartTls;
    return int(m_phases.indexOf(phase));
}

void TestSendDialog::markPhase(SmtpPhase phase, const QString& iconPath)
{
    const int row = phaseRow(phase);
    if (row >= 0)
        ui->phaseList->item(row)->setIcon(QIcon(iconPath));
}

void TestSendDialog::onPhase(SmtpPhase phase)
{
    const int row = phaseRow(phase);
    if (row < 0)
        return;
    if (row < m_currentRow) {
        // The next message on the same connection (Check all senders sends one per sender):
        // MAIL, RCPT and DATA run again, so they are pending again.
        if (phase != SmtpPhase::Mail)
            return; // EHLO again after STARTTLS stays in the STARTTLS step
        for (int i = row; i < ui->phaseList->count(); ++i)
            setStep(ui->phaseList->item(i), kPending, "pending");
    }
    for (int i = 0; i < row; ++i)
        setStep(ui->phaseList->item(i), kDone, "done");
    setStep(ui->phaseList->item(row), kActive, "active");
    QFont bold = ui->phaseList->font();
    for (int i = 0; i < ui->phaseList->count(); ++i) {
        bold.setBold(i == row);
        ui->phaseList->item(i)->setFont(bold);
    }
    m_currentRow = row;
    ui->phaseProgress->setValue(row);
}

void TestSendDialog::onTranscript(const TranscriptLine& line)
{
    QString prefix;
    switch (line.direction) {
    case TranscriptLine::Direction::Client:
        prefix = QStringLiteral("C: ");
        break;
    case TranscriptLine::Direction::Server:
        prefix = QStringLiteral("S: ");
        break;
    case TranscriptLine::Direction::Info:
        prefix = QStringLiteral("*  ");
        break;
    }
    // Follow the conversation unless the user scrolled up to read something.
    QScrollBar* bar = ui->transcriptView->verticalScrollBar();
    const bool following = bar->value() >= bar->maximum() - 2;
    ui->transcriptView->appendPlainText(prefix + line.text);
    if (following)
        bar->setValue(bar->maximum());
}

std::optional<MailAddress> TestSendDialog::startNewRun()
{
    if (isRunning())
        return std::nullopt;
    delete m_hintProbe; // a hint still being worked out belongs to the previous run
    m_outcome.reset();
    m_serverInfo.reset();
    m_senderReport.reset();
    ui->transcriptView->clear();
    buildPhaseList();

    if (const auto issues = validate(m_settings); !issues.isEmpty()) {
        showResult(
            kFailed,
            tr("<b>The settings are not complete.</b><br/>%1").arg(issues.first().message.toHtmlEscaped()));
        return std::nullopt;
    }
    auto recipient = parseMailAddress(ui->recipientEdit->text().trimmed());
    if (!recipient) {
        showResult(
            kFailed,
            tr("<b>The recipient is not valid.</b><br/>%1").arg(recipient.error().message.toHtmlEscaped()));
        ui->recipientEdit->setFocus();
        return std::nullopt;
    }
    return recipient.value();
}

void TestSendDialog::send()
{
    const auto recipient = startNewRun();
    if (!recipient)
        return;
    const Category category =
        categoryFromString(ui->categoryCombo->currentData().toString()).value_or(Category::System);
    const Sender sender = m_settings.senderFor(category);

    MailContent content;
    content.from = MailAddress{sender.name, sender.email};
    content.to = {recipient.value()};
    content.subject = tr("Outbound test message");
    content.text =
        tr("This is a test message from Outbound.\n\n"
           "If you can read it, the mail settings work: the server %1 (port %2) accepted it from %3.\n\n"
           "Sent %4 from %5.\n")
            .arg(m_settings.host)
            .arg(m_settings.port)
            .arg(sender.email, QDateTime::currentDateTime().toString(Qt::RFC2822Date),
                 QHostInfo::localHostName());
    auto built = buildMessage(content);
    if (!built) {
        showResult(kFailed, tr("<b>The test message could not be built.</b><br/>%1")
                                .arg(built.error().message.toHtmlEscaped()));
        return;
    }
    OutgoingMessage message;
    message.mailFrom = built->envelopeFrom;
    message.recipients = built->envelopeRecipients;
    message.data = built->data;
    message.needs8BitMime = built->needs8BitMime;
    message.needsSmtpUtf8 = built->needsSmtpUtf8;

    m_job = new TestSendJob(m_settings.toSmtpConfig(m_password), message, this);
    connect(m_job, &TestSendJob::phaseChanged, this, &TestSendDialog::onPhase);
    connect(m_job, &TestSendJob::transcript, this, &TestSendDialog::onTranscript);
    connect(m_job, &TestSendJob::serverReady, this, [this](const ServerInfo& info) { m_serverInfo = info; });
    connect(m_job, &TestSendJob::finished, this, &TestSendDialog::onFinished);
    setRunning(true);
    ui->resultFrame->setVisible(false);
    m_job->start();
}

void TestSendDialog::cancelSending()
{
    if (m_senderCheck) {
        // Stop listening at once; the check winds its thread down on its own.
        SenderCheck* check = m_senderCheck;
        m_senderCheck = nullptr;
        check->disconnect(this);
        check->cancel();
        check->deleteLater();
        if (m_currentRow >= 0)
            setStep(ui->phaseList->item(m_currentRow), kCancelled, "cancelled");
        ui->transcriptView->appendPlainText(tr("*  Cancelled by you."));
        showResult(kCancelled, tr("<b>Cancelled.</b> Nothing more is sent; the connection is closed."));
        setRunning(false);
        Q_EMIT senderCheckFinished(false);
        return;
    }
    if (!m_job)
        return;
    // Stop listening at once; the job winds its thread down on its own.
    TestSendJob* job = m_job;
    m_job = nullptr;
    job->disconnect(this);
    job->cancel();
    job->deleteLater();
    if (m_currentRow >= 0)
        setStep(ui->phaseList->item(m_currentRow), kCancelled, "cancelled");
    ui->transcriptView->appendPlainText(tr("*  Cancelled by you."));
    showResult(kCancelled, tr("<b>Cancelled.</b> Nothing more is sent; the connection is closed."));
    setRunning(false);
    Q_EMIT sendFinished(false);
}

void TestSendDialog::showStepsFailedAt(SmtpPhase phase)
{
    // The failed step is marked failed, the steps before it done, none left "active" (a STARTTLS
    // that is not offered fails while EHLO is still the current step).
    const int failedRow = phaseRow(phase) >= 0 ? phaseRow(phase) : m_currentRow;
    QFont font = ui->phaseList->font();
    for (int i = 0; i < ui->phaseList->count(); ++i) {
        QListWidgetItem* item = ui->phaseList->item(i);
        if (i < failedRow)
            setStep(item, kDone, "done");
        else if (i == failedRow)
            setStep(item, kFailed, "failed");
        else
            setStep(item, kPending, "pending");
        font.setBold(i == failedRow);
        item->setFont(font);
    }
}

void TestSendDialog::showAllStepsDone()
{
    QFont font = ui->phaseList->font();
    font.setBold(false);
    for (int i = 0; i < ui->phaseList->count(); ++i) {
        setStep(ui->phaseList->item(i), kDone, "done");
        ui->phaseList->item(i)->setFont(font);
    }
    ui->phaseProgress->setValue(ui->phaseProgress->maximum());
}

void TestSendDialog::onFinished(const SendOutcome& outcome)
{
    m_outcome = outcome;
    if (m_job) {
        m_job->deleteLater();
        m_job = nullptr;
    }
    setRunning(false);
    if (outcome.accepted) {
        showAllStepsDone();
        QString html = tr("<b>The server accepted the test message.</b>");
        html += QStringLiteral("<br/><tt>%1</tt>").arg(outcome.acceptanceLine.toHtmlEscaped());
        if (m_serverInfo && m_serverInfo->tlsActive)
            html += QStringLiteral("<br/>") +
                    tr("Encrypted with %1.").arg(m_serverInfo->tlsProtocol.toHtmlEscaped());
        showResult(kDone, html);
        Q_EMIT sendFinished(true);
        return;
    }
    const SmtpError error = outcome.error.value_or(SmtpError{});
    showStepsFailedAt(error.phase);
    QString html = QStringLiteral("<b>%1</b>").arg(error.summary().toHtmlEscaped());
    // The summary often ends with the detail already (timeouts); say it once.
    if (!error.detail.isEmpty() && !error.summary().contains(error.detail))
        html += QStringLiteral("<br/>%1").arg(error.detail.toHtmlEscaped());
    const SmtpConfig config = m_settings.toSmtpConfig(QString());
    const QString category = ui->categoryCombo->currentData().toString();
    auto finish = [this, error, config, category, html](const PortProbeResult* probed) {
        QString text = html;
        const Hint hint = diagnose(error, config, category, probed);
        if (!hint.cause.isEmpty())
            text +=
                QStringLiteral("<p>%1 %2</p>").arg(tr("<b>Likely cause:</b>"), hint.cause.toHtmlEscaped());
        if (!hint.fix.isEmpty())
            text += QStringLiteral("<p>%1 %2</p>").arg(tr("<b>What to do:</b>"), hint.fix.toHtmlEscaped());
        showResult(kFailed, text);
        Q_EMIT sendFinished(false);
    };
    if (!needsPortProbe(error, config)) {
        finish(nullptr);
        return;
    }
    // The right fix depends on what the port offers: ask it (no sign-in, no mail), so the hint
    // agrees with what Detect finds.
    showResult(kFailed,
               html + QStringLiteral("<p>%1</p>").arg(tr("Checking what port %1 offers…").arg(config.port)));
    auto* probe = new SettingsProbe(config.host, {config.port}, this);
    m_hintProbe = probe;
    probe->setOverallTimeoutMs(6000);
    probe->setHeloName(config.heloName);
    if (!config.caFile.isEmpty())
        probe->setCaFile(config.caFile);
    connect(probe, &SettingsProbe::finished, this, [probe, finish](const ProbeReport& report) {
        probe->deleteLater();
        if (report.ports.isEmpty())
            finish(nullptr);
        else
            finish(&report.ports.first());
    });
    probe->start();
}

void TestSendDialog::checkSenders()
{
    const auto recipient = startNewRun();
    if (!recipient)
        return;

    m_senderCheck = new SenderCheck(m_settings, m_password, recipient->email, this);
    m_senderCheck->setTimeouts(m_settings.timeouts);
    connect(m_senderCheck, &SenderCheck::phaseChanged, this, &TestSendDialog::onPhase);
    connect(m_senderCheck, &SenderCheck::transcript, this, &TestSendDialog::onTranscript);
    connect(m_senderCheck, &SenderCheck::finished, this, &TestSendDialog::onSenderCheckFinished);
    setRunning(true);
    ui->transcriptView->appendPlainText(tr("*  Checking each configured sender over one connection…"));
    showResult(kActive, tr("<b>Checking every configured sender…</b>"));
    m_senderCheck->start();
}

void TestSendDialog::onSenderCheckFinished(const SenderCheckReport& report)
{
    m_senderReport = report;
    if (m_senderCheck) {
        m_senderCheck->deleteLater();
        m_senderCheck = nullptr;
    }
    setRunning(false);

    auto categoryList = [](const QStringList& categories) {
        QStringList names;
        for (const QString& c : categories) {
            if (c == u"default")
                names << tr("default");
            else if (const auto category = categoryFromString(c))
                names << categoryName(*category);
            else
                names << c;
        }
        return names.join(QStringLiteral(", "));
    };
    auto hintHtml = [](const Hint& hint) {
        QString html;
        if (!hint.cause.isEmpty())
            html += QStringLiteral("<br/>%1 %2").arg(tr("<b>Likely cause:</b>"), hint.cause.toHtmlEscaped());
        if (!hint.fix.isEmpty())
            html += QStringLiteral("<br/>%1 %2").arg(tr("<b>What to do:</b>"), hint.fix.toHtmlEscaped());
        return html;
    };

    // The steps as the session left them: failed where the session failed; otherwise all done,
    // with the step that refused a sender (usually MAIL) marked failed.
    if (report.sessionError) {
        showStepsFailedAt(report.sessionError->phase);
    } else if (!report.entries.isEmpty()) {
        showAllStepsDone();
        for (const SenderCheckEntry& entry : report.entries) {
            if (entry.attempted && !entry.accepted && entry.error && phaseRow(entry.error->phase) >= 0)
                setStep(ui->phaseList->item(phaseRow(entry.error->phase)), kFailed, "failed");
        }
    }

    QString html;
    if (report.sessionError) {
        const SmtpError& error = *report.sessionError;
        html = QStringLiteral("<b>%1</b>").arg(error.summary().toHtmlEscaped());
        if (!error.detail.isEmpty() && !error.summary().contains(error.detail))
            html += QStringLiteral("<br/>%1").arg(error.detail.toHtmlEscaped());
        html += hintHtml(report.sessionHint);
    } else if (report.entries.isEmpty()) {
        html = tr("<b>No sender address is configured.</b>");
    } else if (report.allAccepted()) {
        html = tr("<b>The server accepted every sender.</b>");
    } else {
        html = tr("<b>The server refused at least one sender.</b>");
    }
    // The per-sender lines also follow a session error: the senders checked before it count.
    for (const SenderCheckEntry& entry : report.entries) {
        const QString who = tr("%1 (%2)").arg(entry.sender.email.toHtmlEscaped(),
                                              categoryList(entry.categories).toHtmlEscaped());
        if (entry.accepted) {
            html += QStringLiteral("<p>✓ ") + tr("%1: accepted.").arg(who) + QStringLiteral("</p>");
        } else if (!entry.attempted) {
            html += QStringLiteral("<p>– ") + tr("%1: not checked.").arg(who) + QStringLiteral("</p>");
        } else {
            QString line = QStringLiteral("✗ ") + tr("%1: refused.").arg(who);
            if (entry.error)
                line += QStringLiteral(" <tt>%1</tt>").arg(entry.error->summary().toHtmlEscaped());
            html += QStringLiteral("<p>%1%2</p>").arg(line, hintHtml(entry.hint));
        }
    }
    const bool allAccepted = !report.sessionError && !report.entries.isEmpty() && report.allAccepted();
    showResult(allAccepted ? kDone : kFailed, html);
    Q_EMIT senderCheckFinished(allAccepted);
}

void TestSendDialog::showResult(const QString& iconPath, const QString& html)
{
    // The end of the conversation is where the outcome is.
    QTimer::singleShot(0, this, [this] {
        ui->transcriptView->verticalScrollBar()->setValue(ui->transcriptView->verticalScrollBar()->maximum());
    });
    ui->resultIcon->setPixmap(QIcon(iconPath).pixmap(32, 32));
    ui->resultLabel->setText(html);
    ui->resultFrame->setVisible(true);
}

void TestSendDialog::setRunning(bool running)
{
    ui->sendButton->setEnabled(!running);
    ui->checkSendersButton->setEnabled(!running);
    ui->cancelButton->setEnabled(running);
    ui->recipientEdit->setEnabled(!running);
    ui->categoryCombo->setEnabled(!running);
    ui->phaseProgress->setVisible(running);
    if (running)
        ui->cancelButton->setFocus();
}

void TestSendDialog::reject()
{
    cancelSending();
    QDialog::reject();
}

} // namespace outbound::gui
