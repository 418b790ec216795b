//! allOf, oneOf, cycles and enums.

use super::*;

fn composition() -> Api {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/composition.yaml"
    );
    lower(
        &generator::load::load_file(std::path::Path::new(path))
            .expect("loads")
            .openapi,
    )
}

#[test]
fn all_of_merges_parts_into_one_struct() {
    let api = composition();
    let payment = fields(&api, "Payment");
    let names: Vec<(&str, bool)> = payment.iter().map(|f| (f.0.as_str(), f.2)).collect();
    assert_eq!(
        names,
        [
            ("id", true),
            ("created_at", false),
            ("status", true),
            ("instrument", false),
            ("amount_or_note", false)
        ]
    );
    assert_eq!(
        api.types["Payment"].docs.as_deref(),
        Some("Fields every entity has.")
    );
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
}

#[test]
fn one_of_becomes_an_enum_with_short_variant_names_and_a_discriminator() {
    use generator::model::VariantShape;
    let api = composition();
    let TypeKind::OneOf(method) = &api.types["PaymentRequestPaymentMethod"].kind else {
        panic!()
    };
    let names: Vec<&str> = method.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Card", "Upi"]);
    assert_eq!(
        method.variants[1].shape,
        VariantShape::Object {
            required: vec![],
            properties: vec!["upi".into()]
        }
    );
    let TypeKind::OneOf(instrument) = &api.types["Instrument"].kind else {
        panic!()
    };
    let discriminator = instrument.discriminator.as_ref().expect("discriminator");
    assert_eq!(discriminator.property, "kind");
    assert_eq!(
        discriminator.mapping,
        [
            ("card".to_owned(), "Card".to_owned()),
            ("Bank".to_owned(), "Bank".to_owned())
        ]
    );
    let TypeKind::OneOf(either) = &api.types["PaymentAmountOrNote"].kind else {
        panic!()
    };
    let variants: Vec<(&str, &TypeRef)> = either
        .variants
        .iter()
        .map(|v| (v.name.as_str(), &v.ty))
        .collect();
    assert_eq!(
        variants,
        [("Number", &TypeRef::Decimal), ("String", &TypeRef::String)]
    );
}

#[test]
fn cycles_are_boxed_and_only_cycles() {
    let api = composition();
    let node = fields(&api, "Node");
    let ty = |name: &str| node.iter().find(|f| f.0 == name).unwrap().1.clone();
    let boxed = |inner: &str| TypeRef::Boxed(Box::new(TypeRef::Named(inner.into())));
    assert_eq!(ty("parent"), boxed("Node"));
    assert_eq!(ty("value"), boxed("NodeValue"));
    // A Vec already holds its items on the heap.
    assert_eq!(
        ty("children"),
        TypeRef::List(Box::new(TypeRef::Named("Node".into())))
    );
    let TypeKind::Struct(request) = &api.types["PaymentRequestMetadata"].kind else {
        panic!()
    };
    assert_eq!(
        request.additional_properties,
        Some((RustName::new("additional_properties"), TypeRef::String))
    );
    // No cycle through these: left unboxed.
    let payment = fields(&api, "Payment");
    assert!(payment.iter().all(|f| !matches!(f.1, TypeRef::Boxed(_))));
}

#[test]
fn a_string_enum_value_listed_twice_is_one_variant_with_a_warning() {
    let api = lower_yaml(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Version:\n      type: string\n      enum: ['2025-10-15', basil, '2025-10-15', basil, acacia]\n",
    );
    let TypeKind::Enum(values) = &api.types["Version"].kind else {
        panic!("Version is an enum: {:?}", api.types["Version"]);
    };
    let wire: Vec<&str> = values
        .variants
        .iter()
        .map(|v| v.wire_value.as_str())
        .collect();
    assert_eq!(wire, ["2025-10-15", "basil", "acacia"]);
    let warnings: Vec<String> = api.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("#/components/schemas/Version/enum"),
        "{warnings:?}"
    );
    assert!(
        warnings[0].contains("\"2025-10-15\", \"basil\""),
        "{warnings:?}"
    );
}
