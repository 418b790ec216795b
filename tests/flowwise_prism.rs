//! The generated Flowwise client against Prism serving `specs/flowwise.yaml`
//! with `--errors`: requests must pass Prism's validation, and forced error
//! statuses must come back as the typed errors.

mod support;

use std::path::Path;

use flowwise::{
    Client, CreateOrderError, CreateOrderRequest, CustomerDetails, Error, GetOrderError,
};
use support::prism::{Prism, PrismOptions};

fn prism() -> &'static Prism {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/flowwise.yaml");
    Prism::shared(
        &spec,
        PrismOptions {
            errors: true,
            dynamic: false,
        },
    )
}

fn client(prefer: Option<&str>) -> Client {
    let mut builder = Client::builder()
        .base_url(prism().base_url())
        .api_key_auth("cid_test")
        .api_secret("secret_test");
    if let Some(prefer) = prefer {
        builder = builder.default_header("Prefer", prefer);
    }
    builder.build().expect("valid client")
}

fn sample_order(order_id: &str) -> CreateOrderRequest {
    let customer = CustomerDetails::new()
        .with_customer_email("priya.sharma@example.com")
        .with_customer_phone("+919876543210");
    CreateOrderRequest::new(
        order_id,
        "2299.5".parse::<flowwise::Decimal>().unwrap(),
        "INR",
        customer,
    )
    .with_expiry_time_in_minutes(120)
    .with_order_tags(
        [("source".to_owned(), "tests".to_owned())]
            .into_iter()
            .collect::<flowwise::OrderTags>(),
    )
    .with_return_base_url("https://mystore.com/payment-success")
}

fn assert_no_violations() {
    let violations = prism().violations();
    assert!(
        violations.is_empty(),
        "Prism reported validation violations:\n{}",
        violations.join("\n")
    );
}

#[tokio::test]
async fn create_order_passes_validation_and_decodes() {
    let created = client(None)
        .create_order(&sample_order("order_e2e_1"))
        .await
        .expect("create_order succeeds");
    assert_eq!(created.status(), 200);
    assert_eq!(created.order_status.as_deref(), Some("ACTIVE"));
    assert!(created.order_expiry_time.is_some());
    assert_no_violations();
}

#[tokio::test]
async fn get_order_passes_validation_and_decodes() {
    let order = client(None)
        .get_order("order_summer_fashion_001")
        .await
        .expect("get_order succeeds");
    assert_eq!(order.order_id.as_deref(), Some("order_summer_fashion_001"));
    assert_eq!(
        order.checkout_url.as_deref(),
        Some("https://payments.flowwise.com/checkout/order_summer_fashion_001")
    );
    assert_no_violations();
}

#[tokio::test]
async fn get_order_not_found_is_typed() {
    let error = client(Some("code=404"))
        .get_order("missing")
        .await
        .expect_err("404");
    match error.api_error() {
        Some(GetOrderError::NotFound(body)) => assert_eq!(body.code, "order_not_found"),
        other => panic!("expected NotFound, got {other:?} from {error:?}"),
    }
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn every_declared_error_status_is_typed() {
    for (code, expected) in [
        (400, "invalid_order_id"),
        (401, "unauthorized"),
        (500, "internal_error"),
    ] {
        let error = client(Some(&format!("code={code}")))
            .get_order("x")
            .await
            .expect_err("error");
        let body = match error.api_error() {
            Some(
                GetOrderError::BadRequest(b)
                | GetOrderError::Unauthorized(b)
                | GetOrderError::InternalServerError(b),
            ) => b,
            other => panic!("{code}: {other:?}"),
        };
        assert_eq!(body.code, expected);
        assert_eq!(error.status().map(|s| s.as_u16()), Some(code));
    }
    for (code, expected) in [
        (400, "invalid_amount"),
        (401, "unauthorized"),
        (500, "internal_error"),
    ] {
        let error = client(Some(&format!("code={code}")))
            .create_order(&sample_order("o"))
            .await
            .expect_err("error");
        let body = match error.api_error() {
            Some(
                CreateOrderError::BadRequest(b)
                | CreateOrderError::Unauthorized(b)
                | CreateOrderError::InternalServerError(b),
            ) => b,
            other => panic!("{code}: {other:?}"),
        };
        assert_eq!(body.code, expected);
    }
}

#[tokio::test]
async fn prism_rejects_requests_without_credentials_so_validation_is_live() {
    // The client refuses to send without credentials; a raw request shows
    // that Prism does check them (so the green tests above mean something).
    // A server of its own, so the violation it causes is not seen by the
    // tests that assert there are none.
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/flowwise.yaml");
    let own = Prism::start(
        &spec,
        PrismOptions {
            errors: true,
            dynamic: false,
        },
    )
    .expect("prism starts");
    let response = reqwest::get(format!("{}/orders/x", own.base_url()))
        .await
        .expect("prism answers");
    assert_eq!(response.status(), 401);
    assert_eq!(own.violations().len(), 1, "{}", own.output());
    assert!(matches!(
        Client::builder()
            .base_url(own.base_url())
            .build()
            .unwrap()
            .get_order("x")
            .await,
        Err(Error::InvalidRequest(_))
    ));
}
