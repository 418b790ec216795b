//! Clients generated from OpenAPI 3.1, 3.2 and Swagger 2.0 fixtures, on
//! the wire: what each version's constructs become is sent and decoded as
//! the spec means (`tests/fixtures/openapi31_features.yaml`,
//! `openapi32_features.yaml`, `swagger2_store.yaml`).

mod support;

use sdk_tests::fixtures::{openapi31_features, openapi32_features, swagger2_store};
use support::capture::{Canned, CaptureServer};

/// 3.1 `const` tags: the variant is chosen by `kind`, not by trying each
/// in turn (both variants would accept an object with `last4` and `vpa`).
#[test]
fn const_tags_choose_the_variant() {
    use openapi31_features::PaymentMethod;
    let upi: PaymentMethod =
        serde_json::from_str(r#"{"kind": "upi", "vpa": "a@b", "last4": "4242"}"#)
            .expect("a upi payment");
    assert!(matches!(upi, PaymentMethod::Upi(_)), "{upi:?}");
    let card: PaymentMethod =
        serde_json::from_str(r#"{"kind": "card", "last4": "4242", "vpa": "a@b"}"#)
            .expect("a card payment");
    assert!(matches!(card, PaymentMethod::Card(_)), "{card:?}");
    // A tag the spec does not list falls back to the first variant that
    // fits, as for declared discriminators, and the tag is kept as it came.
    let unknown: PaymentMethod =
        serde_json::from_str(r#"{"kind": "cash", "last4": "1"}"#).expect("a variant that fits");
    let PaymentMethod::Card(card) = unknown else {
        panic!("the first variant that fits: {unknown:?}");
    };
    assert_eq!(serde_json::to_value(&card.kind).expect("encodes"), "cash");
}

/// `prefixItems` is a tuple; a `type` list with `"null"` is an `Option`;
/// a `type` list of several types is a union.
#[test]
fn tuples_nullable_type_lists_and_unions_decode() {
    use openapi31_features::{Payment, PaymentMethod, PaymentReference};
    let payment: Payment = serde_json::from_str(
        r#"{"id": "pay_1", "status": "succeeded", "reference": 42, "captured_at": null,
            "attempts": [["2026-01-02T03:04:05Z", {"kind": "card", "last4": "4242"}]]}"#,
    )
    .expect("a payment");
    assert!(
        matches!(payment.reference, PaymentReference::Integer(42)),
        "{:?}",
        payment.reference
    );
    assert_eq!(payment.captured_at, Some(None), "present and null");
    let attempts = payment.attempts.as_deref().expect("attempts");
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].0.to_rfc3339(), "2026-01-02T03:04:05+00:00");
    assert!(matches!(attempts[0].1, PaymentMethod::Card(_)));
    let back = serde_json::to_value(&payment).expect("encodes");
    assert_eq!(back["attempts"][0][1]["last4"], "4242");
    let too_long = r#"{"id": "p", "status": "pending", "reference": "r",
        "attempts": [["2026-01-02T03:04:05Z", {"kind": "card", "last4": "1"}, 3]]}"#;
    assert!(
        serde_json::from_str::<Payment>(too_long).is_err(),
        "a tuple has exactly its items"
    );
}

/// A webhook's payload has a type of its own.
#[test]
fn webhook_payloads_are_typed() {
    let payload: openapi31_features::PaymentSucceededPayload =
        serde_json::from_str(r#"{"payment_id": "pay_1", "amount": 100, "note": null}"#)
            .expect("a payload");
    assert_eq!(payload.amount, 100);
}

/// A 3.2 `query` operation is sent as `QUERY` with its body, decodes its
/// response, and is retried like the other idempotent methods.
#[tokio::test]
async fn query_operations_are_sent_as_query_and_retried() {
    let server = CaptureServer::scripted(vec![
        Canned::new(503, "text/plain", "busy"),
        Canned::new(200, "application/json", r#"[{"id": "ev_1"}]"#),
    ]);
    let client = openapi32_features::Client::builder()
        .base_url(&server.base_url)
        .build()
        .expect("a client");
    let body = openapi32_features::SearchEventsRequest::new("payment").with_limit(5);
    // Through the nested tag groups (3.2 `parent`): Catalog > Events > Search.
    let found = client
        .catalog()
        .events()
        .search()
        .events(&body)
        .await
        .expect("found after one retry");
    assert_eq!(found.body()[0].id, "ev_1");
    for _ in 0..2 {
        let request = server.next_request();
        assert_eq!(request.request_line, "QUERY /events/search HTTP/1.1");
        let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("a JSON body");
        assert_eq!(sent, serde_json::json!({"kind": "payment", "limit": 5}));
    }
}

/// A form-encoded 3.2 `querystring` is the fields of its object, each a
/// query parameter.
#[tokio::test]
async fn a_form_querystring_sends_its_fields() {
    let server = CaptureServer::start(200, "text/event-stream", "data: x\n\n");
    let client = openapi32_features::Client::builder()
        .base_url(&server.base_url)
        .build()
        .expect("a client");
    let filter = openapi32_features::StreamEventsFilter::new()
        .with_kind("payment")
        .with_since("2026-01-01");
    client
        .stream_events()
        .filter(filter)
        .await
        .expect("the stream's bytes");
    let request = server.next_request();
    assert_eq!(
        request.request_line,
        "GET /events?kind=payment&since=2026-01-01 HTTP/1.1"
    );
}

/// A 3.2 additional operation is sent with its method as written, and,
/// since nothing says `PURGE` is idempotent, a `503` is not retried.
#[tokio::test]
async fn additional_operations_are_sent_with_their_method() {
    let server = CaptureServer::scripted(vec![
        Canned::new(503, "text/plain", "busy"),
        Canned::new(204, "text/plain", ""),
    ]);
    let client = openapi32_features::Client::builder()
        .base_url(&server.base_url)
        .build()
        .expect("a client");
    let error = client
        .purge_event("ev 1")
        .await
        .expect_err("a 503 is the answer: PURGE is not retried");
    assert_eq!(
        error.status().map(|status| status.as_u16()),
        Some(503),
        "{error}"
    );
    let request = server.next_request();
    assert_eq!(request.request_line, "PURGE /events/ev%201 HTTP/1.1");
    client.purge_event("ev_2").await.expect("purged");
    assert_eq!(
        server.next_request().request_line,
        "PURGE /events/ev_2 HTTP/1.1"
    );
}

/// A 3.2 `querystring` of JSON is typed, and the whole query string is its
/// JSON text, percent-encoded; one of plain text is the caller's text.
#[tokio::test]
async fn json_and_text_querystrings_are_the_whole_query() {
    let server = CaptureServer::scripted(vec![
        Canned::new(204, "text/plain", ""),
        Canned::new(204, "text/plain", ""),
    ]);
    let client = openapi32_features::Client::builder()
        .base_url(&server.base_url)
        .build()
        .expect("a client");
    let selector =
        openapi32_features::LookupEventsSelector::new(vec!["ev_1".to_owned(), "ev 2".to_owned()]);
    client
        .lookup_events()
        .selector(selector)
        .await
        .expect("found");
    let request = server.next_request();
    let query = request
        .request_line
        .strip_prefix("GET /events/lookup?")
        .and_then(|rest| rest.strip_suffix(" HTTP/1.1"))
        .expect("a query string");
    assert_eq!(query, "%7B%22ids%22:%5B%22ev_1%22,%22ev%202%22%5D%7D");
    let decoded = percent_encoding::percent_decode_str(query)
        .decode_utf8()
        .expect("UTF-8");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&decoded).expect("JSON"),
        serde_json::json!({"ids": ["ev_1", "ev 2"]})
    );
    client
        .raw_events("kind=payment&amount>100")
        .await
        .expect("found");
    assert_eq!(
        server.next_request().request_line,
        "GET /events/raw?kind=payment&amount%3E100 HTTP/1.1"
    );
}

/// A 3.2 `defaultMapping` takes the tags the mapping does not list, and a
/// payload without a tag; the listed tags choose their variants.
#[test]
fn default_mapping_takes_unlisted_tags() {
    use openapi32_features::PaymentMethod;
    let decode = |json: serde_json::Value| {
        serde_json::from_value::<PaymentMethod>(json).expect("a payment method")
    };
    let card = decode(serde_json::json!({"kind": "card", "last4": "4242"}));
    assert!(
        matches!(card, PaymentMethod::Card(ref c) if c.last4 == "4242"),
        "{card:?}"
    );
    // `vpa` alone would fit `Upi`, but the tag says otherwise.
    let other = decode(serde_json::json!({"kind": "crypto", "vpa": "a@b"}));
    assert!(
        matches!(other, PaymentMethod::OtherMethod(ref o) if o.kind.as_deref() == Some("crypto")),
        "{other:?}"
    );
    let untagged = decode(serde_json::json!({"vpa": "a@b"}));
    assert!(
        matches!(untagged, PaymentMethod::OtherMethod(_)),
        "{untagged:?}"
    );
}

/// 3.2 `Server.name` names the environments.
#[test]
fn server_names_name_the_environments() {
    use openapi32_features::Environment;
    assert_eq!(Environment::Live.url(), "https://live.example.com");
    assert_eq!(Environment::Sandbox.url(), "https://sandbox.example.com");
}

/// Swagger 2.0: `collectionFormat`, form fields and file uploads are sent
/// as 2.0 says, and `host` + `basePath` + `schemes` are the servers.
#[tokio::test]
async fn swagger_2_parameters_and_form_bodies_on_the_wire() {
    use swagger2_store::{AddNoteRequest, Client, Environment, ListOrdersStatusItem};
    assert_eq!(Environment::default().url(), "https://api.store.example/v2");
    let server = CaptureServer::start(200, "application/json", "[]");
    let client = Client::builder()
        .base_url(&server.base_url)
        .api_key("key_1")
        .build()
        .expect("a client");
    client
        .list_orders()
        .status(&[ListOrdersStatusItem::Open, ListOrdersStatusItem::Paid])
        .ids(&["a".to_owned(), "b".to_owned()])
        .page_size(10)
        .await
        .expect("orders");
    let request = server.next_request();
    let target = request.request_line.split(' ').nth(1).expect("a target");
    // `multi`: one pair per value; the 2.0 default `csv`: one comma-joined value.
    assert!(target.contains("status=open&status=paid"), "{target}");
    assert!(
        target.contains("ids=a%2Cb") || target.contains("ids=a,b"),
        "{target}"
    );
    assert!(target.contains("page_size=10"), "{target}");
    assert_eq!(request.header("x-api-key"), Some("key_1"));

    client
        .add_note("ord_1", &AddNoteRequest::new("call back").with_pinned(true))
        .await
        .expect("note added");
    let request = server.next_request();
    assert_eq!(request.request_line, "POST /orders/ord_1/notes HTTP/1.1");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        "text=call+back&pinned=true"
    );
}
