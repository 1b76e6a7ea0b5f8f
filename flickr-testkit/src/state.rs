//! The in-memory Flickr: users, photos, photosets, favorites, comments,
//! OAuth tokens, stored uploads, upload tickets and request counts.
//!
//! Everything lives behind one mutex that is never held across an `.await`.
//! The types are public so tests can inspect what the server holds (through
//! [`crate::FakeFlickr`]'s accessors, which return clones).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};

use flickr_core::registry::Perms;

/// A Flickr member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// NSID, e.g. `10000001@N00`.
    pub nsid: String,
    /// Screen name.
    pub username: String,
    /// Full name.
    pub realname: String,
    /// Path alias used in URLs.
    pub path_alias: String,
    /// A Pro account. Since 2025-05-15 Flickr serves neither the original
    /// nor any size above 1024 px of a free account's photos.
    pub pro: bool,
    /// The owner lets others download their photos (`usage.candownload`).
    pub can_download: bool,
}

/// A photo (or video) and everything the fake knows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// Photo id.
    pub id: u64,
    /// Owner's NSID.
    pub owner: String,
    /// Secret used in image URLs.
    pub secret: String,
    /// Secret of the original.
    pub original_secret: String,
    /// Image server.
    pub server: String,
    /// Image farm.
    pub farm: i64,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Tags as given (`raw`), in the order added.
    pub tags: Vec<String>,
    /// Upload time (Unix seconds).
    pub date_upload: i64,
    /// Time taken, `YYYY-MM-DD HH:MM:SS`.
    pub date_taken: String,
    /// Last update (Unix seconds).
    pub last_update: i64,
    /// Latitude and longitude with accuracy, if geotagged.
    pub geo: Option<(f64, f64, i64)>,
    /// Visible to everyone.
    pub is_public: bool,
    /// Visible to friends.
    pub is_friend: bool,
    /// Visible to family.
    pub is_family: bool,
    /// License id (0–16, see `flickr_sdk::types::License`).
    pub license: i64,
    /// `photo` or `video`.
    pub media: String,
    /// `jpg`, `png`, …
    pub original_format: String,
    /// Width and height of the original.
    pub original_size: (u32, u32),
    /// View count.
    pub views: u64,
    /// SHA-256 (hex) and length of the bytes uploaded for it, for uploaded photos.
    pub content: Option<(String, u64)>,
    /// What only the per-photo methods tell (and the date taken's precision).
    pub more: PhotoMore,
}

/// Less common facts of a photo: how precise its date taken is, and what
/// `flickr.photos.getInfo`, `people.getList` and `getAllContexts` add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhotoMore {
    /// Flickr's `datetakengranularity`: 0 exact, 4 month, 6 year, 8 circa.
    pub date_taken_granularity: i64,
    /// Flickr's `datetakenunknown`: no date taken known (Flickr then shows the upload date).
    pub date_taken_unknown: bool,
    /// Notes' texts.
    pub notes: Vec<String>,
    /// People tagged in it (NSIDs).
    pub people: Vec<String>,
    /// Group pools it is in: (group id, title).
    pub pools: Vec<(String, String)>,
    /// Safety level: 0 safe, 1 moderate, 2 restricted.
    pub safety_level: i64,
}

impl Photo {
    /// Tags in Flickr's "clean" form: lowercase, letters and digits only.
    pub fn clean_tags(&self) -> Vec<String> {
        self.tags.iter().map(|t| clean_tag(t)).collect()
    }
}

/// Flickr's normalized tag: lowercase, whitespace and punctuation removed
/// (machine tags `ns:pred=value` keep their shape).
pub fn clean_tag(raw: &str) -> String {
    if raw.contains(':') && raw.contains('=') {
        return raw.to_lowercase();
    }
    raw.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// An album.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photoset {
    /// Photoset id.
    pub id: u64,
    /// Owner's NSID.
    pub owner: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Cover photo.
    pub primary: u64,
    /// Photos in order.
    pub photos: Vec<u64>,
    /// Creation time (Unix seconds).
    pub date_create: i64,
    /// Last change of its title, description or photos (Unix seconds).
    pub date_update: i64,
}

/// A comment on a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Comment id.
    pub id: String,
    /// The photo commented on.
    pub photo_id: u64,
    /// Author's NSID.
    pub author: String,
    /// When it was posted (Unix seconds).
    pub date_create: i64,
    /// The text.
    pub text: String,
}

/// One file received by the upload or replace endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUpload {
    /// `upload` or `replace`.
    pub endpoint: &'static str,
    /// The photo created or replaced.
    pub photo_id: u64,
    /// SHA-256 of the bytes received, lowercase hex.
    pub sha256: String,
    /// Number of bytes received.
    pub size: u64,
    /// File name from the multipart headers.
    pub filename: String,
    /// Content type from the multipart headers.
    pub content_type: String,
    /// The signed text fields (no `oauth_*`), in the order received.
    pub fields: Vec<(String, String)>,
    /// The ticket, for asynchronous uploads.
    pub ticket: Option<String>,
}

/// An OAuth token the server issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A request token, before and after the user's approval.
    Request {
        /// Its secret.
        secret: String,
        /// Consumer key it was issued to.
        consumer_key: String,
        /// `oob` or a callback URL.
        callback: String,
        /// Set when the user approved: (user NSID, perms granted, verifier).
        approved: Option<(String, Perms, String)>,
        /// Perms the authorize URL asked for.
        requested_perms: Option<Perms>,
    },
    /// An access token.
    Access {
        /// Its secret.
        secret: String,
        /// Consumer key it was issued to.
        consumer_key: String,
        /// The user it stands for.
        user: String,
        /// The permission it grants.
        perms: Perms,
    },
}

impl Token {
    /// The token's secret.
    pub fn secret(&self) -> &str {
        match self {
            Token::Request { secret, .. } | Token::Access { secret, .. } => secret,
        }
    }
}

/// An asynchronous upload ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// The photo it will produce.
    pub photo_id: u64,
    /// When it reports complete.
    pub ready_at: Instant,
    /// When the upload arrived (Unix seconds).
    pub imported: i64,
}

/// A referrer row for `flickr.stats.getPhotostreamReferrers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referrer {
    /// Referring URL.
    pub url: String,
    /// Search terms, for search engines.
    pub searchterms: Option<String>,
    /// Views from it.
    pub views: u64,
}

/// The whole in-memory Flickr.
#[derive(Debug, Default)]
pub struct State {
    /// Users by NSID.
    pub users: BTreeMap<String, User>,
    /// Photos by id.
    pub photos: BTreeMap<u64, Photo>,
    /// Photosets by id.
    pub photosets: BTreeMap<u64, Photoset>,
    /// Favorites: (user NSID, photo id) → date faved.
    pub favorites: BTreeMap<(String, u64), i64>,
    /// Comments in posting order.
    pub comments: Vec<Comment>,
    /// Consumer keys and their secrets.
    pub consumers: HashMap<String, String>,
    /// Tokens by token string.
    pub tokens: HashMap<String, Token>,
    /// Nonces seen on the OAuth token endpoints.
    pub nonces: HashSet<String>,
    /// Files received by upload and replace.
    pub uploads: Vec<StoredUpload>,
    /// Upload tickets by id.
    pub tickets: HashMap<String, Ticket>,
    /// Requests received, by method name (or endpoint: `upload`, `replace`, `oauth.request_token`, …).
    pub requests: HashMap<String, u64>,
    /// The same requests with their arrival times.
    pub request_log: crate::request_log::RequestLog,
    /// Photostream referrers per domain.
    pub referrers: BTreeMap<String, Vec<Referrer>>,
    /// Collections (trees of albums), in the order `collections.getTree` lists them.
    pub collections: Vec<Collection>,
    /// Galleries by id.
    pub galleries: BTreeMap<u64, Gallery>,
    /// Groups by NSID.
    pub groups: BTreeMap<String, Group>,
    /// The public members added by `Config::users`, in order (hidden ones too).
    pub members: Vec<String>,
    /// The Commons institutions (NSIDs), in the order Flickr lists them.
    pub institutions: Vec<String>,
    /// Members deleted (hidden) at run time, by NSID.
    pub deleted_users: BTreeMap<String, User>,
    /// Counter for ids handed out (photos, sets, comments, tokens, tickets).
    pub next_id: u64,
    /// Whether the authorize page approves request tokens at once.
    pub auto_approve: bool,
    /// How long an asynchronous upload takes to complete.
    pub ticket_delay: Duration,
    /// The user the authorize page approves as.
    pub default_user: String,
}

impl State {
    /// A fresh id (photos, photosets, comments, tickets share one counter).
    pub fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Counts one request to `what`.
    pub fn count(&mut self, what: &str) {
        *self.requests.entry(what.to_owned()).or_default() += 1;
        self.request_log.record(what);
    }

    /// Whether `viewer` (an NSID, or `None` for anonymous) may see `photo`.
    pub fn can_see(&self, viewer: Option<&str>, photo: &Photo) -> bool {
        photo.is_public || viewer == Some(photo.owner.as_str())
    }

    /// The user named by NSID, path alias or username.
    pub fn find_user(&self, id: &str) -> Option<&User> {
        self.users.get(id).or_else(|| {
            self.users
                .values()
                .find(|u| u.path_alias == id || u.username.eq_ignore_ascii_case(id))
        })
    }

    /// Whether `owner` has a Pro account (an owner the fake does not know
    /// counts as Pro: nothing is withheld from their photos).
    pub fn is_pro(&self, owner: &str) -> bool {
        self.users.get(owner).is_none_or(|u| u.pro)
    }
}

/// Current Unix time in seconds.
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A collection: a titled group of albums (and of other collections).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// Collection id (`{n}-72157…` on Flickr).
    pub id: String,
    /// Owner's NSID.
    pub owner: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Albums in it, in order.
    pub sets: Vec<u64>,
    /// Collections nested in it.
    pub children: Vec<Collection>,
}

/// A gallery: a curated list of other members' photos.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gallery {
    /// Gallery id.
    pub id: u64,
    /// Curator's NSID.
    pub owner: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Photos in order.
    pub photos: Vec<u64>,
    /// Creation time (Unix seconds).
    pub date_create: i64,
}

/// A group and its photo pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Group NSID, e.g. `44000000001@N20`.
    pub id: String,
    /// Name.
    pub name: String,
    /// Path alias used in URLs.
    pub path_alias: String,
    /// Description.
    pub description: String,
    /// Creation time (Unix seconds).
    pub date_create: i64,
    /// Number of members.
    pub members: u64,
    /// The pool, newest addition first: (photo id, date added).
    pub pool: Vec<(u64, i64)>,
}
