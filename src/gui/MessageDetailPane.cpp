#include "MessageDetailPane.h"

#include "GuiText.h"
#include "diagnosis/Diagnosis.h"
#include "ui_MessageDetailPane.h"

#include <QFontDatabase>
#include <QLocale>

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
    // One line each; long values are cut at the pane's edge and shown whole in the tooltip.
    for (QLabel* label :
         {ui->fromValue, ui->toValue, ui->subjectValue, ui->statusValue, ui->messageIdValue}) {
        label->setTextFormat(label == ui->statusValue ? Qt::RichText : Qt::PlainText);
        label->setWordWrap(false);
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    }
    showNothing();
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
    ui->fromValue->setText(s.fromName.isEmpty() ? s.fromEmail : tr("%1 <%2>").arg(s.fromName, s.fromEmail));
    ui->toValue->setText(s.to);
    ui->subjectValue->setText(s.subject);
    ui->messageIdValue->setText(QString::fromLatin1(d.messageId));
    for (QLabel* label : {ui->fromValue, ui->toValue, ui->subjectValue, ui->messageIdValue})
        label->setToolTip(label->text());
    QString status = QStringLiteral("<span style=\"color:%1; font-weight:600\">%2</span>")
                         .arg(statusColor(s.status).name(), escaped(statusName(s.status)));
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

    // Body: HTML through the browser that loads nothing, otherwise the plain text.
    if (!d.htmlBody.isEmpty())
        ui->bodyView->setHtml(d.htmlBody);
    else
        ui->bodyView->setPlainText(d.textBody);
    ui->attachmentList->clear();
    for (const AttachmentInfo& a : d.attachmentInfo)
        ui->attachmentList->addItem(
            tr("%1 (%2, %3)").arg(a.fileName, QString::fromLatin1(a.contentType), humanSize(a.size)));
    const int attachments = int(d.attachmentInfo.size());
    ui->detailTabs->setTabText(ui->detailTabs->indexOf(ui->attachmentsTab),
                               attachments > 0 ? tr("Attachments (%1)").arg(attachments) : tr("Attachments"));

    QString error;
    if (!d.acceptanceLine.isEmpty())
        error += QStringLiteral("<p><b>%1</b><br/><tt>%2</tt></p>")
                     .arg(escaped(tr("The server accepted the message:")), escaped(d.acceptanceLine));
    if (d.lastError) {
        const SmtpError& e = *d.lastError;
        error += QStringLiteral("<p><b>%1</b></p>").arg(escaped(e.summary()));
        if (!e.detail.isEmpty() && !e.summary().contains(e.detail))
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
    ui->transcriptView->setPlainText(d.transcript.isEmpty() ? tr("No attempt recorded yet.") : d.transcript);
    ui->sourceView->setPlainText(QString::fromUtf8(d.rawMessage));

    const bool hasError = d.lastError.has_value() || !s.lastError.isEmpty();
    if (!sameMessage && hasError && s.status != MessageStatus::Sent)
        ui->detailTabs->setCurrentWidget(ui->errorTab);
    else if (!sameMessage)
        ui->detailTabs->setCurrentWidget(ui->messageTab);
    ui->paneStack->setCurrentWidget(ui->detailPage);
}

} // namespace outbound::gui
