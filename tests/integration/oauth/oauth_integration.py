"""OAuth 2.0 end to end through outbound-cli against mock_oauth.py (loopback only).

    /usr/bin/python3 oauth_integration.py --cli build/src/outbound-cli [Flows|Smtp|Worker]
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mock_oauth  # noqa: E402

CLI = None


class Base(unittest.TestCase):
    style = "microsoft"
    mechanisms = ("XOAUTH2", "OAUTHBEARER")
    lifetime = 3600

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "outbound.sqlite")
        self.auth = mock_oauth.AuthServer(token_lifetime=self.lifetime).start()
        self.controller, self.smtp, self.port = mock_oauth.start_smtp(self.auth, self.style, self.mechanisms)
        self.configure("custom")

    def tearDown(self):
        self.controller.stop()
        self.auth.stop()
        self.tmp.cleanup()

    def cli(self, *args, stdin=None, timeout=120, check=None):
        r = subprocess.run([CLI, "--db", self.db, *args], input=stdin, capture_output=True, text=True,
                           timeout=timeout)
        if check is not None:
            self.assertEqual(r.returncode, check, f"{args}: {r.stdout}\n{r.stderr}")
        return r

    def configure(self, provider, flow="browser"):
        base = self.auth.base
        self.cli("settings", "set", "smtp.host", "127.0.0.1", "smtp.port", str(self.port), "smtp.encryption",
                 "none", "smtp.allow_auth_without_tls", "true", "smtp.auth", "oauth2", "smtp.username",
                 "ops@contoso.example", "oauth.provider", provider, "oauth.flow", flow, "oauth.client_id",
                 "outbound-test", "oauth.authorize_url", base + "/authorize", "oauth.token_url", base + "/token",
                 "oauth.device_url", base + "/devicecode", "oauth.scope", "smtp offline_access", check=0)

    def browser_login(self):
        p = subprocess.Popen([CLI, "--db", self.db, "oauth", "login", "--print-url"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        url = p.stdout.readline().strip()
        self.assertTrue(url.startswith(self.auth.base + "/authorize?"), url)
        # The test is the browser: the mock redirects to Outbound's loopback listener.
        page = urllib.request.urlopen(url, timeout=30).read().decode()
        out, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 0, out + err)
        self.assertIn("close this tab", page)
        return out

    def status(self):
        r = self.cli("oauth", "status", "--json", check=0)
        return json.loads(r.stdout)

    def assert_no_token_anywhere(self, *texts):
        tokens = list(self.auth.access) + list(self.auth.refresh_current) + list(self.auth.refresh_rotated)
        for text in texts:
            for t in tokens:
                self.assertNotIn(t, text)


class Flows(Base):
    def test_browser_flow_pkce_loopback_and_test_send(self):
        out = self.browser_login()
        self.assertIn("Signed in as ops@contoso.example", out)
        authorize = [q for kind, q in self.auth.requests if kind == "authorize"][0]
        self.assertTrue(authorize["redirect_uri"].startswith("http://127.0.0.1:"))
        st = self.status()
        self.assertEqual(st["state"], "signed-in")
        self.assertTrue(st["has_refresh_token"])
        send = self.cli("test-send", "--to", "rcpt@example.org", check=0)
        self.assertEqual(self.smtp.auth_ok, 1)
        self.assertEqual(self.smtp.mechanisms_used, ["OAUTHBEARER"])  # custom provider, auto, offered
        self.assertIn("AUTH OAUTHBEARER ***", send.stdout)
        shown = self.cli("settings", "show", check=0)
        self.assertIn("oauth.client_secret", shown.stdout)
        self.assert_no_token_anywhere(out, send.stdout, send.stderr, shown.stdout,
                                      json.dumps(st), self.cli("settings", "show", "--json").stdout)

    def test_browser_flow_denied(self):
        self.auth.authorize_error = "access_denied"
        p = subprocess.Popen([CLI, "--db", self.db, "oauth", "login", "--print-url"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        url = p.stdout.readline().strip()
        urllib.request.urlopen(url, timeout=30).read()
        out, err = p.communicate(timeout=60)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("access_denied", err)
        self.assertIn("hint:", err)
        self.assertEqual(self.status()["state"], "signed-out")

    def test_device_flow_pending_then_approved(self):
        self.auth.device_mode = "approve_after:2"
        r = self.cli("oauth", "login", "--device", check=0)
        self.assertIn("WDJB-MJHT", r.stdout)
        self.assertIn(self.auth.base + "/device", r.stdout)
        self.assertEqual(len(self.auth.device_polls), 3)
        self.assertEqual(self.status()["state"], "signed-in")

    def test_device_flow_slow_down_adds_five_seconds(self):
        self.auth.device_mode = "slow_down_then_approve"
        self.cli("oauth", "login", "--device", check=0)
        polls = self.auth.device_polls
        self.assertEqual(len(polls), 2)
        self.assertGreaterEqual(polls[1] - polls[0], 5.5)  # interval 1 s + 5 s

    def test_device_flow_expired_and_denied(self):
        self.auth.device_mode = "expire"
        r = self.cli("oauth", "login", "--device")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("expired", r.stderr)
        self.auth.device_mode = "deny"
        r = self.cli("oauth", "login", "--device")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("access_denied", r.stderr)
        self.assertEqual(self.status()["state"], "signed-out")

    def make_certificate(self):
        key = os.path.join(self.tmp.name, "key.pem")
        cert = os.path.join(self.tmp.name, "cert.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "30", "-subj", "/CN=Outbound test app"], check=True, capture_output=True)
        both = os.path.join(self.tmp.name, "app.pem")
        with open(both, "w") as f:
            with open(cert) as c, open(key) as k:
                text = c.read()
                f.write(text + k.read())
        return both, text

    def test_app_flow_certificate_assertion(self):
        path, cert = self.make_certificate()
        self.auth.certificate_pem = cert
        self.cli("settings", "set", "oauth.flow", "app", "oauth.client_certificate", path, check=0)
        r = self.cli("oauth", "login", check=0)
        self.assertIn("Signed in", r.stdout)
        self.assertEqual(self.auth.client_auth_failures, 0)
        st = self.status()
        self.assertFalse(st["has_refresh_token"])
        self.cli("test-send", "--to", "rcpt@example.org", check=0)
        self.assertEqual(self.smtp.auth_ok, 1)
        # A certificate the server does not know is refused.
        other, _ = self.make_certificate()
        self.cli("settings", "set", "oauth.client_certificate", other, check=0)
        r = self.cli("oauth", "login")
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertEqual(self.auth.client_auth_failures, 1)

    def test_app_flow_secret_and_wrong_secret_hint(self):
        self.auth.client_secret = "s3cr3t-value"
        self.cli("settings", "set", "oauth.flow", "app", check=0)
        self.cli("settings", "set-secret", "oauth.client_secret", stdin="s3cr3t-value\n", check=0)
        shown = self.cli("settings", "show", check=0).stdout
        self.assertNotIn("s3cr3t-value", shown)
        self.assertRegex(shown, r"oauth.client_secret\s+= set")
        self.cli("oauth", "login", check=0)
        self.cli("settings", "set-secret", "oauth.client_secret", stdin="wrong\n", check=0)
        r = self.cli("oauth", "login")
        self.assertEqual(r.returncode, 3)
        self.assertIn("AADSTS7000215", r.stderr)
        self.assertIn("hint:", r.stderr)
        self.assertNotIn("wrong", r.stderr.replace("wrong or has expired", ""))


    def test_readiness_warning_for_microsoft_password(self):
        self.cli("settings", "preset", "microsoft365", check=0)
        shown = self.cli("settings", "show", check=0).stdout
        self.assertRegex(shown, r"smtp.auth\s+= oauth2")  # the preset defaults to OAuth
        self.assertNotIn("2026", shown)
        self.cli("settings", "set", "smtp.auth", "login", check=0)
        shown = self.cli("settings", "show", check=0).stdout
        self.assertIn("December 2026", shown)
        probe = self.cli("diagnose", "--host", "smtp.office365.com", "--ports", "587", "--timeout", "2")
        self.assertIn("December 2026", probe.stdout)


class Smtp(Base):
    def run_retry_case(self):
        self.browser_login()
        with self.auth.lock:
            self.auth.access.clear()  # the stored token still looks fresh but the server refuses it
        body = os.path.join(self.tmp.name, "body.txt")
        with open(body, "w") as f:
            f.write("hello\n")
        self.cli("enqueue", "--to", "rcpt@example.org", "--subject", "s", "--text-file", body, check=0)
        r = self.cli("worker", "--drain", check=0)
        self.assertEqual(self.smtp.accepted, 1)
        self.assertEqual(self.smtp.auth_refused, 1)
        self.assertEqual(self.auth.refreshes, 1)
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("SELECT status, attempts FROM messages").fetchall(), [("sent", 1)])
        return r

    def test_microsoft_style_535_5_7_3_forced_refresh_once(self):
        self.configure("microsoft")
        self.run_retry_case()
        self.assertEqual(self.smtp.mechanisms_used, ["XOAUTH2"])  # Microsoft: never OAUTHBEARER

    def test_google_style_334_challenge_then_535_5_7_8(self):
        self.style = "google"
        self.smtp.style = "google"
        self.configure("google")
        self.run_retry_case()
        self.assertEqual(self.smtp.mechanisms_used, ["OAUTHBEARER"])

    def test_google_style_xoauth2_answers_empty_line(self):
        self.smtp.style = "google"
        self.configure("google")
        self.cli("settings", "set", "oauth.mechanism", "xoauth2", check=0)
        self.run_retry_case()
        self.assertEqual(self.smtp.mechanisms_used, ["XOAUTH2"])


class Worker(Base):
    lifetime = 2

    def enqueue(self, n):
        lines = "".join(json.dumps({"to": f"r{i}@example.org", "subject": f"m{i}", "text": "x"}) + "\n"
                        for i in range(n))
        self.cli("enqueue", "--jsonl", "-", stdin=lines, check=0)

    def test_500_messages_with_two_second_tokens(self):
        self.browser_login()
        self.enqueue(500)
        self.smtp.data_delay = 0.01
        start = time.monotonic()
        r = self.cli("worker", "--drain", timeout=300, check=0)
        elapsed = time.monotonic() - start
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("SELECT status, attempts, count(*) FROM messages GROUP BY 1, 2").fetchall(),
                         [("sent", 1, 500)])
        self.assertEqual(self.smtp.accepted, 500)
        self.assertGreaterEqual(self.auth.refreshes, 2)
        self.assertEqual(self.auth.reuse_detected, 0)
        print(f"\n500 messages, 2 s tokens: {elapsed:.1f} s, {self.auth.refreshes} refreshes, "
              f"{self.smtp.auth_ok} sign-ins, {self.smtp.auth_refused} refused", file=sys.stderr)
        self.assert_no_token_anywhere(r.stdout, r.stderr)

    def test_invalid_grant_mid_drain_leaves_rest_queued(self):
        self.browser_login()
        self.enqueue(300)
        self.smtp.data_delay = 0.01

        def after(n):
            if n == 100:
                self.auth.force_invalid_grant = True
        self.smtp.on_accept = after
        r = self.cli("worker", "--drain", timeout=300)
        self.assertEqual(r.returncode, 3, r.stdout + r.stderr)
        self.assertIn("oauth login", r.stderr)
        con = sqlite3.connect(self.db)
        rows = dict(((s, a), n) for s, a, n in
                    con.execute("SELECT status, attempts, count(*) FROM messages GROUP BY 1, 2"))
        self.assertEqual(set(rows), {("sent", 1), ("queued", 0)}, rows)
        self.assertEqual(rows[("sent", 1)], self.smtp.accepted)
        self.assertEqual(self.status()["state"], "sign-in-needed")
        # A new worker does not start sending and says why.
        r2 = self.cli("worker", "--drain")
        self.assertEqual(r2.returncode, 3)
        self.assertIn("oauth login", r2.stderr)
        # Signing in again lets the rest go.
        self.auth.force_invalid_grant = False
        self.smtp.on_accept = None
        self.browser_login()
        self.cli("worker", "--drain", timeout=300, check=0)
        self.assertEqual(con.execute("SELECT count(*) FROM messages WHERE status != 'sent'").fetchone()[0], 0)

    def test_processes_sharing_one_token_set_never_reuse_a_rotated_token(self):
        self.browser_login()
        self.enqueue(300)
        self.smtp.data_delay = 0.01
        self.auth.refresh_delay = 0.2  # refreshes overlap in time unless the lease serialises them
        stop = threading.Event()
        failures = []

        def refresher():
            while not stop.is_set():
                r = self.cli("oauth", "refresh")
                if r.returncode != 0:
                    failures.append(r.stderr)
        threads = [threading.Thread(target=refresher) for _ in range(3)]
        for t in threads:
            t.start()
        r = self.cli("worker", "--drain", timeout=300)
        stop.set()
        for t in threads:
            t.join()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(failures, [])
        self.assertEqual(self.auth.reuse_detected, 0)
        self.assertGreaterEqual(self.auth.refreshes, 3)
        print(f"\nshared token set: {self.auth.refreshes} refreshes, 0 reuse", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    args, rest = parser.parse_known_args()
    CLI = os.path.abspath(args.cli)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
