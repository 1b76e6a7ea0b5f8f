//! Reading a request: the URL the client signed, and its parameters from the
//! query string, the `Authorization: OAuth …` header and a form body.

use bytes::Bytes;
use http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;

use crate::shared::Shared;
use crate::wire::{self, Reply};

/// Largest form body accepted on the REST and OAuth endpoints.
const MAX_FORM_BODY: usize = 8 * 1024 * 1024;

/// A request's method, URL (as the client addressed it, no query) and parameters.
#[derive(Debug, Clone)]
pub struct Received {
    /// `GET` or `POST`.
    pub verb: String,
    /// `http://host:port/path`.
    pub url: String,
    /// Query, form body and `Authorization: OAuth` parameters, decoded, in order.
    pub params: Vec<(String, String)>,
}

/// The URL the client signed: `http://` + `Host` header + path.
pub fn request_url<B>(shared: &Shared, req: &Request<B>) -> String {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_else(|| shared.addr.to_string());
    format!("http://{host}{}", req.uri().path())
}

/// Parameters from the query string and the `Authorization: OAuth …` header.
pub fn query_and_header_params<B>(req: &Request<B>) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = req
        .uri()
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    if let Some(auth) = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
    {
        params.extend(parse_oauth_header(auth));
    }
    params
}

/// `OAuth realm="…", oauth_consumer_key="…", …` → pairs (realm left out).
fn parse_oauth_header(value: &str) -> Vec<(String, String)> {
    let Some(rest) = value.trim().strip_prefix("OAuth") else {
        return Vec::new();
    };
    rest.split(',')
        .filter_map(|part| {
            let (k, v) = part.trim().split_once('=')?;
            let v = v.trim().trim_matches('"');
            let k = decode(k.trim());
            (k != "realm").then(|| (k, decode(v)))
        })
        .collect()
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Reads a request's parameters: query, `Authorization` header and, for a
/// form POST, the body. `Err` is a ready answer (body too large).
pub async fn read_params(shared: &Shared, req: Request<Incoming>) -> Result<Received, Reply> {
    let url = request_url(shared, &req);
    let verb = req.method().as_str().to_owned();
    let mut params = query_and_header_params(&req);
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if req.method() == Method::POST {
        let body = Limited::new(req.into_body(), MAX_FORM_BODY);
        let bytes: Bytes = match body.collect().await {
            Ok(c) => c.to_bytes(),
            Err(_) => {
                return Err(wire::response(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "text/plain; charset=utf-8",
                    "request body too large or broken",
                ))
            }
        };
        if is_form {
            params.extend(url::form_urlencoded::parse(&bytes).into_owned());
        }
    }
    Ok(Received { verb, url, params })
}
