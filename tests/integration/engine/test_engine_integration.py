#!/usr/bin/python3
"""The SMTP engine against real servers on loopback, started and stopped here:

* aiosmtpd with STARTTLS required + AUTH (fixed test user), and aiosmtpd with implicit TLS,
  using a CA and server certificate made with openssl in a temporary directory;
* Postfix smtp-sink for many messages over one connection;
* a socket that accepts and never speaks, and a port where nothing listens.

Driven through `outbound-cli test-send` (the acceptance checks) and the engine_bench sender.
Run with Debian's /usr/bin/python3 (it has aiosmtpd):

    test_engine_integration.py --cli build/src/outbound-cli --sender build/.../engine_send_many
"""

import argparse
import base64
import hashlib
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import traceback

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from waiting import wait_until  # noqa: E402

USER = "testuser"
PASSWORD = "Wx9-integration-S3cret"
SINK = "/usr/sbin/smtp-sink"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, limit=5.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.05)
    return False


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_certificates(directory):
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    with open(os.path.join(directory, "server.ext"), "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "3",
            "-subj", "/CN=Outbound Integration CA",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=directory)
    openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost", cwd=directory)
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "3", "-extfile", "server.ext", cwd=directory)
    with open(os.path.join(directory, "server.pem")) as f:
        der = ssl.PEM_cert_to_DER_cert(f.read())
    return {
        "ca": os.path.join(directory, "ca.pem"),
        "cert": os.path.join(directory, "server.pem"),
        "key": os.path.join(directory, "server.key"),
        "sha256": hashlib.sha256(der).hexdigest(),
    }


class Recorder:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 Ok: queued as INTEGRATION"


def authenticator(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and \
            auth_data.password == PASSWORD.encode():
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


class Servers:
    def __init__(self, certs):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(certs["cert"], certs["key"])
        self.starttls_handler = Recorder()
        self.tls_handler = Recorder()
        self.starttls_port = free_port()
        self.starttls = Controller(self.starttls_handler, hostname="127.0.0.1", port=self.starttls_port,
                                   tls_context=context, require_starttls=True, authenticator=authenticator,
                                   auth_require_tls=True)
        self.tls_port = free_port()
        self.tls = Controller(self.tls_handler, hostname="127.0.0.1", port=self.tls_port, ssl_context=context,
                              authenticator=authenticator, auth_require_tls=False)
        self.silent = socket.socket()
        self.silent.bind(("127.0.0.1", 0))
        self.silent.listen(8)  # the kernel accepts; nobody ever answers
        self.silent_port = self.silent.getsockname()[1]
        self.sink = None
        self.sink_out = None

    def start(self):
        self.starttls.start()
        self.tls.start()
        print(f"aiosmtpd STARTTLS+AUTH on {self.starttls_port}, implicit TLS on {self.tls_port}, "
              f"silent on {self.silent_port}", flush=True)

    def start_sink(self, directory):
        port = free_port()
        self.sink_out = open(os.path.join(directory, "sink.out"), "w+")
        command = [SINK, "-c", f"127.0.0.1:{port}", "100"]
        if os.geteuid() == 0:
            command[1:1] = ["-u", "nobody"]
        self.sink = subprocess.Popen(command, stdout=self.sink_out, stderr=subprocess.STDOUT)
        if not wait_for_port(port):
            raise RuntimeError("smtp-sink did not start")
        print(f"smtp-sink on {port}", flush=True)
        return port

    def sink_counters(self):
        """{"sess": .., "quit": .., "mesg": ..} from smtp-sink -c's last counter line."""
        self.sink_out.flush()
        self.sink_out.seek(0)
        lines = self.sink_out.read().replace("\r", "\n").strip().splitlines()
        counters = {"sess": 0, "quit": 0, "mesg": 0}
        for word in (lines[-1].split() if lines else []):
            key, _, value = word.partition("=")
            if key in counters and value.isdigit():
                counters[key] = int(value)
        return counters

    def stop(self):
        for controller in (self.starttls, self.tls):
            try:
                controller.stop()
            except Exception:  # already stopped or never started
                pass
        self.silent.close()
        if self.sink:
            self.sink.terminate()
            try:
                self.sink.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.sink.kill()
                self.sink.wait()
        if self.sink_out:
            self.sink_out.close()


class Suite:
    def __init__(self, cli, sender, certs, servers, workdir):
        self.cli = cli
        self.sender = sender
        self.certs = certs
        self.servers = servers
        self.db = os.path.join(workdir, "outbound.sqlite")
        self.env = dict(os.environ, OUTBOUND_NO_KEYCHAIN="1", OUTBOUND_DB=self.db, QT_QPA_PLATFORM="offscreen")
        self.passed = 0
        self.failed = 0

    def run_cli(self, *args, password=None, timeout=60):
        started = time.monotonic()
        result = subprocess.run([self.cli, *args], input=(password + "\n") if password is not None else "",
                                capture_output=True, text=True, env=self.env, timeout=timeout)
        return result, time.monotonic() - started

    def test_send(self, *extra, password=PASSWORD, json_output=False):
        args = ["test-send", "--to", "someone@example.org", "--host", "127.0.0.1", *extra]
        if password is not None:
            args += ["--user", USER, "--password-stdin"]
        if json_output:
            args.append("--json")
        return self.run_cli(*args, password=password)

    def check(self, name, function):
        try:
            function()
        except AssertionError as e:
            self.failed += 1
            print(f"FAIL {name}: {e}", flush=True)
            return
        except Exception:
            self.failed += 1
            print(f"FAIL {name}: {traceback.format_exc()}", flush=True)
            return
        self.passed += 1
        print(f"PASS {name}", flush=True)

    def assert_no_secret(self, result):
        everything = result.stdout + result.stderr
        forms = [PASSWORD, base64.b64encode(PASSWORD.encode()).decode(),
                 base64.b64encode(b"\0" + USER.encode() + b"\0" + PASSWORD.encode()).decode()]
        for form in forms:
            assert form not in everything, f"secret form {form!r} printed"

    # ---- cases ----

    def setup_settings(self):
        r, _ = self.run_cli("settings", "set", "from.default.email", "sender@example.org")
        assert r.returncode == 0, r.stderr

    def starttls_auth_ok(self):
        before = len(self.servers.starttls_handler.messages)
        r, _ = self.test_send("--port", str(self.servers.starttls_port), "--encryption", "starttls",
                              "--ca-file", self.certs["ca"])
        assert r.returncode == 0, f"exit {r.returncode}: {r.stderr}\n{r.stdout}"
        assert "C: STARTTLS" in r.stdout, r.stdout
        assert "AUTH PLAIN ***" in r.stdout, r.stdout
        assert "S: 235" in r.stdout, r.stdout
        assert "Sent: 250 2.0.0 Ok: queued as INTEGRATION" in r.stdout, r.stdout
        self.assert_no_secret(r)
        messages = self.servers.starttls_handler.messages[before:]
        assert len(messages) == 1, messages
        mail_from, rcpts, content = messages[0]
        assert mail_from == "sender@example.org", mail_from
        assert rcpts == ["someone@example.org"], rcpts
        assert b"Subject:" in content, content[:200]

    def starttls_auth_login_ok(self):
        r, _ = self.test_send("--port", str(self.servers.starttls_port), "--encryption", "starttls",
                              "--ca-file", self.certs["ca"], "--auth", "login")
        assert r.returncode == 0, f"exit {r.returncode}: {r.stderr}\n{r.stdout}"
        assert "C: AUTH LOGIN" in r.stdout and "C: ***" in r.stdout, r.stdout
        self.assert_no_secret(r)

    def starttls_untrusted(self):
        r, _ = self.test_send("--port", str(self.servers.starttls_port), "--encryption", "starttls")
        assert r.returncode == 1, f"exit {r.returncode}: {r.stdout}"
        assert "starttls" in r.stderr and "untrusted" in r.stderr, r.stderr
        assert "C: AUTH" not in r.stdout, r.stdout
        self.assert_no_secret(r)
        j, _ = self.test_send("--port", str(self.servers.starttls_port), "--encryption", "starttls",
                              json_output=True)
        o = json.loads(j.stdout)
        assert o["ok"] is False and o["error_kind"] == "certificate-rejected" and o["phase"] == "starttls", o
        assert o["transient"] is False, o
        assert self.certs["sha256"] in o["detail"], o["detail"]

    def starttls_pinned(self):
        pin = ":".join(self.certs["sha256"][i:i + 2] for i in range(0, 64, 2)).upper()
        r, _ = self.test_send("--port", str(self.servers.starttls_port), "--encryption", "starttls", "--pin", pin)
        assert r.returncode == 0, f"exit {r.returncode}: {r.stderr}\n{r.stdout}"
        assert "pinned" in r.stdout, r.stdout
        wrong = "0" * 64
        r, _ = self.test_send("--port", str(self.servers.starttls_port), "--encryption", "starttls",
                              "--ca-file", self.certs["ca"], "--pin", wrong)
        assert r.returncode == 1 and "pinned" in r.stderr, r.stderr

    def implicit_tls_ok(self):
        before = len(self.servers.tls_handler.messages)
        r, _ = self.test_send("--port", str(self.servers.tls_port), "--encryption", "tls",
                              "--ca-file", self.certs["ca"])
        assert r.returncode == 0, f"exit {r.returncode}: {r.stderr}\n{r.stdout}"
        assert "TLS established" in r.stdout, r.stdout
        assert "C: STARTTLS" not in r.stdout, r.stdout
        assert len(self.servers.tls_handler.messages) == before + 1
        self.assert_no_secret(r)
        j, _ = self.test_send("--port", str(self.servers.tls_port), "--encryption", "tls",
                              "--ca-file", self.certs["ca"], json_output=True)
        assert j.returncode == 0, j.stdout + j.stderr
        o = json.loads(j.stdout)
        assert o["ok"] is True and o["acceptance"] == "250 2.0.0 Ok: queued as INTEGRATION", o
        assert o["error_kind"] is None and o["phase"] is None and o["elapsed_ms"] >= 0, o
        assert "C: AUTH PLAIN ***" in o["transcript"], o["transcript"]
        self.assert_no_secret(j)

    def implicit_tls_on_starttls_port(self):
        r, elapsed = self.test_send("--port", str(self.servers.starttls_port), "--encryption", "tls",
                                    "--ca-file", self.certs["ca"], "--timeout", "5", json_output=True)
        o = json.loads(r.stdout)
        assert r.returncode == 1 and o["error_kind"] == "tls-handshake-failed" and o["phase"] == "tls", o
        assert "plain text" in o["detail"], o["detail"]
        assert elapsed < 5, elapsed

    def wrong_password(self):
        r, _ = self.test_send("--port", str(self.servers.starttls_port), "--encryption", "starttls",
                              "--ca-file", self.certs["ca"], "--json", password="not-the-password")
        assert r.returncode == 1, r.stdout
        o = json.loads(r.stdout)
        assert o["ok"] is False and o["phase"] == "auth" and o["code"] == 535, o
        assert o["transient"] is False and o["error_kind"] == "server-reply", o
        assert o["enhanced_code"] == "5.7.8", o
        assert "not-the-password" not in r.stdout + r.stderr

    def silent_server_times_out(self):
        r, elapsed = self.test_send("--port", str(self.servers.silent_port), "--encryption", "none",
                                    "--timeout", "3", "--auth", "none", password=None)
        assert r.returncode == 1, f"exit {r.returncode}"
        assert r.stderr.startswith("outbound-cli: greeting:"), r.stderr
        assert 2.5 < elapsed < 6, elapsed

    def nothing_listens(self):
        port = free_port()
        r, elapsed = self.test_send("--port", str(port), "--encryption", "none", "--auth", "none", password=None)
        assert r.returncode == 1, f"exit {r.returncode}"
        assert r.stderr.startswith("outbound-cli: connect:"), r.stderr
        assert elapsed < 2, elapsed

    def bad_configuration(self):
        # A bad value typed on the command line is bad input (2); a setting missing from the saved
        # configuration is 3 (integration_cli_SettingsValues checks that side).
        r, _ = self.test_send("--port", "0", "--encryption", "none", "--auth", "none", password=None)
        assert r.returncode == 2, f"exit {r.returncode}: {r.stderr}"

    def sink_many_messages_one_connection(self, workdir):
        port = self.servers.start_sink(workdir)
        # The readiness probe is a session too; wait until smtp-sink has counted it.
        sessions_before = wait_until(lambda: self.servers.sink_counters()["sess"], 5,
                                     "smtp-sink to count the readiness probe")
        r = subprocess.run([self.sender, "--host", "127.0.0.1", "--port", str(port), "--count", "500",
                            "--size", "2000", "--json"], capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stdout + r.stderr
        o = json.loads(r.stdout)
        assert o["sent"] == 500 and o["refused"] == 0 and o["error"] is None, o
        counters = wait_until(lambda: (lambda c: c if c["mesg"] >= 500 and c["quit"] >= 1 else None)(
            self.servers.sink_counters()), 5, "smtp-sink to count 500 messages and a QUIT")
        # smtp-sink counts the readiness probe as a session too (ended without QUIT): the engine
        # is the only session that said QUIT, and it carried all 500 messages.
        assert counters["quit"] == 1 and counters["mesg"] == 500, counters
        assert counters["sess"] == sessions_before + 1, (sessions_before, counters)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--sender", required=True)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="outbound-engine-it-")
    os.chmod(workdir, 0o755)
    servers = None
    suite = None
    try:
        certs = make_certificates(workdir)
        servers = Servers(certs)
        servers.start()
        suite = Suite(args.cli, args.sender, certs, servers, workdir)
        suite.check("settings for the tests", suite.setup_settings)
        suite.check("starttls + auth plain with ca_file", suite.starttls_auth_ok)
        suite.check("starttls + auth login with ca_file", suite.starttls_auth_login_ok)
        suite.check("starttls without ca_file is rejected as untrusted", suite.starttls_untrusted)
        suite.check("starttls accepted with the pin, refused with a wrong pin", suite.starttls_pinned)
        suite.check("implicit tls with ca_file", suite.implicit_tls_ok)
        suite.check("implicit tls against a starttls port", suite.implicit_tls_on_starttls_port)
        suite.check("wrong password is 535 permanent", suite.wrong_password)
        suite.check("silent server: greeting timeout", suite.silent_server_times_out)
        suite.check("nothing listens: connect fails at once", suite.nothing_listens)
        suite.check("an invalid option value exits 2", suite.bad_configuration)
        suite.check("smtp-sink: 500 messages over one connection",
                    lambda: suite.sink_many_messages_one_connection(workdir))
    finally:
        if servers:
            servers.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    passed = suite.passed if suite else 0
    failed = suite.failed if suite else 1
    print(f"{passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
