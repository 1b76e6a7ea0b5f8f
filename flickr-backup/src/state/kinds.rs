//! The states and kinds the database stores as text: a file's status, a
//! set's kind, a photo's media. The code compares these enums; the columns
//! hold exactly the strings named here (the schema is unchanged text).

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// An enum stored as one of a fixed set of strings.
macro_rules! stored_as_text {
    (
        $(#[$doc:meta])*
        $name:ident, $what:literal {
            $($(#[$vdoc:meta])* $variant:ident = $text:literal,)+
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every value, in the order above.
            #[cfg(test)]
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The text stored for it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The value stored as `text`, if it is one.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    let known = [$($text),+].join(", ");
                    FromSqlError::Other(
                        format!(concat!("unknown ", $what, " `{}` (expected one of {})"), text, known)
                            .into(),
                    )
                })
            }
        }
    };
}

stored_as_text! {
    /// Where a file is in its life: `Pending` → downloaded to a temporary
    /// name, checked and fsync'd → `Placing` (size, SHA-256 and temporary
    /// name recorded) → renamed into the tree → `Done`; or `Failed` for this
    /// run (the next run tries again).
    FileStatus, "file status" {
        /// To fetch (by the run in `planned_run`).
        Pending = "pending",
        /// Downloaded and checked, being renamed into place.
        Placing = "placing",
        /// In the tree, complete.
        Done = "done",
        /// Could not be fetched in the run that tried.
        Failed = "failed",
    }
}

stored_as_text! {
    /// What a row of the `sets` table is.
    SetKind, "set kind" {
        /// An album (photoset) and its photos.
        Album = "album",
        /// A gallery and its photos.
        Gallery = "gallery",
        /// A member's favorites.
        Favorites = "favorites",
        /// The collection tree (one row, id `tree`).
        Collections = "collections",
    }
}

stored_as_text! {
    /// A photo or a video.
    MediaKind, "media" {
        /// A photo.
        Photo = "photo",
        /// A video.
        Video = "video",
    }
}

impl MediaKind {
    /// The kind of a list item whose `media` extra is `media`: a video when
    /// Flickr says so, otherwise (absent or unknown) a photo.
    pub fn listed(media: Option<&str>) -> MediaKind {
        match media {
            Some("video") => MediaKind::Video,
            _ => MediaKind::Photo,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| as_str(*v)).collect()
    }

    #[test]
    fn the_stored_strings_are_the_schemas() {
        // These strings are in every existing mirror's database: never change them.
        assert_eq!(
            texts(FileStatus::ALL, FileStatus::as_str),
            ["pending", "placing", "done", "failed"]
        );
        assert_eq!(
            texts(SetKind::ALL, SetKind::as_str),
            ["album", "gallery", "favorites", "collections"]
        );
        assert_eq!(texts(MediaKind::ALL, MediaKind::as_str), ["photo", "video"]);
        for s in FileStatus::ALL {
            assert_eq!(FileStatus::parse(s.as_str()), Some(*s));
        }
        for k in SetKind::ALL {
            assert_eq!(SetKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(SetKind::parse("collection"), None);
    }

    #[test]
    fn a_listed_media_is_a_video_only_when_flickr_says_so() {
        assert_eq!(MediaKind::listed(Some("video")), MediaKind::Video);
        assert_eq!(MediaKind::listed(Some("photo")), MediaKind::Photo);
        assert_eq!(MediaKind::listed(None), MediaKind::Photo);
        assert_eq!(MediaKind::listed(Some("hologram")), MediaKind::Photo);
    }
}
