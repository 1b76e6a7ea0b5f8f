//! Shapes of answers Flickr sends that no fixture holds, seen in answers
//! recorded by projects whose files stay out of this tree (see
//! `fixtures/recorded/README.md` and BENCHMARKS.md "Field coverage"). Each
//! body is written here with made-up values; only the members and nesting
//! follow Flickr. Each must decode with nothing dropped
//! (`flickr_sdk::dropped`, as `field_coverage` checks the fixtures), and the
//! members added for them must hold the values sent.

mod support;

use serde_json::{json, Value};
use support::{decode, parse, walk_fixtures, Fixture};

/// JSON answers: `(method, body)`.
const JSON_SHAPES: &[(&str, &str)] = &[
    (
        "flickr.places.getShapeHistory",
        r#"{"shapes":{"total":1,"woe_id":"100","place_id":"abc","place_type":"neighbourhood","place_type_id":22,
            "shape":[{"created":"1292367866","alpha":0.00001,"count_points":"10","count_edges":3,
            "polylines":{"polyline":[{"_content":"37.1,-122.1 37.2,-122.2"}]},"is_donuthole":0,
            "urls":{"shapefile":{"_content":"http://example.com/1_2_3.tar.gz"}}}]}}"#,
    ),
    (
        "flickr.galleries.create",
        r#"{"gallery":{"id":"1-2","url":"https://www.flickr.com/photos/x/galleries/2","owner":"1@N01",
            "username":"u","iconserver":"1","iconfarm":1,"primary_photo_id":"","date_create":"1402704503",
            "date_update":"1402704503","count_photos":0,"count_videos":0,"count_views":0,"count_comments":0,
            "title":{"_content":"t"},"description":{"_content":"d"}}}"#,
    ),
    (
        "flickr.push.getTopics",
        r#"{"topics":{"topic":[{"name":"my_photos","display_name":"your photos"}]}}"#,
    ),
    (
        "flickr.galleries.getList",
        r#"{"galleries":{"total":1,"page":1,"pages":1,"per_page":100,"user_id":"1@N01",
            "gallery":[{"id":"1-2","url":"https://www.flickr.com/photos/x/galleries/2","owner":"1@N01",
            "primary_photo_id":"3","count_photos":1,"title":{"_content":"t"},
            "primary_photo_extras":{"license":2,"o_width":"10","latitude":1.5,"longitude":2.5,
            "accuracy":16,"context":1,"place_id":"p","woeid":"4","geo_is_public":1,"geo_is_contact":0,
            "geo_is_friend":0,"geo_is_family":0,"url_sq":"https://example.com/s.jpg","width_sq":75}}]}}"#,
    ),
    (
        "flickr.stats.getPopularPhotos",
        r#"{"photos":{"page":1,"pages":"2","perpage":1,"total":"2","photo":[{"id":"1","owner":"1@N01",
            "secret":"s","server":"1","farm":1,"title":"t","ispublic":1,"isfriend":0,"isfamily":0,
            "stats":{"views":6,"comments":1,"favorites":2,"total_views":"60","total_comments":3,"total_favorites":4}}]}}"#,
    ),
    (
        "flickr.photosets.getInfo",
        r#"{"photoset":{"id":"1","owner":"1@N01","primary":"2","photos":3,"count_photos":3,
            "title":{"_content":"t"},"coverphoto_server":"7","coverphoto_farm":1}}"#,
    ),
    (
        "flickr.photos.suggestions.getList",
        r#"{"suggestions":{"total":1,"per_page":"250","page":1,"suggestion":[{"id":"1-2","photo_id":"3",
            "date_suggested":"1406082069","suggested_by":{"nsid":"1@N01","username":"u"},"note":{"_content":"n"}}]}}"#,
    ),
    (
        "flickr.photos.suggestions.suggestLocation",
        r#"{"suggestions":{"suggestion":[{"id":"1-2"}]}}"#,
    ),
    (
        "flickr.people.getPhotosOf",
        r#"{"photos":{"page":1,"pages":1,"perpage":1,"total":1,"photo":[{"id":"1","owner":"1@N01",
            "title":"t","datepersonadded":"1400000000"}]}}"#,
    ),
    (
        "flickr.groups.discuss.topics.getList",
        r#"{"topics":{"group_id":"1@N01","path_alias":"api","name":"g","total":"1","page":1,"per_page":10,"pages":"1",
            "topic":[{"id":"1","subject":"s"}]}}"#,
    ),
    // Since 2023 (Flickr.Net's recorded answers): a video's `video` member,
    // each note's `authorisdeleted` and `pro_badge`, and the owner's gift
    // durations as a list of strings.
    (
        "flickr.photos.getInfo",
        r#"{"photo":{"id":"101","secret":"abc","server":"7","farm":1,"dateuploaded":"1700000000",
            "media":"video","owner":{"nsid":"11@N01","username":"ann","realname":"Ann","ispro":1,
            "pro_badge":"standard","gift":{"gift_eligible":true,"eligible_durations":["year","month","week"],
            "new_flow":true}},"title":{"_content":"clip"},
            "notes":{"note":[{"id":"9","author":"22@N01","authorname":"bob","authorrealname":"Bob",
            "authorispro":1,"authorisdeleted":0,"pro_badge":"legacy","x":"1","y":"2","w":"30","h":"40",
            "_content":"look"}]},
            "video":{"ready":1,"failed":0,"pending":0,"duration":"12","width":"640","height":"360"}}}"#,
    ),
    // Since 2023 each person who faved a photo comes with the profile
    // `flickr.people.getInfo` gives, and `favedate`.
    (
        "flickr.photos.getFavorites",
        r#"{"photo":{"person":[{"nsid":"33@N01","ispro":1,"is_deleted":0,"iconserver":"5","iconfarm":6,
            "path_alias":"cat","has_stats":1,"pro_badge":"standard","expire":"0","gender":"F","ignored":0,
            "contact":1,"friend":0,"family":1,"revcontact":1,"revfriend":0,"revfamily":1,"username":"cat",
            "realname":"Cat","mbox_sha1sum":"0123abcd","location":"Here",
            "timezone":{"label":"Somewhere","offset":"+01:00","timezone_id":"Europe/Here","timezone":31},
            "description":"about me","photosurl":"https://example.com/photos/cat/",
            "profileurl":"https://example.com/people/cat/","mobileurl":"https://m.example.com/cat",
            "photos":{"firstdatetaken":"2001-02-03 04:05:06","firstdate":"1000000000","count":42},
            "has_adfree":0,"has_free_standard_shipping":1,"has_free_educational_resources":0,
            "favedate":"1700000001"}],"id":"101","secret":"abc","server":"7","farm":1,"page":1,"pages":3,
            "perpage":1,"total":3}}"#,
    ),
    // JSON writes the period and count beside `hottags`.
    (
        "flickr.tags.getHotList",
        r#"{"period":"week","count":2,"hottags":{"tag":[{"_content":"sea","score":"9"},
            {"_content":"sky","score":"8"}]}}"#,
    ),
];

/// Shapes of REST XML answers that no fixture holds: where Flickr writes the
/// members of [`JSON_SHAPES`] in XML too. Made-up values, converted as the
/// client converts `format=rest`.
const XML_SHAPES: &[(&str, &str)] = &[
    // The gift durations are empty elements in XML: their values are not sent.
    (
        "flickr.photos.getInfo",
        r#"<rsp stat="ok"><photo id="101" secret="abc" server="7" farm="1" media="video">
            <owner nsid="11@N01" username="ann" ispro="1" pro_badge="standard">
            <gift gift_eligible="1" new_flow="1"><eligible_durations /><eligible_durations /></gift></owner>
            <title>clip</title>
            <notes><note id="9" author="22@N01" authorname="bob" authorrealname="Bob" authorispro="1"
            authorisdeleted="0" pro_badge="legacy" x="1" y="2" w="30" h="40">look</note></notes>
            <video ready="1" failed="0" pending="0" duration="12" width="640" height="360" />
            </photo></rsp>"#,
    ),
    // The person element as `flickr.people.getInfo` writes it, with `favedate`.
    (
        "flickr.photos.getFavorites",
        r#"<rsp stat="ok"><photo id="101" secret="abc" server="7" farm="1" page="1" pages="3" perpage="1" total="3">
            <person nsid="33@N01" username="cat" favedate="1700000001" ispro="1" is_deleted="0"
            iconserver="5" iconfarm="6" path_alias="cat" has_stats="1" pro_badge="standard" expire="0"
            gender="F" ignored="0" contact="1" friend="0" family="1" revcontact="1" revfriend="0" revfamily="1">
            <realname>Cat</realname><location>Here</location>
            <timezone label="Somewhere" offset="+01:00" timezone_id="Europe/Here" timezone="31" />
            <description>about me</description><photosurl>https://example.com/photos/cat/</photosurl>
            <photos><firstdatetaken>2001-02-03 04:05:06</firstdatetaken><firstdate>1000000000</firstdate>
            <count>42</count></photos></person></photo></rsp>"#,
    ),
    // XML writes the period and count on `hottags`.
    (
        "flickr.tags.getHotList",
        r#"<rsp stat="ok"><hottags period="week" count="2"><tag score="9">sea</tag>
            <tag score="8">sky</tag></hottags></rsp>"#,
    ),
];

fn json_shapes() -> Vec<Fixture> {
    let parsed = JSON_SHAPES
        .iter()
        .map(|(m, body)| (*m, serde_json::from_str(body).map_err(|e| e.to_string())));
    shapes("JSON_SHAPES", parsed)
}

fn xml_shapes() -> Vec<Fixture> {
    let parsed = XML_SHAPES
        .iter()
        .map(|(m, body)| (*m, parse(m, "xml", body.as_bytes())));
    shapes("XML_SHAPES", parsed)
}

fn shapes<'a>(
    label: &str,
    parsed: impl Iterator<Item = (&'a str, Result<Value, String>)>,
) -> Vec<Fixture> {
    parsed
        .enumerate()
        .map(|(i, (method, envelope))| Fixture {
            method: method.to_owned(),
            file: format!("{label}[{i}]"),
            envelope: envelope.unwrap_or_else(|e| panic!("{label}[{i}]: {e}")),
        })
        .collect()
}

/// Every shape decodes and nothing of it is dropped.
fn assert_kept(fixtures: &[Fixture]) {
    let mut problems = Vec::new();
    for f in fixtures {
        if let Err(e) = decode(f) {
            problems.push(format!("{}  {}: {e}", f.method, f.file));
        }
    }
    for w in walk_fixtures(fixtures) {
        if !w.dropped.is_empty() {
            let dropped: Vec<String> = w.dropped.iter().map(ToString::to_string).collect();
            problems.push(format!(
                "{}  {}: kept {} of {} values; dropped: {dropped:?}",
                w.method,
                w.file,
                w.kept(),
                w.present
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn json_shapes_are_kept() {
    assert_kept(&json_shapes());
}

#[test]
fn xml_shapes_are_kept() {
    assert_kept(&xml_shapes());
}

/// The typed value (re-serialized) of the shape of `method` in `fixtures`.
fn typed(fixtures: &[Fixture], method: &str) -> Value {
    let f = fixtures
        .iter()
        .find(|f| f.method == method)
        .expect("a shape of the method");
    decode(f).unwrap_or_else(|e| panic!("{method}: {e}"))
}

#[test]
fn a_video_its_notes_and_its_owner_hold_what_was_sent() {
    for (fixtures, durations) in [
        (json_shapes(), json!(["year", "month", "week"])),
        // REST XML does not send the durations' values, only one element each.
        (xml_shapes(), json!(["", ""])),
    ] {
        let info = typed(&fixtures, "flickr.photos.getInfo");
        assert_eq!(
            info["video"],
            json!({"ready": true, "failed": false, "pending": false, "duration": 12, "width": 640, "height": 360})
        );
        let note = &info["notes"]["note"][0];
        assert_eq!(
            (&note["authorisdeleted"], &note["pro_badge"]),
            (&json!(false), &json!("legacy"))
        );
        assert_eq!(info["owner"]["gift"]["eligible_durations"], durations);
        assert_eq!(info["owner"]["pro_badge"], "standard");
    }
}

#[test]
fn people_who_faved_a_photo_carry_their_profile() {
    for fixtures in [json_shapes(), xml_shapes()] {
        let faves = typed(&fixtures, "flickr.photos.getFavorites");
        let person = &faves["person"][0];
        assert_eq!(person["favedate"], 1_700_000_001);
        assert_eq!(person["pro_badge"], "standard");
        assert_eq!(person["revfamily"], true);
        assert_eq!(person["timezone"]["timezone_id"], "Europe/Here");
        assert_eq!(person["photos"]["firstdatetaken"], "2001-02-03 04:05:06");
        assert_eq!(person["photos"]["count"], 42);
    }
}

#[test]
fn hot_tags_keep_their_period_and_count_in_both_formats() {
    let json = typed(&json_shapes(), "flickr.tags.getHotList");
    assert_eq!(
        (&json["period"], &json["count"]),
        (&json!("week"), &json!(2))
    );
    let xml = typed(&xml_shapes(), "flickr.tags.getHotList");
    let list = &xml["hottags"];
    assert_eq!(
        (&list["period"], &list["count"]),
        (&json!("week"), &json!(2))
    );
    assert_eq!(json["hottags"]["tag"], xml["hottags"]["tag"]);
}
