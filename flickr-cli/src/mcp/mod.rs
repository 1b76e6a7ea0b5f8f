//! `flickr mcp`: the whole Flickr API as MCP tools for AI assistants, over
//! stdio or Streamable HTTP, read-only unless `--allow write`/`delete`.
//!
//! One module per job: [`flickr`] (the only code that calls the client),
//! [`args`] (tool arguments into Flickr's wire values, checked first),
//! [`safety`] (what `--allow` permits), [`dispatch`] (one tool call), [`answers`] (clean JSON, cut lists,
//! errors as tool errors), [`tools`] (the tool list and its schemas),
//! [`tasks`] (the task tools), [`server`] (the MCP handler and transports).

mod answers;
mod args;
mod dispatch;
mod flickr;
mod safety;
mod server;
mod tasks;
mod tools;

use crate::cli::{Cli, McpArgs};
use crate::fail::{Fail, Result};
use crate::setup;

/// Runs `flickr mcp` until the client disconnects (stdio) or the process is stopped (HTTP).
pub async fn run(cli: &Cli, args: &McpArgs) -> Result<()> {
    let client = setup::profile_client(cli).await?;
    let config = server::Config {
        allow: safety::Allowed::from_flags(&args.allow),
        tools: args.tools,
        image_bytes: args.image_bytes,
        list_limit: args.list_limit as usize,
    };
    let handler = server::FlickrMcp::new(flickr::Flickr::new(client), config);
    match &args.http {
        None => server::serve_stdio(handler).await,
        Some(addr) => {
            let addr = server::http_addr(addr, args.http_remote).map_err(Fail::usage)?;
            server::serve_http(handler, addr).await
        }
    }
}
