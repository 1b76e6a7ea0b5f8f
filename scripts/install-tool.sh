#!/usr/bin/env bash
# Installs a cargo tool into target/tools (nothing is cached outside the
# repository), unless that version is there already:
#
#   bash scripts/install-tool.sh CRATE VERSION
#
# Prints the tool's path. The tools only read files and start builds, so they
# are compiled without optimisation: installing cargo-machete takes 57 s of
# CPU that way, 159 s with its release profile (2026-12-02, this machine).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: scripts/install-tool.sh CRATE VERSION" >&2
  exit 2
fi
crate=$1 version=$2
root="$(cd "$(dirname "$0")/.." && pwd)/target/tools"
bin="$root/bin/$crate"
if ! "$bin" --version 2>/dev/null | grep -qF "$version"; then
  echo "install-tool: installing $crate $version into target/tools" >&2
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 \
    CARGO_PROFILE_RELEASE_DEBUG=false \
    CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_INCREMENTAL=false \
    cargo install --quiet --locked --force --root "$root" --version "$version" "$crate"
fi
echo "$bin"
