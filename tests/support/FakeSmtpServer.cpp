#include "FakeSmtpServer.h"

#include <QPointer>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTimer>
#include <optional>

namespace outbound::test {

struct FakeSmtpServer::Connection
{
    QPointer<QSslSocket> socket;
    QList<Step> steps;
    qsizetype index = 0;
    QByteArray input;
    bool busy = false;      // waiting for a timer or a TLS handshake
    bool silent = false;    // N: reached
    bool holding = false;   // H: reached
    bool ended = false;     // script done or connection dropped
    qint64 pauseAfter = -1; // P: bytes still to read before the pause (-1: no pause pending)
    int pauseMs = 0;        // P: how long the pause lasts (0: for good)
};

FakeSmtpServer::FakeSmtpServer(QObject* parent) : QTcpServer(parent) {}

FakeSmtpServer::~FakeSmtpServer()
{
    for (Connection* c : std::as_const(m_live)) {
        if (c->socket) {
            c->socket->disconnect(this);
            c->socket->abort();
        }
        delete c;
    }
}

bool FakeSmtpServer::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

quint16 FakeSmtpServer::port() const
{
    return serverPort();
}

void FakeSmtpServer::setScript(const QString& script)
{
    m_scripts = {parse(script)};
}

void FakeSmtpServer::addScript(const QString& script)
{
    m_scripts.append(parse(script));
}

void FakeSmtpServer::setTlsIdentity(const QSslCertificate& certificate, const QSslKey& key)
{
    m_certificate = certificate;
    m_key = key;
}

QByteArray FakeSmtpServer::allReceivedText() const
{
    QByteArray all;
    for (const QByteArray& line : m_received)
        all += line + "\r\n";
    for (const QByteArray& body : m_bodies)
        all += body;
    return all;
}

QList<FakeSmtpServer::Step> FakeSmtpServer::parse(const QString& script)
{
    QList<Step> steps;
    const QStringList lines = script.split(u'\n');
    for (QString line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        // Leading indentation is allowed; the text after "K: " is taken verbatim.
        const qsizetype start = line.indexOf(trimmed.at(0));
        QString rest = line.mid(start);
        if (rest.size() < 2 || (rest.at(1) != u':' && rest.at(1) != u'~'))
            qFatal("FakeSmtpServer: bad script line: %s", qPrintable(line));
        char kind = rest.at(0).toLatin1();
        if (kind == 'C' && rest.at(1) == u'~')
            kind = '~';
        QString arg = rest.mid(2);
        if (arg.startsWith(u' '))
            arg.remove(0, 1);
        steps.append({kind, arg.toUtf8()});
    }
    return steps;
}

void FakeSmtpServer::incomingConnection(qintptr socketDescriptor)
{
    auto* socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    auto* c = new Connection;
    c->socket = socket;
    const int number = m_connections++;
    if (!m_scripts.isEmpty())
        c->steps = m_scripts.at(qMin<qsizetype>(number, m_scripts.size() - 1));
    m_live.append(c);
    m_finished = false;
    if (!m_certificate.isNull()) {
        if (m_chainExtra.isEmpty())
            socket->setLocalCertificate(m_certificate);
        else
            socket->setLocalCertificateChain(QList<QSslCertificate>{m_certificate} + m_chainExtra);
        socket->setPrivateKey(m_key);
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    connect(socket, &QIODevice::readyRead, this, [this, c] { onReadyRead(c); });
    connect(socket, &QSslSocket::encrypted, this, [this, c] {
        c->busy = false;
        advance(c);
    });
    connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        for (const QSslError& e : errors)
            m_errors.append(QStringLiteral("server TLS error: %1").arg(e.errorString()));
    });
    connect(socket, &QAbstractSocket::disconnected, this, [c] { c->ended = true; });
    advance(c);
}

void FakeSmtpServer::onReadyRead(Connection* c)
{
    if (!c->socket || c->holding)
        return;
    if (c->pauseAfter >= 0) {
        const QByteArray chunk = c->socket->read(c->pauseAfter);
        c->input += chunk;
        c->pauseAfter -= chunk.size();
        if (c->pauseAfter == 0) {
            // The pause starts: what arrives now waits in the (small, see L:) buffers.
            c->pauseAfter = -1;
            c->holding = true;
            if (c->pauseMs > 0) {
                QPointer<QSslSocket> socket = c->socket;
                QTimer::singleShot(c->pauseMs, this, [this, c, socket] {
                    if (!socket)
                        return;
                    c->holding = false;
                    onReadyRead(c);
                });
            }
        }
    } else {
        c->input += c->socket->readAll();
    }
    if (!c->busy)
        advance(c);
    // Lines the script does not expect.
    if (c->index >= c->steps.size()) {
        for (;;) {
            const qsizetype nl = c->input.indexOf("\r\n");
            if (nl < 0)
                break;
            const QByteArray line = c->input.left(nl);
            c->input.remove(0, nl + 2);
            m_received.append(line);
            if (!c->silent)
                m_errors.append(QStringLiteral("unexpected client line after the script ended: %1")
                                    .arg(QString::fromUtf8(line)));
        }
    }
}

void FakeSmtpServer::advance(Connection* c)
{
    while (!c->busy && c->socket && c->index < c->steps.size()) {
        const Step step = c->steps.at(c->index);
        switch (step.kind) {
        case 'S':
            c->socket->write(step.arg + "\r\n");
            ++c->index;
            break;
        case 'B':
            c->socket->write(QByteArray::fromHex(step.arg));
            ++c->index;
            break;
        case 'W':
            ++c->index;
            c->busy = true;
            QTimer::singleShot(step.arg.trimmed().toInt(), this, [this, c] {
                c->busy = false;
                advance(c);
            });
            return;
        case 'X':
            ++c->index;
            c->ended = true;
            c->socket->disconnectFromHost();
            break;
        case 'T':
            ++c->index;
            c->busy = true;
            c->socket->startServerEncryption();
            return;
        case 'H':
            c->holding = true;
            c->socket->setReadBufferSize(64 * 1024); // Qt stops pulling from the kernel when full
            c->index = c->steps.size();
            break;
        case 'R': {
            // Read slowly from now on: at most `bytes` every `ms` milliseconds (a slow link).
            const QList<QByteArray> args = step.arg.simplified().split(' ');
            const qint64 chunk = qMax<qint64>(1, args.value(0).toLongLong());
            const int interval = qMax(1, args.value(1).toInt());
            ++c->index;
            c->holding = true;
            c->socket->setReadBufferSize(chunk);
            auto* timer = new QTimer(c->socket);
            QPointer<QSslSocket> socket = c->socket;
            connect(timer, &QTimer::timeout, this, [this, c, socket, chunk] {
                if (!socket)
                    return;
                c->input += socket->read(chunk);
                if (!c->busy)
                    advance(c);
            });
            timer->start(interval);
            break;
        }
        case 'L': {
            const int bytes = qMax(1, step.arg.trimmed().toInt());
            ++c->index;
            c->socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, bytes);
            c->socket->setReadBufferSize(bytes);
            break;
        }
        case 'P': {
            const QList<QByteArray> args = step.arg.simplified().split(' ');
            ++c->index;
            c->pauseAfter = qMax<qint64>(0, args.value(0).toLongLong());
            c->pauseMs = qMax(0, args.value(1).toInt());
            break;
        }
        case 'N':
            c->silent = true;
            c->index = c->steps.size();
            break;
        case 'C':
        case '~': {
            const qsizetype nl = c->input.indexOf("\r\n");
            if (nl < 0)
                return;
            const QByteArray line = c->input.left(nl);
            c->input.remove(0, nl + 2);
            m_received.append(line);
            ++c->index;
            bool ok = false;
            if (step.kind == 'C') {
                ok = line == step.arg;
            } else {
                const QRegularExpression re(QRegularExpression::anchoredPattern(QString::fromUtf8(step.arg)));
                ok = re.match(QString::fromUtf8(line)).hasMatch();
            }
            if (!ok) {
                m_errors.append(QStringLiteral("expected \"%1\", got \"%2\"")
                                    .arg(QString::fromUtf8(step.arg), QString::fromUtf8(line)));
                c->ended = true;
                c->index = c->steps.size();
                c->socket->abort();
                return;
            }
            break;
        }
        case 'D': {
            qsizetype end = -1;
            qsizetype skip = 0;
            if (c->input.startsWith(".\r\n")) {
                end = 0;
                skip = 3;
            } else {
                const qsizetype dot = c->input.indexOf("\r\n.\r\n");
                if (dot >= 0) {
                    end = dot + 2;
                    skip = dot + 5;
                }
            }
            if (end < 0)
                return;
            m_bodies.append(c->input.left(end));
            c->input.remove(0, skip);
            ++c->index;
            break;
        }
        default:
            m_errors.append(QStringLiteral("bad script step %1").arg(QLatin1Char(step.kind)));
            ++c->index;
            break;
        }
    }
    if (c->index >= c->steps.size() && !c->busy && !m_finished) {
        m_finished = true;
        Q_EMIT scriptDone();
    }
}

QString ehloReplyScript(const QStringList& capabilities)
{
    if (capabilities.isEmpty())
        return QStringLiteral("S: 250 fake.test\n");
    QString script = QStringLiteral("S: 250-fake.test\n");
    for (qsizetype i = 0; i < capabilities.size(); ++i)
        script += (i + 1 == capabilities.size() ? QStringLiteral("S: 250 ") : QStringLiteral("S: 250-")) +
                  capabilities.at(i) + u'\n';
    return script;
}

} // namespace outbound::test
