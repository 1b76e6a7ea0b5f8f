#!/usr/bin/env bash
# `flickr archive` on the loopback Flickr: TARGETS public members of PHOTOS
# photos and videos each, archived by 1, 2 and 4 worker processes on this
# machine into a local directory store, with a throwaway PostgreSQL and the
# key's budget in Redis when redis-server is at hand. Per run: wall time,
# files/s, API calls per 1,000 photos, peak RSS per worker, database size
# per 1,000 photos; and the backup of one member for the calls it costs.
# Not a test: it measures, it asserts nothing.
#
#   bash scripts/bench-archive.sh [TARGETS] [PHOTOS] [WORKERS...]
#
# Release builds; everything goes to a temporary directory, removed at the
# end. Results in target/bench-archive/results.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
targets="${1:-20}"
photos="${2:-500}"
shift $(( $# > 2 ? 2 : $# ))
counts=("$@")
[ "${#counts[@]}" -gt 0 ] || counts=(1 2 4)
out="$here/target/bench-archive"
mkdir -p "$out"
results="$out/results.txt"
: > "$results"
(cd "$here" && cargo build --quiet --release -p flickr-cli -p flickr-testkit)
bin="${CARGO_TARGET_DIR:-$here/target}/release"
work="$(mktemp -d)"
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "${pgbin:-}" ] && [ -d "$work/pg" ]; then as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- the loopback Flickr
"$bin/flickr-testkit" --photos 10 --users "$targets" --member-photos "$photos" --json > "$out/server.json" &
pids+=($!)
for _ in $(seq 600); do [ -s "$out/server.json" ] && break; sleep 0.1; done
field() { python3 -c "import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(' '.join(v) if isinstance(v, list) else v)" "$out/server.json" "$1"; }
export FLICKR_CONFIG_DIR="$work/config" FLICKR_ENDPOINT="$(field base_url)" FLICKR_API_KEY="$(field api_key)"
mkdir -p "$FLICKR_CONFIG_DIR"
users=($(field users))

# --- PostgreSQL: a throwaway cluster (as the postgres user when root)
pgbin="$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
pgbin="$(cd "$pgbin" && pwd -P)"
[ -x "$pgbin/postgres" ] || pgbin="$(dirname "$(readlink -f "$(command -v initdb)")")"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$work/pg"
[ "$(id -u)" -ne 0 ] || chown postgres "$work/pg"
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -o "-p $pgport -c listen_addresses=127.0.0.1 -k $work/pg -c fsync=off" -w start >/dev/null
psql_do() { psql -h 127.0.0.1 -p "$pgport" -U postgres -Atqc "$1" "${2:-postgres}"; }

# --- Redis for the key's budget, when there is one
quota=()
if command -v redis-server >/dev/null; then
  rport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --loglevel warning &
  pids+=($!)
  sleep 0.5
  quota=(--quota-redis "redis://127.0.0.1:$rport/" --calls-per-hour 1000000)
fi

total=$((targets * photos))
echo "== $targets targets x $photos photos = $total photos; store: local directory; budget: ${quota[*]:-(none)}" | tee -a "$results"
for n in "${counts[@]}"; do
  db="bench_$n"
  psql_do "CREATE DATABASE $db"
  url="postgres://postgres@127.0.0.1:$pgport/$db"
  adds=()
  for u in "${users[@]}"; do adds+=("user:$u"); done
  "$bin/flickr" archive --db "$url" add "${adds[@]}" >/dev/null
  store="$work/store-$n"
  start=$(date +%s.%N)
  wpids=()
  for w in $(seq "$n"); do
    /usr/bin/time -f "%M" -o "$out/rss-$w.txt" "$bin/flickr" "${quota[@]}" archive --db "$url" worker \
      --store "$store" --until-idle --jobs 8 --name "w$w" --json > "$out/worker-$w.json" &
    wpids+=($!)
  done
  for p in "${wpids[@]}"; do wait "$p"; done
  end=$(date +%s.%N)
  "$bin/flickr" archive --db "$url" status --json > "$out/status-$n.json"
  # The archive's own tables with their indexes and TOAST (an empty
  # database's few megabytes of catalogs aside).
  dbsize=$(psql_do "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'" "$db")
  python3 - "$out" "$n" "$start" "$end" "$total" "$dbsize" <<'PY' | tee -a "$results"
import json, sys
out, n, start, end, total, dbsize = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
s = json.load(open(f"{out}/status-{n}.json"))
files = sum(t["fetched"] for t in s["targets"])
mb = sum(t["bytes"] for t in s["targets"]) / 1e6
done = sum(1 for t in s["targets"] if t["state"] == "done")
calls = sum(w["api_calls"] for w in s["workers"])
rss = [int(open(f"{out}/rss-{w}.txt").read().split()[-1]) / 1024 for w in range(1, n + 1)]
wall = end - start
print(f"{n} worker(s): {wall:.1f} s, {files} files ({mb:.0f} MB), {files / wall:.0f} files/s, "
      f"{calls} API calls = {1000 * calls / total:.1f} per 1,000 photos, "
      f"peak RSS per worker {max(rss):.1f} MiB (max of {n}), "
      f"database {dbsize / 1e6:.1f} MB = {dbsize / 1e3 / (total / 1000):.0f} kB per 1,000 photos, "
      f"{done}/{len(s['targets'])} targets done")
PY
  rm -rf "$store"
done

# --- the backup of one member, for the calls per 1,000 photos it costs
"$bin/flickr" backup "$work/mirror" --user "${users[0]}" --json --jobs 8 > "$out/backup.json" 2>/dev/null || true
python3 - "$out/backup.json" "$photos" <<'PY' | tee -a "$results"
import json, sys
try:
    # The report is the last line (the lines before are events).
    r = json.loads([l for l in open(sys.argv[1]) if l.strip()][-1])
except Exception as e:
    print(f"backup of one member: no report ({e})"); sys.exit(0)
calls = sum((r.get("api_calls") or {}).values())
print(f"flickr backup --user of one member ({sys.argv[2]} photos): {calls} API calls = {1000 * calls / int(sys.argv[2]):.1f} per 1,000 photos")
PY
