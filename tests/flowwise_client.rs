//! The generated Flowwise client against a loopback server that records what
//! arrives: what goes on the wire, and how each kind of answer is reported.

mod support;

use std::time::Duration;

use flowwise::{Client, CreateOrderRequest, CustomerDetails, Decimal, Error, GetOrderError};
use support::capture::CaptureServer;

const SECRET: &str = "cs_live_do_not_print_me";

const ORDER_JSON: &str = r#"{"order_id":"order_1","order_status":"ACTIVE","added_on":"2024-12-03T14:30:00Z","unknown_new_field":{"x":1}}"#;

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .api_key_auth("cid_123")
        .api_secret(SECRET)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("valid client")
}

fn order(amount: &str) -> CreateOrderRequest {
    let amount: Decimal = amount.parse().expect("decimal");
    CreateOrderRequest::new(
        "order_1",
        amount,
        "INR",
        CustomerDetails::new().with_customer_id("c1"),
    )
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_as_one_segment() {
    let server = CaptureServer::start(200, "application/json", ORDER_JSON);
    client(&server.base_url)
        .get_order("a/b?c#d")
        .await
        .expect("200 decodes");
    assert_eq!(
        server.next_request().request_line,
        "GET /orders/a%2Fb%3Fc%23d HTTP/1.1"
    );
}

#[tokio::test]
async fn path_parameters_that_would_change_the_path_are_refused_before_sending() {
    let server = CaptureServer::start(200, "application/json", ORDER_JSON);
    for id in ["", ".", ".."] {
        let error = client(&server.base_url)
            .get_order(id)
            .await
            .expect_err("refused");
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{id:?}: {error:?}"
        );
    }
    assert!(!server.received_any(Duration::from_millis(200)));
}

#[tokio::test]
async fn amounts_go_on_the_wire_exactly_as_written() {
    for amount in ["2299.5", "99999999.99", "100", "0.01"] {
        let server = CaptureServer::start(200, "application/json", ORDER_JSON);
        client(&server.base_url)
            .create_order(&order(amount))
            .await
            .expect("200");
        let body = String::from_utf8(server.next_request().body).expect("utf-8");
        assert!(
            body.contains(&format!(r#""order_amount":{amount},"#)),
            "{amount}: {body}"
        );
    }
}

#[tokio::test]
async fn amounts_too_precise_for_a_json_number_are_refused_not_rounded() {
    let server = CaptureServer::start(200, "application/json", ORDER_JSON);
    let error = client(&server.base_url)
        .create_order(&order("12345678901234567.89"))
        .await
        .expect_err("refused");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(
        error.to_string().contains("12345678901234567.89"),
        "{error}"
    );
    assert!(!server.received_any(Duration::from_millis(200)));
}

#[tokio::test]
async fn the_request_carries_credentials_json_and_only_set_optional_fields() {
    let server = CaptureServer::start(200, "application/json", ORDER_JSON);
    client(&server.base_url)
        .create_order(&order("10"))
        .await
        .expect("200");
    let request = server.next_request();
    assert_eq!(request.request_line, "POST /orders HTTP/1.1");
    assert_eq!(request.header("x-client-id"), Some("cid_123"));
    assert_eq!(request.header("x-client-secret"), Some(SECRET));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert!(
        request
            .header("user-agent")
            .is_some_and(|ua| ua.starts_with("flowwise/"))
    );
    let body: serde_json::Value = serde_json::from_slice(&request.body).expect("json body");
    assert_eq!(
        body,
        serde_json::json!({
            "order_id": "order_1", "order_amount": 10, "order_currency": "INR",
            "customer_details": {"customer_id": "c1"}
        })
    );
}

#[tokio::test]
async fn responses_decode_typed_and_tolerate_unknown_fields() {
    let server = CaptureServer::start(200, "application/json", ORDER_JSON);
    let order = client(&server.base_url)
        .get_order("order_1")
        .await
        .expect("decodes");
    assert_eq!(order.status(), 200);
    assert_eq!(order.request_id(), Some("req_capture_1"));
    assert_eq!(order.order_id.as_deref(), Some("order_1"));
    let added_on = order.added_on.expect("added_on");
    assert_eq!(added_on.to_rfc3339(), "2024-12-03T14:30:00+00:00");
    assert_eq!(order.customer_email, None);
}

#[tokio::test]
async fn a_wrongly_typed_field_names_its_path() {
    let server = CaptureServer::start(
        200,
        "application/json",
        r#"{"order_id":"o","order_status":5}"#,
    );
    let error = client(&server.base_url)
        .get_order("o")
        .await
        .expect_err("decode error");
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(decode.path, "order_status");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert!(error.to_string().contains("`order_status`"), "{error}");
    assert_eq!(error.request_id(), Some("req_capture_1"));
}

#[tokio::test]
async fn bytes_after_the_json_value_are_a_decode_error_at_the_root() {
    let server = CaptureServer::start(200, "application/json", r#"{"order_id":"o"} trailing"#);
    let error = client(&server.base_url)
        .get_order("o")
        .await
        .expect_err("decode error");
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(decode.path, "");
    assert!(error.to_string().contains("trailing characters"), "{error}");
}

#[tokio::test]
async fn a_declared_error_status_gives_the_typed_body() {
    let server = CaptureServer::start(
        404,
        "application/json",
        r#"{"message":"Order not found","code":"order_not_found","type":"resource_error"}"#,
    );
    let error = client(&server.base_url)
        .get_order("missing")
        .await
        .expect_err("404");
    match error.api_error() {
        Some(GetOrderError::NotFound(body)) => {
            assert_eq!(body.code, "order_not_found");
            assert_eq!(body.r#type, "resource_error");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.request_id(), Some("req_capture_1"));
    assert_eq!(
        error.to_string(),
        "get_order: the server answered 404 Not Found: Order not found (request id req_capture_1)"
    );
}

#[tokio::test]
async fn a_declared_status_with_a_body_that_does_not_match_is_a_decode_error() {
    let server = CaptureServer::start(500, "text/html", "<html>oops</html>");
    let error = client(&server.base_url)
        .get_order("o")
        .await
        .expect_err("500");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
}

#[tokio::test]
async fn an_undeclared_status_keeps_status_and_raw_body() {
    let server = CaptureServer::start(418, "text/plain", "short and stout");
    let error = client(&server.base_url)
        .get_order("o")
        .await
        .expect_err("418");
    let Error::UnexpectedStatus(unexpected) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(unexpected.status, 418);
    assert_eq!(unexpected.body, b"short and stout");
    assert!(!unexpected.body_truncated);
    assert!(error.to_string().contains("short and stout"), "{error}");
}

#[tokio::test]
async fn transport_failures_are_distinct() {
    // Bind then drop: nothing listens on the port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let error = client(&format!("http://127.0.0.1:{port}"))
        .get_order("o")
        .await
        .expect_err("refused");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
    assert!(
        error.to_string().contains("get_order: connection failed"),
        "{error}"
    );
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn missing_credentials_are_refused_before_sending() {
    let server = CaptureServer::start(200, "application/json", ORDER_JSON);
    let client = Client::builder()
        .base_url(&server.base_url)
        .api_key_auth("cid")
        .build()
        .unwrap();
    let error = client.get_order("o").await.expect_err("refused");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(
        error.to_string().contains("ApiKeyAuth + ApiSecret"),
        "{error}"
    );
    assert!(!server.received_any(Duration::from_millis(200)));
}

#[test]
fn secrets_never_show_in_debug_or_errors() {
    let client = client("http://127.0.0.1:9");
    assert!(!format!("{client:?}").contains(SECRET));
    let builder = Client::builder().api_secret(SECRET);
    assert!(!format!("{builder:?}").contains(SECRET));
    let secret = flowwise::SecretString::new(SECRET);
    assert_eq!(format!("{secret:?} {secret}"), "[redacted] [redacted]");

    let error = Client::builder()
        .api_secret("sekrit\r\nvalue")
        .api_key_auth("x")
        .build()
        .expect_err("refused");
    assert!(!error.to_string().contains("sekrit"), "{error}");
    assert!(error.to_string().contains("api_secret"), "{error}");
}

#[test]
fn only_https_unless_the_base_url_is_explicit() {
    assert!(
        Client::builder().build().is_ok(),
        "the sandbox default is https"
    );
    assert_eq!(
        Client::builder().build().unwrap().base_url(),
        "https://sandbox.flowwise.com/router"
    );
    let production = Client::builder()
        .environment(flowwise::Environment::Production)
        .build()
        .unwrap();
    assert_eq!(production.base_url(), "https://app.flowwise.com/router");
    assert!(
        Client::builder()
            .base_url("http://localhost:4010")
            .build()
            .is_ok()
    );
    assert!(
        Client::builder()
            .base_url("ftp://example.com")
            .build()
            .is_err()
    );
    assert!(Client::builder().base_url("not a url").build().is_err());
}

#[test]
fn create_order_request_is_built_from_required_fields_and_named_optionals() {
    let request = order("2299.5").with_order_note("note").with_order_tags(
        [("source".to_owned(), "app".to_owned())]
            .into_iter()
            .collect::<flowwise::OrderTags>(),
    );
    assert_eq!(request.order_amount.to_string(), "2299.5");
    assert_eq!(request.order_note.as_deref(), Some("note"));
    assert_eq!(request.payment_methods, None);
}

#[test]
fn decimals_decode_exactly() {
    for text in ["2299.5", "99999999.99", "0.1", "22"] {
        let decoded: Decimal = serde_json::from_str(text).unwrap();
        assert_eq!(decoded.to_string(), text);
        assert_eq!(serde_json::to_string(&decoded).unwrap(), text);
    }
    let from_string: Decimal = serde_json::from_str("\"22.00\"").unwrap();
    assert_eq!(from_string.to_string(), "22");
}

#[tokio::test]
async fn debug_output_shows_bodies_as_text() {
    let server = CaptureServer::start(418, "text/plain", "short and stout");
    let error = client(&server.base_url)
        .get_order("o")
        .await
        .expect_err("418");
    let debug = format!("{error:?}");
    assert!(debug.contains(r#"body: "short and stout""#), "{debug}");
}
