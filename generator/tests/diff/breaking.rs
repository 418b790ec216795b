//! Changes that break code written against the old client.

use super::{BASE, api, edited, expect, find, report};
use generator::diff::{ChangeKind, Impact, OPTIONAL_PARAMS_AS_SETTERS, Subject, Verdict, diff};

#[test]
fn a_removed_operation_is_breaking() {
    let r = report(&[(
        "  /orders/{order_id}:\n    get:\n      operationId: getOrder",
        "  /orders/{order_id}:\n    delete:\n      operationId: deleteOrder",
    )]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Operation,
        "Client::get_order",
        Impact::Breaking,
    );
    assert_eq!(
        find(&r, Subject::Operation, "Client::get_order").kind,
        ChangeKind::Removed
    );
    // The new operation is reported too, as an addition.
    assert_eq!(
        find(&r, Subject::Operation, "Client::delete_order").impact,
        Impact::Addition
    );
    assert!(r.is_breaking());
    assert_eq!(r.verdict().bump_initial(), generator::diff::Bump::Minor);
    assert_eq!(r.verdict().bump_stable(), generator::diff::Bump::Major);
}

#[test]
fn a_removed_field_is_breaking() {
    let r = report(&[(
        "        note:\n          type: string\n          example: Blue dress\n",
        "",
    )]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Field,
        "CreateOrderRequest::note",
        Impact::Breaking,
    );
}

#[test]
fn a_changed_field_type_is_breaking() {
    let r = report(&[(
        "        created_at:\n          type: string\n          format: date-time",
        "        created_at:\n          type: integer",
    )]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Field,
        "Order::created_at",
        Impact::Breaking,
    );
    let change = find(&r, Subject::Field, "Order::created_at");
    assert_eq!(change.old.as_deref(), Some("Option<DateTime>"));
    assert_eq!(change.new.as_deref(), Some("Option<i64>"));
}

#[test]
fn an_optional_field_made_required_is_breaking() {
    let r = report(&[(
        "      required:\n        - id\n",
        "      required:\n        - id\n        - status\n",
    )]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Field,
        "Order::status",
        Impact::Breaking,
    );
    let change = find(&r, Subject::Field, "Order::status");
    assert!(
        change.new.as_deref().unwrap().starts_with("OrderStatus "),
        "{r}"
    );
}

#[test]
fn a_required_field_made_optional_is_breaking() {
    let r = report(&[("        - amount\n", "")]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Field,
        "CreateOrderRequest::amount",
        Impact::Breaking,
    );
}

#[test]
fn a_field_made_nullable_is_breaking() {
    // An optional nullable field is `Option<Option<T>>`.
    let r = report(&[(
        "        note:\n          type: string\n    OrderStatus:",
        "        note:\n          type: string\n          nullable: true\n    OrderStatus:",
    )]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Field,
        "Order::note",
        Impact::Breaking,
    );
    let change = find(&r, Subject::Field, "Order::note");
    assert_eq!(
        change.new.as_deref(),
        Some("Option<Option<String>> (optional, nullable)")
    );
}

#[test]
fn a_new_required_request_field_is_breaking() {
    let r = report(&[
        (
            "        - currency\n",
            "        - currency\n        - customer\n",
        ),
        (
            "        currency:\n          type: string\n        note:",
            "        currency:\n          type: string\n        customer:\n          type: string\n        note:",
        ),
    ]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Field,
        "CreateOrderRequest::customer",
        Impact::Breaking,
    );
    assert_eq!(
        find(&r, Subject::Field, "CreateOrderRequest::customer").kind,
        ChangeKind::Added
    );
}

#[test]
fn reordered_required_fields_reorder_new_and_are_breaking() {
    let r = report(&[(
        "        - order_id\n        - amount\n",
        "        - amount\n        - order_id\n",
    )]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Constructor,
        "CreateOrderRequest::new",
        Impact::Breaking,
    );
}

#[test]
fn a_renamed_schema_is_breaking() {
    let mut yaml = BASE.replace(
        "#/components/schemas/Order'",
        "#/components/schemas/Receipt'",
    );
    yaml = yaml.replacen("    Order:\n", "    Receipt:\n", 1);
    let r = diff(&api(BASE), &api(&yaml));
    println!("{r}");
    expect(
        &r,
        Verdict::Breaking,
        Subject::Type,
        "Order",
        Impact::Breaking,
    );
    assert!(
        find(&r, Subject::Type, "Order")
            .reason
            .contains("`Receipt`"),
        "the removal names the look-alike: {r}"
    );
    assert_eq!(find(&r, Subject::Type, "Receipt").impact, Impact::Addition);
    // Operations returning it changed type too.
    assert_eq!(
        find(&r, Subject::Response, "Client::get_order").impact,
        Impact::Breaking
    );
}

#[test]
fn a_new_required_parameter_is_breaking() {
    let r = report(&[(
        "        - name: expand\n",
        "        - name: locale\n          in: query\n          required: true\n          schema:\n            type: string\n        - name: expand\n",
    )]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Parameter,
        "Client::get_order(locale)",
        Impact::Breaking,
    );
}

#[test]
fn a_new_optional_parameter_breaks_positional_calls_only() {
    let r = report(&[(
        "        - name: expand\n",
        "        - name: locale\n          in: query\n          schema:\n            type: string\n        - name: expand\n",
    )]);
    if OPTIONAL_PARAMS_AS_SETTERS {
        // A new setter on the call builder: existing calls are unchanged.
        expect(
            &r,
            Verdict::Additive,
            Subject::Parameter,
            "Client::get_order(locale)",
            Impact::Addition,
        );
    } else {
        // A new positional `Option` argument: every call must pass one more.
        expect(
            &r,
            Verdict::Breaking,
            Subject::Parameter,
            "Client::get_order(locale)",
            Impact::Breaking,
        );
    }
}

#[test]
fn a_parameter_made_required_is_breaking() {
    let r = report(&[(
        "        - name: expand\n          in: query\n",
        "        - name: expand\n          in: query\n          required: true\n",
    )]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Parameter,
        "Client::get_order(expand)",
        Impact::Breaking,
    );
}

#[test]
fn a_retyped_parameter_is_breaking() {
    let r = report(&[(
        "        - name: order_id\n          in: path\n          required: true\n          schema:\n            type: string",
        "        - name: order_id\n          in: path\n          required: true\n          schema:\n            type: integer",
    )]);
    let change = find(&r, Subject::Parameter, "Client::get_order(order_id)");
    assert_eq!(change.impact, Impact::Breaking);
    assert_eq!(change.old.as_deref(), Some("&str"));
    assert_eq!(change.new.as_deref(), Some("i64"));
}

#[test]
fn a_removed_enum_value_is_breaking() {
    let r = report(&[("        - EXPIRED\n", "")]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::EnumVariant,
        "OrderStatus::Expired",
        Impact::Breaking,
    );
}

#[test]
fn a_removed_error_status_is_breaking() {
    let r = report(&[(
        "        '404':\n          description: No such order.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/ErrorResponse'\n",
        "",
    )]);
    // The only declared error went: the error type is now `NoDeclaredErrors`.
    expect(
        &r,
        Verdict::Breaking,
        Subject::Error,
        "Client::get_order",
        Impact::Breaking,
    );
}

#[test]
fn a_removed_error_status_among_several_is_breaking() {
    let conflict = "        '409':\n          description: Duplicate order id.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/ErrorResponse'\n        '400':\n          description: Bad request.\n";
    let old = edited(&[(
        "        '400':\n          description: Bad request.\n",
        conflict,
    )]);
    let r = diff(&api(&old), &api(BASE));
    println!("{r}");
    expect(
        &r,
        Verdict::Breaking,
        Subject::Error,
        "CreateOrderError::Conflict",
        Impact::Breaking,
    );
    assert_eq!(
        find(&r, Subject::Error, "CreateOrderError::Conflict").kind,
        ChangeKind::Removed
    );
}

#[test]
fn a_changed_error_body_is_breaking() {
    let r = report(&[(
        "        '400':\n          description: Bad request.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/ErrorResponse'\n",
        "        '400':\n          description: Bad request.\n",
    )]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Error,
        "CreateOrderError::BadRequest",
        Impact::Breaking,
    );
}

#[test]
fn a_changed_success_type_is_breaking() {
    let r = report(&[(
        "      operationId: getOrder\n      summary: Get an order\n      parameters:\n        - name: order_id\n          in: path\n          required: true\n          schema:\n            type: string\n        - name: expand\n          in: query\n          schema:\n            type: string\n      responses:\n        '200':\n          description: The order.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Order'",
        "      operationId: getOrder\n      summary: Get an order\n      parameters:\n        - name: order_id\n          in: path\n          required: true\n          schema:\n            type: string\n        - name: expand\n          in: query\n          schema:\n            type: string\n      responses:\n        '200':\n          description: The order.\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  $ref: '#/components/schemas/Order'",
    )]);
    let change = find(&r, Subject::Response, "Client::get_order");
    assert_eq!(change.impact, Impact::Breaking, "{r}");
    assert_eq!(change.new.as_deref(), Some("Response<Vec<Order>>"));
}

#[test]
fn a_new_server_is_breaking_because_environment_is_exhaustive() {
    let r = report(&[(
        "    description: Sandbox\n",
        "    description: Sandbox\n  - url: https://eu.shop.example\n    description: Europe\n",
    )]);
    expect(
        &r,
        Verdict::Breaking,
        Subject::Server,
        "Environment::Europe",
        Impact::Breaking,
    );
}

#[test]
fn a_removed_security_scheme_is_breaking() {
    let r = report(&[
        ("security:\n  - ApiKey: []\n", ""),
        (
            "  securitySchemes:\n    ApiKey:\n      type: apiKey\n      in: header\n      name: x-api-key\n",
            "",
        ),
    ]);
    assert_eq!(r.verdict(), Verdict::Breaking, "{r}");
    assert!(
        r.changes
            .iter()
            .any(|c| c.subject == Subject::SecurityScheme && c.kind == ChangeKind::Removed),
        "{r}"
    );
}

#[test]
fn a_new_one_of_variant_is_breaking() {
    let one_of =
        "    Tags:\n      type: object\n      additionalProperties:\n        type: string\n";
    let old = BASE.replacen(
        one_of,
        &format!(
            "{one_of}    Amount:\n      oneOf:\n        - type: string\n        - type: integer\n"
        ),
        1,
    );
    let new = BASE.replacen(
        one_of,
        &format!("{one_of}    Amount:\n      oneOf:\n        - type: string\n        - type: integer\n        - type: boolean\n"),
        1,
    );
    let r = diff(&api(&old), &api(&new));
    println!("{r}");
    assert_eq!(r.verdict(), Verdict::Breaking, "{r}");
    assert!(
        r.changes.iter().any(|c| c.subject == Subject::Variant
            && c.kind == ChangeKind::Added
            && c.impact == Impact::Breaking),
        "{r}"
    );
}

#[test]
fn calls_through_tag_groups_are_api() {
    let tagged = edited(&[(
        "      operationId: createOrder\n",
        "      operationId: createOrder\n      tags: [Orders]\n",
    )]);
    let renamed_tag = tagged.replace("tags: [Orders]", "tags: [Sales]");
    let report = diff(&api(&tagged), &api(&renamed_tag));
    println!("{report}");
    expect(
        &report,
        Verdict::Breaking,
        Subject::Operation,
        "Client::orders().create",
        Impact::Breaking,
    );
    let change = find(&report, Subject::Operation, "Client::sales().create_order");
    assert_eq!(change.impact, Impact::Addition);
    // Tagging an untagged operation only adds a way to call it.
    let report = diff(&api(BASE), &api(&tagged));
    expect(
        &report,
        Verdict::Additive,
        Subject::Operation,
        "Client::orders().create",
        Impact::Addition,
    );
}
