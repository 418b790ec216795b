//! The generated `webhooks` modules on signed requests: the event is chosen
//! by a body tag, a header or the payload's shape, unknown events are kept
//! whole, and nothing is parsed before the signature verifies
//! (`tests/fixtures/payment_webhooks.yaml`, signed with Standard Webhooks, and
//! Cashfree's own callbacks, signed as Cashfree signs them).
//!
//! The requests are signed here with the `hmac` and `sha2` crates
//! directly, as a provider would, not with the runtime's verifier.

use base64::Engine as _;
use hmac::Mac as _;
use sdk_tests::fixtures::payment_webhooks::webhooks::{self as events, WebhookEvent};
use sdk_tests::fixtures::payment_webhooks::{SecretString, runtime};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// The Standard Webhooks secret: `whsec_` and the base64 of the key.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

fn hmac(key: &[u8], content: &[u8]) -> Vec<u8> {
    let mut mac = HmacSha256::new_from_slice(key).expect("any key length");
    mac.update(content);
    mac.finalize().into_bytes().to_vec()
}

/// The headers Standard Webhooks sends with `body`, signed with `secret`
/// at `timestamp`, plus `extra`.
fn signed(
    secret: &str,
    timestamp: u64,
    body: &str,
    extra: &[(&'static str, &str)],
) -> runtime::HeaderMap {
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.trim_start_matches("whsec_"))
        .expect("a base64 key");
    let id = "msg_2Lh9KRb0pzN4LePd";
    let content = format!("{id}.{timestamp}.{body}");
    let signature =
        base64::engine::general_purpose::STANDARD.encode(hmac(&key, content.as_bytes()));
    let mut headers = runtime::HeaderMap::new();
    headers.insert("webhook-id", id.parse().expect("a header value"));
    headers.insert(
        "webhook-timestamp",
        timestamp.to_string().parse().expect("a header value"),
    );
    headers.insert(
        "webhook-signature",
        format!("v1,{signature}").parse().expect("a header value"),
    );
    for (name, value) in extra {
        headers.insert(*name, value.parse().expect("a header value"));
    }
    headers
}

fn verify_and_parse(
    headers: &runtime::HeaderMap,
    body: &str,
) -> Result<WebhookEvent, runtime::WebhookError> {
    let verifier = events::verifier(SecretString::new(SECRET));
    WebhookEvent::verify_and_parse(&verifier, headers, body.as_bytes())
}

#[test]
fn the_spec_names_its_signature_scheme() {
    assert_eq!(
        events::SIGNATURE_SCHEME,
        runtime::SignatureScheme::StandardWebhooks
    );
}

/// A body tag (`type`, an `enum` of one value in one webhook and a `const`
/// in the other) chooses the event; the amount stays exact.
#[test]
fn a_body_tag_chooses_the_event() {
    let body = r#"{"type":"payment.succeeded","payment_id":"pay_1","amount":2299.50}"#;
    let event = verify_and_parse(&signed(SECRET, now(), body, &[]), body).expect("a payment event");
    let WebhookEvent::PaymentSucceeded(payment) = &event else {
        panic!("{event:?}");
    };
    assert_eq!(payment.payment_id, "pay_1");
    let exact: sdk_tests::fixtures::payment_webhooks::Decimal =
        "2299.50".parse().expect("a decimal");
    assert_eq!(payment.amount, exact);
    assert_eq!(event.name(), Some("paymentSucceeded"));

    let body = r#"{"type":"payment.failed","payment_id":"pay_2","reason":"card declined"}"#;
    let event = verify_and_parse(&signed(SECRET, now(), body, &[]), body).expect("a failure event");
    assert!(
        matches!(&event, WebhookEvent::PaymentFailed(failed) if failed.reason == "card declined"),
        "{event:?}"
    );
}

/// A header chooses the event; without the header, the same body is the
/// webhook its shape fits, or unknown.
#[test]
fn a_header_chooses_the_event() {
    let body = r#"{"refund_id":"rf_1","amount":10}"#;
    let headers = signed(SECRET, now(), body, &[("x-event-kind", "refund")]);
    let event = verify_and_parse(&headers, body).expect("a refund event");
    assert!(
        matches!(&event, WebhookEvent::RefundCreated(refund) if refund.refund_id == "rf_1"),
        "{event:?}"
    );
    let event = verify_and_parse(&signed(SECRET, now(), body, &[]), body).expect("parsed");
    assert!(matches!(event, WebhookEvent::Unknown(_)), "{event:?}");
}

#[test]
fn the_shape_chooses_an_event_with_no_tag() {
    let body = r#"{"dispute_id":"dp_1"}"#;
    let event = verify_and_parse(&signed(SECRET, now(), body, &[]), body).expect("a dispute event");
    assert!(
        matches!(&event, WebhookEvent::DisputeOpened(dispute) if dispute.dispute_id == "dp_1"),
        "{event:?}"
    );
}

/// An event the spec does not list is kept whole: headers and raw body.
#[test]
fn an_unknown_event_is_kept_whole() {
    let body = r#"{"type":"payout.sent","payout_id":"po_1"}"#;
    let event = verify_and_parse(&signed(SECRET, now(), body, &[]), body).expect("parsed");
    let WebhookEvent::Unknown(unknown) = &event else {
        panic!("{event:?}");
    };
    assert_eq!(unknown.body, body.as_bytes());
    assert!(unknown.headers.contains_key("webhook-id"));
    assert_eq!(
        unknown.json(),
        Some(serde_json::json!({"type": "payout.sent", "payout_id": "po_1"}))
    );
    assert_eq!(event.name(), None);
}

/// A body that carries a webhook's tag and does not decode as its payload
/// is an error naming the field, not an unknown event.
#[test]
fn a_tagged_body_that_does_not_decode_is_an_error() {
    let body = r#"{"type":"payment.succeeded","payment_id":"pay_1","amount":"lots"}"#;
    let error =
        verify_and_parse(&signed(SECRET, now(), body, &[]), body).expect_err("a bad amount");
    let runtime::WebhookError::Decode { webhook, path, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!((*webhook, path.as_str()), ("paymentSucceeded", "amount"));
    assert!(error.to_string().contains("`amount`"), "{error}");

    let error = WebhookEvent::parse(&runtime::HeaderMap::new(), b"not json").expect_err("not JSON");
    assert!(
        matches!(error, runtime::WebhookError::NotJson { .. }),
        "{error:?}"
    );
}

/// Nothing is parsed before the signature verifies: another secret, a body
/// changed by one byte, a missing header and a stale timestamp are each
/// refused as a signature error.
#[test]
fn a_request_whose_signature_does_not_verify_is_refused() {
    let body = r#"{"type":"payment.succeeded","payment_id":"pay_1","amount":2299.50}"#;
    let refused = |headers: &runtime::HeaderMap, body: &str| match verify_and_parse(headers, body) {
        Err(runtime::WebhookError::Signature(error)) => error,
        other => panic!("not refused for its signature: {other:?}"),
    };
    let other_secret = "whsec_dGhlIG90aGVyIHNlY3JldCBrZXkgb2YgMzIgYnl0ZXM=";
    refused(&signed(other_secret, now(), body, &[]), body);
    let changed = body.replace("2299.50", "2299.51");
    refused(&signed(SECRET, now(), body, &[]), &changed);
    let mut missing = signed(SECRET, now(), body, &[]);
    missing.remove("webhook-signature");
    let error = refused(&missing, body);
    assert!(
        error
            .to_string()
            .to_lowercase()
            .contains("webhook-signature"),
        "{error}"
    );
    let stale = refused(&signed(SECRET, now() - 600, body, &[]), body);
    assert!(
        matches!(stale, runtime::SignatureError::StaleTimestamp { .. }),
        "{stale:?}"
    );
}

/// Cashfree's payment webhook (its spec's only callback), signed as
/// Cashfree signs: base64 of HMAC-SHA256 over the timestamp and the body.
#[test]
fn a_signed_cashfree_payment_webhook_is_parsed() {
    use sdk_tests::cashfree_pg::webhooks::{self as cashfree, WebhookEvent as CashfreeEvent};
    use sdk_tests::cashfree_pg::{SecretString, runtime};
    let secret = "cf_test_client_secret_0123456789";
    let body = r#"{"data":{"order":{"order_id":"order_OFR_2","order_amount":2,"order_currency":"INR","order_tags":null},"payment":{"cf_payment_id":"1453002795","payment_status":"SUCCESS","payment_amount":1,"payment_currency":"INR","payment_time":"2022-12-15T12:20:29+05:30"}},"event_time":"2022-12-15T12:20:33+05:30","type":"PAYMENT_SUCCESS_WEBHOOK"}"#;
    let timestamp = (now() * 1000).to_string();
    let signature = base64::engine::general_purpose::STANDARD.encode(hmac(
        secret.as_bytes(),
        format!("{timestamp}{body}").as_bytes(),
    ));
    let mut headers = runtime::HeaderMap::new();
    headers.insert(
        "x-webhook-timestamp",
        timestamp.parse().expect("a header value"),
    );
    headers.insert(
        "x-webhook-signature",
        signature.parse().expect("a header value"),
    );
    let verifier = cashfree::verifier(SecretString::new(secret));
    let event = CashfreeEvent::verify_and_parse(&verifier, &headers, body.as_bytes())
        .expect("a verified payment webhook");
    let CashfreeEvent::PaymentWebhook(payment) = &event else {
        panic!("{event:?}");
    };
    assert_eq!(payment.r#type.as_deref(), Some("PAYMENT_SUCCESS_WEBHOOK"));
    let order = payment
        .data
        .as_ref()
        .and_then(|data| data.order.as_ref())
        .expect("the order");
    assert_eq!(order.order_id.as_deref(), Some("order_OFR_2"));

    let tampered = body.replace("\"order_amount\":2", "\"order_amount\":20000");
    let error = CashfreeEvent::verify_and_parse(&verifier, &headers, tampered.as_bytes())
        .expect_err("a changed amount");
    assert!(
        matches!(error, runtime::WebhookError::Signature(_)),
        "{error:?}"
    );
}
