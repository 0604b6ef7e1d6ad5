#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>
#include <QTcpServer>

class QSslSocket;
class QTimer;

namespace outbound::test {

// A scripted SMTP server on 127.0.0.1 (random port) for tests. Each accepted connection plays
// the next script (the last one repeats); one step per line:
//
//   S: text     send "text\r\n"
//   B: hex      send raw bytes given as hex (e.g. "16030100" for a TLS record header)
//   C: text     expect exactly this client line (without CRLF); a mismatch is recorded in
//               errors() and the connection is dropped
//   C~ regex    expect a client line matching the regular expression (whole line)
//   W: ms       wait that many milliseconds
//   X:          close the connection (after flushing what was sent)
//   T:          start server-side TLS now (needs setTlsIdentity); at the start = implicit TLS
//   D:          read a DATA body up to the final "." line and record it (still dot-stuffed,
//               CRLF line ends, without the final dot line) in dataBodies()
//   N:          from now on be silent: read and record lines, never answer
//   H:          hold: stop reading from the client, so its writes back up (data-idle stalls)
//   R: n ms     read slowly from now on: at most n bytes every ms milliseconds (a slow link)
//   L: n        small buffers from now on: the kernel's receive buffer (SO_RCVBUF) and Qt's read
//               buffer hold about n bytes, so a client's unread data stays on the client's side
//   P: n ms     pause: read n more bytes, then read nothing for ms milliseconds (0: for good)
//   # ...       comment; blank lines are ignored
//
// A client line arriving after the script ended is recorded as an error, so scripts list QUIT
// when the client is expected to send it. Every received line is in receivedLines().
class FakeSmtpServer : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeSmtpServer)

public:
    explicit FakeSmtpServer(QObject* parent = nullptr);
    ~FakeSmtpServer() override;

    // Listens on 127.0.0.1 with a port chosen by the system.
    bool start();
    quint16 port() const;

    void setScript(const QString& script); // for every connection
    void addScript(const QString& script); // one per connection, in order
    void setTlsIdentity(const QSslCertificate& certificate, const QSslKey& key);
    // Also sends these (e.g. the issuing CA) after the certificate, as servers with a full chain do.
    void setTlsChainExtra(const QList<QSslCertificate>& extra) { m_chainExtra = extra; }

    QStringList errors() const { return m_errors; }
    QList<QByteArray> receivedLines() const { return m_received; }
    QList<QByteArray> dataBodies() const { return m_bodies; }
    int connectionCount() const { return m_connections; }
    bool scriptFinished() const { return m_finished; } // the last connection reached its end
    // All received bytes of every connection after TLS (if any), for "never contains" checks.
    QByteArray allReceivedText() const;

Q_SIGNALS:
    void scriptDone();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct Step
    {
        char kind;
        QByteArray arg;
    };
    struct Connection;

    static QList<Step> parse(const QString& script);
    void advance(Connection* c);
    void onReadyRead(Connection* c);

    QList<QList<Step>> m_scripts;
    QSslCertificate m_certificate;
    QSslKey m_key;
    QList<QSslCertificate> m_chainExtra;
    QStringList m_errors;
    QList<QByteArray> m_received;
    QList<QByteArray> m_bodies;
    QList<Connection*> m_live;
    int m_connections = 0;
    bool m_finished = false;
};

// The server's side of an EHLO exchange as script lines: "S: 250 fake.test" when caps is empty,
// otherwise "S: 250-fake.test", one "S: 250-CAP" per capability and the last as "S: 250 CAP".
QString ehloReplyScript(const QStringList& capabilities);

} // namespace outbound::test
