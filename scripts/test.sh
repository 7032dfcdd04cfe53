#!/usr/bin/env bash
# test.sh — install what is missing, build the three trees (desktop, web, sanitize) and run every
# test: unit tests natively and as WASM under Node, the CLI, the NumPy reference, shader validation,
# the desktop app under Xvfb, the page in headless Chromium, and again the unit, CLI and reference
# tests under AddressSanitizer + UndefinedBehaviorSanitizer (leaks included) beside a bounded
# libFuzzer run of each fuzz target. Ends with "N passed, N failed" (CTest tests over the three
# trees) and exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/bootstrap.sh || exit 1
jobs=$(nproc)

status=0
passed=0
failed=0
for preset in desktop web sanitize; do
  echo "== $preset: configure and build"
  if ! { cmake --preset "$preset" >/dev/null && cmake --build --preset "$preset" -j "$jobs"; }; then
    echo "== $preset: build FAILED"
    status=1
    failed=$((failed + 1))
    continue
  fi
  echo "== $preset: tests"
  log=$(mktemp)
  ctest --preset "$preset" 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  # CTest's summary: "100% tests passed, 0 tests failed out of 7"
  read -r f total < <(sed -nE 's/.*tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\1 \2/p' "$log" | tail -n 1)
  if [ -z "${total:-}" ]; then status=1; failed=$((failed + 1)); else
    passed=$((passed + total - f)); failed=$((failed + f)); fi
  rm -f "$log"
  unset f total
done

echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
