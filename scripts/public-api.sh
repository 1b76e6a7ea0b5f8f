#!/usr/bin/env bash
# The public API of every publishable crate, checked against the listings in
# public-api/<crate>.txt: a public item added, removed or changed without its
# listing changing fails, with the diff and the command that updates the
# listing. Offline: rustdoc's JSON output (unstable, enabled on the stable
# toolchain with RUSTC_BOOTSTRAP=1, the way docs.rs builds) read by
# scripts/public_api.py.
#
#   bash scripts/public-api.sh            # check (scripts/test.sh runs this)
#   bash scripts/public-api.sh --update   # rewrite the listings after a change on purpose
#   bash scripts/public-api.sh --self-test  # proves the check fails on an added item
#
# Items marked #[doc(hidden)] (the `__private` support modules, the
# `fuzzing` entry points) are not listed: they are not part of the API.
set -euo pipefail
cd "$(dirname "$0")/.."

# crate (package) | lib name. The listings are made by one `cargo doc` of the
# whole workspace, so each crate has the features the workspace turns on
# (flickr-sdk: full, blocking, schemas and redis-quota, from flickr-cli), and
# the dependencies it checks are the ones `cargo doc` in .ci/run reuses.
CRATES=(
  "flickr-core|flickr_core"
  "flickr-sdk|flickr_sdk"
  "flickr-codegen|flickr_codegen"
  "flickr-testkit|flickr_testkit"
  "flickr-backup|flickr_backup"
  "flickr-archive|flickr_archive"
)

self_test() {
  # A scratch crate with one public function, listed; then a second public
  # function added without the listing changing must fail the comparison.
  local dir
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' RETURN
  mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<'EOF'
[package]
name = "surface-probe"
version = "0.0.0"
edition = "2021"
[workspace]
EOF
  echo 'pub fn kept() {}' >"$dir/src/lib.rs"
  (cd "$dir" && RUSTC_BOOTSTRAP=1 cargo rustdoc --quiet --lib -- -Z unstable-options --output-format json)
  python3 scripts/public_api.py "$dir/target/doc/surface_probe.json" >"$dir/before.txt"
  printf 'pub fn kept() {}\npub fn added(n: u32) -> String { n.to_string() }\n#[doc(hidden)]\npub mod __private { pub fn hidden() {} }\n' >"$dir/src/lib.rs"
  (cd "$dir" && RUSTC_BOOTSTRAP=1 cargo rustdoc --quiet --lib -- -Z unstable-options --output-format json)
  python3 scripts/public_api.py "$dir/target/doc/surface_probe.json" >"$dir/after.txt"
  if diff -u "$dir/before.txt" "$dir/after.txt" >"$dir/diff.txt"; then
    echo "public-api self-test: adding a public fn did not change the listing" >&2
    return 1
  fi
  if ! grep -qx '+pub fn surface_probe::added(n: u32) -> String' "$dir/diff.txt"; then
    echo "public-api self-test: the diff does not show the added fn:" >&2
    cat "$dir/diff.txt" >&2
    return 1
  fi
  if grep -q hidden "$dir/after.txt"; then
    echo "public-api self-test: a #[doc(hidden)] item was listed" >&2
    return 1
  fi
  echo "public-api self-test: an added public fn changes the listing; #[doc(hidden)] items are not listed"
}

mode=${1:-check}
case "$mode" in
  --self-test)
    self_test
    exit
    ;;
  --update | check) ;;
  *)
    echo "usage: bash scripts/public-api.sh [--update | --self-test]" >&2
    exit 2
    ;;
esac

fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
RUSTC_BOOTSTRAP=1 RUSTDOCFLAGS="-Z unstable-options --output-format json --cap-lints allow" \
  cargo doc --workspace --no-deps --quiet
failed=0
for entry in "${CRATES[@]}"; do
  IFS='|' read -r package lib <<<"$entry"
  python3 scripts/public_api.py "target/doc/$lib.json" >"$fresh/$package.txt"
  if [ "$mode" = --update ]; then
    mkdir -p public-api
    cp "$fresh/$package.txt" "public-api/$package.txt"
    echo "public-api: wrote public-api/$package.txt ($(wc -l <"$fresh/$package.txt") items)"
  elif ! diff -u "public-api/$package.txt" "$fresh/$package.txt"; then
    failed=1
    echo "public-api: the public API of $package changed (diff above: - listed, + now)." >&2
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "public-api: if the change is on purpose, run \`bash scripts/public-api.sh --update\` and commit public-api/." >&2
  exit 1
fi
if [ "$mode" = check ]; then
  echo "public-api: every crate's public API matches public-api/"
fi
