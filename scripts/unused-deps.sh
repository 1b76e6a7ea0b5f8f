#!/usr/bin/env bash
# Fails when a crate declares a dependency its code never uses (an unused one
# costs every user its build time),
# with cargo-machete over every manifest of the repository (the workspace,
# fuzz/, tests/outside/). Installs the pinned cargo-machete into
# target/tools if it is missing, as scripts/fuzz.sh installs cargo-fuzz, so
# nothing outside the repository is cached. A dependency machete cannot see
# used (one only a macro or a feature reaches) is listed, with the reason,
# under `[package.metadata.cargo-machete] ignored` in its crate's manifest.
set -euo pipefail
cd "$(dirname "$0")/.."
machete="$(bash scripts/install-tool.sh cargo-machete 0.9.2)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
"$machete" --with-metadata --skip-target-dir >"$log" 2>&1 || status=$?
cat "$log"
if grep -q '^error when handling' "$log"; then
  echo "unused-deps: cargo-machete could not read every manifest (see above;" \
    "tests/outside/ needs scripts/package-check.sh to have run)" >&2
  exit 1
fi
exit "$status"
