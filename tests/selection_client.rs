//! A client generated for a selection of Cashfree (its orders and the
//! payment webhook, `tests/support/selections.rs`) is used as the whole
//! client is: the same names, the same calls, the same mocks. (That what
//! was not selected is absent, `generator/tests/selection.rs` checks.)

use sdk_tests::selections::cashfree_orders::mock::Mock;
use sdk_tests::selections::cashfree_orders::webhooks::WebhookEvent;
use sdk_tests::selections::cashfree_orders::{
    Client, CreateOrderRequest, CustomerDetails, OrderEntity,
};

/// Code written against the whole client, unchanged.
async fn create(client: &Client) -> Result<Option<String>, String> {
    let amount: sdk_tests::selections::cashfree_orders::Decimal =
        "10.5".parse().map_err(|e| format!("{e:?}"))?;
    let request = CreateOrderRequest::new(CustomerDetails::new("c_1", "9999999999"), amount, "INR");
    let created = client
        .orders()
        .create(&request)
        .await
        .map_err(|e| e.to_string())?;
    Ok(created.order_id.clone())
}

#[tokio::test]
async fn the_selected_operations_work_as_in_the_whole_client() {
    let mock = Mock::new();
    mock.orders()
        .create()
        .returns(OrderEntity::new().with_order_id("order_9"));
    let client = Client::builder()
        .x_client_id_and_x_client_secret("id", "secret")
        .mock(&mock)
        .build()
        .expect("valid client");
    assert_eq!(create(&client).await, Ok(Some("order_9".to_owned())));
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].operation_id, "pg_create_order");
    assert_eq!(requests[0].path, "/orders");
}

#[test]
fn the_selected_webhook_parses() {
    let body = br#"{"type":"PAYMENT_SUCCESS_WEBHOOK","event_time":"2024-01-01T10:00:00+05:30","data":{"order":{"order_id":"order_9"}}}"#;
    let event = WebhookEvent::parse(&Default::default(), body).expect("parses");
    assert_eq!(event.name(), Some("PaymentWebhook"));
}
