//! Public members for archive tests ([`crate::Config::users`]): N members,
//! each with [`MEMBER_PHOTOS`] public photos and videos over several years,
//! two public albums and one gallery of other members' photos; three groups
//! whose pools mix several members' photos; the first two members are
//! Commons institutions. Deterministic: the same N gives the same world.
//!
//! Run-time changes for fault tests (a member deleted, an album deleted)
//! and the accessors that name what the API lists live in `controls`.

mod controls;

use crate::seed::{mysql_datetime, BOB, CAROL};
use crate::state::{Gallery, Group, Photo, PhotoMore, Photoset, State, User};

/// Photos and videos each member has (every 10th a video).
pub const MEMBER_PHOTOS: usize = 100;
/// First id of the members' photos: member `i`'s `k`-th is `FIRST + i * 1000 + k`.
pub const FIRST_MEMBER_PHOTO_ID: u64 = 54_000_000_000;
/// First id of the members' albums: member `i`'s are `FIRST + i * 10` and `+ 1`.
pub const FIRST_MEMBER_ALBUM_ID: u64 = 72_157_740_000_000_000;
/// First id of the members' galleries: member `i`'s is `FIRST + i`.
pub const FIRST_MEMBER_GALLERY_ID: u64 = 72_157_750_000_000_000;
/// How many groups there are when there are members.
pub const MEMBER_GROUPS: usize = 3;
/// How many of the first members are Commons institutions.
pub const INSTITUTIONS: usize = 2;

const GROUP_NAMES: [&str; MEMBER_GROUPS] = ["Landscapes", "Street Life", "Animals"];
const WORDS: [&str; 10] = [
    "harbour", "bridge", "market", "forest", "tram", "garden", "river", "snow", "fog", "cat",
];
/// The newest upload of any member (2024-05-18).
const NEWEST: i64 = 1_716_000_000;
/// Between one member photo's upload and the next older one (~18 days).
const UPLOAD_STEP: i64 = 1_550_000;

/// The NSID of member `i` (0-based).
pub fn member_nsid(i: usize) -> String {
    format!("{}@N02", 30_000_001 + i)
}

/// The NSID of group `g` (0-based).
pub fn group_nsid(g: usize) -> String {
    format!("{}@N20", 44_000_000_001u64 + g as u64)
}

/// Adds `n` public members with their photos, albums and galleries, the
/// groups and the Commons institutions to `state` (nothing when `n` is 0).
pub fn build(state: &mut State, n: usize, per_member: usize) {
    let per_member = per_member.clamp(60, 999);
    if n == 0 {
        return;
    }
    for i in 0..n {
        let user = member(i);
        for k in 0..per_member {
            let p = member_photo(&user, i, k, per_member);
            state.photos.insert(p.id, p);
        }
        state.members.push(user.nsid.clone());
        state.users.insert(user.nsid.clone(), user);
        for (a, (title, range)) in [("Travels", 0..30), ("Best of", 20..60)]
            .into_iter()
            .enumerate()
        {
            let id = FIRST_MEMBER_ALBUM_ID + (i * 10 + a) as u64;
            let photos: Vec<u64> = range.map(|k| photo_id(i, k)).collect();
            let date_create = NEWEST - (i as i64) * 86_400 - a as i64 * 3_600;
            state.photosets.insert(
                id,
                Photoset {
                    id,
                    owner: member_nsid(i),
                    title: title.to_owned(),
                    description: format!("{title} by member {}.", i + 1),
                    primary: photos[a * 5],
                    photos,
                    date_create,
                    date_update: date_create + 86_400,
                },
            );
        }
    }
    for i in 0..n {
        let id = FIRST_MEMBER_GALLERY_ID + i as u64;
        state.galleries.insert(
            id,
            Gallery {
                id,
                owner: member_nsid(i),
                title: format!("Chosen by member {}", i + 1),
                description: "Other members' photos.".to_owned(),
                photos: gallery_photos(state, i, n),
                date_create: NEWEST - 7_200 - i as i64 * 60,
            },
        );
    }
    for (g, name) in GROUP_NAMES.iter().enumerate() {
        let id = group_nsid(g);
        // Every member gives every third of their first 45 photos.
        let mut pool: Vec<(u64, i64)> = (0..n)
            .flat_map(|i| {
                (0..45)
                    .filter(move |k| (k + i) % MEMBER_GROUPS == g)
                    .map(move |k| (i, k))
            })
            .map(|(i, k)| {
                let added = uploaded(i, k, per_member) + 3_600 * (g as i64 + 1) + i as i64;
                (photo_id(i, k), added)
            })
            .collect();
        pool.sort_by_key(|(id, added)| std::cmp::Reverse((*added, *id)));
        for (photo, _) in &pool {
            if let Some(p) = state.photos.get_mut(photo) {
                p.more.pools.push((id.clone(), (*name).to_owned()));
            }
        }
        state.groups.insert(
            id.clone(),
            Group {
                id,
                name: (*name).to_owned(),
                path_alias: name.to_lowercase().replace(' ', ""),
                description: format!(
                    "Photos of {} from the loopback members.",
                    name.to_lowercase()
                ),
                date_create: NEWEST - 200_000_000 + g as i64 * 86_400,
                members: (n as u64) * 3 + g as u64,
                pool,
            },
        );
    }
    state.institutions = (0..n.min(INSTITUTIONS)).map(member_nsid).collect();
}

fn member(i: usize) -> User {
    User {
        nsid: member_nsid(i),
        username: format!("Member {}", i + 1),
        realname: format!("Member Number {}", i + 1),
        path_alias: format!("member{}", i + 1),
        // Every fourth is a free account (no original, nothing above 1024 px).
        pro: i % 4 != 3,
        // Every third forbids downloads.
        can_download: i % 3 != 2,
    }
}

fn photo_id(i: usize, k: usize) -> u64 {
    FIRST_MEMBER_PHOTO_ID + (i * 1000 + k) as u64
}

/// Uploads over the same five years however many photos a member has
/// (all after Flickr's start, where the date-window walker begins).
fn uploaded(i: usize, k: usize, per_member: usize) -> i64 {
    let step = UPLOAD_STEP * MEMBER_PHOTOS as i64 / per_member.max(MEMBER_PHOTOS) as i64;
    NEWEST - k as i64 * step - i as i64 * 3_600
}

fn member_photo(user: &User, i: usize, k: usize, per_member: usize) -> Photo {
    let id = photo_id(i, k);
    let h = id.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED;
    let video = k % 10 == 9;
    let format = match k % 25 {
        _ if video => "mp4",
        3 => "png",
        4 => "gif",
        _ => "jpg",
    };
    let date_upload = uploaded(i, k, per_member);
    let word = WORDS[(k + i) % WORDS.len()];
    let kind = if video { "Clip" } else { "Photo" };
    Photo {
        id,
        owner: user.nsid.clone(),
        secret: format!("{:010x}", h & 0xFF_FFFF_FFFF),
        original_secret: format!("{:010x}", (h >> 24) & 0xFF_FFFF_FFFF),
        server: format!("{}", 65_000 + (h % 500)),
        farm: 66,
        title: format!("{kind} of a {word} #{k}"),
        description: format!("{kind} {k} by {}.", user.username),
        tags: vec![word.to_owned(), user.path_alias.clone()],
        date_upload,
        date_taken: mysql_datetime(date_upload - 86_400 * (1 + ((k * 7 + i) % 60) as i64)),
        // Some were edited months after their upload.
        last_update: date_upload + 600 + (k % 5) as i64 * 30 * 86_400,
        geo: k.is_multiple_of(4).then_some((
            40.0 + (k % 20) as f64 / 10.0,
            -3.7 + (i % 10) as f64 / 10.0,
            16,
        )),
        is_public: true,
        is_friend: false,
        is_family: false,
        license: ((k + i) % 11) as i64,
        media: if video { "video" } else { "photo" }.to_owned(),
        original_format: format.to_owned(),
        original_size: if k % 3 == 1 {
            (2000, 3000)
        } else {
            (3000, 2000)
        },
        views: h % 5_000,
        content: None,
        more: PhotoMore {
            date_taken_granularity: if k % 17 == 8 { 4 } else { 0 },
            safety_level: match k % 20 {
                7 => 1,
                13 => 2,
                _ => 0,
            },
            ..PhotoMore::default()
        },
    }
}

/// Member `i`'s gallery: photos of the next three members (of the seeded
/// bob and carol when `i` is the only member).
fn gallery_photos(state: &State, i: usize, n: usize) -> Vec<u64> {
    let others: Vec<u64> = (1..n.min(4))
        .flat_map(|j| (0..4).map(move |k| photo_id((i + j) % n, 50 + 2 * j + k)))
        .collect();
    if !others.is_empty() {
        return others;
    }
    state
        .photos
        .values()
        .filter(|p| p.is_public && (p.owner == BOB || p.owner == CAROL))
        .take(6)
        .map(|p| p.id)
        .collect()
}
