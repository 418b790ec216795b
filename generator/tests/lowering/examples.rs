//! Spec examples: checked against their schemas, `$ref`s resolved, bombs cut off.

use super::*;

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
    let yaml = include_str!("../fuzz-regressions/example-ref-bomb.yaml");
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
