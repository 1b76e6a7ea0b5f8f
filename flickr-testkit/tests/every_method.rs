//! Every method in the registry answers something that decodes into its
//! generated response type, over real HTTP, in JSON and in REST XML.
//! The calls over HTTP are made once per test binary ([`answers`]); a case
//! reads and decodes each format's answers.

mod common;

use std::sync::OnceLock;

use common::small_fake;
use flickr_core::__private::envelope::{unwrap_jsonp, xml_to_value, Called};
use flickr_core::registry::Perms;

/// Methods whose example answer does not decode yet (their generated types are
/// still being written); the test fails if one is listed here but decodes, so
/// the list only shrinks.
const KNOWN_UNDECODABLE: &[&str] = &[];

#[test]
fn every_canned_answer_decodes_into_its_generated_type() {
    let bad = flickr_testkit::undecodable_canned_answers();
    let unexpected: Vec<_> = bad
        .iter()
        .filter(|m| !KNOWN_UNDECODABLE.contains(m))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} methods answer something their generated type does not decode: {unexpected:?}",
        unexpected.len()
    );
    let fixed: Vec<_> = KNOWN_UNDECODABLE
        .iter()
        .filter(|m| !bad.contains(m))
        .collect();
    assert!(
        fixed.is_empty(),
        "these decode now, drop them from KNOWN_UNDECODABLE: {fixed:?}"
    );
}

/// One answer over HTTP: the method, the format asked for, the body.
struct Answer {
    method: &'static str,
    format: &'static str,
    body: Vec<u8>,
}

/// Each method called once in each format, in order (JSON then REST XML),
/// on one loopback Flickr per test binary: the answers.
fn answers() -> &'static [Answer] {
    static ANSWERS: OnceLock<Vec<Answer>> = OnceLock::new();
    ANSWERS.get_or_init(|| {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(call_every_method())
    })
}

async fn call_every_method() -> Vec<Answer> {
    let fake = small_fake().await;
    let c = fake.credentials();
    let http = reqwest::Client::new();
    let url = format!("{}services/rest/", fake.base_url());
    let mut answers = Vec::new();
    for method in flickr_sdk::registry::METHODS.iter() {
        for format in ["json", "rest"] {
            // Signed with the delete token, every required argument given a plausible value.
            let mut params: Vec<(String, String)> = vec![
                ("method".into(), method.name.into()),
                ("api_key".into(), c.api_key.clone()),
                ("format".into(), format.into()),
                ("nojsoncallback".into(), "1".into()),
            ];
            for arg in method.args.iter().filter(|a| a.required) {
                params.push((arg.name.into(), sample(method.name, arg)));
            }
            let mut p = flickr_core::params::Params::new();
            for (k, v) in &params {
                p.push(k.clone(), v.as_str());
            }
            let creds = flickr_core::credentials::Credentials::oauth(
                c.api_key.clone(),
                c.api_secret.clone(),
                c.oauth_token.clone(),
                c.oauth_token_secret.clone(),
            );
            flickr_core::signer::sign_params(&creds, method.verb, &url, &mut p).unwrap();
            let body = p.encode();
            let resp = match method.verb {
                flickr_core::registry::Verb::Get => http.get(format!("{url}?{body}")).send().await,
                flickr_core::registry::Verb::Post => {
                    http.post(&url)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(body)
                        .send()
                        .await
                }
            }
            .unwrap();
            let body = resp.bytes().await.unwrap().to_vec();
            answers.push(Answer {
                method: method.name,
                format,
                body,
            });
        }
    }
    answers
}

/// Reads each answer in `format` with `parse`, and decodes it into its
/// method's generated type; fails with every answer that does not parse
/// or decode.
fn assert_answers_decode(
    format: &str,
    parse: impl Fn(&Answer) -> Result<serde_json::Value, String>,
) {
    let mut failures = Vec::new();
    for answer in answers().iter().filter(|a| a.format == format) {
        let (method, text) = (answer.method, String::from_utf8_lossy(&answer.body));
        if text.contains("\"stat\":\"fail\"") || text.contains("<rsp stat=\"fail\">") {
            // A refusal for our sample arguments (e.g. "photo not found") is a Flickr answer too.
            continue;
        }
        let value = match parse(answer) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{method} ({format}): {e}"));
                continue;
            }
        };
        if value.get("stat").and_then(|s| s.as_str()) == Some("fail") {
            // A refusal for our sample arguments (e.g. "photo not found") is a Flickr answer too.
            continue;
        }
        match flickr_sdk::registry::decode_to_json(method, &value.to_string()) {
            Some(Ok(_)) => {}
            Some(Err(e)) if !KNOWN_UNDECODABLE.contains(&method) => {
                failures.push(format!("{method} ({format}): {e}"))
            }
            _ => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_method_answers_over_http_in_json_that_decodes_into_its_type() {
    assert_answers_decode("json", |a| {
        serde_json::from_slice::<serde_json::Value>(unwrap_jsonp(&a.body))
            .map_err(|e| e.to_string())
    });
}

#[test]
fn every_method_answers_over_http_in_rest_xml_that_decodes_into_its_type() {
    // The client's converter for `format=rest`.
    assert_answers_decode("rest", |a| {
        xml_to_value(Called::new(a.method, Perms::None), &a.body).map_err(|e| e.to_string())
    });
}

/// A plausible value for a required argument.
fn sample(method: &str, arg: &flickr_core::registry::ArgInfo) -> String {
    use flickr_core::registry::ArgKind;
    if let Some(d) = arg.default {
        return d.to_owned();
    }
    let _ = method;
    match arg.kind {
        ArgKind::Int { min, .. } => min.unwrap_or(1).max(1).to_string(),
        ArgKind::Float { min, max } => match (min, max) {
            (Some(a), Some(b)) => ((a + b) / 2.0).to_string(),
            _ => "1.5".into(),
        },
        ArgKind::Bool => "1".into(),
        ArgKind::Enum(values) => values.first().copied().unwrap_or("x").to_owned(),
        ArgKind::Date(formats) => match formats.first() {
            Some(flickr_core::registry::DateFormat::Unix) => "1700000000".into(),
            Some(flickr_core::registry::DateFormat::Mysql) => "2024-05-01 00:00:00".into(),
            Some(flickr_core::registry::DateFormat::Ymd) | None => "2024-05-01".into(),
        },
        ArgKind::List {
            item: ArgKind::Enum(values),
            ..
        } => values.first().copied().unwrap_or("x").to_owned(),
        ArgKind::List { .. } => "52000000001".into(),
        ArgKind::Id(_) => "52000000001".into(),
        ArgKind::Text | ArgKind::String => "flickr.com".into(),
    }
}
