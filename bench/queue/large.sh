#!/usr/bin/env bash
# Memory with large messages (issue 8, defect 11): COUNT messages of about 2.7 MB each (a 2 MB
# attachment, base64 in the built message) enqueued from JSONL and drained over 4 connections to a
# loopback smtp-sink. Prints the peak RSS of the enqueue and of the drain (goal: drain < 80 MB).
#
#   bench/queue/large.sh [BUILD_DIR]          (env COUNT=200 CONNECTIONS=4)
set -euo pipefail

BUILD=${1:-build}
COUNT=${COUNT:-200}
CONNECTIONS=${CONNECTIONS:-4}
CLI="$BUILD/src/outbound-cli"
PY=/usr/bin/python3

[[ -x "$CLI" ]] || { echo "large.sh: $CLI not built" >&2; exit 2; }
[[ -x /usr/sbin/smtp-sink ]] || { echo "large.sh: Postfix smtp-sink missing" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "large.sh: /usr/bin/time missing" >&2; exit 2; }

work=$(mktemp -d /tmp/outbound-large-bench.XXXXXX)
port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
user_opt=()
[[ $(id -u) -eq 0 ]] && user_opt=(-u nobody)
/usr/sbin/smtp-sink "${user_opt[@]}" 127.0.0.1:"$port" 1000 >/dev/null 2>&1 &
sink=$!
trap 'kill "$sink" 2>/dev/null || true; wait "$sink" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do
    $PY -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1',$port)))" && break
    sleep 0.1
done

export OUTBOUND_NO_KEYCHAIN=1
# Each line attaches its own 2 MB file (random bytes: no cache can share them).
$PY - "$COUNT" "$work" >"$work/messages.jsonl" <<'PYEOF'
import json, os, sys
count, work = int(sys.argv[1]), sys.argv[2]
for i in range(count):
    path = os.path.join(work, f"a{i}.bin")
    with open(path, "wb") as f:
        f.write(os.urandom(2 * 1024 * 1024))
    print(json.dumps({"to": f"user{i}@example.org", "subject": f"Report {i}", "text": "See attached.",
                      "attachments": [{"path": path, "name": f"report-{i}.pdf"}]}))
PYEOF

db="$work/large.sqlite"
"$CLI" --db "$db" settings set smtp.host 127.0.0.1 smtp.port "$port" smtp.encryption none smtp.auth none \
    from.default.email reports@example.com >/dev/null
/usr/bin/time -f '%M %e' -o "$work/enqueue" "$CLI" --db "$db" enqueue --jsonl "$work/messages.jsonl" >/dev/null
rm -f "$work"/a*.bin
size=$(sqlite3 "$db" 'SELECT avg(size) FROM messages' 2>/dev/null | cut -d. -f1 || echo "?")
/usr/bin/time -f '%M %e' -o "$work/drain" "$CLI" --db "$db" worker --drain --connections "$CONNECTIONS" >"$work/out"
tail -1 "$work/out" | grep -q "sent $COUNT, failed 0" ||
    { echo "large.sh: the worker did not send everything: $(tail -1 "$work/out")" >&2; exit 1; }
read -r enqueue_kb enqueue_s <"$work/enqueue"
read -r drain_kb drain_s <"$work/drain"
printf '%d messages of ~%s bytes\n' "$COUNT" "$size"
printf '  enqueue --jsonl                          peak RSS %4d MB  (%s s)\n' $((enqueue_kb / 1024)) "$enqueue_s"
printf '  worker --drain --connections %d           peak RSS %4d MB  (%s s)   goal < 80 MB\n' "$CONNECTIONS" \
    $((drain_kb / 1024)) "$drain_s"
