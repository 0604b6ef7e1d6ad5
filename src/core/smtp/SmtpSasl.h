#pragma once

#include "smtp/SmtpTypes.h"

#include <QByteArray>
#include <QStringList>
#include <optional>

namespace outbound::sasl {

// The mechanism to use: the configured one when the server offers it; for Auto the best offered
// of PLAIN and LOGIN (XOAUTH2 needs a token, so only when chosen). nullopt when none fits.
std::optional<AuthMethod> chooseMechanism(AuthMethod configured, const QStringList& offered);
QByteArray mechanismName(AuthMethod method); // "PLAIN", "LOGIN", "XOAUTH2"

// Base64 payloads (RFC 4616, the LOGIN convention, Google/Microsoft XOAUTH2).
QByteArray plainResponse(const QString& user, const QString& password);
QByteArray loginUser(const QString& user);
QByteArray loginPassword(const QString& password);
QByteArray xoauth2Response(const QString& user, const QString& token);

} // namespace outbound::sasl
