#!/usr/bin/env python3
"""Independent OAuth 1.0 (RFC 5849) signatures for flickr-core's signer tests.

Reads a JSON array of cases on stdin and writes a JSON array of results on
stdout, one per case, in order: {"base_string": ..., "signature": ...}.
A case is {"method", "url", "params": [[name, value], ...], "consumer_secret",
"token_secret", "oauth": {"consumer_key", "token" (or null), "nonce", "timestamp"}}.

The signature comes from oauthlib (pinned in scripts/requirements-test.txt):
collect_parameters (URL query + body), normalize_parameters, base_string_uri,
signature_base_string, sign_hmac_sha1. Exits with status 3 and a message if
oauthlib is not installed, so the calling test can fail with a clear hint.
"""
import json
import sys
import warnings
from urllib.parse import urlparse

try:
    from oauthlib.oauth1.rfc5849 import signature as sig
except ImportError as e:  # pragma: no cover - the message is the point
    sys.stderr.write(f"oauthlib is not installed ({e}); run scripts/test.sh, which installs oauthlib\n")
    sys.exit(3)

# sign_hmac_sha1 is deprecated in favour of a client-object API; the function is
# still the plain (base string, client secret, token secret) -> signature we want.
warnings.simplefilter("ignore", DeprecationWarning)


def protocol_params(oauth):
    params = [
        ("oauth_consumer_key", oauth["consumer_key"]),
        ("oauth_nonce", oauth["nonce"]),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", str(oauth["timestamp"])),
        ("oauth_version", "1.0"),
    ]
    if oauth.get("token") is not None:
        params.append(("oauth_token", oauth["token"]))
    return params


def sign_case(case):
    body = [(k, v) for k, v in case["params"]]
    query = urlparse(case["url"]).query
    # collect_parameters percent-decodes the values of every `oauth_*` parameter
    # (it expects them from an Authorization header, where they travel encoded);
    # ours travel decoded in the query or body, so they are appended afterwards.
    collected = sig.collect_parameters(uri_query=query, body=body)
    collected += protocol_params(case["oauth"])
    normalized = sig.normalize_parameters(collected)
    base_uri = sig.base_string_uri(case["url"])
    base_string = sig.signature_base_string(case["method"], base_uri, normalized)
    signature = sig.sign_hmac_sha1(base_string, case["consumer_secret"], case["token_secret"])
    return {"base_string": base_string, "signature": signature}


def main():
    cases = json.load(sys.stdin)
    results = []
    for case in cases:
        try:
            results.append(sign_case(case))
        except Exception as e:  # report per case; the Rust side shows the input
            results.append({"error": f"{type(e).__name__}: {e}"})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
