//! The HTTP server: a loopback listener, one task per connection (HTTP/1.1
//! with keep-alive), routing to the REST, upload, replace and OAuth
//! endpoints. What every handler shares (the state, the faults, the
//! connection drop) is [`crate::shared`]'s; reading a request's URL and
//! parameters is [`crate::request`]'s job. Imports run one way: this router
//! → the handlers → the shared state.

use std::sync::Arc;

use http::{Request, StatusCode};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::shared::{DropConnection, Shared};
use crate::wire::{self, Reply};
use crate::{oauth, rest, static_host, upload};

async fn route(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Reply, DropConnection> {
    let path = req.uri().path().trim_end_matches('/').to_owned();
    match path.as_str() {
        "/services/rest" => rest::handle(&shared, req).await,
        "/services/upload" => upload::handle(&shared, req, upload::Endpoint::Upload).await,
        "/services/replace" => upload::handle(&shared, req, upload::Endpoint::Replace).await,
        "/services/oauth/request_token" => oauth::request_token(&shared, req).await,
        "/services/oauth/authorize" => oauth::authorize(&shared, req).await,
        "/services/oauth/access_token" => oauth::access_token(&shared, req).await,
        "" => Ok(wire::response(
            StatusCode::OK,
            "text/plain; charset=utf-8",
            format!(
                "flickr-testkit: a loopback Flickr.\nREST: {0}services/rest/\nUpload: {0}services/upload/\nReplace: {0}services/replace/\nOAuth: {0}services/oauth/{{request_token,authorize,access_token}}\nStatic: {0}static/…\n",
                shared.base_url()
            ),
        )),
        _ => Ok(wire::response(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "not found",
        )),
    }
}

/// Binds `127.0.0.1:port` and serves until `shutdown` turns true.
pub async fn bind(port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port)).await
}

/// The accept loop: one task per connection, all stopped on shutdown.
pub async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = shutdown.changed() => return,
        };
        let Ok((stream, _)) = accepted else {
            // Out of file descriptors or similar: wait a little and go on.
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        let mut stop = shutdown.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let shared = shared.clone();
                async move {
                    // The static host streams (it can cut a body short); the rest answers whole.
                    if req.uri().path().starts_with("/static/") {
                        return static_host::handle(&shared, req).await;
                    }
                    match route(shared, req).await {
                        Ok(resp) => Ok::<_, DropConnection>(resp.map(static_host::whole)),
                        Err(e) => Err(e),
                    }
                }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                // A DropConnection error from the service closes the connection unanswered.
                _ = conn => {}
                _ = stop.changed() => {}
            }
        });
    }
}
