#!/usr/bin/env bash
# GUI benchmarks: prints the longest GUI-thread stall while draining 20,000 messages and while a
# test send waits on a silent server, and while settings are saved with the database locked by
# another writer for 3 s (goal < 50 ms), and the Mail Queue page over 1,000,000 rows
# (first rows < 1 s, RSS < 200 MB).
# Usage: bench/gui/run.sh [BUILD_DIR] [--count N] [--rows N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
[[ $# -gt 0 ]] && shift
count=20000
rows=1000000
while [[ $# -gt 0 ]]; do
    case $1 in
    --count) count=$2; shift 2 ;;
    --rows) rows=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
bench=$build/bench/gui/bench_gui
[[ -x $bench ]] || { echo "build bench_gui first (ninja -C $build bench_gui)" >&2; exit 1; }
export QT_QPA_PLATFORM=offscreen OUTBOUND_NO_KEYCHAIN=1

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sink_args=(127.0.0.1:"$port" 1000)
[[ $(id -u) -eq 0 ]] && sink_args=(-u nobody "${sink_args[@]}")
/usr/sbin/smtp-sink "${sink_args[@]}" >/dev/null 2>&1 &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break
    sleep 0.1
done

echo "== test send to a silent server (goal: longest stall < 50 ms)"
"$bench" stall-testsend
echo "== draining $count messages to smtp-sink (goal: longest stall < 50 ms)"
"$bench" stall-drain --port "$port" --count "$count"
echo "== saving settings while another writer holds the database for 3 s (goal: longest stall < 50 ms)"
"$bench" stall-save --lock-ms 3000
echo "== Mail Queue page over $rows rows (goals: first rows < 1000 ms, RSS < 200 MB)"
"$bench" million --rows "$rows"
