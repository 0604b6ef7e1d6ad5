#!/usr/bin/env bash
# Regenerates docs/fault-matrix.md from a run of the fault-matrix test (build dir: ./build).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${OUTBOUND_BUILD_DIR:-build}
cmake --build "$build_dir" --target test_fault_matrix
export QT_QPA_PLATFORM=offscreen OUTBOUND_NO_KEYCHAIN=1
# The table is written even when a promise fails; the test's verdict is printed, not hidden.
OUTBOUND_FAULT_MATRIX_OUT="$PWD/docs/fault-matrix.md" "$build_dir/tests/unit/faults/test_fault_matrix" || \
    echo "update-fault-matrix: the test reported broken promises (see above); the table shows them" >&2
git --no-pager diff --stat -- docs/fault-matrix.md || true
