// The client's configuration, checked once when the client is built. Part
// of the client runtime (see the runtime crate's `lib.rs`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};

use super::client::ClientInner;
use super::credentials::{prepare_credential, prepare_token_provider, Credential};
use super::tokens::{TokenContext, TokenSetting};
use super::{
    ApiDescription, BuildError, Client, HeaderMap, Hook, RetryPolicy, SecretString, TokenProvider,
};

/// Configures a [`Client`]. Start with `Client::builder()`.
#[derive(Clone)]
pub struct ClientBuilder {
    api: &'static ApiDescription,
    base_url: Option<String>,
    base_url_is_explicit: bool,
    http: Option<reqwest::Client>,
    timeout: Duration,
    connect_timeout: Duration,
    credentials: BTreeMap<&'static str, Credential>,
    token_providers: BTreeMap<&'static str, TokenSetting>,
    default_headers: Vec<(String, String)>,
    user_agent: Option<String>,
    retry: RetryPolicy,
    hooks: Vec<Arc<dyn Hook>>,
    max_response_body_bytes: usize,
    #[cfg(feature = "test-util")]
    mock: Option<super::mock::Mock>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("credentials", &self.credentials.keys().collect::<Vec<_>>())
            .field(
                "token_providers",
                &self.token_providers.keys().collect::<Vec<_>>(),
            )
            .field("retry", &self.retry)
            .field("hooks", &self.hooks.len())
            .field("max_response_body_bytes", &self.max_response_body_bytes)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The default request timeout: a payment call that has not answered in
    /// this time is better reported than waited on.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default connect timeout.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// The default limit on a response body: 16 MiB, room for any sane API
    /// response, while a hostile server cannot make the client buffer more.
    pub const DEFAULT_MAX_RESPONSE_BODY_BYTES: usize = 16 * 1024 * 1024;

    #[doc(hidden)]
    pub fn new(api: &'static ApiDescription) -> Self {
        Self {
            api,
            base_url: api.default_base_url.map(str::to_owned),
            base_url_is_explicit: false,
            http: None,
            timeout: Self::DEFAULT_TIMEOUT,
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
            credentials: BTreeMap::new(),
            token_providers: BTreeMap::new(),
            default_headers: Vec::new(),
            user_agent: None,
            retry: RetryPolicy::default(),
            hooks: Vec::new(),
            max_response_body_bytes: Self::DEFAULT_MAX_RESPONSE_BODY_BYTES,
            #[cfg(feature = "test-util")]
            mock: None,
        }
    }

    /// Answers every call from `mock` instead of the network (the
    /// `test-util` feature): for the tests of code that uses the client.
    /// Credentials are still needed where operations ask for them.
    #[cfg(feature = "test-util")]
    pub fn mock(mut self, mock: &super::mock::Mock) -> Self {
        self.mock = Some(mock.clone());
        self
    }

    /// Where a mocked client's requests would go when no server is set: a
    /// name that cannot resolve, since nothing is sent.
    #[cfg(feature = "test-util")]
    fn mock_base_url(&self) -> Option<String> {
        self.mock
            .as_ref()
            .map(|_| "https://mock.invalid".to_owned())
    }

    #[cfg(not(feature = "test-util"))]
    fn mock_base_url(&self) -> Option<String> {
        None
    }

    /// When failed calls are retried (default: [`RetryPolicy::default`]; turn
    /// retries off with [`RetryPolicy::none`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends requests to `url` (e.g. a mock server or a proxy) instead of one
    /// of the spec's environments. Plain `http://` is allowed only here.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self.base_url_is_explicit = true;
        self
    }

    #[doc(hidden)]
    pub fn server_url(mut self, url: &'static str) -> Self {
        self.base_url = Some(url.to_owned());
        self.base_url_is_explicit = false;
        self
    }

    /// The timeout of each attempt, from connecting to the last byte of the
    /// response body (default 30 s). A call that is retried can take up to
    /// this once per attempt, plus the waits between attempts. Change it for
    /// some calls only with [`Client::with_timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The connect timeout (default 10 s). Ignored with [`Self::http_client`],
    /// whose own setting applies.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Uses your own `reqwest::Client` (shared connection pool, proxies,
    /// custom TLS). Its redirect policy then applies: make sure it does not
    /// follow redirects to other hosts (`reqwest::redirect::Policy::none()`
    /// will do), or credentials in custom headers may go with them.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// A header sent with every request. Checked by [`Self::build`].
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the `User-Agent` (default: `<crate>/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Adds a [`Hook`], called to adjust every request before it is sent
    /// and to observe every response. Hooks run in the order they were added.
    pub fn hook(mut self, hook: impl Hook + 'static) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// The largest response body the client reads, in bytes (default
    /// [`Self::DEFAULT_MAX_RESPONSE_BODY_BYTES`], 16 MiB). A larger body ends
    /// the call with [`Error::BodyTooLarge`](super::Error::BodyTooLarge), without being read further.
    pub fn max_response_body_bytes(mut self, limit: usize) -> Self {
        self.max_response_body_bytes = limit;
        self
    }

    #[doc(hidden)]
    pub fn secret_credential(mut self, scheme: &'static str, secret: SecretString) -> Self {
        self.token_providers.remove(scheme);
        self.credentials.insert(scheme, Credential::Secret(secret));
        self
    }

    /// Sends, for the security scheme `scheme` (its name in the spec; it
    /// must take a bearer token: OAuth2, OpenID Connect or HTTP bearer), an
    /// access token asked of `provider` before each request, as
    /// `Authorization: Bearer <token>`. Replaces a token set with the
    /// scheme's own setter, as that replaces this.
    ///
    /// A request the server answers with `401 Unauthorized` is sent once
    /// more, whatever its method or the retry policy, with a fresh token
    /// (the provider is told which token was refused); a second `401` is
    /// the call's answer. A provider's failure ends the call with
    /// [`Error::Token`](super::Error::Token). Mocked clients
    /// (`mock`, with the `test-util` feature) do not ask the provider.
    pub fn token_provider(mut self, scheme: &'static str, provider: impl TokenProvider) -> Self {
        self.credentials.remove(scheme);
        self.token_providers
            .insert(scheme, TokenSetting::Provider(Arc::new(provider)));
        self
    }

    /// OAuth2 client credentials for `scheme` against the spec's token URL
    /// (resolved against the base URL when the client is built).
    #[doc(hidden)]
    pub fn client_credentials(
        mut self,
        scheme: &'static str,
        token_url: &'static str,
        scopes: &'static [&'static str],
        client_id: String,
        client_secret: SecretString,
    ) -> Self {
        self.credentials.remove(scheme);
        self.token_providers.insert(
            scheme,
            TokenSetting::ClientCredentials {
                token_url,
                scopes,
                client_id,
                client_secret,
            },
        );
        self
    }

    #[doc(hidden)]
    pub fn basic_credential(
        mut self,
        scheme: &'static str,
        username: SecretString,
        password: SecretString,
    ) -> Self {
        self.token_providers.remove(scheme);
        self.credentials
            .insert(scheme, Credential::Basic { username, password });
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, BuildError> {
        let fail = |reason: String| BuildError {
            reason,
            source: None,
        };
        let mock_base_url = self.mock_base_url();
        let base_url = self.base_url.or(mock_base_url).ok_or_else(|| {
            fail("the API declares no server URL: set one with `base_url`".to_owned())
        })?;
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| fail(format!("base URL {base_url:?} is not a valid URL: {e}")))?;
        match parsed.scheme() {
            "https" => {}
            "http" if self.base_url_is_explicit => {}
            "http" => {
                return Err(fail(format!(
                    "the server URL {base_url:?} is plain HTTP; to use it anyway, pass it to `base_url` explicitly"
                )));
            }
            other => {
                return Err(fail(format!(
                    "base URL scheme {other:?} is not http or https"
                )));
            }
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(fail(format!(
                "base URL {base_url:?} must not have a query or fragment"
            )));
        }
        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| fail(format!("{name:?} is not a valid header name")))?;
            let header_value = HeaderValue::from_str(value).map_err(|_| {
                fail(format!(
                    "the value of default header {name:?} is not a valid header value (line breaks and control characters are refused)"
                ))
            })?;
            default_headers.append(header_name, header_value);
        }
        let user_agent = self
            .user_agent
            .unwrap_or_else(|| format!("{}/{}", self.api.crate_name, self.api.crate_version));
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|_| fail("the user agent is not a valid header value".to_owned()))?;
        // What every request starts from, put together once.
        let mut base_headers = default_headers;
        base_headers.insert(reqwest::header::USER_AGENT, user_agent);
        base_headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        let mut credentials = BTreeMap::new();
        for (scheme, credential) in self.credentials {
            let prepared = prepare_credential(self.api, scheme, &credential).map_err(fail)?;
            credentials.insert(scheme, prepared);
        }
        let context = TokenContext {
            base_url: &parsed,
            base_url_is_explicit: self.base_url_is_explicit,
            http: self.http.as_ref(),
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
        };
        for (scheme, setting) in self.token_providers {
            let provider = setting.provider(scheme, &context).map_err(fail)?;
            let prepared = prepare_token_provider(self.api, scheme, provider).map_err(fail)?;
            credentials.insert(scheme, prepared);
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                let origin = parsed.origin();
                reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    // Credentials ride in custom headers that reqwest does not
                    // strip on a redirect to another host: follow redirects
                    // only within the API's own origin.
                    .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                        if attempt.previous().len() >= 5 || attempt.url().origin() != origin {
                            attempt.stop()
                        } else {
                            attempt.follow()
                        }
                    }))
                    .build()
                    .map_err(|e| BuildError {
                        reason: "could not create the HTTP client".to_owned(),
                        source: Some(e),
                    })?
            }
        };
        Ok(Client {
            inner: Arc::new(ClientInner {
                http,
                base_url: base_url.trim_end_matches('/').to_owned(),
                credentials,
                base_headers,
                hooks: self.hooks,
                max_response_body_bytes: self.max_response_body_bytes,
                #[cfg(feature = "test-util")]
                mock: self.mock,
            }),
            timeout: self.timeout,
            retry: self.retry,
        })
    }
}
