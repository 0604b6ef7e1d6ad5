// `outbound-cli oauth login|status|refresh|logout`, `settings set-secret NAME` and the access
// token for test-send. Kept in one file beside the other commands.
#include "cli/CliContext.h"
#include "diagnosis/Diagnosis.h"
#include "oauth/OAuthLogin.h"
#include "oauth/TokenProvider.h"
#include "oauth/TokenStore.h"
#include "settings/SecretStore.h"
#include "settings/SettingsStore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace outbound::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

int oauthFailure(CliContext& ctx, const OAuthError& error, const MailSettings& settings, int ageDays = -1)
{
    const Hint hint = diagnoseOAuth(error, settings.oauth, ageDays);
    printError(ctx, tr("OAuth: %1").arg(error.summary()),
               hint.id == HintId::Unknown ? QString() : hint.text());
    if (error.needsSignIn() || error.kind == OAuthError::Kind::Configuration ||
        error.kind == OAuthError::Kind::InvalidClient)
        return ExitConfig;
    return ExitFailed;
}

Result<MailSettings> loadOAuthSettings(CliContext& ctx)
{
    auto settings = SettingsStore::load();
    if (!settings)
        return settings.error();
    if (settings->auth != AuthMethod::OAuth2)
        ctx.err << tr("note: smtp.auth is %1; set it to oauth2 to send with this sign-in")
                       .arg(toString(settings->auth))
                << u'\n';
    return settings;
}

int refreshAge(const TokenSet& t)
{
    return t.refreshTokenIssuedAt.isValid()
               ? static_cast<int>(t.refreshTokenIssuedAt.daysTo(QDateTime::currentDateTimeUtc()))
               : -1;
}

int login(CliContext& ctx)
{
    const bool device = ctx.isSet(QStringLiteral("device"));
    const bool printUrl = ctx.isSet(QStringLiteral("print-url"));
    auto settings = loadOAuthSettings(ctx);
    if (!settings) {
        printError(ctx, settings.error().message);
        return ExitConfig;
    }
    const OAuthFlow flow = device ? OAuthFlow::Device : settings->oauth.flow;
    OAuthLogin job(settings.value());
    int code = ExitOk;
    QObject::connect(&job, &OAuthLogin::authorizeUrlReady, &job, [&](const QUrl& url) {
        const QString text = url.toString(QUrl::FullyEncoded);
        if (printUrl) {
            ctx.out << text << u'\n';
        } else {
            ctx.out << tr("Opening the browser to sign in. If it does not open, visit:") << u'\n' << text
                    << u'\n';
            QProcess::startDetached(QStringLiteral("xdg-open"), {text});
        }
        ctx.out.flush();
    });
    QObject::connect(
        &job, &OAuthLogin::deviceCodeReady, &job,
        [&](const QString& userCode, const QUrl& uri, int expiresIn) {
            ctx.out << tr("To sign in, open %1 on any device and enter the code %2 (valid for %3 "
                          "minutes).")
                           .arg(uri.toString(), userCode)
                           .arg(std::max(1, expiresIn / 60))
                    << u'\n';
            ctx.out.flush();
        });
    QObject::connect(&job, &OAuthLogin::succeeded, &job, [&](const QString& account) {
        ctx.out << tr("Signed in as %1.").arg(account.isEmpty() ? tr("(unknown account)") : account) << u'\n';
        QCoreApplication::quit();
    });
    QObject::connect(&job, &OAuthLogin::failed, &job, [&](const OAuthError& error) {
        code = oauthFailure(ctx, error, settings.value());
        QCoreApplication::quit();
    });
    job.start(flow);
    QCoreApplication::exec();
    return code;
}

int status(CliContext& ctx, bool json)
{
    auto settings = SettingsStore::load();
    auto snap = TokenStore::load();
    if (!settings || !snap) {
        printError(ctx, !settings ? settings.error().message : snap.error().message);
        return ExitConfig;
    }
    const TokenSet& t = snap->tokens;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString state = QStringLiteral("signed-out");
    if (snap->signInNeeded)
        state = QStringLiteral("sign-in-needed");
    else if (!t.isEmpty())
        state = QStringLiteral("signed-in");
    const qint64 ageSeconds = t.refreshTokenIssuedAt.isValid() ? t.refreshTokenIssuedAt.secsTo(now) : -1;
    if (json) {
        QJsonObject o;
        o.insert(QStringLiteral("state"), state);
        o.insert(QStringLiteral("provider"), toString(settings->oauth.provider));
        o.insert(QStringLiteral("flow"), toString(settings->oauth.flow));
        o.insert(QStringLiteral("account"), t.account);
        o.insert(QStringLiteral("access_token_expires_at"), t.expiresAt.toString(Qt::ISODate));
        o.insert(QStringLiteral("access_token_valid"), t.accessValidFor(now, 0));
        o.insert(QStringLiteral("last_renewed"), t.lastRenewed.toString(Qt::ISODate));
        o.insert(QStringLiteral("has_refresh_token"), !t.refreshToken.isEmpty());
        o.insert(QStringLiteral("refresh_token_age_seconds"), ageSeconds);
        o.insert(QStringLiteral("sign_in_needed_reason"), snap->signInReason);
        o.insert(QStringLiteral("token_store"), SecretStore::usesDatabase(TokenStore::kSecretName)
                                                    ? QStringLiteral("database")
                                                    : QStringLiteral("keychain"));
        ctx.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (state == u"signed-out") {
        ctx.out << tr("Not signed in.") << u'\n';
        return ExitOk;
    }
    ctx.out << tr("Account: %1").arg(t.account) << u'\n';
    if (snap->signInNeeded) {
        ctx.out << tr("State: sign-in needed (%1)").arg(snap->signInReason) << u'\n';
    } else {
        ctx.out << tr("State: signed in; renews automatically") << u'\n';
    }
    ctx.out << tr("Access token expires: %1").arg(t.expiresAt.toLocalTime().toString(Qt::ISODate)) << u'\n';
    ctx.out << tr("Last renewed: %1").arg(t.lastRenewed.toLocalTime().toString(Qt::ISODate)) << u'\n';
    if (t.refreshToken.isEmpty())
        ctx.out << tr("Refresh token: none (app sign-in gets a new token when needed)") << u'\n';
    else
        ctx.out << tr("Refresh token age: %1 days").arg(ageSeconds / 86400) << u'\n';
    return ExitOk;
}

int refresh(CliContext& ctx)
{
    auto settings = loadOAuthSettings(ctx);
    if (!settings) {
        printError(ctx, settings.error().message);
        return ExitConfig;
    }
    auto before = TokenStore::load();
    TokenProvider provider(settings.value());
    int code = ExitOk;
    provider.requestToken(true, [&](const Result<QString, OAuthError>& token) {
        if (token) {
            auto after = TokenStore::load();
            ctx.out << tr("Access token renewed; valid until %1.")
                           .arg(after ? after->tokens.expiresAt.toLocalTime().toString(Qt::ISODate)
                                      : QString())
                    << u'\n';
        } else {
            code =
                oauthFailure(ctx, token.error(), settings.value(), before ? refreshAge(before->tokens) : -1);
        }
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    return code;
}

int logout(CliContext& ctx)
{
    if (auto s = TokenStore::clear(); !s) {
        printError(ctx, s.error().message);
        return ExitFailed;
    }
    ctx.out << tr("Signed out; the saved tokens are removed.") << u'\n';
    return ExitOk;
}

} // namespace

int runOAuth(CliContext& ctx)
{
    const QString sub = ctx.subcommand;
    if (sub == u"login")
        return login(ctx);
    if (sub == u"status")
        return status(ctx, ctx.isSet(QStringLiteral("json")));
    if (sub == u"refresh")
        return refresh(ctx);
    if (sub == u"logout")
        return logout(ctx);
    printError(ctx, tr("oauth needs login [--device] [--print-url], status [--json], refresh or logout"));
    return ExitUsage;
}

int runSetSecret(CliContext& ctx, const QStringList& args)
{
    // Only the names Outbound reads; the password keeps its own command.
    static const QStringList known = {TokenStore::kClientSecretName};
    if (args.size() != 1 || !known.contains(args.first())) {
        printError(ctx, tr("settings set-secret needs one of: %1").arg(known.join(QStringLiteral(", "))),
                   tr("printf %s \"$SECRET\" | outbound-cli settings set-secret oauth.client_secret"));
        return ExitUsage;
    }
    bool ok = false;
    const QString value = readSecretLine(tr("%1: ").arg(args.first()), &ok);
    if (!ok) {
        printError(ctx, tr("cannot read the secret from standard input"));
        return ExitFailed;
    }
    if (value.isEmpty()) {
        if (auto s = SecretStore::eraseSecret(args.first()); !s) {
            printError(ctx, s.error().message);
            return ExitFailed;
        }
        ctx.out << tr("%1 removed.").arg(args.first()) << u'\n';
        return ExitOk;
    }
    const auto written = SecretStore::writeSecret(args.first(), value);
    if (!written) {
        printError(ctx, written.error().message);
        return ExitFailed;
    }
    ctx.out << tr("%1 saved. %2")
                   .arg(args.first(), SecretStore::backendDescription(written.value(), args.first()))
            << u'\n';
    return ExitOk;
}

QString secretState(const QString& name)
{
    const auto value = SecretStore::readSecret(name);
    return value && !value->isEmpty() ? tr("set") : tr("not set");
}

Result<QString, OAuthError> oauthAccessToken(const MailSettings& settings)
{
    std::optional<Result<QString, OAuthError>> result;
    TokenProvider provider(settings);
    provider.requestToken(false, [&](const Result<QString, OAuthError>& token) {
        result = token;
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    if (!result) {
        OAuthError e;
        e.kind = OAuthError::Kind::Cancelled;
        return e;
    }
    return *result;
}

int reportOAuthFailure(CliContext& ctx, const OAuthError& error, const MailSettings& settings)
{
    return oauthFailure(ctx, error, settings);
}

} // namespace outbound::cli
