#!/usr/bin/env bash
# The cost per call of the quota stores: the in-process bucket against the
# Redis store on a loopback Redis (flickr-core/benches/quota.rs). Starts a
# private redis-server on a free port (no persistence) and stops it after.
# Not a test: it measures, it asserts nothing.
#
#   bash scripts/bench-quota.sh [criterion args…]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || {
  echo "bench-quota.sh: redis-server is missing (apt-get install redis-server)" >&2
  exit 1
}
cargo bench --quiet -p flickr-core --features redis-quota --bench quota --no-run
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
  --dir "$dir" --loglevel warning &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do
  redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break
  sleep 0.1
done
redis-server --version
if [ $# -eq 0 ]; then
  set -- --warm-up-time 1 --measurement-time 5
fi
FLICKR_BENCH_REDIS="redis://127.0.0.1:$port/" \
  cargo bench --quiet -p flickr-core --features redis-quota --bench quota -- "$@"
