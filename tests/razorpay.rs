//! The generated Razorpay Orders client (`specs/razorpay.yaml`): the seed
//! document's real responses decode, credentials go as HTTP basic auth, and
//! every operation passes Prism's validation.

mod support;

use std::path::Path;

use sdk_tests::razorpay::{
    Client, CreateOrderRequest, Error, FetchOrderError, Notes, OrderStatus, UpdateOrderRequest,
};
use support::capture::CaptureServer;
use support::prism::{Prism, PrismOptions};

/// The seed's success example, verbatim: `"notes": []` although notes is a map.
const SEED_SUCCESS: &str = r#"{ "id": "order_DaaS6LOUAASb7Y", "entity": "order", "amount": 2000, "amount_paid": 0, "amount_due": 2000, "currency": "INR", "receipt": null, "offer_id": "offer_JGQvQtvJmVDRIA", "offers": [ "offer_JGQvQtvJmVDRIA" ], "status": "created", "attempts": 0, "notes": [], "created_at": 1654776878 }"#;

/// The seed's failure example, verbatim.
const SEED_FAILURE: &str = r#"{ "error": { "code": "BAD_REQUEST_ERROR", "description": "The id provided does not exist", "source": "business", "step": "payment_initiation", "reason": "input_validation_failed", "metadata": {} } }"#;

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .basic_auth("rzp_test_key", "rzp_test_secret")
        .build()
        .expect("valid client")
}

#[tokio::test]
async fn the_seed_success_example_decodes() {
    let server = CaptureServer::start(200, "application/json", SEED_SUCCESS);
    let order = client(&server.base_url)
        .fetch_order("order_DaaS6LOUAASb7Y")
        .await
        .expect("decodes");
    assert_eq!(order.amount, 2000, "integer subunits");
    assert_eq!(order.status, OrderStatus::Created);
    assert_eq!(order.receipt, Some(None), "sent as null, not absent");
    assert_eq!(order.notes, Some(Notes::new()), "[] is an empty map");
    assert_eq!(order.created_at, 1_654_776_878);
    let request = server.next_request();
    assert_eq!(
        request.request_line,
        "GET /orders/order_DaaS6LOUAASb7Y HTTP/1.1"
    );
    // base64("rzp_test_key:rzp_test_secret")
    assert_eq!(
        request.header("authorization"),
        Some("Basic cnpwX3Rlc3Rfa2V5OnJ6cF90ZXN0X3NlY3JldA==")
    );
}

#[tokio::test]
async fn the_seed_failure_example_is_a_typed_error() {
    let server = CaptureServer::start(400, "application/json", SEED_FAILURE);
    let error = client(&server.base_url)
        .fetch_order("order_x")
        .await
        .expect_err("400");
    let Some(FetchOrderError::BadRequest(envelope)) = error.api_error() else {
        panic!("{error:?}")
    };
    assert_eq!(envelope.error.code, "BAD_REQUEST_ERROR");
    assert_eq!(
        envelope.error.reason.as_deref(),
        Some("input_validation_failed")
    );
    assert!(
        error.to_string().contains("The id provided does not exist"),
        "{error}"
    );
}

#[test]
fn only_an_empty_array_stands_for_an_empty_map() {
    let bad = SEED_SUCCESS.replace(r#""notes": []"#, r#""notes": ["x"]"#);
    let error = serde_json::from_str::<sdk_tests::razorpay::Order>(&bad).unwrap_err();
    assert!(error.to_string().contains("only an empty array"), "{error}");
}

fn prism() -> &'static Prism {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/razorpay.yaml");
    Prism::shared(
        &spec,
        PrismOptions {
            errors: true,
            dynamic: false,
        },
    )
}

#[tokio::test]
async fn every_operation_passes_validation_against_prism() {
    let client = client(prism().base_url());
    let notes: Notes = [("purpose".to_owned(), "tests".to_owned())]
        .into_iter()
        .collect();
    let created = client
        .create_order(
            &CreateOrderRequest::new(50_000, "INR")
                .with_receipt("receipt_1")
                .with_notes(notes.clone()),
        )
        .await
        .expect("create");
    assert_eq!(created.amount, 50_000);
    let page = client
        .list_orders()
        .authorized(1)
        .from(1_582_637_000)
        .count(10)
        .skip(0)
        .await
        .expect("list");
    assert_eq!(page.items.len(), 1);
    client.fetch_order(&created.id).await.expect("fetch");
    client
        .update_order(&created.id, &UpdateOrderRequest::new(notes))
        .await
        .expect("update");
    let violations = prism().violations();
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[tokio::test]
async fn a_forced_400_from_prism_is_the_typed_envelope() {
    let client = Client::builder()
        .base_url(prism().base_url())
        .basic_auth("k", "s")
        .default_header("Prefer", "code=400")
        .build()
        .unwrap();
    let error = client.fetch_order("order_missing").await.expect_err("400");
    assert!(matches!(&error, Error::Api(_)), "{error:?}");
    let Some(FetchOrderError::BadRequest(envelope)) = error.api_error() else {
        panic!("{error:?}")
    };
    assert_eq!(envelope.error.description, "The id provided does not exist");
}
