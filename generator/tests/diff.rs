//! `generator diff`: pairs of specs, one per kind of change, with the
//! verdict each must get; the CLI's exit codes; and `generate --check`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use generator::diff::{
    Change, ChangeKind, Impact, OPTIONAL_PARAMS_AS_SETTERS, Report, Subject, Verdict, diff,
};
use generator::load::load_str;
use generator::lower::lower;
use generator::model::Api;

/// The old spec of every pair: a little of every shape the generator emits.
const BASE: &str = r##"
openapi: 3.0.3
info:
  title: Shop API
  version: 1.0.0
  description: Orders for the shop.
servers:
  - url: https://api.shop.example
    description: Production
  - url: https://sandbox.shop.example
    description: Sandbox
security:
  - ApiKey: []
paths:
  /orders:
    post:
      operationId: createOrder
      summary: Create an order
      description: Creates an order.
      parameters:
        - name: x-request-id
          in: header
          description: Traces the call.
          schema:
            type: string
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/CreateOrderRequest'
            example:
              order_id: o_1
              amount: 10.5
              currency: INR
      responses:
        '200':
          description: The order.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Order'
        '400':
          description: Bad request.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ErrorResponse'
  /orders/{order_id}:
    get:
      operationId: getOrder
      summary: Get an order
      parameters:
        - name: order_id
          in: path
          required: true
          schema:
            type: string
        - name: expand
          in: query
          schema:
            type: string
      responses:
        '200':
          description: The order.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Order'
        '404':
          description: No such order.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ErrorResponse'
components:
  schemas:
    CreateOrderRequest:
      type: object
      description: What an order is made of.
      required:
        - order_id
        - amount
        - currency
      properties:
        order_id:
          type: string
          description: Your identifier.
          example: o_1
        amount:
          type: number
          example: 10.5
        currency:
          type: string
        note:
          type: string
          example: Blue dress
        tags:
          $ref: '#/components/schemas/Tags'
    Order:
      type: object
      required:
        - id
      properties:
        id:
          type: string
        status:
          $ref: '#/components/schemas/OrderStatus'
        amount:
          type: number
        created_at:
          type: string
          format: date-time
        note:
          type: string
    OrderStatus:
      type: string
      enum:
        - ACTIVE
        - PAID
        - EXPIRED
    ErrorResponse:
      type: object
      required:
        - message
      properties:
        message:
          type: string
        code:
          type: string
    Tags:
      type: object
      additionalProperties:
        type: string
  securitySchemes:
    ApiKey:
      type: apiKey
      in: header
      name: x-api-key
"##;

fn api(yaml: &str) -> Api {
    lower(&load_str(yaml, None).expect("spec loads").openapi)
}

/// The base spec with each `from` (which must occur exactly once) replaced.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut yaml = BASE.to_owned();
    for (from, to) in edits {
        assert_eq!(
            yaml.matches(from).count(),
            1,
            "`{from}` must occur once in the spec being edited"
        );
        yaml = yaml.replacen(from, to, 1);
    }
    yaml
}

fn report(edits: &[(&str, &str)]) -> Report {
    let report = diff(&api(BASE), &api(&edited(edits)));
    // Every report prints; print it so a failing test shows it.
    println!("{report}");
    report
}

fn find<'a>(report: &'a Report, subject: Subject, path: &str) -> &'a Change {
    report
        .changes
        .iter()
        .find(|c| c.subject == subject && c.path == path)
        .unwrap_or_else(|| panic!("no {subject:?} change at `{path}` in:\n{report}"))
}

/// Asserts the verdict, and that the change at `path` has this impact.
fn expect(report: &Report, verdict: Verdict, subject: Subject, path: &str, impact: Impact) {
    assert_eq!(report.verdict(), verdict, "{report}");
    assert_eq!(find(report, subject, path).impact, impact, "{report}");
}

// ----- Breaking ------------------------------------------------------------------

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

// ----- Compatible ------------------------------------------------------------------

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

// ----- Identical APIs ----------------------------------------------------------------

/// The same document as JSON, every object's keys in reverse order.
fn reordered_json(yaml: &str) -> String {
    fn reverse(value: serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => {
                let mut entries: Vec<_> = map.into_iter().collect();
                entries.reverse();
                serde_json::Value::Object(
                    entries
                        .into_iter()
                        .map(|(key, value)| (key, reverse(value)))
                        .collect(),
                )
            }
            serde_json::Value::Array(items) => {
                serde_json::Value::Array(items.into_iter().map(reverse).collect())
            }
            other => other,
        }
    }
    let value: serde_json::Value = serde_yaml::from_str(yaml).expect("YAML");
    serde_json::to_string_pretty(&reverse(value)).expect("JSON")
}

#[test]
fn the_same_spec_reordered_and_as_json_is_no_api_change() {
    let json = reordered_json(BASE);
    assert!(json.trim_start().starts_with('{'));
    let r = diff(&api(BASE), &api(&json));
    assert_eq!(r.verdict(), Verdict::NoChange, "{r}");
    assert!(r.changes.is_empty() && !r.docs_changed, "{r}");
    assert!(r.to_string().contains("No change to the Rust API"), "{r}");

    let flowwise = std::fs::read_to_string(flowwise_spec()).unwrap();
    let r = diff(&api(&flowwise), &api(&reordered_json(&flowwise)));
    assert_eq!(r.verdict(), Verdict::NoChange, "{r}");
}

#[test]
fn reports_are_deterministic_and_breaking_changes_come_first() {
    let edits: &[(&str, &str)] = &[
        ("        - EXPIRED\n", "        - REFUNDED\n"),
        (
            "    Tags:\n",
            "    Customer:\n      type: object\n      properties:\n        name:\n          type: string\n    Tags:\n",
        ),
        (
            "        created_at:\n          type: string\n          format: date-time",
            "        created_at:\n          type: integer",
        ),
    ];
    let a = report(edits);
    let b = report(edits);
    assert_eq!(a, b);
    assert_eq!(a.to_string(), b.to_string());
    let impacts: Vec<Impact> = a.changes.iter().map(|c| c.impact).collect();
    let mut sorted = impacts.clone();
    sorted.sort();
    assert_eq!(impacts, sorted, "{a}");
    let text = a.to_string();
    let breaking = text.find("Breaking").unwrap();
    let additions = text.find("Additions").unwrap();
    assert!(breaking < additions, "{text}");
    assert!(text.contains("Verdict: BREAKING."), "{text}");
    assert!(
        text.contains("minor for a 0.y.z crate, major for a crate at 1.0 or later"),
        "{text}"
    );
}

// ----- The CLI ----------------------------------------------------------------------

fn generator() -> Command {
    Command::new(env!("CARGO_BIN_EXE_generator"))
}

fn flowwise_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/flowwise.yaml")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn diff_exits_0_when_nothing_breaks_1_when_something_does_2_on_error() {
    let dir = temp_dir("diff-cli");
    let write = |name: &str, yaml: &str| {
        let path = dir.join(name);
        std::fs::write(&path, yaml).unwrap();
        path
    };
    let old = write("old.yaml", BASE);
    let same = write("same.json", &reordered_json(BASE));
    let added = write(
        "added.yaml",
        &edited(&[(
            "        - EXPIRED\n",
            "        - EXPIRED\n        - REFUNDED\n",
        )]),
    );
    let broken = write(
        "broken.yaml",
        &edited(&[(
            "        note:\n          type: string\n          example: Blue dress\n",
            "",
        )]),
    );

    let run = |args: &[&Path]| generator().arg("diff").args(args).output().unwrap();

    let output = run(&[&old, &same]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(
        text(&output).contains("No change to the Rust API"),
        "{}",
        text(&output)
    );

    let output = run(&[&old, &added]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(
        text(&output).contains("OrderStatus::Refunded"),
        "{}",
        text(&output)
    );

    let output = run(&[&old, &broken]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("CreateOrderRequest::note"), "{stdout}");
    assert!(stdout.contains("Verdict: BREAKING."), "{stdout}");

    let with_version = generator()
        .arg("diff")
        .arg(&old)
        .arg(&broken)
        .args(["--crate-version", "0.4.2"])
        .output()
        .unwrap();
    assert_eq!(with_version.status.code(), Some(1));
    assert!(
        text(&with_version).contains("0.4.2 → 0.5.0"),
        "{}",
        text(&with_version)
    );

    let missing = run(&[&old, Path::new("/nonexistent/new.yaml")]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/new.yaml"),
        "{}",
        text(&missing)
    );

    let invalid = write("invalid.yaml", "openapi: 3.0.3\ninfo: [not, an, object]\n");
    let output = run(&[&old, &invalid]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));

    let one_spec = run(&[&old]);
    assert_eq!(one_spec.status.code(), Some(2));
    assert!(text(&one_spec).contains("two specs"), "{}", text(&one_spec));
}

#[test]
fn generate_check_reports_stale_files() {
    let out = temp_dir("check-crate").join("crate");
    let generate = |check: bool| {
        let mut command = generator();
        command
            .args(["generate", "--spec"])
            .arg(flowwise_spec())
            .arg("--out")
            .arg(&out)
            .args(["--crate-name", "flowwise-standalone"]);
        if check {
            command.arg("--check");
        }
        command.output().unwrap()
    };

    // Nothing written yet: every file is missing, and --check writes none.
    let output = generate(true);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("Cargo.toml is missing"),
        "{}",
        text(&output)
    );
    assert!(!out.exists(), "--check wrote something");

    assert!(generate(false).status.success());
    let output = generate(true);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(text(&output).contains("up to date"), "{}", text(&output));

    // A hand edit makes it stale, and the message names the file.
    let types = out.join("src/api_types.rs");
    let mut code = std::fs::read_to_string(&types).unwrap();
    code.push_str("\n// edited by hand\n");
    std::fs::write(&types, code).unwrap();
    let output = generate(true);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let message = text(&output);
    assert!(message.contains("api_types.rs differs"), "{message}");
    assert!(!message.contains("api.rs differs"), "{message}");
    assert!(message.contains("generator generate --spec"), "{message}");

    // Another crate name is another Cargo.toml.
    let other_name = generator()
        .args(["generate", "--spec"])
        .arg(flowwise_spec())
        .arg("--out")
        .arg(&out)
        .arg("--check")
        .output()
        .unwrap();
    assert_eq!(other_name.status.code(), Some(1));
    assert!(
        text(&other_name).contains("Cargo.toml differs"),
        "{}",
        text(&other_name)
    );

    // Regenerating fixes it.
    assert!(generate(false).status.success());
    assert_eq!(generate(true).status.code(), Some(0));

    // An unreadable spec is an error, not a verdict.
    let missing = generator()
        .args(["generate", "--spec", "/nonexistent/spec.yaml", "--out"])
        .arg(&out)
        .arg("--check")
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
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
