#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for a while and reports its executions.
#
#   scripts/fuzz.sh smoke [SECONDS]  the CI smoke (.ci/run): an unoptimised
#                                    build without a sanitizer (libFuzzer
#                                    itself at -O1, fuzz/Cargo.toml; about
#                                    3 min from scratch on 2 cores), 10 s per
#                                    target
#   scripts/fuzz.sh long [SECONDS]   the long run recorded in RELIABILITY.md:
#                                    an optimised build with AddressSanitizer,
#                                    1200 s per target
#   scripts/fuzz.sh smoke|long SECONDS TARGET...   only these targets
#
# FUZZ_JOBS=N runs up to N targets at once (default 1, one after the other);
# each has its own log (target/fuzz-MODE/<target>.log), corpus directory and
# artifact directory, so they do not collide. On a shared machine run the
# long run niced: `FUZZ_JOBS=6 nice -n 19 bash scripts/fuzz.sh long`.
#
# Each target gets the -max_len of fuzz/limits.sh.
#
# Fails, printing the end of the target's log, when a target crashes (one at
# a time: at the first crash; in parallel: no new target is started, the
# running ones finish); libFuzzer leaves the input that crashed in
# fuzz/artifacts/<target>/.
# Installs cargo-fuzz into target/tools if it is missing, so nothing outside
# the repository is cached. Needs only the stable toolchain: cargo-fuzz's
# nightly-only flags are unlocked with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-smoke}"
case "$mode" in
  smoke) secs="${2:-10}"; build=(--dev --sanitizer none) ;;
  long) secs="${2:-1200}"; build=(--release --sanitizer address) ;;
  *) echo "usage: scripts/fuzz.sh smoke|long [SECONDS]" >&2; exit 2 ;;
esac
jobs_max="${FUZZ_JOBS:-1}"
if ! [[ $jobs_max =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz: FUZZ_JOBS must be a positive number, not '$jobs_max'" >&2
  exit 2
fi
targets=(json_envelope jsonp xml_rsp upload_reply oauth_form multipart_form)
if [ $# -gt 2 ]; then
  targets=("${@:3}")
fi
# shellcheck source=../fuzz/limits.sh
source fuzz/limits.sh

cargo_fuzz="$(bash scripts/install-tool.sh cargo-fuzz 0.13.2)"
export PATH="$(dirname "$cargo_fuzz"):$PATH"
export RUSTC_BOOTSTRAP=1
# Each mode has its own target dir (the instrumentation flags differ from the
# workspace's and from each other's), inside the repository's.
export CARGO_TARGET_DIR="$PWD/target/fuzz-$mode"

# The smoke starts from the seeds alone, every time; the long run keeps
# growing fuzz/corpus.
if [ "$mode" = smoke ]; then
  corpus="$CARGO_TARGET_DIR/corpus"
  rm -rf "$corpus"
else
  corpus="$PWD/fuzz/corpus"
fi
bash scripts/fuzz-seed.sh "$corpus" >/dev/null
cd fuzz
start=$SECONDS
cargo fuzz build "${build[@]}"
echo "fuzz: built the ${#targets[@]} targets ($mode) in $((SECONDS - start)) s"
run_target() { # target: runs it, then prints one line of results
  local t="$1"
  local log="$CARGO_TARGET_DIR/$t.log"
  if ! cargo fuzz run "${build[@]}" "$t" "$corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=2048 \
    -max_len="$(max_len_of "$t")" \
    -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $t FAILED (log: $log, input: fuzz/artifacts/$t/)" >&2
    return 1
  fi
  local execs inputs edges rss rate='?'
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  inputs=$(find "$corpus/$t" -type f | wc -l)
  edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
  rss=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  if [[ $execs =~ ^[0-9]+$ ]]; then
    rate=$((execs / secs))
  fi
  echo "fuzz: $t: $execs executions in ${secs} s (${rate}/s), coverage $edges edges, 0 crashes, corpus of $inputs inputs, peak RSS $rss MB"
}

running=()
failed=0
for t in "${targets[@]}"; do
  run_target "$t" &
  running+=($!)
  if [ "${#running[@]}" -ge "$jobs_max" ]; then
    wait "${running[0]}" || failed=1
    running=("${running[@]:1}")
    [ "$failed" = 0 ] || break
  fi
done
for pid in "${running[@]}"; do
  wait "$pid" || failed=1
done
exit "$failed"
