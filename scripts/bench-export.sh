#!/usr/bin/env bash
# `flickr backup --from-export` on Flickr's export of a PHOTOS-item account
# (written by the loopback Flickr: 500 media files per zip, so 10,000 items
# make about 20 media zips), side by side with the API backup of the same
# account on the loopback Flickr, and with the repair run (export + API).
# Wall time, MB/s, peak RSS, API calls. Not a test: it measures, it asserts
# nothing.
#
#   bash scripts/bench-export.sh [PHOTOS] [JOBS]
#
# Release builds; the export and the mirrors go to a temporary directory,
# removed at the end. Results in target/bench-export/results.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
photos="${1:-10000}"
jobs="${2:-8}"
out="$here/target/bench-export"
mkdir -p "$out"
results="$out/results.txt"
: > "$results"
(cd "$here" && cargo build --quiet --release -p flickr-cli -p flickr-testkit)
bin="${CARGO_TARGET_DIR:-$here/target}/release"
work="$(mktemp -d)"
"$bin/flickr-testkit" --photos 30 --account "$photos" --write-export "$work/export" --json > "$out/server.json" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 600); do [ -s "$out/server.json" ] && break; sleep 0.1; done
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$out/server.json" "$1"; }
export FLICKR_CONFIG_DIR="$out/config"
mkdir -p "$FLICKR_CONFIG_DIR"
echo "== export of $photos items: $(ls "$work/export" | wc -l) zips, $(du -sm "$work/export" | cut -f1) MB" | tee -a "$results"

run() { # label, env (api|none), args…
  local label="$1" env="$2"; shift 2
  local vars=(env -u FLICKR_ENDPOINT -u FLICKR_API_KEY -u FLICKR_API_SECRET -u FLICKR_OAUTH_TOKEN -u FLICKR_OAUTH_TOKEN_SECRET)
  if [ "$env" = api ]; then
    vars=(env FLICKR_ENDPOINT="$(field base_url)" FLICKR_API_KEY="$(field api_key)" FLICKR_API_SECRET="$(field api_secret)"
          FLICKR_OAUTH_TOKEN="$(field oauth_token)" FLICKR_OAUTH_TOKEN_SECRET="$(field oauth_token_secret)")
  fi
  "${vars[@]}" /usr/bin/time -f "%e %M" -o "$out/time.txt" "$bin/flickr" backup --json --jobs "$jobs" "$@" \
    | tail -n 1 > "$out/$label.json"
  python3 - "$out/$label.json" "$out/time.txt" "$label" <<'PY' | tee -a "$results"
import json, sys
r = json.load(open(sys.argv[1]))
wall, rss_kb = open(sys.argv[2]).read().split()
wall = float(wall); label = sys.argv[3]
e = r.get("export") or {}
copied, cbytes = e.get("files_copied", 0), e.get("bytes_copied", 0)
fetched, fbytes = r["files_fetched"], r["bytes"]
mb = (cbytes + fbytes) / 1e6
print(f"== {label}: {r['listed']} listed, API calls {r['total_calls']}")
print(f"   files copied from the export {copied} ({cbytes / 1e6:.1f} MB), downloaded {fetched} ({fbytes / 1e6:.1f} MB), thumbnails made {r.get('thumbnails_made', 0)}, fetched {r['thumbnails_fetched']}")
print(f"   wall {wall:.2f} s, {mb / wall:.1f} MB/s of files, {(copied + fetched) / wall:.0f} files/s; peak RSS {int(rss_kb) / 1024:.1f} MiB")
print("   stages: " + ", ".join(f"{l['stage']} {l['seconds']:.2f} s" for l in r.get("laps", [])))
PY
}
run export-offline none "$work/m-export" --from-export "$work/export"
run export-again none "$work/m-export" --from-export "$work/export"
run api-backup api "$work/m-api"
run export-repair api "$work/m-repair" --from-export "$work/export" --user me
