//! Idempotency keys: a call with an idempotency-key header gets a fresh key
//! when the caller gives none, keeps it on every retry, and may therefore be
//! retried even though it is a POST.

mod support;

use std::time::Duration;

use sdk_tests::fixtures::idempotent_payments::{
    Client, PaymentRequest, PaymentStatus, RetryPolicy,
};
use support::capture::{Canned, CaptureServer};

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(10)))
        .build()
        .expect("valid client")
}

fn flaky_then_ok() -> CaptureServer {
    CaptureServer::scripted(vec![
        Canned::new(503, "text/plain", "busy"),
        Canned::new(
            200,
            "application/json",
            r#"{"id":"pay_1","status":"SUCCESS"}"#,
        ),
    ])
}

#[tokio::test]
async fn a_generated_key_is_reused_on_every_retry() {
    let server = flaky_then_ok();
    let payment = client(&server.base_url)
        .create_payment(&PaymentRequest::new(10))
        .await
        .expect("the retry succeeds");
    assert_eq!(payment.status, Some(PaymentStatus::Success));
    let first = server.next_request();
    let second = server.next_request();
    let key = first
        .header("x-idempotency-key")
        .expect("a key was generated");
    assert_eq!(second.header("x-idempotency-key"), Some(key));
    assert_eq!(key.len(), 36, "{key}");
    assert_eq!(key.as_bytes()[14], b'4', "a version 4 UUID: {key}");
}

#[tokio::test]
async fn each_call_gets_its_own_key_and_a_given_key_is_used() {
    let server = CaptureServer::start(200, "application/json", r#"{"id":"pay_1"}"#);
    let client = client(&server.base_url);
    client
        .create_payment(&PaymentRequest::new(1))
        .await
        .unwrap();
    client
        .create_payment(&PaymentRequest::new(1))
        .await
        .unwrap();
    client
        .create_payment(&PaymentRequest::new(1))
        .x_idempotency_key("my-key-1")
        .await
        .unwrap();
    let keys: Vec<String> = (0..3)
        .map(|_| {
            server
                .next_request()
                .header("x-idempotency-key")
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_ne!(keys[0], keys[1]);
    assert_eq!(keys[2], "my-key-1");
}

#[tokio::test]
async fn unknown_enum_values_decode_as_unknown() {
    let server = CaptureServer::start(200, "application/json", r#"{"id":"p","status":"ON_HOLD"}"#);
    let payment = client(&server.base_url)
        .create_payment(&PaymentRequest::new(1))
        .await
        .unwrap();
    assert_eq!(
        payment.status,
        Some(PaymentStatus::Unknown("ON_HOLD".to_owned()))
    );
    assert_eq!(
        serde_json::to_string(&PaymentStatus::Unknown("ON_HOLD".into())).unwrap(),
        "\"ON_HOLD\""
    );
}
