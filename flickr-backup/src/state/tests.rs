use super::rows::Change;
use super::*;
use flickr_sdk::types::Photo;
use serde_json::Value;

fn from<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

fn photo(v: Value) -> Photo {
    from(v)
}

fn listing<'a>(id: &'a str, item: &'a Photo, last_update: i64) -> Listing<'a> {
    Listing {
        id,
        owner: "u",
        own: true,
        media: MediaKind::Photo,
        item,
        last_update: Some(last_update),
    }
}

/// A state holding a video and a photo, a set of each kind, and a pending
/// file of the video: (its folder, the state, the run, the file).
fn stored() -> (tempfile::TempDir, State, i64, FileRow) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = State::open(&dir.path().join("s.sqlite")).unwrap();
    let run = s.begin_run(1).unwrap();
    let item = photo(serde_json::json!({"id": "1"}));
    let file = FileRow {
        photo_id: "1".into(),
        url: "u".into(),
        variant: "orig".into(),
        path: "photos/undated/1.mp4".into(),
        status: FileStatus::Pending,
        size: None,
        sha256: None,
        tmp: None,
        old_path: None,
        error: None,
        origin: None,
    };
    s.batch(|b| {
        let video = Listing {
            media: MediaKind::Video,
            ..listing("1", &item, 5)
        };
        b.upsert_photo(run, video, true)?;
        b.upsert_photo(run, listing("2", &item, 5), true)?;
        for kind in [
            SetKind::Album,
            SetKind::Gallery,
            SetKind::Favorites,
            SetKind::Collections,
        ] {
            let set = SetRow {
                kind,
                id: "7".into(),
                info: match kind {
                    SetKind::Album => SetInfo::Album(from(serde_json::json!({"id": "7"}))),
                    SetKind::Gallery => SetInfo::Gallery(from(serde_json::json!({"id": "7"}))),
                    SetKind::Favorites => SetInfo::Favorites { user: "u".into() },
                    SetKind::Collections => SetInfo::Collections(from(serde_json::json!({}))),
                },
                members: vec!["1".into()],
                stamp: None,
                seen_run: run,
                deleted: false,
            };
            b.upsert_set(run, &set)?;
        }
        b.put_file(&file, Some(run))
    })
    .unwrap();
    (dir, s, run, file)
}

/// The first column of `sql`'s rows, as text.
fn text(s: &State, sql: &str) -> Vec<String> {
    let mut stmt = s.conn.prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

#[test]
fn media_and_set_kinds_are_stored_as_todays_strings_and_read_back() {
    let (_dir, s, _, _) = stored();
    assert_eq!(
        text(&s, "SELECT media FROM photos ORDER BY id"),
        ["video", "photo"]
    );
    assert_eq!(
        text(&s, "SELECT kind FROM sets ORDER BY rowid"),
        ["album", "gallery", "favorites", "collections"]
    );
    assert_eq!(s.photo("1").unwrap().unwrap().media, MediaKind::Video);
    assert_eq!(
        s.sets(SetKind::Collections).unwrap()[0].kind,
        SetKind::Collections
    );
}

#[test]
fn a_file_s_status_is_stored_as_today_s_string_at_each_step() {
    let (_dir, s, run, file) = stored();
    let status = || text(&s, "SELECT status FROM files")[0].clone();
    assert_eq!(status(), "pending");
    assert_eq!(s.pending_after(run, None, 10).unwrap(), vec![file.clone()]);
    s.file_placing("1", 3, "ab", "1.orig.part").unwrap();
    assert_eq!(status(), "placing");
    assert_eq!(s.files_in(FileStatus::Placing).unwrap().len(), 1);
    s.file_done("1").unwrap();
    assert_eq!(status(), "done");
    s.file_failed("1", "x").unwrap();
    assert_eq!(status(), "done", "a complete file is never recorded failed");
    s.file_invalid("1", "missing").unwrap();
    assert_eq!(status(), "pending");
    s.file_failed("1", "x").unwrap();
    assert_eq!(status(), "failed");
}

#[test]
fn a_status_string_no_version_wrote_is_an_error_naming_it_not_a_panic() {
    let (_dir, s, _, _) = stored();
    s.conn
        .execute("UPDATE files SET status='lost'", [])
        .unwrap();
    let err = s.file("1").unwrap_err();
    let err = flickr_sdk::error::Chain(&err).to_string();
    assert!(err.contains("unknown file status `lost`"), "{err}");
}

#[test]
fn photos_are_new_changed_same_and_flagged_when_gone() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = State::open(&dir.path().join("s.sqlite")).unwrap();
    let r1 = s.begin_run(1).unwrap();
    let item = photo(serde_json::json!({"id": "1", "title": "a"}));
    let c = s
        .batch(|b| {
            let a = b.upsert_photo(r1, listing("1", &item, 5), true)?;
            b.upsert_photo(r1, listing("2", &item, 5), true)?;
            Ok(a)
        })
        .unwrap();
    assert_eq!(c, Change::New);
    let r2 = s.begin_run(2).unwrap();
    let edited = photo(serde_json::json!({"id": "1", "title": "b"}));
    let (c, gone) = s
        .batch(|b| {
            let c = b.upsert_photo(r2, listing("1", &edited, 6), true)?;
            // An album's copy of an item already listed in this run is not taken.
            let same = b.upsert_photo(r2, listing("1", &item, 6), false)?;
            assert_eq!(same, Change::Same);
            Ok((c, b.flag_deleted_photos(r2, true)?))
        })
        .unwrap();
    assert_eq!(c, Change::Changed);
    assert_eq!(gone, vec!["2".to_owned()]);
    assert_eq!(s.photo("1").unwrap().unwrap().item, edited);
    assert!(s.photo("2").unwrap().unwrap().deleted);
    // A scratch copy sees the same and changes nothing.
    drop(s);
    let copy = State::scratch_copy(&dir.path().join("s.sqlite")).unwrap();
    assert_eq!(copy.photo_count().unwrap(), 2);
    let first = copy.photos_after(None, 1).unwrap();
    assert_eq!(first[0].id, "1");
    assert_eq!(copy.photos_after(Some("1"), 5).unwrap()[0].id, "2");
    assert!(copy.photos_after(Some("2"), 5).unwrap().is_empty());
    copy.set_meta("user", "x").unwrap();
    let s = State::open(&dir.path().join("s.sqlite")).unwrap();
    assert_eq!(s.meta("user").unwrap(), None);
}

#[test]
fn photos_are_read_in_id_order_a_batch_at_a_time_by_seeking_in_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = State::open(&dir.path().join("s.sqlite")).unwrap();
    let run = s.begin_run(1).unwrap();
    let item = photo(serde_json::json!({"id": "0"}));
    // Numbers as text: "9" comes before "10", and "10" before "11".
    let ids = ["11", "9", "100", "10", "2"];
    s.batch(|b| {
        for id in ids {
            b.upsert_photo(run, listing(id, &item, 1), true)?;
        }
        Ok(())
    })
    .unwrap();
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let batch = s.photos_after(after.as_deref(), 2).unwrap();
        let Some(last) = batch.last() else { break };
        after = Some(last.id.clone());
        seen.extend(batch.into_iter().map(|p| p.id));
    }
    assert_eq!(seen, ["2", "9", "10", "11", "100"]);
    // Every query seeks in the index (SEARCH) or reads it in order from
    // the start, never scans the table and sorts it again: a pass over the
    // account stays linear however many batches it takes.
    for (sql, want) in [
        (PHOTOS_FIRST, "SCAN photos USING INDEX photos_in_order"),
        (
            PHOTOS_SAME_LENGTH_AFTER,
            "SEARCH photos USING INDEX photos_in_order (<expr>=? AND id>?)",
        ),
        (
            PHOTOS_LONGER,
            "SEARCH photos USING INDEX photos_in_order (<expr>>?)",
        ),
    ] {
        let mut stmt = s
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let params: &[&dyn rusqlite::ToSql] = &[&2, &"9"];
        let plan: Vec<String> = stmt
            .query_map(&params[..stmt.parameter_count()], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(plan, [want], "{sql}");
    }
}

#[test]
fn rows_read_into_types_and_say_which_photo_does_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = State::open(&dir.path().join("s.sqlite")).unwrap();
    let run = s.begin_run(1).unwrap();
    let item = photo(serde_json::json!({"id": "1", "title": "a", "datetakenunknown": "1"}));
    let details = Details {
        streams: Some(vec![Stream {
            kind: "orig".into(),
            url: "https://v/1.mp4".into(),
        }]),
        ..Details::default()
    };
    s.batch(|b| {
        b.upsert_photo(run, listing("1", &item, 5), true)?;
        b.upsert_photo(run, listing("2", &item, 5), true)?;
        b.set_details("1", &details, Some(5))
    })
    .unwrap();
    let row = s.photo("1").unwrap().unwrap();
    assert_eq!(row.item, item);
    assert_eq!(row.item.date_taken_unknown, Some(true));
    assert_eq!((row.details, row.details_for), (details, Some(5)));

    // Details in a form that no longer reads are asked for again.
    s.conn
        .execute(
            "UPDATE photos SET details='{\"streams\": 5}' WHERE id='1'",
            [],
        )
        .unwrap();
    let row = s.photo("1").unwrap().unwrap();
    assert_eq!((row.details, row.details_for), (Details::default(), None));

    // A list item that does not read is an error naming the photo.
    s.conn
        .execute("UPDATE photos SET item='{\"title\": 5}' WHERE id='2'", [])
        .unwrap();
    let err = flickr_sdk::error::Chain(&s.photo("2").unwrap_err()).to_string();
    assert!(err.contains("photo 2"), "{err}");
    assert!(err.contains("missing field `id`"), "{err}");
}

#[test]
fn a_format_1_state_gains_the_files_origin_and_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    {
        // The tables as format 1 made them (no `origin`), with a file in them.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let v1 = TABLES.replace(",\n  origin TEXT\n", "\n");
        assert!(!v1.contains("origin"));
        conn.execute_batch(&v1).unwrap();
        conn.execute_batch(
            "INSERT INTO meta VALUES('schema', '1');
             INSERT INTO files(photo_id, url, variant, path, status) VALUES('1', 'u', 'o', 'p.jpg', 'done');",
        )
        .unwrap();
    }
    let s = State::open(&path).unwrap();
    assert_eq!(s.meta("schema").unwrap().as_deref(), Some("2"));
    let f = s.file("1").unwrap().unwrap();
    assert_eq!((f.url.as_str(), f.origin), ("u", None));
    drop(s);
    // Opening again is a no-op.
    assert!(State::open(&path).is_ok());
}

/// The export's record and comments of photo 1.
fn exported_details() -> Details {
    let record: crate::export::records::PhotoRecord =
        from(serde_json::json!({"id": "1", "privacy": "friend & family"}));
    Details {
        export: Some(record),
        comments: Some(vec![from(serde_json::json!({"id": "c", "_content": "hi"}))]),
        ..Details::default()
    }
}

/// A state where the API listed photo 1, then an export gave photo 1 (an
/// older item) and photo 2 (only it), both with [`exported_details`]:
/// (its folder, the state, the run).
fn api_then_export() -> (tempfile::TempDir, State, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = State::open(&dir.path().join("s.sqlite")).unwrap();
    let run = s.begin_run(1).unwrap();
    let api = photo(serde_json::json!({"id": "1", "title": "edited since"}));
    let old = photo(serde_json::json!({"id": "1", "title": "as exported"}));
    let only = photo(serde_json::json!({"id": "2", "title": "export only"}));
    let exported = exported_details();
    s.batch(|b| {
        b.upsert_photo(run, listing("1", &api, 5), true)?;
        let mut l = listing("1", &old, 0);
        l.last_update = None;
        assert!(!b.put_export_photo(run, l, &exported)?);
        let mut l = listing("2", &only, 0);
        l.last_update = None;
        assert!(b.put_export_photo(0, l, &exported)?);
        Ok(())
    })
    .unwrap();
    (dir, s, run)
}

#[test]
fn an_export_s_photo_never_replaces_what_the_api_listed_but_adds_its_details() {
    let (_dir, s, _) = api_then_export();
    let exported = exported_details();
    let one = s.photo("1").unwrap().unwrap();
    assert_eq!(
        one.item.title.as_deref(),
        Some("edited since"),
        "the API's item is newer"
    );
    assert_eq!(
        one.details.export, exported.export,
        "the export's record is kept"
    );
    assert_eq!(
        one.details.comments, exported.comments,
        "comments the API did not give"
    );
}

#[test]
fn a_later_export_replaces_an_item_only_an_export_gave_and_keeps_its_details() {
    let (_dir, mut s, run) = api_then_export();
    let exported = exported_details();
    let two = s.photo("2").unwrap().unwrap();
    assert_eq!(
        (two.item.title.as_deref(), two.seen_run),
        (Some("export only"), 0)
    );
    let newer = photo(serde_json::json!({"id": "2", "title": "re-exported"}));
    s.batch(|b| {
        let mut l = listing("2", &newer, 0);
        l.last_update = None;
        b.put_export_photo(run, l, &Details::default())
    })
    .unwrap();
    let two = s.photo("2").unwrap().unwrap();
    assert_eq!(
        (two.item.title.as_deref(), two.seen_run),
        (Some("re-exported"), run)
    );
    assert_eq!(
        two.details.export, exported.export,
        "details merge, never drop"
    );
}
