#!/usr/bin/env bash
# run_fuzz.sh <fuzz target> <regressions dir> <seed dir> <work dir> — one bounded fuzzing run.
#
# First every kept regression input (inputs that once crashed the target, minimised with
# -minimize_crash=1) must pass; then 10⁵ new inputs from the seeds. A crash leaves its input in
# <work dir>/crash-* and fails the test: minimise it and add it to the regressions folder.
set -uo pipefail
target=$1 regressions=$2 seeds=$3 work=$4
runs=${FUZZ_RUNS:-100000}
mkdir -p "$work/corpus"
name=$(basename "$target")

if compgen -G "$regressions/*" >/dev/null; then
    if ! "$target" -runs=0 "$regressions"/* >"$work/regressions.log" 2>&1; then
        tail -n 30 "$work/regressions.log"
        echo "$name: a kept regression input fails again"
        echo "0 passed, 1 failed"
        exit 1
    fi
fi
"$target" -runs="$runs" -max_len=8192 -seed=1 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$work/" "$work/corpus" "$seeds" >"$work/fuzz.log" 2>&1
status=$?
grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/fuzz.log"
if [ "$status" -ne 0 ]; then
    tail -n 40 "$work/fuzz.log"
    echo "$name: crashed; the input is in $work (add it, minimised, to $regressions)"
    echo "0 passed, 1 failed"
    exit 1
fi
echo "$name: $runs inputs, no crash"
echo "1 passed, 0 failed"
