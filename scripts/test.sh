#!/usr/bin/env bash
# The README's test command: sets up everything the tests need on a fresh
# machine, then runs the whole workspace test suite.
#
# - a Python venv under target/pyenv with the packages in
#   scripts/requirements-test.txt (oauthlib for the signer cross-check, and
#   the independent clients pointed at the loopback Flickr);
# - `cargo test --workspace` (unit, integration, snapshot and doc tests);
# - the 2 GB streamed-upload memory check, in release mode (too slow in debug);
# - the fuzz smoke: every fuzz target in fuzz/ built and run for 10 s
#   (scripts/fuzz.sh smoke; installs cargo-fuzz into target/tools).
#
# Arguments are passed to `cargo test --workspace` and then only that runs:
# `bash scripts/test.sh -p flickr-core` sets up the venv and tests one crate.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/pyenv
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s scripts/requirements-test.txt "$stamp"; then
  echo "test.sh: setting up $venv (Python packages for the cross-checks)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/requirements-test.txt
  cp scripts/requirements-test.txt "$stamp"
fi
export FLICKR_TEST_PYTHON="$PWD/$venv/bin/python"

cargo test --workspace "$@"
if [ $# -gt 0 ]; then
  exit 0
fi
cargo test --release -p flickr-core --test upload_large -- --ignored
bash scripts/fuzz.sh smoke
