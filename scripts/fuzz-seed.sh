#!/usr/bin/env bash
# Seeds CORPUS/<target>/ (default fuzz/corpus) from tests/fixtures (recorded
# answers and the API reflection examples, those within the target's max_len
# in fuzz/limits.sh; for json_envelope and xml_rsp after the byte that picks
# the method they answer) and a few hand-written inputs.
# Corpora are generated, not committed; libFuzzer adds what it finds next to
# the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-fuzz/corpus}"
# shellcheck source=../fuzz/limits.sh
source fuzz/limits.sh

seed() { # target, files... (those above the target's max_len are left out)
  local dir="$corpus/$1"
  local limit
  limit=$(max_len_of "$1")
  shift
  mkdir -p "$dir"
  local f
  for f in "$@"; do
    if [ "$(wc -c <"$f")" -le "$limit" ]; then
      cp -f "$f" "$dir/seed-$(basename "$f")"
    fi
  done
}

# The byte that picks a method in the json_envelope and xml_rsp targets
# (fuzz/fuzz_targets/method_pick.rs): the method's index in
# flickr_sdk::registry::METHODS, the spec's method names sorted bytewise;
# looked up by the lowercased name (Flickr's method names are
# case-insensitive, and a fixture is named flickr.photos.RecentlyUpdated).
declare -A pick_of
methods=0
while read -r m; do
  pick_of[${m,,}]=$methods
  methods=$((methods + 1))
done < <(sed -n 's/^name = "\(flickr\.[^"]*\)"$/\1/p' spec/methods/*.toml | LC_ALL=C sort)
if [ "$methods" -gt 256 ]; then
  echo "fuzz-seed: $methods methods, more than one byte can pick" >&2
  exit 1
fi

# target, files...: each answer after the byte that picks the method it was
# recorded for (tests/fixtures/recorded/<method>__<source>.<ext>,
# tests/fixtures/reflection/<method>.xml); the answers of no API method
# (upload, replace, an unknown method) get the first method's.
seed_picked() {
  local dir="$corpus/$1"
  local limit
  limit=$(max_len_of "$1")
  shift
  mkdir -p "$dir"
  local f name method
  for f in "$@"; do
    if [ "$(($(wc -c <"$f") + 1))" -le "$limit" ]; then
      name=$(basename "$f")
      method=${name%%__*}
      method=${method%.xml}
      method=${method,,}
      {
        printf "\\$(printf '%03o' "${pick_of[$method]:-0}")"
        cat "$f"
      } >"$dir/seed-$name"
    fi
  done
}

shopt -s nullglob globstar
json=(tests/fixtures/**/*.json)
xml=(tests/fixtures/**/*.xml)
upload=(tests/fixtures/**/upload__*.xml tests/fixtures/**/replace__*.xml)
form=(tests/fixtures/**/oauth.*.txt tests/fixtures/**/*.txt)

seed_picked json_envelope "${json[@]}"
seed jsonp "${json[@]}"
seed_picked xml_rsp "${xml[@]}"
seed upload_reply "${upload[@]}"
seed oauth_form "${form[@]}"
# A few hand-written forms beside the recorded ones.
printf 'oauth_problem=signature_invalid&debug_sbs=GET&http%%3A%%2F%%2Fwww.flickr.com%%2Fservices%%2Frest&a%%3Db' \
  >"$corpus"/oauth_form/seed-debug-sbs
printf 'fullname=A%%20B&oauth_token=T&oauth_token_secret=S&user_nsid=1%%40N01&username=u' \
  >"$corpus"/oauth_form/seed-access-token
# Upload forms the way the client sends them (boundary "fuzzBoundary", the
# target's); the first byte picks the chunk size the target also tries.
part() { # name, value
  printf -- '--fuzzBoundary\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' "$1" "$2"
}
photo() { # filename, content type, bytes
  printf -- '--fuzzBoundary\r\nContent-Disposition: form-data; name="photo"; filename="%s"\r\nContent-Type: %s\r\n\r\n%s\r\n' "$1" "$2" "$3"
}
mkdir -p "$corpus/multipart_form"
{
  printf '\x07'
  part title 'Sunset over the bay'
  part tags 'sea "golden hour"'
  part is_public 1
  part oauth_consumer_key abc
  part oauth_signature 'tR3%2Bty81lMeYAr%2FFid0kMTYa%2FWM%3D'
  photo sunset.jpg image/jpeg $'\xff\xd8\xff\xe0JFIF\r\n--fuzz\xff\xd9'
  printf -- '--fuzzBoundary--\r\n'
} >"$corpus"/multipart_form/seed-upload
{
  printf '\x00'
  part photo_id 52345678901
  part async 1
  photo clip.mp4 video/mp4 'ftypmp42'
  printf -- '--fuzzBoundary--\r\n'
} >"$corpus"/multipart_form/seed-replace
{
  printf '\x3f'
  photo 'a \"b\".png' image/png ''
  part '' ''
  printf -- '--fuzzBoundary--'
} >"$corpus"/multipart_form/seed-edges

for t in json_envelope jsonp xml_rsp upload_reply oauth_form multipart_form; do
  echo "fuzz-seed: $t: $(ls "$corpus/$t" | wc -l) files"
done
