#!/usr/bin/env bash
# Structure rules, checked by scripts/test.sh (and so CI):
# - no import circle among the modules of any crate (scripts/import_cycles.py
#   reads `use crate::…`, `use super::…` and inline `crate::…` paths);
# - no hand-written source file over 600 lines (files in git; the generated
#   bindings live in OUT_DIR and are not counted).
# `--self-test` first checks that the circle check fails on a made-up circle.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--self-test" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/demo/src"
  printf 'mod a;\nmod b;\n' >"$tmp/demo/src/lib.rs"
  printf 'use crate::b::B;\npub struct A;\n' >"$tmp/demo/src/a.rs"
  printf 'use super::a::A;\npub struct B;\n' >"$tmp/demo/src/b.rs"
  if python3 scripts/import_cycles.py "$tmp" >/dev/null; then
    echo "structure: the circle check missed a circle (a.rs -> b.rs -> a.rs)" >&2
    exit 1
  fi
  printf 'pub struct B;\n' >"$tmp/demo/src/b.rs"
  python3 scripts/import_cycles.py "$tmp" >/dev/null
fi

python3 scripts/import_cycles.py .
over=$(git ls-files -z '*.rs' | xargs -0 wc -l | awk '$2 != "total" && $1 > 600 { print "  " $2 ": " $1 " lines" }')
if [ -n "$over" ]; then
  echo "structure: hand-written source files over 600 lines (split them by concern):" >&2
  echo "$over" >&2
  exit 1
fi
echo "structure: no import circle, no source file over 600 lines"
