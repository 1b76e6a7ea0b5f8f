#!/usr/bin/env bash
# `flickr backup` of a 10,000-photo account over loopback: API calls (and
# per 1,000 photos, beside the per-photo getInfo + getSizes approach), wall
# time, files/s and peak RSS, for a first run and for a second run with
# nothing new. Not a test: it measures, it asserts nothing.
#
#   bash scripts/bench-backup.sh [PHOTOS] [JOBS]
#
# Release builds of `flickr` and the loopback Flickr (`flickr-testkit
# --account PHOTOS`: alice gets PHOTOS photos and videos with albums,
# collections, galleries and favorites); the mirror goes to a temporary
# directory, removed at the end. Results in target/bench-backup/results.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
photos="${1:-10000}"
jobs="${2:-8}"
out="$here/target/bench-backup"
mkdir -p "$out"
results="$out/results.txt"
: > "$results"
(cd "$here" && cargo build --quiet --release -p flickr-cli -p flickr-testkit)
bin="${CARGO_TARGET_DIR:-$here/target}/release"

"$bin/flickr-testkit" --photos 30 --account "$photos" --json > "$out/server.json" &
server=$!
mirror="$(mktemp -d)"
trap 'kill $server 2>/dev/null || true; rm -rf "$mirror"' EXIT
for _ in $(seq 50); do [ -s "$out/server.json" ] && break; sleep 0.1; done
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$out/server.json" "$1"; }
export FLICKR_CONFIG_DIR="$out/config" FLICKR_ENDPOINT="$(field base_url)"
export FLICKR_API_KEY="$(field api_key)" FLICKR_API_SECRET="$(field api_secret)"
export FLICKR_OAUTH_TOKEN="$(field oauth_token)" FLICKR_OAUTH_TOKEN_SECRET="$(field oauth_token_secret)"
mkdir -p "$FLICKR_CONFIG_DIR"

run() { # label, extra args…
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$bin/flickr" backup "$mirror/m" --json --jobs "$jobs" "$@" \
    | tail -n 1 > "$out/$label.json"
  python3 - "$out/$label.json" "$out/time.txt" "$label" "$photos" <<'PY' | tee -a "$results"
import json, sys
r = json.load(open(sys.argv[1]))
wall, rss_kb = open(sys.argv[2]).read().split()
wall = float(wall); label = sys.argv[3]; photos = int(sys.argv[4])
calls = r["total_calls"]
files = r["files_fetched"]
print(f"== {label}: account of {photos} photos (+ seeded), {r['listed']} listed")
print(f"   API calls {calls}  ({1000 * calls / max(r['listed'], 1):.1f} per 1,000 listed photos)  by method {r['planned_calls'] or r['api_calls']}")
if r["dry_run"]:
    print(f"   time at the key's budget (3,600/h): {r['seconds_at_budget']:.0f} s; files to fetch {files}")
else:
    print(f"   files {files}, {r['bytes']} bytes, {r['files_complete']} already complete; wall {wall:.2f} s, {files / wall:.0f} files/s; peak RSS {int(rss_kb) / 1024:.1f} MiB")
    print("   stages: " + ", ".join(f"{l['stage']} {l['seconds']:.2f} s" for l in r.get("laps", [])))
    print(f"   per-photo approach (getInfo + getSizes per photo): {2 * r['listed']} calls, {2000} per 1,000 photos")
PY
}
run dry-run --dry-run
run first
run second
