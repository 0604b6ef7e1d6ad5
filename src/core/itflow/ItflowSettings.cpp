#include "itflow/ItflowSettings.h"

#include "common/Database.h"
#include "itflow/ItflowDatabase.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace outbound::itflow {

namespace {

struct Column
{
    SettingKey key;
    const char* column;
};

// Plain text columns, one setting each.
const QList<Column>& textColumns()
{
    static const QList<Column> columns{
        {SettingKey::SmtpHost, "config_smtp_host"},
        {SettingKey::SmtpUsername, "config_smtp_username"},
        {SettingKey::FromDefaultEmail, "config_mail_from_email"},
        {SettingKey::FromDefaultName, "config_mail_from_name"},
        {SettingKey::FromInvoiceEmail, "config_invoice_from_email"},
        {SettingKey::FromInvoiceName, "config_invoice_from_name"},
        {SettingKey::FromQuoteEmail, "config_quote_from_email"},
        {SettingKey::FromQuoteName, "config_quote_from_name"},
        {SettingKey::FromTicketEmail, "config_ticket_from_email"},
        {SettingKey::FromTicketName, "config_ticket_from_name"},
        {SettingKey::OAuthClientId, "config_mail_oauth_client_id"},
        {SettingKey::OAuthTenant, "config_mail_oauth_tenant_id"},
    };
    return columns;
}

QString fromItflowEncryption(const QString& value)
{
    const QString v = value.trimmed().toLower();
    if (v == u"ssl")
        return QStringLiteral("tls");
    if (v == u"tls")
        return QStringLiteral("starttls");
    return QStringLiteral("none");
}

QString toItflowEncryption(const QString& value)
{
    if (value == u"tls")
        return QStringLiteral("ssl");
    if (value == u"starttls")
        return QStringLiteral("tls");
    return QString(QLatin1String(""));
}

Failure failure(const QSqlError& error)
{
    return Database::sqlFailure(QCoreApplication::translate("Itflow", "ITFlow's mail settings"), error);
}

} // namespace

bool storedInItflow(SettingKey key)
{
    for (const Column& c : textColumns()) {
        if (c.key == key)
            return true;
    }
    // smtp.auth and oauth.provider also set config_smtp_provider, but keep their own value in
    // Outbound's table (ITFlow's provider says less: auto, plain, login all read "standard_smtp").
    return key == SettingKey::SmtpPort || key == SettingKey::SmtpEncryption;
}

Status readInto(QSqlDatabase& db, MailSettings& settings)
{
    QStringList names;
    for (const Column& c : textColumns())
        names.append(QLatin1String(c.column));
    QSqlQuery q(db);
    if (!q.exec(
            QStringLiteral("SELECT %1, config_smtp_port, config_smtp_encryption, config_smtp_provider FROM "
                           "settings WHERE company_id = 1")
                .arg(names.join(QStringLiteral(", ")))))
        return failure(q.lastError());
    if (!q.next())
        return success();
    int i = 0;
    for (const Column& c : textColumns())
        (void)settings.setValue(c.key, q.value(i++).toString());
    const int port = q.value(i++).toInt();
    if (port > 0)
        (void)settings.setValue(SettingKey::SmtpPort, QString::number(port));
    (void)settings.setValue(SettingKey::SmtpEncryption, fromItflowEncryption(q.value(i++).toString()));
    const QString provider = q.value(i++).toString();
    if (provider == u"microsoft_oauth" || provider == u"google_oauth") {
        // ITFlow sends through the provider's one SMTP endpoint whatever the host columns say.
        const bool microsoft = provider == u"microsoft_oauth";
        (void)settings.setValue(SettingKey::SmtpAuth, QStringLiteral("oauth2"));
        (void)settings.setValue(SettingKey::OAuthProvider,
                                microsoft ? QStringLiteral("microsoft") : QStringLiteral("google"));
        (void)settings.setValue(SettingKey::SmtpHost, microsoft ? QStringLiteral("smtp.office365.com")
                                                                : QStringLiteral("smtp.gmail.com"));
        (void)settings.setValue(SettingKey::SmtpPort, QStringLiteral("587"));
        (void)settings.setValue(SettingKey::SmtpEncryption, QStringLiteral("starttls"));
        // ITFlow's worker signs in as the user name, or as the default sender when it has none
        // (its own settings page may save the provider without one).
        if (settings.username.trimmed().isEmpty())
            (void)settings.setValue(SettingKey::SmtpUsername, settings.defaultSender.email);
    } else if (settings.auth == AuthMethod::OAuth2 && settings.oauth.provider != OAuthProvider::Custom) {
        // ITFlow was switched to a plain SMTP login on its own page.
        (void)settings.setValue(SettingKey::SmtpAuth, QStringLiteral("auto"));
    }
    // ITFlow signs in only when a user name is set.
    if (settings.auth != AuthMethod::OAuth2 && settings.username.trimmed().isEmpty())
        (void)settings.setValue(SettingKey::SmtpAuth, QStringLiteral("none"));
    return success();
}

Status write(QSqlDatabase& db, const MailSettings& settings, const QList<SettingKey>& keys)
{
    QStringList assignments;
    QVariantList binds;
    for (const Column& c : textColumns()) {
        if (keys.contains(c.key)) {
            assignments.append(QStringLiteral("%1 = ?").arg(QLatin1String(c.column)));
            binds.append(settings.value(c.key).toString());
        }
    }
    // Microsoft 365 and Google Workspace have one endpoint each, which ITFlow's worker uses whatever
    // the host columns hold. ITFlow's own page hides those fields for them and, on saving the
    // provider, clears host, port, encryption and the (then unused) password: written the same way
    // here, ITFlow's page shows what its own save would have left.
    const bool fixedEndpoint =
        settings.auth == AuthMethod::OAuth2 && (settings.oauth.provider == OAuthProvider::Microsoft ||
                                                settings.oauth.provider == OAuthProvider::Google);
    const bool providerChanged =
        keys.contains(SettingKey::SmtpAuth) || keys.contains(SettingKey::OAuthProvider);
    if (keys.contains(SettingKey::SmtpHost) && fixedEndpoint) {
        const qsizetype at = assignments.indexOf(QStringLiteral("config_smtp_host = ?"));
        if (at >= 0)
            binds[at] = QString(QLatin1String(""));
    } else if (providerChanged && fixedEndpoint) {
        assignments.append(QStringLiteral("config_smtp_host = ?"));
        binds.append(QString(QLatin1String("")));
    }
    if (keys.contains(SettingKey::SmtpPort) || (providerChanged && fixedEndpoint)) {
        assignments.append(QStringLiteral("config_smtp_port = ?"));
        binds.append(fixedEndpoint ? 0 : settings.value(SettingKey::SmtpPort).toInt());
    }
    if (keys.contains(SettingKey::SmtpEncryption) || (providerChanged && fixedEndpoint)) {
        assignments.append(QStringLiteral("config_smtp_encryption = ?"));
        binds.append(fixedEndpoint
                         ? QString(QLatin1String(""))
                         : toItflowEncryption(settings.value(SettingKey::SmtpEncryption).toString()));
    }
    if (providerChanged) {
        QString provider = QStringLiteral("standard_smtp");
        if (settings.auth == AuthMethod::OAuth2) {
            if (settings.oauth.provider == OAuthProvider::Microsoft)
                provider = QStringLiteral("microsoft_oauth");
            else if (settings.oauth.provider == OAuthProvider::Google)
                provider = QStringLiteral("google_oauth");
        }
        assignments.append(QStringLiteral("config_smtp_provider = ?"));
        binds.append(provider);
        if (fixedEndpoint)
            assignments.append(QStringLiteral("config_smtp_password = ''"));
    }
    if (assignments.isEmpty())
        return success();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE settings SET %1 WHERE company_id = 1")
                  .arg(assignments.join(QStringLiteral(", "))));
    for (const QVariant& v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec())
        return failure(q.lastError());
    return success();
}

Status noticeItflowChanges(QSqlDatabase& db, bool bump)
{
    QStringList columns{QStringLiteral("config_smtp_port"),
                        QStringLiteral("config_smtp_encryption"),
                        QStringLiteral("config_smtp_provider"),
                        QStringLiteral("config_smtp_password"),
                        QStringLiteral("config_mail_oauth_client_secret"),
                        QStringLiteral("config_timezone")};
    for (const Column& c : textColumns())
        columns.append(QLatin1String(c.column));
    QStringList parts;
    for (const QString& c : std::as_const(columns))
        parts.append(QStringLiteral("COALESCE(%1, '')").arg(c));
    const QString ours = Database::table(QStringLiteral("settings"));
    const QString checksum =
        QStringLiteral("(SELECT SHA2(CONCAT_WS('|', %1), 256) FROM settings WHERE company_id = 1)")
            .arg(parts.join(QStringLiteral(", ")));
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1, (SELECT value FROM %2 WHERE \"key\" = 'itflow.settings_checksum')")
                  .arg(checksum, ours));
    if (!q.exec() || !q.next())
        return failure(q.lastError());
    const QString now = q.value(0).toString();
    const QString seen = q.value(1).toString();
    if (now == seen)
        return success();
    q.finish();
    if (seen.isNull() || !bump) {
        // The first look, or Outbound's own save (which bumps the revision itself): remember only.
        q.prepare(Database::upsertSql(ours, {QStringLiteral("key"), QStringLiteral("value")},
                                      QStringLiteral("key")));
        q.addBindValue(QStringLiteral("itflow.settings_checksum"));
        q.addBindValue(now);
        if (!q.exec())
            return failure(q.lastError());
        return success();
    }
    // Only the process that records the new checksum bumps the revision (one bump per change).
    if (!q.exec(QStringLiteral("START TRANSACTION")))
        return failure(q.lastError());
    q.prepare(
        QStringLiteral("UPDATE %1 SET value = ? WHERE \"key\" = 'itflow.settings_checksum' AND value = ?")
            .arg(ours));
    q.addBindValue(now);
    q.addBindValue(seen);
    bool ok = q.exec();
    if (ok && q.numRowsAffected() == 1)
        ok = q.exec(QStringLiteral("UPDATE %1 SET revision = revision + 1 WHERE id = 1")
                        .arg(Database::table(QStringLiteral("settings_revision"))));
    const QSqlError error = q.lastError();
    QSqlQuery end(db);
    end.exec(ok ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"));
    if (!ok)
        return failure(error);
    return success();
}

Result<bool> sendingSwitchedOff(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT config_smtp_provider FROM settings WHERE company_id = 1")))
        return failure(q.lastError());
    return !q.next() || q.value(0).toString().trimmed().isEmpty();
}

Status readTokens(QSqlDatabase& db, TokenSet& tokens)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "SELECT config_mail_oauth_access_token, config_mail_oauth_access_token_expires_at, "
            "config_mail_oauth_refresh_token FROM settings WHERE company_id = 1")))
        return failure(q.lastError());
    if (!q.next())
        return success();
    const QTimeZone zone = timeZone(db);
    tokens.accessToken = q.value(0).toString();
    tokens.expiresAt = fromItflowTime(q.value(1), zone);
    tokens.refreshToken = q.value(2).toString();
    return success();
}

Status writeTokens(QSqlDatabase& db, const TokenSet& tokens, const std::optional<QString>& usedRefreshToken,
                   bool* kept)
{
    const QTimeZone zone = timeZone(db);
    auto orNull = [](const QString& s) {
        return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
    };
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("UPDATE settings SET config_mail_oauth_access_token = ?, "
                       "config_mail_oauth_access_token_expires_at = ?, config_mail_oauth_refresh_token = ? "
                       "WHERE company_id = 1") +
        (usedRefreshToken ? QStringLiteral(" AND COALESCE(config_mail_oauth_refresh_token, '') = ?")
                          : QString()));
    q.addBindValue(orNull(tokens.accessToken));
    q.addBindValue(tokens.expiresAt.isValid() ? QVariant(toItflowTime(tokens.expiresAt, zone))
                                              : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(orNull(tokens.refreshToken));
    if (usedRefreshToken)
        q.addBindValue(usedRefreshToken->isNull() ? QString(QLatin1String("")) : *usedRefreshToken);
    if (!q.exec())
        return failure(q.lastError());
    if (kept)
        *kept = usedRefreshToken && q.numRowsAffected() == 0;
    return success();
}

namespace {
QString secretColumn(const QString& name)
{
    if (name == u"smtp.password")
        return QStringLiteral("config_smtp_password");
    if (name == u"oauth.client_secret")
        return QStringLiteral("config_mail_oauth_client_secret");
    return {};
}
} // namespace

bool secretInItflow(const QString& name)
{
    return !secretColumn(name).isEmpty();
}

QString secretColumnName(const QString& name)
{
    return secretColumn(name);
}

Result<QString> readSecret(QSqlDatabase& db, const QString& name)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM settings WHERE company_id = 1").arg(secretColumn(name))))
        return failure(q.lastError());
    return q.next() ? q.value(0).toString() : QString();
}

Status writeSecret(QSqlDatabase& db, const QString& name, const QString& value)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE settings SET %1 = ? WHERE company_id = 1").arg(secretColumn(name)));
    q.addBindValue(value.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(value));
    if (!q.exec())
        return failure(q.lastError());
    return success();
}

} // namespace outbound::itflow
