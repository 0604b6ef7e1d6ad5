"""Integration tests: failed `outbound-cli test-send` runs print the right hint, and
`diagnose --check-senders` names the refused sender's category. Real aiosmtpd servers on
loopback, started here. Run with Debian's /usr/bin/python3 (it has aiosmtpd)."""

import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from diag_servers import PASSWORD, REFUSED_SENDER, USER, Servers  # noqa: E402

CLI = os.environ.get("OUTBOUND_CLI", "")
TIMEOUT = 2  # test-send --timeout: every phase budget, seconds


class SendHintTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not CLI or not os.access(CLI, os.X_OK):
            raise RuntimeError("OUTBOUND_CLI must name the outbound-cli binary")
        cls.tmp = tempfile.TemporaryDirectory()
        cls.servers = Servers(cls.tmp.name)
        cls.db = os.path.join(cls.tmp.name, "outbound.sqlite")
        r = cls.run_cli(["settings", "set", "from.default.email", USER, "from.default.name", "Office",
                         "smtp.auth", "none"])
        if r.returncode != 0:
            raise RuntimeError("settings set failed: " + r.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.servers.stop()
        cls.tmp.cleanup()

    @classmethod
    def run_cli(cls, args, stdin=None, timeout=60):
        env = dict(os.environ, OUTBOUND_NO_KEYCHAIN="1", LC_ALL="C", LANG="C")
        return subprocess.run([CLI, "--db", cls.db, *args], capture_output=True, text=True, input=stdin,
                              timeout=timeout, env=env)

    def send_test(self, port, encryption, user=None, password=None, extra=()):
        args = ["test-send", "--to", "rcpt@example.test", "--host", "127.0.0.1", "--port", str(port),
                "--encryption", encryption, "--ca-file", self.servers.certs.ca, "--timeout", str(TIMEOUT), *extra]
        if user is not None:
            args += ["--auth", "plain", "--user", user, "--password-stdin"]
        started = time.monotonic()
        r = self.run_cli(args, stdin=(password + "\n") if password is not None else None)
        return r, time.monotonic() - started

    def hint_line(self, stderr):
        hints = [line for line in stderr.splitlines() if line.startswith("hint: ")]
        self.assertEqual(len(hints), 1, stderr)
        return hints[0]

    def test_starttls_on_implicit_tls_port(self):
        r, elapsed = self.send_test(self.servers.implicit_port, "starttls")
        self.assertEqual(r.returncode, 1, r.stderr)
        # The greeting budget runs out, nothing else: well inside connect + greeting budgets.
        self.assertLess(elapsed, 2 * TIMEOUT + 2)
        hint = self.hint_line(r.stderr)
        self.assertIn("smtp.encryption to tls", hint)

    def test_tls_on_starttls_port(self):
        r, elapsed = self.send_test(self.servers.starttls_port, "tls")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertLess(elapsed, 2 * TIMEOUT + 2)
        hint = self.hint_line(r.stderr)
        self.assertIn("smtp.encryption to starttls", hint)

    def test_plain_only_server_hints_agree_with_detect(self):
        # Issue 10, broken #9: neither wrong encryption sends the admin to the other one; both
        # name what a probe of the port finds (none, unencrypted).
        r = self.run_cli(["diagnose", "--host", "127.0.0.1", "--ports", str(self.servers.plain_port),
                          "--timeout", "3", "--json"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["recommendation"]["encryption"], "none")
        for encryption in ("tls", "starttls"):
            r, _ = self.send_test(self.servers.plain_port, encryption)
            self.assertEqual(r.returncode, 1, r.stderr)
            hint = self.hint_line(r.stderr)
            self.assertIn("smtp.encryption to none", hint, encryption)
            self.assertIn("unencrypted", hint, encryption)
            self.assertNotIn("465", hint, encryption)
            self.assertNotIn("to starttls", hint, encryption)
            self.assertNotIn("to tls", hint, encryption)

    def test_certificate_name_mismatch(self):
        r, _ = self.send_test(self.servers.wrong_name_port, "tls")
        self.assertEqual(r.returncode, 1, r.stderr)
        hint = self.hint_line(r.stderr)
        self.assertIn("wrong.example", hint)
        self.assertIn("smtp.host", hint)

    def test_certificate_expired(self):
        r, _ = self.send_test(self.servers.expired_port, "tls")
        self.assertEqual(r.returncode, 1, r.stderr)
        hint = self.hint_line(r.stderr)
        self.assertIn("expired", hint)

    def test_wrong_password(self):
        r, _ = self.send_test(self.servers.starttls_port, "starttls", user=USER, password="wrong-" + PASSWORD)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("535", r.stderr)
        hint = self.hint_line(r.stderr)
        self.assertIn("smtp.username", hint)
        self.assertNotIn(PASSWORD, r.stderr + r.stdout)

    def test_right_password_sends(self):
        before = len(self.servers.sink.messages)
        r, _ = self.send_test(self.servers.starttls_port, "starttls", user=USER, password=PASSWORD)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(self.servers.sink.messages), before + 1)

    def test_applying_the_recommendation_sends(self):
        s = self.servers
        r = self.run_cli(["diagnose", "--host", "127.0.0.1", "--ports", f"{s.silent_port},{s.implicit_port}",
                          "--ca-file", s.certs.ca, "--timeout", "3", "--json"])
        self.assertEqual(r.returncode, 0, r.stderr)
        rec = json.loads(r.stdout)["recommendation"]
        self.assertEqual((rec["port"], rec["encryption"]), (s.implicit_port, "tls"))
        command = rec["settings_command"].split()
        self.assertEqual(command[:3], ["outbound-cli", "settings", "set"])
        r = self.run_cli(command[1:] + ["smtp.ca_file", s.certs.ca, "smtp.auth", "none"])
        self.assertEqual(r.returncode, 0, r.stderr)
        before = len(s.sink.messages)
        r = self.run_cli(["test-send", "--to", "rcpt@example.test", "--timeout", str(TIMEOUT)])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(len(s.sink.messages), before + 1)

    def test_json_failure_carries_the_hint(self):
        r, _ = self.send_test(self.servers.starttls_port, "tls", extra=("--json",))
        self.assertEqual(r.returncode, 1, r.stderr)
        hint = json.loads(r.stdout)["hint"]
        self.assertEqual(hint["id"], "tls-on-plain-port")
        self.assertEqual(hint["setting"], "smtp.encryption")
        self.assertEqual(hint["suggested_value"], "starttls")

    def test_check_senders_names_the_refused_category(self):
        s = self.servers
        r = self.run_cli(["settings", "set", "smtp.host", "127.0.0.1", "smtp.port", str(s.starttls_port),
                          "smtp.encryption", "starttls", "smtp.ca_file", s.certs.ca, "smtp.username", USER, "smtp.auth", "auto",
                          "from.invoice.email", REFUSED_SENDER, "from.quote.email", USER,
                          "from.ticket.email", "support@example.test"])
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.run_cli(["settings", "set-password"], stdin=PASSWORD + "\n")
        self.assertEqual(r.returncode, 0, r.stderr)

        before = len(s.sink.messages)
        r = self.run_cli(["diagnose", "--check-senders", "--to", "rcpt@example.test", "--json"])
        self.assertEqual(r.returncode, 1, r.stderr)
        report = json.loads(r.stdout)
        senders = {tuple(e["categories"]): e for e in report["senders"]}
        # default and quote share one address: one message for both.
        self.assertEqual(set(senders), {("default", "quote"), ("invoice",), ("ticket",)})
        self.assertTrue(senders[("default", "quote")]["accepted"])
        self.assertTrue(senders[("ticket",)]["accepted"])
        refused = senders[("invoice",)]
        self.assertFalse(refused["accepted"])
        self.assertEqual(refused["error"]["code"], 550)
        self.assertEqual(refused["hint"]["id"], "send-as-denied")
        self.assertEqual(refused["hint"]["setting"], "from.invoice.email")
        self.assertFalse(report["all_accepted"])
        self.assertEqual(len(s.sink.messages), before + 2)

        r = self.run_cli(["diagnose", "--check-senders", "--to", "rcpt@example.test"])
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("REFUSED", r.stdout)
        self.assertIn("from.invoice.email", r.stdout)

        # Everyone allowed: exit 0.
        r = self.run_cli(["settings", "set", "from.invoice.email", USER])
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.run_cli(["diagnose", "--check-senders", "--to", "rcpt@example.test"])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
