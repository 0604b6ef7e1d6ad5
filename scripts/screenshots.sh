#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots/: the app runs under Xvfb on a demo database (settings
# and queue rows in every status) and grabs the settings page, the queue page and the test-send
# dialog (sending to a local aiosmtpd with STARTTLS and sign-in, so the transcript is real).
# Usage: scripts/screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${2:-$root/docs/screenshots}
cli=$build/src/outbound-cli
app=$build/src/outbound
[[ -x $cli && -x $app ]] || { echo "build outbound and outbound-cli first" >&2; exit 1; }

work=$(mktemp -d)
server_pid=
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export OUTBOUND_NO_KEYCHAIN=1 OUTBOUND_DB=$work/demo.sqlite
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data

# --- settings: a Microsoft 365 account as an MSP would have it
"$cli" settings preset microsoft365 >/dev/null
"$cli" settings set smtp.auth auto >/dev/null   # the demo signs in with a password (the window warns)
"$cli" settings set smtp.username mailer@contoso-it.example \
    from.default.email office@contoso-it.example from.default.name "Contoso IT Services" \
    from.invoice.email billing@contoso-it.example from.invoice.name "Contoso IT Billing" \
    from.ticket.name "Contoso IT Helpdesk" >/dev/null
printf 'demo-app-password' | "$cli" settings set-password >/dev/null

# --- queue rows in every status
if "$cli" help 2>/dev/null | grep -q enqueue; then
    /usr/bin/python3 - "$work/demo.jsonl" <<'PY'
import json, sys
customers = ["Fabrikam Ltd", "Northwind Traders", "Adventure Works", "Tailspin Toys", "Wide World Importers",
             "Litware Inc", "Proseware", "Lucerne Publishing", "Margie's Travel", "Coho Winery"]
rows = []
for i in range(60):
    c = customers[i % len(customers)]
    domain = c.lower().replace(" ", "").replace("'", "") + ".example"
    kind = ["invoice", "quote", "ticket", "system"][i % 4]
    subject = {"invoice": f"Invoice INV-2026-{1040 + i} for {c}",
               "quote": f"Quote Q-{310 + i}: managed backup for {c}",
               "ticket": f"Re: [Ticket #{8800 + i}] VPN drops every hour",
               "system": f"Monthly patch report for {c}"}[kind]
    rows.append({"to": f"accounts@{domain}", "subject": subject, "category": kind,
                 "text": f"Hello {c},\n\nplease find the details below.\n\nContoso IT Services\n",
                 "html": f"<p>Hello <b>{c}</b>,</p><p>please find the details below.</p>"
                         f"<p><img src='https://tracker.example/pixel.png'> Contoso IT Services</p>"})
open(sys.argv[1], "w").write("\n".join(json.dumps(r) for r in rows) + "\n")
PY
    "$cli" enqueue --jsonl "$work/demo.jsonl" >/dev/null
    /usr/bin/python3 - "$OUTBOUND_DB" <<'PY'
import sqlite3, sys, time, json
db = sqlite3.connect(sys.argv[1])
now = int(time.time()) * 1000  # the store keeps milliseconds
ids = [r[0] for r in db.execute("SELECT id FROM messages ORDER BY id")]
cols = {r[1] for r in db.execute("PRAGMA table_info(messages)")}
rev = db.execute("SELECT revision FROM queue_state").fetchone()[0] + 1
def upd(i, **kv):
    kv = {k: v for k, v in kv.items() if k in cols}
    kv["revision"] = rev
    db.execute("UPDATE messages SET " + ", ".join(f"{k} = ?" for k in kv) + " WHERE id = ?", (*kv.values(), i))
for n, i in enumerate(ids):
    t = now - (len(ids) - n) * 1800 * 1000
    db.execute("UPDATE messages SET queued_at = ?, not_before = ? WHERE id = ?", (t, t, i))
    bucket = n % 10
    if bucket in (0, 1, 2, 3):
        upd(i, status="sent", attempts=1, sent_at=t + 40000, last_attempt_at=t + 40000, due_at=None,
            acceptance=f"250 2.0.0 OK <{i}@contoso-it.example> [Hostname=AM6PR01MB{i:04d}]")
    elif bucket == 4:
        upd(i, status="failed", attempts=1, last_attempt_at=t + 40000,
            error_json=json.dumps({"kind": "server-reply", "phase": "rcpt", "code": 550, "enhanced": "5.1.10", "transient": False,
                                   "text": "RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
                                   "detail": "the server refused every recipient (accounts@fabrikamltd.example)"}), due_at=None, error_phase="rcpt", error_code=550,
            error_enhanced="5.1.10", error_transient=0,
            error_text="RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
            last_error="rcpt: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
            transcript="S: 220 AM6PR01CA0001.outlook.office365.com Microsoft ESMTP MAIL Service ready\nC: EHLO demo\n"
                       "S: 250-AM6PR01CA0001.outlook.office365.com Hello\nS: 250-STARTTLS\nS: 250 SMTPUTF8\n"
                       "C: STARTTLS\nS: 220 2.0.0 SMTP server ready\n*  TLSv1.3 with smtp.office365.com\n"
                       "C: AUTH LOGIN ***\nS: 235 2.7.0 Authentication successful\n"
                       "C: MAIL FROM:<billing@contoso-it.example>\nS: 250 2.1.0 Sender OK\n"
                       "C: RCPT TO:<accounts@fabrikamltd.example>\n"
                       "S: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n"
                       "C: QUIT\nS: 221 2.0.0 Service closing transmission channel\n")
    elif bucket == 5:
        upd(i, status="deferred", attempts=2, last_attempt_at=now - 300000, next_attempt_at=now + 900000,
            due_at=now + 900000,
            error_json=json.dumps({"kind": "server-reply", "phase": "greeting", "code": 421, "enhanced": "4.3.2", "transient": True,
                                   "text": "Service not available, closing transmission channel", "detail": "the server is closing the connection; try again later"}),
            error_phase="greeting", error_code=421, error_enhanced="4.3.2", error_transient=1,
            error_text="Service not available, closing transmission channel",
            last_error="greeting: 421 4.3.2 Service not available, closing transmission channel")
    elif bucket == 6:
        upd(i, status="cancelled", due_at=None)
    elif bucket == 7 and n < 20:
        upd(i, status="interrupted", attempts=1, last_attempt_at=t + 40000, due_at=None,
            error_json=json.dumps({"kind": "connection-closed", "phase": "data", "transient": True,
                                   "outcome_unknown": True,
                                   "detail": "the worker stopped while this message was being sent"}),
            error_phase="data", error_transient=1,
            last_error="outcome unknown: data: the worker stopped while this message was being sent")
    elif bucket == 8 and n < 20:
        upd(i, status="sending", attempts=1, due_at=None)
db.execute("UPDATE queue_state SET revision = ?", (rev,))
# The Workers page: two machines draining a shared queue, one that stopped answering, one stopped.
if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'workers'").fetchone():
    workers = [("w-mail01-1", "mail01.contoso-it.example", 2741, now - 5 * 3600000, now - 2000, None, "sending", 1840, 3, 2),
               ("w-mail02-1", "mail02.contoso-it.example", 1188, now - 5 * 3600000, now - 4000, None, "idle", 1523, 1, 2),
               ("w-desk07-1", "desk07.contoso-it.example", 30412, now - 3 * 3600000, now - 420000, None, "sending", 212, 0, 1),
               ("w-mail02-0", "mail02.contoso-it.example", 1012, now - 26 * 3600000 + 7200000, now - 6 * 3600000,
                now - 6 * 3600000, "stopped", 9650, 12, 0)]
    for w in workers:
        db.execute("INSERT INTO workers (id, host, pid, started_at, heartbeat_at, stopped_at, state, sent, failed, "
                   "connections, lease_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 120000)", w)
db.commit()
PY
fi

# --- a local server for the test send: STARTTLS with a throwaway certificate, and sign-in
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
    -subj "/CN=localhost" >/dev/null 2>&1
fingerprint=$(openssl x509 -in "$work/cert.pem" -noout -fingerprint -sha256 | cut -d= -f2)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 - "$port" "$work/cert.pem" "$work/key.pem" <<'PY' &
import asyncio, ssl, sys, signal
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
class Handler:
    async def handle_DATA(self, server, session, envelope):
        return "250 2.0.0 Ok: queued as 7F3A2C0B91"
def auth(server, session, envelope, mechanism, data):
    return AuthResult(success=True)
ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
ctx.load_cert_chain(sys.argv[2], sys.argv[3])
c = Controller(Handler(), hostname="127.0.0.1", port=int(sys.argv[1]), tls_context=ctx, require_starttls=True,
               authenticator=auth, server_hostname="mail.contoso-it.example")
c.start()
signal.sigwait({signal.SIGTERM, signal.SIGINT})
c.stop()
PY
server_pid=$!
for _ in $(seq 50); do
    (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break
    sleep 0.1
done

export OUTBOUND_SCREENSHOT_SMTP="smtp.host=127.0.0.1;smtp.port=$port;smtp.encryption=starttls;smtp.pinned_sha256=$fingerprint;smtp.helo_name=desk01.contoso-it.example;password=demo-app-password"
export OUTBOUND_SCREENSHOT_RECIPIENT=it-admin@contoso-it.example
# Each set runs on its own Xvfb screen with a real window manager (openbox, scripts/with-display.sh),
# so the window is placed, framed and limited by the screen as on a desktop; the shots are of the
# whole screen.
#   out/            English, 1366x768        out/de/    German, 1366x768
#   out/dark/       English, dark palette    out/1024/  English, 1024x768
#   out/1024/de/    German, 1024x768
shoot() { # DIR SIZE LANGUAGE [ENV=VALUE...]
    local dir=$1 size=$2 language=$3 locale=C.UTF-8
    shift 3
    [[ $language == de ]] && locale=de_DE.UTF-8 # German dates too (Qt has its own locale data)
    mkdir -p "$dir"
    # A set whose window manager went away is taken again (see with-display.sh).
    for try in 1 2 3; do
        rm -rf "$XDG_CONFIG_HOME" # a first start: no remembered window size
        env LANGUAGE="$language" LC_ALL="$locale" "$@" \
            "$root/scripts/with-display.sh" "$size" timeout 90 "$app" --screenshot "$dir" && return 0
        echo "screenshots of $dir failed (try $try), taking them again" >&2
    done
    return 1
}
shoot "$out" 1366x768 en
shoot "$out/de" 1366x768 de
shoot "$out/dark" 1366x768 en OUTBOUND_PALETTE=dark
shoot "$out/1024" 1024x768 en
shoot "$out/1024/de" 1024x768 de
ls -l "$out" "$out/de" "$out/dark" "$out/1024" "$out/1024/de"
