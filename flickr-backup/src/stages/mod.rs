//! The stages of a run, in the order `run.rs` calls them: list the
//! account ([`list`]), make the per-photo calls ([`details`]), decide each
//! photo's file ([`plan`]), fetch the files ([`files`]), write the sidecars and manifests
//! ([`sidecars`]), make the album and collection folders
//! ([`folders`]), and write the offline viewer with its thumbnails
//! ([`viewer`]). Stages pass data through the state database; the tree
//! (`crate::tree`) owns every change on disk.

pub(crate) mod details;
pub(crate) mod files;
pub(crate) mod folders;
pub(crate) mod list;
pub(crate) mod plan;
pub(crate) mod sidecars;
pub(crate) mod viewer;
