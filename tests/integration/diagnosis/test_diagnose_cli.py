"""Integration tests for `outbound-cli diagnose` and the hints of failed test sends, against real
aiosmtpd servers on loopback (STARTTLS, implicit TLS, wrong-name and expired certificates), a
silent port and a closed port. Run with Debian's /usr/bin/python3 (it has aiosmtpd)."""

import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from diag_servers import PASSWORD, USER, Servers  # noqa: E402

CLI = os.environ.get("OUTBOUND_CLI", "")
BOUND = 4  # seconds given to diagnose --timeout


class DiagnoseTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not CLI or not os.access(CLI, os.X_OK):
            raise RuntimeError("OUTBOUND_CLI must name the outbound-cli binary")
        cls.tmp = tempfile.TemporaryDirectory()
        cls.servers = Servers(cls.tmp.name)
        cls.db = os.path.join(cls.tmp.name, "outbound.sqlite")

    @classmethod
    def tearDownClass(cls):
        cls.servers.stop()
        cls.tmp.cleanup()

    def cli(self, *args, timeout=60, stdin=None):
        env = dict(os.environ, OUTBOUND_NO_KEYCHAIN="1", LC_ALL="C", LANG="C")
        started = time.monotonic()
        r = subprocess.run([CLI, "--db", self.db, *args], capture_output=True, text=True, timeout=timeout,
                           input=stdin, env=env)
        return r, time.monotonic() - started

    def diagnose_json(self, *ports):
        s = self.servers
        r, elapsed = self.cli("diagnose", "--host", "127.0.0.1", "--ports", ",".join(str(p) for p in ports),
                              "--json", "--timeout", str(BOUND), "--ca-file", s.certs.ca)
        self.assertEqual(r.stderr, "")
        return r.returncode, json.loads(r.stdout), elapsed

    def test_reports_each_port_and_recommends_a_tls_one(self):
        s = self.servers
        code, report, elapsed = self.diagnose_json(s.starttls_port, s.implicit_port, s.silent_port, s.closed_port)
        self.assertEqual(code, 0)
        self.assertLess(elapsed, BOUND + 1.5, "diagnose must finish inside its bound")
        self.assertLessEqual(report["elapsed_ms"], BOUND * 1000)
        ports = {p["port"]: p for p in report["ports"]}
        self.assertEqual(list(ports), [s.starttls_port, s.implicit_port, s.silent_port, s.closed_port])

        st = ports[s.starttls_port]
        self.assertTrue(st["reachable"])
        self.assertTrue(st["starttls_offered"])
        self.assertTrue(st["starttls"])
        self.assertFalse(st["implicit_tls"])
        self.assertEqual(st["encryption"], "starttls")
        self.assertTrue(st["certificate"]["valid"])
        self.assertIn("PLAIN", st["auth"])
        self.assertEqual(st["auth_in_clear"], [], "aiosmtpd offers AUTH only after STARTTLS here")
        self.assertGreater(st["size"], 0)

        tls = ports[s.implicit_port]
        self.assertTrue(tls["implicit_tls"])
        self.assertFalse(tls["starttls"])
        self.assertFalse(tls["plain"])
        self.assertEqual(tls["encryption"], "tls")
        self.assertTrue(tls["certificate"]["valid"])
        self.assertEqual(len(tls["certificate"]["sha256"]), 64)
        self.assertIn("PLAIN", tls["auth"])

        silent = ports[s.silent_port]
        self.assertTrue(silent["reachable"])
        self.assertTrue(silent["silent"])
        self.assertEqual(silent["encryption"], "")

        closed = ports[s.closed_port]
        self.assertFalse(closed["reachable"])
        self.assertTrue(closed["refused"])

        rec = report["recommendation"]
        self.assertTrue(rec["found"])
        self.assertIn(rec["port"], (s.starttls_port, s.implicit_port))
        self.assertEqual(rec["encryption"], "tls" if rec["port"] == s.implicit_port else "starttls")
        self.assertTrue(rec["auth_offered"])
        self.assertEqual(rec["warning"], "")
        self.assertIn(f"smtp.port {rec['port']}", rec["settings_command"])

    def test_text_output_has_table_and_command(self):
        s = self.servers
        r, elapsed = self.cli("diagnose", "--host", "127.0.0.1", "--ports",
                              f"{s.starttls_port},{s.closed_port}", "--timeout", str(BOUND),
                              "--ca-file", s.certs.ca)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("STARTTLS works", r.stdout)
        self.assertIn("refused", r.stdout)
        self.assertIn(f"outbound-cli settings set smtp.host 127.0.0.1 smtp.port {s.starttls_port} "
                      "smtp.encryption starttls", r.stdout)

    def test_nothing_usable_exits_1(self):
        s = self.servers
        code, report, elapsed = self.diagnose_json(s.silent_port, s.closed_port)
        self.assertEqual(code, 1)
        self.assertFalse(report["recommendation"]["found"])
        self.assertLess(elapsed, BOUND + 1.5)

    def test_certificate_problems_are_reported(self):
        s = self.servers
        code, report, _ = self.diagnose_json(s.wrong_name_port, s.expired_port)
        ports = {p["port"]: p for p in report["ports"]}
        wrong = ports[s.wrong_name_port]["certificate"]
        self.assertFalse(wrong["valid"])
        self.assertIn("wrong.example", wrong["names"])
        self.assertTrue(any("host name" in e.lower() for e in wrong["errors"]), wrong["errors"])
        expired = ports[s.expired_port]["certificate"]
        self.assertFalse(expired["valid"])
        self.assertTrue(any("expired" in e.lower() for e in expired["errors"]), expired["errors"])
        self.assertTrue(expired["expires"].startswith("2020-02-01"))
        # Usable only with a pinned certificate, and the recommendation says so.
        rec = report["recommendation"]
        self.assertTrue(rec["found"])
        self.assertNotEqual(rec["warning"], "")
        self.assertEqual(len(rec["pinned_sha256"]), 64)

    def test_private_ca_is_not_called_self_signed(self):
        # Issue 8: a certificate from a CA this machine does not trust is not "self-signed"; the
        # advice is smtp.ca_file, not a pin. Once with the leaf only, once with the CA sent along.
        s = self.servers
        for port in (s.implicit_port, s.chain_port):
            r, _ = self.cli("diagnose", "--host", "127.0.0.1", "--ports", str(port), "--json",
                            "--timeout", str(BOUND))
            report = json.loads(r.stdout)
            cert = report["ports"][0]["certificate"]
            self.assertFalse(cert["valid"])
            self.assertEqual(cert["problem"], "untrusted_issuer", cert)
            self.assertIn("Outbound Test CA", cert["issuer"])
            rec = report["recommendation"]
            self.assertTrue(rec["found"])
            self.assertIn("smtp.ca_file", rec["warning"])
            self.assertNotIn("self-signed", rec["warning"])
            r, _ = self.cli("diagnose", "--host", "127.0.0.1", "--ports", str(port), "--timeout", str(BOUND))
            self.assertIn("untrusted CA", r.stdout)
            self.assertNotIn("self-signed", r.stdout)

    def test_broken_starttls_never_suggests_encryption_none(self):
        # Issue 8, defect 10: STARTTLS offered and then refused (454) or tampered with (a reply
        # injected right after 220) must not end in "smtp.encryption none".
        s = self.servers
        for port, failure in ((s.refusing_starttls.port, "refused"), (s.injecting_starttls.port, "injected_data")):
            code, report, _ = self.diagnose_json(port)
            self.assertEqual(code, 1)
            p = report["ports"][0]
            self.assertTrue(p["plain"])
            self.assertTrue(p["starttls_offered"])
            self.assertFalse(p["starttls"])
            self.assertEqual(p["starttls_failure"], failure)
            self.assertEqual(p["encryption"], "")
            rec = report["recommendation"]
            self.assertFalse(rec["found"])
            self.assertEqual(rec["starttls_broken_ports"], [port])
            self.assertIn("STARTTLS", rec["reason"])
            r, _ = self.cli("diagnose", "--host", "127.0.0.1", "--ports", str(port), "--timeout", str(BOUND))
            self.assertEqual(r.returncode, 1)
            self.assertNotIn("encryption none", r.stdout)
            self.assertIn("interfering", r.stdout)

    def test_email_probes_the_candidate_hosts(self):
        # .invalid never resolves (RFC 2606), so this stays on this machine and must end quickly.
        r, elapsed = self.cli("diagnose", "--email", "billing@example.invalid", "--ports", "587", "--json",
                              "--timeout", "3")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertLess(elapsed, 3 + 1.5)
        report = json.loads(r.stdout)
        self.assertEqual([h["host"] for h in report["hosts"]], ["smtp.example.invalid", "mail.example.invalid"])
        self.assertFalse(report["recommendation"]["found"])
        for host in report["hosts"]:
            self.assertFalse(host["ports"][0]["reachable"])

    def test_without_a_host_probes_the_saved_one(self):
        s = self.servers
        saved = os.path.join(self.tmp.name, "saved-host.sqlite")
        env = dict(os.environ, OUTBOUND_NO_KEYCHAIN="1", LC_ALL="C", LANG="C")

        def run(*args):
            return subprocess.run([CLI, "--db", saved, *args], capture_output=True, text=True, timeout=60, env=env)

        # No database: nothing to read, and nothing is created.
        r = run("diagnose", "--timeout", str(BOUND))
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn("diagnose --host", r.stderr)
        self.assertFalse(os.path.exists(saved))
        # A database without a host: say what to give.
        self.assertEqual(run("settings", "set", "from.default.email", "billing@example.com").returncode, 0)
        r = run("diagnose", "--timeout", str(BOUND))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("no SMTP host is saved", r.stderr)
        # The saved host and port, the port tried first.
        self.assertEqual(run("settings", "set", "smtp.host", "127.0.0.1", "smtp.port", str(s.starttls_port)).returncode, 0)
        r = run("diagnose", "--json", "--timeout", str(BOUND), "--ca-file", s.certs.ca)
        self.assertEqual(r.returncode, 0, r.stderr)
        report = json.loads(r.stdout)
        self.assertEqual(report["ports"][0]["port"], s.starttls_port)
        self.assertTrue(report["ports"][0]["starttls"])
        self.assertEqual(report["recommendation"]["port"], s.starttls_port)

    def test_bad_usage_exits_2(self):
        r, _ = self.cli("diagnose", "--host", "127.0.0.1", "--email", "billing@example.com")
        self.assertEqual(r.returncode, 2)
        r, _ = self.cli("diagnose", "--host", "127.0.0.1", "--ports", "70000")
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
