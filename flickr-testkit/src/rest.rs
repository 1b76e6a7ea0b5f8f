//! `BASE/services/rest/`: the REST pipeline, in Flickr's order.
//!
//! format (111) → method (112, names case-insensitive) → injected faults →
//! API key (100) → token (98) → signature (96, 97) → permissions (99) →
//! required arguments (the method's documented code where one fits, else
//! [`INVALID_ARGUMENT`]) → the in-memory Flickr, or the method's example
//! answer → JSON, JSONP or XML.

use http::Request;
use hyper::body::Incoming;

use flickr_core::registry::{ArgInfo, ErrorInfo, MethodInfo};

use crate::auth::{authenticate, authorize, param};
use crate::fixtures;
use crate::methods::{self, ApiFail, Args, Call};
use crate::request::read_params;
use crate::shared::{fault_for, DropConnection, FaultAction, Shared};
use crate::wire::{self, Format, Reply};

/// Code of the fake's own "argument missing or ill-typed" failure, used when
/// the method documents no code that fits. Not one of Flickr's codes: the
/// message names the argument and what it must be.
pub const INVALID_ARGUMENT: u32 = 2000;

/// Handles one REST request.
pub async fn handle(shared: &Shared, req: Request<Incoming>) -> Result<Reply, DropConnection> {
    let rx = match read_params(shared, req).await {
        Ok(rx) => rx,
        Err(r) => return Ok(r),
    };
    let params = &rx.params;
    let format = match Format::from_params(|k| param(params, k).map(str::to_owned)) {
        Ok(f) => f,
        Err(name) => {
            return Ok(wire::fail(
                &Format::Rest,
                111,
                &format!("Format \"{name}\" not found"),
            ))
        }
    };
    let name = param(params, "method").unwrap_or_default();
    let Some(method) = flickr_sdk::registry::find(name) else {
        shared.state().count(&name.to_lowercase());
        return Ok(wire::fail(
            &format,
            112,
            &format!("Method \"{name}\" not found"),
        ));
    };
    shared.state().count(method.name);
    let drop_after = match fault_for(shared, method.name, true).await {
        FaultAction::Continue => false,
        FaultAction::DropAfter => true,
        FaultAction::Respond(r) => return Ok(r),
        FaultAction::Api(code, message) => return Ok(wire::fail(&format, code, &message)),
        FaultAction::Drop => return Err(DropConnection),
    };
    let base = shared.base_url();
    let reply = {
        let mut state = shared.state();
        let outcome = authenticate(&state, &rx.verb, &rx.url, params, method.needs_signing)
            .and_then(|caller| {
                authorize(&caller, method.needs_login, method.perms)?;
                Ok(caller)
            });
        match outcome {
            Err(denied) => wire::fail(&format, denied.code, &denied.message),
            Ok(caller) => match check_args(method, params) {
                Err(fail) => wire::fail(&format, fail.code, &fail.message),
                Ok(args) => {
                    let mut call = Call {
                        state: &mut state,
                        method,
                        caller: &caller,
                        args: &args,
                        base: &base,
                    };
                    match methods::call(&mut call) {
                        Some(Ok(payload)) => wire::ok(&format, payload),
                        Some(Err(fail)) => wire::fail(&format, fail.code, &fail.message),
                        None => canned(method, &format),
                    }
                }
            },
        }
    };
    if drop_after {
        return Err(DropConnection);
    }
    Ok(reply)
}

/// The method's example answer in the caller's format.
fn canned(method: &'static MethodInfo, format: &Format) -> Reply {
    match fixtures::canned(method) {
        Some(c) => match (format, c.xml) {
            (Format::Rest, Some(xml)) => wire::raw_xml(xml),
            _ => wire::ok(format, c.json.clone()),
        },
        None => wire::ok(format, Default::default()),
    }
}

/// Keeps the method's declared arguments with valid values. A missing or
/// ill-typed required argument fails with the method's documented code where
/// one fits (see [`documented_code`]), else [`INVALID_ARGUMENT`]. An
/// ill-typed optional argument is ignored, as Flickr does.
pub fn check_args(method: &MethodInfo, params: &[(String, String)]) -> Result<Args, ApiFail> {
    let mut args = Args::default();
    for (name, value) in params {
        // Flickr echoes every argument in test.echo; other methods ignore unknown names.
        if method.name == "flickr.test.echo" {
            args.pairs.push((name.clone(), value.clone()));
            continue;
        }
        let Some(info) = method.arg(name) else {
            if name == "oauth_token" {
                args.pairs.push((name.clone(), value.clone()));
            }
            continue;
        };
        match info.kind.check(value) {
            Ok(()) => args.pairs.push((name.clone(), value.clone())),
            Err(reason) if info.required => return Err(bad_arg(method, info, &reason)),
            Err(_) => {}
        }
    }
    for info in method.args.iter().filter(|a| a.required) {
        if args.get(info.name).is_none() {
            let reason = format!("required ({})", info.kind.describe());
            return Err(bad_arg(method, info, &reason));
        }
    }
    Ok(args)
}

fn bad_arg(method: &MethodInfo, info: &ArgInfo, reason: &str) -> ApiFail {
    match documented_code(method, info) {
        Some(e) => ApiFail {
            code: e.code,
            message: e.message.to_owned(),
        },
        None => ApiFail {
            code: INVALID_ARGUMENT,
            message: format!(
                "Invalid argument `{}` for {}: {reason}",
                info.name, method.name
            ),
        },
    }
}

/// The method's own error that describes a missing or bad `info`: one whose
/// message names the argument's subject (`photo_id` → "photo") together with
/// "not found", "invalid", "blank", "no … specified" or "must be set".
pub fn documented_code(method: &MethodInfo, info: &ArgInfo) -> Option<&'static ErrorInfo> {
    let subject = info
        .name
        .trim_end_matches("_id")
        .trim_end_matches("_text")
        .trim_end_matches('s')
        .replace('_', " ");
    let subject = subject
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if subject.is_empty() {
        return None;
    }
    method.errors.iter().filter(|e| e.code < 95).find(|e| {
        let m = e.message.to_lowercase();
        m.split(|c: char| !c.is_alphanumeric())
            .any(|w| w == subject)
            && [
                "not found",
                "invalid",
                "blank",
                "specified",
                "must be set",
                "missing",
                "required",
            ]
            .iter()
            .any(|k| m.contains(k))
    })
}
