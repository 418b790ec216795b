//! A consumer's tests, written as a user of `flowwise` would write them: the
//! code under test takes a `Client`; the test gives it one answered by a
//! `flowwise::mock::Mock` (the `test-util` feature), stubs typed responses
//! and checks what the code sent. No server, no network.

use flowwise::mock::{Mock, REDACTED};
use flowwise::{
    Client, CreateOrderError, CreateOrderRequest, CreateOrderResponse, CustomerDetails, Error,
    ErrorResponse, GetOrderError,
};

/// The code under test: opens an order and returns its checkout URL.
async fn checkout(client: &Client, order_id: &str) -> Result<String, String> {
    let order = CreateOrderRequest::new(
        order_id,
        flowwise::Decimal::from(499),
        "INR",
        CustomerDetails::new().with_customer_id("c_1"),
    );
    match client.create_order(&order).await {
        Ok(created) => created
            .checkout_url
            .clone()
            .ok_or_else(|| "no checkout URL".to_owned()),
        Err(Error::Api(e)) if matches!(e.body, CreateOrderError::BadRequest(_)) => Err(format!(
            "rejected: {}",
            e.request_id().unwrap_or("no request id")
        )),
        Err(other) => Err(other.to_string()),
    }
}

fn client(mock: &Mock) -> Client {
    Client::builder()
        .api_key_auth("client-id")
        .api_secret("very-secret")
        .mock(mock)
        .build()
        .expect("a valid configuration")
}

#[tokio::test]
async fn a_stubbed_response_is_typed_and_the_request_is_recorded() {
    let mock = Mock::new();
    mock.create_order().returns(
        CreateOrderResponse::new()
            .with_order_id("o_1")
            .with_checkout_url("https://pay.example/o_1"),
    );

    let url = checkout(&client(&mock), "o_1").await;
    assert_eq!(url.as_deref(), Ok("https://pay.example/o_1"));

    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.operation_id, "create_order");
    assert_eq!(sent.method, flowwise::runtime::Method::POST);
    assert_eq!(sent.path, "/orders");
    let body: CreateOrderRequest = sent.json().expect("the body is a CreateOrderRequest");
    assert_eq!(body.order_id, "o_1");
    assert_eq!(body.order_amount.to_string(), "499");
    // Which credentials went out, by scheme; never their values.
    assert_eq!(sent.credentials, ["ApiKeyAuth", "ApiSecret"]);
    assert_eq!(sent.header("x-client-secret"), Some(REDACTED));
    assert!(!format!("{requests:?}").contains("very-secret"));
}

#[tokio::test]
async fn a_stubbed_error_is_the_typed_api_error() {
    let mock = Mock::new();
    mock.create_order()
        .header("x-request-id", "req_42")
        .fails_with(CreateOrderError::BadRequest(ErrorResponse::new(
            "order_amount must be positive",
            "order_amount_invalid",
            "invalid_request_error",
        )));

    assert_eq!(
        checkout(&client(&mock), "o_2").await,
        Err("rejected: req_42".to_owned())
    );
}

#[tokio::test]
async fn stubs_answer_in_order_and_the_last_one_repeats() {
    let mock = Mock::new();
    let not_found = ErrorResponse::new("no such order", "order_not_found", "invalid_request_error");
    mock.get_order()
        .fails_with(GetOrderError::NotFound(not_found));
    mock.get_order()
        .returns(CreateOrderResponse::new().with_order_status("PAID"));
    let client = client(&mock);

    let first = client.get_order("o_3").await;
    assert!(matches!(
        first,
        Err(Error::Api(ref e)) if matches!(e.body, GetOrderError::NotFound(_))
    ));
    for _ in 0..2 {
        let order = client.get_order("o_3").await.expect("stubbed as paid");
        assert_eq!(order.order_status.as_deref(), Some("PAID"));
    }
    let paths: Vec<String> = mock.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/orders/o_3", "/orders/o_3", "/orders/o_3"]);
}

#[tokio::test]
async fn an_unstubbed_call_or_a_missing_credential_fails_before_anything_is_answered() {
    let mock = Mock::new();
    let error = client(&mock)
        .get_order("o_4")
        .await
        .expect_err("nothing stubbed");
    assert!(
        error.to_string().contains("mock.get_order().returns"),
        "{error}"
    );

    mock.get_order().returns(CreateOrderResponse::new());
    let without_secret = Client::builder()
        .api_key_auth("client-id")
        .mock(&mock)
        .build()
        .expect("a valid configuration");
    let error = without_secret
        .get_order("o_4")
        .await
        .expect_err("no secret");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(
        error.to_string().contains("ApiKeyAuth + ApiSecret"),
        "{error}"
    );
    // Refused before sending: only the unstubbed call was recorded.
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn a_raw_response_exercises_the_error_paths() {
    let mock = Mock::new();
    mock.get_order()
        .responds(502, "<html><title>502 Bad Gateway</title></html>");
    let error = client(&mock).get_order("o_5").await.expect_err("502");
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
}
