// Access tokens fetched by the client itself: the `TokenProvider` trait and
// OAuth2 client credentials, cached and refreshed single-flight. Part of the
// client runtime (see the runtime crate's `lib.rs`).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::HeaderValue;

use super::errors::{one_line, root_cause};
use super::{SecretString, StatusCode};

/// What [`TokenProvider::token`] returns: a boxed future, so that the trait
/// is object safe and needs no `async fn` support.
pub type TokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<AccessToken, TokenError>> + Send + 'a>>;

/// Supplies the access tokens the client sends, as
/// `Authorization: Bearer <token>`, for one security scheme: set it with
/// [`ClientBuilder::token_provider`](super::ClientBuilder::token_provider).
/// [`ClientCredentials`] is one (OAuth2 client credentials); implement it
/// for anything else (refresh tokens, workload identity, a token a sidecar
/// writes to a file).
///
/// The client asks before every request that needs the scheme, so keep the
/// common case (a cached token) cheap. When the server answers a request
/// with `401 Unauthorized`, the client asks once more, passing the token it
/// refused, and sends the request again with the answer.
///
/// ```ignore
/// struct FromEnvironment;
///
/// impl TokenProvider for FromEnvironment {
///     fn token<'a>(&'a self, _refused: Option<&'a AccessToken>) -> TokenFuture<'a> {
///         Box::pin(async {
///             let token = std::env::var("API_TOKEN")
///                 .map_err(|_| TokenError::new("API_TOKEN is not set"))?;
///             Ok(AccessToken::new(token))
///         })
///     }
/// }
/// ```
pub trait TokenProvider: Send + Sync + 'static {
    /// The token to send. `refused` is `None` for an ordinary request; after
    /// a `401` it is the token the server refused, and the provider should
    /// get a fresh one, unless it already has a newer token than `refused`
    /// (another request's refusal fetched it): concurrent refusals of one
    /// token should cost one fetch.
    fn token<'a>(&'a self, refused: Option<&'a AccessToken>) -> TokenFuture<'a>;
}

impl<T: TokenProvider + ?Sized> TokenProvider for Arc<T> {
    fn token<'a>(&'a self, refused: Option<&'a AccessToken>) -> TokenFuture<'a> {
        (**self).token(refused)
    }
}

/// An access token, with when it stops being valid if that is known.
/// `Debug` shows `[redacted]` in place of the token.
#[derive(Clone)]
pub struct AccessToken {
    secret: SecretString,
    expires_at: Option<Instant>,
    // Which fetch of a `ClientCredentials` made it (0: made elsewhere), so
    // that the token a server refused can be told from a newer one even if
    // the token endpoint hands out the same string again.
    generation: u64,
}

impl AccessToken {
    /// A token with no known expiry.
    pub fn new(secret: impl Into<SecretString>) -> Self {
        Self {
            secret: secret.into(),
            expires_at: None,
            generation: 0,
        }
    }

    /// The same token, valid until `at`.
    pub fn expiring_at(mut self, at: Instant) -> Self {
        self.expires_at = Some(at);
        self
    }

    /// The token itself.
    pub fn secret(&self) -> &SecretString {
        &self.secret
    }

    /// When the token stops being valid, if known.
    pub fn expires_at(&self) -> Option<Instant> {
        self.expires_at
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &self.secret)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Why no access token could be had: the token endpoint could not be
/// reached, refused the client (`invalid_client`, `invalid_scope`, …) or
/// answered with something that is not a token. Never holds the token or
/// the client secret (what the endpoint says is kept only in its
/// `error` and `error_description`, with the secret cut out should the
/// endpoint echo it).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct TokenError {
    /// What went wrong, in a sentence.
    pub reason: String,
    /// The token endpoint's status, when it answered.
    pub status: Option<StatusCode>,
    /// The OAuth `error` code the endpoint sent (`invalid_client`, …).
    pub oauth_error: Option<String>,
    /// The OAuth `error_description` the endpoint sent.
    pub oauth_error_description: Option<String>,
    retryable: bool,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl TokenError {
    /// An error with the reason, in a sentence (for a [`TokenProvider`] of
    /// your own). Do not put a secret in it.
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            status: None,
            oauth_error: None,
            oauth_error_description: None,
            retryable: false,
            source: None,
        }
    }

    /// The same error, caused by `source`.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// The same error, marked as transient (or not): a later try may succeed.
    pub fn retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    /// Whether a later try may succeed: the endpoint could not be reached,
    /// timed out, or answered `408`, `429` or a `5xx`.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    fn answered(status: StatusCode, reason: String) -> Self {
        let mut error = Self::new(reason).retryable(
            status.is_server_error()
                || status == StatusCode::TOO_MANY_REQUESTS
                || status == StatusCode::REQUEST_TIMEOUT,
        );
        error.status = Some(status);
        error
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)?;
        match (&self.oauth_error, &self.oauth_error_description) {
            (Some(code), Some(description)) => write!(f, ": {code} ({description})"),
            (Some(code), None) => write!(f, ": {code}"),
            (None, Some(description)) => write!(f, ": {description}"),
            (None, None) => Ok(()),
        }
    }
}

impl std::error::Error for TokenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// The OAuth2 client credentials grant (RFC 6749 §4.4): the client trades
/// its id and secret at the token endpoint for an access token, which it
/// caches until shortly before it expires (30 s before, or a tenth of its
/// lifetime if that is shorter; a token without `expires_in` is kept until
/// a server refuses it).
///
/// The request is a `POST` of `grant_type=client_credentials` (and `scope`,
/// space-separated, when scopes are set), authenticated with HTTP basic
/// (`client_secret_basic`, RFC 6749 §2.3.1). Fetches are single-flight: any
/// number of concurrent requests without a usable token cause one fetch,
/// whose result they all share; so do concurrent refusals of one token.
/// Should a fetch fail while the cached token has not yet expired, that
/// token is used.
///
/// Unless given a client with [`Self::http_client`], it makes its own,
/// which follows no redirects. The token request goes only there: never
/// through the API client, its hooks or its credentials.
pub struct ClientCredentials {
    token_url: reqwest::Url,
    client_id: String,
    client_secret: SecretString,
    scopes: Vec<String>,
    timeout: Duration,
    connect_timeout: Duration,
    http: Option<reqwest::Client>,
    // Fetches finished, successful or not: a call that waited for the lock
    // can tell whether another's fetch ended meanwhile.
    finished: AtomicU64,
    state: tokio::sync::Mutex<CacheState>,
}

#[derive(Default)]
struct CacheState {
    http: Option<reqwest::Client>,
    cached: Option<Cached>,
    // The number of the fetch that failed last, and how.
    failure: Option<(u64, TokenError)>,
    generation: u64,
}

struct Cached {
    token: AccessToken,
    // When to fetch the next one; `None`: when a server refuses this one.
    refresh_at: Option<Instant>,
}

/// How long before a token's expiry the next one is fetched (at most).
const REFRESH_MARGIN: Duration = Duration::from_secs(30);

/// The largest token response read.
const MAX_TOKEN_RESPONSE_BYTES: usize = 64 * 1024;

/// What `application/x-www-form-urlencoded` leaves as it is: letters,
/// digits and `-._~` (RFC 3986 unreserved); space becomes `+`.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b' ');

/// `text` form-urlencoded (RFC 6749 Appendix B).
pub(super) fn form_encode(text: &str) -> String {
    utf8_percent_encode(text, FORM)
        .to_string()
        .replace(' ', "+")
}

impl ClientCredentials {
    /// The default timeout of a token request.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

    /// Client credentials for the token endpoint at `token_url`. Plain
    /// `http://` is accepted here (for a local test server): the secret
    /// then travels in the clear.
    pub fn new(
        token_url: reqwest::Url,
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
    ) -> Self {
        Self {
            token_url,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scopes: Vec::new(),
            timeout: Self::DEFAULT_TIMEOUT,
            connect_timeout: Duration::from_secs(10),
            http: None,
            finished: AtomicU64::new(0),
            state: tokio::sync::Mutex::new(CacheState::default()),
        }
    }

    /// The scopes to ask for (default: none, so the server's default).
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// The timeout of each token request (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The connect timeout of the client it makes (default 10 s; ignored
    /// with [`Self::http_client`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sends token requests with `client` (a proxy, custom TLS). Make sure it
    /// follows no redirects to other hosts.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The cached token if it is fresh and not the refused one; else the
    /// result of a fetch: this call's own, or that of a call it waited for.
    async fn cached_or_fetch(
        &self,
        refused: Option<&AccessToken>,
    ) -> Result<AccessToken, TokenError> {
        let asked = self.finished.load(Ordering::Acquire);
        let mut state = self.state.lock().await;
        let now = Instant::now();
        let refused_generation = refused.map(|token| token.generation);
        let not_refused = |token: &AccessToken| Some(token.generation) != refused_generation;
        if let Some(cached) = &state.cached {
            if not_refused(&cached.token) && cached.refresh_at.is_none_or(|at| now < at) {
                return Ok(cached.token.clone());
            }
        }
        // Due for a refresh, but still valid: what to use if the fetch fails.
        let still_valid = state
            .cached
            .as_ref()
            .filter(|cached| not_refused(&cached.token))
            .filter(|cached| cached.token.expires_at.is_none_or(|at| now < at))
            .map(|cached| cached.token.clone());
        if let Some((number, error)) = &state.failure {
            // A fetch failed while this call waited: its answer is this
            // call's too, rather than one more request to a failing server.
            if *number > asked {
                return still_valid.ok_or_else(|| error.clone());
            }
        }
        let http = match &state.http {
            Some(http) => http.clone(),
            None => {
                let http = match &self.http {
                    Some(http) => http.clone(),
                    None => reqwest::Client::builder()
                        .connect_timeout(self.connect_timeout)
                        .redirect(reqwest::redirect::Policy::none())
                        .build()
                        .map_err(|e| {
                            TokenError::new(
                                "could not create the HTTP client for the token endpoint",
                            )
                            .with_source(e)
                        })?,
                };
                state.http = Some(http.clone());
                http
            }
        };
        let started = Instant::now();
        let result = self.fetch(&http).await;
        let number = self.finished.fetch_add(1, Ordering::AcqRel) + 1;
        match result {
            Ok((secret, lifetime)) => {
                tracing::debug!(
                    elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                    expires_in_s = lifetime.map(|l| l.as_secs()),
                    "access token fetched"
                );
                state.generation += 1;
                let token = AccessToken {
                    secret,
                    expires_at: lifetime.and_then(|l| started.checked_add(l)),
                    generation: state.generation,
                };
                let refresh_at = lifetime.and_then(|l| {
                    let margin = (l / 10).min(REFRESH_MARGIN);
                    started.checked_add(l - margin)
                });
                state.cached = Some(Cached {
                    token: token.clone(),
                    refresh_at,
                });
                state.failure = None;
                Ok(token)
            }
            Err(error) => {
                tracing::debug!(error = %error, "access token fetch failed");
                state.failure = Some((number, error.clone()));
                still_valid.ok_or(error)
            }
        }
    }

    /// One token request: the token and its lifetime, if the server said.
    async fn fetch(
        &self,
        http: &reqwest::Client,
    ) -> Result<(SecretString, Option<Duration>), TokenError> {
        let mut body = String::from("grant_type=client_credentials");
        if !self.scopes.is_empty() {
            body.push_str("&scope=");
            body.push_str(&form_encode(&self.scopes.join(" ")));
        }
        let transport = |error: reqwest::Error| {
            let error = error.without_url();
            let reason = if error.is_timeout() {
                format!(
                    "the token endpoint did not answer within {:?}",
                    self.timeout
                )
            } else {
                format!("could not reach the token endpoint: {}", root_cause(&error))
            };
            TokenError::new(reason).retryable(true).with_source(error)
        };
        // `basic_auth` marks the header sensitive.
        let mut response = http
            .post(self.token_url.clone())
            .basic_auth(
                form_encode(&self.client_id),
                Some(form_encode(self.client_secret.expose_secret())),
            )
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .timeout(self.timeout)
            .body(body)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status();
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if chunk.len() > MAX_TOKEN_RESPONSE_BYTES - bytes.len() {
                return Err(TokenError::answered(
                    status,
                    format!(
                        "the token endpoint answered {status} with a body over {MAX_TOKEN_RESPONSE_BYTES} bytes"
                    ),
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        // Only a syntax error, which quotes nothing of the body.
        let json: Option<serde_json::Value> = serde_json::from_slice(&bytes).ok();
        let text = |name: &str| {
            json.as_ref()
                .and_then(|json| json.get(name))
                .and_then(serde_json::Value::as_str)
        };
        let with_oauth_error = |mut error: TokenError| {
            error.oauth_error = text("error").map(|t| self.scrub(t, 100));
            error.oauth_error_description = text("error_description").map(|t| self.scrub(t, 300));
            error
        };
        if !status.is_success() {
            return Err(with_oauth_error(TokenError::answered(
                status,
                format!("the token endpoint answered {status}"),
            )));
        }
        let Some(json) = &json else {
            return Err(TokenError::answered(
                status,
                format!("the token endpoint answered {status} with a body that is not JSON"),
            ));
        };
        let Some(token) = text("access_token").filter(|token| !token.is_empty()) else {
            return Err(with_oauth_error(TokenError::answered(
                status,
                format!("the token endpoint answered {status} without an `access_token`"),
            )));
        };
        if let Some(kind) = text("token_type") {
            if !kind.eq_ignore_ascii_case("bearer") {
                return Err(TokenError::answered(
                    status,
                    format!(
                        "the token endpoint issued a token of type {:?}, not a bearer token",
                        self.scrub(kind, 40)
                    ),
                ));
            }
        }
        if HeaderValue::from_str(token).is_err() {
            return Err(TokenError::answered(
                status,
                "the access token contains characters not allowed in a header, such as a line break"
                    .to_owned(),
            ));
        }
        let lifetime = match json.get("expires_in") {
            Some(serde_json::Value::Number(number)) => number
                .as_u64()
                .or_else(|| number.as_f64().map(|seconds| seconds.max(0.0) as u64)),
            // Some servers send it as a string.
            Some(serde_json::Value::String(text)) => text.trim().parse::<u64>().ok(),
            _ => None,
        };
        Ok((SecretString::new(token), lifetime.map(Duration::from_secs)))
    }

    /// What the token endpoint said, on one line, cut at `max_chars`, with
    /// the client secret cut out should the endpoint echo it.
    fn scrub(&self, text: &str, max_chars: usize) -> String {
        let mut text = text.to_owned();
        let secret = self.client_secret.expose_secret();
        if !secret.is_empty() {
            for form in [secret.to_owned(), form_encode(secret)] {
                text = text.replace(&form, "[redacted]");
            }
        }
        one_line(&text, max_chars)
    }
}

impl TokenProvider for ClientCredentials {
    fn token<'a>(&'a self, refused: Option<&'a AccessToken>) -> TokenFuture<'a> {
        Box::pin(self.cached_or_fetch(refused))
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The URL without its query, which could carry anything.
        let mut url = self.token_url.clone();
        url.set_query(None);
        url.set_fragment(None);
        let _ = url.set_password(None);
        f.debug_struct("ClientCredentials")
            .field("token_url", &url.as_str())
            .field("scopes", &self.scopes)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// How a scheme's tokens are to be had, as the [`ClientBuilder`](super::ClientBuilder) holds it.
#[derive(Clone)]
pub(super) enum TokenSetting {
    /// A provider the user gave.
    Provider(Arc<dyn TokenProvider>),
    /// Client credentials for the spec's token URL (which may be relative
    /// to the server URL, so resolved when the client is built).
    ClientCredentials {
        token_url: &'static str,
        scopes: &'static [&'static str],
        client_id: String,
        client_secret: SecretString,
    },
}

/// Everything [`TokenSetting::ClientCredentials`] needs from the builder.
pub(super) struct TokenContext<'a> {
    pub(super) base_url: &'a reqwest::Url,
    pub(super) base_url_is_explicit: bool,
    pub(super) http: Option<&'a reqwest::Client>,
    pub(super) timeout: Duration,
    pub(super) connect_timeout: Duration,
}

impl TokenSetting {
    /// The provider, with a spec's token URL resolved against the base URL
    /// (RFC 3986): plain `http://` only when the base URL is plain HTTP and
    /// was set explicitly (a local test server).
    pub(super) fn provider(
        self,
        scheme: &str,
        context: &TokenContext<'_>,
    ) -> Result<Arc<dyn TokenProvider>, String> {
        let (token_url, scopes, client_id, client_secret) = match self {
            TokenSetting::Provider(provider) => return Ok(provider),
            TokenSetting::ClientCredentials {
                token_url,
                scopes,
                client_id,
                client_secret,
            } => (token_url, scopes, client_id, client_secret),
        };
        let url = context.base_url.join(token_url).map_err(|e| {
            format!("the token URL {token_url:?} of {scheme} is not a valid URL: {e}")
        })?;
        match url.scheme() {
            "https" => {}
            "http" if context.base_url_is_explicit && context.base_url.scheme() == "http" => {}
            "http" => {
                return Err(format!(
                    "the token URL of {scheme} ({}) is plain HTTP: the client secret would travel in the clear",
                    url.origin().ascii_serialization()
                ));
            }
            other => {
                return Err(format!(
                    "the token URL of {scheme} has the scheme {other:?}, not https"
                ));
            }
        }
        let mut provider = ClientCredentials::new(url, client_id, client_secret)
            .scopes(scopes.iter().copied())
            .timeout(context.timeout)
            .connect_timeout(context.connect_timeout);
        if let Some(http) = context.http {
            provider = provider.http_client(http.clone());
        }
        Ok(Arc::new(provider))
    }
}
