#!/usr/bin/env bash
# Proves that the crates users install build from what they ship, and work
# for a program outside the workspace (what `cargo add` gives a user). Run by scripts/test.sh.
#
# 1. `cargo package` of every publishable workspace crate (those without
#    `publish = false`), verifying: cargo builds each from its own `.crate`,
#    with the workspace's unpublished crates served from a local registry
#    of the `.crate` files it just made.
# 2. The `.crate` files unpacked into target/package-check/crates/NAME, and
#    the programs in tests/outside/ (their own workspace; `[patch.crates-io]`
#    points `flickr-sdk = "0.1"` and the others there) built offline with
#    their checked-in Cargo.lock and run: sdk-user calls flickr.test.login
#    and flickr.photos.search on the loopback Flickr, backup-user mirrors an
#    account of it with flickr-backup; each checks the answers and prints
#    one `…: ok: …` line.
#
# Everything lives in target/package-check: the build directory (shared by
# the two steps, so the outside programs reuse the third-party crates built
# for the verification) and a CARGO_HOME of its own whose registry index,
# downloaded crates and unpacked crates.io sources are links to the real
# CARGO_HOME's. Cargo unpacks the local registry's crates into
# CARGO_HOME/registry/src and never rebuilds a registry crate of an
# unchanged version, so a second run would verify flickr-sdk against the
# flickr-codegen of the first; this script therefore removes those unpacked
# copies and the workspace crates' build artifacts before packaging.
#
#   scripts/package-check.sh                 the check
#   scripts/package-check.sh --update-lock   refresh tests/outside/Cargo.lock
#                                            from the workspace's Cargo.lock
#                                            (after a dependency changed)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
work="$repo/target/package-check"
outside="$repo/tests/outside"

update_lock=false
case "${1:-}" in
  "") ;;
  --update-lock) update_lock=true ;;
  *) echo "usage: scripts/package-check.sh [--update-lock]" >&2; exit 2 ;;
esac

# --- a CARGO_HOME whose registry/src holds only this check's local registry
real_home="${CARGO_HOME:-$HOME/.cargo}"
home="$work/cargo-home"
mkdir -p "$home/registry/src"
for part in index cache; do
  if [ -e "$real_home/registry/$part" ] && [ ! -L "$home/registry/$part" ]; then
    ln -s "$real_home/registry/$part" "$home/registry/$part"
  fi
done
for src in "$real_home"/registry/src/*; do
  name="$(basename "$src")"
  # Local registries unpack into `-HASH`: those stay private.
  case "$name" in -*) continue ;; esac
  [ -e "$home/registry/src/$name" ] || ln -s "$src" "$home/registry/src/$name"
done
for config in config.toml config; do
  if [ -f "$real_home/$config" ] && [ ! -e "$home/$config" ]; then
    ln -s "$real_home/$config" "$home/$config"
  fi
done
rm -rf "$home"/registry/src/-*
export CARGO_HOME="$home"
export CARGO_TARGET_DIR="$work/target"
# A build to prove, not to debug: no debug info, no incremental caches.
export CARGO_PROFILE_DEV_DEBUG=false
export CARGO_INCREMENTAL=0

# --- which crates users install: the members without `publish = false`
mapfile -t crates < <(cargo metadata --offline --no-deps --format-version 1 | python3 -c '
import json, sys
meta = json.load(sys.stdin)
for p in meta["packages"]:
    if p["publish"] != []:
        print(p["name"], p["version"])
')
if [ "${#crates[@]}" -eq 0 ]; then
  echo "package-check: no publishable crate found" >&2
  exit 1
fi
# One version for the workspace (`version.workspace = true` everywhere).
version="${crates[0]#* }"
for i in "${!crates[@]}"; do
  if [ "${crates[$i]#* }" != "$version" ]; then
    echo "package-check: ${crates[$i]}: every crate is expected at version $version" >&2
    exit 1
  fi
  crates[$i]="${crates[$i]%% *}"
done
pkg_args=()
for c in "${crates[@]}"; do
  pkg_args+=(-p "$c")
done

if $update_lock; then
  cp Cargo.lock "$outside/Cargo.lock"
fi

start=$SECONDS
if $update_lock; then
  cargo package --offline --allow-dirty --no-verify "${pkg_args[@]}"
else
  cargo clean --offline --quiet "${pkg_args[@]}"
  echo "package-check: packaging and verifying ${crates[*]}"
  cargo package --offline --allow-dirty "${pkg_args[@]}"
  echo "package-check: every crate built from its .crate in $((SECONDS - start)) s"
fi

# --- no package carries more than it should (bench data, every fixture, …)
max_bytes=$((1024 * 1024))
for c in "${crates[@]}"; do
  file="$CARGO_TARGET_DIR/package/$c-$version.crate"
  if [ ! -f "$file" ]; then
    echo "package-check: cargo package made no $file" >&2
    exit 1
  fi
  size=$(wc -c <"$file")
  if [ "$size" -gt "$max_bytes" ]; then
    echo "package-check: $file is $size bytes, over the $max_bytes budget;" \
      "see \`cargo package -p $c --list\` and its include/exclude" >&2
    exit 1
  fi
done

# --- the programs outside the workspace, from the unpacked .crate files
crates_dir="$work/crates"
rm -rf "$crates_dir"
mkdir -p "$crates_dir"
for c in "${crates[@]}"; do
  mkdir -p "$crates_dir/$c"
  tar -xzf "$CARGO_TARGET_DIR/package/$c-$version.crate" -C "$crates_dir/$c" --strip-components=1
done

if $update_lock; then
  # Keeps the versions of the workspace's lock, adds the programs, drops the rest.
  cargo update --offline --workspace --manifest-path "$outside/Cargo.toml"
  echo "package-check: refreshed tests/outside/Cargo.lock"
  exit 0
fi

start=$SECONDS
if ! cargo build --frozen --manifest-path "$outside/Cargo.toml" --workspace; then
  echo "package-check: the outside programs did not build; if a dependency changed," \
    "refresh their lock with: scripts/package-check.sh --update-lock" >&2
  exit 1
fi
echo "package-check: outside programs built in $((SECONDS - start)) s"
for program in sdk-user backup-user; do
  out="$("$CARGO_TARGET_DIR/debug/$program")"
  echo "$out"
  case "$out" in
    "$program: ok: "*) ;;
    *) echo "package-check: $program did not report success" >&2; exit 1 ;;
  esac
done
