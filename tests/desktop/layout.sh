#!/usr/bin/env bash
# layout.sh APP EXAMPLES ARTIFACTS — the desktop explorer keeps the layout rules
# (tests/layout/check_layout.mjs) for every example scenario and application (applications/), in a
# small window (800 × 500) and a 1080p one, at 100 % and 200 %: it renders, writes its named items'
# rectangles (--rects), and the rules are checked on them; so is every step of every built-in
# lesson (lessons/), its bar open, at 200 %. A screenshot of each size is kept, and of every
# application's view at 1080p and 200 %, to be looked at.
set -euo pipefail
# One X server for every run (starting one per run would double the test's time).
[ -n "${LAYOUT_DISPLAY:-}" ] || exec env LAYOUT_DISPLAY=1 xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" "$@"
app=$1 examples=$2 artifacts=$3
check=$(dirname "$0")/../layout/check_layout.mjs
mkdir -p "$artifacts"
passed=0 failed=0
for size in 800x500 1920x1080; do
  for scale in 1 2; do
    for example in "$examples"/*.json "$examples"/../applications/*.json; do
      name=$(basename "$example" .json)
      [[ $example == */applications/* ]] && name=app-$name
      rects="$artifacts/layout-$name-$size-$scale.json"
      png="$artifacts/layout-$name-$size-$scale.png"
      XDG_CONFIG_HOME=$(mktemp -d) "$app" --scenario "$example" --size "$size" \
        --scale "$scale" --frames 6 --screenshot "$png" --rects "$rects"
      if problems=$(node "$check" "$rects" ${size/x/ }) && [[ $problems == *"the layout holds"* ]]; then
        passed=$((passed + 1))
        # One picture per size and scale, and every application's at 1080p and 200 %.
        [ "$name" = scaled_dot ] || [[ $name == app-* && $size = 1920x1080 && $scale = 2 ]] || rm -f "$png" "$rects"
      else
        echo "FAIL desktop layout $name at $size, $scale×:"; echo "$problems"; failed=$((failed + 1))
      fi
    done
    [ "$scale" = 2 ] || { echo "desktop layout at $size, $scale×: checked"; continue; }  # lessons at 200 %, the harder
    for lesson in "$examples"/../lessons/*.json; do
      read -r id steps < <(/usr/bin/python3 -c 'import json, sys; l = json.load(open(sys.argv[1])); print(l["id"], len(l["steps"]))' "$lesson")
      for ((step = 0; step < steps; step++)); do
        rects="$artifacts/layout-lesson-$id-$step-$size-$scale.json"
        png="$artifacts/layout-lesson-$id-$step-$size-$scale.png"
        XDG_CONFIG_HOME=$(mktemp -d) "$app" --lesson "$id" --step "$step" --size "$size" \
          --scale "$scale" --frames 6 --screenshot "$png" --rects "$rects"
        if problems=$(node "$check" "$rects" ${size/x/ }) && [[ $problems == *"the layout holds"* ]]; then
          passed=$((passed + 1))
          [ "$id-$step" = by-hand-0 ] || rm -f "$png" "$rects"
        else
          echo "FAIL desktop layout of lesson $id, step $step at $size, $scale×:"; echo "$problems"; failed=$((failed + 1))
        fi
      done
    done
    echo "desktop layout at $size, $scale×: checked"
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
