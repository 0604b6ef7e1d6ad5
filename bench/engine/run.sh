#!/usr/bin/env bash
# The SMTP engine against Postfix's own client: both send COUNT messages of SIZE bytes over ONE
# connection to the same loopback smtp-sink, RUNS times each; prints both medians and the ratio.
#
#   bench/engine/run.sh [BUILD_DIR] [RUNS]          (env COUNT=20000 SIZE=2000 ACROSS=0)
#
# ACROSS=1 runs the engine with smtp.pipeline_across_messages (the next envelope right behind the
# final dot); the default waits for each final reply, as the worker does by default.
set -euo pipefail

BUILD=${1:-build}
RUNS=${2:-5}
COUNT=${COUNT:-20000}
SIZE=${SIZE:-2000}
ACROSS=${ACROSS:-0}
across_opt=()
[[ "$ACROSS" == 1 ]] && across_opt=(--pipeline-across-messages)
ENGINE="$BUILD/bench/engine/engine_bench"
PY=/usr/bin/python3

[[ -x "$ENGINE" ]] || { echo "run.sh: $ENGINE not built (ninja -C $BUILD engine_bench)" >&2; exit 2; }
[[ -x /usr/sbin/smtp-sink && -x /usr/sbin/smtp-source ]] || { echo "run.sh: Postfix smtp-sink/smtp-source missing" >&2; exit 2; }

port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
user_opt=()
[[ $(id -u) -eq 0 ]] && user_opt=(-u nobody)
/usr/sbin/smtp-sink "${user_opt[@]}" 127.0.0.1:"$port" 1000 >/dev/null 2>&1 &
sink=$!
trap 'kill "$sink" 2>/dev/null || true; wait "$sink" 2>/dev/null || true' EXIT

for _ in $(seq 1 50); do
    $PY -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1',$port)))" && break
    sleep 0.1
done

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

engine_times=()
source_times=()
for run in $(seq 1 "$RUNS"); do
    start=$(now_ms)
    "$ENGINE" --host 127.0.0.1 --port "$port" --count "$COUNT" --size "$SIZE" "${across_opt[@]}" >/tmp/engine_bench.$$ ||
        { cat /tmp/engine_bench.$$ >&2; exit 1; }
    engine_ms=$(( $(now_ms) - start ))
    start=$(now_ms)
    /usr/sbin/smtp-source -d -s 1 -m "$COUNT" -l "$SIZE" 127.0.0.1:"$port"
    source_ms=$(( $(now_ms) - start ))
    engine_times+=("$engine_ms")
    source_times+=("$source_ms")
    printf 'run %d: engine %6d ms   smtp-source %6d ms   (%s)\n' "$run" "$engine_ms" "$source_ms" "$(cat /tmp/engine_bench.$$)"
done
rm -f /tmp/engine_bench.$$

engine_median=$(printf '%s\n' "${engine_times[@]}" | median)
source_median=$(printf '%s\n' "${source_times[@]}" | median)
ratio=$(awk -v e="$engine_median" -v s="$source_median" 'BEGIN {printf "%.2f", e / s}')
echo
printf '%d messages of %d bytes over one connection, median of %d runs (process start included)\n' "$COUNT" "$SIZE" "$RUNS"
printf '  engine (SmtpSession)   %6d ms  (%d msg/s)\n' "$engine_median" $(( COUNT * 1000 / (engine_median > 0 ? engine_median : 1) ))
printf '  smtp-source -d -s 1    %6d ms  (%d msg/s)\n' "$source_median" $(( COUNT * 1000 / (source_median > 0 ? source_median : 1) ))
printf '  ratio engine/smtp-source: %s (goal <= 1.2)\n' "$ratio"
