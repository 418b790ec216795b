//! Backoff and its jitter, `Retry-After` in both forms, which requests may
//! be replayed, and the idempotency key every attempt carries.

use std::time::Duration;

use reqwest::header::{HeaderValue, RETRY_AFTER};

use super::{header, reply, Server, CREATE_ORDER, GET_ORDER};
use crate::retries::{is_replayable, new_idempotency_key, retry_after};
use crate::{decode_json, Error, HeaderMap, Method, NoDeclaredErrors, Request, RetryPolicy};

#[test]
fn backoff_doubles_from_the_initial_wait_with_jitter_of_at_most_half() {
    let policy = RetryPolicy::default()
        .initial_backoff(Duration::from_millis(100))
        .max_backoff(Duration::from_secs(10));
    for (retry, full) in [(0, 100), (1, 200), (2, 400), (3, 800)] {
        let full = Duration::from_millis(full);
        for _ in 0..200 {
            let wait = policy.backoff(retry);
            assert!(
                wait >= full / 2 && wait <= full,
                "retry {retry}: {wait:?} is outside [{:?}, {full:?}]",
                full / 2
            );
        }
    }
}

#[test]
fn backoff_is_capped_at_the_longest_wait_even_for_many_retries() {
    let policy = RetryPolicy::default()
        .initial_backoff(Duration::from_millis(200))
        .max_backoff(Duration::from_secs(1));
    for retry in [3, 10, 31, u32::MAX] {
        let wait = policy.backoff(retry);
        assert!(
            wait >= Duration::from_millis(500) && wait <= Duration::from_secs(1),
            "retry {retry}: {wait:?}"
        );
    }
}

#[test]
fn jitter_spreads_the_waits() {
    let policy = RetryPolicy::default().initial_backoff(Duration::from_secs(1));
    let waits: std::collections::BTreeSet<Duration> = (0..50).map(|_| policy.backoff(0)).collect();
    assert!(waits.len() > 10, "{waits:?}");
}

fn with_retry_after(value: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        RETRY_AFTER,
        HeaderValue::from_str(value).expect("a header value"),
    );
    headers
}

#[test]
fn retry_after_in_seconds() {
    assert_eq!(
        retry_after(&with_retry_after("120")),
        Some(Duration::from_secs(120))
    );
    assert_eq!(retry_after(&with_retry_after(" 0 ")), Some(Duration::ZERO));
    assert_eq!(retry_after(&HeaderMap::new()), None);
    assert_eq!(retry_after(&with_retry_after("soon")), None);
    assert_eq!(retry_after(&with_retry_after("-5")), None);
}

#[test]
fn retry_after_as_an_http_date() {
    let in_a_minute = chrono::Utc::now() + chrono::Duration::seconds(60);
    let date = in_a_minute.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let wait = retry_after(&with_retry_after(&date)).expect("an HTTP date");
    // The date has whole seconds; the clock has moved on since.
    assert!(
        wait > Duration::from_secs(57) && wait <= Duration::from_secs(60),
        "{date}: {wait:?}"
    );
}

#[test]
fn retry_after_a_past_date_is_no_wait_in_every_date_form() {
    for date in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ] {
        assert_eq!(
            retry_after(&with_retry_after(date)),
            Some(Duration::ZERO),
            "{date}"
        );
    }
    assert_eq!(
        retry_after(&with_retry_after("Sun, 32 Nov 1994 08:49:37 GMT")),
        None
    );
}

#[test]
fn only_idempotent_methods_or_keyed_requests_are_replayable() {
    let url = reqwest::Url::parse("https://api.test/orders").expect("a URL");
    for (method, replayable) in [
        (Method::GET, true),
        (Method::PUT, true),
        (Method::DELETE, true),
        (Method::POST, false),
        (Method::PATCH, false),
    ] {
        let request = reqwest::Request::new(method.clone(), url.clone());
        assert_eq!(is_replayable(&request), replayable, "{method}");
    }
    let mut keyed = reqwest::Request::new(Method::POST, url);
    keyed
        .headers_mut()
        .insert("idempotency-key", HeaderValue::from_static("k-1"));
    assert!(is_replayable(&keyed));
}

#[test]
fn idempotency_keys_are_fresh_version_4_uuids() {
    let key = new_idempotency_key();
    let groups: Vec<usize> = key.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12], "{key}");
    assert!(
        key.chars().all(|c| c == '-' || c.is_ascii_hexdigit()),
        "{key}"
    );
    assert_eq!(key.chars().nth(14), Some('4'), "version: {key}");
    assert!(
        matches!(key.chars().nth(19), Some('8' | '9' | 'a' | 'b')),
        "variant: {key}"
    );
    let keys: std::collections::BTreeSet<String> =
        (0..1000).map(|_| new_idempotency_key()).collect();
    assert_eq!(keys.len(), 1000);
}

#[tokio::test]
async fn every_retry_of_a_post_carries_the_same_idempotency_key() {
    let server = Server::start(vec![
        reply("503 Service Unavailable", &[("retry-after", "0")], ""),
        reply("502 Bad Gateway", &[], ""),
        reply("200 OK", &[("content-type", "application/json")], "{}"),
    ])
    .await;
    let client = super::build(server.client());
    let mut request = Request::new(&CREATE_ORDER);
    request.idempotency_key("idempotency-key", None);
    request.json_body(&serde_json::json!({"amount": 1}));
    let response = client
        .execute::<serde_json::Value, NoDeclaredErrors>(request, decode_json)
        .await
        .expect("the third attempt succeeds");
    assert_eq!(response.status(), 200);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let keys: Vec<&str> = requests
        .iter()
        .map(|request| header(request, "idempotency-key").expect("a key"))
        .collect();
    assert_eq!(keys[0].len(), 36, "{keys:?}");
    assert!(keys.iter().all(|key| *key == keys[0]), "{keys:?}");
    assert!(requests
        .iter()
        .all(|request| request.ends_with("{\"amount\":1}")));
}

#[tokio::test]
async fn a_post_without_a_key_is_not_replayed_after_an_answer() {
    let server = Server::start(vec![
        reply("503 Service Unavailable", &[], ""),
        reply("200 OK", &[], "{}"),
    ])
    .await;
    let client = super::build(server.client());
    let result = client
        .execute::<serde_json::Value, NoDeclaredErrors>(Request::new(&CREATE_ORDER), decode_json)
        .await;
    let Err(Error::UnexpectedStatus(error)) = result else {
        panic!("expected the 503: {result:?}");
    };
    assert_eq!((error.status.as_u16(), error.attempts), (503, 1));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_returns_the_answer() {
    let server = Server::start(vec![
        reply("429 Too Many Requests", &[("retry-after", "3600")], ""),
        reply("200 OK", &[], "{}"),
    ])
    .await;
    let client = super::build(server.client());
    let mut request = Request::new(&GET_ORDER);
    request.path_param("order_id", 1);
    let result = client
        .execute::<serde_json::Value, NoDeclaredErrors>(request, decode_json)
        .await;
    let error = result.expect_err("the 429 is returned");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(error.attempts(), 1);
    assert!(error.is_retryable());
    assert_eq!(server.requests().len(), 1);
}
