//! JSON Schema 2020-12 names a schema three ways besides a JSON pointer:
//! by `$anchor` (`$ref: "#Money"`), and by `$id` (`$ref: "money.json"` or
//! the absolute URI it declares, possibly with a pointer fragment). Within
//! one document, each such reference is rewritten to the JSON pointer of
//! the schema it names, so that the rest of the pipeline (which follows
//! pointers only) reads it. A reference to a URI no schema of the document
//! declares is left as it is: the reference check reports it.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::json_pointer::child;
use crate::spec_walk::{KeyKind, key_kind};

/// Whether a key's value is data (examples, defaults, ...), never schemas
/// with anchors or references.
fn holds_data(key: &str) -> bool {
    matches!(key_kind(key), KeyKind::Data | KeyKind::Examples)
}

/// Rewrites `$ref`s to anchors and ids into JSON pointers.
pub(super) fn resolve_to_pointers(document: &mut Value) {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    collect(document, "#", &mut names);
    if names.is_empty() {
        return;
    }
    rewrite(document, &names);
}

/// Every `$anchor` (as `#name`) and `$id` (as written) with its schema's pointer.
fn collect(node: &Value, at: &str, names: &mut BTreeMap<String, String>) {
    match node {
        Value::Object(object) => {
            if let Some(Value::String(anchor)) = object.get("$anchor") {
                names
                    .entry(format!("#{anchor}"))
                    .or_insert_with(|| at.to_owned());
            }
            if let Some(Value::String(id)) = object.get("$id") {
                let id = id.trim_end_matches('#');
                if !id.is_empty() && at != "#" {
                    names.entry(id.to_owned()).or_insert_with(|| at.to_owned());
                }
            }
            for (key, value) in object {
                if !holds_data(key) {
                    collect(value, &child(at, key), names);
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect(item, &child(at, &index.to_string()), names);
            }
        }
        _ => {}
    }
}

fn rewrite(node: &mut Value, names: &BTreeMap<String, String>) {
    match node {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get_mut("$ref") {
                if let Some(pointer) = pointer_for(reference, names) {
                    *reference = pointer;
                }
            }
            for (key, value) in object.iter_mut() {
                if !holds_data(key) {
                    rewrite(value, names);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rewrite(item, names)),
        _ => {}
    }
}

/// The pointer a reference to an anchor or id stands for: `#Money`, `money.json`,
/// `https://example.com/money.json#/properties/amount`.
fn pointer_for(reference: &str, names: &BTreeMap<String, String>) -> Option<String> {
    if reference.starts_with("#/") || reference == "#" {
        return None;
    }
    if let Some(pointer) = names.get(reference) {
        return Some(pointer.clone());
    }
    let (base, fragment) = reference.split_once('#')?;
    let pointer = names.get(base)?;
    if fragment.starts_with('/') {
        return Some(format!("{pointer}{fragment}"));
    }
    // An anchor inside the schema the id names: anchors are unique in a
    // document here, so it is the document's anchor.
    names.get(&format!("#{fragment}")).cloned()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn anchors_and_ids_become_pointers() {
        let mut document = json!({"components": {"schemas": {
            "Money": {"$id": "https://example.com/money.json", "type": "object", "properties": {
                "amount": {"$anchor": "Amount", "type": "integer"}
            }},
            "Order": {"type": "object", "properties": {
                "total": {"$ref": "https://example.com/money.json"},
                "amount": {"$ref": "#Amount"},
                "again": {"$ref": "https://example.com/money.json#/properties/amount"},
                "elsewhere": {"$ref": "https://example.com/other.json"},
                "plain": {"$ref": "#/components/schemas/Money"}
            }, "example": {"$ref": "#Amount"}}
        }}});
        resolve_to_pointers(&mut document);
        let order = &document["components"]["schemas"]["Order"];
        assert_eq!(
            order["properties"]["total"]["$ref"],
            "#/components/schemas/Money"
        );
        assert_eq!(
            order["properties"]["amount"]["$ref"],
            "#/components/schemas/Money/properties/amount"
        );
        assert_eq!(
            order["properties"]["again"]["$ref"],
            "#/components/schemas/Money/properties/amount"
        );
        assert_eq!(
            order["properties"]["elsewhere"]["$ref"],
            "https://example.com/other.json"
        );
        assert_eq!(
            order["properties"]["plain"]["$ref"],
            "#/components/schemas/Money"
        );
        assert_eq!(
            order["example"],
            json!({"$ref": "#Amount"}),
            "examples are data"
        );
    }
}
