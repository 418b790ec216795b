//! Changes that old code survives: additions, and changes to docs and the wire only.

use super::{BASE, api, edited, expect, find, report};
use generator::diff::{ChangeKind, Impact, Subject, Verdict, diff};

#[test]
fn a_new_operation_is_an_addition() {
    let r = report(&[(
        "components:\n",
        "  /orders/{order_id}/refunds:\n    post:\n      operationId: createRefund\n      parameters:\n        - name: order_id\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '204':\n          description: Refunded.\ncomponents:\n",
    )]);
    expect(
        &r,
        Verdict::Additive,
        Subject::Operation,
        "Client::create_refund",
        Impact::Addition,
    );
    assert!(!r.is_breaking());
    assert_eq!(r.verdict().bump_initial(), generator::diff::Bump::Patch);
    assert_eq!(r.verdict().bump_stable(), generator::diff::Bump::Minor);
}

#[test]
fn a_new_schema_is_an_addition() {
    let r = report(&[(
        "    Tags:\n",
        "    Customer:\n      type: object\n      properties:\n        name:\n          type: string\n    Tags:\n",
    )]);
    expect(
        &r,
        Verdict::Additive,
        Subject::Type,
        "Customer",
        Impact::Addition,
    );
    assert_eq!(r.changes.len(), 1, "{r}");
}

#[test]
fn a_new_optional_field_is_an_addition() {
    let r = report(&[(
        "        tags:\n          $ref: '#/components/schemas/Tags'\n",
        "        tags:\n          $ref: '#/components/schemas/Tags'\n        gift_wrap:\n          type: boolean\n",
    )]);
    expect(
        &r,
        Verdict::Additive,
        Subject::Field,
        "CreateOrderRequest::gift_wrap",
        Impact::Addition,
    );
}

#[test]
fn changed_descriptions_are_no_api_change() {
    let r = report(&[
        ("Orders for the shop.", "Orders and refunds for the shop."),
        ("Creates an order.", "Creates an order; see the guide."),
        ("Your identifier.", "Your own identifier for the order."),
        ("Traces the call.", "Traces the call end to end."),
        (
            "description: No such order.",
            "description: There is no such order.",
        ),
        ("What an order is made of.", "An order to create."),
    ]);
    assert!(r.changes.is_empty(), "{r}");
    assert!(r.docs_changed);
    assert_eq!(r.verdict(), Verdict::DocsOnly);
    assert!(!r.is_breaking());
    assert!(r.to_string().contains("No change to the Rust API"), "{r}");
}

#[test]
fn changed_examples_are_no_change_at_all() {
    let r = report(&[
        (
            "          example: Blue dress",
            "          example: Red scarf",
        ),
        ("              amount: 10.5\n", "              amount: 99\n"),
    ]);
    assert_eq!(r.verdict(), Verdict::NoChange, "{r}");
    assert_eq!(r.verdict().bump_stable(), generator::diff::Bump::None);
}

#[test]
fn a_new_error_status_is_an_addition() {
    let r = report(&[(
        "        '400':\n          description: Bad request.\n",
        "        '409':\n          description: Duplicate order id.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/ErrorResponse'\n        '400':\n          description: Bad request.\n",
    )]);
    expect(
        &r,
        Verdict::Additive,
        Subject::Error,
        "CreateOrderError::Conflict",
        Impact::Addition,
    );
}

const DEFAULT_ERROR: &str = "        default:\n          description: Any other error.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/ErrorResponse'\n        '400':\n          description: Bad request.\n";

#[test]
fn a_new_default_error_response_is_an_addition() {
    let r = report(&[(
        "        '400':\n          description: Bad request.\n",
        DEFAULT_ERROR,
    )]);
    expect(
        &r,
        Verdict::Additive,
        Subject::Error,
        "CreateOrderError::Other",
        Impact::Addition,
    );
}

#[test]
fn a_removed_default_error_response_is_breaking() {
    let old = edited(&[(
        "        '400':\n          description: Bad request.\n",
        DEFAULT_ERROR,
    )]);
    let r = diff(&api(&old), &api(BASE));
    println!("{r}");
    expect(
        &r,
        Verdict::Breaking,
        Subject::Error,
        "CreateOrderError::Other",
        Impact::Breaking,
    );
}

#[test]
fn a_new_enum_value_is_an_addition() {
    let r = report(&[(
        "        - EXPIRED\n",
        "        - EXPIRED\n        - REFUNDED\n",
    )]);
    expect(
        &r,
        Verdict::Additive,
        Subject::EnumVariant,
        "OrderStatus::Refunded",
        Impact::Addition,
    );
}

#[test]
fn a_new_security_scheme_is_an_addition() {
    let r = report(&[(
        "      name: x-api-key\n",
        "      name: x-api-key\n    Partner:\n      type: http\n      scheme: bearer\n",
    )]);
    assert_eq!(r.verdict(), Verdict::Additive, "{r}");
    assert!(
        r.changes
            .iter()
            .all(|c| c.subject == Subject::SecurityScheme && c.impact == Impact::Addition),
        "{r}"
    );
}

#[test]
fn wire_only_changes_are_compatible() {
    // A moved endpoint, a renamed path parameter (same position and type)
    // and a new server URL: calls compile unchanged.
    let r = report(&[
        ("  /orders/{order_id}:\n", "  /v2/orders/{id}:\n"),
        (
            "        - name: order_id\n          in: path",
            "        - name: id\n          in: path",
        ),
        (
            "https://sandbox.shop.example",
            "https://sandbox2.shop.example",
        ),
    ]);
    assert_eq!(r.verdict(), Verdict::Compatible, "{r}");
    assert!(
        r.changes.iter().all(|c| c.impact == Impact::Compatible),
        "{r}"
    );
    assert_eq!(
        find(&r, Subject::Parameter, "Client::get_order(id)").kind,
        ChangeKind::Changed
    );
    assert_eq!(r.verdict().bump_initial(), generator::diff::Bump::Patch);
    assert_eq!(r.verdict().bump_stable(), generator::diff::Bump::Patch);
}
