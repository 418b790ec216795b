//! OAuth2 client credentials end to end, through the client generated from
//! `tests/fixtures/oauth_client_credentials.yaml`: one loopback server is
//! both the token endpoint (at the spec's relative `/v1/oauth2/token`) and
//! the API, and counts what each receives.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use sdk_tests::fixtures::oauth_client_credentials::TokenFailure;
use sdk_tests::fixtures::oauth_client_credentials::{Client, Error, PaymentRequest};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

const CLIENT_ID: &str = "client-id";
const SECRET: &str = "s3cr3t-value";
const TOKEN_PATH: &str = "/v1/oauth2/token";

/// A request as the server parsed it.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    target: String,
    /// Names in lower case.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// How the token endpoint answers.
#[derive(Clone)]
enum TokenAnswer {
    /// A fresh bearer token per request, valid for an hour.
    Issue,
    /// This status and JSON body.
    Refuse(u16, &'static str),
}

struct State {
    token_answer: TokenAnswer,
    /// How long the token endpoint takes to answer.
    token_delay: Duration,
    /// The first token issued is refused from the API request after this many.
    revoke_first_after: Option<usize>,
    token_requests: AtomicUsize,
    api_requests: AtomicUsize,
    refused: AtomicUsize,
    issued: Mutex<Vec<String>>,
    revoked: Mutex<HashSet<String>>,
    token_log: Mutex<Vec<Received>>,
    api_log: Mutex<Vec<Received>>,
}

struct Server {
    base_url: String,
    state: Arc<State>,
}

impl Server {
    async fn start(
        token_answer: TokenAnswer,
        token_delay: Duration,
        revoke_first_after: Option<usize>,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(State {
            token_answer,
            token_delay,
            revoke_first_after,
            token_requests: AtomicUsize::new(0),
            api_requests: AtomicUsize::new(0),
            refused: AtomicUsize::new(0),
            issued: Mutex::new(Vec::new()),
            revoked: Mutex::new(HashSet::new()),
            token_log: Mutex::new(Vec::new()),
            api_log: Mutex::new(Vec::new()),
        });
        let shared = Arc::clone(&state);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve_connection(stream, Arc::clone(&shared)));
            }
        });
        Self { base_url, state }
    }

    async fn issuing() -> Self {
        Self::start(TokenAnswer::Issue, Duration::ZERO, None).await
    }

    fn client(&self) -> Client {
        Client::builder()
            .base_url(&self.base_url)
            .timeout(Duration::from_secs(10))
            .paypal_o_auth_client_credentials(CLIENT_ID, SECRET)
            .build()
            .expect("a client")
    }

    fn token_requests(&self) -> usize {
        self.state.token_requests.load(Ordering::SeqCst)
    }

    fn api_requests(&self) -> usize {
        self.state.api_requests.load(Ordering::SeqCst)
    }

    fn issued(&self) -> Vec<String> {
        self.state.issued.lock().unwrap().clone()
    }

    fn token_log(&self) -> Vec<Received> {
        self.state.token_log.lock().unwrap().clone()
    }

    fn api_log(&self) -> Vec<Received> {
        self.state.api_log.lock().unwrap().clone()
    }
}

/// Serves the requests of one (keep-alive) connection until it closes.
async fn serve_connection(stream: TcpStream, state: Arc<State>) {
    let mut stream = BufReader::new(stream);
    while let Some(request) = read_request(&mut stream).await {
        let (status, body) = answer(&state, request).await;
        let head = format!(
            "HTTP/1.1 {status} Scripted\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        let out = stream.get_mut();
        if out.write_all(head.as_bytes()).await.is_err()
            || out.write_all(body.as_bytes()).await.is_err()
        {
            return;
        }
    }
}

async fn read_request(stream: &mut BufReader<TcpStream>) -> Option<Received> {
    let mut line = String::new();
    if stream.read_line(&mut line).await.ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        stream.read_line(&mut line).await.ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(Some(0), |(_, v)| v.parse().ok())?;
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.ok()?;
    Some(Received {
        method,
        target,
        headers,
        body,
    })
}

async fn answer(state: &State, request: Received) -> (u16, String) {
    if request.method == "POST" && request.target == TOKEN_PATH {
        let number = state.token_requests.fetch_add(1, Ordering::SeqCst) + 1;
        state.token_log.lock().unwrap().push(request);
        tokio::time::sleep(state.token_delay).await;
        return match &state.token_answer {
            TokenAnswer::Issue => {
                let token = format!("at-{number}-Zq81vWkP");
                state.issued.lock().unwrap().push(token.clone());
                (
                    200,
                    format!(
                        r#"{{"access_token":"{token}","token_type":"Bearer","expires_in":3600}}"#
                    ),
                )
            }
            TokenAnswer::Refuse(status, body) => (*status, (*body).to_owned()),
        };
    }
    if !request.target.starts_with("/v1/payments") {
        return (404, r#"{"error":"not_found"}"#.to_owned());
    }
    let number = state.api_requests.fetch_add(1, Ordering::SeqCst) + 1;
    if state.revoke_first_after.is_some_and(|after| number > after) {
        if let Some(first) = state.issued.lock().unwrap().first() {
            state.revoked.lock().unwrap().insert(first.clone());
        }
    }
    let valid = request
        .header("authorization")
        .and_then(|value| value.strip_prefix("Bearer "))
        .is_some_and(|token| {
            state.issued.lock().unwrap().iter().any(|t| t == token)
                && !state.revoked.lock().unwrap().contains(token)
        });
    let method = request.method.clone();
    state.api_log.lock().unwrap().push(request);
    if !valid {
        state.refused.fetch_add(1, Ordering::SeqCst);
        return (401, r#"{"error":"invalid_token"}"#.to_owned());
    }
    if method == "POST" {
        (
            201,
            r#"{"id":"pay_new","amount":1500,"status":"CREATED"}"#.to_owned(),
        )
    } else {
        (
            200,
            r#"{"id":"pay_1","amount":1500,"status":"COMPLETED"}"#.to_owned(),
        )
    }
}

/// An `application/x-www-form-urlencoded` body, decoded.
fn form(body: &[u8]) -> BTreeMap<String, String> {
    let decode = |text: &str| {
        percent_encoding::percent_decode_str(&text.replace('+', " "))
            .decode_utf8()
            .expect("UTF-8")
            .into_owned()
    };
    std::str::from_utf8(body)
        .expect("a text body")
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').expect("name=value");
            (decode(name), decode(value))
        })
        .collect()
}

fn payment_request() -> PaymentRequest {
    PaymentRequest::new(1500, "USD")
}

#[tokio::test]
async fn the_token_request_is_client_credentials_and_one_token_serves_two_calls() {
    let server = Server::issuing().await;
    let client = server.client();
    let created = client
        .create_payment(&payment_request())
        .await
        .expect("created");
    assert_eq!(created.status().as_u16(), 201);
    assert_eq!(created.id, "pay_new");
    let fetched = client.get_payment("pay_1").await.expect("fetched");
    assert_eq!(fetched.id, "pay_1");

    assert_eq!(server.token_requests(), 1, "two calls, one token request");
    assert_eq!(server.api_requests(), 2);

    let token_request = &server.token_log()[0];
    assert_eq!(token_request.method, "POST");
    assert_eq!(token_request.target, TOKEN_PATH);
    assert_eq!(
        token_request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let basic = token_request
        .header("authorization")
        .and_then(|value| value.strip_prefix("Basic "))
        .expect("HTTP basic authentication");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(basic)
        .expect("base64");
    assert_eq!(decoded, b"client-id:s3cr3t-value");
    let fields = form(&token_request.body);
    assert_eq!(
        fields.keys().map(String::as_str).collect::<Vec<_>>(),
        ["grant_type", "scope"],
        "{fields:?}"
    );
    assert_eq!(fields["grant_type"], "client_credentials");
    let scopes: BTreeSet<&str> = fields["scope"].split(' ').collect();
    assert_eq!(scopes, BTreeSet::from(["payments:read", "payments:write"]));

    let token = &server.issued()[0];
    let api = server.api_log();
    assert_eq!(
        (api[0].method.as_str(), api[0].target.as_str()),
        ("POST", "/v1/payments")
    );
    let body: serde_json::Value = serde_json::from_slice(&api[0].body).expect("a JSON body");
    assert_eq!(body, serde_json::json!({"amount": 1500, "currency": "USD"}));
    assert_eq!(
        (api[1].method.as_str(), api[1].target.as_str()),
        ("GET", "/v1/payments/pay_1")
    );
    for request in &api {
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {token}").as_str()),
            "{} {}",
            request.method,
            request.target
        );
    }
}

#[tokio::test]
async fn a_refused_token_is_replaced_once_and_the_call_succeeds() {
    // The first token is refused from the third API request on.
    let server = Server::start(TokenAnswer::Issue, Duration::ZERO, Some(2)).await;
    let client = server.client();
    client.get_payment("pay_1").await.expect("first call");
    client.get_payment("pay_1").await.expect("second call");
    let created = client
        .create_payment(&payment_request())
        .await
        .expect("the refused call succeeds with a fresh token");
    assert_eq!(created.id, "pay_new");
    client.get_payment("pay_1").await.expect("fourth call");

    assert_eq!(server.token_requests(), 2, "one new token after the 401");
    assert_eq!(server.state.refused.load(Ordering::SeqCst), 1);
    assert_eq!(
        server.api_requests(),
        5,
        "four calls, one of them sent twice"
    );
    let issued = server.issued();
    let first = format!("Bearer {}", issued[0]);
    let second = format!("Bearer {}", issued[1]);
    let api = server.api_log();
    let sent: Vec<_> = api
        .iter()
        .map(|r| (r.method.as_str(), r.header("authorization").unwrap_or("")))
        .collect();
    assert_eq!(
        sent,
        [
            ("GET", first.as_str()),
            ("GET", first.as_str()),
            ("POST", first.as_str()),
            ("POST", second.as_str()),
            ("GET", second.as_str()),
        ]
    );
    assert_eq!(api[3].body, api[2].body, "the same body, sent again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_concurrent_calls_on_a_fresh_client_cause_one_token_request() {
    // A slow token endpoint, so that every call is waiting for a token.
    let server = Server::start(TokenAnswer::Issue, Duration::from_millis(200), None).await;
    let client = server.client();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let client = client.clone();
        calls.spawn(async move { client.get_payment("pay_1").await.map(|r| r.into_body()) });
    }
    let mut succeeded = 0;
    while let Some(result) = calls.join_next().await {
        result.expect("the task ran").expect("the call succeeded");
        succeeded += 1;
    }
    eprintln!(
        "100 concurrent calls: {succeeded} succeeded, {} token request(s), {} API request(s)",
        server.token_requests(),
        server.api_requests()
    );
    assert_eq!(succeeded, 100);
    assert_eq!(server.token_requests(), 1);
    assert_eq!(server.api_requests(), 100);
    let bearer = format!("Bearer {}", server.issued()[0]);
    assert!(
        server
            .api_log()
            .iter()
            .all(|r| r.header("authorization") == Some(bearer.as_str()))
    );
}

#[tokio::test]
async fn a_token_endpoint_refusal_is_a_token_error_without_the_secret() {
    let bodies = [
        r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#,
        // An endpoint that echoes what it was sent.
        r#"{"error":"invalid_client","error_description":"Client authentication failed for client-id:s3cr3t-value"}"#,
    ];
    for body in bodies {
        let server = Server::start(TokenAnswer::Refuse(400, body), Duration::ZERO, None).await;
        let error = server
            .client()
            .get_payment("pay_1")
            .await
            .expect_err("no token, no call");
        let Error::Token(TokenFailure {
            scheme,
            error: token_error,
            attempts,
            ..
        }) = &error
        else {
            panic!("not a token error: {error:?}");
        };
        assert_eq!(*scheme, "paypalOAuth");
        assert_eq!(*attempts, 0);
        assert_eq!(token_error.status.map(|s| s.as_u16()), Some(400));
        assert_eq!(token_error.oauth_error.as_deref(), Some("invalid_client"));
        assert!(!error.is_retryable());
        let display = error.to_string();
        let debug = format!("{error:?}");
        let pretty = format!("{error:#?}");
        eprintln!("token error: {display}");
        assert!(display.contains("invalid_client"), "{display}");
        assert!(
            display.contains("Client authentication failed"),
            "{display}"
        );
        for shown in [&display, &debug, &pretty] {
            assert!(!shown.contains(SECRET), "the secret is shown: {shown}");
        }
        assert_eq!(server.token_requests(), 1);
        assert_eq!(server.api_requests(), 0, "nothing sent without a token");
    }
}

#[tokio::test]
async fn the_client_debug_shows_neither_the_secret_nor_the_token() {
    let server = Server::issuing().await;
    let builder = Client::builder()
        .base_url(&server.base_url)
        .paypal_o_auth_client_credentials(CLIENT_ID, SECRET);
    let client = builder.clone().build().expect("a client");
    // A token is cached now.
    client.get_payment("pay_1").await.expect("fetched");
    let token = server.issued()[0].clone();
    for shown in [
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{builder:?}"),
    ] {
        assert!(shown.contains("paypalOAuth"), "{shown}");
        assert!(!shown.contains(SECRET), "the secret is shown: {shown}");
        assert!(!shown.contains(&token), "the token is shown: {shown}");
    }
}
