#include "cli/CliContext.h"
#include "common/Database.h"
#include "itflow/ItflowQueueStore.h"
#include "itflow/ItflowSettings.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace outbound::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

int show(CliContext& ctx, const MailSettings& settings, bool json)
{
    const SecretStore::Backend backend = SecretStore::backend();
    const auto secret = SecretStore::readPassword();
    const bool hasPassword = secret && !secret.value().isEmpty();
    if (json) {
        QJsonObject o;
        for (const SettingInfo& info : allSettings())
            o.insert(QLatin1String(info.name), QJsonValue::fromVariant(settings.value(info.key)));
        o.insert(QStringLiteral("password.set"), hasPassword);
        o.insert(QStringLiteral("oauth.client_secret"), secretState(QStringLiteral("oauth.client_secret")));
        o.insert(QStringLiteral("password.store"), backend == SecretStore::Backend::Keychain
                                                       ? QStringLiteral("keychain")
                                                       : QStringLiteral("database"));
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    const MailSettings defaults;
    for (const SettingInfo& info : allSettings()) {
        QString value = settings.value(info.key).toString();
        if (value.isEmpty())
            value = QStringLiteral("\"\"");
        ctx.out << QStringLiteral("%1 = %2").arg(QLatin1String(info.name), -28).arg(value);
        if (settings.value(info.key) == defaults.value(info.key))
            ctx.out << QStringLiteral("   (default)");
        ctx.out << u'\n';
    }
    ctx.out << QStringLiteral("%1 = %2\n")
                   .arg(QStringLiteral("password"), -28)
                   .arg(hasPassword ? tr("set") : tr("not set"));
    ctx.out << QStringLiteral("%1 = %2\n")
                   .arg(QStringLiteral("password store"), -28)
                   .arg(SecretStore::backendDescription(backend));
    ctx.out << QStringLiteral("%1 = %2\n")
                   .arg(QStringLiteral("oauth.client_secret"), -28)
                   .arg(secretState(QStringLiteral("oauth.client_secret")));
    if (Database::isItflow()) {
        for (const char* key : {ItflowQueueStore::kRootKey, ItflowQueueStore::kKeepContentKey}) {
            auto value = SettingsStore::rawValue(QLatin1String(key));
            ctx.out << QStringLiteral("%1 = %2\n")
                           .arg(QLatin1String(key), -28)
                           .arg(value && !value->isEmpty() ? value.value() : QStringLiteral("\"\""));
        }
        ctx.out
            << tr("note: these are ITFlow's own mail settings (its settings row); the password is kept there "
                  "in plain text because ITFlow reads it there.")
            << u'\n';
        QSqlDatabase db = Database::connection();
        if (auto off = itflow::sendingSwitchedOff(db); off && off.value())
            ctx.out << tr("warning: ITFlow's mail provider is empty, so ITFlow's sending is switched off "
                          "(set smtp.auth to choose one)")
                    << u'\n';
    }
    if (microsoftBasicAuthAtRisk(settings))
        ctx.out << tr("warning: %1").arg(microsoftBasicAuthWarning()) << u'\n';
    const QList<ValidationIssue> issues = validate(settings);
    for (const ValidationIssue& issue : issues)
        ctx.out << tr("warning: %1: %2").arg(settingName(issue.key), issue.message) << u'\n';
    return ExitOk;
}

int set(CliContext& ctx, MailSettings settings, QStringList args)
{
    if (args.isEmpty() || args.size() % 2 != 0) {
        printError(ctx,
                   tr("settings set needs KEY VALUE pairs, e.g. settings set smtp.host mail.example.com"));
        return ExitUsage;
    }
    QList<SettingKey> changed;
    while (!args.isEmpty()) {
        const QString name = args.takeFirst();
        const QString value = args.takeFirst();
        // Outbound's settings for an ITFlow database that MailSettings has no key for.
        if (Database::isItflow() && (name == QLatin1String(ItflowQueueStore::kRootKey) ||
                                     name == QLatin1String(ItflowQueueStore::kKeepContentKey))) {
            if (auto s = SettingsStore::setRawValue(name, value); !s) {
                printError(ctx, s.error().message);
                return ExitFailed;
            }
            ctx.out << QStringLiteral("%1 = %2\n").arg(name, value);
            if (args.isEmpty() && changed.isEmpty())
                return ExitOk;
            continue;
        }
        const auto key = settingKeyFromName(name);
        if (!key) {
            // Secrets are listed by `settings show` (as set or not) but never take a value on the
            // command line, where shell history and `ps` would keep it.
            const bool password = name == u"password" || name == u"smtp.password";
            const bool secret = name == u"oauth.client_secret";
            if (password || secret) {
                printError(ctx, tr("%1 is a secret and is not set on the command line").arg(name),
                           password
                               ? tr("printf %s \"$PASSWORD\" | outbound-cli settings set-password")
                               : tr("printf %s \"$SECRET\" | outbound-cli settings set-secret %1").arg(name));
                return ExitUsage;
            }
            printError(ctx, tr("unknown setting \"%1\"").arg(name),
                       tr("`outbound-cli settings show` lists every key"));
            return ExitUsage;
        }
        if (auto s = settings.setValue(*key, value); !s) {
            printError(ctx, s.error().message);
            return ExitUsage;
        }
        changed.append(*key);
    }
    // Only the fields being set must be valid; others may still be unfinished (e.g. no host yet).
    for (SettingKey key : changed) {
        if (auto problem = validateField(settings, key)) {
            if (key == SettingKey::SmtpUsername || key == SettingKey::FromDefaultEmail) {
                if (settings.value(key).toString().isEmpty())
                    continue; // blank is a legal intermediate state for these
            }
            printError(ctx, QStringLiteral("%1: %2").arg(settingName(key), *problem));
            return ExitUsage;
        }
    }
    // Only the keys given: a value changed meanwhile elsewhere (the window) is left alone.
    if (auto s = SettingsStore::save(settings, changed); !s) {
        printError(ctx, s.error().message);
        return ExitFailed;
    }
    for (SettingKey key : changed)
        ctx.out << QStringLiteral("%1 = %2\n").arg(settingName(key), settings.value(key).toString());
    return ExitOk;
}

int preset(CliContext& ctx, MailSettings settings, const QStringList& args)
{
    const auto info = args.size() == 1 ? presetById(args.first()) : std::nullopt;
    if (!info || info->preset == Preset::Custom) {
        printError(ctx, tr("settings preset needs one of: microsoft365, google"));
        return ExitUsage;
    }
    applyPreset(settings, *info);
    if (auto s = SettingsStore::save(settings); !s) {
        printError(ctx, s.error().message);
        return ExitFailed;
    }
    const QString rate = info->ratePerMinute > 0 ? tr("at most %1 messages a minute").arg(info->ratePerMinute)
                                                 : tr("no rate limit");
    const QString cap =
        info->dailyCap > 0 ? tr("at most %1 messages a day").arg(info->dailyCap) : tr("no daily cap");
    ctx.out << tr("Applied %1: %2 port %3, %4; %5, %6.")
                   .arg(info->title, info->host)
                   .arg(info->port)
                   .arg(toString(info->encryption), rate, cap)
            << u'\n';
    QString guidance = info->guidance;
    guidance.replace(QStringLiteral("</li>"), QStringLiteral("\n"));
    guidance.replace(QStringLiteral("<li>"), QStringLiteral("  - "));
    guidance.replace(QStringLiteral("</p>"), QStringLiteral("\n"));
    guidance.remove(QRegularExpression(QStringLiteral("<[^>]+>")));
    ctx.out << guidance.trimmed() << u'\n';
    return ExitOk;
}

int setPassword(CliContext& ctx)
{
    bool ok = false;
    const QString password = readSecretLine(tr("SMTP password: "), &ok);
    if (!ok) {
        printError(ctx, tr("cannot read the password from standard input"));
        return ExitFailed;
    }
    if (password.isEmpty()) {
        printError(ctx, tr("no password on standard input"),
                   tr("printf %s \"$PASSWORD\" | outbound-cli settings set-password"));
        return ExitUsage;
    }
    const auto written = SecretStore::writePassword(password);
    if (!written) {
        printError(ctx, written.error().message);
        return ExitFailed;
    }
    if (const QString problem = SecretStore::lastKeychainProblem(); !problem.isEmpty())
        ctx.err << tr("warning: %1; the password goes to Outbound's database instead (readable only by you)")
                       .arg(problem)
                << u'\n';
    ctx.out << tr("Password saved. %1").arg(SecretStore::backendDescription(written.value())) << u'\n';
    return ExitOk;
}

} // namespace

int runSettings(CliContext& ctx)
{
    const QStringList args = ctx.args;
    const QString sub = ctx.subcommand;
    const auto loaded = SettingsStore::load();
    if (!loaded) {
        printError(ctx, loaded.error().message);
        return ExitConfig;
    }
    if (sub == u"show")
        return show(ctx, loaded.value(), ctx.isSet(QStringLiteral("json")));
    if (sub == u"set")
        return set(ctx, loaded.value(), args);
    if (sub == u"preset")
        return preset(ctx, loaded.value(), args);
    if (sub == u"set-password")
        return setPassword(ctx);
    if (sub == u"set-secret")
        return runSetSecret(ctx, args);
    if (sub == u"clear-password") {
        if (auto s = SecretStore::erasePassword(); !s) {
            printError(ctx, s.error().message);
            return ExitFailed;
        }
        if (const QString problem = SecretStore::lastKeychainProblem(); !problem.isEmpty())
            ctx.err << tr("warning: %1; a copy may remain in the keychain").arg(problem) << u'\n';
        ctx.out << tr("Password removed.") << u'\n';
        return ExitOk;
    }
    printError(ctx, tr("settings needs show, set, preset, set-password, set-secret or clear-password"));
    return ExitUsage;
}

} // namespace outbound::cli
