"""Independent check of the loopback Flickr with requests-oauthlib/oauthlib.

Usage: python independent_client.py BASE_URL API_KEY API_SECRET TOKEN TOKEN_SECRET

Makes signed calls (Authorization header and query-string signatures), a
signed POST write, a multipart upload signed the way Flickr wants (every
field but the photo), and the same call signed with a wrong secret, which
must be rejected with code 96. Prints one line per check and exits non-zero
on the first failure.
"""
import hashlib
import json
import sys
from urllib.parse import parse_qsl

try:
    import requests
    from oauthlib.oauth1 import SIGNATURE_TYPE_BODY, SIGNATURE_TYPE_QUERY, Client
    from requests_oauthlib import OAuth1
except ImportError as e:  # pragma: no cover - reported by the Rust test
    print(f"MISSING PACKAGE: {e} (pip install -r scripts/requirements-test.txt)")
    sys.exit(3)


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        sys.exit(1)


def main():
    base, key, secret, token, token_secret = sys.argv[1:6]
    rest = base + "services/rest/"
    common = {"format": "json", "nojsoncallback": "1"}

    # 1. Signed GET, OAuth parameters in the Authorization header.
    auth = OAuth1(key, secret, token, token_secret)
    r = requests.get(rest, params={"method": "flickr.test.login", **common}, auth=auth)
    body = r.json()
    check(body.get("stat") == "ok", f"test.login signed in the header: {body}")

    # 2. Signed GET, OAuth parameters in the query string; non-ASCII and reserved characters.
    auth_q = OAuth1(key, secret, token, token_secret, signature_type=SIGNATURE_TYPE_QUERY)
    text = "día 1 & more + 100% ~ok"
    r = requests.get(rest, params={"method": "flickr.test.echo", "text": text, **common}, auth=auth_q)
    body = r.json()
    check(body.get("text", {}).get("_content") == text, f"test.echo signed in the query: {body}")

    # 3. Signed paged read.
    r = requests.get(rest, params={"method": "flickr.photos.search", "user_id": "me", "per_page": "5",
                                   "extras": "url_m,tags", **common}, auth=auth)
    body = r.json()
    check(body.get("stat") == "ok" and len(body["photos"]["photo"]) == 5, "photos.search signed")
    photo_id = body["photos"]["photo"][0]["id"]

    # 4. Signed POST write (form body).
    r = requests.post(rest, data={"method": "flickr.photos.addTags", "photo_id": photo_id,
                                  "tags": "independent", **common}, auth=auth)
    body = r.json()
    check(body.get("stat") == "ok", f"photos.addTags signed POST: {body}")

    # 5. Multipart upload: sign every field except the photo, send the oauth_* as fields.
    upload_url = base + "services/upload/"
    fields = {"title": "From Python", "tags": "python upload", "is_public": "0"}
    signer = Client(key, client_secret=secret, resource_owner_key=token,
                    resource_owner_secret=token_secret, signature_type=SIGNATURE_TYPE_BODY)
    _, _, signed_body = signer.sign(upload_url, http_method="POST", body=fields,
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    signed_fields = dict(parse_qsl(signed_body, keep_blank_values=True))
    photo = bytes(range(256)) * 4096
    r = requests.post(upload_url, data=signed_fields,
                      files={"photo": ("python.jpg", photo, "image/jpeg")})
    check("<photoid>" in r.text, f"upload signed without the photo part: {r.text.strip()}")
    print("sha256 " + hashlib.sha256(photo).hexdigest())

    # 6. The same call signed with a wrong consumer secret: code 96.
    wrong = OAuth1(key, "not-the-secret", token, token_secret)
    r = requests.get(rest, params={"method": "flickr.test.login", **common}, auth=wrong)
    body = r.json()
    check(body.get("stat") == "fail" and body.get("code") == 96, f"wrong secret rejected with 96: {body}")
    print(json.dumps({"all": "ok"}))


if __name__ == "__main__":
    main()
