//! `generator diff`: pairs of specs, one per kind of change, with the
//! verdict each must get (breaking.rs, compatible.rs, identical.rs); the
//! CLI's exit codes and `generate --check` (cli.rs). The base spec and the
//! helpers that edit it and read reports are here.

mod breaking;
mod cli;
mod compatible;
mod identical;
mod webhooks;

use std::path::{Path, PathBuf};

use generator::diff::{Change, Impact, Report, Subject, Verdict, diff};
use generator::load::load_str;
use generator::lower::lower;
use generator::model::Api;

/// The old spec of every pair: a little of every shape the generator emits.
pub(crate) const BASE: &str = r##"
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

pub(crate) fn api(yaml: &str) -> Api {
    lower(&load_str(yaml, None).expect("spec loads").openapi)
}

/// The base spec with each `from` (which must occur exactly once) replaced.
pub(crate) fn edited(edits: &[(&str, &str)]) -> String {
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

pub(crate) fn report(edits: &[(&str, &str)]) -> Report {
    let report = diff(&api(BASE), &api(&edited(edits)));
    // Every report prints; print it so a failing test shows it.
    println!("{report}");
    report
}

pub(crate) fn find<'a>(report: &'a Report, subject: Subject, path: &str) -> &'a Change {
    report
        .changes
        .iter()
        .find(|c| c.subject == subject && c.path == path)
        .unwrap_or_else(|| panic!("no {subject:?} change at `{path}` in:\n{report}"))
}

/// Asserts the verdict, and that the change at `path` has this impact.
pub(crate) fn expect(
    report: &Report,
    verdict: Verdict,
    subject: Subject,
    path: &str,
    impact: Impact,
) {
    assert_eq!(report.verdict(), verdict, "{report}");
    assert_eq!(find(report, subject, path).impact, impact, "{report}");
}

/// The same document as JSON, every object's keys in reverse order.
pub(crate) fn reordered_json(yaml: &str) -> String {
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

pub(crate) fn flowwise_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/flowwise.yaml")
}
