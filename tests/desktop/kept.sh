#!/usr/bin/env bash
# kept.sh APP EXAMPLES ARTIFACTS — the desktop app keeps the session in $XDG_CONFIG_HOME: a run
# writes it, the next run without arguments starts from it, a damaged one is set aside (not
# overwritten) for the default, and a folder that cannot be written leaves the app working. It
# opens a link the page made (--link) instead of the kept session, and a damaged link leaves the
# kept session as it was.
set -uo pipefail
app=$1 examples=$2 artifacts=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$artifacts"
passed=0 failed=0
check() {
  local name=$1; shift
  if "$@"; then echo "PASS kept: $name"; passed=$((passed + 1)); else echo "FAIL kept: $name"; failed=$((failed + 1)); fi
}
run() {  # run CONFIG NAME ARGS…: ten frames under Xvfb and a screenshot that is not blank
  local config=$1 name=$2; shift 2
  local png="$artifacts/kept-$name.png"
  rm -f "$png"
  XDG_CONFIG_HOME=$config xvfb-run -a -s "-screen 0 1280x800x24" "$app" --frames 10 --screenshot "$png" "$@" || return 1
  awk "BEGIN { exit !($(/usr/bin/python3 "$here/luma_variance.py" "$png") > 100) }"
}
kept() {  # kept FILE EXPRESSION: a Python expression over the kept JSON `k` holds
  /usr/bin/python3 -c 'import json, sys; k = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"
}

config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
state="$config/attention-explorer/state.json"
check "a run with a scenario and a scale" run "$config" first --scenario "$examples/mask_causal.json" --scale 1.5
check "keeps them in \$XDG_CONFIG_HOME/attention-explorer/state.json" \
  kept "$state" 'k["scenario"]["options"]["mask"] == "causal" and k["view"]["ui_scale"] == 1.5 and "explorer_version" in k'
check "the next run without arguments" run "$config" second
check "starts from the kept session (and keeps it again)" \
  kept "$state" 'k["scenario"]["options"]["mask"] == "causal" and k["view"]["ui_scale"] == 1.5'

damaged='{"scenario": {"variant": "magic"}}'
printf '%s' "$damaged" > "$state"
check "a run over a damaged session" run "$config" damaged
aside=$(ls "$config"/attention-explorer/state.unreadable-*.json 2>/dev/null | head -n 1)
check "sets the damaged text aside, unchanged" test -n "$aside" -a "$(cat "${aside:-/dev/null}")" = "$damaged"
check "and starts on the default scenario" kept "$state" '"mask" not in k["scenario"]["options"] or k["scenario"]["options"]["mask"] == "none"'

link=$(cat "$here/../fuzz/seeds/fuzz_link/page-link.txt")  # the default, light theme, Cost folded
check "a run with a link the page made" run "$config" link --link "$link"
check "opens its state (and keeps it)" kept "$state" 'k["view"]["light_theme"] and k["view"]["folded"] == ["cost"]'
before=$(cat "$state")
check "a run with a link cut short" run "$config" cut-link --link "${link:0:200}"
check "leaves the kept session as it was" test "$(cat "$state")" = "$before"

blocked=$(mktemp)  # a file where the config folder should be: nothing can be written there
check "a config folder that cannot be written leaves the app working" run "$blocked" unwritable
rm -f "$blocked"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
