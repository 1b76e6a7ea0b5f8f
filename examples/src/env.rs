//! Real-Flickr settings from the `FLICKR_*` environment variables, shared
//! by the task examples.

use flickr_sdk::Client;

/// Any error an example can meet.
pub type ExampleError = Box<dyn std::error::Error + Send + Sync>;

/// `FLICKR_API_KEY`, `FLICKR_API_SECRET`, `FLICKR_OAUTH_TOKEN`,
/// `FLICKR_OAUTH_TOKEN_SECRET` and `FLICKR_ENDPOINT`.
#[derive(Debug, Clone)]
pub struct FlickrEnv {
    /// `FLICKR_API_KEY`.
    pub api_key: String,
    /// `FLICKR_API_SECRET` (empty when unset).
    pub api_secret: String,
    /// `FLICKR_OAUTH_TOKEN` and `FLICKR_OAUTH_TOKEN_SECRET`, when both are set.
    pub token: Option<(String, String)>,
    /// `FLICKR_ENDPOINT`: another base URL (e.g. a loopback Flickr), when set.
    pub endpoint: Option<String>,
}

impl FlickrEnv {
    /// Reads the variables; `None` when `FLICKR_API_KEY` is unset (the
    /// examples then start the loopback Flickr instead).
    pub fn from_env() -> Option<FlickrEnv> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        Some(FlickrEnv {
            api_key: var("FLICKR_API_KEY")?,
            api_secret: var("FLICKR_API_SECRET").unwrap_or_default(),
            token: var("FLICKR_OAUTH_TOKEN").zip(var("FLICKR_OAUTH_TOKEN_SECRET")),
            endpoint: var("FLICKR_ENDPOINT"),
        })
    }

    /// A client with as much of the credentials as are set.
    pub fn client(&self) -> Result<Client, ExampleError> {
        let mut builder = Client::builder();
        if let Some(endpoint) = &self.endpoint {
            builder = builder.base_url(endpoint);
        }
        let builder = match (&self.token, self.api_secret.is_empty()) {
            (Some((t, s)), false) => builder.oauth(
                self.api_key.clone(),
                self.api_secret.clone(),
                t.clone(),
                s.clone(),
            ),
            (None, false) => builder.app(self.api_key.clone(), self.api_secret.clone()),
            _ => builder.api_key(self.api_key.clone()),
        };
        Ok(builder.build()?)
    }
}

/// A client signed in to the loopback Flickr with its ready-made
/// delete-permission token.
pub fn loopback_client(fake: &flickr_testkit::FakeFlickr) -> Result<Client, ExampleError> {
    let creds = fake.credentials();
    Ok(Client::builder()
        .oauth(
            creds.api_key,
            creds.api_secret,
            creds.oauth_token,
            creds.oauth_token_secret,
        )
        .base_url(&fake.base_url())
        .build()?)
}

/// A client for the loopback Flickr with its API key only (public reads).
pub fn loopback_key_client(fake: &flickr_testkit::FakeFlickr) -> Result<Client, ExampleError> {
    Ok(Client::builder()
        .api_key(fake.credentials().api_key)
        .base_url(&fake.base_url())
        .build()?)
}

/// An example's exit: success, or its error on stderr and a failure code.
pub fn exit(example: &str, result: Result<(), ExampleError>) -> std::process::ExitCode {
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{example} failed: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
