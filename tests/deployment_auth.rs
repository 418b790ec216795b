//! A spec that declares security schemes but names none for any operation
//! (`tests/fixtures/deployment_auth.yaml`): the credential a user configures
//! is sent on every call, including one whose `security` is `[]`, instead
//! of being silently dropped; without one, calls go out without it.

mod support;

use sdk_tests::fixtures::deployment_auth::{Client, CreateTransferRequest, Decimal};
use support::capture::{Canned, CaptureServer};

fn answers() -> CaptureServer {
    CaptureServer::scripted(vec![
        Canned::new(200, "application/json", r#"{"amount": 10}"#),
        Canned::new(204, "text/plain", ""),
    ])
}

#[tokio::test]
async fn a_configured_credential_is_sent_on_every_call() {
    let server = answers();
    let client = Client::builder()
        .base_url(&server.base_url)
        .api_key("key_live_123")
        .build()
        .expect("a client");
    client.get_balance("acc_1").await.expect("a balance");
    client
        .create_transfer(&CreateTransferRequest::new(Decimal::from(5)))
        .await
        .expect("accepted");
    for _ in 0..2 {
        let request = server.next_request();
        assert_eq!(
            request.header("x-api-key"),
            Some("key_live_123"),
            "{}",
            request.request_line
        );
    }
}

#[tokio::test]
async fn the_first_configured_scheme_is_the_one_sent() {
    let server = answers();
    let client = Client::builder()
        .base_url(&server.base_url)
        .bearer("tok_1")
        .build()
        .expect("a client");
    client.get_balance("acc_1").await.expect("a balance");
    let request = server.next_request();
    assert_eq!(request.header("authorization"), Some("Bearer tok_1"));
    assert_eq!(request.header("x-api-key"), None);
}

#[tokio::test]
async fn without_a_credential_calls_go_out_without_one() {
    let server = answers();
    let client = Client::builder()
        .base_url(&server.base_url)
        .build()
        .expect("a client");
    client.get_balance("acc_1").await.expect("a balance");
    let request = server.next_request();
    assert_eq!(request.header("authorization"), None);
    assert_eq!(request.header("x-api-key"), None);
}
