//! The spec must agree with Flickr's own reflection data (a copy lives in
//! `tests/reflection/methods.json`) on method names, argument names, required
//! flags, error codes and messages, permissions, login/signing flags and verb.
//! The only differences allowed are required flags with a written `override`
//! reason in the spec, and methods Flickr answers but its reflection does not
//! list, each marked `documented_addition` with a reason in the spec.

use flickr_codegen::model::{Method, Model, Perms, Verb};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

#[derive(Deserialize)]
struct Reflected {
    name: String,
    perms: String,
    needslogin: u8,
    needssigning: u8,
    http_verb: String,
    args: Vec<ReflectedArg>,
    errors: Vec<ReflectedError>,
}

#[derive(Deserialize)]
struct ReflectedArg {
    name: String,
    optional: u8,
}

#[derive(Deserialize)]
struct ReflectedError {
    code: u32,
    message: String,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The spec's model and Flickr's reflection copy, read once per test
/// binary.
struct Sources {
    model: Model,
    reflected: BTreeMap<String, Reflected>,
}

fn sources() -> &'static Sources {
    static SOURCES: OnceLock<Sources> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let model = flickr_codegen::model_from_dir(&root().join("../spec"))
            .unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(root().join("reflection/methods.json"))
            .expect("reflection copy");
        let reflected: Vec<Reflected> =
            serde_json::from_str(&text).expect("reflection copy parses");
        let reflected = reflected.into_iter().map(|r| (r.name.clone(), r)).collect();
        Sources { model, reflected }
    })
}

impl Sources {
    /// Each spec method Flickr's reflection lists, with its entry there.
    fn pairs(&self) -> impl Iterator<Item = (&Method, &Reflected)> {
        self.model
            .methods
            .iter()
            .filter_map(|m| self.reflected.get(&m.name).map(|r| (m, r)))
    }
}

/// Fails with every problem found, if any.
fn assert_no_problems(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} difference(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_spec_and_flickrs_reflection_list_the_same_methods_but_marked_additions() {
    let Sources { model, reflected } = sources();
    let mut problems = Vec::new();
    let spec_names: Vec<&str> = model.methods.iter().map(|m| m.name.as_str()).collect();
    for name in reflected.keys() {
        if !spec_names.contains(&name.as_str()) {
            problems.push(format!(
                "{name}: in Flickr's reflection, missing from the spec"
            ));
        }
    }
    for m in &model.methods {
        let listed = reflected.contains_key(&m.name);
        if !listed && m.not_in_reflection.is_none() {
            problems.push(format!(
                "{}: in the spec, unknown to Flickr's reflection (add `documented_addition = \"why, and where it is documented\"` if Flickr really answers it)",
                m.name
            ));
        }
        if listed && m.not_in_reflection.is_some() {
            problems.push(format!(
                "{}: marked `documented_addition` but Flickr's reflection lists it; drop the mark",
                m.name
            ));
        }
    }
    assert_no_problems(&problems);
    assert_eq!(
        model
            .methods
            .iter()
            .filter(|m| m.not_in_reflection.is_none())
            .count(),
        223,
        "every live Flickr method has a spec entry"
    );
}

#[test]
fn each_methods_perms_login_signing_and_verb_are_flickrs() {
    let mut problems = Vec::new();
    for (m, r) in sources().pairs() {
        let perms = match r.perms.as_str() {
            "0" => Perms::None,
            "1" => Perms::Read,
            "2" => Perms::Write,
            _ => Perms::Delete,
        };
        if m.perms != perms {
            problems.push(format!(
                "{}: perms {:?}, Flickr says {perms:?}",
                m.name, m.perms
            ));
        }
        if m.login != (r.needslogin == 1) || m.signed != (r.needssigning == 1) {
            problems.push(format!(
                "{}: login/signed flags differ from Flickr's",
                m.name
            ));
        }
        let verb = if r.http_verb == "POST" {
            Verb::Post
        } else {
            Verb::Get
        };
        if m.verb != verb {
            problems.push(format!(
                "{}: verb {:?}, Flickr says {}",
                m.name, m.verb, r.http_verb
            ));
        }
    }
    assert_no_problems(&problems);
}

#[test]
fn each_methods_arguments_are_flickrs_and_required_as_flickr_says_unless_overridden() {
    let mut problems = Vec::new();
    for (m, r) in sources().pairs() {
        let flickr_args: Vec<&ReflectedArg> =
            r.args.iter().filter(|a| a.name != "api_key").collect();
        let spec_arg_names: Vec<&str> = m.args.iter().map(|a| a.name.as_str()).collect();
        let flickr_arg_names: Vec<&str> = flickr_args.iter().map(|a| a.name.as_str()).collect();
        if spec_arg_names != flickr_arg_names {
            problems.push(format!(
                "{}: arguments {spec_arg_names:?}, Flickr lists {flickr_arg_names:?}",
                m.name
            ));
        }
        for (a, fa) in m.args.iter().zip(&flickr_args) {
            let flickr_required = fa.optional == 0;
            match (&a.override_reason, a.required == flickr_required) {
                (None, false) => problems.push(format!(
                    "{}: `{}` required={} but Flickr says required={flickr_required} (add `override = \"why\"` if Flickr is wrong)",
                    m.name, a.name, a.required
                )),
                (Some(_), true) => problems.push(format!(
                    "{}: `{}` has an override but agrees with Flickr; drop the override",
                    m.name, a.name
                )),
                _ => {}
            }
        }
    }
    assert_no_problems(&problems);
}

#[test]
fn each_methods_error_codes_and_messages_are_flickrs() {
    let mut problems = Vec::new();
    for (m, r) in sources().pairs() {
        let spec_errors: BTreeMap<u32, &str> = m
            .errors
            .iter()
            .map(|e| (e.code, e.message.as_str()))
            .collect();
        let flickr_errors: BTreeMap<u32, &str> = r
            .errors
            .iter()
            .map(|e| (e.code, e.message.as_str()))
            .collect();
        if spec_errors != flickr_errors {
            problems.push(format!(
                "{}: error codes/messages {spec_errors:?}, Flickr lists {flickr_errors:?}",
                m.name
            ));
        }
    }
    assert_no_problems(&problems);
}

#[test]
fn overrides_are_few_and_explained() {
    let model =
        flickr_codegen::model_from_dir(&root().join("../spec")).unwrap_or_else(|e| panic!("{e}"));
    let overrides: Vec<String> = model
        .methods
        .iter()
        .flat_map(|m| {
            m.args
                .iter()
                .filter_map(move |a| a.override_reason.as_ref().map(|why| (m, a, why)))
        })
        .map(|(m, a, why)| {
            assert!(
                why.split_whitespace().count() >= 4,
                "{} `{}`: override reason too thin: {why:?}",
                m.name,
                a.name
            );
            format!("{} {}", m.name, a.name)
        })
        .collect();
    assert!(
        overrides.len() <= 20,
        "{} overrides; review them: {overrides:#?}",
        overrides.len()
    );
}

/// The methods the spec adds beyond Flickr's reflection: few, each with a
/// reason, and no others. Checked against a plain list so that marking a
/// method by mistake (to silence the test above) shows up here.
#[test]
fn documented_additions_are_few_and_explained() {
    let model =
        flickr_codegen::model_from_dir(&root().join("../spec")).unwrap_or_else(|e| panic!("{e}"));
    let additions: Vec<&str> = model
        .methods
        .iter()
        .filter(|m| m.not_in_reflection.is_some())
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(additions, ["flickr.video.getStreamInfo"]);
}
