#!/usr/bin/env bash
# Configures and builds Outbound into ./build (Release with debug info, Ninja, ccache when present).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${OUTBOUND_BUILD_DIR:-build}
jobs=${OUTBOUND_JOBS:-$(nproc)}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOUTBOUND_WARNINGS_AS_ERRORS=ON "$@"
cmake --build "$build_dir" --parallel "$jobs"
