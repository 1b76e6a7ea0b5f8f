use serde_json::json;

use super::*;

fn album(id: &str, title: &str, members: &[&str], deleted: bool) -> SetRow {
    SetRow {
        kind: SetKind::Album,
        id: id.to_owned(),
        info: SetInfo::Album(
            serde_json::from_value(json!({"id": id, "title": {"_content": title}})).unwrap(),
        ),
        members: members.iter().map(|m| (*m).to_owned()).collect(),
        stamp: None,
        seen_run: 1,
        deleted,
    }
}

fn files(ids: &[&str]) -> HashMap<String, String> {
    ids.iter()
        .map(|id| ((*id).to_owned(), format!("photos/2024/01/02/{id}.jpg")))
        .collect()
}

#[test]
fn albums_are_folders_in_album_order_with_sidecars_and_collections_nest_them() {
    let albums = [
        album("72", "Trip / Ski", &["3", "1", "2"], false),
        album("73", "Gone", &["1"], true),
    ];
    let tree = SetRow {
        kind: SetKind::Collections,
        id: "tree".to_owned(),
        info: SetInfo::Collections(
            serde_json::from_value(json!({"collection": [{"id": "9-7", "title": "Travel", "set": [],
                "collection": [{"id": "9-8", "title": "Winter", "set": [{"id": "72", "title": "old"}, {"id": "73"}]}]}]}))
            .unwrap(),
        ),
        members: Vec::new(),
        stamp: None,
        seen_run: 1,
        deleted: false,
    };
    // Photo 2 is not in the tree yet; photo 1 has an XMP sidecar.
    let has_xmp = |p: &str| p == "photos/2024/01/02/1.jpg.xmp";
    let got = wanted(&albums, Some(&tree), &files(&["1", "3"]), &has_xmp);
    let f = |id: &str| format!("photos/2024/01/02/{id}.jpg");
    let album = "albums/Trip _ Ski (72)";
    let nested = "collections/Travel (9-7)/Winter (9-8)/Trip _ Ski (72)";
    let mut expected = BTreeMap::new();
    for folder in [album, nested] {
        expected.insert(format!("{folder}/0001-3.jpg"), f("3"));
        expected.insert(format!("{folder}/0002-1.jpg"), f("1"));
        expected.insert(
            format!("{folder}/0002-1.jpg.xmp"),
            format!("{}.xmp", f("1")),
        );
    }
    assert_eq!(got, expected);
}
