//! The permission levels of Flickr's OAuth tokens and methods: a leaf that
//! the registry (what a method needs) and the errors (what a token lacked)
//! both use.

use std::fmt;

/// Permission an OAuth token must hold to call a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Perms {
    /// No authentication needed.
    None,
    /// Read private data.
    Read,
    /// Read and write.
    Write,
    /// Read, write and delete.
    Delete,
}

impl Perms {
    /// Flickr's wire name (`none`, `read`, `write`, `delete`).
    pub fn as_str(self) -> &'static str {
        match self {
            Perms::None => "none",
            Perms::Read => "read",
            Perms::Write => "write",
            Perms::Delete => "delete",
        }
    }

    /// Parses Flickr's wire name.
    pub fn parse(s: &str) -> Option<Perms> {
        Some(match s {
            "none" => Perms::None,
            "read" => Perms::Read,
            "write" => Perms::Write,
            "delete" => Perms::Delete,
            _ => return None,
        })
    }
}

impl fmt::Display for Perms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
