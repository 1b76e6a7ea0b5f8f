#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from tests/fixtures (recorded answers and the
# API reflection examples). Corpora are generated, not committed; libFuzzer
# adds what it finds next to the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."

seed() { # target, files...
  local dir="fuzz/corpus/$1"
  shift
  mkdir -p "$dir"
  local f
  for f in "$@"; do
    cp -f "$f" "$dir/seed-$(basename "$f")"
  done
}

shopt -s nullglob globstar
json=(tests/fixtures/**/*.json)
xml=(tests/fixtures/**/*.xml)
upload=(tests/fixtures/**/upload__*.xml tests/fixtures/**/replace__*.xml)
form=(tests/fixtures/**/oauth.*.txt tests/fixtures/**/*.txt)

seed json_envelope "${json[@]}"
seed jsonp "${json[@]}"
seed xml_rsp "${xml[@]}"
seed upload_reply "${upload[@]}"
seed oauth_form "${form[@]}"
# A few hand-written forms beside the recorded ones.
printf 'oauth_problem=signature_invalid&debug_sbs=GET&http%%3A%%2F%%2Fwww.flickr.com%%2Fservices%%2Frest&a%%3Db' \
  >fuzz/corpus/oauth_form/seed-debug-sbs
printf 'fullname=A%%20B&oauth_token=T&oauth_token_secret=S&user_nsid=1%%40N01&username=u' \
  >fuzz/corpus/oauth_form/seed-access-token
for t in json_envelope jsonp xml_rsp upload_reply oauth_form; do
  echo "fuzz-seed: $t: $(ls "fuzz/corpus/$t" | wc -l) files"
done
