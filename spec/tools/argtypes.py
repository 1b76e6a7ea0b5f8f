"""Our reading of Flickr's documentation, as data for import.py.

Everything here is a judgement made by reading each argument's and error's
text in the reflection data: argument types, bounds, defaults, enum names,
error names, responses, deprecations. The facts themselves (which arguments
exist, required flags, error codes and messages) come from the data set.

arg_type(method, arg, doc) looks up (method, arg) in BY_METHOD first (method
without the "flickr." prefix), then arg in BY_NAME. A value is a dict of spec
fields (type, of, sep, enum, values, formats, min, max, default) plus optional
"comment" (written as a TOML comment above the argument) and "required" +
"override" (only where Flickr's reflection is demonstrably wrong), or a
function (method, doc) -> dict for rules that read the doc.
"""
import re


def E(wire, name, doc=None):
    """One enum value with an explicit variant name."""
    return {"wire": wire, "name": name, "doc": doc} if doc else {"wire": wire, "name": name}


# ---------------------------------------------------------------- shared enums
ENUMS = [
    {"name": "Extra",
     "doc": "Extra information to fetch for each returned photo (the `extras` argument).",
     "comment": "Flickr documents description..url_o in each extras argument; date_person_added only for\n"
                "flickr.people.getPhotosOf. The larger sizes (url_h..url_6k), count_* and realname/safety_level\n"
                "are newer values that Flickr accepts (seen in recorded requests and current SDKs).",
     "values": [
         E("description", "Description", "The photo's description."),
         E("license", "License", "The photo's license id."),
         E("date_upload", "DateUpload", "Upload time (unix timestamp)."),
         E("date_taken", "DateTaken", "Date taken (MySQL datetime) and its granularity."),
         E("date_person_added", "DatePersonAdded", "When the person was tagged (flickr.people.getPhotosOf only)."),
         E("owner_name", "OwnerName", "The owner's screen name."),
         E("icon_server", "IconServer", "The owner's buddy icon server and farm."),
         E("original_format", "OriginalFormat", "The original file format and original secret."),
         E("last_update", "LastUpdate", "Time of the last change (unix timestamp)."),
         E("geo", "Geo", "Latitude, longitude, accuracy and place ids."),
         E("tags", "Tags", "The photo's tags, space separated."),
         E("machine_tags", "MachineTags", "The photo's machine tags."),
         E("o_dims", "ODims", "Width and height of the original."),
         E("views", "Views", "Number of views."),
         E("media", "Media", "Media type (photo or video) and status."),
         E("path_alias", "PathAlias", "The owner's path alias (URL name)."),
         E("url_sq", "UrlSq", "URL of the 75x75 square."),
         E("url_t", "UrlT", "URL of the 100px thumbnail."),
         E("url_s", "UrlS", "URL of the 240px small size."),
         E("url_q", "UrlQ", "URL of the 150x150 square."),
         E("url_m", "UrlM", "URL of the 500px medium size."),
         E("url_n", "UrlN", "URL of the 320px small size."),
         E("url_z", "UrlZ", "URL of the 640px medium size."),
         E("url_c", "UrlC", "URL of the 800px medium size."),
         E("url_l", "UrlL", "URL of the 1024px large size."),
         E("url_o", "UrlO", "URL of the original."),
         E("url_h", "UrlH", "URL of the 1600px large size."),
         E("url_k", "UrlK", "URL of the 2048px large size."),
         E("url_3k", "Url3k", "URL of the 3072px size."),
         E("url_4k", "Url4k", "URL of the 4096px size."),
         E("url_f", "UrlF", "URL of the 4096px size for 2:1 images."),
         E("url_5k", "Url5k", "URL of the 5120px size."),
         E("url_6k", "Url6k", "URL of the 6144px size."),
         E("count_faves", "CountFaves", "Number of favorites."),
         E("count_comments", "CountComments", "Number of comments."),
         E("count_views", "CountViews", "Number of views."),
         E("realname", "Realname", "The owner's real name."),
         E("safety_level", "SafetyLevel", "The photo's safety level."),
     ]},
    {"name": "GroupExtra",
     "doc": "Extra information to fetch for each returned group (flickr.people.getGroups).",
     "values": ["privacy", "throttle", "restrictions"]},
    {"name": "SortOrder",
     "doc": "Order of returned photos.",
     "comment": "relevance is documented for flickr.photos.search only.",
     "values": [
         E("date-posted-asc", "DatePostedAsc", "Oldest uploads first."),
         E("date-posted-desc", "DatePostedDesc", "Newest uploads first."),
         E("date-taken-asc", "DateTakenAsc", "Earliest taken first."),
         E("date-taken-desc", "DateTakenDesc", "Latest taken first."),
         E("interestingness-desc", "InterestingnessDesc", "Most interesting first."),
         E("interestingness-asc", "InterestingnessAsc", "Least interesting first."),
         E("relevance", "Relevance", "Best text match first (flickr.photos.search)."),
     ]},
    {"name": "StatsSort",
     "doc": "Order of popular photos in stats.",
     "values": ["views", "comments", "favorites"]},
    {"name": "PrivacyFilter",
     "doc": "Return photos only matching a certain privacy level.",
     "values": [
         E("1", "Public", "public photos"),
         E("2", "Friends", "private photos visible to friends"),
         E("3", "Family", "private photos visible to family"),
         E("4", "FriendsAndFamily", "private photos visible to friends & family"),
         E("5", "Private", "completely private photos"),
     ]},
    {"name": "SafeSearch",
     "doc": "Safe search setting (un-authed calls can only see safe content).",
     "values": [E("1", "Safe", "safe"), E("2", "Moderate", "moderate"), E("3", "Restricted", "restricted")]},
    {"name": "SafetyLevel",
     "doc": "The safety level of a photo.",
     "values": [E("1", "Safe", "Safe"), E("2", "Moderate", "Moderate"), E("3", "Restricted", "Restricted")]},
    {"name": "ContentType",
     "doc": "Content type filter (deprecated by Flickr in favour of `content_types`).",
     "values": [
         E("1", "Photos", "photos only"),
         E("2", "Screenshots", "screenshots only"),
         E("3", "Other", "'other' only"),
         E("4", "PhotosAndScreenshots", "photos and screenshots"),
         E("5", "ScreenshotsAndOther", "screenshots and 'other'"),
         E("6", "PhotosAndOther", "photos and 'other'"),
         E("7", "All", "photos, screenshots, and 'other' (all)"),
     ]},
    {"name": "ContentKind",
     "doc": "One content type in a `content_types` list.",
     "values": [E("0", "Photo", "photos"), E("1", "Screenshot", "screenshots"),
                E("2", "Other", "'other'"), E("3", "VirtualPhoto", "virtual photos")]},
    {"name": "VideoContentKind",
     "doc": "One video content type in a `video_content_types` list.",
     "values": [E("0", "Video", "videos"), E("1", "Screencast", "Screencasts"),
                E("2", "Animation", "Animation/CGI"), E("3", "Machinima", "Machinima")]},
    {"name": "Media",
     "doc": "Filter results by media type.",
     "values": ["all", "photos", "videos"]},
    {"name": "GeoContext",
     "doc": "A photo's geotagginess beyond latitude and longitude.",
     "values": [E("0", "NotDefined", "not defined"), E("1", "Indoors", "indoors"), E("2", "Outdoors", "outdoors")]},
    {"name": "WhoCanAdd",
     "doc": "Who may add comments, or notes and tags, to a photo.",
     "values": [E("0", "Nobody", "nobody (just the owner)"), E("1", "FriendsAndFamily", "friends & family"),
                E("2", "Contacts", "contacts"), E("3", "Everybody", "everybody")]},
    {"name": "TagMode",
     "doc": "How several tags combine.",
     "values": [E("any", "Any", "an OR combination of tags"), E("all", "All", "an AND combination of tags")]},
    {"name": "RadiusUnits",
     "doc": "Unit of a radial geo query's radius.",
     "values": [E("mi", "Miles", "miles"), E("km", "Kilometers", "kilometers")]},
    {"name": "ContactsFilter",
     "doc": "Which contacts to include.",
     "values": [E("all", "All", "all your contacts"), E("ff", "FriendsAndFamily", "just friends and family")]},
    {"name": "PlaceTypeId",
     "doc": "A place type, by numeric id, to cluster photos by.",
     "values": [E("22", "Neighbourhood", "neighbourhood"), E("7", "Locality", "locality"),
                E("8", "Region", "region"), E("12", "Country", "country"), E("29", "Continent", "continent")]},
    {"name": "PlaceType",
     "doc": "A place type, by name (Flickr prefers `place_type_id`).",
     "comment": "county is documented for flickr.places.placesForBoundingBox only; Flickr also\n"
                "accepts the spelling neighborhood.",
     "values": ["neighbourhood", "locality", "county", "region", "country", "continent"]},
    {"name": "VerifyMode",
     "doc": "PubSubHubbub verification mode.",
     "values": ["sync", "async"]},
    {"name": "MemberType",
     "doc": "A group member type.",
     "values": [E("2", "Member", "member"), E("3", "Moderator", "moderator"), E("4", "Admin", "admin")]},
    {"name": "SortGroup",
     "doc": "A group that sorts returned sets or galleries first.",
     "comment": "suggested is documented for flickr.galleries.getList only.",
     "values": [E("has_photo", "HasPhoto", "sets or galleries holding photos named in `photo_ids`"),
                E("suggested", "Suggested", "suggested galleries")]},
]


# ------------------------------------------------------------- rules by name
def ids(kind):
    return {"type": kind}


def listof(of, sep=",", **kw):
    return {"type": "list", "of": of, "sep": sep, **kw}


def enum(name, **kw):
    return {"type": "enum", "enum": name, **kw}


def inline(values, **kw):
    return {"type": "enum", "values": values, **kw}


def date_from_doc(doc, add=()):
    """date with the formats the doc names, in the order it names them."""
    low = doc.lower()
    found = [(low.find(k), f) for k, f in (("unix", "unix"), ("mysql", "mysql"), ("yyyy-mm-dd", "ymd"))
             if k in low]
    formats = [f for _, f in sorted(found)]
    for f in add:
        if f not in formats:
            formats.append(f)
    return {"type": "date", "formats": formats}


def taken_date(method, doc):
    # Flickr documents MySQL datetimes; a bare YYYY-MM-DD is a valid MySQL date too.
    return date_from_doc(doc, add=("ymd",))


def doc_date(method, doc):
    return date_from_doc(doc)


def per_page(method, doc):
    t = {"type": "int", "min": 1}
    m = re.search(r"(?:defaults to|default is) (\d+)", doc, re.I)
    if m:
        t["default"] = int(m.group(1))
    m = re.search(r"maximum(?: allowed value| number of sets per page)? is (\d+)", doc, re.I)
    if m:
        t["max"] = int(m.group(1))
    return t


def page(method, doc):
    if "Default is 0" in doc:
        return {"type": "int", "min": 0, "default": 0,
                "comment": "Flickr documents page 0 as the default here (0-based?); kept as documented."}
    t = {"type": "int", "min": 1}
    if "defaults to 1" in doc:
        t["default"] = 1
    return t


def count(method, doc):
    t = {"type": "int", "min": 1}
    m = re.search(r"defaults to (\d+)", doc, re.I)
    if m:
        t["default"] = int(m.group(1))
    m = re.search(r"maximum(?: allowed value is)? (\d+)", doc, re.I)
    if m:
        t["max"] = int(m.group(1))
    return t


TEXT = {"type": "text"}
STRING = {"type": "string"}
BOOL = {"type": "bool"}
UNIX = {"type": "date", "formats": ["unix"]}
PIXELS = {"type": "int", "min": 0}

BY_NAME = {
    # ids
    "photo_id": ids("photo_id"), "primary_photo_id": ids("photo_id"),
    "photoset_id": ids("photoset_id"), "gallery_id": ids("gallery_id"),
    "group_id": ids("group_id"), "collection_id": ids("collection_id"),
    "place_id": ids("place_id"), "woe_id": ids("woe_id"),
    "comment_id": ids("comment_id"), "note_id": ids("note_id"),
    "topic_id": ids("topic_id"), "reply_id": ids("reply_id"), "tag_id": ids("tag_id"),
    "suggestion_id": ids("suggestion_id"), "testimonial_id": ids("testimonial_id"),
    "user_id": ids("user_id"), "owner_id": ids("user_id"),
    # lists of ids
    "photo_ids": listof("photo_id"), "photoset_ids": listof("photoset_id"),
    "tickets": listof("ticket_id"), "place_ids": listof("place_id"),
    "nsids": listof("user_id"), "contacts_filter": listof("user_id"),
    "woe_ids": listof("woe_id", comment="Flickr's text says \"a 32-bit integer\", but the name and the\n"
                                        "precedence note speak of several WOE ids: a comma list."),
    # paging and counts
    "page": page, "per_page": per_page, "count": count,
    "limit": {"type": "int", "min": 0, "default": 6},
    "short_limit": {"type": "int", "min": 0, "default": 2},
    "threshold": {"type": "int", "min": 0},
    "num_days": {"type": "int", "min": 1},
    "lease_seconds": {"type": "int", "min": 60, "max": 86400},
    "license_id": {"type": "int", "min": 0,
                   "comment": "license ids: see flickr.photos.licenses.getInfo (0 removes the license)."},
    "license": listof("int", comment="license ids, see flickr.photos.licenses.getInfo."),
    # extras
    "extras": listof("enum", enum="Extra"), "primary_photo_extras": listof("enum", enum="Extra"),
    # geo
    "lat": {"type": "float", "min": -90.0, "max": 90.0},
    "lon": {"type": "float", "min": -180.0, "max": 180.0},
    "accuracy": {"type": "int", "min": 1, "max": 16, "default": 16},
    "bbox": listof("float", comment="4 values: min_lon, min_lat, max_lon, max_lat."),
    "radius": {"type": "float", "default": 5.0,
               "comment": "> 0 and < 20 mi / 32 km depending on radius_units; not expressible as one range."},
    "radius_units": enum("RadiusUnits", default="km"),
    "context": enum("GeoContext"), "geo_context": enum("GeoContext"),
    "has_geo": BOOL,
    "place_type": enum("PlaceType"), "place_type_id": enum("PlaceTypeId"),
    "foursquare_id": STRING,
    # filters / enums
    "privacy_filter": enum("PrivacyFilter"), "safe_search": enum("SafeSearch"),
    "safety_level": enum("SafetyLevel"), "content_type": enum("ContentType"),
    "content_types": listof("enum", enum="ContentKind"),
    "video_content_types": listof("enum", enum="VideoContentKind"),
    "media": enum("Media", default="all"),
    "tag_mode": enum("TagMode", default="any"), "machine_tag_mode": enum("TagMode", default="any"),
    "contacts": enum("ContactsFilter"),
    "perm_comment": enum("WhoCanAdd"), "perm_addmeta": enum("WhoCanAdd"),
    "membertypes": listof("enum", enum="MemberType"),
    "sort_groups": listof("enum", enum="SortGroup"),
    "verify": enum("VerifyMode"),
    "status_id": inline([E("0", "Pending", "pending"), E("1", "Approved", "approved"),
                         E("2", "Rejected", "rejected")], default="0"),
    "degrees": inline([E("90", "Deg90", "90 degrees clockwise"), E("180", "Deg180", "180 degrees"),
                       E("270", "Deg270", "270 degrees clockwise")]),
    "period": inline(["day", "week"], default="day"),
    "date_taken_granularity": inline(
        [E("0", "Second", "Y-m-d H:i:s (full date and time)"), E("4", "Month", "Y-m (year and month)"),
         E("6", "Year", "Y (year only)"), E("8", "Circa", "circa (approximate)")],
        comment="values from Flickr's dates documentation (https://www.flickr.com/services/api/misc.dates.html)."),
    # booleans
    "is_public": BOOL, "is_friend": BOOL, "is_family": BOOL, "is_contact": BOOL,
    "hidden": BOOL, "just_friends": BOOL, "single_photo": BOOL, "include_self": BOOL,
    "accept_rules": BOOL, "delete_photos": BOOL, "full_response": BOOL, "full_result": BOOL,
    "cover_photos": BOOL, "get_user_info": BOOL, "get_gallery_info": BOOL,
    "is_commons": {"type": "bool", "default": False}, "in_gallery": {"type": "bool", "default": False},
    "is_getty": {"type": "bool", "default": False},
    # dates
    "min_upload_date": doc_date, "max_upload_date": doc_date,
    "min_taken_date": taken_date, "max_taken_date": taken_date,
    "min_fave_date": UNIX, "max_fave_date": UNIX, "min_comment_date": UNIX, "max_comment_date": UNIX,
    "date_lastupload": UNIX, "date_lastcomment": UNIX, "added_since": UNIX,
    "date_posted": {"type": "date", "formats": ["unix"],
                    "comment": "unix timestamp, per Flickr's dates documentation."},
    "date_taken": {"type": "date", "formats": ["mysql", "ymd"],
                   "comment": "MySQL datetime, per Flickr's dates documentation."},
    "date_until": {"type": "date", "formats": ["ymd"]},
    "min_date": {"type": "date", "formats": ["unix", "mysql", "ymd"],
                 "comment": "\"A Unix timestamp or any English textual datetime description\"."},
    "dates": listof("date", formats=["unix"]),
    "taken_dates": listof("date", formats=["mysql"]),
    # coordinates in pixels
    "note_x": PIXELS, "note_y": PIXELS, "note_w": PIXELS, "note_h": PIXELS,
    "person_x": PIXELS, "person_y": PIXELS, "person_w": PIXELS, "person_h": PIXELS,
    # human text
    "title": TEXT, "description": TEXT, "comment_text": TEXT, "comment": TEXT, "message": TEXT,
    "subject": TEXT, "note_text": TEXT, "note": TEXT, "testimonial_text": TEXT, "text": TEXT,
    "query": TEXT, "tag": TEXT,
    "machine_tags": listof("string", comment="machine tags or namespace:predicate=value patterns."),
    # opaque strings
    "url": STRING, "domain": STRING, "callback": STRING, "verify_token": STRING, "topic": STRING,
    "secret": STRING, "service": STRING, "blog_id": STRING, "blog_password": STRING,
    "namespace": STRING, "predicate": STRING, "cluster_id": STRING, "brand": STRING,
    "method_name": STRING, "auth_token": STRING, "mini_token": STRING, "frob": STRING,
    "oauth_token": STRING, "continuation": STRING, "timeframe": STRING, "lang": STRING,
    "group_path_alias": STRING, "panda_name": STRING, "find_email": STRING, "username": STRING,
    "cover_photos_size": STRING, "primary_photo_size": STRING, "primary_photo_cover_size": STRING,
}

def optional(t, why):
    """Mark an argument optional against reflection, saying why."""
    if callable(t):
        return lambda method, doc: {**t(method, doc), "required": False, "override": why}
    return {**t, "required": False, "override": why}


SIZE_NOTE = "a size suffix such as q (150x150 square); Flickr does not list the accepted values."
PHOTO_SORT = enum("SortOrder", default="date-posted-desc")

BY_METHOD = {
    # extras with other value sets
    ("people.getGroups", "extras"): listof("enum", enum="GroupExtra"),
    ("photos.geo.getLocation", "extras"): listof("string", comment="Flickr documents no values (\"Extra flags.\")."),
    # sort orders
    ("contacts.getList", "sort"): inline(["name", "time"], default="name"),
    ("photos.getPopular", "sort"): inline(["faves", "views", "comments", "interesting"], default="interesting"),
    ("photos.getWithGeoData", "sort"): PHOTO_SORT,
    ("photos.getWithoutGeoData", "sort"): PHOTO_SORT,
    ("photos.search", "sort"): {**PHOTO_SORT, "comment": "default date-posted-desc, except for radial geo queries (by distance)."},
    ("stats.getMostPopularPhotoDateRange", "sort"): enum("StatsSort"),
    ("stats.getPopularPhotos", "sort"): enum("StatsSort", default="views"),
    # filters
    ("contacts.getList", "filter"): inline([
        E("friends", "Friends", "Only contacts who are friends (and not family)"),
        E("family", "Family", "Only contacts who are family (and not friends)"),
        E("both", "Both", "Only contacts who are both friends and family"),
        E("neither", "Neither", "Only contacts who are neither friends nor family")]),
    ("contacts.getListRecentlyUploaded", "filter"): enum("ContactsFilter", default="all"),
    ("places.placesForContacts", "contacts"): enum("ContactsFilter", default="all"),
    ("photos.setContentType", "content_type"): inline([
        E("1", "Photo", "Photo"), E("2", "Screenshot", "Screenshot"), E("3", "Other", "Other"),
        E("4", "VirtualPhotography", "Virtual Photography")]),
    ("photos.geo.setLocation", "context"): enum("GeoContext", default="0"),
    ("push.subscribe", "accuracy"): {"type": "int", "min": 1, "max": 16, "default": 1},
    # dates
    ("interestingness.getList", "date"): {"type": "date", "formats": ["ymd"]},
    ("places.getTopPlacesList", "date"): {"type": "date", "formats": ["ymd"],
                                          "comment": "defaults to yesterday (not a fixed value)."},
    # tags: the separator differs by method
    ("groups.pools.getPhotos", "tags"): {"type": "text", "comment": "a single tag (Flickr supports only one here)."},
    ("photos.addTags", "tags"): listof("text", sep=" ", comment="space separated; quote a multi-word tag (\"new york\")."),
    ("photos.setTags", "tags"): listof("text", sep=" ", comment="space separated; quote a multi-word tag (\"new york\")."),
    ("photos.search", "tags"): listof("text"),
    ("places.placesForTags", "tags"): listof("text"),
    ("push.subscribe", "tags"): listof("text"),
    # Reflection marks these required, but Flickr's own text says they may be left out.
    ("galleries.removePhoto", "full_response"): optional(
        BOOL, "an \"if specified\" flag, optional in flickr.galleries.addPhoto; reflection's required mark is a slip"),
    ("galleries.getList", "user_id"): optional(
        ids("user_id"), "Flickr's text: \"If none is specified, the calling user is assumed\""),
    ("galleries.getList", "short_limit"): optional(
        {"type": "int", "min": 0, "default": 2}, "Flickr's text gives a default (2); optional in flickr.galleries.getInfo"),
    ("groups.discuss.replies.getList", "per_page"): optional(
        per_page, "Flickr's text: \"If this argument is omitted, it defaults to 100\""),
    ("photos.geo.batchCorrectLocation", "accuracy"): optional(
        {"type": "int", "min": 1, "max": 16, "default": 16}, "Flickr's text: \"Defaults to 16 if not specified\""),
    ("photos.geo.correctLocation", "foursquare_id"): optional(
        STRING, "Flickr's text says what happens when it is not passed (any existing venue is removed)"),
    **{(m, "group_id"): optional(
        ids("group_id"), "Flickr's text: \"Making this parameter optional for legacy reasons\"")
       for m in ("groups.discuss.replies.add", "groups.discuss.replies.delete", "groups.discuss.replies.edit",
                 "groups.discuss.replies.getInfo", "groups.discuss.replies.getList", "groups.discuss.topics.getInfo")},
    # sizes
    ("galleries.getInfo", "cover_photos_size"): {"type": "string", "comment": SIZE_NOTE},
    ("galleries.getList", "cover_photos_size"): {"type": "string", "comment": SIZE_NOTE},
}


def arg_type(method, arg, doc):
    short = method[len("flickr."):]
    t = BY_METHOD.get((short, arg))
    if t is None and short.startswith("stats.") and arg == "date":
        t = {"type": "date", "formats": ["ymd", "unix"]}
    if t is None:
        t = BY_NAME.get(arg)
    if t is None:
        raise SystemExit(f"no type rule for {method} {arg}: add one to spec/tools/argtypes.py")
    if callable(t):
        t = t(short, doc)
    return dict(t)


# ------------------------------------------------------------------ responses
RESPONSES = {
    "flickr.photos.search": {"type": "PhotoPage", "root": "photos"},
    "flickr.photosets.getList": {"type": "PhotosetList", "root": "photosets"},
    "flickr.photosets.getPhotos": {"type": "PhotosetPhotos", "root": "photoset"},
    "flickr.test.login": {"type": "LoginUser", "root": "user"},
    "flickr.stats.getPhotostreamReferrers": {"type": "ReferrerPage", "root": "domain"},
}

PAGING_NOTE = {}

LEGACY = "legacy Flickr auth; use OAuth 1.0a"
DEPRECATED = {
    "flickr.auth.checkToken": LEGACY,
    "flickr.auth.getFrob": LEGACY,
    "flickr.auth.getFullToken": LEGACY,
    "flickr.auth.getToken": LEGACY,
    "flickr.auth.oauth.getAccessToken": "exchanges a legacy Flickr auth token for an OAuth token "
                                        "(deleting the old token); only useful when migrating off legacy auth",
}

# Flickr gives four methods an empty description and the push methods joke ones
# ("In ur pandas, tickling ur unicorn"); their summaries are ours.
SUMMARY = {
    "flickr.push.getTopics": "Get the list of topics available for push subscriptions.",
    "flickr.push.subscribe": "Subscribe to a push feed (PubSubHubbub).",
    "flickr.push.unsubscribe": "Remove a push subscription.",
    "flickr.blogs.postPhoto": "Post a photo to a blog.",
    "flickr.galleries.getInfo": "Get information about a gallery.",
    "flickr.photos.geo.correctLocation": "Correct the places hierarchy (Places ID / WOE ID) of a geotagged photo.",
    "flickr.photosets.reorderPhotos": "Reorder the photos in a photoset.",
}

# ------------------------------------------------------------------ errors
GENERIC_NAMES = {
    95: "SslRequired", 96: "InvalidSignature", 97: "MissingSignature", 98: "LoginFailed",
    99: "InsufficientPermissions", 100: "InvalidApiKey", 105: "ServiceUnavailable",
    106: "WriteOperationFailed", 111: "FormatNotFound", 112: "MethodNotFound",
    114: "InvalidSoapEnvelope", 115: "InvalidXmlRpcMethodCall", 116: "BadUrlFound",
}

# Hand-picked names where the derived one clashes, is misspelt or is unwieldy.
ERROR_NAMES = {
    ("flickr.galleries.addPhoto", 9): "PhotoOptedOut",
    ("flickr.galleries.addPhoto", 13): "OwnerOptedOutOfAllGalleries",
    ("flickr.groups.join", 3): "GroupNotAvailableToTheAccount",          # Flickr: "availabie"
    ("flickr.groups.pools.add", 6): "AddedToPendingQueue",
    ("flickr.groups.pools.add", 7): "AlreadyInPendingQueue",
    ("flickr.photos.geo.correctLocation", 1): "DefaultGeoPermsNotConfigured",
    ("flickr.photos.geo.setLocation", 7): "DefaultGeoPermsNotConfigured",
    ("flickr.photos.people.add", 6): "SomeCoordinateParametersWereBlank",   # Flickr: "paramters"
    ("flickr.photos.people.editCoords", 4): "SomeCoordinateParametersWereBlank",
    ("flickr.photos.getRecent", 1): "BadValueForJumpTo",
    ("flickr.photos.search", 10): "SearchApiUnavailable",
    ("flickr.photos.search", 13): "JumpToNotAvailableForThisQuery",      # Flickr: "avaiable"
    ("flickr.places.placesForBoundingBox", 4): "BoundingBoxTooLargeForPlaceType",
    ("flickr.places.placesForContacts", 1): "PlacesForContactsUnavailable",
    ("flickr.places.placesForUser", 1): "PlacesForUserUnavailable",
    ("flickr.push.getSubscriptions", 5): "ProAccountsOnly",
    ("flickr.push.subscribe", 3): "CallbackUrlAlreadyInUse",
    ("flickr.push.subscribe", 5): "ProAccountsOnly",
    ("flickr.push.subscribe", 6): "SubscriptionAwaitingVerification",
    ("flickr.push.unsubscribe", 6): "SubscriptionAwaitingVerification",
    ("flickr.testimonials.getAllTestimonialsAboutBy", 1): "InvalidNsidProvided",
    # clash with a generic error name of the same method (99 / 112)
    ("flickr.groups.pools.remove", 3): "NotPhotoOwnerOrGroupAdmin",
    ("flickr.reflection.getMethodInfo", 1): "UnknownMethod",
}

# TOML comments written above an error.
ERROR_NOTES = {
    ("flickr.testimonials.getAllTestimonialsAboutBy", 1):
        "Flickr's message is just \"user_id\" (its doc is the argument's text); the sibling\n"
        "*AboutBy methods say \"Invalid NSID provided\" for code 1, hence the name.",
}
