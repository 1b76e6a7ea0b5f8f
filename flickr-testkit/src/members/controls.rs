//! What archive tests ask of the running fake: the targets it holds (members,
//! groups, albums, galleries, institutions), the photo ids the API lists for
//! each, and the changes a fault test makes (a member deleted, an album
//! deleted; [`FakeFlickr::edit_photo`] moves a photo's `lastupdate`).

use crate::state::{Group, State};
use crate::FakeFlickr;

impl FakeFlickr {
    /// The NSIDs of the public members added by [`crate::Builder::users`],
    /// in order (hidden ones too).
    pub fn users(&self) -> Vec<String> {
        self.shared.state().members.clone()
    }

    /// The groups' NSIDs.
    pub fn groups(&self) -> Vec<String> {
        self.shared.state().groups.keys().cloned().collect()
    }

    /// The group `id`.
    pub fn group(&self, id: &str) -> Option<Group> {
        self.shared.state().groups.get(id).cloned()
    }

    /// The Commons institutions' NSIDs, as `flickr.commons.getInstitutions` lists them.
    pub fn institutions(&self) -> Vec<String> {
        self.shared.state().institutions.clone()
    }

    /// The members' albums (two each), in member order.
    pub fn member_albums(&self) -> Vec<u64> {
        let state = self.shared.state();
        owned_by_members(&state, state.photosets.values().map(|s| (s.id, &s.owner)))
    }

    /// The members' galleries (one each), in member order.
    pub fn member_galleries(&self) -> Vec<u64> {
        let state = self.shared.state();
        owned_by_members(&state, state.galleries.values().map(|g| (g.id, &g.owner)))
    }

    /// Ids of the albums of `nsid`, as `flickr.photosets.getList` lists them.
    pub fn albums_of(&self, nsid: &str) -> Vec<u64> {
        let state = self.shared.state();
        let listed = state.users.contains_key(nsid);
        state
            .photosets
            .values()
            .filter(|s| listed && s.owner == nsid)
            .map(|s| s.id)
            .collect()
    }

    /// Ids of the photos of group `id`'s pool that an anonymous
    /// `flickr.groups.pools.getPhotos` lists, newest addition first; empty
    /// for an unknown group.
    pub fn pool_photos(&self, group_id: &str) -> Vec<u64> {
        let state = self.shared.state();
        let Some(group) = state.groups.get(group_id) else {
            return Vec::new();
        };
        public_only(&state, group.pool.iter().map(|(id, _)| *id))
    }

    /// Ids of the photos of album `id` that an anonymous
    /// `flickr.photosets.getPhotos` lists, in album order; `None` when it
    /// answers "Photoset not found".
    pub fn photoset_photos(&self, id: u64) -> Option<Vec<u64>> {
        let state = self.shared.state();
        let set = state.photosets.get(&id)?;
        state.users.contains_key(&set.owner).then_some(())?;
        Some(public_only(&state, set.photos.iter().copied()))
    }

    /// Ids of the photos of gallery `id` that an anonymous
    /// `flickr.galleries.getPhotos` lists, in order; `None` when it answers
    /// its code 1.
    pub fn gallery_photos(&self, id: u64) -> Option<Vec<u64>> {
        let state = self.shared.state();
        let gallery = state.galleries.get(&id)?;
        state.users.contains_key(&gallery.owner).then_some(())?;
        Some(public_only(&state, gallery.photos.iter().copied()))
    }

    /// Ids of `nsid`'s public photos, newest upload first, as
    /// `flickr.people.getPublicPhotos` lists them (empty for a deleted member).
    pub fn public_photos_of(&self, nsid: &str) -> Vec<u64> {
        let state = self.shared.state();
        let mut v: Vec<(i64, u64)> = state
            .photos
            .values()
            .filter(|p| p.owner == nsid && p.is_public)
            .map(|p| (p.date_upload, p.id))
            .collect();
        v.sort_by_key(|x| std::cmp::Reverse(*x));
        v.into_iter().map(|(_, id)| id).collect()
    }

    /// Deletes member `nsid` as Flickr shows a deleted (or hidden) account:
    /// `people.getInfo` answers 5 "User deleted", the per-user lists
    /// (`people.getPublicPhotos`, `photos.search`, `photosets.getList`,
    /// `galleries.getList`, `urls.lookupUser`) their "user not found" code,
    /// their albums and galleries "not found", and their photos leave every
    /// pool and gallery (they become private). False if there is no such member.
    pub fn hide_user(&self, nsid: &str) -> bool {
        let mut state = self.shared.state();
        let Some(user) = state.users.remove(nsid) else {
            return false;
        };
        state.deleted_users.insert(nsid.to_owned(), user);
        for p in state.photos.values_mut().filter(|p| p.owner == nsid) {
            p.is_public = false;
            p.is_friend = false;
            p.is_family = false;
        }
        true
    }

    /// Deletes album `id` (its photos stay), as its owner would; false if
    /// there is no such album.
    pub fn delete_photoset(&self, id: u64) -> bool {
        self.shared.state().photosets.remove(&id).is_some()
    }
}

fn owned_by_members<'a>(state: &State, items: impl Iterator<Item = (u64, &'a String)>) -> Vec<u64> {
    let mut v: Vec<(usize, u64)> = items
        .filter_map(|(id, owner)| {
            let rank = state.members.iter().position(|m| m == owner)?;
            Some((rank, id))
        })
        .collect();
    v.sort();
    v.into_iter().map(|(_, id)| id).collect()
}

fn public_only(state: &State, ids: impl Iterator<Item = u64>) -> Vec<u64> {
    ids.filter(|id| state.photos.get(id).is_some_and(|p| p.is_public))
        .collect()
}
