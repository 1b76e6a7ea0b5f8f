# The longest input each fuzz target is given (libFuzzer's -max_len), in
# bytes; sourced by scripts/fuzz.sh and scripts/fuzz-seed.sh. Small enough
# that a target runs hundreds of executions per second even unoptimised
# (whole recorded pages of up to 1 MB made the JSON and XML targets crawl
# through their seeds), large enough for a typical answer: seeds above the
# limit are left out rather than cut into invalid JSON or XML.
max_len_of() { # target
  case "$1" in
    json_envelope | jsonp | xml_rsp) echo 16384 ;;
    multipart_form) echo 16384 ;;
    upload_reply | oauth_form) echo 4096 ;;
    *) echo "fuzz: no max_len for target $1" >&2; return 1 ;;
  esac
}
