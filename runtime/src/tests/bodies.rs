//! Response bodies: the size limit (announced and streamed), and the few
//! words an error gives for a body the API does not declare (the message of
//! a JSON error, the title of an HTML page, the start of a text).

use super::{build, reply, Server, GET_ORDER};
use crate::{decode_json, Error, NoDeclaredErrors, Request};

fn get_order() -> Request {
    let mut request = Request::new(&GET_ORDER);
    request.path_param("order_id", "o_1");
    request
}

async fn call(
    server: &Server,
    limit: Option<usize>,
) -> Result<serde_json::Value, Error<NoDeclaredErrors>> {
    let mut builder = server.client();
    if let Some(limit) = limit {
        builder = builder.max_response_body_bytes(limit);
    }
    build(builder)
        .execute::<serde_json::Value, NoDeclaredErrors>(get_order(), decode_json)
        .await
        .map(crate::Response::into_body)
}

#[tokio::test]
async fn a_body_within_the_limit_decodes() {
    // Exactly at the limit: 11 bytes of JSON around 89 of text.
    let body = format!("{{\"note\":\"{}\"}}", "x".repeat(89));
    assert_eq!(body.len(), 100);
    let server = Server::start(vec![reply(
        "200 OK",
        &[("content-type", "application/json")],
        &body,
    )])
    .await;
    let value = call(&server, Some(100)).await.expect("100 bytes fit");
    assert_eq!(value["note"].as_str().map(str::len), Some(89));
}

#[tokio::test]
async fn an_announced_length_over_the_limit_is_refused_before_reading() {
    let body = "x".repeat(101);
    let server = Server::start(vec![reply("200 OK", &[], &body)]).await;
    let error = call(&server, Some(100)).await.expect_err("too large");
    let Error::BodyTooLarge(too_large) = &error else {
        panic!("expected BodyTooLarge: {error:?}");
    };
    assert_eq!(too_large.status.as_u16(), 200);
    let message = error.to_string();
    assert!(message.contains("get_order"), "{message}");
    assert!(message.contains("100"), "the limit is named: {message}");
}

/// A chunked body announces no length: the limit applies as it streams in.
#[tokio::test]
async fn a_streamed_body_over_the_limit_is_cut_off() {
    let mut raw =
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n".to_vec();
    for _ in 0..8 {
        raw.extend_from_slice(format!("20\r\n{}\r\n", "y".repeat(32)).as_bytes());
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    let server = Server::start(vec![raw]).await;
    let error = call(&server, Some(200)).await.expect_err("256 bytes > 200");
    assert!(matches!(error, Error::BodyTooLarge(_)), "{error:?}");
}

#[tokio::test]
async fn the_default_limit_is_sixteen_mebibytes() {
    assert_eq!(
        crate::ClientBuilder::DEFAULT_MAX_RESPONSE_BODY_BYTES,
        16 * 1024 * 1024
    );
}

async fn unexpected(status: &str, headers: &[(&str, &str)], body: &str) -> String {
    let server = Server::start(vec![reply(status, headers, body)]).await;
    let client = build(server.client().retry_policy(crate::RetryPolicy::none()));
    let error = client
        .execute::<serde_json::Value, NoDeclaredErrors>(get_order(), decode_json)
        .await
        .expect_err("an error status");
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    error.to_string()
}

#[tokio::test]
async fn an_html_error_page_is_described_by_its_title() {
    let page = "<!DOCTYPE html>\n<html><head><TITLE>502 Bad\n  Gateway</TITLE></head><body>nginx</body></html>";
    let message = unexpected("502 Bad Gateway", &[], page).await;
    assert_eq!(
        message,
        "get_order: the server answered 502 Bad Gateway, which the API does not declare: \
         an HTML page titled \"502 Bad Gateway\""
    );
}

#[tokio::test]
async fn an_html_page_is_known_by_its_content_type_even_without_a_doctype() {
    let message = unexpected(
        "503 Service Unavailable",
        &[("content-type", "Text/HTML; charset=utf-8")],
        "  <body><h1>down for maintenance</h1></body>",
    )
    .await;
    assert!(message.ends_with(": an HTML page of 44 bytes"), "{message}");
}

#[tokio::test]
async fn an_html_title_is_cut_and_kept_on_one_line() {
    let title = format!("Error\r\n{}", "t".repeat(300));
    let message = unexpected(
        "500 Internal Server Error",
        &[],
        &format!("<html><title>{title}</title></html>"),
    )
    .await;
    let shown = message.split("titled \"").nth(1).expect("a title");
    assert!(shown.starts_with("Error ttt"), "{message}");
    assert!(shown.ends_with("…\""), "{message}");
    assert!(
        !message.contains('\r') && !message.contains('\n'),
        "{message}"
    );
    assert_eq!(
        shown.trim_end_matches('"').chars().count(),
        121,
        "120 characters and the ellipsis"
    );
}

#[tokio::test]
async fn a_json_error_is_described_by_its_message() {
    let message = unexpected(
        "500 Internal Server Error",
        &[
            ("content-type", "application/json"),
            ("x-request-id", "req-7"),
        ],
        r#"{"error": {"message": "the ledger is locked"}}"#,
    )
    .await;
    assert_eq!(
        message,
        "get_order: the server answered 500 Internal Server Error, which the API does not declare: \
         the ledger is locked (request id req-7)"
    );
}

#[tokio::test]
async fn a_binary_body_is_counted_not_printed() {
    let server = Server::start(vec![{
        let mut raw =
            b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 4\r\nconnection: close\r\n\r\n"
                .to_vec();
        raw.extend_from_slice(&[0xff, 0xfe, 0x00, 0x81]);
        raw
    }])
    .await;
    let client = build(server.client().retry_policy(crate::RetryPolicy::none()));
    let error = client
        .execute::<serde_json::Value, NoDeclaredErrors>(get_order(), decode_json)
        .await
        .expect_err("a 500");
    assert!(
        error.to_string().ends_with(": 4 bytes of binary data"),
        "{error}"
    );
}

#[tokio::test]
async fn an_unexpected_body_is_kept_up_to_sixty_four_kibibytes() {
    let body = "e".repeat(crate::MAX_ERROR_BODY_BYTES + 10);
    let server = Server::start(vec![reply("500 Internal Server Error", &[], &body)]).await;
    let client = build(server.client().retry_policy(crate::RetryPolicy::none()));
    let error = client
        .execute::<serde_json::Value, NoDeclaredErrors>(get_order(), decode_json)
        .await
        .expect_err("a 500");
    let Error::UnexpectedStatus(unexpected) = error else {
        panic!("expected an unexpected status");
    };
    assert_eq!(unexpected.body.len(), crate::MAX_ERROR_BODY_BYTES);
    assert!(unexpected.body_truncated);
}

#[tokio::test]
async fn a_body_that_does_not_decode_names_the_field() {
    let server = Server::start(vec![reply(
        "200 OK",
        &[("content-type", "application/json")],
        r#"{"items": [{"amount": 1}, {"amount": "two"}]}"#,
    )])
    .await;
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Item {
        amount: u32,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Page {
        items: Vec<Item>,
    }
    let error = build(server.client())
        .execute::<Page, NoDeclaredErrors>(get_order(), decode_json)
        .await
        .expect_err("the second amount is a string");
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error: {error:?}");
    };
    assert_eq!(decode.path, "items[1].amount");
}
