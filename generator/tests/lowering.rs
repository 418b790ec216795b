//! Lowering decisions, asserted on the model rather than on generated text.

use generator::load::load_str;
use generator::lower::lower;
use generator::model::{
    Api, BodyKind, ParamLocation, ResponseBody, RustName, SchemeKind, SchemeName, TypeKind, TypeRef,
};

fn lower_yaml(yaml: &str) -> Api {
    lower(&load_str(yaml, None).expect("spec loads").openapi)
}

fn flowwise() -> Api {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/flowwise.yaml");
    lower(
        &generator::load::load_file(std::path::Path::new(path))
            .expect("loads")
            .openapi,
    )
}

/// Asserts a warning at a pointer ending in `at` whose message says `says`.
fn assert_warned(api: &Api, at: &str, says: &str) {
    assert!(
        api.warnings
            .iter()
            .any(|w| w.pointer.ends_with(at) && w.message.contains(says)),
        "no warning at …{at} saying {says:?}: {:#?}",
        api.warnings
    );
}

fn fields(api: &Api, type_name: &str) -> Vec<(String, TypeRef, bool)> {
    match &api.types[type_name].kind {
        TypeKind::Struct(object) => object
            .fields
            .iter()
            .map(|f| (f.name.to_string(), f.ty.clone(), f.required))
            .collect(),
        other => panic!("{type_name} is {other:?}"),
    }
}

#[test]
fn flowwise_operations_are_named_from_their_summaries() {
    let api = flowwise();
    let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["create_order", "get_order"]);
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
}

#[test]
fn flowwise_create_order_request_types() {
    let api = flowwise();
    let request = fields(&api, "CreateOrderRequest");
    let field = |name: &str| request.iter().find(|f| f.0 == name).cloned().unwrap();
    assert_eq!(
        field("order_id"),
        ("order_id".into(), TypeRef::String, true)
    );
    // `format: float` notwithstanding: money is an exact decimal.
    assert_eq!(
        field("order_amount"),
        ("order_amount".into(), TypeRef::Decimal, true)
    );
    assert_eq!(
        field("customer_details"),
        (
            "customer_details".into(),
            TypeRef::Named("CustomerDetails".into()),
            true
        )
    );
    assert_eq!(
        field("expiry_time_in_minutes"),
        ("expiry_time_in_minutes".into(), TypeRef::I64, false)
    );
    assert_eq!(
        field("order_tags"),
        (
            "order_tags".into(),
            TypeRef::Named("OrderTags".into()),
            false
        )
    );
    let TypeKind::Struct(object) = &api.types["CreateOrderRequest"].kind else {
        unreachable!()
    };
    assert_eq!(
        object.constructor_args,
        [
            "order_id",
            "order_amount",
            "order_currency",
            "customer_details"
        ]
    );
    assert_eq!(
        api.types["OrderTags"].kind,
        TypeKind::Alias(TypeRef::Map(Box::new(TypeRef::String)))
    );
    let response = fields(&api, "CreateOrderResponse");
    assert!(
        response.iter().all(|f| !f.2),
        "every response field is optional"
    );
    assert!(response.contains(&("added_on".into(), TypeRef::DateTime, false)));
}

#[test]
fn flowwise_errors_security_and_servers() {
    let api = flowwise();
    let get = &api.operations[1];
    assert_eq!(
        (get.method.as_str(), get.path.as_str()),
        ("GET", "/orders/{order_id}")
    );
    assert_eq!(get.params.len(), 1);
    assert_eq!(get.params[0].location, ParamLocation::Path);
    assert_eq!(
        get.success,
        ResponseBody::Json(TypeRef::Named("CreateOrderResponse".into()))
    );
    assert_eq!(get.errors.type_name.as_deref(), Some("GetOrderError"));
    let cases: Vec<(u16, &str)> = get
        .errors
        .cases
        .iter()
        .map(|c| (c.status, c.variant.as_str()))
        .collect();
    assert_eq!(
        cases,
        [
            (400, "BadRequest"),
            (401, "Unauthorized"),
            (404, "NotFound"),
            (500, "InternalServerError")
        ]
    );
    assert!(
        get.errors
            .cases
            .iter()
            .all(|c| c.body == Some(TypeRef::Named("ErrorResponse".into())))
    );
    assert_eq!(
        get.security,
        [vec![
            SchemeName::new("ApiKeyAuth"),
            SchemeName::new("ApiSecret")
        ]]
    );
    let create = &api.operations[0];
    assert_eq!(
        create.body.as_ref().map(|b| &b.kind),
        Some(&BodyKind::Json(TypeRef::Named("CreateOrderRequest".into())))
    );
    let schemes: Vec<(&str, &str, &SchemeKind)> = api
        .security_schemes
        .iter()
        .map(|s| (s.name.as_str(), s.setter.as_str(), &s.kind))
        .collect();
    assert_eq!(
        schemes,
        [
            (
                "ApiKeyAuth",
                "api_key_auth",
                &SchemeKind::ApiKeyHeader("x-client-id".into())
            ),
            (
                "ApiSecret",
                "api_secret",
                &SchemeKind::ApiKeyHeader("x-client-secret".into())
            ),
        ]
    );
    let servers: Vec<(&str, &str)> = api
        .servers
        .iter()
        .map(|s| (s.variant.as_str(), s.url.as_str()))
        .collect();
    assert_eq!(
        servers,
        [
            ("Sandbox", "https://sandbox.flowwise.com/router"),
            ("Production", "https://app.flowwise.com/router")
        ]
    );
}

const NAMING_SPEC: &str = r#"
openapi: 3.0.3
info: {title: Naming, version: "1"}
paths:
  /orders/{order_id}/items:
    get:
      parameters:
        - {name: order_id, in: path, required: true, schema: {type: string}}
        - {name: X-Request-ID, in: header, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer, format: int32}}
      responses: {'204': {description: none}}
  /orders:
    post:
      summary: Use this endpoint to create a brand new order in the system
      responses: {'200': {description: ok}}
    put:
      operationId: PGCreateOrder
      responses: {'200': {description: ok}}
components:
  schemas:
    Error:
      type: object
      properties:
        type: {type: string}
        self: {type: string}
        orderId: {type: number, format: double}
        order_id: {type: string}
        2fa: {type: boolean}
    error: {type: string}
    Status: {type: string, enum: [active, PAID, in-progress]}
"#;

#[test]
fn operation_names_fall_back_from_operation_id_to_summary_to_method_and_path() {
    let api = lower_yaml(NAMING_SPEC);
    let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    // No operationId and a long summary: method and path.
    assert!(names.contains(&"post_orders"), "{names:?}");
    assert!(names.contains(&"get_orders_by_order_id_items"), "{names:?}");
    assert!(names.contains(&"pg_create_order"), "{names:?}");
}

#[test]
fn parameters_keep_wire_names_and_take_rust_names() {
    let api = lower_yaml(NAMING_SPEC);
    let op = api
        .operations
        .iter()
        .find(|o| o.name == "get_orders_by_order_id_items")
        .unwrap();
    let params: Vec<(&str, &str, ParamLocation, &TypeRef, bool)> = op
        .params
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.wire_name.as_str(),
                p.location,
                &p.ty,
                p.required,
            )
        })
        .collect();
    assert_eq!(
        params,
        [
            (
                "order_id",
                "order_id",
                ParamLocation::Path,
                &TypeRef::String,
                true
            ),
            (
                "x_request_id",
                "x-request-id",
                ParamLocation::Header,
                &TypeRef::String,
                false
            ),
            ("limit", "limit", ParamLocation::Query, &TypeRef::I32, false),
        ]
    );
    assert_eq!(op.success, ResponseBody::Empty);
    assert_eq!(op.errors.type_name, None);
}

#[test]
fn reserved_keywords_and_colliding_names_are_resolved_with_warnings() {
    let api = lower_yaml(NAMING_SPEC);
    // `Error` would shadow the client's own `Error`; `error` collides with it
    // after case conversion.
    assert!(
        api.types.contains_key("ErrorModel"),
        "{:?}",
        api.types.keys()
    );
    assert!(
        api.types.contains_key("ErrorModel2"),
        "{:?}",
        api.types.keys()
    );
    assert!(
        api.warnings
            .iter()
            .any(|w| w.pointer == "#/components/schemas/Error" && w.message.contains("ErrorModel"))
    );
    let model = fields(&api, "ErrorModel");
    let names: Vec<&str> = model.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(names, ["r#type", "self_", "order_id", "order_id_2", "n2fa"]);
    assert_eq!(
        model[2].1,
        TypeRef::Decimal,
        "format: double is still an exact decimal"
    );
    let TypeKind::Struct(object) = &api.types["ErrorModel"].kind else {
        unreachable!()
    };
    assert_eq!(object.fields[3].wire_name, "order_id");
    assert!(
        api.warnings
            .iter()
            .any(|w| w.pointer.ends_with("/properties/order_id"))
    );
}

#[test]
fn string_enums_get_variants_and_keep_wire_values() {
    let api = lower_yaml(NAMING_SPEC);
    let TypeKind::Enum(values) = &api.types["Status"].kind else {
        panic!()
    };
    let variants: Vec<(&str, &str)> = values
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.wire_value.as_str()))
        .collect();
    assert_eq!(
        variants,
        [
            ("Active", "active"),
            ("Paid", "PAID"),
            ("InProgress", "in-progress")
        ]
    );
}

#[test]
fn reordering_the_document_changes_nothing() {
    let reordered = NAMING_SPEC
        .replace(
            "    error: {type: string}\n    Status: {type: string, enum: [active, PAID, in-progress]}\n",
            "",
        )
        .replace(
            "  schemas:\n",
            "  schemas:\n    Status: {type: string, enum: [active, PAID, in-progress]}\n    error: {type: string}\n",
        );
    assert_ne!(reordered, NAMING_SPEC);
    assert_eq!(lower_yaml(&reordered), lower_yaml(NAMING_SPEC));
}

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

fn cashfree() -> Api {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/specs/cashfree-pg.yaml"
    );
    lower(
        &generator::load::load_file(std::path::Path::new(path))
            .expect("loads")
            .openapi,
    )
}

/// `(accessor, [(name in group, flat name)])` for each tag group.
fn groups(api: &Api) -> Vec<(String, Vec<(String, String)>)> {
    api.tag_groups
        .iter()
        .map(|g| {
            (
                g.accessor.to_string(),
                g.members
                    .iter()
                    .map(|m| (m.name.to_string(), m.operation.to_string()))
                    .collect(),
            )
        })
        .collect()
}

fn group<'a>(
    groups: &'a [(String, Vec<(String, String)>)],
    accessor: &str,
) -> Vec<(&'a str, &'a str)> {
    groups
        .iter()
        .find(|g| g.0 == accessor)
        .unwrap_or_else(|| panic!("no group {accessor}"))
        .1
        .iter()
        .map(|(name, flat)| (name.as_str(), flat.as_str()))
        .collect()
}

/// The rule is documented in `generator/src/lower/groups.rs`.
#[test]
fn cashfree_operations_are_grouped_by_tag_without_redundant_words() {
    let api = cashfree();
    let groups = groups(&api);
    let accessors: Vec<&str> = groups.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(
        accessors,
        [
            "customers",
            "disputes",
            "easy_split",
            "eligibility",
            "offers",
            "orders",
            "payment_links",
            "payments",
            "pg_reconciliation",
            "refunds",
            "settlement_reconciliation",
            "settlements",
            "simulation",
            "soft_pos",
            "subscription",
            "token_vault",
            "utilities",
        ]
    );
    // The vendor prefix `pg` (most operations) and the tag's words go.
    assert_eq!(
        group(&groups, "orders"),
        [
            ("create", "pg_create_order"),
            ("fetch", "pg_fetch_order"),
            ("fetch_extended_data", "pg_fetch_order_extended_data"),
            ("terminate", "pg_terminate_order"),
            ("update_extended_data", "pg_update_order_extended_data"),
        ]
    );
    // The parent resource that `{order_id}` names goes before a verb, and a
    // plural tag word marks the collection operation where names collide.
    assert_eq!(
        group(&groups, "refunds"),
        [
            ("create", "pg_order_create_refund"),
            ("fetch", "pg_order_fetch_refund"),
            ("fetch_all", "pg_order_fetch_refunds"),
        ]
    );
    assert!(group(&groups, "payments").contains(&("fetch_all", "pg_order_fetch_payments")));
    assert!(
        group(&groups, "token_vault")
            .contains(&("fetch_instruments", "pg_customer_fetch_instruments"))
    );
    // A prefix shared by most of one group (`subs`), not of the spec.
    let subscription = group(&groups, "subscription");
    assert!(subscription.contains(&("fetch", "subs_fetch_subscription")));
    assert!(subscription.contains(&("eligibility", "subscription_eligibility")));
    // A tag word after a preposition stays.
    assert!(
        group(&groups, "settlements").contains(&("mark_for_settlement", "mark_for_settlement"))
    );
    // Names that still collide fall back to the flat name.
    let easy_split = group(&groups, "easy_split");
    assert!(easy_split.contains(&("pg_split_order_recon", "pg_split_order_recon")));
    assert!(easy_split.contains(&("pges_order_recon", "pges_order_recon")));
    // Every operation of the spec has a tag: all are in some group.
    let grouped: std::collections::BTreeSet<&str> = groups
        .iter()
        .flat_map(|g| g.1.iter().map(|m| m.1.as_str()))
        .collect();
    assert_eq!(grouped.len(), api.operations.len());
    let orders = api
        .tag_groups
        .iter()
        .find(|g| g.accessor == "orders")
        .unwrap();
    assert_eq!(orders.type_name, "OrdersApi");
    assert_eq!(
        orders.docs.as_deref(),
        Some("Collection of APIs to handle orders.")
    );
}

#[test]
fn specs_without_tags_have_no_groups() {
    assert!(flowwise().tag_groups.is_empty());
}

#[test]
fn group_names_without_a_vendor_prefix_and_taken_accessors() {
    let api = lower_yaml(
        r#"
openapi: 3.0.3
info: { title: Pets, version: "1" }
paths:
  /pets:
    get: { operationId: listPets, tags: [pets], responses: { "200": { description: ok } } }
    post: { operationId: createPet, tags: [pets], responses: { "200": { description: ok } } }
  /pets/{id}:
    get:
      operationId: getPet
      tags: [pets]
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { "200": { description: ok } }
  /pet-store:
    get: { operationId: pets, tags: [store], responses: { "200": { description: ok } } }
"#,
    );
    let groups = groups(&api);
    // `get` starts most names but is a verb, not a vendor prefix; `pets`
    // is taken by an operation, so the group is `pets_ops`.
    assert_eq!(
        group(&groups, "pets_ops"),
        [
            ("create", "create_pet"),
            ("get", "get_pet"),
            ("list", "list_pets")
        ]
    );
    // A name of tag words only keeps its words.
    assert_eq!(group(&groups, "store"), [("pets", "pets")]);
    assert!(
        api.warnings
            .iter()
            .any(|w| w.to_string().contains("pets_ops")),
        "{:?}",
        api.warnings
    );
}

#[test]
fn cashfree_security_alternatives_become_credential_sets() {
    let api = cashfree();
    let sets: Vec<(&str, Vec<&str>, usize)> = api
        .credential_sets
        .iter()
        .map(|s| {
            (
                s.setter.as_str(),
                s.schemes.iter().map(SchemeName::as_str).collect(),
                s.operations,
            )
        })
        .collect();
    assert_eq!(
        sets,
        [
            (
                "x_client_id_and_x_client_secret",
                vec!["XClientID", "XClientSecret"],
                78
            ),
            (
                "x_client_id_and_x_client_signature_header",
                vec!["XClientID", "XClientSignatureHeader"],
                78
            ),
            (
                "x_client_id_and_x_partner_api_key",
                vec!["XClientID", "XPartnerAPIKey"],
                78
            ),
            (
                "x_partner_api_key_and_x_partner_merchant_id",
                vec!["XPartnerAPIKey", "XPartnerMerchantID"],
                78
            ),
        ]
    );
    // One-scheme alternatives need no set: the scheme's own setter is it.
    assert!(
        flowwise()
            .credential_sets
            .iter()
            .all(|s| s.schemes.len() > 1)
    );
}

#[test]
fn examples_that_contradict_their_schemas_are_left_out_with_a_warning() {
    let api = lower_yaml(
        r##"
openapi: 3.0.3
info: { title: Shop, version: "1" }
paths: {}
components:
  schemas:
    Customer:
      type: object
      required: [phone]
      properties:
        phone: { type: string, example: "9999999999" }
        name: { type: string, example: Asha }
    Vendor:
      type: object
      properties:
        phone: { type: string }
        since: { type: string, format: date-time }
      example: { phone: 9876543210, since: "2024-01-01T00:00:00Z" }
    Order:
      type: object
      required: [customer]
      properties:
        customer: { $ref: "#/components/schemas/Customer" }
        placed: { type: string, format: date-time, example: "023-10-12T11:12:39+05:30" }
"##,
    );
    // Put together from the properties' examples.
    assert_eq!(
        api.types["Customer"].example,
        Some(serde_json::json!({ "phone": "9999999999", "name": "Asha" }))
    );
    // A number where the schema says string: caught, named, left out.
    assert_eq!(api.types["Vendor"].example, None);
    assert_warned(
        &api,
        "#/components/schemas/Vendor/example",
        "phone: expected a string, found 9876543210",
    );
    // The nested type's example fills the required property; the bad
    // date-time is left out.
    assert_eq!(
        api.types["Order"].example,
        Some(serde_json::json!({ "customer": { "phone": "9999999999", "name": "Asha" } }))
    );
    assert_warned(&api, "Order/properties/placed/example", "RFC 3339");
}

#[test]
fn examples_put_together_with_refs_are_resolved() {
    let api = lower_yaml(
        r##"
openapi: 3.0.3
info: { title: Shop, version: "1" }
paths: {}
components:
  schemas:
    Meta:
      type: object
      properties:
        channel: { type: string }
      example: { channel: web }
    Offer:
      type: object
      required: [meta]
      properties:
        meta: { $ref: "#/components/schemas/Meta" }
        codes: { type: array, items: { type: string } }
      example:
        meta: { $ref: "#/components/schemas/Meta/example" }
        codes: [{ $ref: "#/components/schemas/Code/example" }]
    Code: { type: string, example: SAVE10 }
    Dangling:
      type: object
      properties:
        meta: { $ref: "#/components/schemas/Meta" }
      example: { meta: { $ref: "#/components/schemas/Nowhere/example" } }
    Looping:
      type: object
      properties:
        next: { $ref: "#/components/schemas/Looping" }
      example: { next: { $ref: "#/components/schemas/Looping/example" } }
    Customer:
      type: object
      properties:
        name: { type: string }
      example: { $ref: "#/components/examples/customer" }
    Customers:
      type: array
      items: { $ref: "#/components/schemas/Customer" }
      example: { $ref: "#/components/examples/customer" }
  examples:
    customer:
      summary: A customer
      value: { name: Asha }
"##,
    );
    // Cashfree's pattern: an example made of other schemas' examples.
    assert_eq!(
        api.types["Offer"].example,
        Some(serde_json::json!({ "meta": { "channel": "web" }, "codes": ["SAVE10"] }))
    );
    assert_eq!(api.types["Dangling"].example, None);
    assert_warned(
        &api,
        "#/components/schemas/Dangling/example",
        "`$ref` `#/components/schemas/Nowhere/example` does not resolve",
    );
    // An Example Object gives its `value`, which is checked like any other.
    assert_eq!(
        api.types["Customer"].example,
        Some(serde_json::json!({ "name": "Asha" }))
    );
    assert_eq!(api.types["Customers"].example, None);
    assert_eq!(api.types["Looping"].example, None);
    assert_warned(
        &api,
        "#/components/schemas/Looping/example",
        "leads back to itself",
    );
}

#[test]
fn an_example_that_refs_multiply_is_cut_off_quickly() {
    // Each level repeats the one below twice: 2^40 values if expanded.
    let yaml = include_str!("fuzz-regressions/example-ref-bomb.yaml");
    let started = std::time::Instant::now();
    let api = lower_yaml(yaml);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // 2^14 values fit; 2^20 would not; 40 levels of references are too deep.
    assert!(api.types["L14"].example.is_some());
    assert_eq!(api.types["L20"].example, None);
    assert_eq!(api.types["L40"].example, None);
    assert_warned(&api, "L20/example", "grows too large");
    assert_warned(&api, "L40/example", "nested too deeply");
}
