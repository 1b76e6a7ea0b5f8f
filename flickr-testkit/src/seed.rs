//! Deterministic seed data: three users, their photos (titles, tags, dates,
//! geo, sizes), a few albums, favorites, comments and referrer statistics.
//!
//! The same [`Config`] always gives the same world, so tests can rely on it.

use flickr_core::registry::Perms;

// Re-exported: these were defined here before flickr-core had one copy.
pub use flickr_core::__private::{civil_from_days, days_from_civil};

use crate::state::{Comment, Photo, Photoset, Referrer, State, Token, User};
use crate::Config;

/// NSID of the user the pre-authorized token stands for.
pub const ALICE: &str = "10000001@N00";
/// Second seeded user.
pub const BOB: &str = "10000002@N00";
/// Third seeded user, with a free account: her photos have no original and
/// no size above 1024 px (Flickr's rule since 2025-05-15).
pub const CAROL: &str = "10000003@N00";

const WORDS: &[&str] = &[
    "sunset",
    "harbour",
    "bridge",
    "cat",
    "mountain",
    "river",
    "market",
    "night",
    "snow",
    "beach",
    "forest",
    "tram",
    "lighthouse",
    "garden",
    "street",
    "fog",
    "qwirkle",
    "portrait",
    "city",
    "autumn",
];

/// splitmix64: a tiny deterministic generator, enough for seed data.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn hex(&mut self, len: usize) -> String {
        let mut s = String::with_capacity(len);
        while s.len() < len {
            s.push_str(&format!("{:016x}", self.next()));
        }
        s.truncate(len);
        s
    }
}

/// First id handed to seeded photos.
pub const FIRST_PHOTO_ID: u64 = 52_000_000_000;

/// Builds the seeded world for `config`.
pub fn seed(config: &Config) -> State {
    let mut state = State {
        auto_approve: config.auto_approve,
        ticket_delay: config.ticket_delay,
        default_user: ALICE.to_owned(),
        next_id: FIRST_PHOTO_ID + 1_000_000,
        ..State::default()
    };
    for (nsid, username, realname, pro) in [
        (ALICE, "alice", "Alice Example", true),
        (BOB, "bob", "Bob Example", true),
        (CAROL, "carol", "Carol Example", false),
    ] {
        state.users.insert(
            nsid.to_owned(),
            User {
                nsid: nsid.to_owned(),
                username: username.to_owned(),
                realname: realname.to_owned(),
                path_alias: username.to_owned(),
                pro,
                can_download: true,
            },
        );
    }
    state
        .consumers
        .insert(config.api_key.clone(), config.api_secret.clone());
    state.tokens.insert(
        config.oauth_token.clone(),
        Token::Access {
            secret: config.oauth_token_secret.clone(),
            consumer_key: config.api_key.clone(),
            user: ALICE.to_owned(),
            perms: Perms::Delete,
        },
    );

    let owners = [ALICE, BOB, CAROL];
    let mut mix = Mix(0x5EED_F11C_4E55);
    let total = config.photos + config.private_photos;
    // Uploads spread over ~9 years before 2024-06-01, newest first by id.
    let newest: i64 = 1_717_200_000;
    for i in 0..total {
        let id = FIRST_PHOTO_ID + i as u64;
        let private = i >= config.photos;
        let owner = if private { ALICE } else { owners[i % 3] };
        let a = WORDS[mix.below(WORDS.len() as u64) as usize];
        let b = WORDS[mix.below(WORDS.len() as u64) as usize];
        let mut tags = vec![a.to_owned(), b.to_owned()];
        tags.dedup();
        if i % 7 == 0 {
            tags.push("New York".to_owned());
        }
        let date_upload = newest - (i as i64) * 140_000 - mix.below(3_600) as i64;
        let taken = date_upload - 86_400 - mix.below(86_400 * 30) as i64;
        let geo = (i % 2 == 0).then(|| {
            let lat = -60.0 + (mix.below(120_000) as f64) / 1000.0;
            let lon = -170.0 + (mix.below(340_000) as f64) / 1000.0;
            (lat, lon, 16)
        });
        let landscape = i % 3 != 1;
        state.photos.insert(
            id,
            Photo {
                id,
                owner: owner.to_owned(),
                secret: mix.hex(10),
                original_secret: mix.hex(10),
                server: format!("{}", 65_535 - mix.below(1000)),
                farm: 66,
                title: format!("{} {} #{i}", capitalize(a), b),
                description: format!("A {a} near the {b}."),
                tags,
                date_upload,
                date_taken: mysql_datetime(taken),
                last_update: date_upload + 600,
                geo,
                is_public: !private,
                is_friend: false,
                is_family: private,
                license: (i % 11) as i64,
                media: "photo".to_owned(),
                original_format: "jpg".to_owned(),
                original_size: if landscape {
                    (4000, 3000)
                } else {
                    (3000, 4000)
                },
                views: mix.below(5000),
                content: None,
                more: Default::default(),
            },
        );
    }

    // Albums: two per user, holding some of their photos.
    for (n, owner) in owners.iter().enumerate() {
        let theirs: Vec<u64> = state
            .photos
            .values()
            .filter(|p| p.owner == *owner && p.is_public)
            .map(|p| p.id)
            .take(40)
            .collect();
        for (k, title) in ["Holidays", "Best of"].iter().enumerate() {
            let photos: Vec<u64> = theirs.iter().copied().skip(k * 20).take(20).collect();
            let Some(&primary) = photos.first() else {
                continue;
            };
            let id = 72_157_700_000_000_000 + (n * 10 + k) as u64;
            state.photosets.insert(
                id,
                Photoset {
                    id,
                    owner: (*owner).to_owned(),
                    title: (*title).to_owned(),
                    description: format!("{title} by {}", state.users[*owner].username),
                    primary,
                    photos,
                    date_create: newest - 1_000_000 * (n as i64 + 1),
                    date_update: newest - 1_000_000 * (n as i64 + 1),
                },
            );
        }
    }

    // Bob and Carol like a few of Alice's photos; Alice likes a few of theirs.
    let ids: Vec<(u64, String)> = state
        .photos
        .values()
        .filter(|p| p.is_public)
        .take(30)
        .map(|p| (p.id, p.owner.clone()))
        .collect();
    for (k, (id, owner)) in ids.iter().enumerate() {
        let fan = owners[(k + 1) % 3];
        if fan != owner {
            state
                .favorites
                .insert((fan.to_owned(), *id), newest - k as i64 * 1000);
        }
    }
    if let Some((id, _)) = ids.first() {
        for (k, author) in [BOB, CAROL].iter().enumerate() {
            state.comments.push(Comment {
                id: format!("{}-{id}-{k}", FIRST_PHOTO_ID / 1000),
                photo_id: *id,
                author: (*author).to_owned(),
                date_create: newest - 500 + k as i64,
                text: ["Lovely light!", "Where was this taken?"][k].to_owned(),
            });
        }
    }

    for (domain, rows) in [
        (
            "flickr.com",
            vec![
                ("https://www.flickr.com/", None, 412),
                ("https://www.flickr.com/explore", None, 97),
                ("https://www.flickr.com/groups/landscape/", None, 31),
            ],
        ),
        (
            "google.com",
            vec![
                ("https://www.google.com/", Some("harbour sunset"), 54),
                ("https://www.google.com/", Some("qwirkle"), 12),
            ],
        ),
    ] {
        state.referrers.insert(
            domain.to_owned(),
            rows.into_iter()
                .map(|(url, terms, views)| Referrer {
                    url: url.to_owned(),
                    searchterms: terms.map(str::to_owned),
                    views,
                })
                .collect(),
        );
    }
    state
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Unix seconds as `YYYY-MM-DD HH:MM:SS` (UTC).
pub fn mysql_datetime(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

/// Parses a date argument (Unix seconds, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`) to Unix seconds.
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(n) = s.parse::<i64>() {
        return Some(n);
    }
    let (date, time) = s.split_once(' ').unwrap_or((s, "00:00:00"));
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.split(':').map(|p| p.parse::<i64>().ok());
    let (hh, mm, ss) = (
        t.next().flatten().unwrap_or(0),
        t.next().flatten().unwrap_or(0),
        t.next().flatten().unwrap_or(0),
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    Some(days_from_civil(y, m as u32, day as u32) * 86_400 + hh * 3600 + mm * 60 + ss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(mysql_datetime(0), "1970-01-01 00:00:00");
        assert_eq!(mysql_datetime(1_717_200_000), "2024-06-01 00:00:00");
        assert_eq!(parse_date("2024-06-01"), Some(1_717_200_000));
        assert_eq!(parse_date("2024-06-01 00:00:10"), Some(1_717_200_010));
        assert_eq!(parse_date("1717200000"), Some(1_717_200_000));
        assert_eq!(parse_date("June"), None);
    }

    #[test]
    fn seeding_is_deterministic() {
        let config = Config::default();
        let a = seed(&config);
        let b = seed(&config);
        assert_eq!(a.photos, b.photos);
        assert_eq!(a.photos.len(), config.photos + config.private_photos);
    }
}
