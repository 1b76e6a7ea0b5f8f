#!/usr/bin/env bash
# Fails when a crate declares a dependency its code never uses (issue 22),
# with cargo-machete over every manifest of the repository (the workspace,
# fuzz/, tests/outside/). Installs the pinned cargo-machete into
# target/tools if it is missing, as scripts/fuzz.sh installs cargo-fuzz, so
# nothing outside the repository is cached. A dependency machete cannot see
# used (one only a macro or a feature reaches) is listed, with the reason,
# under `[package.metadata.cargo-machete] ignored` in its crate's manifest.
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.9.2
tools="$PWD/target/tools"
if ! "$tools/bin/cargo-machete" --version 2>/dev/null | grep -qF "$version"; then
  echo "unused-deps: installing cargo-machete $version into target/tools"
  cargo install --quiet --locked --root "$tools" --version "$version" cargo-machete
fi
# --with-metadata: cargo tells which crate name each dependency gives (a
# package named `foo-bar` whose library is `foo_baz`) and resolves
# `workspace = true`, instead of machete guessing. Machete skips, with exit
# status 0, a manifest cargo cannot load; here that is a failure. (The
# programs in tests/outside/ build from the crates scripts/package-check.sh
# unpacks, which scripts/test.sh runs first.)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
"$tools/bin/cargo-machete" --with-metadata --skip-target-dir >"$log" 2>&1 || status=$?
cat "$log"
if grep -q '^error when handling' "$log"; then
  echo "unused-deps: cargo-machete could not read every manifest (see above;" \
    "tests/outside/ needs scripts/package-check.sh to have run)" >&2
  exit 1
fi
exit "$status"
