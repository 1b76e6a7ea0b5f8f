//! [`MethodRef`]: which method a call is for, a registry entry or a bare name.

use crate::registry::{MethodInfo, Perms, Verb};

/// The method [`Client::call`](super::Client::call) calls.
///
/// - A registry entry (`&'static MethodInfo`, what generated builders pass
///   and `flickr_sdk::registry::find` returns): its arguments are checked
///   before sending, its permissions explain errors 98 and 99, and the call is
///   signed when the method needs it.
/// - A name and a verb ([`MethodRef::named`]): the escape hatch for methods
///   the bindings do not know yet. Nothing is checked; the call is signed
///   whenever the credentials can sign, and a POST is never retried unless
///   the call opts in.
///
/// ```
/// use flickr_core::client::MethodRef;
/// use flickr_core::registry::Verb;
///
/// let m = MethodRef::named("flickr.some.newMethod", Verb::Get);
/// assert_eq!((m.name(), m.verb()), ("flickr.some.newMethod", Verb::Get));
/// ```
#[derive(Debug, Clone, Copy)]
pub enum MethodRef<'a> {
    /// A method of the registry.
    Known(&'static MethodInfo),
    /// Any method by name.
    Named {
        /// Flickr's method name, e.g. `flickr.some.newMethod`.
        name: &'a str,
        /// GET for reads, POST for writes.
        verb: Verb,
    },
}

impl<'a> MethodRef<'a> {
    /// A method the registry does not know, by name and verb.
    pub fn named(name: &'a str, verb: Verb) -> MethodRef<'a> {
        MethodRef::Named { name, verb }
    }

    /// The method's name.
    pub fn name(&self) -> &'a str {
        match *self {
            MethodRef::Known(m) => m.name,
            MethodRef::Named { name, .. } => name,
        }
    }

    /// The HTTP verb it is sent with.
    pub fn verb(&self) -> Verb {
        match *self {
            MethodRef::Known(m) => m.verb,
            MethodRef::Named { verb, .. } => verb,
        }
    }

    /// The member of the answer a typed value is read from: the registry
    /// entry's [`root`](MethodInfo::root); the whole object for a bare name.
    pub fn root(&self) -> Option<&'static str> {
        match *self {
            MethodRef::Known(m) => m.root,
            MethodRef::Named { .. } => None,
        }
    }

    /// The permission a token needs ([`Perms::None`] for a bare name).
    pub fn perms(&self) -> Perms {
        match *self {
            MethodRef::Known(m) => m.perms,
            MethodRef::Named { .. } => Perms::None,
        }
    }

    /// Whether it needs a logged-in user (never known for a bare name).
    pub(crate) fn needs_login(&self) -> bool {
        matches!(self, MethodRef::Known(m) if m.needs_login)
    }

    /// Whether it must be signed (never known for a bare name).
    pub(crate) fn needs_signing(&self) -> bool {
        matches!(self, MethodRef::Known(m) if m.needs_signing)
    }
}

impl From<&'static MethodInfo> for MethodRef<'_> {
    fn from(m: &'static MethodInfo) -> Self {
        MethodRef::Known(m)
    }
}
