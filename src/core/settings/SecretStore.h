#pragma once

#include "common/Result.h"

#include <QObject>
#include <QString>

namespace outbound {

// Where the SMTP password (or OAuth token) lives: the OS keychain through QtKeychain when one
// answers, otherwise the app database (owner-only file). Never QSettings, never a log.
class SecretStore
{
public:
    enum class Backend
    {
        Keychain,
        Database
    };

    // Which backend the saved secret is in (or would go to).
    static Backend backend();
    static QString backendDescription(Backend backend); // translated, for the UI and CLI

    // These may take a moment when a keychain is asked; call them off the GUI thread
    // (SecretStoreJob wraps them) or from the CLI. OUTBOUND_NO_KEYCHAIN=1 skips the keychain.
    static Result<QString> readPassword();
    static Result<Backend> writePassword(const QString& password);
    static Status erasePassword();

    // Named secrets beside the password ("oauth.client_secret", "oauth.token_set"), in the same
    // place the password goes. An unknown name reads as empty.
    static Result<QString> readSecret(const QString& name);
    static Result<Backend> writeSecret(const QString& name, const QString& value);
    static Status eraseSecret(const QString& name);
    // Database backend only: a value written inside the caller's open transaction (the OAuth token
    // set is swapped together with its version); false when the keychain holds this name.
    static bool usesDatabase(const QString& name);
};

} // namespace outbound
