//! One tool call from name and arguments to an answer: the generic and
//! per-method tools, and every Flickr call (task tools' too) through
//! [`ToolContext::call_method`] (permission first, then the arguments, then one
//! request).

use super::answers;
use super::flickr::Flickr;
use super::safety::Allowed;
use super::tools::{self, CALL_TOOL, METHODS_TOOL, METHOD_INFO_TOOL};
use flickr_sdk::registry::MethodInfo;
use rmcp::model::CallToolResult;
use serde_json::{Map, Value};

/// What a tool call may use.
pub struct ToolContext {
    /// The Flickr client.
    pub flickr: Flickr,
    /// What `--allow` permits.
    pub allowed: Allowed,
    /// Lists are cut after this many items.
    pub list_limit: usize,
    /// The largest image `get_photo` returns.
    pub image_bytes: u64,
}

impl ToolContext {
    /// Calls `method` with JSON `arguments`: refused without a request when
    /// `--allow` does not permit it or an argument is wrong; otherwise
    /// exactly one request. The answer object without `stat`, or the tool
    /// error to return.
    pub async fn call_method(
        &self,
        method: &'static MethodInfo,
        arguments: &Map<String, Value>,
    ) -> Result<Value, CallToolResult> {
        self.allowed
            .check(method.name, method.perms)
            .map_err(answers::refusal)?;
        let params = super::args::to_params(method, arguments).map_err(answers::refusal)?;
        let mut answer = self
            .flickr
            .call(method, params)
            .await
            .map_err(|e| answers::failure(method, &e))?;
        if let Value::Object(map) = &mut answer {
            map.remove("stat");
        }
        Ok(answer)
    }

    /// [`ToolContext::call_method`] as a tool answer.
    pub async fn answer_method(
        &self,
        method: &'static MethodInfo,
        arguments: &Map<String, Value>,
    ) -> CallToolResult {
        match self.call_method(method, arguments).await {
            Ok(v) => answers::success(v, self.list_limit),
            Err(e) => e,
        }
    }

    /// Runs the generic or per-method tool `name` (the task tools are
    /// [`super::tasks::run`]'s).
    pub async fn run(&self, name: &str, arguments: &Map<String, Value>) -> CallToolResult {
        match name {
            METHODS_TOOL => answers::success(
                tools::find_methods(
                    str_arg(arguments, "query"),
                    str_arg(arguments, "namespace"),
                    self.allowed,
                ),
                usize::MAX,
            ),
            METHOD_INFO_TOOL => match lookup(str_arg(arguments, "method")) {
                Ok(m) => answers::success(tools::method_info(m, self.allowed), usize::MAX),
                Err(e) => e,
            },
            CALL_TOOL => {
                let method = match lookup(str_arg(arguments, "method")) {
                    Ok(m) => m,
                    Err(e) => return e,
                };
                let empty = Map::new();
                let args =
                    match arguments.get("arguments") {
                        None | Some(Value::Null) => &empty,
                        Some(Value::Object(map)) => map,
                        Some(_) => return answers::refusal(
                            "argument `arguments`: expected an object of the method's arguments",
                        ),
                    };
                self.answer_method(method, args).await
            }
            other => match tools::method_of_tool(other) {
                Some(m) => self.answer_method(m, arguments).await,
                None => answers::refusal(format!(
                    "no tool named `{other}`: list the tools, or use flickr_call"
                )),
            },
        }
    }
}

/// A string argument, if given.
pub fn str_arg<'a>(arguments: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    arguments.get(name).and_then(Value::as_str)
}

/// The registry entry for a method name (the `flickr.` prefix may be left out).
fn lookup(name: Option<&str>) -> Result<&'static MethodInfo, CallToolResult> {
    let Some(name) = name else {
        return Err(answers::refusal(
            "argument `method`: required, e.g. flickr.photos.search",
        ));
    };
    crate::methods::lookup(name)
        .map_err(|f| answers::refusal(format!("argument `method`: {}", f.message)))
}
