#!/usr/bin/env python3
"""Lays out the JSON answers of a jinx checkout as a field-coverage set.

jeremybrooks/jinx (a Java Flickr client, GPL-3.0) keeps answers saved from
the live API under src/test/resources/response/. Its license keeps them out
of this tree; this script turns a local checkout into a directory the
field-coverage report reads (`index.jsonl` + bodies):

    git clone https://github.com/jeremybrooks/jinx /tmp/jinx   # bd38588 was used
    python3 scripts/coverage-set-jinx.py /tmp/jinx /tmp/jinxset
    FLICKR_COVERAGE_DIR=/tmp/jinxset cargo test -p flickr-tests \\
        --test fixtures_decode -- --ignored --nocapture field_coverage_report

Each file's method comes from its folder and name (`places/sample_get_shape_history.json`
→ `flickr.places.getShapeHistory`), checked against spec/methods, or from
the table below where the name says something else. Files of no REST method
(uploads, an error sample) are left out.
"""

import json
import os
import re
import shutil
import sys

NAMED = {
    "activity/sample_user_comments.json": "flickr.activity.userComments",
    "activity/sample_user_photos.json": "flickr.activity.userPhotos",
    "blogs/sample_blog_list.json": "flickr.blogs.getList",
    "blogs/sample_blog_services.json": "flickr.blogs.getServices",
    "cameras/sample_brand_models.json": "flickr.cameras.getBrandModels",
    "cameras/sample_brands.json": "flickr.cameras.getBrands",
    "common/sample_context.json": "flickr.photos.getContext",
    "people/sample_get_limits.json": "flickr.people.getLimits",
    "photos/comments/sample_add_comment.json": "flickr.photos.comments.addComment",
    "photos/comments/sample_get_recent_for_contacts.json": "flickr.photos.comments.getRecentForContacts",
    "photos/licenses/sample_get_info.json": "flickr.photos.licenses.getInfo",
    "photos/notes/sample_add.json": "flickr.photos.notes.add",
    "photos/sample_all_contexts.json": "flickr.photos.getAllContexts",
    "photos/sample_exif.json": "flickr.photos.getExif",
    "photos/sample_photo_sizes.json": "flickr.photos.getSizes",
    "photos/sample_recently_updated.json": "flickr.photos.recentlyUpdated",
    "photos/sample_set_perms.json": "flickr.photos.setPerms",
    "photos/sample_with_geo_data.json": "flickr.photos.getWithGeoData",
    "photos/sample_without_geo_data.json": "flickr.photos.getWithoutGeoData",
    "photos/suggestions/sample_empty_suggestions.json": "flickr.photos.suggestions.getList",
    "photos/transform/sample_transform.json": "flickr.photos.transform.rotate",
    "photosets/comments/sample_photoset_comment_list.json": "flickr.photosets.comments.getList",
    "photosets/comments/sample_photosets_add_comment.json": "flickr.photosets.comments.addComment",
    "photosets/sample_photoset_create.json": "flickr.photosets.create",
    "photosets/sample_photoset_info.json": "flickr.photosets.getInfo",
    "photosets/sample_photoset_list.json": "flickr.photosets.getList",
    "photosets/sample_photosets_get_photos.json": "flickr.photosets.getPhotos",
    "places/sample_find_lat_lon.json": "flickr.places.findByLatLon",
    "places/sample_get_children_with_photos_public.json": "flickr.places.getChildrenWithPhotosPublic",
    "places/sample_get_places_for_bounding_box.json": "flickr.places.placesForBoundingBox",
    "places/sample_places_for_contacts.json": "flickr.places.placesForContacts",
    "places/sample_places_for_tags.json": "flickr.places.placesForTags",
    "places/sample_places_for_user.json": "flickr.places.placesForUser",
    "places/sample_tags_for_place.json": "flickr.places.tagsForPlace",
    "tags/sample_get_list_user_popular.json": "flickr.tags.getListUserPopular",
    "tags/sample_get_list_user_raw.json": "flickr.tags.getListUserRaw",
    "test/sample_test_echo.json": "flickr.test.echo",
    "test/sample_test_login.json": "flickr.test.login",
    "test/sample_test_null.json": "flickr.test.null",
    "urls/sample_get_group.json": "flickr.urls.getGroup",
    "urls/sample_get_user_photos.json": "flickr.urls.getUserPhotos",
    "urls/sample_get_user_profile.json": "flickr.urls.getUserProfile",
}


def spec_methods(root):
    names = {}
    for f in os.listdir(os.path.join(root, "spec", "methods")):
        text = open(os.path.join(root, "spec", "methods", f), encoding="utf-8").read()
        for m in re.findall(r'^name = "(flickr\.[^"]+)"', text, re.M):
            names[m.lower()] = m
    return names


def main(checkout, out):
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    methods = spec_methods(here)
    base = os.path.join(checkout, "src", "test", "resources", "response")
    os.makedirs(out, exist_ok=True)
    rows, skipped = [], []
    for folder, _, files in sorted(os.walk(base)):
        for f in sorted(files):
            if not f.endswith(".json"):
                continue
            rel = os.path.relpath(os.path.join(folder, f), base).replace(os.sep, "/")
            method = NAMED.get(rel)
            if method is None:
                ns = os.path.dirname(rel).replace("/", ".")
                words = f[len("sample_"):-len(".json")].split("_")
                camel = words[0] + "".join(w.title() for w in words[1:])
                method = methods.get(f"flickr.{ns}.{camel}".lower())
            body = open(os.path.join(base, rel), "rb").read()
            try:
                stat = json.loads(body).get("stat")
            except ValueError:
                method = None
            if method is None or stat != "ok":
                skipped.append(rel)
                continue
            name = rel.replace("/", "__")
            shutil.copyfile(os.path.join(base, rel), os.path.join(out, name))
            rows.append({"file": name, "method": method, "endpoint": "rest",
                         "format": "json", "stat": stat})
    with open(os.path.join(out, "index.jsonl"), "w", encoding="utf-8") as idx:
        for r in rows:
            idx.write(json.dumps(r) + "\n")
    print(f"{len(rows)} answers in {out}; left out: {', '.join(skipped) or 'none'}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: coverage-set-jinx.py JINX_CHECKOUT OUT_DIR")
    main(sys.argv[1], sys.argv[2])
