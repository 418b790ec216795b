//! Retries against a loopback server that answers from a script: what is
//! retried, how long the client waits, and what is never sent twice.

mod support;

use std::time::{Duration, Instant};

use flowwise::{Client, CreateOrderRequest, CustomerDetails, Error, RetryPolicy};
use support::capture::{Canned, CaptureServer};

const ORDER_JSON: &str = r#"{"order_id":"order_1","order_status":"PAID"}"#;

fn client(base_url: &str, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url(base_url)
        .api_key_auth("cid")
        .api_secret("secret")
        .retry_policy(policy.initial_backoff(Duration::from_millis(20)))
        .build()
        .expect("valid client")
}

fn requests_received(server: &CaptureServer) -> usize {
    let mut count = 0;
    while server.received_any(Duration::from_millis(300)) {
        count += 1;
    }
    count
}

#[tokio::test]
async fn a_get_succeeds_on_the_third_attempt_after_two_503s() {
    let server = CaptureServer::scripted(vec![
        Canned::new(503, "text/plain", "busy"),
        Canned::new(503, "text/plain", "busy"),
        Canned::new(200, "application/json", ORDER_JSON),
    ]);
    let order = client(&server.base_url, RetryPolicy::default())
        .get_order("order_1")
        .await
        .expect("third attempt succeeds");
    assert_eq!(order.order_status.as_deref(), Some("PAID"));
    assert_eq!(requests_received(&server), 3);
}

#[tokio::test]
async fn retry_after_in_seconds_is_honoured() {
    let server = CaptureServer::scripted(vec![
        Canned::new(429, "text/plain", "slow down").with_header("Retry-After", "1"),
        Canned::new(200, "application/json", ORDER_JSON),
    ]);
    let started = Instant::now();
    client(&server.base_url, RetryPolicy::default())
        .get_order("order_1")
        .await
        .expect("succeeds after waiting");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(950) && waited < Duration::from_secs(3),
        "waited {waited:?}"
    );
    assert_eq!(requests_received(&server), 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_is_returned_not_waited_for() {
    let server = CaptureServer::scripted(vec![
        Canned::new(503, "text/plain", "maintenance").with_header("Retry-After", "3600"),
        Canned::new(200, "application/json", ORDER_JSON),
    ]);
    let started = Instant::now();
    let error = client(&server.base_url, RetryPolicy::default())
        .get_order("o")
        .await
        .expect_err("503 returned");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(requests_received(&server), 1);
}

#[tokio::test]
async fn a_post_without_an_idempotency_key_is_sent_exactly_once() {
    let server = CaptureServer::start(503, "text/plain", "busy");
    let order = CreateOrderRequest::new("order_1", 10, "INR", CustomerDetails::new());
    let error = client(&server.base_url, RetryPolicy::default())
        .create_order(&order)
        .await
        .expect_err("503");
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    assert_eq!(requests_received(&server), 1, "a POST must not be replayed");
}

#[tokio::test]
async fn retries_can_be_turned_off_and_are_bounded() {
    let server = CaptureServer::start(503, "text/plain", "busy");
    client(&server.base_url, RetryPolicy::none())
        .get_order("o")
        .await
        .expect_err("503");
    assert_eq!(requests_received(&server), 1);

    let server = CaptureServer::start(502, "text/html", "<html>bad gateway</html>");
    let error = client(&server.base_url, RetryPolicy::default().max_retries(3))
        .get_order("o")
        .await
        .expect_err("502");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(requests_received(&server), 4, "1 attempt + 3 retries");
}

#[tokio::test]
async fn connection_failures_are_retried_then_reported() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let order = CreateOrderRequest::new("order_1", 10, "INR", CustomerDetails::new());
    let error = client(&format!("http://127.0.0.1:{port}"), RetryPolicy::default())
        .create_order(&order)
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
    // Two backoffs of at least 10 ms and 20 ms: it did retry.
    assert!(
        started.elapsed() >= Duration::from_millis(30),
        "{:?}",
        started.elapsed()
    );
}
