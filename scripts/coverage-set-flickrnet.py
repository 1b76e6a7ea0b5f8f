#!/usr/bin/env python3
"""Lays out the JSON answers of a Flickr.Net checkout as a field-coverage set.

st0o0/Flickr.Net (a C# client, Apache-2.0) writes JSON answers saved from the
live API in 2023 (and a few of Flickr's documented examples) into its tests,
as raw string literals (`json = \"\"\"...\"\"\"`) in
src/Flickr.Net.Test/Entities/*Tests.cs. This script turns a local checkout
into a directory the field-coverage report reads (`index.jsonl` + bodies);
the answers stay out of this tree:

    git clone https://github.com/st0o0/Flickr.Net /tmp/flickrnet   # 8d84335 was used
    python3 scripts/coverage-set-flickrnet.py /tmp/flickrnet /tmp/flickrnetset
    FLICKR_COVERAGE_DIR=/tmp/flickrnetset cargo test -p flickr-tests \\
        --test fixtures_decode -- --ignored --nocapture field_coverage_report

The tests do not say which method answered, so the table below names it for
each literal (by file and position), read from the answer's shape; a literal
that is not JSON, or not in the table, is left out.
"""

import json
import os
import re
import sys

# (file, index of the literal in it) -> method.
METHODS = {
    ("BlogTests.cs", 0): "flickr.blogs.getList",
    ("BlogTests.cs", 1): "flickr.blogs.getServices",
    ("CSVFileTests.cs", 0): "flickr.stats.getCSVFiles",
    ("CameraTests.cs", 0): "flickr.cameras.getBrandModels",
    ("CameraTests.cs", 1): "flickr.cameras.getBrands",
    ("ClusterTests.cs", 0): "flickr.tags.getClusters",
    ("ClusterTests.cs", 1): "flickr.tags.getClusterPhotos",
    ("ClusterTests.cs", 2): "flickr.tags.getHotList",
    ("CollectionTests.cs", 0): "flickr.collections.getInfo",
    ("CollectionTests.cs", 1): "flickr.collections.getTree",
    ("CommentTests.cs", 0): "flickr.photos.comments.getList",
    ("ContactTests.cs", 0): "flickr.contacts.getList",
    ("DomainTests.cs", 0): "flickr.stats.getPhotoDomains",
    ("FlickrContextResultTests.cs", 0): "flickr.favorites.getContext",
    ("FlickrContextResultTests.cs", 1): "flickr.photos.getAllContexts",
    ("GalleryTests.cs", 0): "flickr.galleries.getList",
    ("GalleryTests.cs", 1): "flickr.galleries.getListForPhoto",
    ("GalleryTests.cs", 2): "flickr.galleries.getPhotos",
    ("GalleryTests.cs", 3): "flickr.galleries.getInfo",
    ("GroupTests.cs", 0): "flickr.groups.getInfo",
    ("GroupTests.cs", 1): "flickr.groups.search",
    ("GroupTests.cs", 2): "flickr.groups.search",
    ("InstitutionTests.cs", 0): "flickr.commons.getInstitutions",
    ("ItemTests.cs", 0): "flickr.activity.userPhotos",
    ("LicenseTests.cs", 0): "flickr.photos.licenses.getInfo",
    ("MethodTests.cs", 0): "flickr.reflection.getMethodInfo",
    ("MethodTests.cs", 1): "flickr.reflection.getMethods",
    ("NamespaceTests.cs", 0): "flickr.machinetags.getNamespaces",
    ("OAuthTests.cs", 0): "flickr.auth.oauth.checkToken",
    ("PairTests.cs", 0): "flickr.machinetags.getPairs",
    ("PandaTests.cs", 0): "flickr.panda.getList",
    ("PandaTests.cs", 1): "flickr.panda.getPhotos",
    ("PeoplePersonTests.cs", 0): "flickr.photos.people.getList",
    ("PermsTests.cs", 0): "flickr.photos.getPerms",
    ("PersonTests.cs", 0): "flickr.people.getInfo",
    ("PhotoCountTests.cs", 0): "flickr.photos.getCounts",
    ("PhotoExifTests.cs", 0): "flickr.photos.getExif",
    ("PhotoInfoTests.cs", 0): "flickr.photos.getInfo",
    ("PhotoPersonTests.cs", 0): "flickr.photos.getFavorites",
    ("PhotoTagTests.cs", 0): "flickr.tags.getListPhoto",
    **{("PhotoTests.cs", i): "flickr.photos.search" for i in range(9)},
    ("PhotosetPhotoTests.cs", 0): "flickr.photosets.getPhotos",
    ("PhotosetTests.cs", 0): "flickr.photosets.getInfo",
    ("PhotosetTests.cs", 1): "flickr.photosets.getList",
    ("PredicateTests.cs", 0): "flickr.machinetags.getPredicates",
    ("ProfileTests.cs", 0): "flickr.profile.getProfile",
    ("ReferrerTests.cs", 0): "flickr.stats.getPhotoReferrers",
    ("ReplyTests.cs", 0): "flickr.groups.discuss.replies.getInfo",
    ("SizeTests.cs", 0): "flickr.photos.getSizes",
    ("StatsPhotosTests.cs", 0): "flickr.stats.getPopularPhotos",
    ("SubscriptionTests.cs", 0): "flickr.push.getSubscriptions",
    ("TagTests.cs", 0): "flickr.tags.getRelated",
    ("TicketTests.cs", 0): "flickr.photos.upload.checkTickets",
    ("TopicTests.cs", 0): "flickr.groups.discuss.topics.getList",
    ("TopicTests.cs", 1): "flickr.push.getTopics",
    ("UnknownResponseTests.cs", 0): "flickr.photos.comments.addComment",
    ("UnknownResponseTests.cs", 1): "flickr.photos.notes.add",
    ("UnknownResponseTests.cs", 2): "flickr.photosets.create",
    ("UnknownResponseTests.cs", 3): "flickr.prefs.getContentType",
    ("UnknownResponseTests.cs", 4): "flickr.urls.getGroup",
    ("UnknownResponseTests.cs", 5): "flickr.people.findByUsername",
    ("UploadStatusTests.cs", 0): "flickr.people.getUploadStatus",
    ("ValueTests.cs", 0): "flickr.machinetags.getValues",
    ("ViewsTests.cs", 0): "flickr.stats.getTotalViews",
    ("WhoTests.cs", 0): "flickr.tags.getListUser",
    ("WhoTests.cs", 1): "flickr.tags.getListUserPopular",
}


def main(checkout, out):
    base = os.path.join(checkout, "src", "Flickr.Net.Test", "Entities")
    os.makedirs(out, exist_ok=True)
    rows, skipped = [], []
    for f in sorted(os.listdir(base)):
        if not f.endswith(".cs"):
            continue
        text = open(os.path.join(base, f), encoding="utf-8").read()
        for i, literal in enumerate(re.findall(r'"""(.*?)"""', text, re.S)):
            method = METHODS.get((f, i))
            try:
                answer = json.loads(literal)
            except ValueError:
                answer = None
            if method is None or not isinstance(answer, dict) or answer.get("stat") != "ok":
                skipped.append(f"{f}[{i}]")
                continue
            name = f"{f[:-len('.cs')]}-{i}.json"
            with open(os.path.join(out, name), "w", encoding="utf-8") as body:
                body.write(literal.strip())
            rows.append({"file": name, "method": method, "endpoint": "rest",
                         "format": "json", "stat": "ok"})
    with open(os.path.join(out, "index.jsonl"), "w", encoding="utf-8") as idx:
        for r in rows:
            idx.write(json.dumps(r) + "\n")
    print(f"{len(rows)} answers in {out}; left out: {', '.join(skipped) or 'none'}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: coverage-set-flickrnet.py FLICKR_NET_CHECKOUT OUT_DIR")
    main(sys.argv[1], sys.argv[2])
