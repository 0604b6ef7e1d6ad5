#include "oauth/LoopbackReceiver.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace outbound {

namespace {
constexpr qsizetype kMaxRequest = 16 * 1024;
}

LoopbackReceiver::LoopbackReceiver(QObject* parent)
    : QObject(parent), m_server(new QTcpServer(this)), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        close();
        Q_EMIT timedOut();
    });
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::onConnection);
}

LoopbackReceiver::~LoopbackReceiver() = default;

bool LoopbackReceiver::listen(int timeoutMs)
{
    // 127.0.0.1 only: another machine must never be able to hand us a code.
    if (!m_server->listen(QHostAddress::LocalHost, 0))
        return false;
    m_timer->start(timeoutMs);
    return true;
}

QString LoopbackReceiver::redirectUri() const
{
    return QStringLiteral("http://127.0.0.1:%1/").arg(m_server->serverPort());
}

bool LoopbackReceiver::isListening() const
{
    return m_server->isListening();
}

void LoopbackReceiver::close()
{
    m_timer->stop();
    m_server->close();
}

QByteArray LoopbackReceiver::page(bool successful)
{
    const QString title = QCoreApplication::translate("OAuth", "Outbound");
    const QString text =
        successful ? QCoreApplication::translate("OAuth", "Outbound received the sign-in. You can close "
                                                          "this tab and return to Outbound.")
                   : QCoreApplication::translate("OAuth", "The sign-in did not go through. Return to "
                                                          "Outbound to see why; you can close this tab.");
    return QStringLiteral(
               "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title></head>"
               "<body style=\"font-family:sans-serif;margin:3em\"><h1>%1</h1><p>%2</p></body></html>")
        .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
        .toUtf8();
}

void LoopbackReceiver::onConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
    }
}

void LoopbackReceiver::onReadable(QTcpSocket* socket)
{
    QByteArray buffer = socket->property("outbound_buffer").toByteArray() + socket->readAll();
    if (buffer.size() > kMaxRequest) {
        socket->abort();
        return;
    }
    socket->setProperty("outbound_buffer", buffer);
    if (!buffer.contains("\r\n\r\n"))
        return;
    const QByteArray requestLine = buffer.left(buffer.indexOf("\r\n"));
    const QList<QByteArray> parts = requestLine.split(' ');
    const auto respond = [socket](const QByteArray& status, const QByteArray& body) {
        socket->write("HTTP/1.1 " + status +
                      "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                      QByteArray::number(body.size()) +
                      "\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n" + body);
        // Written out now: the caller may end the process right after a failed sign-in.
        socket->flush();
        socket->disconnectFromHost();
    };
    const QUrl target = parts.size() >= 2 ? QUrl(QString::fromLatin1(parts.at(1))) : QUrl();
    if (parts.size() < 2 || parts.at(0) != "GET" || target.path() != u"/" || m_answered) {
        respond("404 Not Found", QByteArray());
        return;
    }
    // QUrlQuery decodes each value once (the double decoding of Qt 6.4's handler is avoided).
    QUrlQuery query(target);
    m_answered = true;
    const bool successful = query.hasQueryItem(QStringLiteral("code"));
    respond("200 OK", page(successful));
    close();
    Q_EMIT received(query);
}

} // namespace outbound
