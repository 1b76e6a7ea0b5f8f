//! Safe by default: what `--allow` permits, and the refusal that names the
//! flag allowing a call.

use crate::cli::Allow;
use flickr_sdk::registry::Perms;

/// The permissions the server may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowed {
    write: bool,
    delete: bool,
}

impl Allowed {
    /// Reads only, whatever the token allows.
    #[cfg(test)]
    pub const READ_ONLY: Allowed = Allowed {
        write: false,
        delete: false,
    };

    /// From `--allow` (delete implies write).
    pub fn from_flags(flags: &[Allow]) -> Allowed {
        let delete = flags.contains(&Allow::Delete);
        Allowed {
            write: delete || flags.contains(&Allow::Write),
            delete,
        }
    }

    /// Whether a method needing `perms` may be called.
    pub fn permits(self, perms: Perms) -> bool {
        match perms {
            Perms::None | Perms::Read => true,
            Perms::Write => self.write,
            Perms::Delete => self.delete,
        }
    }

    /// `Ok` if `method` (needing `perms`) may be called, else why not and
    /// which flag allows it.
    pub fn check(self, method: &str, perms: Perms) -> Result<(), String> {
        if self.permits(perms) {
            return Ok(());
        }
        let flag = match perms {
            Perms::Delete => "--allow delete",
            _ => "--allow write",
        };
        Err(format!(
            "{method} needs {} permission, and this server does not allow it: \
             start `flickr mcp` with `{flag}` to allow it. Nothing was sent to Flickr.",
            perms.as_str()
        ))
    }

    /// What the server allows, for its instructions.
    pub fn describe(self) -> &'static str {
        match (self.write, self.delete) {
            (_, true) => "read, write and delete",
            (true, false) => "read and write (not delete)",
            _ => "read only",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_by_default_and_flags_open_only_what_they_name() {
        let none = Allowed::from_flags(&[]);
        assert_eq!(none, Allowed::READ_ONLY);
        assert!(none.permits(Perms::Read) && none.permits(Perms::None));
        assert!(!none.permits(Perms::Write) && !none.permits(Perms::Delete));
        let write = Allowed::from_flags(&[Allow::Write]);
        assert!(write.permits(Perms::Write) && !write.permits(Perms::Delete));
        let delete = Allowed::from_flags(&[Allow::Delete]);
        assert!(delete.permits(Perms::Write) && delete.permits(Perms::Delete));
    }

    #[test]
    fn a_refusal_names_the_flag_that_allows_the_call() {
        let e = Allowed::READ_ONLY
            .check("flickr.photos.setMeta", Perms::Write)
            .unwrap_err();
        assert!(
            e.contains("flickr.photos.setMeta") && e.contains("--allow write"),
            "{e}"
        );
        let e = Allowed::from_flags(&[Allow::Write])
            .check("flickr.photos.delete", Perms::Delete)
            .unwrap_err();
        assert!(
            e.contains("--allow delete") && e.contains("Nothing was sent"),
            "{e}"
        );
        assert!(Allowed::READ_ONLY
            .check("flickr.photos.search", Perms::Read)
            .is_ok());
    }
}
