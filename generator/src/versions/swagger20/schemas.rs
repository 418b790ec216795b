//! Swagger 2.0 schemas and `$ref`s in their 3.0 forms.

use serde_json::{Map, Value, json};

use crate::json_pointer::unescape;

/// A 2.0 schema's own constructs in their 3.0 form, all the way down.
pub(super) fn convert_schema(schema: &mut Value) {
    let Value::Object(object) = schema else {
        return;
    };
    if object.get("type").and_then(Value::as_str) == Some("file") {
        object.insert("type".into(), json!("string"));
        object.insert("format".into(), json!("binary"));
    }
    if let Some(nullable) = object.shift_remove("x-nullable") {
        if nullable == Value::Bool(true) {
            // Beside a `$ref`, 3.0 ignores keywords: a nullable reference
            // is a nullable one-part `allOf`.
            if let Some(reference) = object.shift_remove("$ref") {
                object.insert("allOf".into(), json!([{"$ref": reference}]));
            }
            object.insert("nullable".into(), json!(true));
        }
    }
    if let Some(Value::String(property)) = object.get("discriminator").cloned() {
        object.insert("discriminator".into(), json!({"propertyName": property}));
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(inner) = object.get_mut(key) {
            convert_schema(inner);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(members)) = object.get_mut(key) {
            members.iter_mut().for_each(convert_schema);
        }
    }
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        properties.values_mut().for_each(convert_schema);
    }
}

/// Every `$ref` to a 2.0 place, pointed at its 3.0 place. A `$ref` to a
/// shared body parameter is a request body's; the rest keep their kind.
pub(super) fn rewrite_refs(node: &mut Value, source: &Map<String, Value>) {
    match node {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get_mut("$ref") {
                if let Some(rest) = reference.strip_prefix("#/definitions/") {
                    *reference = format!("#/components/schemas/{rest}");
                } else if let Some(rest) = reference.strip_prefix("#/responses/") {
                    *reference = format!("#/components/responses/{rest}");
                } else if let Some(rest) = reference.strip_prefix("#/parameters/") {
                    let name = unescape(rest.split('/').next().unwrap_or(rest));
                    let is_body = source
                        .get("parameters")
                        .and_then(|p| p.get(&name))
                        .and_then(|p| p.get("in"))
                        .and_then(Value::as_str)
                        == Some("body");
                    let place = if is_body {
                        "requestBodies"
                    } else {
                        "parameters"
                    };
                    *reference = format!("#/components/{place}/{rest}");
                }
            }
            for (key, value) in object.iter_mut() {
                // Examples and defaults are data, not spec.
                if !matches!(
                    key.as_str(),
                    "example" | "examples" | "default" | "enum" | "x-example"
                ) {
                    rewrite_refs(value, source);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rewrite_refs(item, source)),
        _ => {}
    }
}
