//! Public members for archive tests (`Builder::users`): the lists an
//! archiver walks answer in Flickr's shapes (decoded by flickr-sdk's
//! generated types) and agree with the accessors that name the expected
//! sets; unknown ids get Flickr's codes; hiding a member, deleting an album
//! and editing a photo show through the API.
//!
//! The read-only cases share one four-member server ([`world`]); hiding,
//! deleting and editing run once, in order, on their own server
//! ([`show_through`]) and each case checks one recorded step.

#[path = "../common/mod.rs"]
mod common;
mod lists;
mod show_through;

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::OnceLock;

use common::key_client;
use flickr_sdk::types::{Extra, Photo};
use flickr_testkit::{FakeFlickr, MEMBER_PHOTOS};
use tokio::runtime::Runtime;

async fn members_fake(n: usize) -> FakeFlickr {
    FakeFlickr::builder()
        .photos(30)
        .users(n)
        .start()
        .await
        .expect("start fake server")
}

fn ids(photos: &[Photo]) -> Vec<u64> {
    photos
        .iter()
        .map(|p| p.id.as_str().parse().unwrap())
        .collect()
}

/// Four members, three groups; no case changes this server.
struct World {
    runtime: Runtime,
    fake: FakeFlickr,
    client: flickr_sdk::Client,
}

impl World {
    fn run<F: Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }

    /// A member's whole photostream in one page of 500, newest first,
    /// with extras: the total and the photos.
    async fn photostream(&self, nsid: &str) -> (i64, Vec<Photo>) {
        let page = self
            .client
            .people()
            .get_public_photos(nsid)
            .extras([
                Extra::DateUpload,
                Extra::LastUpdate,
                Extra::License,
                Extra::Media,
                Extra::UrlO,
            ])
            .per_page(500)
            .send()
            .await
            .unwrap();
        (page.total, page.photos)
    }

    /// The album ids `photosets.getList` gives for a member.
    async fn album_list(&self, nsid: &str) -> Vec<u64> {
        let albums = self
            .client
            .photosets()
            .get_list()
            .user_id(nsid)
            .send()
            .await
            .unwrap();
        albums
            .photosets
            .iter()
            .map(|s| s.id.as_str().parse().unwrap())
            .collect()
    }

    /// A gallery's photos with their owners.
    async fn gallery(&self, gallery: u64) -> Vec<Photo> {
        let page = self
            .client
            .galleries()
            .get_photos(gallery.to_string())
            .extras([Extra::OwnerName])
            .send()
            .await
            .unwrap();
        page.photos.photos
    }

    /// A group's pool, walked in pages of 25.
    async fn pool(&self, group: &str) -> Vec<Photo> {
        let mut listed = Vec::new();
        for page in 1.. {
            let p = self
                .client
                .groups()
                .pools()
                .get_photos(group)
                .extras([Extra::DateUpload])
                .per_page(25)
                .page(page)
                .send()
                .await
                .unwrap();
            listed.extend(p.photos);
            if page >= p.pages {
                break;
            }
        }
        listed
    }
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let runtime = Runtime::new().expect("runtime");
        let (fake, client) = runtime.block_on(async {
            let fake = members_fake(4).await;
            let client = key_client(&fake);
            (fake, client)
        });
        World {
            runtime,
            fake,
            client,
        }
    })
}
