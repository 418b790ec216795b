//! OpenAPI 3.1: a 3.0 spec rewritten as 3.1 with the same meaning
//! generates the same code, byte for byte, and the diff between the two
//! reports no API change.

use std::path::Path;

use serde_json::{Map, Value};

fn repository() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Whether an object is a schema (and not a parameter, header or media
/// type, whose `example` stays `example` in 3.1).
fn is_schema(object: &Map<String, Value>) -> bool {
    [
        "type",
        "properties",
        "allOf",
        "oneOf",
        "anyOf",
        "$ref",
        "items",
        "enum",
    ]
    .iter()
    .any(|key| object.contains_key(*key))
        && !object.contains_key("in")
        && !object.contains_key("schema")
}

/// The 3.1 way of writing what a 3.0 document says: nullability as a
/// `type` list or a null branch, `exclusiveMinimum` as the bound itself,
/// `example` as `examples`. Written here, independently of the generator's
/// own rewrite, which must undo it.
fn as_3_1(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if is_schema(object) {
                if object.get("nullable") == Some(&Value::Bool(true)) {
                    object.shift_remove("nullable");
                    match object.get("type").cloned() {
                        Some(Value::String(ty)) => {
                            object.insert("type".into(), serde_json::json!([ty, "null"]));
                        }
                        _ => {
                            let parts = object
                                .shift_remove("allOf")
                                .unwrap_or_else(|| serde_json::json!([]));
                            let mut branches = parts.as_array().cloned().unwrap_or_default();
                            branches.push(serde_json::json!({"type": "null"}));
                            object.insert("anyOf".into(), Value::Array(branches));
                        }
                    }
                }
                for (exclusive, bound) in [
                    ("exclusiveMinimum", "minimum"),
                    ("exclusiveMaximum", "maximum"),
                ] {
                    if object.get(exclusive) == Some(&Value::Bool(true)) {
                        if let Some(limit) = object.shift_remove(bound) {
                            object.insert(exclusive.into(), limit);
                        }
                    }
                }
                if let Some(example) = object.shift_remove("example") {
                    object.insert("examples".into(), Value::Array(vec![example]));
                }
            }
            for (key, inner) in object.iter_mut() {
                // Data is not spec.
                if !matches!(key.as_str(), "example" | "examples" | "default" | "enum")
                    || inner.is_object() && key == "examples"
                {
                    as_3_1(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(as_3_1),
        _ => {}
    }
}

fn generated_files(text: &str) -> std::collections::BTreeMap<String, String> {
    let loaded = generator::load::load_str(text, None).expect("the spec loads");
    generator::Generator::new("api")
        .generate(&loaded)
        .expect("the spec generates")
        .files
}

fn assert_same_code_as_3_1(spec: &Path) {
    let text = std::fs::read_to_string(spec).expect("spec");
    let mut document: Value = serde_yaml::from_str(&text).expect("YAML");
    let original = document.clone();
    document["openapi"] = Value::String("3.1.0".into());
    as_3_1(&mut document);
    assert_ne!(
        document,
        original,
        "the rewrite changed nothing in {}",
        spec.display()
    );
    let rewritten = serde_json::to_string_pretty(&document).expect("JSON");
    let (old, new) = (generated_files(&text), generated_files(&rewritten));
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>()
    );
    for (name, code) in &old {
        assert!(
            code == &new[name],
            "{name} differs between {} and its 3.1 rewrite",
            spec.display()
        );
    }
    let api = |text: &str| {
        generator::lower::lower(
            &generator::load::load_str(text, None)
                .expect("loads")
                .openapi,
        )
    };
    let report = generator::diff::diff(&api(&text), &api(&rewritten));
    assert!(report.changes.is_empty(), "{report}");
}

#[test]
fn flowwise_as_3_1_generates_the_same_code() {
    assert_same_code_as_3_1(&repository().join("specs/flowwise.yaml"));
}

#[test]
fn cashfree_as_3_1_generates_the_same_code() {
    assert_same_code_as_3_1(&repository().join("../shared/specs/cashfree-pg.yaml"));
}

#[test]
fn nullable_references_and_bounds_as_3_1_generate_the_same_code() {
    let spec = Path::new(env!("CARGO_TARGET_TMPDIR")).join("versions-nullable.yaml");
    std::fs::write(
        &spec,
        r#"
openapi: 3.0.3
info: {title: Nullable, version: '1'}
paths:
  /orders/{id}:
    get:
      operationId: getOrder
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}, example: ord_1}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
components:
  schemas:
    Customer:
      type: object
      properties:
        name: {type: string}
    Order:
      type: object
      required: [id, customer]
      properties:
        id: {type: string, example: ord_1}
        customer:
          nullable: true
          allOf: [{$ref: '#/components/schemas/Customer'}]
        note: {type: string, nullable: true}
        amount: {type: number, minimum: 0, exclusiveMinimum: true}
"#,
    )
    .expect("write the spec");
    assert_same_code_as_3_1(&spec);
}

/// A problem inside a schema the loader moved (a `$defs` entry a `$ref`
/// reaches becomes a component) is shown at the line the user wrote it on.
#[test]
fn warnings_in_hoisted_schemas_point_where_they_were_written() {
    let text = "\
openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Order:
      type: object
      properties:
        total: {$ref: '#/components/schemas/Money/$defs/Amount'}
    Money:
      $defs:
        Amount:
          allOf: [{type: string}, {type: object}]
";
    let loaded = generator::load::load_str(text, Some(Path::new("api.yaml"))).expect("loads");
    let generated = generator::Generator::new("api")
        .generate(&loaded)
        .expect("generates");
    let warnings = generated.render_warnings();
    assert!(warnings.contains("cannot be merged"), "{warnings}");
    assert!(warnings.contains("api.yaml:12:9"), "{warnings}");
    assert!(
        warnings.contains("#/components/schemas/Money/$defs/Amount"),
        "{warnings}"
    );
}

#[test]
fn razorpay_as_3_1_generates_the_same_code() {
    assert_same_code_as_3_1(&repository().join("specs/razorpay.yaml"));
}
