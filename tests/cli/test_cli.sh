#!/usr/bin/env bash
# test_cli.sh — the attention-cli contract, end to end.
#
#   tests/cli/test_cli.sh <attention-cli> <examples-dir>
#
# 1. Every examples/*.json and applications/*.json gives exit 0 and valid JSON on stdout whose steps include "weights"
#    and "context", and nothing on stderr.
# 2. Every kind of bad input (malformed JSON, wrong shapes, non-finite or overflowing numbers,
#    an unknown variant, sizes over the limits, empty input, a missing file, …) gives exit 2,
#    exactly one line on stderr, and nothing on stdout — never a crash, a hang or a partial trace.
# 3. `lesson check` passes every lessons/*.json and refuses a broken lesson, naming its field, the
#    same way; `lesson list` lists every built-in lesson.
set -u
cli=${1:?usage: test_cli.sh <attention-cli> <examples-dir>}
examples=${2:?usage: test_cli.sh <attention-cli> <examples-dir>}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }

# [SECTION] 1. Examples

for example in "$examples"/*.json "$examples"/../applications/*.json; do
    name=$(basename "$example")
    timeout 60 "$cli" "$example" >"$work/out" 2>"$work/err"
    code=$?
    if [ "$code" -ne 0 ]; then fail "$name: exit $code: $(head -c 300 "$work/err")"; continue; fi
    if [ -s "$work/err" ]; then fail "$name: wrote to stderr: $(head -c 300 "$work/err")"; continue; fi
    if ! python3 - "$work/out" <<'PY'
import json, sys
trace = json.load(open(sys.argv[1]))
ids = [step["id"] for step in trace["steps"]]
assert "weights" in ids and "context" in ids, ids
assert isinstance(trace["variant"], str) and trace["diagnostics"]["rows"], "variant or diagnostics missing"
for step in trace["steps"]:
    assert set(step) == {"id", "title", "formula", "shape", "data"}, step.keys()
PY
    then fail "$name: output is not a trace with weights and context"; continue; fi
    # Stdin gives the same trace as the file.
    if ! timeout 60 "$cli" - <"$example" | cmp -s - "$work/out"; then fail "$name: stdin and file differ"; continue; fi
    pass
done
example_count=$((passed + failed))

# [SECTION] 2. Bad input

# expect_refusal <name> <stderr must contain> <cli arguments…>  (input from $work/in)
expect_refusal() {
    local name=$1 needle=$2
    shift 2
    timeout 60 "$cli" "$@" <"$work/in" >"$work/out" 2>"$work/err"
    local code=$? lines
    lines=$(wc -l <"$work/err")
    if [ "$code" -ne 2 ]; then fail "$name: exit $code, expected 2 ($(head -c 300 "$work/err"))"; return; fi
    if [ -s "$work/out" ]; then fail "$name: wrote to stdout"; return; fi
    if [ "$lines" -ne 1 ]; then fail "$name: $lines lines on stderr, expected 1"; return; fi
    if ! grep -qF -- "$needle" "$work/err"; then fail "$name: stderr lacks \"$needle\": $(cat "$work/err")"; return; fi
    # The message is text: valid UTF-8 without control characters (input bytes are escaped, never echoed).
    if ! iconv -f UTF-8 -t UTF-8 "$work/err" >/dev/null 2>&1 || LC_ALL=C grep -qP '[\x00-\x09\x0b-\x1f\x7f]' "$work/err"; then
        fail "$name: raw bytes on stderr: $(od -c "$work/err" | head -3)"; return; fi
    pass
}
# refuse <name> <stderr must contain> <json text>  (given on stdin)
refuse() { printf '%s' "$3" >"$work/in"; expect_refusal "$1" "$2" -; }

plain='"Q": [[1, 0]], "K": [[1, 0], [0, 1]], "V": [[1], [2]]'
refuse "malformed JSON" "malformed JSON" '{"variant": "scaled_dot",'
refuse "empty input" "malformed JSON" ''
refuse "not an object" "expected a JSON object" '[1, 2, 3]'
refuse "NaN literal" "malformed JSON" '{"matrices": {"Q": [[NaN]]}}'
refuse "number overflow" "number overflow" '{"matrices": {"Q": [[1e999]]}}'
refuse "beyond 1e30" "matrices.Q[0][0]: outside the supported range" '{"matrices": {"Q": [[-1e31]]}}'
refuse "string as number" "matrices.K[0][1]: expected a finite number" '{"matrices": {"K": [[1, "x"]]}}'
refuse "ragged rows" "matrices.Q[1]: has 1 entries but row 0 has 2" '{"matrices": {"Q": [[1, 2], [3]]}}'
refuse "unknown variant" 'variant: unknown value "magic"' '{"variant": "magic", "matrices": {'"$plain"'}}'
refuse "unknown application view" 'application.view: unknown view "radar"' '{"matrices": {'"$plain"'}, "application": {"view": "radar"}}'
refuse "graph nodes that miss a key" 'application.nodes: 1 nodes but 2 keys' '{"matrices": {'"$plain"'}, "application": {"view": "graph", "nodes": [[0, 0]]}}'
refuse "an image colour out of range" 'application.shapes[0].colour[1]: must be between 0 and 1' '{"matrices": {'"$plain"'}, "application": {"view": "image", "grid": [1, 2], "shapes": [{"rect": [0, 0, 1, 1], "colour": [0, 2, 0]}]}}'
refuse "unknown option" "options.colour: unknown option" '{"options": {"colour": 1}}'
refuse "unknown matrix" "matrices.Wq: unknown matrix" '{"matrices": {"Wq": [[1]]}}'
refuse "wrong shape" "K has 2 columns but Q has 3 columns: Q (1, 3), K (2, 2)" \
    '{"matrices": {"Q": [[1, 0, 1]], "K": [[1, 0], [0, 1]], "V": [[1], [2]]}}'
refuse "missing matrix" "V is missing or empty" '{"matrices": {"Q": [[1, 0]], "K": [[1, 0]]}}'
refuse "heads do not divide" "options.heads = 3 does not divide" \
    '{"form": "multi_head", "options": {"heads": 3}, "matrices": {"X": [[1, 0]], "W_Q": [[1, 0], [0, 1]],
      "W_K": [[1, 0], [0, 1]], "W_V": [[1, 0], [0, 1]], "W_O": [[1, 0], [0, 1]]}}'
refuse "undefined combination" 'algorithm "linear"' '{"options": {"algorithm": "linear"}, "matrices": {'"$plain"'}}'
refuse "temperature out of range" "options.temperature: must be between" '{"options": {"temperature": 0}}'
refuse "over-limit heads" "options.heads: must be between 1 and 16" '{"options": {"heads": 64}}'
refuse "invalid UTF-8" "malformed JSON" "$(printf '{"description": "\xff\xfe"}')"
refuse "raw bytes escaped" "'\"a\xC3\xA9\xFF'" "$(printf '{"a\xc3\xa9\xff')"

python3 -c 'print("{\"matrices\": {\"K\": [" + ",".join(["[0]"] * 1025) + "]}}")' >"$work/in"
expect_refusal "over-limit rows" "matrices.K: more than 1024 rows" -
python3 -c 'print("[" * 200000 + "]" * 200000)' >"$work/in"
expect_refusal "deep nesting" "expected a JSON object" -
head -c 4096 /dev/urandom >"$work/in"
expect_refusal "binary garbage" "malformed JSON" -
: >"$work/in"
expect_refusal "missing file" "cannot open $work/no-such-file.json" "$work/no-such-file.json"
expect_refusal "a directory" "cannot read $work: it is a folder, not a file" "$work"
expect_refusal "too many arguments" "usage: attention-cli" a b

# [SECTION] 3. Lessons

lessons="$examples/../lessons"
lesson_count=0
for lesson in "$lessons"/*.json; do
    lesson_count=$((lesson_count + 1))
    name=$(basename "$lesson")
    if ! timeout 60 "$cli" lesson check "$lesson" >"$work/out" 2>"$work/err"; then fail "lesson $name: $(cat "$work/err")"; continue; fi
    if ! grep -q ': ok$' "$work/out"; then fail "lesson $name: no verdict: $(cat "$work/out")"; continue; fi
    id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$lesson")
    if ! "$cli" lesson list | python3 -c 'import json, sys; sys.exit(sys.argv[1] not in [l["id"] for l in json.load(sys.stdin)])' "$id"; then
        fail "lesson $name: \"$id\" is not in lesson list"; continue; fi
    pass
done
[ "$lesson_count" -gt 0 ] || fail "no lessons in $lessons"
python3 - "$lessons/02-by-hand.json" "$work/in" <<'PY'
import json, sys
lesson = json.load(open(sys.argv[1]))
lesson["steps"][4]["task"]["solution"] = [{"set": "options.temperature", "to": 2}]
json.dump(lesson, open(sys.argv[2], "w"))
PY
expect_refusal "a lesson whose task cannot be met" "steps[4].task.solution: leaves the goal unmet" lesson check "$work/in"
echo '{"title": "X"}' >"$work/in"
expect_refusal "a lesson without an id" "$work/in: \$: a lesson needs \"id\"" lesson check "$work/in"
echo '{"id": "x", "title": "X", "summary": "S", "steps": [{"text": "{weights[0"}]}' >"$work/in"
expect_refusal "a lesson with broken markup" "steps[0].text: the '{' at character 0 is never closed" lesson check "$work/in"
expect_refusal "lesson without a command" "usage: attention-cli" lesson

echo "attention-cli: $passed passed, $failed failed ($example_count examples and applications, $lesson_count lessons, $((passed + failed - example_count - lesson_count)) refusals)"
[ "$failed" -eq 0 ]
