#pragma once

#include "common/Result.h"
#include "settings/MailSettings.h"

#include <QSqlDatabase>

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
// An empty config_smtp_provider means ITFlow's sending is switched off (sendingSwitchedOff()).
namespace outbound::itflow {

bool storedInItflow(SettingKey key);
// Replaces the mapped settings in `settings` with ITFlow's columns.
Status readInto(QSqlDatabase& db, MailSettings& settings);
// Writes the mapped keys among `keys` into ITFlow's row (inside the caller's transaction).
Status write(QSqlDatabase& db, const MailSettings& settings, const QList<SettingKey>& keys);
Result<bool> sendingSwitchedOff(QSqlDatabase& db);

Result<QString> readPassword(QSqlDatabase& db);
Status writePassword(QSqlDatabase& db, const QString& password);

} // namespace outbound::itflow
