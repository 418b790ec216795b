//! Path items shared by `$ref` (3.1's `components.pathItems`, or any local
//! pointer to a path item), put in place where they are used: `openapiv3`
//! has no way to follow such a reference, so each use gets its own copy.
//! A copy's nodes are recorded as coming from the shared item, so that a
//! problem in it is shown where the user wrote it.

use serde_json::{Map, Value};

use crate::diagnostics::Warnings;
use crate::json_pointer::{child, percent_decode};
use crate::pointer_origins::PointerOrigins;

/// The keys of a path item a `$ref` beside it may override (3.1 lets
/// `summary` and `description` sit beside the reference).
const OVERRIDES: [&str; 2] = ["summary", "description"];

/// How many references deep a path item may point to another before it is
/// taken for a cycle.
const MAX_DEPTH: usize = 16;

/// Inlines every local path-item `$ref` under `paths` and `webhooks`, then
/// takes `components.pathItems` out (what no reference reached is warned).
pub(super) fn inline(document: &mut Value, origins: &mut PointerOrigins, warnings: &mut Warnings) {
    let refers = ["paths", "webhooks"].iter().any(|section| {
        document
            .get(*section)
            .and_then(Value::as_object)
            .is_some_and(|items| items.values().any(|item| item.get("$ref").is_some()))
    });
    if !refers {
        // Nothing to copy: a shared item nothing uses is still reported.
        warn_unused(document, &[], warnings);
        return;
    }
    // The copies are read from the document as it was: an item copied
    // into one path must not see the copies made into others.
    let snapshot = document.clone();
    let mut used: Vec<String> = Vec::new();
    for section in ["paths", "webhooks"] {
        let Some(Value::Object(items)) = document.get_mut(section) else {
            continue;
        };
        for (key, item) in items.iter_mut() {
            let at = child(&child("#", section), key);
            let followed = used.len();
            if let Some(resolved) = resolve(&snapshot, item, &at, &mut used, warnings) {
                *item = resolved;
                if used.len() > followed {
                    origins.record(&at, used[used.len() - 1].clone());
                }
            }
        }
    }
    warn_unused(document, &used, warnings);
}

/// Takes `components.pathItems` out (each one used is copied already),
/// warning about those no reference reached.
fn warn_unused(document: &mut Value, used: &[String], warnings: &mut Warnings) {
    let Some(Value::Object(components)) = document.get_mut("components") else {
        return;
    };
    if let Some(Value::Object(shared)) = components.shift_remove("pathItems") {
        for name in shared.keys() {
            let pointer = child("#/components/pathItems", name);
            if !used.contains(&pointer) {
                warnings.push(
                    pointer,
                    "a shared path item no path or webhook refers to; ignored",
                );
            }
        }
    }
}

/// The path item `item` stands for when it is a local `$ref` (followed
/// through chains of them), with the overrides beside the reference; `None`
/// when it is a path item already, or its reference cannot be followed.
/// Each pointer followed is pushed to `used`.
fn resolve(
    document: &Value,
    item: &Value,
    at: &str,
    used: &mut Vec<String>,
    warnings: &mut Warnings,
) -> Option<Value> {
    let reference = item.get("$ref")?.as_str()?;
    let mut target = reference.to_owned();
    for _ in 0..MAX_DEPTH {
        let Some(fragment) = target.strip_prefix('#') else {
            // Another file: left as it is, reported where references are checked.
            return None;
        };
        let decoded = percent_decode(fragment).unwrap_or_else(|| fragment.to_owned());
        let Some(found) = document.pointer(&decoded) else {
            warnings.push(
                child(at, "$ref"),
                format!("`$ref: {reference}` names no path item; the path is left out"),
            );
            return Some(Value::Object(Map::new()));
        };
        used.push(format!("#{decoded}"));
        match found.get("$ref").and_then(Value::as_str) {
            Some(next) => target = next.to_owned(),
            None => {
                let mut resolved = found.as_object().cloned().unwrap_or_default();
                for key in OVERRIDES {
                    if let Some(value) = item.get(key) {
                        resolved.insert(key.to_owned(), value.clone());
                    }
                }
                return Some(Value::Object(resolved));
            }
        }
    }
    warnings.push(
        child(at, "$ref"),
        format!("`$ref: {reference}` goes round in a cycle of path items; the path is left out"),
    );
    Some(Value::Object(Map::new()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn shared_path_items_are_copied_where_they_are_used() {
        let mut document = json!({
            "paths": {
                "/pets": {"$ref": "#/components/pathItems/Pets", "summary": "All the pets"},
                "/animals": {"$ref": "#/paths/~1pets"},
                "/gone": {"$ref": "#/components/pathItems/Nothing"}
            },
            "webhooks": {"newPet": {"$ref": "#/components/pathItems/NewPet"}},
            "components": {"pathItems": {
                "Pets": {"summary": "Pets", "get": {"operationId": "listPets", "responses": {}}},
                "NewPet": {"post": {"responses": {}}},
                "Unused": {"get": {"responses": {}}}
            }}
        });
        let mut origins = PointerOrigins::default();
        let mut warnings = Warnings::default();
        inline(&mut document, &mut origins, &mut warnings);
        assert_eq!(
            document["paths"]["/pets"],
            json!({"summary": "All the pets", "get": {"operationId": "listPets", "responses": {}}})
        );
        assert_eq!(
            document["paths"]["/animals"]["get"]["operationId"],
            "listPets"
        );
        assert_eq!(document["paths"]["/gone"], json!({}));
        assert_eq!(
            document["webhooks"]["newPet"],
            json!({"post": {"responses": {}}})
        );
        assert!(document["components"].get("pathItems").is_none());
        assert_eq!(
            origins.written("#/paths/~1pets/get/operationId"),
            "#/components/pathItems/Pets/get/operationId"
        );
        let messages: Vec<String> = warnings
            .into_sorted()
            .into_iter()
            .map(|w| format!("{} {}", w.pointer, w.message))
            .collect();
        assert_eq!(
            messages,
            [
                "#/components/pathItems/Unused a shared path item no path or webhook refers to; ignored",
                "#/paths/~1gone/$ref `$ref: #/components/pathItems/Nothing` names no path item; the path is left out",
            ]
        );
    }
}
