//! The pointer of every schema in a (3.0 shaped) document: the schema
//! roots `spec_walk` finds and every schema nested in them, parents before
//! children. For the passes that look at each schema on its own.

use serde_json::Value;

use crate::json_pointer::child;
use crate::spec_walk::schema_roots;

/// Keywords whose value is one schema.
pub(super) const SCHEMA_KEYWORDS: [&str; 3] = ["items", "additionalProperties", "not"];
/// Keywords whose value is a list of schemas.
pub(super) const SCHEMA_LIST_KEYWORDS: [&str; 3] = ["allOf", "anyOf", "oneOf"];
/// Keywords whose value maps names to schemas.
const SCHEMA_MAP_KEYWORDS: [&str; 3] = ["properties", "$defs", "definitions"];

/// Every schema's pointer, in document order.
pub(super) fn every_schema(document: &Value) -> Vec<String> {
    let mut pointers = Vec::new();
    for root in schema_roots(document) {
        if let Some(schema) = document.pointer(root.trim_start_matches('#')) {
            collect(schema, root, &mut pointers);
        }
    }
    pointers
}

fn collect(schema: &Value, at: String, pointers: &mut Vec<String>) {
    let Value::Object(object) = schema else {
        return;
    };
    let mut nested = Vec::new();
    for key in SCHEMA_KEYWORDS {
        if let Some(inner) = object.get(key) {
            nested.push((inner, child(&at, key)));
        }
    }
    for key in SCHEMA_LIST_KEYWORDS {
        if let Some(Value::Array(members)) = object.get(key) {
            let list_at = child(&at, key);
            for (index, member) in members.iter().enumerate() {
                nested.push((member, child(&list_at, &index.to_string())));
            }
        }
    }
    for key in SCHEMA_MAP_KEYWORDS {
        if let Some(Value::Object(entries)) = object.get(key) {
            let map_at = child(&at, key);
            for (name, entry) in entries {
                nested.push((entry, child(&map_at, name)));
            }
        }
    }
    pointers.push(at);
    for (inner, inner_at) in nested {
        collect(inner, inner_at, pointers);
    }
}
