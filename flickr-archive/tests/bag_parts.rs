//! A target larger than `bag_max_bytes` is packaged as a group of bags of
//! bounded size, and a target packaged again (after a refresh, in another
//! number of parts, with a photo deleted on Flickr) leaves nothing of its
//! earlier bags behind.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{bag_photos, opts, walk};
use flickr_archive::{Archive, Store, Target, TargetStatus};
use flickr_testkit::postgres_server::test_postgres;
use flickr_testkit::{bagit, FakeFlickr};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_target_is_bagged_in_parts_and_packaged_again_without_leftovers() {
    let Some(pg) = test_postgres("bags_in_parts") else {
        return;
    };
    let fake = FakeFlickr::builder()
        .photos(10)
        .users(1)
        .start()
        .await
        .unwrap();
    let user = fake.users()[0].clone();
    let target = Target::parse(&format!("user:{user}")).unwrap();
    let archive = Archive::connect(&pg.url()).await.unwrap();
    archive.add(std::slice::from_ref(&target)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().to_str().unwrap()).unwrap();

    // Under the default bound: one bag.
    archive
        .work(fake.key_client(), store.clone(), opts())
        .await
        .unwrap();
    let whole = status_of(&archive).await;
    assert_eq!(whole.bag_parts, Some(1), "{whole:?}");
    let top = dir.path().join(whole.bag.as_deref().unwrap());
    bagit::assert_valid(&top);
    let every: BTreeSet<u64> = fake.public_photos_of(&user).into_iter().collect();
    assert_eq!(
        bag_photos(dir.path(), whole.bag.as_deref().unwrap()).len(),
        every.len()
    );

    // Packaged again with a third of its bytes per bag: parts, and none of
    // the single bag's files left at the top.
    let bound = whole.bytes as u64 / 3 + 1;
    archive
        .refresh(std::slice::from_ref(&target))
        .await
        .unwrap();
    let again = archive
        .work(
            fake.key_client(),
            store.clone(),
            opts().bag_max_bytes(bound),
        )
        .await
        .unwrap();
    assert_eq!(again.files, 0, "nothing fetched again: {again:?}");
    let parts = parts_of(&top, &status_of(&archive).await, bound, &every);
    assert!((3..=5).contains(&parts), "{parts} parts");

    // A photo deleted on Flickr, and a smaller bound: more parts, and the
    // photo's files in none of them.
    let deleted = fake.public_photos_of(&user)[7];
    assert!(fake.delete_photo(deleted));
    let every: BTreeSet<u64> = fake.public_photos_of(&user).into_iter().collect();
    archive
        .refresh(std::slice::from_ref(&target))
        .await
        .unwrap();
    archive
        .work(
            fake.key_client(),
            store.clone(),
            opts().bag_max_bytes(bound / 2),
        )
        .await
        .unwrap();
    let more = parts_of(&top, &status_of(&archive).await, bound / 2, &every);
    assert!(more > parts, "{more} parts, {parts} before");
    let files = walk(&top);
    let names: Vec<_> = files
        .iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.split('.').next() == Some(deleted.to_string().as_str())
        })
        .collect();
    assert!(
        files
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "xmp")),
        "photos are named by id: {files:?}"
    );
    assert!(
        names.is_empty(),
        "the deleted photo's files remain: {names:?}"
    );

    // And back to one bag: no part folder left.
    archive
        .refresh(std::slice::from_ref(&target))
        .await
        .unwrap();
    archive
        .work(fake.key_client(), store.clone(), opts())
        .await
        .unwrap();
    let one = status_of(&archive).await;
    assert_eq!(one.bag_parts, Some(1));
    bagit::assert_valid(&top);
    let left: Vec<_> = std::fs::read_dir(&top)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("part-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(
        bag_photos(dir.path(), one.bag.as_deref().unwrap())
            .into_iter()
            .collect::<BTreeSet<_>>(),
        every
    );
}

async fn status_of(archive: &Archive) -> TargetStatus {
    let status = archive.status().await.unwrap();
    assert_eq!(status.targets.len(), 1);
    let t = status.targets[0].clone();
    assert_eq!(t.state, "done", "{t:?}");
    t
}

/// Checks the target's bags as a group of parts within `bound` that
/// together hold `every` photo once, and returns how many there are.
fn parts_of(top: &Path, t: &TargetStatus, bound: u64, every: &BTreeSet<u64>) -> usize {
    let n = t.bag_parts.unwrap() as usize;
    assert!(n > 1, "{t:?}");
    let mut entries: Vec<String> = std::fs::read_dir(top)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    let expected: Vec<String> = (1..=n).map(|k| format!("part-{k:04}")).collect();
    assert_eq!(entries, expected, "only the parts under {}", top.display());
    let group = format!("flickr:{}", t.target);
    let mut seen = Vec::new();
    for (k, name) in expected.iter().enumerate() {
        let bag = top.join(name);
        bagit::assert_valid(&bag);
        let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
        assert!(
            info.contains(&format!("External-Identifier: {group}/{name}\n"))
                && info.contains(&format!("Bag-Group-Identifier: {group}\n"))
                && info.contains(&format!("Bag-Count: {} of {n}\n", k + 1)),
            "{info}"
        );
        let record: serde_json::Value =
            serde_json::from_slice(&std::fs::read(bag.join("data/target.json")).unwrap()).unwrap();
        let photos = record["photos"].as_array().unwrap().len();
        let bytes = record["file_bytes"].as_u64().unwrap();
        assert!(
            bytes <= bound || photos == 1,
            "{name}: {bytes} bytes over {bound}"
        );
        assert_eq!(
            (record["part"].as_u64(), record["parts"].as_u64()),
            (Some(k as u64 + 1), Some(n as u64))
        );
        assert!(
            bag.join("data/index.html").exists(),
            "each part has its viewer"
        );
        seen.extend(bag_photos(top, name));
    }
    assert_eq!(seen.len(), every.len(), "each photo in one part");
    assert_eq!(seen.into_iter().collect::<BTreeSet<_>>(), *every);
    n
}
