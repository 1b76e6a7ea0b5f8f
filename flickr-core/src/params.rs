//! Request parameters and the conversion of typed argument values to their wire form.

use std::borrow::Cow;

use crate::encoding::push_encoded;

/// The arguments of one call, in insertion order, as wire strings.
///
/// `api_key`, `method`, `format` and the OAuth parameters are added by the
/// client when the request is sent; callers and generated code only push the
/// method's own arguments.
#[derive(Clone, Default)]
pub struct Params {
    pairs: Vec<(Cow<'static, str>, String)>,
    /// The values came from a generated request builder's typed setters.
    typed: bool,
}

impl Params {
    /// An empty parameter list.
    pub fn new() -> Params {
        Params::default()
    }

    /// An empty list for the arguments of a generated request builder: the
    /// compiler has checked their names and types, so the client checks only
    /// what a type cannot say (ranges, non-empty ids, accepted date forms)
    /// instead of parsing every value again. Generated code reaches it as
    /// `__private::typed_params`.
    pub(crate) fn typed() -> Params {
        Params {
            pairs: Vec::new(),
            typed: true,
        }
    }

    /// Whether this list came from `Params::typed` (a generated builder).
    pub(crate) fn is_typed(&self) -> bool {
        self.typed
    }

    /// The pairs, for a change. The first change makes room for a typical
    /// signed request, which would otherwise grow the list four times.
    fn pairs_mut(&mut self) -> &mut Vec<(Cow<'static, str>, String)> {
        const TYPICAL: usize = 24;
        if self.pairs.capacity() == 0 {
            self.pairs.reserve(TYPICAL);
        }
        &mut self.pairs
    }

    /// Appends `name=value`, converting the value to its wire form.
    pub fn push(&mut self, name: impl Into<Cow<'static, str>>, value: impl ToParam) {
        let pair = (name.into(), value.into_param());
        self.pairs_mut().push(pair);
    }

    /// Appends `name=value` if `value` is present.
    pub fn push_opt<T: ToParam>(&mut self, name: &'static str, value: Option<T>) {
        if let Some(v) = value {
            self.push(name, v);
        }
    }

    /// Appends the items of a list argument joined by `sep` (`,` for extras, ` ` for tags).
    ///
    /// In a space-separated list an item containing whitespace is wrapped in
    /// double quotes, as Flickr reads multi-word tags (`"golden hour" sunset`);
    /// otherwise it would arrive as two items.
    pub fn push_list<T: ToParam>(&mut self, name: &'static str, items: &[T], sep: &str) {
        let quote_spaced = sep.trim().is_empty();
        let joined = items
            .iter()
            .map(|item| {
                let value = item.to_param();
                if quote_spaced && value.contains(char::is_whitespace) {
                    format!("\"{}\"", value.replace('"', ""))
                } else {
                    value
                }
            })
            .collect::<Vec<_>>()
            .join(sep);
        self.pairs_mut().push((Cow::Borrowed(name), joined));
    }

    /// Sets `name` to `value`, replacing an earlier value.
    pub fn set(&mut self, name: &'static str, value: impl ToParam) {
        let value = value.into_param();
        let pairs = self.pairs_mut();
        match pairs.iter_mut().find(|(k, _)| k == name) {
            Some(pair) => pair.1 = value,
            None => pairs.push((Cow::Borrowed(name), value)),
        }
    }

    /// The value of the first `name`, if any.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether no parameter was pushed.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Number of parameters.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// The pairs in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_ref(), v.as_str()))
    }

    /// `name=value&…` in insertion order, each name and value percent-encoded
    /// as RFC 5849 §3.6 requires (`%20` for a space, uppercase hex): the query
    /// string or form body a request sends. The signature base string uses
    /// the same encoding, so what is signed is what is sent.
    pub fn encode(&self) -> String {
        let raw: usize = self.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
        let mut out = String::with_capacity(raw + raw / 4 + 16);
        for (i, (k, v)) in self.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            push_encoded(&mut out, k);
            out.push('=');
            push_encoded(&mut out, v);
        }
        out
    }
}

/// Equal when the pairs are (the encoded form is derived from them).
impl PartialEq for Params {
    fn eq(&self, other: &Params) -> bool {
        self.pairs == other.pairs
    }
}

impl Eq for Params {}

/// Parameters whose values are never shown in `Debug` output: a signature
/// is derived from the secrets, and a token identifies the user's grant.
const REDACTED: &[&str] = &["oauth_signature", "oauth_token", "api_sig", "auth_token"];

impl std::fmt::Debug for Params {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(k, v)| {
                (
                    k,
                    if REDACTED.contains(&k) {
                        "<redacted>"
                    } else {
                        v
                    },
                )
            }))
            .finish()
    }
}

impl<K: Into<Cow<'static, str>>, V: ToParam> FromIterator<(K, V)> for Params {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Params {
        let mut params = Params::new();
        for (k, v) in iter {
            params.push(k, v);
        }
        params
    }
}

/// `Params::from([("text", "qwirkle"), ("per_page", "5")])`, for calls by name.
impl<K: Into<Cow<'static, str>>, V: ToParam, const N: usize> From<[(K, V); N]> for Params {
    fn from(pairs: [(K, V); N]) -> Params {
        pairs.into_iter().collect()
    }
}

/// A value that can be sent as a Flickr argument.
pub trait ToParam {
    /// The wire form (booleans are `1`/`0`).
    fn to_param(&self) -> String;

    /// The wire form, reusing `self` where it can (a `String` is moved, not copied).
    fn into_param(self) -> String
    where
        Self: Sized,
    {
        self.to_param()
    }
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> String {
        (**self).to_param()
    }
}

impl ToParam for str {
    fn to_param(&self) -> String {
        self.to_owned()
    }
}

impl ToParam for String {
    fn to_param(&self) -> String {
        self.clone()
    }

    fn into_param(self) -> String {
        self
    }
}

impl ToParam for bool {
    fn to_param(&self) -> String {
        if *self { "1" } else { "0" }.to_owned()
    }
}

macro_rules! display_param {
    ($($t:ty),*) => {$(
        impl ToParam for $t {
            fn to_param(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
display_param!(i8, i16, i32, i64, u8, u16, u32, u64, usize, f32, f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_are_zero_and_one() {
        assert_eq!(true.to_param(), "1");
        assert_eq!(false.to_param(), "0");
    }

    #[test]
    fn lists_join_with_their_separator() {
        let mut p = Params::new();
        p.push_list("tags", &["a b", "c"], " ");
        p.push_list("extras", &["url_m", "geo"], ",");
        assert_eq!(p.get("tags"), Some("\"a b\" c"));
        assert_eq!(p.get("extras"), Some("url_m,geo"));
    }

    #[test]
    fn debug_hides_signatures_and_tokens() {
        let p: Params = [
            ("oauth_signature", "c2VjcmV0"),
            ("oauth_token", "72157-abc"),
            ("text", "tree"),
        ]
        .into_iter()
        .collect();
        let shown = format!("{p:?}");
        assert!(
            !shown.contains("c2VjcmV0") && !shown.contains("72157-abc"),
            "{shown}"
        );
        assert!(shown.contains("tree"));
    }

    #[test]
    fn set_replaces_and_push_opt_skips_none() {
        let mut p: Params = [("page", 1)].into_iter().collect();
        p.set("page", 2);
        p.push_opt::<u32>("per_page", None);
        assert_eq!(p.len(), 1);
        assert_eq!(p.get("page"), Some("2"));
    }
}
