//! Adding schemas to a document's `components.schemas` (as JSON, before
//! it is typed): what the loader's passes that give a nested schema a name
//! of its own share (nested `$ref` targets, webhook payloads, 3.2 item
//! schemas). A leaf module.

use serde_json::{Map, Value};

/// The document's `components.schemas`, made when missing; `None` when the
/// document, its `components` or its `schemas` is not an object.
pub fn schemas_mut(document: &mut Value) -> Option<&mut Map<String, Value>> {
    document
        .as_object_mut()?
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()?
        .entry("schemas")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
}

/// `wanted`, or `wanted_2`, `wanted_3`, ... the first that is not taken.
pub fn free_name(wanted: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(wanted) {
        return wanted.to_owned();
    }
    (2..)
        .map(|n| format!("{wanted}_{n}"))
        .find(|name| !taken(name))
        .unwrap_or_else(|| wanted.to_owned())
}
