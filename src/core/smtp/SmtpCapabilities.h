#pragma once

#include "smtp/SmtpReply.h"
#include "smtp/SmtpTypes.h"

namespace outbound {

// Reads the EHLO reply's keyword lines into info (capabilities only; TLS fields untouched).
// Keywords are matched as tokens, case-insensitively; "AUTH=LOGIN PLAIN" (old form) counts too.
void parseEhloCapabilities(const SmtpReply& reply, ServerInfo& info);
// Forgets every capability (after STARTTLS the client must ask again).
void clearCapabilities(ServerInfo& info);

} // namespace outbound
