//! Names: how operations, parameters and variants are named, keywords and collisions.

use super::*;

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
