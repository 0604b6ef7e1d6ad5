#include "cli/CliContext.h"
#include "diagnosis/Diagnosis.h"
#include "diagnosis/SettingsProbe.h"
#include "mime/MimeBuilder.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"
#include "smtp/TestSendJob.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <algorithm>

namespace outbound::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

struct TestSendOptions
{
    QString to;
    QString from; // --from: the sender for this run, instead of the category's saved one
    QString category = QStringLiteral("test");
    bool json = false;
    bool passwordFromStdin = false;
    QList<std::pair<SettingKey, QString>> overrides;
    int timeoutSeconds = 0; // 0 = the saved per-phase budgets
};

// Reads the parsed command line; returns an error sentence or an empty string.
QString parseOptions(const CliContext& ctx, TestSendOptions& options)
{
    // In the order the command line gives them does not matter: each is one setting.
    const QList<std::pair<QString, SettingKey>> valueOptions{
        {QStringLiteral("host"), SettingKey::SmtpHost},
        {QStringLiteral("port"), SettingKey::SmtpPort},
        {QStringLiteral("encryption"), SettingKey::SmtpEncryption},
        {QStringLiteral("user"), SettingKey::SmtpUsername},
        {QStringLiteral("ca-file"), SettingKey::SmtpCaFile},
        {QStringLiteral("pin"), SettingKey::SmtpPinnedSha256},
        {QStringLiteral("auth"), SettingKey::SmtpAuth},
    };
    options.json = ctx.isSet(QStringLiteral("json"));
    options.passwordFromStdin = ctx.isSet(QStringLiteral("password-stdin"));
    if (ctx.isSet(QStringLiteral("allow-auth-without-tls")))
        options.overrides.append({SettingKey::SmtpAllowAuthWithoutTls, QStringLiteral("true")});
    options.to = ctx.value(QStringLiteral("to"));
    options.from = ctx.value(QStringLiteral("from"));
    if (ctx.isSet(QStringLiteral("category")))
        options.category = ctx.value(QStringLiteral("category"));
    if (ctx.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        options.timeoutSeconds = ctx.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || options.timeoutSeconds < 1 || options.timeoutSeconds > 3600)
            return tr("--timeout must be a number of seconds between 1 and 3600");
    }
    for (const auto& [name, key] : valueOptions) {
        if (ctx.isSet(name))
            options.overrides.append({key, ctx.value(name)});
    }
    if (options.to.isEmpty())
        return tr("test-send needs --to ADDRESS");
    return {};
}

QString transcriptPrefix(TranscriptLine::Direction direction)
{
    switch (direction) {
    case TranscriptLine::Direction::Client:
        return QStringLiteral("C: ");
    case TranscriptLine::Direction::Server:
        return QStringLiteral("S: ");
    case TranscriptLine::Direction::Info:
        break;
    }
    return QStringLiteral("* ");
}

} // namespace

int runTestSend(CliContext& ctx)
{
    TestSendOptions options;
    if (const QString problem = parseOptions(ctx, options); !problem.isEmpty()) {
        printError(ctx, problem, tr("outbound-cli test-send --help"));
        return ExitUsage;
    }

    auto loaded = SettingsStore::load();
    if (!loaded) {
        printError(ctx, loaded.error().message);
        return ExitConfig;
    }
    MailSettings settings = loaded.value();
    // Overrides apply to this run only; nothing is saved.
    for (const auto& [key, value] : std::as_const(options.overrides)) {
        if (auto s = settings.setValue(key, value); !s) {
            printError(ctx, s.error().message);
            return ExitUsage;
        }
    }
    if (options.timeoutSeconds > 0)
        settings.timeouts = PhaseTimeouts::uniform(options.timeoutSeconds);

    QList<ValidationIssue> issues;
    for (const ValidationIssue& issue : validate(settings)) {
        const QString name = settingName(issue.key);
        // The queue's own settings (retries, limits, connections) play no part in one test
        // message, and --from stands in for every saved sender.
        if (name.startsWith(u"queue.") || (!options.from.isEmpty() && name.startsWith(u"from.")))
            continue;
        issues.append(issue);
    }
    if (!issues.isEmpty()) {
        const SettingKey key = issues.first().key;
        const bool typedHere = std::any_of(options.overrides.cbegin(), options.overrides.cend(),
                                           [key](const auto& o) { return o.first == key; });
        printError(ctx, tr("%1: %2").arg(settingName(key), issues.first().message),
                   typedHere
                       ? tr("outbound-cli test-send --help")
                       : tr("change it with `outbound-cli settings set %1 VALUE`").arg(settingName(key)));
        return typedHere ? ExitUsage : ExitConfig;
    }

    const auto category = categoryFromString(options.category);
    if (!category) {
        printError(
            ctx,
            tr("unknown category \"%1\" (system, invoice, quote, ticket or test)").arg(options.category));
        return ExitUsage;
    }
    const auto recipient = parseMailAddress(options.to);
    if (!recipient) {
        printError(ctx, tr("--to: %1").arg(recipient.error().message));
        return ExitUsage;
    }
    Sender sender = settings.senderFor(*category);
    if (!options.from.isEmpty()) {
        const auto from = parseMailAddress(options.from);
        if (!from) {
            printError(ctx, tr("--from: %1").arg(from.error().message));
            return ExitUsage;
        }
        sender = Sender{from->email, from->name};
    }
    if (sender.isEmpty()) {
        printError(ctx, tr("no sender address is set for the %1 category").arg(options.category),
                   tr("outbound-cli settings set from.default.email you@example.com"));
        return ExitConfig;
    }

    QString password;
    if (options.passwordFromStdin) {
        bool ok = false;
        password = readSecretLine(tr("SMTP password: "), &ok);
        if (!ok) {
            printError(ctx, tr("cannot read the password from standard input"));
            return ExitUsage;
        }
    } else if (settings.auth == AuthMethod::OAuth2) {
        // The signed-in account's access token, renewed first when it is close to expiry.
        const auto token = oauthAccessToken(settings);
        if (!token)
            return reportOAuthFailure(ctx, token.error(), settings);
        password = token.value();
    } else {
        auto stored = SecretStore::readPassword();
        if (stored)
            password = stored.value();
        else if (settings.auth != AuthMethod::None && !settings.username.isEmpty()) {
            printError(ctx, stored.error().message);
            return ExitConfig;
        }
    }
    if (settings.auth != AuthMethod::None && !settings.username.trimmed().isEmpty() && password.isEmpty()) {
        printError(ctx, tr("a user name is set but no password is stored"),
                   tr("outbound-cli settings set-password, or pass --password-stdin"));
        return ExitConfig;
    }

    MailContent content;
    content.from = MailAddress{sender.name, sender.email};
    content.to = {recipient.value()};
    content.subject = tr("Outbound test message");
    content.text = tr("This is a test message from Outbound, sent to check the mail settings.\n"
                      "\n"
                      "Server: %1 port %2 (%3)\n"
                      "Sent from: %4\n"
                      "Time: %5\n")
                       .arg(settings.host)
                       .arg(settings.port)
                       .arg(toString(settings.encryption), QSysInfo::machineHostName(),
                            QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    const auto built = buildMessage(content);
    if (!built) {
        printError(ctx, built.error().message);
        return ExitConfig;
    }
    OutgoingMessage message;
    message.id = 0;
    message.mailFrom = built->envelopeFrom;
    message.recipients = built->envelopeRecipients;
    message.data = built->data;
    message.needs8BitMime = built->needs8BitMime;
    message.needsSmtpUtf8 = built->needsSmtpUtf8;

    QJsonArray transcript;
    std::optional<SendOutcome> result;
    QElapsedTimer clock;
    clock.start();
    const SmtpConfig config = settings.toSmtpConfig(password);
    TestSendJob job(config, message);
    QObject::connect(&job, &TestSendJob::transcript, &job, [&](const TranscriptLine& line) {
        const QString text = transcriptPrefix(line.direction) + line.text;
        if (options.json) {
            transcript.append(text);
        } else {
            ctx.out << text << u'\n';
            ctx.out.flush();
        }
    });
    // An encryption mix-up whose fix depends on what the port offers: ask the port (a probe
    // never signs in or sends), so the hint agrees with what `diagnose` would find.
    std::optional<PortProbeResult> probed;
    std::unique_ptr<SettingsProbe> probe;
    QObject::connect(&job, &TestSendJob::finished, &job, [&](const SendOutcome& outcome) {
        result = outcome;
        if (!outcome.accepted && outcome.error && needsPortProbe(*outcome.error, config)) {
            probe = std::make_unique<SettingsProbe>(config.host, QList<quint16>{config.port});
            probe->setOverallTimeoutMs(6000);
            probe->setHeloName(config.heloName);
            if (!config.caFile.isEmpty())
                probe->setCaFile(config.caFile);
            QObject::connect(probe.get(), &SettingsProbe::finished, &job, [&](const ProbeReport& report) {
                if (!report.ports.isEmpty())
                    probed = report.ports.first();
                QCoreApplication::quit();
            });
            probe->start();
            return;
        }
        QCoreApplication::quit();
    });
    job.start();
    QCoreApplication::exec();
    const qint64 elapsed = clock.elapsed();
    if (!result) {
        printError(ctx, tr("the test send ended without a result"));
        return ExitFailed;
    }

    const bool ok = result->accepted;
    if (options.json) {
        QJsonObject o;
        const auto& error = result->error;
        o.insert(QStringLiteral("ok"), ok);
        o.insert(QStringLiteral("phase"), error ? QJsonValue(toString(error->phase)) : QJsonValue());
        o.insert(QStringLiteral("code"), error && error->code > 0 ? QJsonValue(error->code) : QJsonValue());
        o.insert(QStringLiteral("enhanced_code"),
                 error && !error->enhancedCode.isEmpty() ? QJsonValue(error->enhancedCode) : QJsonValue());
        o.insert(QStringLiteral("server_text"),
                 error && !error->serverText.isEmpty() ? QJsonValue(error->serverText) : QJsonValue());
        o.insert(QStringLiteral("transient"), error ? QJsonValue(error->transient) : QJsonValue());
        o.insert(QStringLiteral("error_kind"), error ? QJsonValue(toString(error->kind)) : QJsonValue());
        o.insert(QStringLiteral("detail"), error ? QJsonValue(error->detail) : QJsonValue());
        if (error) {
            const Hint hint = diagnose(*error, config, options.category, probed ? &*probed : nullptr);
            QJsonObject h;
            h.insert(QStringLiteral("id"), toString(hint.id));
            h.insert(QStringLiteral("cause"), hint.cause);
            h.insert(QStringLiteral("fix"), hint.fix);
            h.insert(QStringLiteral("setting"),
                     hint.setting ? QJsonValue(settingName(*hint.setting)) : QJsonValue());
            h.insert(QStringLiteral("suggested_value"),
                     hint.suggestedValue.isEmpty() ? QJsonValue() : QJsonValue(hint.suggestedValue));
            o.insert(QStringLiteral("hint"), h);
        } else {
            o.insert(QStringLiteral("hint"), QJsonValue());
        }
        o.insert(QStringLiteral("acceptance"), ok ? QJsonValue(result->acceptanceLine) : QJsonValue());
        o.insert(QStringLiteral("transcript"), transcript);
        o.insert(QStringLiteral("elapsed_ms"), elapsed);
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        ctx.out.flush();
        return ok ? ExitOk : ExitFailed;
    }
    if (ok) {
        ctx.out << tr("Sent: %1").arg(result->acceptanceLine) << u'\n';
        for (const RecipientRefusal& refusal : std::as_const(result->refusedRecipients))
            ctx.out << tr("Refused: %1 (%2 %3)")
                           .arg(QString::fromUtf8(refusal.address))
                           .arg(refusal.code)
                           .arg(refusal.text)
                    << u'\n';
        return ExitOk;
    }
    if (result->error) {
        printError(ctx, result->error->summary(),
                   diagnose(*result->error, config, options.category, probed ? &*probed : nullptr).text());
    } else {
        printError(ctx, tr("the server did not accept the test message"));
    }
    return ExitFailed;
}

} // namespace outbound::cli
