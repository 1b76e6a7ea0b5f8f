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
# "PACKAGE BENCH"; SDK is the bindings package, whose name depends on the
# checkout (flickr-sdk; flickr-api before commit 1cc1c7a renamed it).
benches=("flickr-core sign" "SDK decode" "SDK e2e")

package_in() { # dir, package from $benches: the package's name in that checkout
  if [ "$2" != SDK ]; then
    echo "$2"
    return
  fi
  local names
  names=$(cd "$1" && cargo metadata --no-deps --format-version 1 --offline |
    python3 -c 'import json, sys; print(*(p["name"] for p in json.load(sys.stdin)["packages"]))')
  for name in flickr-sdk flickr-api; do
    if [[ " $names " == *" $name "* ]]; then
      echo "$name"
      return
    fi
  done
  echo "bench-runtime: no flickr-sdk or flickr-api package in $1" >&2
  return 1
}

# Build everything first, so the timed runs do not compete with a compiler.
for dir in "$old" "$new"; do
  for b in "${benches[@]}"; do
    set -- $b
    pkg=$(package_in "$dir" "$1")
    (cd "$dir" && CARGO_TARGET_DIR="$dir/target-bench" cargo bench --quiet -p "$pkg" --bench "$2" --no-run)
  done
done
for b in "${benches[@]}"; do
  set -- $b
  for dir in "$old" "$new"; do
    pkg=$(package_in "$dir" "$1")
    label="$(git -C "$dir" rev-parse --short HEAD)"
    echo "== $pkg $2 at $label" | tee -a "$results"
    (cd "$dir" && CARGO_TARGET_DIR="$dir/target-bench" cargo bench --quiet -p "$pkg" --bench "$2" "${args[@]}" 2>/dev/null) \
      | grep -E -B1 "time:|calls/s" | grep -v "^--$" | tee -a "$results"
  done
done
