#!/usr/bin/env bash
# font_glyphs.test.sh SOURCE_DIR — the font's character check fails the build as it should: on a
# character DejaVu Sans lacks and on LaTeX in a shown string, naming the file and line; and it
# passes on the tree itself, with ℓ, ᵇ, ∨, ⌊ and ⌋ in the subset, and every subscript digit the
# explanations compose (s₃,₉).
set -uo pipefail
src=$1
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
script="$src/cmake/font_glyphs.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() {
  local name=$1; shift
  if "$@"; then echo "PASS glyphs: $name"; passed=$((passed + 1)); else echo "FAIL glyphs: $name"; failed=$((failed + 1)); fi
}
mkdir -p "$work/missing" "$work/latex"
printf 'const char* kLabel = "token 中";\n' > "$work/missing/label.cpp"
printf 'const char* kFormula = "Σ_{j≤t} φ(kⱼ)";\n' > "$work/latex/formula.cpp"
/usr/bin/python3 "$script" "$font" "$work/u.txt" "$work/r.inc" "$work/missing" > "$work/missing.log" 2>&1
check "a character the font lacks fails, with its place" grep -q "missing/label.cpp:1: U+4E2D" "$work/missing.log"
/usr/bin/python3 "$script" "$font" "$work/u.txt" "$work/r.inc" "$work/latex" > "$work/latex.log" 2>&1
check "LaTeX in a shown string fails, with its place" grep -q "latex/formula.cpp:1: LaTeX" "$work/latex.log"
(cd "$src" && /usr/bin/python3 "$script" "$font" "$work/u.txt" "$work/r.inc" src examples web lessons applications)
check "the tree passes" test $? -eq 0
for code in 2113 1D47 2228 230A 230B FFFD 2083 2089; do  # ℓ ᵇ ∨ ⌊ ⌋, the placeholder �, ₃ and ₉
  check "U+$code is in the subset" /usr/bin/python3 -c "
import sys
ranges = [tuple(int(x, 16) for x in line.strip()[2:].split('-')) for line in open(sys.argv[1])]
sys.exit(0 if any(a <= 0x$code <= b for a, b in ranges) else 1)" "$work/u.txt"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
