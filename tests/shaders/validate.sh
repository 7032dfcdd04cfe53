#!/usr/bin/env bash
# validate.sh SHADER_DIR — compile every shaders/*.{vert,frag}.glsl with glslangValidator for both
# targets, each with the exact prologue the app prepends (read from src/platform/shader_source.hpp):
# GLSL ES 3.00 (WebGL2) and GLSL 330 core (desktop).
set -euo pipefail
dir=$1
header=$(dirname "$0")/../../src/platform/shader_source.hpp
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
mapfile -t prologues < <(grep -o 'kShaderPrologue = ".*"' "$header" | sed -E 's/^kShaderPrologue = "(.*)"$/\1/')
[ ${#prologues[@]} -eq 2 ] || { echo "expected two prologues in $header"; exit 1; }
for shader in "$dir"/*.glsl; do
  name=$(basename "$shader" .glsl)  # heatmap.vert
  stage=${name##*.}
  for prologue in "${prologues[@]}"; do
    out="$tmp/$name.$stage"
    { printf '%b' "$prologue"; cat "$shader"; } > "$out"
    if log=$(glslangValidator "$out" 2>&1); then
      echo "PASS $name ($(printf '%b' "$prologue" | head -n 1))"; passed=$((passed + 1))
    else
      echo "FAIL $name ($(printf '%b' "$prologue" | head -n 1))"; echo "$log"; failed=$((failed + 1))
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
