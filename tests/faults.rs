//! The client runtime against a loopback fault server, one test per
//! scenario: flaky answers, slow and hanging servers, broken bodies, hostile
//! sizes, header injection, redirects, and where secrets must never appear.
//!
//! Every test is bounded in time (`within`), and prints what it measured:
//! `cargo test --test faults -- --nocapture` shows the outcomes.

mod support;

use std::future::IntoFuture;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flowwise::runtime::{CallInfo, Hook, ResponseInfo};
use flowwise::{Client, CreateOrderRequest, CustomerDetails, Error, RetryPolicy};
use sdk_tests::fixtures::idempotent_payments;
use support::capture::CaptureServer;
use support::faults::{FaultServer, Reply};
use support::trace::Recorder;

const SECRET: &str = "cs_live_s3cr3t_never_print";
const CLIENT_ID: &str = "cid_live_123";
const ORDER_JSON: &str = r#"{"order_id":"order_1","order_status":"PAID"}"#;

/// No test may hang: each runs its scenario within this.
async fn within<T>(scenario: impl IntoFuture<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), scenario)
        .await
        .expect("the scenario finished within 30 s")
}

fn builder(base_url: &str) -> flowwise::ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .api_key_auth(CLIENT_ID)
        .api_secret(SECRET)
        .timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(50)))
}

fn client(base_url: &str) -> Client {
    builder(base_url).build().expect("valid client")
}

fn order() -> CreateOrderRequest {
    CreateOrderRequest::new("order_1", 10, "INR", CustomerDetails::new())
}

/// Prints a measured outcome; `took` is the call's own time, before any
/// wait the test adds to be sure no further request arrives.
fn report(scenario: &str, outcome: &str, took: Duration, requests: usize) {
    eprintln!(
        "{scenario}: {outcome} after {:.2} s, {requests} request(s)",
        took.as_secs_f64()
    );
}

fn assert_one_line(message: &str) {
    assert!(
        !message.contains('\n') && !message.contains('\r'),
        "{message:?}"
    );
}

// ---------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------

#[tokio::test]
async fn get_503_503_200_succeeds_in_three_attempts() {
    let server = FaultServer::start(vec![
        Reply::new(503, "text/plain", "busy"),
        Reply::new(503, "text/plain", "busy"),
        Reply::json(200, ORDER_JSON),
    ]);
    let started = Instant::now();
    let order = within(client(&server.base_url).get_order("order_1"))
        .await
        .expect("the third attempt succeeds");
    assert_eq!(order.order_status.as_deref(), Some("PAID"));
    assert_eq!(order.request_id(), Some("req_fault_3"));
    assert_eq!(server.count(), 3);
    report(
        "503, 503, 200 on GET",
        "success",
        started.elapsed(),
        server.count(),
    );
}

#[tokio::test]
async fn status_429_with_retry_after_1_waits_about_a_second() {
    let server = FaultServer::start(vec![
        Reply::new(429, "text/plain", "slow down").header("retry-after", "1"),
        Reply::json(200, ORDER_JSON),
    ]);
    let started = Instant::now();
    within(client(&server.base_url).get_order("order_1"))
        .await
        .expect("succeeds after waiting");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(950) && waited < Duration::from_millis(2500),
        "waited {waited:?}"
    );
    assert_eq!(server.count(), 2);
    report(
        "429 Retry-After: 1",
        "success",
        started.elapsed(),
        server.count(),
    );
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    // Each of the three forms HTTP allows; an HTTP date has whole seconds, so
    // "two seconds from now" is between one and two seconds away.
    for format in [
        "%a, %d %b %Y %H:%M:%S GMT",
        "%A, %d-%b-%y %H:%M:%S GMT",
        "%a %b %e %H:%M:%S %Y",
    ] {
        let date = (chrono::Utc::now() + chrono::Duration::seconds(2))
            .format(format)
            .to_string();
        let server = FaultServer::start(vec![
            Reply::new(503, "text/plain", "maintenance").header("retry-after", &date),
            Reply::json(200, ORDER_JSON),
        ]);
        let started = Instant::now();
        within(client(&server.base_url).get_order("order_1"))
            .await
            .expect("succeeds after waiting");
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(900) && waited < Duration::from_millis(3000),
            "{date}: waited {waited:?}"
        );
        assert_eq!(server.count(), 2);
        report(
            &format!("503 Retry-After: {date}"),
            "success",
            started.elapsed(),
            server.count(),
        );
    }
}

#[tokio::test]
async fn post_without_idempotency_key_is_sent_once_on_503() {
    let server = FaultServer::start(vec![Reply::new(503, "text/plain", "busy")]);
    let started = Instant::now();
    let error = within(client(&server.base_url).create_order(&order()))
        .await
        .expect_err("503");
    let took = started.elapsed();
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    assert_eq!(error.attempts(), 1);
    assert!(error.is_retryable(), "a 503 is transient");
    assert_eq!(
        server.count_after(Duration::from_millis(300)),
        1,
        "a POST must not be replayed"
    );
    report(
        "POST without idempotency key, 503",
        "Error::UnexpectedStatus",
        took,
        server.count(),
    );
}

#[tokio::test]
async fn post_without_idempotency_key_is_sent_once_when_the_server_hangs() {
    // The server may have charged before going silent: a timeout is not a
    // reason to send the same POST again.
    let server = FaultServer::start(vec![Reply::hang()]);
    let started = Instant::now();
    let error = within(
        client(&server.base_url)
            .with_timeout(Duration::from_millis(300))
            .create_order(&order()),
    )
    .await
    .expect_err("timeout");
    let took = started.elapsed();
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert_eq!(server.count_after(Duration::from_millis(300)), 1);
    report(
        "POST without idempotency key, hanging server",
        "Error::Timeout",
        took,
        server.count(),
    );
}

#[tokio::test]
async fn call_with_idempotency_header_is_retried_with_the_same_key() {
    let server = FaultServer::start(vec![
        Reply::new(503, "text/plain", "busy"),
        Reply::new(
            502,
            "text/html",
            "<html><title>502 Bad Gateway</title></html>",
        ),
        Reply::json(200, r#"{"id":"pay_1","status":"SUCCESS"}"#),
    ]);
    let client = idempotent_payments::Client::builder()
        .base_url(&server.base_url)
        .retry_policy(
            idempotent_payments::RetryPolicy::default().initial_backoff(Duration::from_millis(20)),
        )
        .build()
        .unwrap();
    let started = Instant::now();
    let payment = within(client.create_payment(&idempotent_payments::PaymentRequest::new(10)))
        .await
        .expect("the third attempt succeeds");
    assert_eq!(payment.id.as_deref(), Some("pay_1"));
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let keys: Vec<&str> = requests
        .iter()
        .map(|r| {
            r.header("x-idempotency-key")
                .expect("a key on every attempt")
        })
        .collect();
    assert!(keys.iter().all(|key| *key == keys[0]), "{keys:?}");
    drop(requests);
    report(
        "POST with idempotency key, 503, 502, 200",
        "success, one key",
        started.elapsed(),
        server.count(),
    );
}

// ---------------------------------------------------------------------------
// Timeouts
// ---------------------------------------------------------------------------

#[tokio::test]
async fn hanging_server_gives_a_timeout_in_about_the_timeout() {
    let server = FaultServer::start(vec![Reply::hang()]);
    // The client's own timeout is 5 s; this call's is 1 s.
    let client = client(&server.base_url)
        .with_timeout(Duration::from_secs(1))
        .with_retry_policy(RetryPolicy::none());
    let started = Instant::now();
    let error = within(client.get_order("order_1"))
        .await
        .expect_err("timeout");
    let took = started.elapsed();
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert!(
        took >= Duration::from_millis(950) && took < Duration::from_millis(1600),
        "took {took:?}"
    );
    assert!(error.is_retryable());
    assert_eq!(error.status(), None);
    assert_eq!(
        error.to_string(),
        "get_order: timed out: no complete response within 1s"
    );
    report(
        "hanging server, timeout 1 s",
        "Error::Timeout",
        started.elapsed(),
        server.count(),
    );
}

#[tokio::test]
async fn hanging_server_is_retried_on_get_with_a_timeout_per_attempt() {
    let server = FaultServer::start(vec![Reply::hang()]);
    let started = Instant::now();
    let error = within(
        client(&server.base_url)
            .with_timeout(Duration::from_millis(300))
            .get_order("order_1"),
    )
    .await
    .expect_err("timeout");
    let took = started.elapsed();
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert_eq!(error.attempts(), 3);
    assert_eq!(server.count(), 3);
    // Three attempts of 0.3 s and two backoffs of at most 0.1 s and 0.2 s.
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_millis(2000),
        "took {took:?}"
    );
    assert_eq!(
        error.to_string(),
        "get_order: timed out: no complete response within 300ms (after 3 attempts)"
    );
    report(
        "hanging server, GET, timeout 0.3 s per attempt, default retries",
        "Error::Timeout",
        started.elapsed(),
        server.count(),
    );
}

#[tokio::test]
async fn body_that_stalls_half_way_times_out() {
    let body = format!(
        r#"{{"order_id":"order_1","order_note":"{}"}}"#,
        "x".repeat(1000)
    );
    let server = FaultServer::start(vec![Reply::json(200, body).stall_after(100)]);
    let client = client(&server.base_url)
        .with_timeout(Duration::from_millis(500))
        .with_retry_policy(RetryPolicy::none());
    let started = Instant::now();
    let error = within(client.get_order("order_1"))
        .await
        .expect_err("timeout");
    let took = started.elapsed();
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert!(took < Duration::from_millis(1200), "took {took:?}");
    report(
        "body stalls after 100 bytes, timeout 0.5 s",
        "Error::Timeout",
        started.elapsed(),
        server.count(),
    );
}

#[tokio::test]
async fn per_call_timeout_overrides_the_clients_for_that_call_only() {
    let server = FaultServer::start(vec![
        Reply::json(200, ORDER_JSON).after(Duration::from_millis(600)),
    ]);
    let strict = builder(&server.base_url)
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = within(strict.get_order("order_1"))
        .await
        .expect_err("too slow for 200 ms");
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    let started = Instant::now();
    within(
        strict
            .with_timeout(Duration::from_secs(3))
            .get_order("order_1"),
    )
    .await
    .expect("3 s is enough");
    report(
        "answer after 0.6 s; client timeout 0.2 s, call timeout 3 s",
        "success",
        started.elapsed(),
        1,
    );
    // The original client keeps its own timeout.
    let error = within(strict.get_order("order_1"))
        .await
        .expect_err("still strict");
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
}

#[tokio::test]
async fn refused_connection_is_retried_then_a_connection_error() {
    // Bind then drop: nothing listens on the port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    // Even a POST without a key: nothing reached the server.
    let error = within(client(&format!("http://127.0.0.1:{port}")).create_order(&order()))
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
    assert_eq!(error.attempts(), 3);
    assert!(error.is_retryable());
    let message = error.to_string();
    assert_one_line(&message);
    assert!(
        message.starts_with("create_order: connection failed: could not reach the server: ")
            && message.ends_with(" (after 3 attempts)"),
        "{message}"
    );
    eprintln!("  {message}");
    report(
        "connection refused, POST",
        "Error::Connection",
        started.elapsed(),
        0,
    );
}

// ---------------------------------------------------------------------------
// Broken and hostile bodies
// ---------------------------------------------------------------------------

#[tokio::test]
async fn truncated_json_is_a_decode_error_that_says_so() {
    let server = FaultServer::start(vec![Reply::json(
        200,
        r#"{"order_id":"order_1","order_sta"#,
    )]);
    let started = Instant::now();
    let error = within(client(&server.base_url).get_order("order_1"))
        .await
        .expect_err("decode error");
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(decode.body, br#"{"order_id":"order_1","order_sta"#);
    assert!(!error.is_retryable());
    let message = error.to_string();
    assert_one_line(&message);
    assert!(
        message.starts_with(
            "get_order: could not decode the 200 OK response: the JSON is cut short after 32 bytes"
        ),
        "{message}"
    );
    assert!(message.ends_with("(request id req_fault_1)"), "{message}");
    eprintln!("  {message}");
    report(
        "truncated JSON",
        "Error::Decode",
        started.elapsed(),
        server.count(),
    );
}

#[tokio::test]
async fn connection_closed_half_way_through_the_body_is_a_connection_error() {
    let server = FaultServer::start(vec![Reply::json(200, ORDER_JSON).close_after(20)]);
    let client = client(&server.base_url).with_retry_policy(RetryPolicy::none());
    let started = Instant::now();
    let error = within(client.get_order("order_1"))
        .await
        .expect_err("cut off");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
    let message = error.to_string();
    assert_one_line(&message);
    assert_eq!(
        message,
        "get_order: connection failed while the response body was read: end of file before message length reached"
    );
    eprintln!("  {message}");
    report(
        "body cut off by the server after 20 bytes",
        "Error::Connection",
        started.elapsed(),
        server.count(),
    );
}

#[tokio::test]
async fn wrongly_typed_field_is_a_decode_error_naming_the_field() {
    let server = FaultServer::start(vec![Reply::json(
        200,
        r#"{"order_id":"order_1","order_status":5}"#,
    )]);
    let started = Instant::now();
    let error = within(client(&server.base_url).get_order("order_1"))
        .await
        .expect_err("decode error");
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(decode.path, "order_status");
    let message = error.to_string();
    assert_one_line(&message);
    assert_eq!(
        message,
        "get_order: could not decode the 200 OK response at `order_status`: invalid type: integer `5`, expected a string at line 1 column 38 (request id req_fault_1)"
    );
    eprintln!("  {message}");
    report(
        "wrongly typed field",
        "Error::Decode",
        started.elapsed(),
        server.count(),
    );
}

const HTML_502: &str = "<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>\n</html>\n";

#[tokio::test]
async fn html_502_is_an_unexpected_status_naming_the_page() {
    let server = FaultServer::start(vec![Reply::new(502, "text/html", HTML_502)]);
    let started = Instant::now();
    let error = within(client(&server.base_url).get_order("order_1"))
        .await
        .expect_err("502");
    let Error::UnexpectedStatus(unexpected) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(unexpected.body, HTML_502.as_bytes(), "the raw body is kept");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert!(error.is_retryable());
    assert_eq!(error.attempts(), 3, "retried twice");
    assert_eq!(error.request_id(), Some("req_fault_3"));
    let message = error.to_string();
    assert_eq!(
        message,
        "get_order: the server answered 502 Bad Gateway, which the API does not declare: an HTML page titled \"502 Bad Gateway\" (after 3 attempts, request id req_fault_3)"
    );
    eprintln!("  {message}");
    report(
        "HTML 502 on GET",
        "Error::UnexpectedStatus",
        started.elapsed(),
        server.count(),
    );
}

#[tokio::test]
async fn html_page_for_a_declared_error_status_is_a_decode_error_naming_the_page() {
    let page = "<html><head><title>Internal error</title></head><body>oops</body></html>";
    let server = FaultServer::start(vec![Reply::new(500, "text/html", page)]);
    let error = within(client(&server.base_url).get_order("order_1"))
        .await
        .expect_err("500");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert!(!error.is_retryable());
    let message = error.to_string();
    assert_eq!(
        message,
        "get_order: the server answered 500 Internal Server Error, with a body that is not the declared error (expected value at line 1 column 1): an HTML page titled \"Internal error\" (request id req_fault_1)"
    );
    eprintln!("  {message}");
}

#[tokio::test]
async fn ten_megabyte_response_decodes() {
    let note = "n".repeat(10 * 1024 * 1024);
    let body = format!(r#"{{"order_id":"order_1","order_note":"{note}"}}"#);
    let server = FaultServer::start(vec![Reply::json(200, body)]);
    let started = Instant::now();
    let order = within(client(&server.base_url).get_order("order_1"))
        .await
        .expect("10 MiB is within the default limit");
    assert_eq!(order.order_note.as_deref().map(str::len), Some(note.len()));
    report(
        "10 MiB response",
        "decoded",
        started.elapsed(),
        server.count(),
    );
}

#[tokio::test]
async fn body_over_the_limit_is_refused_with_a_clear_error() {
    let body = format!(r#"{{"order_note":"{}"}}"#, "n".repeat(2 * 1024 * 1024));
    // Announced with Content-Length: refused before reading.
    let announced = FaultServer::start(vec![Reply::json(200, body.clone())]);
    // Not announced: reading stops at the limit.
    let streamed = FaultServer::start(vec![Reply::json(200, body).until_close()]);
    for (server, content_length) in [(&announced, true), (&streamed, false)] {
        let client = builder(&server.base_url)
            .max_response_body_bytes(1024 * 1024)
            .build()
            .unwrap();
        let started = Instant::now();
        let error = within(client.get_order("order_1"))
            .await
            .expect_err("too large");
        let Error::BodyTooLarge(too_large) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(too_large.limit, 1024 * 1024);
        assert_eq!(too_large.content_length.is_some(), content_length);
        assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
        assert!(!error.is_retryable());
        let message = error.to_string();
        assert_one_line(&message);
        assert!(
            message.starts_with(
                "get_order: the 200 OK response body is larger than the client's limit of 1048576 bytes"
            ),
            "{message}"
        );
        eprintln!("  {message}");
        report(
            &format!("2 MiB body, 1 MiB limit, content-length {content_length}"),
            "Error::BodyTooLarge",
            started.elapsed(),
            server.count(),
        );
    }
}

// ---------------------------------------------------------------------------
// Safety
// ---------------------------------------------------------------------------

#[tokio::test]
async fn crlf_credential_is_refused_and_never_reaches_the_server() {
    let server = FaultServer::start(vec![Reply::json(200, ORDER_JSON)]);
    for (id, secret) in [
        (CLIENT_ID, "s3cr3t\r\nx-injected: 1"),
        (CLIENT_ID, "s3cr3t\nx-injected: 1"),
        ("cid\r\nx-injected: 1", SECRET),
    ] {
        let error = Client::builder()
            .base_url(&server.base_url)
            .api_key_auth(id)
            .api_secret(secret)
            .build()
            .expect_err("refused at build time");
        let message = error.to_string();
        assert_one_line(&message);
        assert!(!message.contains("s3cr3t"), "{message}");
        assert!(!format!("{error:?}").contains("s3cr3t"), "{error:?}");
        eprintln!("  {message}");
    }
    // A header parameter (here a caller's idempotency key) and a default
    // header with a line break are refused too.
    let payments = idempotent_payments::Client::builder()
        .base_url(&server.base_url)
        .build()
        .unwrap();
    let error = within(
        payments
            .create_payment(&idempotent_payments::PaymentRequest::new(1))
            .x_idempotency_key("key\r\nx-injected: 1"),
    )
    .await
    .expect_err("refused before sending");
    assert!(
        matches!(error, idempotent_payments::Error::InvalidRequest(_)),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 0);
    assert!(
        builder(&server.base_url)
            .default_header("x-note", "a\r\nx-injected: 1")
            .build()
            .is_err()
    );
    assert_eq!(
        server.count_after(Duration::from_millis(300)),
        0,
        "nothing reached the server"
    );
}

#[tokio::test]
async fn redirect_to_another_port_does_not_receive_the_credentials() {
    let elsewhere = CaptureServer::start(200, "application/json", ORDER_JSON);
    let location = format!("{}/orders/order_1", elsewhere.base_url);
    let server = FaultServer::start(vec![
        Reply::new(307, "text/plain", "moved").header("location", &location),
    ]);
    let started = Instant::now();
    let error = within(client(&server.base_url).get_order("order_1"))
        .await
        .expect_err("the redirect is not followed");
    let took = started.elapsed();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
    let message = error.to_string();
    assert_eq!(
        message,
        format!(
            "get_order: the server answered 307 Temporary Redirect, which the API does not declare: a redirect to {}, not followed because it leaves the API's origin (request id req_fault_1)",
            elsewhere.base_url
        )
    );
    eprintln!("  {message}");
    assert!(
        !elsewhere.received_any(Duration::from_millis(500)),
        "the other origin received a request"
    );
    report(
        "307 to another loopback port",
        "Error::UnexpectedStatus 307, other port received nothing",
        took,
        server.count(),
    );
}

#[tokio::test]
async fn redirect_within_the_base_origin_is_followed_with_credentials() {
    let server = FaultServer::start(vec![
        Reply::new(302, "text/plain", "moved").header("location", "/orders/order_2"),
        Reply::json(200, ORDER_JSON),
    ]);
    within(client(&server.base_url).get_order("order_1"))
        .await
        .expect("followed");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].request_line, "GET /orders/order_2 HTTP/1.1");
    assert_eq!(requests[1].header("x-client-secret"), Some(SECRET));
}

// ---------------------------------------------------------------------------
// Extensibility and observability
// ---------------------------------------------------------------------------

/// Adds a header to every attempt and writes down what it sees.
#[derive(Clone, Default)]
struct Recording {
    seen: Arc<Mutex<Vec<String>>>,
}

impl Hook for Recording {
    fn on_request(&self, call: &CallInfo, request: &mut flowwise::runtime::reqwest::Request) {
        request.headers_mut().insert(
            "x-attempt",
            call.attempt.to_string().parse().expect("a header value"),
        );
        self.seen.lock().unwrap().push(format!(
            "request {} {} {} attempt {}: {request:?}",
            call.operation_id, call.method, call.path_template, call.attempt
        ));
    }

    fn on_response(&self, call: &CallInfo, response: &ResponseInfo<'_>) {
        self.seen.lock().unwrap().push(format!(
            "response {} attempt {}: {} {:?}",
            call.operation_id, call.attempt, response.status, response.headers
        ));
    }

    fn on_error(&self, call: &CallInfo, error: &flowwise::runtime::reqwest::Error, _: Duration) {
        self.seen.lock().unwrap().push(format!(
            "error {} attempt {}: {error} {error:?}",
            call.operation_id, call.attempt
        ));
    }
}

#[tokio::test]
async fn hook_adjusts_each_attempt_and_observes_each_response() {
    let server = FaultServer::start(vec![
        Reply::new(503, "text/plain", "busy"),
        Reply::json(200, ORDER_JSON),
    ]);
    let hook = Recording::default();
    let client = builder(&server.base_url)
        .hook(hook.clone())
        .build()
        .unwrap();
    within(client.get_order("order_1")).await.expect("succeeds");
    let requests = server.requests();
    assert_eq!(requests[0].header("x-attempt"), Some("1"));
    assert_eq!(requests[1].header("x-attempt"), Some("2"));
    drop(requests);
    let seen = hook.seen.lock().unwrap();
    let summary: Vec<&str> = seen
        .iter()
        .map(|line| line.split(':').next().unwrap())
        .collect();
    assert_eq!(
        summary,
        [
            "request get_order GET /orders/{order_id} attempt 1",
            "response get_order attempt 1",
            "request get_order GET /orders/{order_id} attempt 2",
            "response get_order attempt 2",
        ]
    );
    assert!(seen[1].contains("503 Service Unavailable"), "{}", seen[1]);
    // Credential headers are marked sensitive: Debug of the request hides them.
    assert!(seen[0].contains("Sensitive"), "{}", seen[0]);
    assert!(!seen.iter().any(|line| line.contains(SECRET)), "{seen:?}");
}

#[tokio::test]
async fn secret_never_shows_in_debug_display_or_trace() {
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let hook = Recording::default();
    let mut shown = Vec::new();

    // A success after a retry, a declared error, an HTML error, a timeout, a
    // refused connection, a redirect elsewhere, and a refused configuration.
    let server = FaultServer::start(vec![
        Reply::new(503, "text/plain", "busy"),
        // A session cookie sent back is a secret too.
        Reply::json(200, ORDER_JSON).header("set-cookie", &format!("session={SECRET}")),
        Reply::json(
            404,
            r#"{"message":"Order not found","code":"order_not_found","type":"invalid_request_error"}"#,
        )
        .header("set-cookie", &format!("session={SECRET}")),
        Reply::new(502, "text/html", HTML_502),
    ]);
    let client = builder(&server.base_url)
        .hook(hook.clone())
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(10)))
        .build()
        .unwrap();
    shown.push(format!("{client:?}"));
    shown.push(format!("{:?}", builder(&server.base_url)));
    let order = within(client.get_order("order_1")).await.expect("success");
    shown.push(format!("{order:?}"));
    let errors = [
        within(
            client
                .with_retry_policy(RetryPolicy::none())
                .get_order("order_1"),
        )
        .await,
        within(
            client
                .with_retry_policy(RetryPolicy::none())
                .get_order("order_1"),
        )
        .await,
    ];
    let hanging = FaultServer::start(vec![Reply::hang()]);
    let timeout = within(
        builder(&hanging.base_url)
            .timeout(Duration::from_millis(200))
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap()
            .get_order("order_1"),
    )
    .await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let refused = within(
        builder(&format!("http://127.0.0.1:{port}"))
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap()
            .get_order("order_1"),
    )
    .await;
    for result in errors.into_iter().chain([timeout, refused]) {
        let error = result.expect_err("an error");
        shown.push(error.to_string());
        shown.push(format!("{error:?}"));
        shown.push(format!("{:?}", std::error::Error::source(&error)));
    }
    let build_error = Client::builder()
        .api_key_auth(CLIENT_ID)
        .api_secret(format!("{SECRET}\r\n"))
        .build()
        .expect_err("refused");
    shown.push(build_error.to_string());
    shown.push(format!("{build_error:?}"));
    shown.extend(hook.seen.lock().unwrap().iter().cloned());
    let trace = recorder.dump();

    for text in shown.iter().chain([&trace]) {
        assert!(!text.contains(SECRET), "the secret leaked: {text}");
    }

    // The span of each call carries what an operator needs.
    let calls: Vec<_> = recorder
        .spans()
        .into_iter()
        .filter(|span| span.name == "api_call")
        .collect();
    assert_eq!(calls.len(), 5, "{trace}");
    let first = &calls[0].fields;
    assert_eq!(first["operation"], "get_order");
    assert_eq!(first["method"], "GET");
    assert_eq!(first["path"], "/orders/{order_id}");
    assert_eq!(first["status"], "200");
    assert_eq!(first["attempt"], "2");
    assert!(first["elapsed_ms"].parse::<u64>().is_ok(), "{first:?}");
    assert!(!first.contains_key("error"), "{first:?}");
    let declared = &calls[1].fields;
    assert_eq!(declared["status"], "404");
    assert_eq!(declared["error"], "api");
    assert_eq!(calls[3].fields["error"], "timeout");
    assert_eq!(calls[4].fields["error"], "connection");
    assert!(!calls[4].fields.contains_key("status"));
    assert!(
        recorder
            .events()
            .iter()
            .any(|event| event.fields.get("message").is_some_and(|m| m == "retrying")),
        "{trace}"
    );
    eprintln!("{trace}");
}
