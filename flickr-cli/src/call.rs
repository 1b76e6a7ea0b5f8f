//! `flickr call NAME key=value …`: checked arguments, typed JSON out, `--all`
//! pages; `--dropped` adds what the typed response does not carry, and
//! `--answer FILE` decodes a saved answer instead of calling Flickr.

use crate::cli::{CallArgs, Cli, WireFormat};
use crate::fail::{Fail, Result};
use crate::methods::lookup;
use crate::output::{emit_bytes, emit_json};
use crate::setup;
use flickr_sdk::__private::envelope::{decode_body, Called};
use flickr_sdk::error::Error;
use flickr_sdk::paging::{self, Page};
use flickr_sdk::registry::MethodInfo;
use flickr_sdk::registry::Perms;
use flickr_sdk::Params;
use flickr_sdk::{CallOptions, CoreClient as Client, Format, RawResponse};
use futures::StreamExt;
use serde_json::Value;
use std::io::Read;
use std::path::Path;

/// Runs `flickr call`.
pub async fn run(cli: &Cli, args: &CallArgs) -> Result<()> {
    // Everything that can be checked offline is checked before any traffic.
    let method = lookup(&args.method)?;
    if let Some(file) = &args.answer {
        return saved_answer(method, file, args.dropped);
    }
    let params = parse_pairs(&args.args)?;
    method.check_args(&params).map_err(|p| {
        Fail::usage(format!(
            "{}: {p}\nhint: `flickr methods show {}` lists its arguments",
            method.name, method.name
        ))
    })?;
    if args.all && method.paging.is_none() {
        return Err(Fail::usage(format!(
            "{} is not paged, so --all does not apply",
            method.name
        )));
    }
    let profile = setup::effective_profile(cli)?;
    let client = setup::client(cli, setup::credentials(&profile)).await?;
    let format = match args.format {
        WireFormat::Json => Format::Json,
        WireFormat::Rest => Format::Rest,
    };
    if args.all {
        return all_pages(&client, method, params, format, args).await;
    }
    let raw = fetch(&client, method, params, format).await?;
    if args.raw {
        emit_bytes(&raw.body);
        return Ok(());
    }
    let envelope = raw.to_value(method.name).map_err(Fail::from)?;
    emit_json(&typed(method, envelope)?);
    if args.dropped {
        emit_dropped(method, &raw.body)?;
    }
    Ok(())
}

/// `--answer FILE`: the typed response of an answer saved in `file` (`-`:
/// stdin), and with `--dropped` what it does not carry; nothing is sent.
fn saved_answer(method: &'static MethodInfo, file: &Path, dropped: bool) -> Result<()> {
    let body = if file == Path::new("-") {
        let mut body = Vec::new();
        std::io::stdin().read_to_end(&mut body)?;
        body
    } else {
        std::fs::read(file)
            .map_err(|e| Fail::usage(format!("cannot read the answer {}: {e}", file.display())))?
    };
    let envelope: Value = decode_body(Called::new(method.name, Perms::None), &body)
        .map_err(|e| api_failure(method, e))?;
    emit_json(&typed(method, envelope)?);
    if dropped {
        emit_dropped(method, &body)?;
    }
    Ok(())
}

/// `{"dropped": [{"path": …, "value": …}, …]}`: the members of the answer in
/// `body` that the typed response does not carry (`flickr_sdk::dropped`).
fn emit_dropped(method: &MethodInfo, body: &[u8]) -> Result<()> {
    let members = flickr_sdk::dropped(method.name, body).map_err(|e| api_failure(method, e))?;
    let members: Vec<Value> = members
        .into_iter()
        .map(|m| serde_json::json!({ "path": m.path, "value": m.value }))
        .collect();
    emit_json(&serde_json::json!({ "dropped": members }));
    Ok(())
}

/// `name=value` pairs; a pair without `=` is a usage error.
pub fn parse_pairs(pairs: &[String]) -> Result<Params> {
    let mut params = Params::new();
    for pair in pairs {
        let Some((name, value)) = pair.split_once('=') else {
            return Err(Fail::usage(format!(
                "`{pair}` is not an argument: write NAME=VALUE, e.g. per_page=10"
            )));
        };
        let name = name.trim();
        if name.is_empty() {
            return Err(Fail::usage(format!("`{pair}` has no argument name")));
        }
        params.push(name.to_owned(), value.to_owned());
    }
    Ok(params)
}

async fn fetch(
    client: &Client,
    method: &'static MethodInfo,
    params: Params,
    format: Format,
) -> Result<RawResponse> {
    client
        .call::<RawResponse>(method, params, &CallOptions::new().format(format))
        .await
        .map_err(|e| api_failure(method, e))
}

/// The typed response, re-serialized: what the generated bindings would
/// return, with Flickr's member names and without the fields Flickr left out.
fn typed(method: &MethodInfo, envelope: Value) -> Result<Value> {
    match flickr_sdk::registry::decode_to_json(method.name, &envelope.to_string()) {
        Some(Ok(value)) => Ok(value),
        Some(Err(e)) => Err(Fail::failed(format!(
            "the answer of {} does not decode into {}: {e}\nhint: `--raw` prints the body as received",
            method.name, method.response
        ))),
        None => Err(Fail::usage(format!("no typed decoder for {}", method.name))),
    }
}

/// An API error with the registry's explanation of its code and what to do.
fn api_failure(method: &MethodInfo, err: Error) -> Fail {
    let Error::Api(api) = &err else {
        return Fail::from(err);
    };
    let mut message = err.to_string();
    match method.error(api.code) {
        Some(info) => {
            message.push_str(&format!("\n  code:    {} ({})", info.code, info.name));
            if !info.doc.is_empty() {
                message.push_str(&format!("\n  meaning: {}", info.doc));
            }
            if api.advice().is_none() {
                message.push_str(&format!(
                    "\n  what to do: check the arguments against that meaning (`flickr methods show {}`)",
                    method.name
                ));
            }
        }
        None => message.push_str(&format!(
            "\n  code:    {} (not documented for {})",
            api.code, method.name
        )),
    }
    if let Some(hint) = crate::fail::api_hint(api.code, api.had_token) {
        message.push_str(hint);
    }
    Fail::failed(message)
}

/// One page of any paged method, found in the answer's JSON shape.
struct JsonPage {
    envelope: Value,
    page: Option<i64>,
    pages: Option<i64>,
    items: Vec<Value>,
}

impl JsonPage {
    /// Finds the list object (the member holding `page`/`pages`) and its items.
    fn new(envelope: Value) -> JsonPage {
        let list = envelope.as_object().and_then(|o| {
            o.iter()
                .filter(|(k, _)| k.as_str() != "stat")
                .map(|(_, v)| v)
                .find(|v| v.get("pages").is_some() || v.get("page").is_some())
        });
        let number = |v: Option<&Value>| match v {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        };
        let (page, pages, items) = match list {
            Some(list) => {
                let items = list
                    .as_object()
                    .and_then(|o| {
                        o.values().find_map(|v| match v {
                            Value::Array(a) => Some(a.clone()),
                            _ => None,
                        })
                    })
                    .unwrap_or_default();
                (number(list.get("page")), number(list.get("pages")), items)
            }
            None => (None, None, Vec::new()),
        };
        JsonPage {
            envelope,
            page,
            pages,
            items,
        }
    }
}

impl Page for JsonPage {
    type Item = Value;

    fn page_number(&self) -> Option<i64> {
        self.page
    }

    fn page_count(&self) -> Option<i64> {
        self.pages
    }

    fn items(&self) -> &[Value] {
        &self.items
    }

    fn into_items(self) -> Vec<Value> {
        self.items
    }
}

/// `--all`: streams every page through the core paging implementation
/// (stops at `pages`, on an empty page, or on a repeated page).
async fn all_pages(
    client: &Client,
    method: &'static MethodInfo,
    params: Params,
    format: Format,
    args: &CallArgs,
) -> Result<()> {
    let Some(paging_info) = method.paging else {
        return Ok(());
    };
    let start: i64 = params
        .get(paging_info.page_arg)
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or(1);
    let fetch = |n: i64| {
        let mut params = params.clone();
        params.set(paging_info.page_arg, n);
        async move {
            let raw = fetch(client, method, params, format).await?;
            let envelope = raw.to_value(method.name).map_err(Fail::from)?;
            Ok::<_, Fail>((raw, JsonPage::new(envelope)))
        }
    };
    // Raw bodies travel beside the page for `--raw`.
    let stream = paging::pages(start, move |n| {
        let f = fetch(n);
        async move { f.await.map(RawPage::from) }
    });
    let mut stream = std::pin::pin!(stream);
    let limit = args.max_pages.map(|n| n as usize).unwrap_or(usize::MAX);
    let mut count = 0usize;
    while let Some(page) = stream.next().await {
        let page = page?;
        if args.raw {
            emit_bytes(&page.raw.body);
            emit_bytes(b"\n");
        } else {
            emit_json(&typed(method, page.page.envelope.clone())?);
            if args.dropped {
                emit_dropped(method, &page.raw.body)?;
            }
        }
        count += 1;
        if count >= limit {
            break;
        }
    }
    Ok(())
}

/// A page and the body it came from.
struct RawPage {
    raw: RawResponse,
    page: JsonPage,
}

impl From<(RawResponse, JsonPage)> for RawPage {
    fn from((raw, page): (RawResponse, JsonPage)) -> RawPage {
        RawPage { raw, page }
    }
}

impl Page for RawPage {
    type Item = Value;

    fn page_number(&self) -> Option<i64> {
        self.page.page
    }

    fn page_count(&self) -> Option<i64> {
        self.page.pages
    }

    fn items(&self) -> &[Value] {
        &self.page.items
    }

    fn into_items(self) -> Vec<Value> {
        self.page.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pairs_need_an_equals_sign() {
        assert!(parse_pairs(&["per_page".into()]).is_err());
        assert!(parse_pairs(&["=3".into()]).is_err());
        let p = parse_pairs(&["text=a=b".into(), "tags=".into()]).unwrap();
        assert_eq!(p.get("text"), Some("a=b"));
        assert_eq!(p.get("tags"), Some(""));
    }

    #[test]
    fn pages_are_found_in_any_list_shape() {
        let p = JsonPage::new(
            json!({"photos": {"page": "2", "pages": 3, "photo": [{"id": "1"}]}, "stat": "ok"}),
        );
        assert_eq!((p.page, p.pages, p.items.len()), (Some(2), Some(3), 1));
        let p = JsonPage::new(json!({"stat": "ok"}));
        assert!(p.items.is_empty());
    }
}
