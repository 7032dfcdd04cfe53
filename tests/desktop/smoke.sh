#!/usr/bin/env bash
# smoke.sh APP ARTIFACTS — the desktop explorer under Xvfb renders frames, saves a screenshot and
# exits 0: at normal and projector scale, and with the example scenarios of several variants;
# each screenshot must not be blank.
set -euo pipefail
app=$1 artifacts=$2
mkdir -p "$artifacts"
passed=0 failed=0

variance() { /usr/bin/python3 "$(dirname "$0")/luma_variance.py" "$1"; }

run() {  # run NAME ARGS…: render, then check exit code and screenshot
  local name=$1; shift
  local png="$artifacts/desktop-$name.png"
  rm -f "$png"
  # A config folder of its own: no run sees another's kept session (kept.sh tests that).
  if XDG_CONFIG_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1920x1080x24" "$app" --frames 10 --screenshot "$png" "$@"; then
    local v; v=$(variance "$png")
    if awk "BEGIN { exit !($v > 100) }"; then
      echo "PASS desktop $name: exit 0, screenshot $png, luma variance $v"; passed=$((passed + 1))
    else
      echo "FAIL desktop $name: screenshot looks blank (luma variance $v)"; failed=$((failed + 1))
    fi
  else
    echo "FAIL desktop $name: exit code $?"; failed=$((failed + 1))
  fi
}

run default
run projector --scale 2 --size 1600x1000
# The browser tests' scenarios, on the desktop build: each panel appears with its variant.
examples=$(dirname "$0")/../../examples
for example in form_multi_head mask_local_p use_concat_tanh linear_causal hard_sample tiled; do
  run "$example" --scenario "$examples/$example.json" --size 1600x1000
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
