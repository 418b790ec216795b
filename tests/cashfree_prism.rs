//! The generated Cashfree PG client (from `../shared/specs/cashfree-pg.yaml`)
//! against Prism serving that spec. Cashfree's own examples contradict its
//! schemas in places, so Prism runs without `--errors` (it answers with the
//! examples); every request must still pass Prism's request validation.

mod support;

use std::path::Path;

use sdk_tests::cashfree_pg::{
    Client, CreateCustomerRequest, CreateLinkRequest, CreateOrderRequest, CreatePlanRequest,
    CustomerDetails, EligibilityFetchPaymentMethodsRequest, LinkCustomerDetailsEntity,
    OrderCreateRefundRequest, PayOrderRequest, PayOrderRequestPaymentMethod, PaymentMethodsQueries,
    TerminateOrderRequest, Upi, UpiChannel, UpiPaymentMethod,
};
use support::prism::{Prism, PrismOptions};

fn prism() -> &'static Prism {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/specs/cashfree-pg.yaml");
    Prism::shared(
        &spec,
        PrismOptions {
            errors: false,
            dynamic: false,
        },
    )
}

fn client() -> Client {
    client_with(None)
}

/// `Prefer: dynamic=true` makes Prism answer with data generated from the
/// response schema instead of the spec's example: for calls whose example
/// contradicts the schema.
fn client_with(prefer: Option<&str>) -> Client {
    let mut builder = Client::builder()
        .base_url(prism().base_url())
        .x_client_id("TEST_CLIENT_ID")
        .x_client_secret("TEST_CLIENT_SECRET");
    if let Some(prefer) = prefer {
        builder = builder.default_header("Prefer", prefer);
    }
    builder.build().expect("valid client")
}

/// Runs after each call: a request Prism found invalid would be listed here.
fn assert_no_violations() {
    let violations = prism().violations();
    assert!(
        violations.is_empty(),
        "Prism reported request violations:\n{}",
        violations.join("\n")
    );
}

#[tokio::test]
async fn orders_create_fetch_and_terminate() {
    let client = client();
    let order = CreateOrderRequest::new(CustomerDetails::new("cust_1", "9999999999"), 100, "INR")
        .with_order_id("order_e2e_1");
    let created = client.pg_create_order(&order).await.expect("create order");
    assert_eq!(created.status(), 200);
    assert!(created.order_id.is_some());
    let fetched = client
        .pg_fetch_order("order_e2e_1")
        .await
        .expect("fetch order");
    assert!(fetched.order_amount.is_some());
    client
        .pg_terminate_order("order_e2e_1", &TerminateOrderRequest::new("TERMINATED"))
        .await
        .expect("terminate order");
    assert_no_violations();
}

#[tokio::test]
async fn pay_order_sends_a_one_of_payment_method() {
    let upi =
        UpiPaymentMethod::new(Upi::new(UpiChannel::Collect).with_upi_id("testsuccess@gocash"));
    let body = PayOrderRequest::new(PayOrderRequestPaymentMethod::Upi(upi), "session_abc");
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(json["payment_method"]["upi"]["channel"], "collect");
    client().pg_pay_order(&body).await.expect("pay order");
    assert_no_violations();
}

#[tokio::test]
async fn payments_refunds_and_their_lists() {
    let client = client();
    let payments = client
        .pg_order_fetch_payments("order_1")
        .await
        .expect("payments");
    assert!(!payments.is_empty());
    let refund = OrderCreateRefundRequest::new(1, "refund_e2e_1");
    client
        .pg_order_create_refund("order_1", &refund)
        .await
        .expect("create refund");
    client
        .pg_order_fetch_refunds("order_1")
        .await
        .expect("refunds");
    assert_no_violations();
}

#[tokio::test]
async fn customers_links_plans_and_eligibility() {
    let client = client();
    client
        .pg_create_customer(&CreateCustomerRequest::new("9999999999"))
        .await
        .expect("create customer");
    let link = CreateLinkRequest::new(
        LinkCustomerDetailsEntity::new("9999999999"),
        100,
        "INR",
        "link_e2e_1",
        "Payment for order",
    );
    let dynamic = client_with(Some("dynamic=true"));
    dynamic.pg_create_link(&link).await.expect("create link");
    dynamic
        .pg_fetch_link("link_e2e_1")
        .await
        .expect("fetch link");
    let plan = CreatePlanRequest::new("plan_e2e_1", 1000, "Gold", "ON_DEMAND");
    client.subs_create_plan(&plan).await.expect("create plan");
    client
        .subs_fetch_plan("plan_e2e_1")
        .await
        .expect("fetch plan");
    let eligibility =
        EligibilityFetchPaymentMethodsRequest::new(PaymentMethodsQueries::new().with_amount(100));
    client
        .pg_eligibility_fetch_payment_methods(&eligibility)
        .await
        .expect("eligibility");
    assert_no_violations();
}

#[tokio::test]
async fn the_default_api_version_and_the_security_pair_are_sent() {
    // Prism would log a violation for a missing `x-api-version` or credentials;
    // and a client without any credential set is refused before sending.
    let bare = Client::builder()
        .base_url(prism().base_url())
        .build()
        .unwrap();
    let error = bare
        .pg_fetch_order("order_1")
        .await
        .expect_err("no credentials");
    assert!(
        error.to_string().contains("XClientID + XClientSecret"),
        "{error}"
    );
    client()
        .pg_fetch_order("order_1")
        .x_api_version("2023-08-01")
        .x_request_id("req_1")
        .await
        .expect("explicit version");
    assert_no_violations();
}

#[tokio::test]
async fn an_example_that_contradicts_its_schema_is_a_decode_error_naming_the_field() {
    // Cashfree's link example sends `"upi_intent": false` where the schema
    // says string: not something to guess around for a payments client.
    let link = CreateLinkRequest::new(
        LinkCustomerDetailsEntity::new("9999999999"),
        100,
        "INR",
        "link_e2e_2",
        "Payment",
    );
    let error = client()
        .pg_create_link(&link)
        .await
        .expect_err("the example is invalid");
    let sdk_tests::cashfree_pg::Error::Decode(decode) = &error else {
        panic!("{error}")
    };
    assert_eq!(decode.path, "link_meta.upi_intent");
    assert!(
        error.to_string().contains("`link_meta.upi_intent`"),
        "{error}"
    );
    assert_no_violations();
}

/// A client with one credential set, configured with the set's own setter.
fn client_with_set(set: &str) -> Client {
    let builder = Client::builder().base_url(prism().base_url());
    let builder = match set {
        "id+secret" => builder.x_client_id_and_x_client_secret("TEST_CLIENT_ID", "TEST_SECRET"),
        "id+partner" => builder.x_client_id_and_x_partner_api_key("TEST_CLIENT_ID", "PARTNER_KEY"),
        "id+signature" => {
            builder.x_client_id_and_x_client_signature_header("TEST_CLIENT_ID", "SIGNATURE")
        }
        "merchant+partner" => {
            builder.x_partner_api_key_and_x_partner_merchant_id("PARTNER_KEY", "MERCHANT_1")
        }
        other => panic!("no set {other}"),
    };
    builder.build().expect("valid client")
}

#[tokio::test]
async fn orders_payments_and_refunds_through_their_tag_groups() {
    let client = client();
    let order = CreateOrderRequest::new(CustomerDetails::new("cust_1", "9999999999"), 100, "INR")
        .with_order_id("order_group_1");
    let created = client.orders().create(&order).await.expect("create order");
    assert!(created.order_id.is_some());
    // Optional parameters by name, on the same builder the flat call returns.
    let fetched = client
        .orders()
        .fetch("order_group_1")
        .x_request_id("req_group_1")
        .await
        .expect("fetch order");
    assert!(fetched.order_amount.is_some());
    let payments = client
        .payments()
        .fetch_all("order_group_1")
        .await
        .expect("payments");
    assert!(!payments.is_empty());
    client
        .refunds()
        .create(
            "order_group_1",
            &OrderCreateRefundRequest::new(1, "refund_group_1"),
        )
        .x_idempotency_key("refund-group-1-once")
        .await
        .expect("create refund");
    client
        .refunds()
        .fetch_all("order_group_1")
        .await
        .expect("refunds");
    client
        .customers()
        .create(&CreateCustomerRequest::new("9999999999"))
        .await
        .expect("create customer");
    assert_no_violations();
}

#[tokio::test]
async fn every_security_alternative_is_accepted() {
    for set in [
        "id+secret",
        "id+partner",
        "id+signature",
        "merchant+partner",
    ] {
        client_with_set(set)
            .orders()
            .fetch("order_1")
            .await
            .unwrap_or_else(|e| panic!("{set}: {e}"));
    }
    assert_no_violations();
    // Half a set is no set: refused before sending, naming the sets.
    let half = Client::builder()
        .base_url(prism().base_url())
        .x_partner_api_key("PARTNER_KEY")
        .build()
        .expect("valid client");
    let error = half
        .orders()
        .fetch("order_1")
        .await
        .expect_err("half a set");
    assert!(
        error
            .to_string()
            .contains("XPartnerAPIKey + XPartnerMerchantID"),
        "{error}"
    );
}
