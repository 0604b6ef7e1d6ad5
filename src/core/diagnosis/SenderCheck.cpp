#include "diagnosis/SenderCheck.h"

#include "mime/MimeBuilder.h"
#include "smtp/SmtpSession.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace outbound {

namespace {

QJsonObject errorJson(const SmtpError& e)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), toString(e.kind));
    o.insert(QStringLiteral("phase"), toString(e.phase));
    o.insert(QStringLiteral("code"), e.code);
    o.insert(QStringLiteral("enhanced_code"), e.enhancedCode);
    o.insert(QStringLiteral("server_text"), e.serverText);
    o.insert(QStringLiteral("transient"), e.transient);
    o.insert(QStringLiteral("summary"), e.summary());
    return o;
}

QJsonObject hintJson(const Hint& h)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), toString(h.id));
    o.insert(QStringLiteral("cause"), h.cause);
    o.insert(QStringLiteral("fix"), h.fix);
    o.insert(QStringLiteral("setting"), h.setting ? settingName(*h.setting) : QString());
    o.insert(QStringLiteral("suggested_value"), h.suggestedValue);
    return o;
}

} // namespace

namespace detail {

// Runs on the job's worker thread: one session, one message per sender, then QUIT.
class CheckWorker final : public JobWorker
{
public:
    CheckWorker(SenderCheck* job, SmtpConfig config, QList<SenderCheckEntry> entries,
                QList<OutgoingMessage> messages)
        : m_job(job), m_config(std::move(config)), m_messages(std::move(messages))
    {
        m_report.entries = std::move(entries);
    }

    void start() override
    {
        if (m_messages.isEmpty()) {
            done(); // nothing could be built: the entries say why
            return;
        }
        if (cancelRequested()) {
            cancelled();
            return;
        }
        m_session = new SmtpSession(m_config, this);
        // Progress is relayed to the job's thread; the job is alive while this thread runs.
        SenderCheck* job = m_job;
        connect(m_session, &SmtpSession::phaseChanged, this,
                [this, job](SmtpPhase p) { post([job, p] { Q_EMIT job->phaseChanged(p); }); });
        connect(m_session, &SmtpSession::transcript, this, [this, job](const TranscriptLine& line) {
            post([job, line] { Q_EMIT job->transcript(line); });
        });
        connect(m_session, &SmtpSession::messageDone, this, [this](const SendOutcome& outcome) {
            const qsizetype i = static_cast<qsizetype>(outcome.id);
            if (i < 0 || i >= m_report.entries.size())
                return;
            SenderCheckEntry& entry = m_report.entries[i];
            entry.attempted = outcome.attempted;
            entry.accepted = outcome.accepted;
            entry.acceptanceLine = outcome.acceptanceLine;
            entry.error = outcome.error;
            if (!outcome.accepted && outcome.error)
                entry.hint = diagnose(*outcome.error, m_config, entry.categories.value(0));
            if (++m_doneCount == m_messages.size())
                m_session->close();
        });
        connect(m_session, &SmtpSession::failed, this, [this](const SmtpError& error) {
            // A refused sender is reported per message; this is the session as a whole failing.
            if (!m_report.sessionError) {
                m_report.sessionError = error;
                m_report.sessionHint = diagnose(error, m_config, {});
            }
            done();
        });
        connect(m_session, &SmtpSession::closed, this, [this] { done(); });
        m_session->open();
        for (const OutgoingMessage& m : std::as_const(m_messages))
            m_session->send(m);
    }

    void cancel() override
    {
        if (m_session != nullptr)
            m_session->cancel(); // failed(Cancelled) follows, which finishes
        if (!isFinishing())
            cancelled(); // no session, or one that had already ended
    }

private:
    void cancelled()
    {
        SmtpError e;
        e.kind = SmtpErrorKind::Cancelled;
        e.phase = SmtpPhase::Connect;
        e.detail = QCoreApplication::translate("SenderCheck", "cancelled");
        if (!m_report.sessionError)
            m_report.sessionError = e;
        done();
    }

    void done()
    {
        SenderCheck* job = m_job;
        finish([job, report = m_report] { job->deliver(report); });
    }

    SenderCheck* m_job; // outlives this worker (its destructor joins the thread)
    SmtpConfig m_config;
    QList<OutgoingMessage> m_messages;
    SenderCheckReport m_report;
    SmtpSession* m_session = nullptr;
    int m_doneCount = 0;
};

} // namespace detail

namespace {} // namespace

QJsonObject SenderCheckEntry::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("categories"), QJsonArray::fromStringList(categories));
    o.insert(QStringLiteral("email"), sender.email);
    o.insert(QStringLiteral("name"), sender.name);
    o.insert(QStringLiteral("accepted"), accepted);
    o.insert(QStringLiteral("attempted"), attempted);
    o.insert(QStringLiteral("acceptance_line"), acceptanceLine);
    if (error) {
        o.insert(QStringLiteral("error"), errorJson(*error));
        o.insert(QStringLiteral("hint"), hintJson(hint));
    }
    return o;
}

bool SenderCheckReport::allAccepted() const
{
    if (sessionError || entries.isEmpty())
        return false;
    return std::all_of(entries.cbegin(), entries.cend(),
                       [](const SenderCheckEntry& e) { return e.accepted; });
}

QJsonObject SenderCheckReport::toJson() const
{
    QJsonObject o;
    QJsonArray list;
    for (const SenderCheckEntry& e : entries)
        list.append(e.toJson());
    o.insert(QStringLiteral("senders"), list);
    o.insert(QStringLiteral("all_accepted"), allAccepted());
    if (sessionError) {
        o.insert(QStringLiteral("session_error"), errorJson(*sessionError));
        o.insert(QStringLiteral("session_hint"), hintJson(sessionHint));
    }
    return o;
}

SenderCheck::SenderCheck(MailSettings settings, QString secret, QString recipient, QObject* parent)
    : Job(parent), m_settings(std::move(settings)), m_secret(std::move(secret)),
      m_recipient(recipient.trimmed())
{
    qRegisterMetaType<SenderCheckReport>("outbound::SenderCheckReport");
    qRegisterMetaType<SmtpPhase>("outbound::SmtpPhase");
    qRegisterMetaType<TranscriptLine>("outbound::TranscriptLine");
    setObjectName(QStringLiteral("sender-check"));
}

SenderCheck::~SenderCheck() = default;

QList<SenderCheckEntry> SenderCheck::distinctSenders(const MailSettings& settings)
{
    QList<SenderCheckEntry> entries;
    const std::pair<Category, QString> order[] = {{Category::System, QStringLiteral("default")},
                                                  {Category::Invoice, QStringLiteral("invoice")},
                                                  {Category::Quote, QStringLiteral("quote")},
                                                  {Category::Ticket, QStringLiteral("ticket")}};
    for (const auto& [category, name] : order) {
        const Sender sender = settings.senderFor(category);
        if (sender.isEmpty())
            continue;
        auto same = std::find_if(entries.begin(), entries.end(), [&](const SenderCheckEntry& e) {
            return e.sender.email.trimmed().compare(sender.email.trimmed(), Qt::CaseInsensitive) == 0;
        });
        if (same != entries.end()) {
            same->categories.append(name);
            continue;
        }
        SenderCheckEntry entry;
        entry.categories = {name};
        entry.sender = sender;
        entries.append(entry);
    }
    return entries;
}

void SenderCheck::setTimeouts(const PhaseTimeouts& timeouts)
{
    m_timeouts = timeouts;
}

std::function<std::unique_ptr<JobWorker>()> SenderCheck::workerFactory()
{
    QList<SenderCheckEntry> entries = distinctSenders(m_settings);
    QList<OutgoingMessage> messages;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        SenderCheckEntry& entry = entries[i];
        MailContent content;
        content.from = MailAddress{entry.sender.name, entry.sender.email.trimmed()};
        content.to = {MailAddress{QString(), m_recipient}};
        content.subject = QCoreApplication::translate("SenderCheck", "Outbound sender check: %1")
                              .arg(entry.categories.join(QStringLiteral(", ")));
        content.text =
            QCoreApplication::translate(
                "SenderCheck", "This message checks that the mail server accepts %1 as the sender for: %2.\n"
                               "It was sent by Outbound's sender check; no reply is needed.\n")
                .arg(entry.sender.email, entry.categories.join(QStringLiteral(", ")));
        const auto built = buildMessage(content);
        if (!built) {
            SmtpError e;
            e.kind = SmtpErrorKind::InvalidInput;
            e.phase = SmtpPhase::Mail;
            e.transient = false;
            e.detail = built.error().message;
            entry.error = e;
            entry.hint = diagnose(e, {}, entry.categories.value(0));
            continue;
        }
        OutgoingMessage m;
        m.id = i;
        m.mailFrom = built->envelopeFrom;
        m.recipients = built->envelopeRecipients;
        m.data = built->data;
        m.needs8BitMime = built->needs8BitMime;
        m.needsSmtpUtf8 = built->needsSmtpUtf8;
        messages.append(m);
    }
    SmtpConfig config = m_settings.toSmtpConfig(m_secret);
    if (m_timeouts)
        config.timeouts = *m_timeouts;
    return [job = this, config, entries, messages] {
        return std::make_unique<detail::CheckWorker>(job, config, entries, messages);
    };
}

void SenderCheck::deliver(const SenderCheckReport& report)
{
    setErrorText(report.sessionError ? report.sessionError->summary() : QString());
    Q_EMIT finished(report);
}

} // namespace outbound

// Compiled here rather than in the shared mocs_compilation unit, so linking this class pulls in nothing else.
#include "moc_SenderCheck.cpp"
