#pragma once

#include "common/Result.h"
#include "oauth/OAuthTypes.h"
#include "settings/MailSettings.h"

#include <QSqlDatabase>
#include <optional>

// Settings › Mail on ITFlow's own settings row (company_id = 1). SettingsStore and SecretStore
// call these when Database::isItflow(); every other setting (timeouts, retry policy, throttles,
// connections, the ITFlow root) lives in Outbound's own `outbound_settings` table.
//
//   smtp.host / smtp.port / smtp.username     config_smtp_host / _port / _username
//   smtp.encryption                           config_smtp_encryption: '' ↔ none, tls ↔ starttls, ssl ↔ tls
//   smtp.auth oauth2 + oauth.provider         config_smtp_provider microsoft_oauth / google_oauth
//   (any other smtp.auth)                     config_smtp_provider standard_smtp
//   from.default.* / from.invoice.* / ...     config_mail_from_* / config_invoice_from_* /
//                                             config_quote_from_* / config_ticket_from_*
//   oauth.client_id / oauth.tenant            config_mail_oauth_client_id / _tenant_id
//   the SMTP password                         config_smtp_password (plain text: ITFlow reads it there)
//   the OAuth client secret                   config_mail_oauth_client_secret (the same)
//   the OAuth tokens                          config_mail_oauth_access_token / _expires_at / _refresh_token
// An empty config_smtp_provider means ITFlow's sending is switched off (sendingSwitchedOff()).
namespace outbound::itflow {

bool storedInItflow(SettingKey key);
// Replaces the mapped settings in `settings` with ITFlow's columns.
Status readInto(QSqlDatabase& db, MailSettings& settings);
// Writes the mapped keys among `keys` into ITFlow's row (inside the caller's transaction).
Status write(QSqlDatabase& db, const MailSettings& settings, const QList<SettingKey>& keys);
Result<bool> sendingSwitchedOff(QSqlDatabase& db);
// ITFlow's Settings › Mail page writes its columns without telling anyone. Called where the
// settings revision is read (SettingsStore::revision()): when the mail columns changed since the
// last look, Outbound's settings revision moves on, so running workers use ITFlow's new settings
// for their next connection as they do for Outbound's own saves. `bump` false: only remember the
// columns as they are now (Outbound's own save, inside its transaction, bumps the revision itself).
Status noticeItflowChanges(QSqlDatabase& db, bool bump = true);

// The OAuth tokens ITFlow's own worker and inbound-mail parser use: config_mail_oauth_access_token,
// its expiry (config_mail_oauth_access_token_expires_at, in ITFlow's time zone) and
// config_mail_oauth_refresh_token. readTokens() puts them into `tokens` (the rest of the set, such as
// the account, comes from Outbound's own copy).
Status readTokens(QSqlDatabase& db, TokenSet& tokens);
// Writes the tokens back. With `usedRefreshToken` (a refresh) it is a compare-and-set: when ITFlow
// rotated the refresh token meanwhile (the column no longer holds the one Outbound used), ITFlow's
// newer tokens stay and nothing is written; *kept says so. Without it (a sign-in, a sign-out) the
// columns are replaced.
Status writeTokens(QSqlDatabase& db, const TokenSet& tokens, const std::optional<QString>& usedRefreshToken,
                   bool* kept = nullptr);

// Secrets ITFlow keeps in plain text columns of its settings row because its own code reads them
// there: the SMTP password ("smtp.password" → config_smtp_password) and the OAuth client secret
// ("oauth.client_secret" → config_mail_oauth_client_secret). Other names are not ITFlow's.
bool secretInItflow(const QString& name);
// The column of such a secret (empty for other names).
QString secretColumnName(const QString& name);
Result<QString> readSecret(QSqlDatabase& db, const QString& name);
Status writeSecret(QSqlDatabase& db, const QString& name, const QString& value);

} // namespace outbound::itflow
