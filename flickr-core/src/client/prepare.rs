//! The first step of every request: credentials checked, parameters
//! completed and signed, and the HTTP request built with its query, form or
//! multipart body. REST calls, OAuth token calls and uploads all come here.

use super::MethodRef;
use crate::credentials::Credentials;
use crate::envelope::Format;
use crate::error::Error;
use crate::params::Params;
use crate::registry::Verb;
use crate::signer;
use crate::transport::{Body, FilePart, HttpRequest, MultipartBody};
use url::Url;

/// A request before signing.
pub(crate) struct Outgoing<'a> {
    pub verb: Verb,
    pub url: &'a Url,
    /// Everything sent as text: the query (GET), the form (POST) or the
    /// multipart fields (with `file`). All of it is signed.
    pub params: Params,
    /// The multipart file part (`photo`), never signed.
    pub file: Option<FilePart>,
}

/// A signed request and what it needs for diagnostics.
pub(crate) struct Prepared {
    pub request: HttpRequest,
    /// Our signature base string, shown beside Flickr's `debug_sbs` on signature errors.
    pub base_string: Option<String>,
}

/// Signs `out` when the credentials can, and builds the HTTP request.
pub(crate) fn prepare(creds: &Credentials, out: Outgoing<'_>) -> Result<Prepared, Error> {
    let Outgoing {
        verb,
        url,
        mut params,
        file,
    } = out;
    // The signer hands back the parameters encoded once, for the signature
    // and for the wire; unsigned requests are encoded here.
    let (query, base_string) = if creds.can_sign() {
        let info = signer::sign_params(creds, verb, url.as_str(), &mut params)
            .map_err(|e| Error::config(e.to_string()))?;
        (info.query, Some(info.base_string))
    } else {
        (params.encode(), None)
    };
    let request = match (file, verb) {
        (Some(file), _) => HttpRequest {
            verb: Verb::Post,
            url: url.clone(),
            headers: Vec::new(),
            body: Body::Multipart(MultipartBody {
                fields: params
                    .iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
                file,
            }),
            timeout: None,
        },
        (None, Verb::Get) => {
            let mut url = url.clone();
            url.set_query(Some(&query));
            HttpRequest::get(url)
        }
        (None, Verb::Post) => HttpRequest::post_form(url.clone(), query),
    };
    Ok(Prepared {
        request,
        base_string,
    })
}

/// Checks the credentials a REST method needs and adds `method`, `api_key`
/// and `format` to its parameters.
pub(crate) fn rest_params(
    creds: &Credentials,
    method: MethodRef<'_>,
    mut params: Params,
    format: Format,
) -> Result<Params, Error> {
    let missing = |what: &str| Error::MissingCredentials {
        method: method.name().to_owned(),
        perms: method.perms(),
        missing: what.into(),
    };
    if method.needs_login() && !creds.has_token() {
        return Err(missing(
            "the client has no OAuth access token: build it with .oauth(key, secret, token, token_secret) \
             or run the OAuth flow first",
        ));
    }
    if (method.needs_signing() || method.needs_login()) && !creds.can_sign() {
        return Err(missing(
            "the call must be signed but the client has no consumer secret: \
             use Credentials::app(key, secret) or .oauth(...)",
        ));
    }
    let Some(key) = creds.api_key_str() else {
        return Err(missing(
            "Flickr needs an API key for every call: build the client with .api_key(key) \
             (create one at https://www.flickr.com/services/apps/create/; since 2025 Flickr issues \
             new keys to Flickr Pro members only)",
        ));
    };
    params.set("method", method.name());
    params.set("api_key", key);
    params.set("format", format.as_param());
    match format {
        Format::Json => params.set("nojsoncallback", "1"),
        Format::Rest => {}
    }
    Ok(params)
}
