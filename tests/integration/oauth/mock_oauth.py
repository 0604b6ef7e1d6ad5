"""A mock OAuth 2.0 authorization server and an aiosmtpd server that checks bearer tokens against it.

Loopback only, ports picked at run time. Used by oauth_integration.py (and the GUI test).

Authorization server (http.server in a thread):
  GET  /authorize   auto-approves: 302 to redirect_uri?code=..&state=.. (or ?error=.. when told to)
  POST /token       authorization_code (PKCE S256 + redirect URI + client auth), refresh_token
                    (rotation; a rotated-away token is "reuse": invalid_grant and counted),
                    client_credentials (secret, or an RS256 client assertion checked against the
                    certificate with `openssl dgst -verify`), device_code (pending, slow_down, approve,
                    expire)
  POST /devicecode  RFC 8628 device authorization
SMTP: AUTH XOAUTH2 / OAUTHBEARER; style "microsoft" answers 535 5.7.3 to a bad token, style
"google" sends a 334 JSON challenge, waits for the client's answer, then 535 5.7.8.
"""

import base64
import hashlib
import json
import os
import secrets
import subprocess
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def b64url_decode(text):
    text += "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(text)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class AuthServer:
    def __init__(self, client_id="outbound-test", client_secret=None, certificate_pem=None,
                 token_lifetime=3600):
        self.client_id = client_id
        self.client_secret = client_secret
        self.certificate_pem = certificate_pem  # for client assertions
        self.token_lifetime = token_lifetime
        self.lock = threading.Lock()
        self.codes = {}           # code -> (challenge, redirect_uri, expires)
        self.access = {}          # access token -> expiry (monotonic seconds)
        self.refresh_current = set()
        self.refresh_rotated = set()
        self.refreshes = 0
        self.reuse_detected = 0
        self.client_auth_failures = 0
        self.force_invalid_grant = False
        self.error_body = None      # a JSON body to answer every token request with (AADSTS style)
        self.authorize_error = None  # e.g. "access_denied"
        self.device = {}            # device_code -> dict(state, polls, slow_down)
        self.device_mode = "approve_after:2"  # approve_after:N | expire | deny | slow_down_then_approve
        self.device_polls = []
        self.requests = []
        self.refresh_delay = 0.0
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    # ---- token bookkeeping
    def issue(self, with_refresh=True):
        access = "at-" + secrets.token_urlsafe(24)
        self.access[access] = time.monotonic() + self.token_lifetime
        body = {"access_token": access, "token_type": "Bearer", "expires_in": self.token_lifetime}
        if with_refresh:
            refresh = "rt-" + secrets.token_urlsafe(24)
            self.refresh_current.add(refresh)
            body["refresh_token"] = refresh
        return body

    def token_valid(self, token):
        with self.lock:
            expiry = self.access.get(token)
            return expiry is not None and time.monotonic() < expiry

    def check_assertion(self, assertion, token_url):
        try:
            header_b64, claims_b64, sig_b64 = assertion.split(".")
            header = json.loads(b64url_decode(header_b64))
            claims = json.loads(b64url_decode(claims_b64))
        except ValueError:
            return False
        if header.get("alg") != "RS256" or claims.get("iss") != self.client_id or claims.get("sub") != self.client_id:
            return False
        if claims.get("aud") != token_url or claims.get("exp", 0) < time.time():
            return False
        with tempfile.TemporaryDirectory() as tmp:
            cert = os.path.join(tmp, "cert.pem")
            with open(cert, "w") as f:
                f.write(self.certificate_pem)
            der = subprocess.run(["openssl", "x509", "-in", cert, "-outform", "DER"], capture_output=True,
                                 check=True).stdout
            if header.get("x5t#S256") != b64url(hashlib.sha256(der).digest()):
                return False
            pub = os.path.join(tmp, "pub.pem")
            with open(pub, "wb") as f:
                f.write(subprocess.run(["openssl", "x509", "-in", cert, "-pubkey", "-noout"],
                                       capture_output=True, check=True).stdout)
            data = os.path.join(tmp, "data")
            sig = os.path.join(tmp, "sig")
            with open(data, "wb") as f:
                f.write(f"{header_b64}.{claims_b64}".encode())
            with open(sig, "wb") as f:
                f.write(b64url_decode(sig_b64))
            r = subprocess.run(["openssl", "dgst", "-sha256", "-verify", pub, "-signature", sig, data],
                               capture_output=True)
            return r.returncode == 0

    def client_authenticated(self, form, token_url, public_ok):
        if form.get("client_id") != self.client_id:
            return False
        if "client_assertion" in form:
            return (form.get("client_assertion_type") == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                    and self.certificate_pem is not None and self.check_assertion(form["client_assertion"], token_url))
        if "client_secret" in form:
            return self.client_secret is not None and form["client_secret"] == self.client_secret
        return public_ok

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def reply(self, status, body, headers=None):
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def error(self, code, description="", status=400):
                self.reply(status, {"error": code, "error_description": description})

            def do_GET(self):
                url = urllib.parse.urlsplit(self.path)
                q = dict(urllib.parse.parse_qsl(url.query))
                if url.path != "/authorize":
                    return self.reply(404, None)
                server.requests.append(("authorize", q))
                redirect = q.get("redirect_uri", "")
                if not redirect.startswith("http://127.0.0.1:") or q.get("client_id") != server.client_id:
                    return self.reply(400, {"error": "invalid_request"})
                if server.authorize_error:
                    params = {"error": server.authorize_error, "error_description": "declined", "state": q.get("state", "")}
                else:
                    if q.get("code_challenge_method") != "S256" or len(q.get("code_challenge", "")) != 43:
                        return self.reply(400, {"error": "invalid_request", "error_description": "PKCE S256 required"})
                    code = "code-" + secrets.token_urlsafe(16)
                    with server.lock:
                        server.codes[code] = (q["code_challenge"], redirect, time.monotonic() + 60)
                    params = {"code": code, "state": q.get("state", "")}
                self.send_response(302)
                self.send_header("Location", redirect + "?" + urllib.parse.urlencode(params))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                path = urllib.parse.urlsplit(self.path).path
                token_url = server.base + "/token"
                if path == "/devicecode":
                    if form.get("client_id") != server.client_id:
                        return self.error("invalid_client", status=401)
                    code = "dc-" + secrets.token_urlsafe(16)
                    expires = 4 if server.device_mode == "expire" else 600
                    with server.lock:
                        server.device[code] = {"polls": 0, "slowed": False}
                    return self.reply(200, {"device_code": code, "user_code": "WDJB-MJHT",
                                            "verification_uri": server.base + "/device", "expires_in": expires,
                                            "interval": 1})
                if path != "/token":
                    return self.reply(404, None)
                grant = form.get("grant_type")
                server.requests.append(("token", {k: v for k, v in form.items()
                                                  if k in ("grant_type", "client_id", "scope", "redirect_uri")}))
                if server.error_body is not None:
                    return self.reply(400, server.error_body)
                if grant == "authorization_code":
                    if not server.client_authenticated(form, token_url, public_ok=server.client_secret is None):
                        server.client_auth_failures += 1
                        return self.error("invalid_client", "client authentication failed", 401)
                    with server.lock:
                        entry = server.codes.pop(form.get("code", ""), None)
                    if entry is None:
                        return self.error("invalid_grant", "unknown or used code")
                    challenge, redirect, _ = entry
                    if form.get("redirect_uri") != redirect:
                        return self.error("invalid_grant", "redirect_uri does not match")
                    verifier = form.get("code_verifier", "")
                    if b64url(hashlib.sha256(verifier.encode()).digest()) != challenge:
                        return self.error("invalid_grant", "PKCE verification failed")
                    with server.lock:
                        return self.reply(200, server.issue())
                if grant == "refresh_token":
                    if not server.client_authenticated(form, token_url, public_ok=server.client_secret is None):
                        server.client_auth_failures += 1
                        return self.error("invalid_client", status=401)
                    if server.refresh_delay:
                        time.sleep(server.refresh_delay)  # a slow token endpoint on purpose (the case under test)
                    rt = form.get("refresh_token", "")
                    with server.lock:
                        if server.force_invalid_grant:
                            return self.error("invalid_grant", "AADSTS700082: The refresh token has expired.")
                        if rt in server.refresh_rotated:
                            server.reuse_detected += 1
                            return self.error("invalid_grant", "refresh token reuse detected")
                        if rt not in server.refresh_current:
                            return self.error("invalid_grant", "unknown refresh token")
                        server.refresh_current.discard(rt)
                        server.refresh_rotated.add(rt)
                        server.refreshes += 1
                        return self.reply(200, server.issue())
                if grant == "client_credentials":
                    if not server.client_authenticated(form, token_url, public_ok=False):
                        server.client_auth_failures += 1
                        return self.error("invalid_client", "AADSTS7000215: Invalid client secret provided.", 401)
                    with server.lock:
                        server.refreshes += 1
                        return self.reply(200, server.issue(with_refresh=False))
                if grant == "urn:ietf:params:oauth:grant-type:device_code":
                    with server.lock:
                        d = server.device.get(form.get("device_code", ""))
                        if d is None:
                            return self.error("invalid_grant")
                        d["polls"] += 1
                        server.device_polls.append(time.monotonic())
                        mode = server.device_mode
                        if mode == "expire":
                            return self.error("authorization_pending") if d["polls"] < 2 else self.error("expired_token")
                        if mode == "deny":
                            return self.error("access_denied")
                        if mode == "slow_down_then_approve" and not d["slowed"]:
                            d["slowed"] = True
                            return self.error("slow_down")
                        need = int(mode.split(":")[1]) if mode.startswith("approve_after:") else 1
                        if d["polls"] <= need and mode.startswith("approve_after:"):
                            return self.error("authorization_pending")
                        del server.device[form["device_code"]]
                        return self.reply(200, server.issue())
                return self.error("unsupported_grant_type")

        return Handler


class BearerHandler:
    """aiosmtpd handler: XOAUTH2 and OAUTHBEARER checked against the AuthServer's tokens."""

    def __init__(self, auth, style="microsoft", mechanisms=("XOAUTH2", "OAUTHBEARER")):
        self.auth = auth
        self.style = style
        self.mechanisms = mechanisms
        self.lock = threading.Lock()
        self.accepted = 0
        self.auth_ok = 0
        self.auth_refused = 0
        self.mechanisms_used = []
        self.users = []

    async def _refuse(self, server, mechanism):
        with self.lock:
            self.auth_refused += 1
        if self.style == "google":
            challenge = json.dumps({"status": "401", "schemes": "Bearer", "scope": "https://mail.google.com/"})
            answer = await server.challenge_auth(challenge)
            expected = b"" if mechanism == "XOAUTH2" else b"\x01"
            if answer != expected:
                await server.push("501 5.5.2 unexpected answer to the error challenge")
                return AuthResult(success=False, handled=True)
            await server.push("535 5.7.8 Username and Password not accepted")
        else:
            await server.push("535 5.7.3 Authentication unsuccessful")
        return AuthResult(success=False, handled=True)

    async def _check(self, server, mechanism, user, token):
        if not self.auth.token_valid(token):
            return await self._refuse(server, mechanism)
        with self.lock:
            self.auth_ok += 1
            self.mechanisms_used.append(mechanism)
            self.users.append(user)
        return AuthResult(success=True, handled=False)

    async def auth_XOAUTH2(self, server, args):
        raw = base64.b64decode(args[1]) if len(args) > 1 else await server.challenge_auth("")
        parts = dict(p.split("=", 1) for p in raw.decode().split("\x01") if "=" in p)
        token = parts.get("auth", "").removeprefix("Bearer ")
        return await self._check(server, "XOAUTH2", parts.get("user", ""), token)

    async def auth_OAUTHBEARER(self, server, args):
        raw = base64.b64decode(args[1]) if len(args) > 1 else await server.challenge_auth("")
        gs2, _, rest = raw.decode().partition("\x01")
        user = gs2.split(",")[1][2:] if gs2.startswith("n,a=") else ""
        parts = dict(p.split("=", 1) for p in rest.split("\x01") if "=" in p)
        if "host" not in parts or "port" not in parts:
            await server.push("501 5.5.4 OAUTHBEARER without host and port")
            return AuthResult(success=False, handled=True)
        token = parts.get("auth", "").removeprefix("Bearer ")
        return await self._check(server, "OAUTHBEARER", user, token)

    data_delay = 0.0
    on_accept = None

    async def handle_DATA(self, server, session, envelope):
        if self.data_delay:
            import asyncio
            await asyncio.sleep(self.data_delay)  # a server slow to accept, on purpose
        if self.on_accept:
            self.on_accept(self.accepted + 1)
        with self.lock:
            self.accepted += 1
        return "250 2.0.0 Ok: queued"


def start_smtp(auth, style="microsoft", mechanisms=("XOAUTH2", "OAUTHBEARER")):
    handler = BearerHandler(auth, style, mechanisms)
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port, auth_require_tls=False,
                            auth_exclude_mechanism=["PLAIN", "LOGIN"] +
                            [m for m in ("XOAUTH2", "OAUTHBEARER") if m not in mechanisms])
    controller.start()
    return controller, handler, port


if __name__ == "__main__":
    # Manual use: print the addresses and serve until interrupted.
    a = AuthServer().start()
    c, h, p = start_smtp(a)
    print(json.dumps({"auth": a.base, "smtp_port": p}), flush=True)
    threading.Event().wait()
