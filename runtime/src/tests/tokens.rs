//! Access tokens: OAuth2 client credentials fetched as RFC 6749 says,
//! cached, refreshed single-flight; a refused token replaced once; a
//! refusing token endpoint reported by its OAuth error; and neither the
//! token nor the client secret ever printed or traced.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

use super::{header, read_request, reply};
use crate::{
    decode_json, AccessToken, ApiDescription, Client, ClientBuilder, ClientCredentials,
    CredentialLocation, Error, Method, NoDeclaredErrors, Operation, Request, RetryPolicy,
    SecurityScheme, StatusCode, TokenError, TokenFuture, TokenProvider,
};

/// An API with an OAuth2 scheme and an API key.
static TOKEN_API: ApiDescription = ApiDescription {
    crate_name: "runtime-tests",
    crate_version: "0.0.0",
    default_base_url: None,
    security_schemes: &[
        SecurityScheme {
            name: "oauth",
            setter: "oauth",
            location: CredentialLocation::Bearer,
        },
        SecurityScheme {
            name: "api_key",
            setter: "api_key",
            location: CredentialLocation::Header("x-api-key"),
        },
    ],
};

static GET_BALANCE: Operation = Operation {
    id: "get_balance",
    method: Method::GET,
    path: "/balance",
    security: &[&["oauth"]],
};

/// A `POST` without an idempotency key: never replayed by the retry
/// policy, but sent again after a `401`.
static CREATE_PAYMENT: Operation = Operation {
    id: "create_payment",
    method: Method::POST,
    path: "/payments",
    security: &[&["oauth"]],
};

// A space, a colon, a slash, a plus and a non-ASCII letter: all encoded.
const CLIENT_ID: &str = "merchant 42:ops";
const CLIENT_SECRET: &str = "cs_live/s3cr3t+é";
const SCOPES: [&str; 2] = ["payments:read", "payments:write"];

#[derive(Default)]
struct ServerState {
    token_requests: Vec<String>,
    api_requests: Vec<String>,
    issued: usize,
    /// Tokens the API refuses (`"*"`: all).
    revoked: Vec<String>,
    refusals: usize,
    expires_in: Option<u64>,
    /// What the token endpoint answers instead of a token.
    token_failure: Option<Vec<u8>>,
}

/// A loopback server with a token endpoint (`POST /oauth/token`, issuing
/// `tok-1`, `tok-2`, …) and an API that accepts the tokens it issued and
/// has not revoked. Every connection is served at once, in its own task.
struct TokenServer {
    base_url: String,
    state: Arc<Mutex<ServerState>>,
}

impl TokenServer {
    async fn start(expires_in: Option<u64>, token_delay: Duration) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Mutex::new(ServerState {
            expires_in,
            ..ServerState::default()
        }));
        let shared = Arc::clone(&state);
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let state = Arc::clone(&shared);
                tokio::spawn(async move {
                    let request = read_request(&mut stream).await;
                    let is_token = request.starts_with("POST /oauth/token ");
                    let answer = answer(&state, request);
                    if is_token {
                        tokio::time::sleep(token_delay).await;
                    }
                    let _ = stream.write_all(&answer).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Self { base_url, state }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ServerState> {
        self.state.lock().expect("lock")
    }

    fn token_url(&self) -> reqwest::Url {
        format!("{}/oauth/token", self.base_url)
            .parse()
            .expect("a URL")
    }

    fn provider(&self) -> ClientCredentials {
        ClientCredentials::new(self.token_url(), CLIENT_ID, CLIENT_SECRET).scopes(SCOPES)
    }

    fn builder(&self) -> ClientBuilder {
        ClientBuilder::new(&TOKEN_API)
            .base_url(&self.base_url)
            .retry_policy(RetryPolicy::none())
    }

    fn client(&self) -> Client {
        self.builder()
            .token_provider("oauth", self.provider())
            .build()
            .expect("the client builds")
    }

    fn counts(&self) -> (usize, usize) {
        let state = self.state();
        (state.token_requests.len(), state.api_requests.len())
    }
}

fn answer(state: &Mutex<ServerState>, request: String) -> Vec<u8> {
    let mut state = state.lock().expect("lock");
    if request.starts_with("POST /oauth/token ") {
        state.token_requests.push(request);
        if let Some(failure) = &state.token_failure {
            return failure.clone();
        }
        state.issued += 1;
        let expires_in = state
            .expires_in
            .map(|seconds| format!(r#","expires_in":{seconds}"#))
            .unwrap_or_default();
        let body = format!(
            r#"{{"access_token":"tok-{}","token_type":"Bearer"{expires_in}}}"#,
            state.issued
        );
        return reply("200 OK", &[("content-type", "application/json")], &body);
    }
    let token = header(&request, "authorization")
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_owned();
    state.api_requests.push(request);
    let issued = token
        .strip_prefix("tok-")
        .and_then(|n| n.parse::<usize>().ok())
        .is_some_and(|n| n >= 1 && n <= state.issued);
    let revoked = state.revoked.iter().any(|t| *t == token || t == "*");
    if issued && !revoked {
        reply("200 OK", &[("content-type", "application/json")], "{}")
    } else {
        state.refusals += 1;
        reply(
            "401 Unauthorized",
            &[("www-authenticate", r#"Bearer error="invalid_token""#)],
            "",
        )
    }
}

async fn call(client: &Client, operation: &'static Operation) -> Result<StatusCode, String> {
    client
        .execute::<serde_json::Value, NoDeclaredErrors>(Request::new(operation), decode_json)
        .await
        .map(|response| response.status)
        .map_err(|error| format!("{error} | {error:?}"))
}

fn bearer(request: &str) -> Option<&str> {
    header(request, "authorization")
}

#[tokio::test]
async fn a_token_is_fetched_once_as_rfc_6749_says_and_reused() {
    let server = TokenServer::start(Some(3600), Duration::ZERO).await;
    let client = server.client();
    for _ in 0..2 {
        assert_eq!(call(&client, &GET_BALANCE).await, Ok(StatusCode::OK));
    }
    assert_eq!(server.counts(), (1, 2), "(token requests, API requests)");
    let state = server.state();
    for request in &state.api_requests {
        assert_eq!(bearer(request), Some("Bearer tok-1"));
    }
    let token_request = &state.token_requests[0];
    assert!(
        token_request.starts_with("POST /oauth/token HTTP/1.1\r\n"),
        "{token_request}"
    );
    assert_eq!(
        header(token_request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let body = token_request.split("\r\n\r\n").nth(1).expect("a body");
    assert_eq!(
        body,
        "grant_type=client_credentials&scope=payments%3Aread+payments%3Awrite"
    );
    // client_secret_basic: each part form-urlencoded, then base64.
    let basic = header(token_request, "authorization")
        .and_then(|value| value.strip_prefix("Basic "))
        .expect("basic authentication");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(basic)
        .expect("base64");
    assert_eq!(
        String::from_utf8(decoded).expect("text"),
        "merchant+42%3Aops:cs_live%2Fs3cr3t%2B%C3%A9"
    );
}

#[tokio::test]
async fn a_short_lived_token_is_fetched_again_before_it_expires() {
    // One second: refreshed a tenth of its lifetime early.
    let server = TokenServer::start(Some(1), Duration::ZERO).await;
    let client = server.client();
    call(&client, &GET_BALANCE).await.expect("first call");
    call(&client, &GET_BALANCE).await.expect("cached");
    assert_eq!(server.counts(), (1, 2));
    tokio::time::sleep(Duration::from_millis(950)).await;
    call(&client, &GET_BALANCE).await.expect("refreshed");
    assert_eq!(server.counts(), (2, 3));
    let state = server.state();
    assert_eq!(bearer(&state.api_requests[2]), Some("Bearer tok-2"));
}

#[tokio::test]
async fn a_refused_token_is_replaced_once_and_the_call_succeeds() {
    let server = TokenServer::start(None, Duration::ZERO).await;
    let client = server.client();
    call(&client, &GET_BALANCE).await.expect("first call");
    server.state().revoked.push("tok-1".to_owned());
    // A POST with retries off: still sent again after a 401.
    assert_eq!(call(&client, &CREATE_PAYMENT).await, Ok(StatusCode::OK));
    assert_eq!(server.counts(), (2, 3), "exactly one refresh");
    {
        let state = server.state();
        assert_eq!(bearer(&state.api_requests[1]), Some("Bearer tok-1"));
        assert_eq!(bearer(&state.api_requests[2]), Some("Bearer tok-2"));
    }
    call(&client, &GET_BALANCE)
        .await
        .expect("the new token is cached");
    assert_eq!(server.counts(), (2, 4));
}

#[tokio::test]
async fn a_second_refusal_is_the_answer() {
    let server = TokenServer::start(None, Duration::ZERO).await;
    server.state().revoked.push("*".to_owned());
    let client = server.client();
    let error = call(&client, &GET_BALANCE)
        .await
        .expect_err("refused twice");
    assert!(error.contains("401 Unauthorized"), "{error}");
    assert!(error.contains("after 2 attempts"), "{error}");
    assert!(
        !error.contains("tok-") && !error.contains(CLIENT_SECRET),
        "{error}"
    );
    assert_eq!(server.counts(), (2, 2), "one refresh, no more");
}

#[tokio::test]
async fn a_hundred_concurrent_calls_cause_one_token_request() {
    // The token endpoint takes a while, so that every call waits for it.
    let server = TokenServer::start(Some(3600), Duration::from_millis(200)).await;
    let client = server.client();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let client = client.clone();
        calls.spawn(async move { call(&client, &GET_BALANCE).await });
    }
    while let Some(result) = calls.join_next().await {
        assert_eq!(result.expect("joined"), Ok(StatusCode::OK));
    }
    let (tokens, api) = server.counts();
    println!("100 concurrent calls: {tokens} token request(s), {api} API requests");
    assert_eq!((tokens, api), (1, 100));
}

#[tokio::test]
async fn concurrent_refusals_of_one_token_cause_one_refresh() {
    let server = TokenServer::start(None, Duration::from_millis(100)).await;
    let client = server.client();
    call(&client, &GET_BALANCE).await.expect("first call");
    server.state().revoked.push("tok-1".to_owned());
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let client = client.clone();
        calls.spawn(async move { call(&client, &GET_BALANCE).await });
    }
    while let Some(result) = calls.join_next().await {
        assert_eq!(result.expect("joined"), Ok(StatusCode::OK));
    }
    let (tokens, api) = server.counts();
    let refusals = server.state().refusals;
    println!("50 concurrent calls with a revoked token: {refusals} refusals, {tokens} token requests, {api} API requests");
    assert_eq!(refusals, 50, "every call sent the revoked token first");
    assert_eq!(tokens, 2, "the first token and one refresh");
    assert_eq!(api, 101);
}

#[tokio::test]
async fn a_refusing_token_endpoint_is_a_token_error_naming_the_oauth_error() {
    let server = TokenServer::start(None, Duration::from_millis(50)).await;
    // The endpoint even echoes the secret: it is cut out.
    server.state().token_failure = Some(reply(
        "400 Bad Request",
        &[("content-type", "application/json")],
        &format!(
            r#"{{"error":"invalid_client","error_description":"bad secret {CLIENT_SECRET}"}}"#
        ),
    ));
    let client = server.client();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let client = client.clone();
        calls.spawn(async move {
            client
                .execute::<serde_json::Value, NoDeclaredErrors>(
                    Request::new(&GET_BALANCE),
                    decode_json,
                )
                .await
        });
    }
    while let Some(result) = calls.join_next().await {
        let error = result.expect("joined").expect_err("no token");
        let shown = format!("{error} | {error:?} | {error:#?}");
        assert!(!shown.contains(CLIENT_SECRET), "{shown}");
        assert!(!error.is_retryable());
        assert_eq!(error.attempts(), 0);
        let Error::Token(failure) = &error else {
            panic!("expected Error::Token: {error:?}");
        };
        assert_eq!(failure.scheme, "oauth");
        assert_eq!(failure.error.status, Some(StatusCode::BAD_REQUEST));
        assert_eq!(failure.error.oauth_error.as_deref(), Some("invalid_client"));
        assert_eq!(
            error.to_string(),
            "get_balance: request not sent: could not get an access token for oauth: \
             the token endpoint answered 400 Bad Request: invalid_client (bad secret [redacted])"
        );
    }
    assert_eq!(
        server.counts(),
        (1, 0),
        "the waiting calls share the failure; nothing reaches the API"
    );
}

#[tokio::test]
async fn a_body_that_is_not_a_token_is_a_token_error() {
    let server = TokenServer::start(None, Duration::ZERO).await;
    for (body, expected) in [
        (r#"{"token_type":"Bearer"}"#, "without an `access_token`"),
        ("<html>hi</html>", "not JSON"),
        (
            r#"{"access_token":"tok","token_type":"mac"}"#,
            "of type \"mac\", not a bearer token",
        ),
        (
            r#"{"access_token":"tok\r\nx-evil: 1","token_type":"bearer"}"#,
            "not allowed in a header",
        ),
    ] {
        server.state().token_failure = Some(reply("200 OK", &[], body));
        let error = server
            .provider()
            .token(None)
            .await
            .expect_err("not a token");
        assert!(error.to_string().contains(expected), "{body}: {error}");
    }
}

#[tokio::test]
async fn the_spec_s_relative_token_url_resolves_against_the_base_url() {
    let server = TokenServer::start(None, Duration::ZERO).await;
    let client = server
        .builder()
        .client_credentials(
            "oauth",
            "/oauth/token",
            &["payments:read"],
            CLIENT_ID.to_owned(),
            CLIENT_SECRET.into(),
        )
        .build()
        .expect("builds");
    assert_eq!(call(&client, &GET_BALANCE).await, Ok(StatusCode::OK));
    assert_eq!(server.counts(), (1, 1));
    let state = server.state();
    assert!(state.token_requests[0].ends_with("&scope=payments%3Aread"));
}

#[test]
fn a_plain_http_token_url_or_a_scheme_without_bearer_tokens_is_refused() {
    let https = || ClientBuilder::new(&TOKEN_API).server_url("https://api.example");
    let error = https()
        .client_credentials(
            "oauth",
            "http://auth.example/token",
            &[],
            CLIENT_ID.to_owned(),
            CLIENT_SECRET.into(),
        )
        .build()
        .expect_err("plain HTTP");
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("plain HTTP"), "{shown}");
    assert!(!shown.contains(CLIENT_SECRET), "{shown}");
    let provider = || {
        ClientCredentials::new(
            "https://auth.example/token".parse().expect("a URL"),
            CLIENT_ID,
            CLIENT_SECRET,
        )
    };
    for (scheme, expected) in [
        ("api_key", "does not take a bearer token"),
        ("nope", "not one of the API's security schemes"),
    ] {
        let error = https()
            .token_provider(scheme, provider())
            .build()
            .expect_err(scheme);
        assert!(error.to_string().contains(expected), "{error}");
    }
}

/// A provider of its own: counts its calls and what it was told.
#[derive(Default)]
struct Counting {
    calls: AtomicUsize,
    refused: Mutex<Vec<String>>,
}

impl TokenProvider for Counting {
    fn token<'a>(&'a self, refused: Option<&'a AccessToken>) -> TokenFuture<'a> {
        Box::pin(async move {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            if let Some(token) = refused {
                self.refused
                    .lock()
                    .expect("lock")
                    .push(token.secret().expose_secret().to_owned());
            }
            if n > 2 {
                return Err(TokenError::new("out of tokens"));
            }
            Ok(AccessToken::new(format!("tok-{n}")))
        })
    }
}

#[tokio::test]
async fn a_provider_of_one_s_own_is_asked_per_request_and_told_what_was_refused() {
    let server = TokenServer::start(None, Duration::ZERO).await;
    // The API knows tok-1 and tok-2 but refuses tok-1.
    server.state().issued = 2;
    server.state().revoked.push("tok-1".to_owned());
    let provider = Arc::new(Counting::default());
    let client = server
        .builder()
        .token_provider("oauth", Arc::clone(&provider))
        .build()
        .expect("builds");
    assert_eq!(call(&client, &GET_BALANCE).await, Ok(StatusCode::OK));
    assert_eq!(provider.calls.load(Ordering::SeqCst), 2);
    assert_eq!(*provider.refused.lock().expect("lock"), ["tok-1"]);
    let error = call(&client, &GET_BALANCE)
        .await
        .expect_err("out of tokens");
    assert_eq!(
        error.split(" | ").next(),
        Some(
            "get_balance: request not sent: could not get an access token for oauth: out of tokens"
        )
    );
}

/// Everything traced: span names and fields, events' fields.
struct Capture {
    seen: Arc<Mutex<String>>,
    next_id: AtomicU64,
}

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, "{}={value:?} ", field.name());
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut seen = self.seen.lock().expect("lock");
        let _ = write!(seen, "\nspan {}: ", span.metadata().name());
        span.record(&mut Fields(&mut seen));
        tracing::span::Id::from_u64(self.next_id.fetch_add(1, Ordering::SeqCst))
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Fields(&mut self.seen.lock().expect("lock")));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut seen = self.seen.lock().expect("lock");
        seen.push_str("\nevent: ");
        event.record(&mut Fields(&mut seen));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn neither_the_token_nor_the_secret_is_ever_printed_or_traced() {
    let server = TokenServer::start(Some(3600), Duration::ZERO).await;
    let seen = Arc::new(Mutex::new(String::new()));
    let capture = Capture {
        seen: Arc::clone(&seen),
        next_id: AtomicU64::new(1),
    };
    let _guard = tracing::subscriber::set_default(capture);
    let provider = server.provider();
    let builder = server.builder().token_provider("oauth", server.provider());
    let client = builder.clone().build().expect("builds");
    call(&client, &GET_BALANCE).await.expect("a call");
    server.state().revoked.push("tok-1".to_owned());
    call(&client, &GET_BALANCE).await.expect("a refresh");
    let token = provider.token(None).await.expect("a token");
    assert_eq!(token.secret().expose_secret(), "tok-3");
    let traced = seen.lock().expect("lock").clone();
    assert!(traced.contains("access token fetched"), "{traced}");
    assert!(traced.contains("access token refused"), "{traced}");
    let shown =
        format!("{builder:?} {builder:#?} {client:?} {client:#?} {provider:?} {token:?} {traced}");
    assert!(shown.contains("oauth"), "{shown}");
    for secret in ["tok-1", "tok-2", "tok-3", CLIENT_SECRET, "s3cr3t"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}
