#pragma once

#include "smtp/SmtpTypes.h"

#include <QByteArray>
#include <QStringList>
#include <optional>

namespace outbound::sasl {

// The mechanism to use: the configured one when the server offers it; for Auto the best offered
// of PLAIN and LOGIN (XOAUTH2 needs a token, so only when chosen). nullopt when none fits.
// For OAuth2 (managed): OAUTHBEARER when offered and bearerAllowed, else XOAUTH2 when offered.
std::optional<AuthMethod> chooseMechanism(AuthMethod configured, const QStringList& offered,
                                          bool bearerAllowed = true);
QByteArray mechanismName(AuthMethod method); // "PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER"

// Base64 payloads (RFC 4616, the LOGIN convention, Google/Microsoft XOAUTH2).
QByteArray plainResponse(const QString& user, const QString& password);
QByteArray loginUser(const QString& user);
QByteArray loginPassword(const QString& password);
QByteArray xoauth2Response(const QString& user, const QString& token);
// RFC 7628 section 3.1: gs2 header with the authorization identity, then host, port and the
// bearer token, separated by ^A.
QByteArray oauthBearerResponse(const QString& user, const QString& host, quint16 port, const QString& token);
// What a client answers to an OAUTHBEARER error challenge (RFC 7628 section 3.2.3): a single ^A,
// base64 encoded ("AQ=="), after which the server sends its final failure.
QByteArray oauthBearerErrorAck();

} // namespace outbound::sasl
