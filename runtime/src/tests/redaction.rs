//! Secrets stay secret: no `Debug` or `Display` of a credential, a client,
//! a builder or an error shows one.

use super::{build, header, reply, Server, GET_SECRET};
use crate::{decode_json, Error, NoDeclaredErrors, Request, SecretString};

const SECRET: &str = "sk_live_do_not_print_me";

#[test]
fn a_secret_string_prints_as_redacted() {
    let secret = SecretString::new(SECRET);
    assert_eq!(format!("{secret:?}"), "[redacted]");
    assert_eq!(format!("{secret}"), "[redacted]");
    assert_eq!(secret.expose_secret(), SECRET);
}

#[tokio::test]
async fn the_builder_and_the_client_show_which_credentials_not_what() {
    let server = Server::start(vec![reply("200 OK", &[], "{}")]).await;
    let builder = server.client().secret_credential("api_key", SECRET.into());
    let shown = format!("{builder:?}");
    assert!(
        shown.contains("api_key") && !shown.contains(SECRET),
        "{shown}"
    );
    let client = build(builder);
    let shown = format!("{client:?} {client:#?}");
    assert!(
        shown.contains("api_key") && !shown.contains(SECRET),
        "{shown}"
    );
}

#[tokio::test]
async fn the_credential_is_sent_but_never_shown_in_an_error() {
    // The server echoes nothing; the error still carries the request's
    // context: none of it may be the secret.
    let server = Server::start(vec![reply(
        "500 Internal Server Error",
        &[
            ("set-cookie", "session=s3cr3t-cookie"),
            ("www-authenticate", "Bearer realm=x"),
        ],
        "oops",
    )])
    .await;
    let client = build(
        server
            .client()
            .retry_policy(crate::RetryPolicy::none())
            .secret_credential("api_key", SECRET.into()),
    );
    let error = client
        .execute::<serde_json::Value, NoDeclaredErrors>(Request::new(&GET_SECRET), decode_json)
        .await
        .expect_err("a 500");
    let requests = server.requests();
    assert_eq!(header(&requests[0], "x-api-key"), Some(SECRET), "sent");
    let shown = format!("{error} {error:?} {error:#?}");
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(matches!(error, Error::UnexpectedStatus(_)));
}

#[tokio::test]
async fn a_missing_credential_is_named_by_scheme_before_anything_is_sent() {
    let server = Server::start(vec![reply("200 OK", &[], "{}")]).await;
    let client = build(server.client());
    let error = client
        .execute::<serde_json::Value, NoDeclaredErrors>(Request::new(&GET_SECRET), decode_json)
        .await
        .expect_err("no credential");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert_eq!(error.attempts(), 0);
    assert_eq!(
        error.to_string(),
        "get_secret: request not sent: it needs credentials the client does not have: api_key"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_credential_with_a_line_break_is_refused_when_the_client_is_built() {
    let server = Server::start(vec![reply("200 OK", &[], "{}")]).await;
    for scheme in ["api_key", "query_key"] {
        let result = server
            .client()
            .secret_credential(scheme, format!("{SECRET}\r\nx-evil: 1").into())
            .build();
        let error = result.expect_err("a line break");
        let shown = format!("{error} {error:?}");
        assert!(shown.contains(scheme), "{shown}");
        assert!(shown.contains("line break"), "{shown}");
        assert!(!shown.contains(SECRET), "{shown}");
    }
}
