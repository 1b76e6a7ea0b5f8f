//! Accounts for backup tests and benchmarks: a user with thousands of photos
//! and videos, albums, collections, galleries and favorites, built
//! deterministically on top of the seed ([`AccountSpec`]), and the edits a
//! test makes between two backup runs (add, edit, replace, delete).

use std::collections::BTreeMap;

use crate::seed::{mysql_datetime, ALICE, BOB, CAROL};
use crate::state::{now_unix, Collection, Gallery, Photo, Photoset, State};
use crate::FakeFlickr;

/// The shape of the account [`AccountSpec::build`] gives `alice` (the
/// pre-authorized user), on top of the seeded world.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSpec {
    /// Photos and videos to add to alice's photostream.
    pub photos: usize,
    /// Every n-th of them is a video (0: none).
    pub video_every: usize,
    /// Every n-th is a PNG original and every (n+1)-th a GIF (0: all JPEG).
    pub other_format_every: usize,
    /// Albums, each holding `album_size` of the new photos (a photo may be in two).
    pub albums: usize,
    /// Photos per album.
    pub album_size: usize,
    /// Collections, each grouping some of the albums (the first holds a nested one).
    pub collections: usize,
    /// Galleries of bob's and carol's photos.
    pub galleries: usize,
    /// Photos per gallery.
    pub gallery_size: usize,
    /// Bob's and carol's photos alice marks as favorite.
    pub favorites: usize,
}

impl Default for AccountSpec {
    fn default() -> Self {
        AccountSpec {
            photos: 60,
            video_every: 10,
            other_format_every: 15,
            albums: 3,
            album_size: 12,
            collections: 2,
            galleries: 2,
            gallery_size: 4,
            favorites: 6,
        }
    }
}

/// First id of the photos an [`AccountSpec`] adds.
pub const FIRST_ACCOUNT_PHOTO_ID: u64 = 53_000_000_000;

/// First id of the albums an [`AccountSpec`] adds.
pub const FIRST_ACCOUNT_ALBUM_ID: u64 = 72_157_710_000_000_000;

impl AccountSpec {
    /// A large account: `photos` photos with albums, collections, galleries
    /// and favorites in proportion (for benchmarks).
    pub fn large(photos: usize) -> AccountSpec {
        AccountSpec {
            photos,
            video_every: 50,
            other_format_every: 40,
            albums: (photos / 200).max(1),
            album_size: 100,
            collections: 5,
            galleries: 5,
            gallery_size: 20,
            favorites: 200,
        }
    }

    /// Adds the account to `state`. Deterministic: the same spec on the same
    /// seed gives the same world.
    pub fn build(&self, state: &mut State) {
        let newest: i64 = 1_717_100_000;
        let ids: Vec<u64> = (0..self.photos as u64)
            .map(|i| FIRST_ACCOUNT_PHOTO_ID + i)
            .collect();
        for (i, id) in ids.iter().enumerate() {
            let video = self.video_every > 0 && i % self.video_every == self.video_every - 1;
            let format = if video {
                "mp4"
            } else if self.other_format_every > 0 && i % self.other_format_every == 1 {
                "png"
            } else if self.other_format_every > 0 && i % self.other_format_every == 2 {
                "gif"
            } else {
                "jpg"
            };
            // Spread over ~6 years, several a day at times, so the search cap bites.
            let uploaded = newest - (i as i64) * 17_280 - (i as i64 % 7) * 60;
            state
                .photos
                .insert(*id, account_photo(*id, i, uploaded, video, format));
        }
        for a in 0..self.albums {
            let id = FIRST_ACCOUNT_ALBUM_ID + a as u64;
            // Albums overlap by half, so some photos are in two albums.
            let start = (a * self.album_size / 2) % ids.len().max(1);
            let photos: Vec<u64> = ids
                .iter()
                .cycle()
                .skip(start)
                .take(self.album_size.min(ids.len()))
                .copied()
                .collect();
            let Some(&primary) = photos.first() else {
                continue;
            };
            state.photosets.insert(
                id,
                Photoset {
                    id,
                    owner: ALICE.to_owned(),
                    title: format!("Album {}", a + 1),
                    description: format!("Album number {} of the test account.", a + 1),
                    primary,
                    photos,
                    date_create: newest - 86_400 * a as i64,
                    date_update: newest - 86_400 * a as i64,
                },
            );
        }
        let albums: Vec<u64> = (0..self.albums)
            .map(|a| FIRST_ACCOUNT_ALBUM_ID + a as u64)
            .filter(|id| state.photosets.contains_key(id))
            .collect();
        for c in 0..self.collections {
            let sets: Vec<u64> = albums
                .iter()
                .skip(c)
                .step_by(self.collections.max(1))
                .copied()
                .collect();
            let children = if c == 0 {
                vec![Collection {
                    id: format!("{}-72157720000000{c:03}", 10_000 + c),
                    owner: ALICE.to_owned(),
                    title: "Nested".to_owned(),
                    description: "A collection inside a collection.".to_owned(),
                    sets: sets.iter().take(1).copied().collect(),
                    children: Vec::new(),
                }]
            } else {
                Vec::new()
            };
            state.collections.push(Collection {
                id: format!("{}-72157710000000{c:03}", 10_000 + c),
                owner: ALICE.to_owned(),
                title: format!("Collection {}", c + 1),
                description: format!("Collection number {}.", c + 1),
                sets,
                children,
            });
        }
        let others: Vec<u64> = state
            .photos
            .values()
            .filter(|p| p.is_public && (p.owner == BOB || p.owner == CAROL))
            .map(|p| p.id)
            .collect();
        for g in 0..self.galleries {
            let id = 72_157_730_000_000_000 + g as u64;
            let photos: Vec<u64> = others
                .iter()
                .skip(g * self.gallery_size)
                .take(self.gallery_size)
                .copied()
                .collect();
            state.galleries.insert(
                id,
                Gallery {
                    id,
                    owner: ALICE.to_owned(),
                    title: format!("Gallery {}", g + 1),
                    description: format!("Curated gallery {}.", g + 1),
                    photos,
                    date_create: newest - 3_600 * g as i64,
                },
            );
        }
        for (k, id) in others.iter().rev().take(self.favorites).enumerate() {
            state
                .favorites
                .insert((ALICE.to_owned(), *id), newest - 600 * k as i64);
        }
    }
}

/// What makes some of the account's photos harder to describe: the first
/// has a title with markup characters and an emoji, an HTML description,
/// a tag with a space and a machine tag; the second has notes, a person
/// and a group pool; the third and fourth have titles in Japanese and in
/// accented Latin, the seventh an HTML entity in its title; every twentieth
/// from the sixth on and every twentieth from the twentieth on (videos, in
/// the default spec) has no title; every twelfth from the fifth on has a
/// month-only, year-only, "circa" or unknown date taken.
fn harder(i: usize, p: &mut Photo) {
    if i % 20 == 5 || i % 20 == 19 {
        p.title = String::new();
    }
    match i {
        2 => p.title = "東京タワー".to_owned(),
        3 => p.title = "Été à Kyōto".to_owned(),
        6 => p.title = "Fish &amp; chips".to_owned(),
        0 => {
            p.title = "Sunset <at> \"Café\" & friends 🌅".to_owned();
            p.description = "<b>Bold</b> start<br />line two, <a href=\"https://example.org/?a=1&amp;b=2\">a link</a>".to_owned();
            p.tags = vec![
                "New York".to_owned(),
                "account".to_owned(),
                "dc:subject=xmp".to_owned(),
            ];
        }
        1 => {
            p.more.notes = vec!["A note on the photo".to_owned()];
            p.more.people = vec![BOB.to_owned()];
            p.more.pools = vec![("34427469121@N01".to_owned(), "Loopback Pool".to_owned())];
            p.more.safety_level = 1;
        }
        _ => {}
    }
    match i % 12 {
        4 => p.more.date_taken_granularity = 4,
        5 => p.more.date_taken_granularity = 6,
        6 => p.more.date_taken_granularity = 8,
        7 => p.more.date_taken_unknown = true,
        _ => {}
    }
}

fn account_photo(id: u64, i: usize, uploaded: i64, video: bool, format: &str) -> Photo {
    let mut p = plain_account_photo(id, i, uploaded, video, format);
    harder(i, &mut p);
    p
}

fn plain_account_photo(id: u64, i: usize, uploaded: i64, video: bool, format: &str) -> Photo {
    let h = id.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    Photo {
        id,
        owner: ALICE.to_owned(),
        secret: format!("{:010x}", h & 0xFF_FFFF_FFFF),
        original_secret: format!("{:010x}", (h >> 24) & 0xFF_FFFF_FFFF),
        server: format!("{}", 65_000 + (h % 500)),
        farm: 66,
        title: format!("{} {i}", if video { "Clip" } else { "Picture" }),
        description: format!("Item {i} of the backup test account."),
        tags: vec!["account".to_owned(), format!("batch{}", i / 100)],
        date_upload: uploaded,
        date_taken: mysql_datetime(uploaded - 3_600 - (i as i64 % 48) * 3_600),
        last_update: uploaded + 60,
        geo: (i.is_multiple_of(3)).then_some((48.85 + (i % 10) as f64 / 100.0, 2.35, 16)),
        is_public: i % 9 != 4,
        is_friend: false,
        is_family: i % 9 == 4,
        license: (i % 11) as i64,
        media: if video { "video" } else { "photo" }.to_owned(),
        original_format: format.to_owned(),
        original_size: if i % 4 == 3 {
            (3000, 4000)
        } else {
            (4000, 3000)
        },
        views: (h % 10_000),
        content: None,
        more: Default::default(),
    }
}

impl FakeFlickr {
    /// Adds `n` new photos to alice's photostream, uploaded now (oldest
    /// first); returns their ids.
    pub fn add_account_photos(&self, n: usize) -> Vec<u64> {
        let mut state = self.shared.state();
        let now = now_unix();
        (0..n)
            .map(|k| {
                let id = FIRST_ACCOUNT_PHOTO_ID + 900_000_000 + state.fresh_id();
                let i = (id % 1_000) as usize;
                let mut p = account_photo(id, i, now - (n - k) as i64, false, "jpg");
                p.title = format!("Added {k}");
                p.last_update = now;
                state.photos.insert(id, p);
                id
            })
            .collect()
    }

    /// Changes a photo's title and description (its `last_update` moves on).
    pub fn edit_photo(&self, id: u64, title: &str) -> bool {
        let mut state = self.shared.state();
        let Some(p) = state.photos.get_mut(&id) else {
            return false;
        };
        p.title = title.to_owned();
        p.description = format!("{title} (edited)");
        p.last_update = p.last_update.max(now_unix());
        true
    }

    /// Replaces a photo's tags, as `flickr.photos.setTags` does (its
    /// `last_update` moves on).
    pub fn retag_photo(&self, id: u64, tags: &[&str]) -> bool {
        let mut state = self.shared.state();
        let Some(p) = state.photos.get_mut(&id) else {
            return false;
        };
        p.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        p.last_update = p.last_update.max(now_unix());
        true
    }

    /// Makes a member's account Pro (or free): Flickr then lists (or stops
    /// listing) the originals and sizes above 1024 px of their photos.
    pub fn set_pro(&self, nsid: &str, pro: bool) -> bool {
        let mut state = self.shared.state();
        match state.users.get_mut(nsid) {
            Some(u) => {
                u.pro = pro;
                true
            }
            None => false,
        }
    }

    /// Replaces a photo's file, as `flickr.photos.replace` does: new secrets,
    /// so new URLs and new bytes; the old URLs answer 404.
    pub fn replace_photo_file(&self, id: u64) -> bool {
        let mut state = self.shared.state();
        let Some(p) = state.photos.get_mut(&id) else {
            return false;
        };
        p.secret = format!("r{}", &p.secret[1..]);
        p.original_secret = format!("r{}", &p.original_secret[1..]);
        p.last_update = p.last_update.max(now_unix());
        true
    }

    /// Deletes a photo everywhere (albums, galleries, favorites, comments).
    pub fn delete_photo(&self, id: u64) -> bool {
        let mut state = self.shared.state();
        let found = state.photos.remove(&id).is_some();
        state.favorites.retain(|(_, p), _| *p != id);
        state.comments.retain(|c| c.photo_id != id);
        for set in state.photosets.values_mut() {
            set.photos.retain(|p| *p != id);
            if set.primary == id {
                set.primary = set.photos.first().copied().unwrap_or(0);
            }
        }
        state.photosets.retain(|_, s| !s.photos.is_empty());
        for g in state.galleries.values_mut() {
            g.photos.retain(|p| *p != id);
        }
        found
    }

    /// Ids of `owner`'s photos and videos, oldest upload first.
    pub fn photos_of(&self, owner: &str) -> Vec<u64> {
        let state = self.shared.state();
        let mut v: Vec<(i64, u64)> = state
            .photos
            .values()
            .filter(|p| p.owner == owner)
            .map(|p| (p.date_upload, p.id))
            .collect();
        v.sort();
        v.into_iter().map(|(_, id)| id).collect()
    }

    /// The galleries, by id.
    pub fn galleries(&self) -> BTreeMap<u64, Gallery> {
        self.shared.state().galleries.clone()
    }
}
