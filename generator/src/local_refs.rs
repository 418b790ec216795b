//! `$ref`s to schemas anywhere in the document, not only in
//! `components.schemas`: a schema's own `$defs` or `definitions` (JSON
//! Schema's nesting, which 3.1 documents and converted specs use), a
//! property of another schema, a path's response schema. The lowering
//! names types after `components.schemas` entries, so each such target
//! becomes one, under a name made from its pointer's names
//! (`#/components/schemas/Transfer/definitions/transferAccount` is
//! `Transfer_transferAccount`, a Rust `TransferTransferAccount`), and the
//! references are pointed at it. The nested original stays where it is,
//! unread. This runs after the version's rewrite, on 3.0-shaped schemas.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::json_pointer::{child, percent_decode, unescape};
use crate::pointer_origins::PointerOrigins;
use crate::spec_walk;

const COMPONENT_SCHEMAS: &str = "#/components/schemas/";

/// Moves every schema a `$ref` reaches outside `components.schemas` into
/// it, and points the references there.
pub fn hoist_nested_schemas(document: &mut Value, origins: &mut PointerOrigins) {
    let references = schema_references(document);
    let mut targets: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: Vec<String> = document
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().cloned().collect())
        .unwrap_or_default();
    for (_, target) in &references {
        if targets.contains_key(target) || is_component_schema(target) {
            continue;
        }
        let hoistable = crate::validate::resolve(document, target)
            .is_some_and(|schema| schema.is_object() && crate::validate::is_well_formed(schema));
        if !hoistable {
            // A target that does not resolve is reported by the reference
            // check; one that is not a schema that types is left where it
            // is, and typed as any JSON value with a warning by the lowering.
            continue;
        }
        let name = crate::component_schemas::free_name(&name_for(target), |name| {
            taken.iter().any(|t| t == name)
        });
        taken.push(name.clone());
        targets.insert(target.clone(), name);
    }
    if targets.is_empty() {
        return;
    }
    for (at, target) in &references {
        let Some(name) = targets.get(target) else {
            continue;
        };
        if let Some(Value::Object(object)) = document.pointer_mut(at.trim_start_matches('#')) {
            object.insert(
                "$ref".to_owned(),
                Value::String(child("#/components/schemas", name)),
            );
        }
    }
    // Copied after the references are rewritten, so that references inside
    // a target point at the hoisted schemas too.
    let hoisted: Vec<(String, Value)> = targets
        .iter()
        .filter_map(|(target, name)| {
            crate::validate::resolve(document, target).map(|schema| (name.clone(), schema.clone()))
        })
        .collect();
    let Some(schemas) = crate::component_schemas::schemas_mut(document) else {
        return;
    };
    // Not a warning: nothing is lost, and the name says where it came
    // from; a problem in the copy is shown where the user wrote it.
    for (name, schema) in hoisted {
        if let Some((target, _)) = targets.iter().find(|(_, n)| **n == name) {
            let decoded = percent_decode(target).unwrap_or_else(|| target.clone());
            let written = origins.written(&decoded).into_owned();
            origins.record(
                child(COMPONENT_SCHEMAS.trim_end_matches('/'), &name),
                written,
            );
        }
        schemas.insert(name, schema);
    }
}

fn is_component_schema(target: &str) -> bool {
    target
        .strip_prefix(COMPONENT_SCHEMAS)
        .is_some_and(|name| !name.contains('/'))
}

/// The name a nested schema gets: the names in its pointer (not the
/// keywords, methods, statuses and media types between them), joined by
/// `_`; the type-naming rules make a Rust name of it.
fn name_for(target: &str) -> String {
    const STRUCTURE: [&str; 17] = [
        "additionalOperations",
        "components",
        "schemas",
        "$defs",
        "definitions",
        "properties",
        "items",
        "paths",
        "content",
        "schema",
        "responses",
        "allOf",
        "anyOf",
        "oneOf",
        "additionalProperties",
        "requestBody",
        "parameters",
    ];
    let names: Vec<String> = target
        .trim_start_matches('#')
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let segment = unescape(segment);
            percent_decode(&segment).unwrap_or(segment)
        })
        .filter(|segment| {
            let is_status = segment == "default"
                || segment.len() == 3 && segment.starts_with(|c: char| c.is_ascii_digit());
            let is_media_type = segment.contains('/') && !segment.starts_with('/');
            let is_index = segment.bytes().all(|b| b.is_ascii_digit());
            !(STRUCTURE.contains(&segment.as_str())
                || crate::model::HttpMethod::from_path_item_key(segment).is_some()
                || is_status
                || is_media_type
                || is_index)
        })
        .collect();
    if names.is_empty() {
        "Nested".to_owned()
    } else {
        names.join("_")
    }
}

/// Every `$ref` in a schema position: (the pointer of the object holding
/// it, its target), in document order.
fn schema_references(document: &Value) -> Vec<(String, String)> {
    let mut references = Vec::new();
    for root in spec_walk::schema_roots(document) {
        if let Some(schema) = document.pointer(root.trim_start_matches('#')) {
            collect(schema, &root, 0, &mut references);
        }
    }
    references
}

/// Schemas nest no deeper than this here (the loader refuses documents
/// nested deeper than 128 levels before this runs).
const MAX_NESTING: usize = 128;

fn collect(schema: &Value, at: &str, depth: usize, out: &mut Vec<(String, String)>) {
    let Value::Object(object) = schema else {
        return;
    };
    if depth > MAX_NESTING {
        return;
    }
    if let Some(Value::String(target)) = object.get("$ref") {
        out.push((at.to_owned(), target.clone()));
    }
    for key in [
        "items",
        "not",
        "additionalProperties",
        "contains",
        "if",
        "then",
        "else",
        "propertyNames",
        "unevaluatedProperties",
        "unevaluatedItems",
    ] {
        if let Some(inner) = object.get(key) {
            collect(inner, &child(at, key), depth + 1, out);
        }
    }
    for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
        if let Some(Value::Array(members)) = object.get(key) {
            let list_at = child(at, key);
            for (index, member) in members.iter().enumerate() {
                collect(member, &child(&list_at, &index.to_string()), depth + 1, out);
            }
        }
    }
    for key in [
        "properties",
        "patternProperties",
        "$defs",
        "definitions",
        "dependentSchemas",
    ] {
        if let Some(Value::Object(entries)) = object.get(key) {
            let map_at = child(at, key);
            for (name, entry) in entries {
                collect(entry, &child(&map_at, name), depth + 1, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nested_targets_become_component_schemas_and_references_follow() {
        let mut document = json!({
            "components": {"schemas": {
                "Report": {
                    "type": "object",
                    "definitions": {"line": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Report/definitions/line"}}}},
                    "properties": {"lines": {"type": "array", "items": {"$ref": "#/components/schemas/Report/definitions/line"}}}
                },
                "Report_line": {"type": "string"},
                "Other": {"$ref": "#/components/schemas/Report"}
            }}
        });
        hoist_nested_schemas(&mut document, &mut PointerOrigins::default());
        let schemas = &document["components"]["schemas"];
        assert_eq!(
            schemas["Report"]["properties"]["lines"]["items"]["$ref"],
            "#/components/schemas/Report_line_2"
        );
        assert_eq!(
            schemas["Report_line_2"]["properties"]["next"]["$ref"],
            "#/components/schemas/Report_line_2",
            "references inside the target follow it"
        );
        assert_eq!(schemas["Other"]["$ref"], "#/components/schemas/Report");
    }

    #[test]
    fn names_come_from_the_pointers_names() {
        assert_eq!(
            name_for(
                "#/components/schemas/Transfer/definitions/transferAccount/properties/currency"
            ),
            "Transfer_transferAccount_currency"
        );
        assert_eq!(name_for("#/components/schemas/A/$defs/B"), "A_B");
        assert_eq!(
            name_for(
                "#/paths/~1orders~1%7Bid%7D/get/responses/200/content/application~1json/schema/properties/time"
            ),
            "/orders/{id}_time"
        );
    }
}
