//! The generator's reserved names are the methods it writes: every method
//! a request type has besides its setters (for a paged method, the paging
//! streams too) is in `REQUEST_METHODS`, so an argument with that name
//! gets an `_arg` setter; and the list names nothing a request type lacks.
//! Read from the generated source of the real spec with `syn`.

use std::collections::BTreeSet;
use std::path::Path;

use super::{OWN_NAMES, REQUEST_METHODS};

/// The `fn` names of every `impl NAME` block in `source`.
fn impl_fns(source: &str, name: &str) -> BTreeSet<String> {
    let file = syn::parse_file(source).unwrap_or_else(|e| panic!("the source does not parse: {e}"));
    let mut out = BTreeSet::new();
    for item in file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let syn::Type::Path(ty) = &*block.self_ty else {
            continue;
        };
        if !ty.path.is_ident(name) || block.trait_.is_some() {
            continue;
        }
        for item in block.items {
            if let syn::ImplItem::Fn(f) = item {
                out.insert(f.sig.ident.to_string());
            }
        }
    }
    out
}

#[test]
fn reserved_names_are_the_methods_a_request_type_has_besides_its_arguments() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let model = crate::model_from_dir(&spec).unwrap_or_else(|e| panic!("{e}"));
    // A paged method, its request methods written out as the generated
    // macro writes them: every request method is there.
    let search = model
        .methods
        .iter()
        .find(|m| m.name == "flickr.photos.search")
        .unwrap();
    let source = crate::generate_method_expanded(&model, &search.name).unwrap();
    let defined = impl_fns(&source, &search.type_name());
    let setters: BTreeSet<String> = search.args.iter().map(|a| a.rust_name.clone()).collect();
    let listed: BTreeSet<String> = REQUEST_METHODS
        .iter()
        .chain(OWN_NAMES)
        .map(|s| s.to_string())
        .collect();
    let unlisted: Vec<_> = defined
        .difference(&setters)
        .filter(|n| !listed.contains(*n))
        .collect();
    assert!(
        unlisted.is_empty(),
        "the request type defines {unlisted:?}, which REQUEST_METHODS (codegen's \
         src/emit/methods.rs) does not reserve: an argument of that name would collide"
    );
    let missing: Vec<_> = REQUEST_METHODS
        .iter()
        .filter(|n| !defined.contains(**n))
        .collect();
    assert!(
        missing.is_empty(),
        "REQUEST_METHODS lists {missing:?}, which the request type lacks"
    );
    for name in OWN_NAMES {
        assert!(!REQUEST_METHODS.contains(name), "`{name}` is listed twice");
    }
}
