#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace outbound {

// One mailbox: "Name <local@domain>". Parsed strictly enough to refuse injection and garbage.
struct MailAddress
{
    QString name;  // display name, may be empty, Unicode allowed
    QString email; // local@domain as entered (Unicode allowed)

    // The address for the SMTP envelope: domain as punycode when the local part is ASCII,
    // otherwise UTF-8 (needs SMTPUTF8).
    QByteArray envelope() const;
    bool needsSmtpUtf8() const; // local part is not ASCII
    bool operator==(const MailAddress&) const = default;
};

// Accepts "a@b.c", "Name <a@b.c>", "\"Last, First\" <a@b.c>". Refuses CR/LF, missing @,
// empty parts, spaces in the address, and over-long parts, with a reason.
Result<MailAddress> parseMailAddress(const QString& text);
// Comma- or semicolon-separated list; any bad entry fails the whole list and names it.
Result<QList<MailAddress>> parseMailAddressList(const QString& text);
// Just the addr-spec check (no display name).
bool isValidEmail(const QString& email, QString* reason = nullptr);

} // namespace outbound
