//! Named credential profiles: `<config dir>/profiles/<name>.toml`, written
//! with 0600 permissions (directory 0700). The config dir is
//! `FLICKR_CONFIG_DIR`, or the user's config directory + `flickr-rs`.

use crate::fail::{Fail, Result};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a profile stores. Every field is optional: a profile may hold only
/// the application's key and secret until `auth login` adds a token.
#[derive(Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The application's API key (consumer key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    /// The application's secret (consumer secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_secret: Option<String>,
    /// The OAuth access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_token: Option<String>,
    /// The OAuth access token's secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_token_secret: Option<String>,
    /// The user the token belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_nsid: Option<String>,
    /// Their screen name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The permission granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perms: Option<String>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profile")
            .field("api_key", &self.api_key.as_deref().map(abbreviate))
            .field(
                "api_secret",
                &self.api_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("oauth_token", &self.oauth_token.as_deref().map(abbreviate))
            .field(
                "oauth_token_secret",
                &self.oauth_token_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("user_nsid", &self.user_nsid)
            .field("username", &self.username)
            .field("perms", &self.perms)
            .finish()
    }
}

/// The first few characters of a value, the rest elided.
pub fn abbreviate(value: &str) -> String {
    let shown: String = value.chars().take(4).collect();
    if value.chars().count() <= 8 {
        "****".to_owned()
    } else {
        format!("{shown}…")
    }
}

/// The directory holding the profiles.
pub fn config_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("FLICKR_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::config_dir()
        .map(|d| d.join("flickr-rs"))
        .ok_or_else(|| {
            Fail::config(
                "cannot find the user's config directory: set FLICKR_CONFIG_DIR to a directory for profiles",
            )
        })
}

/// Profile names are file names: letters, digits, `-`, `_`, `.` (not leading).
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Fail::usage(format!(
            "`{name}` is not a valid profile name: use letters, digits, `-`, `_` and `.` (up to 64, not starting with `.`)"
        )))
    }
}

/// Where profile `name` lives.
pub fn profile_path(name: &str) -> Result<PathBuf> {
    check_name(name)?;
    Ok(config_dir()?.join("profiles").join(format!("{name}.toml")))
}

/// Loads profile `name`; a missing file is an empty profile.
pub fn load(name: &str) -> Result<Profile> {
    let path = profile_path(name)?;
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Profile::default()),
        Err(e) => {
            return Err(Fail::config(format!(
                "cannot read profile {}: {e}",
                path.display()
            )))
        }
    };
    warn_if_exposed(&path);
    toml::from_str(&text).map_err(|e| {
        Fail::config(format!(
            "profile {} is not valid: {}; fix or delete it (`flickr auth logout --all --profile {name}`)",
            path.display(),
            e.message()
        ))
    })
}

/// Writes profile `name` atomically with owner-only permissions; returns its path.
///
/// The `tempfile` crate creates the temporary file beside the profile (0600
/// on Unix, a random name, removed if anything fails); it is fsync'd, renamed
/// over the profile, and the directory fsync'd so the rename survives a crash.
pub fn save(name: &str, profile: &Profile) -> Result<PathBuf> {
    let path = profile_path(name)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let text = toml::to_string(profile)
        .map_err(|e| Fail::failed(format!("cannot encode the profile: {e}")))?;
    let write = || -> std::io::Result<()> {
        let mut file = tempfile::Builder::new()
            .prefix(&format!(".{name}.toml."))
            .tempfile_in(dir)?;
        file.write_all(b"# flickr-rs credentials: keep this file private (0600)\n")?;
        file.write_all(text.as_bytes())?;
        file.as_file().sync_all()?;
        file.persist(&path).map_err(|e| e.error)?;
        sync_dir(dir)
    };
    write().map_err(|e| Fail::config(format!("cannot write profile {}: {e}", path.display())))?;
    Ok(path)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Deletes profile `name`; returns whether it existed.
pub fn delete(name: &str) -> Result<bool> {
    let path = profile_path(name)?;
    match fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Fail::config(format!(
            "cannot delete profile {}: {e}",
            path.display()
        ))),
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        if !dir.exists() {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|e| Fail::config(format!("cannot create {}: {e}", dir.display())))?;
        }
    }
    #[cfg(not(unix))]
    fs::create_dir_all(dir)
        .map_err(|e| Fail::config(format!("cannot create {}: {e}", dir.display())))?;
    Ok(())
}

#[cfg(unix)]
fn warn_if_exposed(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = fs::metadata(path) {
        if meta.permissions().mode() & 0o077 != 0 {
            eprintln!(
                "warning: {} holds secrets but others can read it; run `chmod 600 {}`",
                path.display(),
                path.display()
            );
        }
    }
}

#[cfg(not(unix))]
fn warn_if_exposed(_path: &Path) {}
