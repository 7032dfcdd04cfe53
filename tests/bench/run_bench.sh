#!/usr/bin/env bash
# run_bench.sh — the attention benchmark, native and WASM in one run, with their ratio.
#
#   tests/bench/run_bench.sh [--quick]
#
# Reads build/desktop/tests/bench and build/web/tests/bench.js (override with NATIVE_BENCH and
# WASM_BENCH); both presets build them (scripts/test.sh does), or by hand:
#   cmake --build --preset desktop --target bench && cmake --build --preset web --target bench
# The native run saves its medians; the WASM run reads them and adds a wasm/native column.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
native=${NATIVE_BENCH:-$root/build/desktop/tests/bench}
wasm=${WASM_BENCH:-$root/build/web/tests/bench.js}
medians=$(mktemp)
trap 'rm -f "$medians"' EXIT

"$native" --save "$medians" "$@"
echo
if [ -f "$wasm" ]; then
    NODE_PATH=${NODE_PATH:-/usr/share/nodejs} node --no-experimental-fetch "$wasm" --baseline "$medians" "$@"
else
    echo "no WASM build at $wasm: build the bench target in a web tree to compare"
fi
