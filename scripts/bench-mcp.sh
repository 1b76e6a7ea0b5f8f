#!/usr/bin/env bash
# Start-up of `flickr mcp` to a ready `initialize` answer, release build: the
# time from spawning the process to reading its answer to `initialize` on
# stdout, over RUNS runs (default 50). Not a test: it measures, it asserts
# nothing. Needs no network: the server reads its (dummy) credentials and
# answers `initialize` without calling Flickr.
#
#   bash scripts/bench-mcp.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"
cargo build --quiet --release -p flickr-cli
bin="$PWD/target/release/flickr"
config="$(mktemp -d)"
trap 'rm -rf "$config"' EXIT
FLICKR_CONFIG_DIR="$config" FLICKR_API_KEY=bench-key python3 - "$bin" "$runs" <<'PY'
import json, statistics, subprocess, sys, time

binary, runs = sys.argv[1], int(sys.argv[2])
init = json.dumps({
    "jsonrpc": "2.0", "id": 1, "method": "initialize",
    "params": {"protocolVersion": "2025-06-18", "capabilities": {},
               "clientInfo": {"name": "bench", "version": "0"}},
}) + "\n"
times = []
for _ in range(runs + 3):
    start = time.perf_counter()
    p = subprocess.Popen([binary, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    p.stdin.write(init)
    p.stdin.flush()
    answer = json.loads(p.stdout.readline())
    elapsed = time.perf_counter() - start
    assert answer["result"]["serverInfo"]["name"] == "flickr", answer
    p.stdin.close()
    p.wait()
    times.append(elapsed * 1000)
times = sorted(times[3:])  # the first runs warm the page cache
q = statistics.quantiles(times, n=10)
print(f"flickr mcp start-up to initialize answer, {runs} runs: "
      f"median {statistics.median(times):.1f} ms, p90 {q[-1]:.1f} ms, min {times[0]:.1f} ms, max {times[-1]:.1f} ms")
PY
