"""Loopback SMTP servers and test certificates for the diagnosis integration tests.

Everything is made at run time in a temporary folder: a CA, a server certificate for
localhost/127.0.0.1, one with the wrong name and an expired one (openssl ca with explicit
dates). Servers are aiosmtpd controllers on free ports, a silent port (accepts, never speaks)
and a closed port. Call stop() to end them all.
"""

import os
import socket
import ssl
import subprocess
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

USER = "office@example.test"
PASSWORD = "correct-horse"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args, cwd):
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class Certificates:
    def __init__(self, folder):
        self.dir = folder
        d = folder
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "2", "-subj", "/CN=Outbound Test CA", cwd=d)
        with open(os.path.join(d, "ca.cnf"), "w") as f:
            f.write(f"""[ ca ]
default_ca = testca
[ testca ]
dir = {d}
database = {d}/index.txt
new_certs_dir = {d}
serial = {d}/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
commonName = supplied
""")
        open(os.path.join(d, "index.txt"), "w").close()
        with open(os.path.join(d, "serial"), "w") as f:
            f.write("1000\n")
        self.valid = self._issue("valid", "localhost", "DNS:localhost,IP:127.0.0.1")
        self.wrong_name = self._issue("wrongname", "wrong.example", "DNS:wrong.example")
        self.expired = self._issue("expired", "localhost", "DNS:localhost,IP:127.0.0.1",
                                   dates=("20200101000000Z", "20200201000000Z"))
        self.ca = os.path.join(d, "ca.pem")
        # The valid certificate followed by the CA, as servers that send their whole chain do.
        chain = os.path.join(d, "valid-chain.pem")
        with open(chain, "w") as out:
            for part in (self.valid[0], self.ca):
                with open(part) as f:
                    out.write(f.read())
        self.valid_chain = (chain, self.valid[1])

    def _issue(self, name, cn, san, dates=None):
        d = self.dir
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr",
            "-subj", f"/CN={cn}", cwd=d)
        with open(os.path.join(d, f"{name}.ext"), "w") as f:
            f.write(f"[ san ]\nsubjectAltName = {san}\nbasicConstraints = CA:FALSE\n"
                    "extendedKeyUsage = serverAuth\n")
        args = ["openssl", "ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key",
                "-in", f"{name}.csr", "-out", f"{name}.pem", "-notext", "-extfile", f"{name}.ext",
                "-extensions", "san"]
        if dates:
            args += ["-startdate", dates[0], "-enddate", dates[1]]
        else:
            args += ["-days", "2"]
        run(*args, cwd=d)
        return (os.path.join(d, f"{name}.pem"), os.path.join(d, f"{name}.key"))


REFUSED_SENDER = "billing@example.test"


class Sink:
    """Takes every message, except from REFUSED_SENDER (refused the way Microsoft 365 does)."""

    def __init__(self):
        self.messages = []

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.lower() == REFUSED_SENDER:
            return "550 5.7.60 SMTP; Client does not have permissions to send as this sender"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 2.0.0 Ok: queued"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data is not None and getattr(auth_data, "login", None) == USER.encode() \
        and getattr(auth_data, "password", None) == PASSWORD.encode()
    # handled=False: aiosmtpd itself answers a failure with 535 5.7.8.
    return AuthResult(success=ok, handled=False)


def server_context(pair):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(pair[0], pair[1])
    return ctx


class SilentPort:
    """Accepts connections and never says a word."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.clients = []
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
                self.clients.append(conn)
            except OSError:
                continue

    def stop(self):
        self.running = False
        self.thread.join(timeout=5)
        for c in self.clients:
            c.close()
        self.sock.close()


class BrokenStartTlsPort:
    """Offers STARTTLS and then breaks it: mode "454" refuses the upgrade; mode "inject" agrees and
    sends a forged reply in the same segment as its 220 (the STARTTLS injection pattern)."""

    def __init__(self, mode):
        self.mode = mode
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        conn.settimeout(5)
        try:
            f = conn.makefile("rb")
            conn.sendall(b"220 broken.test ESMTP\r\n")
            while True:
                line = f.readline()
                if not line:
                    return
                word = line.strip().upper()
                if word.startswith(b"EHLO"):
                    conn.sendall(b"250-broken.test\r\n250-AUTH PLAIN\r\n250 STARTTLS\r\n")
                elif word == b"STARTTLS" and self.mode == "454":
                    conn.sendall(b"454 4.7.0 TLS not available due to temporary reason\r\n")
                elif word == b"STARTTLS":
                    conn.sendall(b"220 2.0.0 Ready to start TLS\r\n250-injected\r\n250 AUTH PLAIN LOGIN\r\n")
                    return
                elif word == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"502 5.5.2 not here\r\n")
        except OSError:
            pass
        finally:
            conn.close()

    def stop(self):
        self.running = False
        self.thread.join(timeout=5)
        self.sock.close()


class Servers:
    def __init__(self, folder):
        self.certs = Certificates(folder)
        self.sink = Sink()
        self.controllers = []
        self.starttls_port = self._start(tls_context=server_context(self.certs.valid), require_starttls=True)
        self.implicit_port = self._start(ssl_context=server_context(self.certs.valid))
        self.wrong_name_port = self._start(ssl_context=server_context(self.certs.wrong_name))
        self.expired_port = self._start(ssl_context=server_context(self.certs.expired))
        self.plain_port = self._start()  # plain SMTP only: no STARTTLS, no TLS
        self.chain_port = self._start(ssl_context=server_context(self.certs.valid_chain))
        self.refusing_starttls = BrokenStartTlsPort("454")
        self.injecting_starttls = BrokenStartTlsPort("inject")
        self.silent = SilentPort()
        self.silent_port = self.silent.port
        self.closed_port = free_port()  # bound once, closed again: nothing listens there

    def _start(self, **kwargs):
        port = free_port()
        tls_first = "ssl_context" in kwargs
        controller = Controller(self.sink, hostname="127.0.0.1", port=port, authenticator=authenticator,
                                auth_require_tls=not tls_first, **kwargs)
        controller.start()
        self.controllers.append(controller)
        return port

    def stop(self):
        for c in self.controllers:
            try:
                c.stop()
            except Exception:  # a controller that failed to start has nothing to stop
                pass
        self.silent.stop()
        self.refusing_starttls.stop()
        self.injecting_starttls.stop()
