//! The generator and the registry word every argument type alike: for every
//! argument of every method in the spec, the generator's model (read through
//! flickr-codegen, as the build script reads it) and the registry entry this
//! crate compiled from it agree on the type's description, its short name
//! and the id kinds the spec may name.

use flickr_codegen::model::{Arg, Method, Model};
use flickr_sdk::registry::{find, ArgInfo, IdKind};
use std::path::Path;

fn model() -> Model {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    flickr_codegen::model_from_dir(&spec).expect("the spec validates")
}

/// Every argument of every method this build compiles, with the registry's
/// entry for it.
fn every_arg(model: &Model) -> Vec<(&Method, &Arg, &'static ArgInfo)> {
    let mut out = Vec::new();
    for m in &model.methods {
        // A build with some namespaces only compiles their methods.
        let Some(entry) = find(&m.name) else {
            continue;
        };
        for a in &m.args {
            let info = entry
                .arg(&a.name)
                .unwrap_or_else(|| panic!("{} has no argument {} in the registry", m.name, a.name));
            out.push((m, a, info));
        }
    }
    out
}

#[test]
fn rustdoc_wording_is_the_registrys_description() {
    let model = model();
    let args = every_arg(&model);
    assert!(!args.is_empty(), "the spec has arguments");
    for (m, a, info) in args {
        assert_eq!(
            flickr_codegen::described_type(&a.ty),
            info.kind.describe(),
            "{} argument {}",
            m.name,
            a.name
        );
        assert_eq!(
            a.ty.short_name(),
            info.kind.short_name(),
            "{} argument {}",
            m.name,
            a.name
        );
    }
}

#[test]
fn the_spec_names_the_id_kinds_the_registry_has() {
    let registry: Vec<&str> = IdKind::ALL.iter().map(|k| k.short_name()).collect();
    assert_eq!(flickr_codegen::ID_KINDS, registry.as_slice());
    for name in flickr_codegen::ID_KINDS {
        assert_eq!(
            IdKind::from_short_name(name).map(IdKind::short_name),
            Some(*name)
        );
    }
}
