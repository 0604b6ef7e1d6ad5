#!/usr/bin/env bash
# Runs every fuzz target (or those named) one after another for RUNS executions each (default
# 10 million), niced, from the seed corpus plus what earlier runs found, and prints one line per
# target: executions, crashes, seconds. OUTBOUND_FUZZ_KNOWN_DEFECTS (docs/fuzzing.md) is passed on. Needs the `asan` preset build (cmake --preset asan &&
# cmake --build --preset asan). See docs/fuzzing.md.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${OUTBOUND_FUZZ_BUILD:-build-asan}
runs=${RUNS:-10000000}
# Optional wall-clock cap per target (seconds; 0 = none), for a machine shared with other work.
max_seconds=${MAX_SECONDS:-0}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_reply fuzz_ehlo fuzz_address fuzz_settings fuzz_jsonl fuzz_protocol fuzz_mime)
out=$build/fuzz-long
mkdir -p "$out"
for t in "${targets[@]}"; do
    mkdir -p "$out/$t"
    start=$(date +%s)
    nice -n 10 "$build/tests/fuzz/$t" -runs="$runs" -max_total_time="$max_seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/$t-" "$out/$t" "tests/fuzz/corpus/$t" >"$out/$t.log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$t.log" | grep -o '[0-9]*$' || true)
    [ -z "$execs" ] && execs=$(grep -o '^#[0-9]*' "$out/$t.log" | tail -1 | tr -d '#')
    crashes=$(ls "$out/$t"-crash-* "$out/$t"-leak-* "$out/$t"-timeout-* "$out/$t"-oom-* 2>/dev/null | wc -l)
    echo "$t executions=$execs crashes=$crashes exit=$rc seconds=$secs"
done
