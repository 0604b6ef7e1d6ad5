#!/usr/bin/env bash
# The queue end to end, beside Postfix's own client on the same loopback smtp-sink:
#   1. enqueue COUNT messages from JSONL (goal < 2 s for 20,000)
#   2. drain them with `worker --drain` over 1 and over 4 connections, vs smtp-source -s 1 / -s 4
#      (goal: 1 connection <= 1.0x smtp-source -s 1)
#   3. the worker's peak RSS (goal < 80 MB)
# Every figure is the median of RUNS runs (default 3); process start is included on both sides.
#
#   bench/queue/run.sh [BUILD_DIR] [RUNS]        (env COUNT=20000 SIZE=2000 ACROSS=0)
#
# ACROSS=1 sets smtp.pipeline_across_messages=true (next envelope right behind the final dot).
set -euo pipefail

BUILD=${1:-build}
RUNS=${2:-3}
COUNT=${COUNT:-20000}
SIZE=${SIZE:-2000}
CLI="$BUILD/src/outbound-cli"
PY=/usr/bin/python3

[[ -x "$CLI" ]] || { echo "run.sh: $CLI not built (ninja -C $BUILD outbound-cli)" >&2; exit 2; }
[[ -x /usr/sbin/smtp-sink && -x /usr/sbin/smtp-source ]] || { echo "run.sh: Postfix smtp-sink/smtp-source missing" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "run.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d /tmp/outbound-queue-bench.XXXXXX)
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
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / (b > 0 ? b : 1)}'; }
rate() { echo $(( COUNT * 1000 / ($1 > 0 ? $1 : 1) )); }

# The messages: a text body that makes each built message about SIZE bytes.
$PY - "$COUNT" "$SIZE" >"$work/messages.jsonl" <<'PYEOF'
import json, sys
count, size = int(sys.argv[1]), int(sys.argv[2])
body = ("The quick brown fox jumps over the lazy dog. " * (size // 45 + 1))[: max(100, size - 340)]
for i in range(count):
    print(json.dumps({"to": f"user{i}@example.org", "subject": f"Invoice {i}", "text": body,
                      "category": "invoice"}))
PYEOF

settings=(settings set smtp.host 127.0.0.1 smtp.port "$port" smtp.encryption none smtp.auth none
          from.default.email billing@example.com)
[[ "${ACROSS:-0}" == 1 ]] && settings+=(smtp.pipeline_across_messages true)

enqueue_times=()
enqueue_cpu=()
for run in $(seq 1 "$RUNS"); do
    db="$work/enqueue$run.sqlite"
    "$CLI" --db "$db" "${settings[@]}" >/dev/null
    start=$(now_ms)
    /usr/bin/time -f '%U %S' -o "$work/cpu" "$CLI" --db "$db" enqueue --jsonl "$work/messages.jsonl" >/dev/null
    enqueue_times+=($(( $(now_ms) - start )))
    # CPU time as well: on a busy shared machine the wall clock includes waiting for a core.
    enqueue_cpu+=($(awk '{printf "%d", ($1 + $2) * 1000}' "$work/cpu"))
done
template="$work/enqueue1.sqlite"
built_size=$(sqlite3 "$template" 'SELECT avg(size) FROM messages' 2>/dev/null | cut -d. -f1 || echo "?")

declare -A drain_median rss_median source_median
for conns in 1 4; do
    drain_times=()
    rss_values=()
    source_times=()
    for run in $(seq 1 "$RUNS"); do
        db="$work/drain$conns-$run.sqlite"
        cp "$template" "$db"
        start=$(now_ms)
        /usr/bin/time -f '%M' -o "$work/rss" "$CLI" --db "$db" worker --drain --connections "$conns" >"$work/worker.out"
        drain_ms=$(( $(now_ms) - start ))
        tail -1 "$work/worker.out" | grep -q "sent $COUNT, failed 0" ||
            { echo "run.sh: the worker did not send everything: $(tail -1 "$work/worker.out")" >&2; exit 1; }
        start=$(now_ms)
        /usr/sbin/smtp-source -d -s "$conns" -m "$COUNT" -l "$SIZE" 127.0.0.1:"$port"
        source_ms=$(( $(now_ms) - start ))
        drain_times+=("$drain_ms")
        source_times+=("$source_ms")
        rss_values+=($(( $(cat "$work/rss") / 1024 )))
        printf 'run %d, %d connection(s): worker %6d ms   smtp-source -s %d %6d ms   worker peak RSS %d MB\n' \
            "$run" "$conns" "$drain_ms" "$conns" "$source_ms" "${rss_values[-1]}"
        rm -f "$db" "$db-wal" "$db-shm"
    done
    drain_median[$conns]=$(printf '%s\n' "${drain_times[@]}" | median)
    source_median[$conns]=$(printf '%s\n' "${source_times[@]}" | median)
    rss_median[$conns]=$(printf '%s\n' "${rss_values[@]}" | median)
done
enqueue_median=$(printf '%s\n' "${enqueue_times[@]}" | median)
enqueue_cpu_median=$(printf '%s\n' "${enqueue_cpu[@]}" | median)

echo
printf '%d messages (built size ~%s bytes; smtp-source -l %d), median of %d runs, process start included\n' \
    "$COUNT" "$built_size" "$SIZE" "$RUNS"
printf '  enqueue --jsonl                      %6d ms  (%d msg/s, CPU %d ms)   goal < 2000 ms for 20,000\n' \
    "$enqueue_median" "$(rate "$enqueue_median")" "$enqueue_cpu_median"
for conns in 1 4; do
    printf '  worker --drain --connections %d      %6d ms  (%d msg/s)   smtp-source -d -s %d  %6d ms  (%d msg/s)   ratio %s\n' \
        "$conns" "${drain_median[$conns]}" "$(rate "${drain_median[$conns]}")" "$conns" "${source_median[$conns]}" \
        "$(rate "${source_median[$conns]}")" "$(ratio "${drain_median[$conns]}" "${source_median[$conns]}")"
done
printf '  goal: 1 connection ratio <= 1.00\n'
printf '  load average during the run: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  worker peak RSS: %d MB (1 connection), %d MB (4 connections)   goal < 80 MB\n' "${rss_median[1]}" "${rss_median[4]}"
