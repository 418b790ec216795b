//! oneOf/anyOf/allOf, discriminators, recursion and additionalProperties,
//! decoded and encoded through a generated client (`tests/fixtures/composition.yaml`).

use sdk_tests::fixtures::composition::{
    Instrument, Node, NodeValue, Payment, PaymentAmountOrNote, PaymentRequest,
    PaymentRequestMetadata, PaymentRequestPaymentMethod, UpiPaymentMethod, UpiPaymentMethodUpi,
};

#[test]
fn a_one_of_whose_variants_have_only_optional_fields_picks_the_one_that_knows_the_keys() {
    let upi: PaymentRequestPaymentMethod =
        serde_json::from_str(r#"{"upi":{"vpa":"a@b"}}"#).unwrap();
    let PaymentRequestPaymentMethod::Upi(upi) = upi else {
        panic!("{upi:?}")
    };
    assert_eq!(upi.upi.unwrap().vpa.as_deref(), Some("a@b"));
    let card: PaymentRequestPaymentMethod =
        serde_json::from_str(r#"{"card":{"number":"4111"}}"#).unwrap();
    assert!(
        matches!(card, PaymentRequestPaymentMethod::Card(_)),
        "{card:?}"
    );
}

#[test]
fn a_one_of_encodes_as_its_variant_and_additional_properties_travel() {
    let method = PaymentRequestPaymentMethod::Upi(
        UpiPaymentMethod::new().with_upi(UpiPaymentMethodUpi::new().with_vpa("a@b")),
    );
    let mut request = PaymentRequest::new(10, method);
    let metadata: PaymentRequestMetadata =
        serde_json::from_str(r#"{"source":"app","campaign":"diwali"}"#).unwrap();
    request = request.with_metadata(metadata);
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"amount": 10, "payment_method": {"upi": {"vpa": "a@b"}}, "metadata": {"source": "app", "campaign": "diwali"}})
    );
    let metadata = request.metadata.unwrap();
    assert_eq!(metadata.source.as_deref(), Some("app"));
    assert_eq!(
        metadata
            .additional_properties
            .get("campaign")
            .map(String::as_str),
        Some("diwali")
    );
}

#[test]
fn all_of_merges_into_one_struct_and_the_discriminator_chooses() {
    let payment: Payment = serde_json::from_str(
        r#"{"id":"pay_1","created_at":"2024-01-02T03:04:05+05:30","status":"SUCCESS",
            "instrument":{"kind":"Bank","last4":"1234","ifsc":"HDFC0001"},"amount_or_note":"n/a"}"#,
    )
    .unwrap();
    assert_eq!(payment.id, "pay_1");
    assert_eq!(payment.status, "SUCCESS");
    // `Bank` has no mapping entry: its schema name is its value.
    assert!(
        matches!(payment.instrument, Some(Instrument::Bank(_))),
        "{:?}",
        payment.instrument
    );
    assert_eq!(
        payment.amount_or_note,
        Some(PaymentAmountOrNote::String("n/a".into()))
    );

    let card: Instrument =
        serde_json::from_str(r#"{"kind":"card","last4":"4242","ifsc":"x"}"#).unwrap();
    assert!(
        matches!(card, Instrument::Card(_)),
        "the mapping wins over the shape: {card:?}"
    );
    let number: PaymentAmountOrNote = serde_json::from_str("12.5").unwrap();
    assert!(matches!(number, PaymentAmountOrNote::Number(_)));
}

#[test]
fn a_value_that_fits_no_variant_says_so() {
    let error = serde_json::from_str::<PaymentAmountOrNote>("[1]")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("PaymentAmountOrNote matches none of its variants"),
        "{error}"
    );
}

#[test]
fn recursive_types_are_boxed_and_round_trip() {
    let text = r#"{"name":"root","children":[{"name":"leaf","parent":{"name":"root"}}],"value":{"name":"inner","value":7}}"#;
    let tree: Node = serde_json::from_str(text).unwrap();
    assert_eq!(
        tree.children.as_ref().unwrap()[0]
            .parent
            .as_ref()
            .unwrap()
            .name,
        "root"
    );
    let Some(NodeValue::Node(inner)) = tree.value.as_deref() else {
        panic!("{:?}", tree.value)
    };
    assert_eq!(inner.value.as_deref(), Some(&NodeValue::Integer(7)));
    let back: serde_json::Value = serde_json::to_value(&tree).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(text).unwrap()
    );
}

#[test]
fn an_optional_nullable_field_can_be_absent_null_or_a_value() {
    let method = PaymentRequestPaymentMethod::Upi(UpiPaymentMethod::new());
    let absent = serde_json::to_value(PaymentRequest::new(1, method.clone())).unwrap();
    assert!(absent.get("note").is_none(), "{absent}");
    let null =
        serde_json::to_value(PaymentRequest::new(1, method.clone()).with_note_null()).unwrap();
    assert_eq!(null["note"], serde_json::Value::Null);
    assert!(null.as_object().unwrap().contains_key("note"));
    let value = serde_json::to_value(PaymentRequest::new(1, method).with_note("hi")).unwrap();
    assert_eq!(value["note"], "hi");

    let decoded: PaymentRequest = serde_json::from_value(null).unwrap();
    assert_eq!(decoded.note, Some(None));
    let decoded: PaymentRequest = serde_json::from_value(absent).unwrap();
    assert_eq!(decoded.note, None);
}
