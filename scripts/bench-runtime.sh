#!/usr/bin/env bash
# The runtime side by side: signing, decoding and end-to-end calls of two
# checkouts (e.g. a git worktree of the commit before a change, and this
# one), run one after the other in the same session so the machine's noise
# hits both. Not a test: it measures, it asserts nothing.
#
#   bash scripts/bench-runtime.sh OLD_DIR [NEW_DIR]
#
# Each checkout builds its benches in its own target dir
# (OLD_DIR/target-bench, NEW_DIR/target-bench). Criterion's lines
# ("name  time: [low mean high]") are collected in
# target/bench-runtime/results.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
old="$(cd "$1" && pwd)"
new="$(cd "${2:-$here}" && pwd)"
out="$here/target/bench-runtime"
mkdir -p "$out"
results="$out/results.txt"
: > "$results"
args=(-- --warm-up-time 1 --measurement-time 4)
benches=("flickr-core sign" "flickr-sdk decode" "flickr-sdk e2e")

# Build everything first, so the timed runs do not compete with a compiler.
for dir in "$old" "$new"; do
  for b in "${benches[@]}"; do
    set -- $b
    (cd "$dir" && CARGO_TARGET_DIR="$dir/target-bench" cargo bench --quiet -p "$1" --bench "$2" --no-run)
  done
done
for b in "${benches[@]}"; do
  set -- $b
  for dir in "$old" "$new"; do
    label="$(git -C "$dir" rev-parse --short HEAD)"
    echo "== $2 at $label" | tee -a "$results"
    (cd "$dir" && CARGO_TARGET_DIR="$dir/target-bench" cargo bench --quiet -p "$1" --bench "$2" "${args[@]}" 2>/dev/null) \
      | grep -E -B1 "time:|calls/s" | grep -v "^--$" | tee -a "$results"
  done
done
