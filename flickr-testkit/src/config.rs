//! What a loopback Flickr starts with ([`Config`]), the credentials it
//! hands out ([`TestCredentials`]), and the [`Builder`] that starts it.

use super::*;

/// What the server starts with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Port on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// Public seeded photos, spread over three users.
    pub photos: usize,
    /// Extra private photos owned by the pre-authorized user.
    pub private_photos: usize,
    /// Consumer key.
    pub api_key: String,
    /// Consumer secret.
    pub api_secret: String,
    /// Pre-authorized access token (delete permission, user `alice`).
    pub oauth_token: String,
    /// Its secret.
    pub oauth_token_secret: String,
    /// How long asynchronous uploads take before their ticket completes.
    pub ticket_delay: Duration,
    /// Whether the authorize page approves request tokens at once.
    pub auto_approve: bool,
    /// A backup-sized account for `alice` on top of the seed (none by default).
    pub account: Option<AccountSpec>,
    /// Public members for archive tests (0, the default: none): see [`Builder::users`].
    pub users: usize,
    /// Photos and videos per public member (60 to 999; default
    /// [`crate::MEMBER_PHOTOS`]), uploaded over the same five years.
    pub member_photos: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            photos: 2_000,
            private_photos: 5,
            api_key: "fakeflickr0api0key00000000000001".to_owned(),
            api_secret: "fakeflickr0secret".to_owned(),
            oauth_token: "72157000000000001-fakeflickr0token".to_owned(),
            oauth_token_secret: "fakeflickr0tokensecret".to_owned(),
            ticket_delay: Duration::from_millis(300),
            auto_approve: true,
            account: None,
            users: 0,
            member_photos: crate::MEMBER_PHOTOS,
        }
    }
}

/// The credentials a client needs to talk to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestCredentials {
    /// Consumer key (API key).
    pub api_key: String,
    /// Consumer secret.
    pub api_secret: String,
    /// Access token holding delete permission.
    pub oauth_token: String,
    /// Its secret.
    pub oauth_token_secret: String,
    /// The NSID the token stands for.
    pub user_nsid: String,
    /// That user's screen name.
    pub username: String,
}

/// Builds a [`FakeFlickr`] with non-default settings.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    config: Config,
}

impl Builder {
    /// Listens on this port (0, the default, picks a free one).
    pub fn port(mut self, port: u16) -> Self {
        self.config.port = port;
        self
    }

    /// Number of public seeded photos (default 2,000).
    pub fn photos(mut self, n: usize) -> Self {
        self.config.photos = n;
        self
    }

    /// Delay before an asynchronous upload's ticket completes (default 300 ms).
    pub fn ticket_delay(mut self, d: Duration) -> Self {
        self.config.ticket_delay = d;
        self
    }

    /// Whether the authorize page approves at once (default yes).
    pub fn auto_approve(mut self, yes: bool) -> Self {
        self.config.auto_approve = yes;
        self
    }

    /// Gives `alice` a backup-sized account (photos, videos, albums,
    /// collections, galleries, favorites): see [`AccountSpec`].
    pub fn account(mut self, spec: AccountSpec) -> Self {
        self.config.account = Some(spec);
        self
    }

    /// Adds `n` public members (default none), for archive tests: each with
    /// [`crate::MEMBER_PHOTOS`] public photos and videos (every 10th a video,
    /// some PNG and GIF) uploaded over about five years, with varied
    /// licences, safety levels, `lastupdate`s, a path alias (`member1`, …),
    /// two public albums and one gallery of other members' photos; every
    /// fourth member has a free account, every third forbids downloads.
    /// Three groups pool photos of every member, and the first two members
    /// are Commons institutions. [`FakeFlickr::users`], [`FakeFlickr::groups`],
    /// [`FakeFlickr::member_albums`] and [`FakeFlickr::member_galleries`]
    /// name them.
    pub fn users(mut self, n: usize) -> Self {
        self.config.users = n;
        self
    }

    /// Replaces the whole configuration.
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// Binds and starts serving in the background.
    pub async fn start(self) -> std::io::Result<FakeFlickr> {
        FakeFlickr::start_with(self.config).await
    }
}
