#!/usr/bin/env bash
# Build-cost benchmark for flickr-sdk (issue: lean build). Not a test: it
# measures, it asserts nothing. Every build starts from an empty target
# directory, so dependencies are built too; the figure reported for a build
# is flickr-sdk's own unit time from `cargo build --timings` (the crate a
# user's program pays for), plus the wall time of the whole build.
#
#   bash scripts/bench-build.sh [SOURCE_DIR] [OUT_DIR]
#
# SOURCE_DIR defaults to this checkout; pass another checkout (e.g. a git
# worktree of an older commit) to measure it the same way, side by side.
# Results go to OUT_DIR (default target/bench-build/<commit>) as
# results.txt; cargo-llvm-lines is installed under target/tools when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
src="$(cd "${1:-$here}" && pwd)"
commit="$(git -C "$src" rev-parse --short HEAD)"
out="${2:-$here/target/bench-build/$commit}"
mkdir -p "$out"
tools="$here/target/tools"
export PATH="$tools/bin:$PATH"
bash "$here/scripts/install-tool.sh" cargo-llvm-lines 0.4.48 >/dev/null
results="$out/results.txt"
# The bindings package: `flickr-sdk`, named `flickr-api` (in the folder of
# that name) before the 0.1 rename; so older commits are measured the same way.
pkg=$(cd "$src" && cargo metadata --no-deps --format-version 1 --offline |
  python3 -c 'import json, sys
names = [p["name"] for p in json.load(sys.stdin)["packages"]]
print(next((n for n in ("flickr-sdk", "flickr-api") if n in names), ""))')
if [[ -z "$pkg" ]]; then
  echo "bench-build: no flickr-sdk or flickr-api package in $src" >&2
  exit 1
fi
pkg_dir="$src/$pkg"
: > "$results"
log() { echo "$*" | tee -a "$results"; }

# flickr-sdk's own compile time from a --timings report (seconds).
unit_time() {
  python3 - "$1" "$pkg" <<'PY'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
print(f"{sum(u['duration'] for u in units if u['name'] == sys.argv[2] and 'build' not in u['target']):.1f}")
PY
}

# build NAME ARGS...: a build from an empty target dir; logs flickr-sdk's
# unit time and the whole build's wall time.
build() {
  local name="$1"; shift
  local target="$out/target-$name"
  rm -rf "$target"
  local start end
  start=$(date +%s.%N)
  (cd "$src" && CARGO_TARGET_DIR="$target" cargo build --quiet --timings -p "$pkg" "$@")
  end=$(date +%s.%N)
  local report
  report=$(ls -t "$target"/cargo-timings/cargo-timing-*.html | head -1)
  log "$name: $pkg $(unit_time "$report") s; whole build $(python3 -c "print(f'{$end-$start:.0f}')") s (cargo build -p $pkg $*)"
}

log "source: $src at $commit; $(nproc) cores; $(rustc --version)"
build release-all --release
if grep -q '^photos = ' "$pkg_dir/Cargo.toml"; then
  build release-few --release --no-default-features --features photos,photosets,people,test,rustls-tls
else
  log "release-few: no namespace features in this version"
fi
build dev-all

# Rebuild after a one-line spec change (a method summary), dev profile, on
# the dev build above.
spec="$src/spec/methods/test.toml"
cp "$spec" "$out/test.toml.orig"
sed -i '0,/^summary = "/s//summary = "(benchmark edit) /' "$spec"
start=$(date +%s.%N)
(cd "$src" && CARGO_TARGET_DIR="$out/target-dev-all" cargo build --quiet -p "$pkg")
end=$(date +%s.%N)
cp "$out/test.toml.orig" "$spec"
log "spec-edit rebuild (dev, $pkg): $(python3 -c "print(f'{$end-$start:.1f}')") s"

# LLVM IR lines of flickr-sdk's library, release, every feature.
lines=$(cd "$src" && CARGO_TARGET_DIR="$out/target-release-all" cargo llvm-lines --quiet -p "$pkg" --lib --release 2>/dev/null | awk '/\(TOTAL\)/ {print $1 " lines, " $2 " copies"; exit}')
log "llvm-lines (cargo llvm-lines -p $pkg --lib --release): $lines"

# Generated source lines.
gen=$(ls -td "$out"/target-dev-all/debug/build/"$pkg"-*/out | head -1)
log "generated source: $(cat "$gen"/*.rs | wc -l) lines in $(ls "$gen"/*.rs | wc -l) files"
rm -rf "$out"/target-*
