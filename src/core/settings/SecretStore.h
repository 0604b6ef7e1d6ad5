#pragma once

#include "common/Result.h"

#include <QObject>
#include <QString>
#include <memory>
#include <optional>

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
    // Translated, for the UI and CLI. `secret`: which one was saved (an ITFlow database keeps each in a
    // column of its own); empty means the SMTP password.
    static QString backendDescription(Backend backend, const QString& secret = QString());

    // These may take a moment when a keychain is asked; call them off the GUI thread
    // (SecretStoreJob wraps them) or from the CLI. OUTBOUND_NO_KEYCHAIN=1 skips the keychain.
    static Result<QString> readPassword();
    static Result<Backend> writePassword(const QString& password);
    static Status erasePassword();

    // Named secrets beside the password ("oauth.client_secret", "oauth.token_set"), in the same
    // place the password goes (keychain when one answers, else the owner-only database). An unknown
    // name reads as empty.
    static Result<QString> readSecret(const QString& name);
    static Result<Backend> writeSecret(const QString& name, const QString& value);
    static Status eraseSecret(const QString& name);
    // The password of a server database, in this machine's keychain under the database's address
    // (never in a database: it is what opens one). nullopt when none is stored or no keychain
    // answers; an empty password erases it.
    static std::optional<QString> readDatabasePassword(const QString& address);
    static Status writeDatabasePassword(const QString& address, const QString& password);

    // Whether this name is kept in the database (not the keychain).
    static bool usesDatabase(const QString& name);

    // Every keychain call is bounded by this (it runs on a thread of its own); when it passes, the
    // call counts as "no answer" and the database takes the secret.
    static constexpr int kKeychainTimeoutMs = 5000;
    // Why the last keychain call on this thread did not work (empty when it did or none was made):
    // callers say it out loud when the password went to the database instead.
    static QString lastKeychainProblem();
    // Keychain calls that missed their bound and still run; a process should end with _exit()
    // rather than tear down Qt under them.
    static int abandonedKeychainCalls();

    // Tests: a keychain of their own (e.g. one that never answers) and a shorter bound.
    class KeychainBackend
    {
    public:
        virtual ~KeychainBackend() = default;
        virtual Result<QString> read(const QString& key) = 0;
        virtual Result<QString> write(const QString& key, const QString& value) = 0;
        virtual Result<QString> erase(const QString& key) = 0;
    };
    static void setKeychainBackendForTesting(std::shared_ptr<KeychainBackend> backend, int timeoutMs = 0);
};

} // namespace outbound
