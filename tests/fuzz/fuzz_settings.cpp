// Fuzz target: the settings value parsers (MailSettings::setValue) and their validation. A value
// the validation accepts must be exactly what was typed (no silent narrowing of numbers), must be
// safe to use on the wire (no CR, LF or NUL in anything that ends up in an SMTP command), and
// writing a value back must give the same settings.

#include "FuzzSupport.h"
#include "mime/MailAddress.h"
#include "settings/MailSettings.h"

using namespace outbound;
using namespace outbound::fuzz;

namespace {

bool isNumberKey(SettingKey key)
{
    return allSettings().at(int(key)).defaultValue.typeId() == QMetaType::Int ||
           allSettings().at(int(key)).defaultValue.typeId() == QMetaType::LongLong;
}

bool isAddressKey(SettingKey key)
{
    switch (key) {
    case SettingKey::FromDefaultEmail:
    case SettingKey::FromInvoiceEmail:
    case SettingKey::FromQuoteEmail:
    case SettingKey::FromTicketEmail:
        return true;
    default:
        return false;
    }
}

// Values that reach an SMTP command line or a header (EHLO name, host, user name, senders).
bool reachesTheWire(SettingKey key)
{
    switch (key) {
    case SettingKey::SmtpHost:
    case SettingKey::SmtpHeloName:
    case SettingKey::SmtpUsername:
    case SettingKey::FromDefaultEmail:
    case SettingKey::FromDefaultName:
    case SettingKey::FromInvoiceEmail:
    case SettingKey::FromInvoiceName:
    case SettingKey::FromQuoteEmail:
    case SettingKey::FromQuoteName:
    case SettingKey::FromTicketEmail:
    case SettingKey::FromTicketName:
        return true;
    default:
        return false;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzInput in(data, size);
    const QList<SettingInfo>& all = allSettings();
    const SettingInfo& info = all.at(in.pick(unsigned(all.size())));
    check(all.at(int(info.key)).key == info.key, "allSettings() is not in enum order");
    const SettingKey key = info.key;
    const QString text = QString::fromUtf8(in.rest());

    MailSettings settings;
    const Status set = settings.setValue(key, text);
    if (!set) {
        check(!set.error().message.isEmpty(), "a refused value without a reason");
        check(settings == MailSettings{}, "a refused value changed the settings");
        return 0;
    }
    const std::optional<QString> issue = validateField(settings, key);
    (void)validate(settings, false);

    // Writing the stored value back gives the same settings.
    MailSettings again;
    const QVariant stored = settings.value(key);
    const Status reset = again.setValue(key, stored.toString());
    check(bool(reset), "the stored value is refused when set again", stored.toString().toUtf8());
    check(again == settings, "setting the stored value again changed it", stored.toString().toUtf8());

    if (issue)
        return 0; // refused with a reason: nothing below is promised for it

    if (isNumberKey(key)) {
        bool ok = false;
        const qlonglong typed = text.trimmed().toLongLong(&ok);
        check(ok, "a number setting accepted something that is not a whole number", text.toUtf8());
        if (stored.toLongLong() != typed && knownDefectAllowed("number-narrowing"))
            return 0;
        check(stored.toLongLong() == typed,
              "a number setting stored something else than was typed (narrowed?)",
              text.toUtf8() + " -> " + stored.toString().toUtf8());
    }
    const QString value = stored.toString();
    if (reachesTheWire(key) &&
        !(isAddressKey(key) && value.contains(u'[') && knownDefectAllowed("address-literal"))) {
        for (QChar c : value)
            check(c != u'\r' && c != u'\n' && c != QChar(0), "a valid setting holds CR, LF or NUL",
                  value.toUtf8());
    }
    if (isAddressKey(key) && !value.isEmpty() &&
        !(value.contains(u'[') && knownDefectAllowed("address-literal"))) {
        QString reason;
        check(isValidEmail(value, &reason), "a valid sender setting is not a valid address", value.toUtf8());
        MailAddress address;
        address.email = value;
        const QByteArray envelope = address.envelope();
        for (char c : envelope)
            check(c != '<' && c != '>' && c != ' ' && c != '\r' && c != '\n',
                  "a valid sender would break MAIL FROM:<...>", envelope);
    }
    return 0;
}
