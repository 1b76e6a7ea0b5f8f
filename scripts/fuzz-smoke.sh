#!/usr/bin/env bash
# Builds the fuzz targets and runs each for a few seconds (default 5; pass
# another number of seconds as $1). Installs cargo-fuzz into
# target/tools if it is missing, so nothing outside the repository is
# cached. Needs only the stable toolchain: cargo-fuzz's nightly-only flags
# are unlocked with RUSTC_BOOTSTRAP=1.
#
# The longer run documented in RELIABILITY.md is
#   scripts/fuzz-smoke.sh 300
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-5}"
tools="$PWD/target/tools"
if [ ! -x "$tools/bin/cargo-fuzz" ]; then
  cargo install --quiet --locked --root "$tools" cargo-fuzz
fi
export PATH="$tools/bin:$PATH"
export RUSTC_BOOTSTRAP=1
# The fuzz build has its own target dir (sanitizer flags differ from the
# workspace's), inside the shared one.
export CARGO_TARGET_DIR="$PWD/target/fuzz"

bash scripts/fuzz-seed.sh >/dev/null
cd fuzz
targets=(json_envelope jsonp xml_rsp upload_reply oauth_form)
cargo fuzz build
for t in "${targets[@]}"; do
  log="$CARGO_TARGET_DIR/fuzz-$t.log"
  cargo fuzz run "$t" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 >"$log" 2>&1 || { tail -40 "$log"; echo "fuzz-smoke: $t FAILED (log: $log)"; exit 1; }
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  echo "fuzz-smoke: $t: $execs executions in ${secs}s, no crash"
done
