//! The MCP server: the handler rmcp drives (tools listed and called, no
//! other capability), and its two transports, stdio and Streamable HTTP.

use super::dispatch::ToolContext;
use super::flickr::Flickr;
use super::safety::Allowed;
use super::{tasks, tools};
use crate::cli::ToolSet;
use crate::fail::{Fail, Result};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, Implementation, ListToolsResult,
    PaginatedRequestParams, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

/// How the server was started.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// What `--allow` permits.
    pub allow: Allowed,
    /// Which tools are listed.
    pub tools: ToolSet,
    /// The largest image `get_photo` returns.
    pub image_bytes: u64,
    /// Lists are cut after this many items.
    pub list_limit: usize,
}

/// The handler: cheap to clone (one per HTTP session).
#[derive(Clone)]
pub struct FlickrMcp {
    ctx: Arc<ToolContext>,
    tools: ToolSet,
}

impl FlickrMcp {
    /// A handler calling Flickr through `flickr`.
    pub fn new(flickr: Flickr, config: Config) -> FlickrMcp {
        FlickrMcp {
            ctx: Arc::new(ToolContext {
                flickr,
                allowed: config.allow,
                list_limit: config.list_limit,
                image_bytes: config.image_bytes,
            }),
            tools: config.tools,
        }
    }
}

impl ServerHandler for FlickrMcp {
    fn get_info(&self) -> ServerConfig {
        let mut info = ServerConfig::new(ServerCapabilities::builder().enable_tools().build());
        info.server_info = Implementation::new("flickr", env!("CARGO_PKG_VERSION"));
        info.instructions = Some(format!(
            "The whole Flickr API. Find methods with flickr_methods, read one with \
             flickr_method_info, call any with flickr_call; search_photos, get_photo, \
             list_albums, album_photos and whoami cover common tasks. This server allows {} \
             methods; a refused call says which flag allows it.",
            self.ctx.allowed.describe()
        ));
        info
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(tools::list(
            self.tools,
            self.ctx.allowed,
            tasks::tools(),
        )))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResponse, ErrorData> {
        let arguments = request.arguments.unwrap_or_default();
        let result = match tasks::run(&self.ctx, &request.name, &arguments).await {
            Some(result) => result,
            None => self.ctx.run(&request.name, &arguments).await,
        };
        Ok(result.into())
    }
}

/// Serves one client over stdin/stdout until it disconnects.
pub async fn serve_stdio(handler: FlickrMcp) -> Result<()> {
    let running = handler
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| Fail::failed(format!("MCP over stdio: {e}")))?;
    running
        .waiting()
        .await
        .map_err(|e| Fail::failed(format!("MCP over stdio: {e}")))?;
    Ok(())
}

/// `--http ADDR`: a port (on 127.0.0.1) or HOST:PORT, loopback unless `remote`.
pub fn http_addr(addr: &str, remote: bool) -> std::result::Result<SocketAddr, String> {
    let parsed = match addr.parse::<u16>() {
        Ok(port) => SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port),
        Err(_) => addr.parse::<SocketAddr>().map_err(|_| {
            format!("--http {addr}: expected PORT or HOST:PORT, e.g. 8765 or 127.0.0.1:8765")
        })?,
    };
    if !parsed.ip().is_loopback() && !remote {
        return Err(format!(
            "--http {addr}: not a loopback address; anyone reaching it would act with this \
             profile's token. Add --http-remote to bind it anyway"
        ));
    }
    Ok(parsed)
}

/// Serves Streamable HTTP at `http://ADDR/mcp` until the process is stopped.
pub async fn serve_http(handler: FlickrMcp, addr: SocketAddr) -> Result<()> {
    use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
    use rmcp::transport::{StreamableHttpServerConfig, StreamableHttpService};
    let service = StreamableHttpService::new(
        move || Ok(handler.clone()),
        Arc::new(LocalSessionManager::default()),
        StreamableHttpServerConfig::default(),
    );
    let router = axum::Router::new().nest_service("/mcp", service);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Fail::failed(format!("--http {addr}: {e}")))?;
    let bound = listener.local_addr()?;
    eprintln!("flickr mcp: listening on http://{bound}/mcp");
    axum::serve(listener, router)
        .await
        .map_err(|e| Fail::failed(format!("--http {addr}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_binds_loopback_unless_told_otherwise() {
        assert_eq!(
            http_addr("8765", false).unwrap().to_string(),
            "127.0.0.1:8765"
        );
        assert!(http_addr("[::1]:80", false).is_ok());
        let e = http_addr("0.0.0.0:8765", false).unwrap_err();
        assert!(e.contains("--http-remote"), "{e}");
        assert!(http_addr("0.0.0.0:8765", true).is_ok());
        assert!(http_addr("localhost:x", false).is_err());
    }
}
