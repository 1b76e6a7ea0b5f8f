//! The generator's reserved names come from the macros: every method
//! flickr-sdk's `request_send!` defines on a request type is in
//! `MACRO_METHODS` (an argument with that name gets an `_arg` setter), and
//! the list names nothing the macro does not define. The macro is read from
//! flickr-sdk's source with `syn` (a test of the repository: neither crate's
//! build reads a file outside its package).

use proc_macro2::{TokenStream, TokenTree};
use std::collections::BTreeSet;
use std::path::Path;

/// The `fn` names in a macro's body, every arm included.
fn fn_names(tokens: TokenStream, out: &mut BTreeSet<String>) {
    let mut after_fn = false;
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) if after_fn => {
                out.insert(ident.to_string());
                after_fn = false;
            }
            TokenTree::Ident(ident) => after_fn = ident == "fn",
            TokenTree::Group(group) => {
                after_fn = false;
                fn_names(group.stream(), out);
            }
            _ => after_fn = false,
        }
    }
}

/// The methods the `macro_rules!` named `name` in `source` defines.
fn macro_methods(source: &str, name: &str) -> BTreeSet<String> {
    let file =
        syn::parse_file(source).unwrap_or_else(|e| panic!("macros/request.rs does not parse: {e}"));
    let body = file
        .items
        .into_iter()
        .find_map(|item| match item {
            syn::Item::Macro(m)
                if m.mac.path.is_ident("macro_rules")
                    && m.ident.as_ref().is_some_and(|i| i == name) =>
            {
                Some(m.mac.tokens)
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no `macro_rules! {name}` in macros/request.rs"));
    let mut names = BTreeSet::new();
    fn_names(body, &mut names);
    names
}

fn sdk_macros() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../flickr-sdk/src/macros/request.rs");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn reserved_names_are_the_methods_request_send_defines() {
    let defined = macro_methods(&sdk_macros(), "request_send");
    let listed: BTreeSet<String> = flickr_codegen::emit::methods::MACRO_METHODS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let missing: Vec<_> = defined.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&defined).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "codegen's MACRO_METHODS (src/emit/methods.rs) differs from the methods \
         flickr-sdk's request_send! defines: missing {missing:?}, not defined {stale:?}"
    );
}

/// The generator's own names and the macro's do not overlap (each is listed
/// once, where it is defined).
#[test]
fn own_names_and_macro_methods_are_apart() {
    use flickr_codegen::emit::methods::{MACRO_METHODS, OWN_NAMES};
    for name in OWN_NAMES {
        assert!(!MACRO_METHODS.contains(name), "`{name}` is listed twice");
    }
}

/// The reader finds a method in any arm, nested in an `impl` block or a
/// macro's repetition, and nothing that is not after `fn`.
#[test]
fn the_reader_sees_every_arm() {
    let source = r#"
        macro_rules! request_send {
            ($name:ident) => { impl $name { pub fn send(self) {} fn fetcher(self) {} } };
            (@paged) => { $(pub fn items(self) -> Vec<u8> { let fnord = 1; })? };
        }
        macro_rules! other { () => { fn elsewhere() {} }; }
    "#;
    let names: Vec<String> = macro_methods(source, "request_send").into_iter().collect();
    assert_eq!(names, ["fetcher", "items", "send"]);
}
