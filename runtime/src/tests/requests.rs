//! What goes on the wire: path values stay one segment, values that would
//! change the request's meaning (line breaks in headers, empty path ids)
//! are refused before sending, and the refusal says which and where.

use super::{build, header, reply, Server, GET_ORDER};
use crate::{decode_json, Error, NoDeclaredErrors, Request};

async fn send(server: &Server, request: Request) -> Result<(), Error<NoDeclaredErrors>> {
    build(server.client())
        .execute::<serde_json::Value, NoDeclaredErrors>(request, decode_json)
        .await
        .map(|_| ())
}

#[tokio::test]
async fn a_path_value_is_one_percent_encoded_segment() {
    let server = Server::start(vec![reply("200 OK", &[], "{}")]).await;
    let mut request = Request::new(&GET_ORDER);
    request.path_param("order_id", "a/b?c#d e..");
    request.query_param("expand", "items & refunds");
    send(&server, request).await.expect("sent");
    let requests = server.requests();
    let line = requests[0].lines().next().expect("a request line");
    assert_eq!(
        line,
        "GET /orders/a%2Fb%3Fc%23d%20e..?expand=items+%26+refunds HTTP/1.1"
    );
}

#[tokio::test]
async fn a_header_value_with_a_line_break_is_refused_before_sending() {
    let server = Server::start(vec![reply("200 OK", &[], "{}")]).await;
    for value in ["v1\r\nx-injected: yes", "v1\nx-injected: yes", "v1\0"] {
        let mut request = Request::new(&GET_ORDER);
        request.path_param("order_id", "o_1");
        request.header_param("x-api-version", value);
        let error = send(&server, request).await.expect_err("refused");
        let Error::InvalidRequest(invalid) = &error else {
            panic!("expected InvalidRequest: {error:?}");
        };
        assert_eq!(invalid.operation, "get_order");
        assert!(error.to_string().contains("`x-api-version`"), "{error}");
        assert_eq!(error.attempts(), 0);
        assert!(!error.is_retryable());
    }
    assert!(server.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn an_empty_or_dot_path_value_is_refused() {
    let server = Server::start(vec![reply("200 OK", &[], "{}")]).await;
    for value in ["", ".", ".."] {
        let mut request = Request::new(&GET_ORDER);
        request.path_param("order_id", value);
        let error = send(&server, request).await.expect_err("refused");
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
        assert!(
            error
                .to_string()
                .contains("path parameter `order_id` must not be"),
            "{error}"
        );
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_default_header_and_the_user_agent_are_sent() {
    let server = Server::start(vec![reply("200 OK", &[], "{}")]).await;
    let client = build(
        server
            .client()
            .default_header("x-tenant", "t-1")
            .user_agent("shop/1.2"),
    );
    let mut request = Request::new(&GET_ORDER);
    request.path_param("order_id", "o_1");
    client
        .execute::<serde_json::Value, NoDeclaredErrors>(request, decode_json)
        .await
        .expect("sent");
    let requests = server.requests();
    assert_eq!(header(&requests[0], "x-tenant"), Some("t-1"));
    assert_eq!(header(&requests[0], "user-agent"), Some("shop/1.2"));
}

#[test]
fn a_default_header_with_a_line_break_fails_the_build() {
    let result = crate::ClientBuilder::new(&super::API)
        .base_url("http://127.0.0.1:9")
        .default_header("x-tenant", "t-1\r\nx-evil: 1")
        .build();
    let error = result.expect_err("refused");
    assert!(error.to_string().contains("x-tenant"), "{error}");
}
