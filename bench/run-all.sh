#!/usr/bin/env bash
# Runs every benchmark against an existing build (scripts/build.sh first) and prints each one's
# figures beside its reference run. Usage: bench/run-all.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
for b in engine queue gui; do
    echo "== bench/$b"
    "bench/$b/run.sh" "$build"
    echo
done
echo "== bench/queue/large.sh (memory with 2.7 MB messages)"
COUNT=${LARGE_COUNT:-100} bench/queue/large.sh "$build"
echo
echo "== bench/mime_build"
"$build/bench/mime_build/bench_mime_build"
