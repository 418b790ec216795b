//! The generated Cashfree PG client against a loopback server: idempotent
//! retries of a POST, and decoding of the real responses in the seed docs.

mod support;

use std::time::Duration;

use sdk_tests::cashfree_pg::{
    Client, CreateOrderRequest, CustomerDetails, OrderEntity, RetryPolicy,
};
use support::capture::{Canned, CaptureServer};

/// The success example of Cashfree's "Get Order" page (`../shared/seeds/`):
/// note `"terminal_data": null` where the schema says object.
const SEED_ORDER: &str = r#"{
  "cf_order_id": "2149460581", "created_at": "2023-08-11T18:02:46+05:30",
  "customer_details": {"customer_id": "409128494", "customer_name": "Johmn Doe", "customer_email": "pmlpayme@ntsas.com",
    "customer_phone": "9876543210", "customer_uid": "54deabb4-ba45-4a60-9e6a-9c016fe7ab10"},
  "entity": "order", "order_amount": 22, "payment_session_id": "session_a1VXIPJo8kh7IBigVXX8LgTMupQW",
  "order_currency": "INR", "order_expiry_time": "2023-09-09T18:02:46+05:30", "order_id": "order_3242Tq4Edj9CC5RDcMeobmJOWOBJij",
  "order_meta": {"return_url": "https://www.cashfree.com/devstudio/thankyou", "payment_methods": "cc", "notify_url": "https://example.com/cf_notify"},
  "order_note": "some order note LIST", "order_splits": [], "order_status": "ACTIVE",
  "order_tags": {"name": "John", "age": "19"}, "terminal_data": null, "cart_details": {"cart_id": "1"}
}"#;

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .x_client_id("cid")
        .x_client_secret("secret")
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(10)))
        .build()
        .expect("valid client")
}

#[tokio::test]
async fn create_order_is_retried_with_the_same_idempotency_key() {
    let server = CaptureServer::scripted(vec![
        Canned::new(503, "text/plain", "busy"),
        Canned::new(200, "application/json", SEED_ORDER),
    ]);
    let order = CreateOrderRequest::new(CustomerDetails::new("409128494", "9876543210"), 22, "INR");
    let created = client(&server.base_url)
        .pg_create_order(&order)
        .await
        .expect("second attempt");
    assert_eq!(created.order_status.as_deref(), Some("ACTIVE"));
    let (first, second) = (server.next_request(), server.next_request());
    let key = first
        .header("x-idempotency-key")
        .expect("a key is generated");
    assert_eq!(second.header("x-idempotency-key"), Some(key));
    assert_eq!(
        first.header("x-api-version"),
        Some("2025-01-01"),
        "the spec's default version is sent"
    );
}

#[tokio::test]
async fn a_caller_chosen_idempotency_key_and_request_id_are_sent() {
    // Same call with a caller-chosen key: the caller's key is the one sent.
    let server = CaptureServer::start(200, "application/json", SEED_ORDER);
    let order = CreateOrderRequest::new(CustomerDetails::new("c", "9876543210"), 22, "INR");
    client(&server.base_url)
        .pg_create_order(&order)
        .x_request_id("req-7")
        .x_idempotency_key("my-key")
        .await
        .unwrap();
    let request = server.next_request();
    assert_eq!(request.header("x-idempotency-key"), Some("my-key"));
    assert_eq!(request.header("x-request-id"), Some("req-7"));
}

#[test]
fn the_seed_get_order_response_decodes_with_null_for_an_optional_object() {
    let order: OrderEntity = serde_json::from_str(SEED_ORDER).expect("decodes");
    assert_eq!(
        order.order_amount.map(|a| a.to_string()).as_deref(),
        Some("22")
    );
    assert!(
        order.terminal_data.is_none(),
        "null for an optional field means absent"
    );
    assert_eq!(
        order
            .customer_details
            .as_ref()
            .and_then(|c| c.customer_name.as_deref()),
        Some("Johmn Doe")
    );
    assert_eq!(
        order.created_at.as_deref(),
        Some("2023-08-11T18:02:46+05:30")
    );
}
