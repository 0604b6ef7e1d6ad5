#include "MessageDetailPane.h"

#include "AttachmentExtractor.h"
#include "BackgroundTask.h"
#include "GuiText.h"
#include "common/TerminalText.h"
#include "diagnosis/Diagnosis.h"
#include "ui_MessageDetailPane.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLocale>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

namespace outbound::gui {

namespace {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

QString humanSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

MessageDetailPane::MessageDetailPane(QWidget* parent)
    : QWidget(parent), ui(std::make_unique<Ui::MessageDetailPane>())
{
    ui->setupUi(this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    ui->transcriptView->setFont(mono);
    ui->sourceView->setFont(mono);
    ui->emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    // One line each; long values are cut at the pane's edge and shown whole in the tooltip. The
    // form gives its spare width only to Expanding fields (an Ignored policy got zero width, so the
    // values were blank); the explicit small minimum lets the pane shrink below a long value.
    for (QLabel* label :
         {ui->fromValue, ui->toValue, ui->subjectValue, ui->statusValue, ui->messageIdValue}) {
        label->setTextFormat(label == ui->statusValue ? Qt::RichText : Qt::PlainText);
        label->setWordWrap(false);
        label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        label->setMinimumWidth(label->fontMetrics().averageCharWidth() * 4);
    }
    // The pane may shrink to a few lines so the table above gets the height (the tabs scroll).
    setMinimumHeight(fontMetrics().height() * 5);
    m_savePathPicker = [this](const QString& name) {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
        return QFileDialog::getSaveFileName(this, tr("Save attachment"), QDir(folder).filePath(name));
    };
    connect(ui->saveAttachmentButton, &QPushButton::clicked, this,
            &MessageDetailPane::saveSelectedAttachment);
    connect(ui->openAttachmentButton, &QPushButton::clicked, this,
            &MessageDetailPane::openSelectedAttachment);
    connect(ui->attachmentList, &QListWidget::itemActivated, this,
            &MessageDetailPane::openSelectedAttachment);
    connect(ui->attachmentList, &QListWidget::currentRowChanged, this,
            &MessageDetailPane::updateAttachmentButtons);
    updateAttachmentButtons();
    // Every attempt's transcript, newest first; the last one is what the row shows.
    connect(ui->attemptCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        const int attempt = ui->attemptCombo->itemData(index).toInt();
        const QString text =
            attempt >= 0 && attempt < m_history.size() ? m_history.at(attempt).transcript : m_lastTranscript;
        ui->transcriptView->setPlainText(text.isEmpty() ? tr("No transcript recorded for this attempt.")
                                                        : text);
    });
    showNothing();
}

void MessageDetailPane::updateAttachmentButtons()
{
    const bool selected = ui->attachmentList->currentRow() >= 0 && !m_rawMessage.isEmpty();
    ui->saveAttachmentButton->setEnabled(selected);
    ui->openAttachmentButton->setEnabled(selected);
}

void MessageDetailPane::saveSelectedAttachment()
{
    const int index = ui->attachmentList->currentRow();
    if (index < 0 || index >= m_attachments.size())
        return;
    const QString path = m_savePathPicker ? m_savePathPicker(m_attachments.at(index).fileName) : QString();
    if (!path.isEmpty())
        saveAttachment(index, path);
}

void MessageDetailPane::saveAttachment(int index, const QString& path)
{
    // Decoding a large message and writing the file both happen off the GUI thread.
    const QByteArray raw = m_rawMessage;
    runInBackground(
        this,
        [raw, index, path]() -> QString {
            const QList<QByteArray> parts = extractAttachments(raw);
            if (index < 0 || index >= parts.size())
                return QCoreApplication::translate("outbound::gui::MessageDetailPane",
                                                   "The attachment was not found in the stored message.");
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(parts.at(index)) != parts.at(index).size() ||
                !file.commit())
                return file.errorString();
            return {};
        },
        [this, path](const QString& error) {
            if (!error.isEmpty())
                QMessageBox::warning(this, tr("Save attachment"),
                                     tr("The attachment could not be saved: %1").arg(error));
            Q_EMIT attachmentSaved(path, error);
        });
}

void MessageDetailPane::openSelectedAttachment()
{
    const int index = ui->attachmentList->currentRow();
    if (index < 0 || index >= m_attachments.size())
        return;
    // A private copy under the temporary folder, opened by the desktop's program for its type.
    const QString folder = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                               .filePath(QStringLiteral("outbound-attachments/%1").arg(m_id));
    QDir().mkpath(folder);
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QString name = QFileInfo(m_attachments.at(index).fileName).fileName();
    if (name.isEmpty())
        name = QStringLiteral("attachment-%1").arg(index + 1);
    const QString path = QDir(folder).filePath(name);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(this, &MessageDetailPane::attachmentSaved, this,
                          [path, connection](const QString& saved, const QString& error) {
                              if (saved != path)
                                  return;
                              QObject::disconnect(*connection);
                              if (error.isEmpty())
                                  QDesktopServices::openUrl(QUrl::fromLocalFile(path));
                          });
    saveAttachment(index, path);
}

MessageDetailPane::~MessageDetailPane() = default;

void MessageDetailPane::showNothing(int selectedCount)
{
    m_id = 0;
    ui->emptyLabel->setText(selectedCount > 1
                                ? tr("%n messages selected.", nullptr, selectedCount)
                                : tr("Select a message to see its content, last error and transcript."));
    ui->paneStack->setCurrentWidget(ui->emptyPage);
}

void MessageDetailPane::showLoading(qint64 id)
{
    if (m_id == id)
        return; // keep showing the current content while it refreshes
    ui->emptyLabel->setText(tr("Loading message %1…").arg(id));
    ui->paneStack->setCurrentWidget(ui->emptyPage);
}

void MessageDetailPane::showProblem(const QString& message)
{
    m_id = 0;
    ui->emptyLabel->setText(message);
    ui->paneStack->setCurrentWidget(ui->emptyPage);
}

void MessageDetailPane::showMessage(const MessageDetail& d)
{
    const bool sameMessage = m_id == d.summary.id;
    m_id = d.summary.id;
    const MessageSummary& s = d.summary;
    // Escaped control characters and bidi overrides, as in the queue table.
    ui->fromValue->setText(
        sanitizeForTerminal(s.fromName.isEmpty() ? s.fromEmail : tr("%1 <%2>").arg(s.fromName, s.fromEmail)));
    ui->toValue->setText(sanitizeForTerminal(s.to));
    ui->subjectValue->setText(sanitizeForTerminal(s.subject));
    ui->messageIdValue->setText(QString::fromLatin1(d.messageId));
    for (QLabel* label : {ui->fromValue, ui->toValue, ui->subjectValue, ui->messageIdValue})
        label->setToolTip(label->text());
    QString status = QStringLiteral("<span style=\"color:%1; font-weight:600\">%2</span>")
                         .arg(statusColor(s.status, palette()).name(), escaped(statusName(s.status)));
    if (s.attempts > 0)
        status += escaped(tr(" · %n attempt(s)", nullptr, s.attempts));
    if (s.sentAt.isValid())
        status +=
            escaped(tr(" · sent %1").arg(QLocale().toString(s.sentAt.toLocalTime(), QLocale::ShortFormat)));
    else if (s.nextAttemptAt.isValid() &&
             (s.status == MessageStatus::Deferred || s.status == MessageStatus::Queued))
        status += escaped(tr(" · next attempt %1")
                              .arg(QLocale().toString(s.nextAttemptAt.toLocalTime(), QLocale::ShortFormat)));
    ui->statusValue->setText(status);
    ui->statusValue->setToolTip(statusDescription(s.status));

    // Body: HTML through the browser that loads nothing, otherwise the plain text.
    if (!d.htmlBody.isEmpty())
        ui->bodyView->setHtml(d.htmlBody);
    else
        ui->bodyView->setPlainText(d.textBody);
    ui->attachmentList->clear();
    m_rawMessage = d.rawMessage;
    m_attachments = d.attachmentInfo;
    for (const AttachmentInfo& a : d.attachmentInfo)
        ui->attachmentList->addItem(
            tr("%1 (%2, %3)").arg(a.fileName, QString::fromLatin1(a.contentType), humanSize(a.size)));
    if (!d.attachmentInfo.isEmpty())
        ui->attachmentList->setCurrentRow(0);
    updateAttachmentButtons();
    const int attachments = int(d.attachmentInfo.size());
    ui->detailTabs->setTabText(ui->detailTabs->indexOf(ui->attachmentsTab),
                               attachments > 0 ? tr("Attachments (%1)").arg(attachments) : tr("Attachments"));

    QString error;
    if (s.status == MessageStatus::Interrupted)
        error += QStringLiteral("<p><b>%1</b> %2</p>")
                     .arg(escaped(tr("Sending was cut off.")),
                          escaped(tr("The server may have taken this message. Ask a recipient or look in "
                                     "the server's log: if it arrived, use Mark sent; if not, use Retry.")));
    if (!d.acceptanceLine.isEmpty())
        error += QStringLiteral("<p><b>%1</b><br/><tt>%2</tt></p>")
                     .arg(escaped(tr("The server accepted the message:")), escaped(d.acceptanceLine));
    if (d.lastError) {
        const SmtpError& e = *d.lastError;
        // Told in the window's language from the typed error; the sentence stored with it (in the
        // language of whichever worker recorded it) only when the typed form does not say enough.
        error += QStringLiteral("<p><b>%1</b></p>").arg(escaped(errorLine(e, s.lastError)));
        if (errorSentence(e).isEmpty() && !e.detail.isEmpty() && !s.lastError.contains(e.detail))
            error += QStringLiteral("<p>%1</p>").arg(escaped(e.detail));
        QStringList facts;
        facts << tr("Phase: %1").arg(phaseName(e.phase));
        if (e.code != 0)
            facts << tr("Reply: %1 %2").arg(e.code).arg(e.enhancedCode).trimmed();
        if (e.outcomeUnknown)
            facts << tr("Outcome unknown: never retried automatically; mark it sent or retry it");
        else
            facts << (e.transient ? tr("Temporary: retried automatically") : tr("Permanent: needs a person"));
        error += QStringLiteral("<p>%1</p>").arg(escaped(facts.join(QStringLiteral(" · "))));
        if (!e.serverText.isEmpty())
            error += QStringLiteral("<p>%1<br/><tt>%2</tt></p>")
                         .arg(escaped(tr("The server said:")), escaped(e.serverText));
        const Hint hint = diagnose(e, m_config, toString(s.category));
        if (!hint.cause.isEmpty() || !hint.fix.isEmpty())
            error += QStringLiteral("<p><b>%1</b> %2<br/><b>%3</b> %4</p>")
                         .arg(escaped(tr("Likely cause:")), escaped(hint.cause), escaped(tr("What to do:")),
                              escaped(hint.fix));
    } else if (!s.lastError.isEmpty()) {
        error += QStringLiteral("<p>%1</p>").arg(escaped(s.lastError));
    }
    for (const RecipientRefusal& r : d.refusedRecipients)
        error += QStringLiteral("<p>%1</p>")
                     .arg(escaped(tr("Refused recipient %1: %2 %3 %4")
                                      .arg(QString::fromUtf8(r.address))
                                      .arg(r.code)
                                      .arg(r.enhancedCode, r.text)));
    if (error.isEmpty())
        error = escaped(tr("No error recorded."));
    ui->errorView->setHtml(error);
    m_history = d.attempts;
    m_lastTranscript = d.transcript;
    {
        const QSignalBlocker block(ui->attemptCombo);
        ui->attemptCombo->clear();
        for (qsizetype i = m_history.size() - 1; i >= 0; --i) {
            const MessageAttempt& a = m_history.at(i);
            ui->attemptCombo->addItem(
                statusIcon(a.status),
                tr("%1 — %2: %3")
                    .arg(QLocale().toString(a.attemptedAt.toLocalTime(), QLocale::ShortFormat),
                         statusName(a.status), a.outcome.left(80)),
                int(i));
        }
    }
    ui->attemptCombo->setToolTip(tr("%n attempt(s) recorded", nullptr, int(m_history.size())));
    ui->attemptLabel->setVisible(!m_history.isEmpty());
    ui->attemptCombo->setVisible(!m_history.isEmpty());
    const QString latest = m_history.isEmpty() ? d.transcript : m_history.last().transcript;
    ui->transcriptView->setPlainText(
        latest.isEmpty() ? (d.transcript.isEmpty() ? tr("No attempt recorded yet.") : d.transcript) : latest);
    ui->sourceView->setPlainText(QString::fromUtf8(d.rawMessage));

    const bool hasError = d.lastError.has_value() || !s.lastError.isEmpty();
    if (!sameMessage && hasError && s.status != MessageStatus::Sent)
        ui->detailTabs->setCurrentWidget(ui->errorTab);
    else if (!sameMessage)
        ui->detailTabs->setCurrentWidget(ui->messageTab);
    ui->paneStack->setCurrentWidget(ui->detailPage);
}

} // namespace outbound::gui
