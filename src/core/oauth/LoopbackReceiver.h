#pragma once

#include <QObject>
#include <QUrlQuery>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace outbound {

// The browser flow's redirect target: a tiny HTTP listener on 127.0.0.1 only, on a free port the
// system picks. It takes exactly one answer on the redirect path (a request for anything else,
// such as /favicon.ico, gets a 404 and does not count), shows a short "you can close this tab"
// page, and closes. It also closes after the time limit or on cancel.
class LoopbackReceiver : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackReceiver)

public:
    explicit LoopbackReceiver(QObject* parent = nullptr);
    ~LoopbackReceiver() override;

    bool listen(int timeoutMs);
    QString redirectUri() const; // http://127.0.0.1:PORT/
    bool isListening() const;
    void close();

    // The page the browser shows (successful: the sign-in went through to Outbound).
    static QByteArray page(bool successful);

Q_SIGNALS:
    void received(const QUrlQuery& query);
    void timedOut();

private:
    void onConnection();
    void onReadable(QTcpSocket* socket);

    QTcpServer* m_server;
    QTimer* m_timer;
    bool m_answered = false;
};

} // namespace outbound
