//! A consumer's test of code that uses the Cashfree client, with the
//! `test-util` mocks: typed stubs, the requests the code sent, and which
//! credential set went out. No server.

use sdk_tests::cashfree_pg::mock::{Mock, REDACTED};
use sdk_tests::cashfree_pg::{
    ApiError404, Client, Error, OrderCreateRefundRequest, PgFetchOrderError, RefundEntity,
};

/// The code under test: refunds an order in full, if it exists.
async fn refund_in_full(client: &Client, order_id: &str) -> Result<Option<String>, String> {
    let order = match client.orders().fetch(order_id).await {
        Ok(order) => order.into_body(),
        Err(Error::Api(e)) if matches!(e.body, PgFetchOrderError::NotFound(_)) => return Ok(None),
        Err(other) => return Err(other.to_string()),
    };
    let amount = order.order_amount.ok_or("no amount")?;
    let refund = OrderCreateRefundRequest::new(amount, format!("refund_{order_id}"));
    let created = client
        .refunds()
        .create(order_id, &refund)
        .x_request_id("req_refund")
        .await
        .map_err(|e| e.to_string())?;
    Ok(created.cf_refund_id.clone())
}

fn partner_client(mock: &Mock) -> Client {
    Client::builder()
        .x_partner_api_key_and_x_partner_merchant_id("partner-key-secret", "merchant_7")
        .mock(mock)
        .build()
        .expect("valid client")
}

#[tokio::test]
async fn refunds_the_whole_amount_with_the_partner_credentials() {
    let mock = Mock::new();
    // Stubbed by the names the code calls them by.
    mock.orders().fetch().returns(
        sdk_tests::cashfree_pg::OrderEntity::new()
            .with_order_id("order_1")
            .with_order_amount(250),
    );
    mock.refunds()
        .create()
        .returns(RefundEntity::new().with_cf_refund_id("cf_refund_9"));

    let refunded = refund_in_full(&partner_client(&mock), "order_1").await;
    assert_eq!(refunded, Ok(Some("cf_refund_9".to_owned())));

    let requests = mock.requests();
    let operations: Vec<&str> = requests.iter().map(|r| r.operation_id).collect();
    assert_eq!(operations, ["pg_fetch_order", "pg_order_create_refund"]);
    let refund = &requests[1];
    assert_eq!(refund.path, "/orders/order_1/refunds");
    let body: OrderCreateRefundRequest = refund.json().expect("a refund request");
    assert_eq!(body.refund_amount.to_string(), "250");
    assert_eq!(body.refund_id, "refund_order_1");
    assert_eq!(refund.header("x-request-id"), Some("req_refund"));
    // The spec's default header, and a fresh idempotency key.
    assert_eq!(refund.header("x-api-version"), Some("2025-01-01"));
    assert!(
        refund
            .header("x-idempotency-key")
            .is_some_and(|k| !k.is_empty())
    );
    // Exactly the configured set went out, redacted; nothing of the others.
    assert_eq!(refund.credentials, ["XPartnerAPIKey", "XPartnerMerchantID"]);
    assert_eq!(refund.header("x-partner-apikey"), Some(REDACTED));
    assert_eq!(refund.header("x-client-id"), None);
    assert!(!format!("{requests:?}").contains("partner-key-secret"));
}

#[tokio::test]
async fn a_missing_order_is_no_refund() {
    let mock = Mock::new();
    mock.pg_fetch_order()
        .fails_with(PgFetchOrderError::NotFound(ApiError404::new()));
    assert_eq!(
        refund_in_full(&partner_client(&mock), "nope").await,
        Ok(None)
    );
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn the_first_complete_set_is_the_one_sent() {
    let mock = Mock::new();
    mock.pg_fetch_order()
        .returns(sdk_tests::cashfree_pg::OrderEntity::new());
    // Two complete sets: the spec lists client id + secret first.
    let client = Client::builder()
        .x_client_id_and_x_client_secret("id", "secret")
        .x_partner_api_key_and_x_partner_merchant_id("key", "merchant")
        .mock(&mock)
        .build()
        .expect("valid client");
    client.orders().fetch("order_1").await.expect("stubbed");
    let sent = &mock.requests()[0];
    assert_eq!(sent.credentials, ["XClientID", "XClientSecret"]);
    assert_eq!(sent.header("x-partner-apikey"), None);
    assert_eq!(sent.header("x-partner-merchantid"), None);
}
