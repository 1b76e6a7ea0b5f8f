//! The export's zips and members: Flickr's names, `per_zip` media to a
//! zip, metadata parts, upload order, and the media bytes the static host
//! serves for the originals.

use super::*;

#[test]
fn the_export_counts_every_photo() {
    let e = in_parts();
    assert_eq!(e.w.photos, e.fake.photos_of(ALICE).len());
}

#[test]
fn the_metadata_comes_in_three_parts() {
    assert_eq!(in_parts().w.metadata_zips.len(), 3);
}

/// `ID_TOKEN`, the metadata parts' common prefix.
fn metadata_prefix(w: &Export) -> &str {
    w.metadata_zips[0].name.strip_suffix("_part1.zip").unwrap()
}

#[test]
fn metadata_parts_share_an_album_like_id_and_a_12_character_token() {
    let w = &in_parts().w;
    let first = &w.metadata_zips[0].name;
    let (id, token) = metadata_prefix(w).split_once('_').unwrap();
    assert!(id.len() == 17 && id.starts_with("72157"), "{first}");
    assert!(
        token.len() == 12
            && token
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    );
}

#[test]
fn metadata_parts_are_numbered_from_1() {
    let w = &in_parts().w;
    let prefix = metadata_prefix(w);
    for (k, z) in w.metadata_zips.iter().enumerate() {
        assert_eq!(z.name, format!("{prefix}_part{}.zip", k + 1));
    }
}

#[test]
fn every_photos_json_is_in_exactly_one_part() {
    let e = in_parts();
    for id in &e.fake.photos_of(ALICE) {
        assert_eq!(e.all[&format!("photo_{id}.json")].1, 1, "{id}");
    }
}

#[test]
fn every_metadata_part_holds_some_photos_json() {
    for z in &in_parts().w.metadata_zips {
        assert!(z.members.iter().any(|(n, _)| n.starts_with("photo_")));
    }
}

#[test]
fn part_1_holds_the_account_wide_files() {
    let part1: Vec<&String> = in_parts().w.metadata_zips[0]
        .members
        .iter()
        .map(|(n, _)| n)
        .collect();
    for f in [
        "albums.json",
        "account_profile.json",
        "faves_part001.json",
        "contacts_part001.json",
        "photos_comments_part001.json",
        "galleries.json",
        "groups.json",
    ] {
        assert!(part1.iter().any(|n| *n == f), "{f} in part 1");
    }
}

#[test]
fn media_fill_one_zip_per_7_photos() {
    let e = in_parts();
    assert_eq!(
        e.w.media_zips.len(),
        e.fake.photos_of(ALICE).len().div_ceil(7)
    );
}

#[test]
fn media_zips_are_named_data_download_from_1() {
    for (k, z) in in_parts().w.media_zips.iter().enumerate() {
        assert_eq!(z.name, format!("data-download-{}.zip", k + 1));
    }
}

#[test]
fn each_media_zip_holds_1_to_7_files() {
    for z in &in_parts().w.media_zips {
        let m = &z.members;
        assert!(m.len() <= 7 && !m.is_empty());
    }
}

#[test]
fn media_zips_are_flat() {
    for z in &in_parts().w.media_zips {
        for (name, _) in &z.members {
            assert!(!name.contains('/'), "{name}");
        }
    }
}

#[test]
fn media_are_in_upload_order() {
    let e = in_parts();
    let order: Vec<&String> =
        e.w.media_zips
            .iter()
            .flat_map(|z| z.members.iter().map(|(n, _)| n))
            .collect();
    let ids = e.fake.photos_of(ALICE);
    let expected: Vec<&String> = ids.iter().map(|id| &e.w.media[id]).collect();
    assert_eq!(order, expected);
}

#[test]
fn a_japanese_title_names_the_file_as_it_is() {
    assert_eq!(
        in_parts().w.media[&(FIRST + 2)],
        format!("東京タワー_{}_o.gif", FIRST + 2)
    );
}

#[test]
fn an_accented_title_is_lowercased_and_dashed_keeping_its_accents() {
    assert_eq!(
        in_parts().w.media[&(FIRST + 3)],
        format!("été-à-kyōto_{}_o.jpg", FIRST + 3)
    );
}

#[test]
fn an_html_entity_in_a_title_is_spelled_out() {
    assert_eq!(
        in_parts().w.media[&(FIRST + 6)],
        format!("fish-amp-chips_{}_o.jpg", FIRST + 6)
    );
}

#[test]
fn a_plain_title_names_a_png_original() {
    assert_eq!(
        in_parts().w.media[&(FIRST + 1)],
        format!("picture-1_{}_o.png", FIRST + 1)
    );
}

#[test]
fn an_untitled_photo_is_named_by_its_id_and_original_secret() {
    let e = in_parts();
    let untitled = e.fake.photo(FIRST + 5).unwrap();
    assert!(untitled.title.is_empty());
    assert_eq!(
        e.w.media[&untitled.id],
        format!("{}_{}_o.jpg", untitled.id, untitled.original_secret)
    );
}

#[test]
fn a_titled_video_is_named_by_its_title_and_id() {
    let e = in_parts();
    assert_eq!(e.fake.photo(FIRST + 9).unwrap().media, "video");
    assert_eq!(e.w.media[&(FIRST + 9)], format!("clip-9_{}.mp4", FIRST + 9));
}

#[test]
fn an_untitled_video_is_named_by_its_id() {
    let e = in_parts();
    let p = e.fake.photo(FIRST + 19).unwrap();
    assert!(p.title.is_empty() && p.media == "video");
    assert_eq!(e.w.media[&(FIRST + 19)], format!("{}.mp4", FIRST + 19));
}

#[tokio::test]
async fn media_are_the_originals_the_static_host_serves_even_for_free_accounts() {
    let fake = fake().await;
    let w = export(&fake, &ExportSpec::default());
    let all = metadata(&w);
    let mut bytes_of = BTreeMap::new();
    for z in &w.media_zips {
        for (name, bytes) in z.members.iter().cloned() {
            bytes_of.insert(name, bytes);
        }
    }
    let mut checked = (0, 0);
    for id in fake.photos_of(ALICE) {
        let p = fake.photo(id).unwrap();
        let bytes = &bytes_of[&w.media[&id]];
        let url = if p.media == "video" {
            checked.1 += 1;
            format!(
                "{}static/video/{id}/{}/orig.{}?s={}",
                fake.base_url(),
                p.original_secret,
                p.original_format,
                p.secret
            )
        } else {
            checked.0 += 1;
            all[&format!("photo_{id}.json")].0["original"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            &fake.static_file(&url).expect("listed").bytes,
            bytes,
            "{id}"
        );
        if p.original_format == "jpg" && checked.0 < 20 {
            image::load_from_memory(bytes).expect("a real JPEG");
        }
    }
    assert!(checked.0 > 50 && checked.1 > 3);

    // A free account: the API lists no original, the export still has it.
    fake.set_pro(ALICE, false);
    let w2 = export(&fake, &ExportSpec::default());
    let original = photo_json(&w2, FIRST)["original"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(fake.static_file(&original).is_none());
    for (a, b) in w.media_zips.iter().zip(&w2.media_zips) {
        assert_eq!(a.members, b.members);
    }
}
