//! Flickr's own account export ("Your Flickr Data") as a source of the
//! mirror: the same state rows, files, sidecars, album folders and viewer
//! the API backup makes, from the export's zips read in place.
//!
//! - [`sources`]: finding the zips (or extracted folders) and listing their
//!   members, untrusted: not-a-zip, cut short, bombs;
//! - [`names`]: which photo a media file is, from its name and the
//!   metadata's ids;
//! - [`records`]: the export's JSON files, read liberally;
//! - [`convert`]: those records in the API's types;
//! - [`ingest`]: the listing stage of an export: rows, albums, the account's
//!   own files;
//! - [`copy`]: the files stage of an export: members copied into the tree
//!   (hashed while copied, checked, fsync'd, renamed);
//! - [`report`]: what the export lacks, by id.
//!
//! An [`Export`] is the index built once per run: which member holds each
//! photo's file and each photo's metadata. Nothing is extracted; memory
//! holds names and ids, never files.

pub(crate) mod convert;
pub(crate) mod copy;
pub(crate) mod ingest;
pub(crate) mod names;
pub(crate) mod records;
pub(crate) mod report;
pub(crate) mod sources;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::state::MediaKind;
use records::Profile;
use sources::{ExportProblem, Inventory, Opened};

pub use report::{AlbumGap, Duplicate, ExportReport};
pub use sources::{ContainerRead, ExportProblem as Problem};

/// The most a metadata file may hold (the largest real ones are a few MB).
const MAX_JSON: u64 = 256 << 20;

/// The export's index: where each photo's file and metadata are.
#[derive(Debug, Default)]
pub(crate) struct Export {
    pub inventory: Inventory,
    /// Photo id → the entry holding its media file.
    pub media: HashMap<String, usize>,
    /// Photo id → the entry holding its `photo_<id>.json`, in id order.
    pub meta: BTreeMap<String, usize>,
    /// `albums.json` and any `albums_part*.json`.
    pub album_files: Vec<usize>,
    /// The account's other files (profile, faves, contacts, comments made, …).
    pub account_files: Vec<usize>,
    /// `account_profile.json`, when there is one that reads.
    pub profile: Option<Profile>,
    /// Media files whose name gives an id the metadata does not have.
    pub no_metadata: Vec<String>,
    /// The same photo's file in two places: the first is used.
    pub duplicates: Vec<Duplicate>,
}

/// Where a file is taken from, as the state records it
/// (`data-download-3.zip/img_1_53000000001_o.jpg`).
pub(crate) fn origin_text(container: &str, member: &str) -> String {
    format!("{container}/{member}")
}

/// Whether `name` is `photo_<id>.json`; its id.
fn metadata_id(base: &str) -> Option<&str> {
    let id = base.strip_prefix("photo_")?.strip_suffix(".json")?;
    (!id.is_empty() && id.chars().all(|c| c.is_ascii_digit())).then_some(id)
}

impl Export {
    /// Finds the export under `paths` and indexes it (names only: no
    /// member is read but `account_profile.json`).
    pub fn open(paths: &[PathBuf]) -> Result<Export> {
        let inventory = Inventory::scan(paths).map_err(|e| Error::Usage(e.to_string()))?;
        let mut ex = Export {
            inventory,
            ..Export::default()
        };
        let mut media_entries = Vec::new();
        let mut profile = None;
        for (i, e) in ex.inventory.entries.iter().enumerate() {
            let base = names::base_name(&e.name).to_ascii_lowercase();
            if let Some(id) = metadata_id(&base) {
                ex.meta.entry(id.to_owned()).or_insert(i);
            } else if base == "albums.json"
                || (base.starts_with("albums_part") && base.ends_with(".json"))
            {
                ex.album_files.push(i);
            } else if base.ends_with(".json") {
                if base == "account_profile.json" {
                    profile = Some(i);
                }
                ex.account_files.push(i);
            } else {
                media_entries.push(i);
            }
        }
        for i in media_entries {
            let e = &ex.inventory.entries[i];
            let Some((id, matched)) = names::identify(&e.name, |c| ex.meta.contains_key(c)) else {
                let container = ex.inventory.containers[e.container].name.clone();
                ex.inventory.problems.push(ExportProblem {
                    file: container,
                    member: Some(e.name.clone()),
                    problem: "no photo id in its name; not in the mirror".to_owned(),
                });
                continue;
            };
            match ex.media.get(&id) {
                Some(&first) => {
                    let name = |j: usize| {
                        let e = &ex.inventory.entries[j];
                        origin_text(&ex.inventory.containers[e.container].name, &e.name)
                    };
                    ex.duplicates.push(Duplicate {
                        photo: id,
                        used: name(first),
                        also: name(i),
                    });
                }
                None => {
                    if !matched {
                        ex.no_metadata.push(id.clone());
                    }
                    ex.media.insert(id, i);
                }
            }
        }
        ex.no_metadata
            .sort_by(|a, b| (a.len(), a).cmp(&(b.len(), b)));
        if let Some(i) = profile {
            ex.profile = ex.read_json(i).ok();
        }
        Ok(ex)
    }

    /// The kind and format of photo `id`'s media file, when the export has one.
    pub fn facts(&self, id: &str) -> Option<convert::MediaFacts> {
        let e = &self.inventory.entries[*self.media.get(id)?];
        let ext = names::extension(&e.name);
        let video = ext.as_deref().is_some_and(names::is_video_ext);
        Some(convert::MediaFacts {
            media: if video {
                MediaKind::Video
            } else {
                MediaKind::Photo
            },
            ext,
        })
    }

    /// Where photo `id`'s file is taken from, as the state records it.
    pub fn origin(&self, id: &str) -> Option<String> {
        let e = &self.inventory.entries[*self.media.get(id)?];
        Some(origin_text(
            &self.inventory.containers[e.container].name,
            &e.name,
        ))
    }

    /// The account's NSID, as the export's profile gives it.
    pub fn nsid(&self) -> Option<&str> {
        self.profile
            .as_ref()?
            .nsid
            .as_deref()
            .filter(|n| !n.is_empty())
    }

    /// Reads entry `i` whole (a metadata file), bounded.
    pub fn read_bytes(&self, opened: &mut Opened, i: usize) -> std::io::Result<Vec<u8>> {
        let e = &self.inventory.entries[i];
        if e.size > MAX_JSON {
            return Err(std::io::Error::other(format!(
                "declares {} bytes, more than a metadata file holds",
                e.size
            )));
        }
        opened.with(e, |r| {
            let mut out = Vec::with_capacity(e.size as usize);
            r.read_to_end(&mut out)?;
            Ok(out)
        })
    }

    /// Reads entry `i` as JSON of type `T`, opening its container.
    fn read_json<T: serde::de::DeserializeOwned>(
        &self,
        i: usize,
    ) -> std::result::Result<T, String> {
        let e = &self.inventory.entries[i];
        let mut opened =
            Opened::open(&self.inventory.containers[e.container]).map_err(|e| e.to_string())?;
        let bytes = self.read_bytes(&mut opened, i).map_err(|e| e.to_string())?;
        serde_json::from_slice(&bytes).map_err(|e| e.to_string())
    }

    /// Entries `wanted` grouped by container, each group in reading order
    /// (a zip is read front to back).
    pub fn by_container(
        &self,
        wanted: impl IntoIterator<Item = usize>,
    ) -> Vec<(usize, Vec<usize>)> {
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in wanted {
            groups
                .entry(self.inventory.entries[i].container)
                .or_default()
                .push(i);
        }
        groups
            .into_iter()
            .map(|(c, mut v)| {
                v.sort_by_key(|&i| self.inventory.entries[i].at);
                (c, v)
            })
            .collect()
    }
}
