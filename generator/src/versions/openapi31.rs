//! OpenAPI 3.1 and 3.2 documents brought to the 3.0 shape, in place.
//!
//! 3.1 made schemas JSON Schema 2020-12. Each construct with a 3.0 form of
//! the same meaning in Rust is rewritten to it, so that a 3.0 spec and its
//! 3.1 rewrite generate the same code:
//!
//! | 3.1 | 3.0 form | Rust |
//! |---|---|---|
//! | `type: [T, "null"]`, `type: "null"`, `const: null` | `type: T`, `nullable: true` | `Option<T>` where 3.0 gives one |
//! | `anyOf`/`oneOf` with a `{type: "null"}` branch | the other branches (one left: a one-part `allOf`), `nullable: true` | as 3.0 |
//! | `type: [A, B]` (several non-null types) | `anyOf: [{type: A}, {type: B}]` | an enum of the types |
//! | `const: v` | `enum: [v]` | a one-value enum (strings), the type otherwise |
//! | a `oneOf`/`anyOf` whose variants each fix a distinct `const` of one property | `discriminator` with a `mapping` (`implicit_tags.rs`, every version) | an enum decoded by its tag |
//! | top-level `webhooks` | payload schemas as components (`payloads.rs`); the webhooks carried to the lowering (`loader_extensions::WEBHOOKS`) | a type per payload, and the `webhooks` module's event enum |
//! | `components.pathItems`, a path item's `$ref` | the item copied where used (`path_items.rs`) | operations like the rest |
//! | `examples: [v, ...]` in a schema | `example: v` | doc examples and example tests |
//! | `exclusiveMinimum: n` (a number) | `minimum: n`, `exclusiveMinimum: true` | no change in type |
//! | `minLength: 2.0` (integers written as decimals) | `minLength: 2` | no change in type |
//! | `contentEncoding: base64` / `contentMediaType` on a string | `format: byte` / `format: binary` | bytes |
//! | `true` / `false` as a schema | `{}` / `{not: {}}` | any JSON value |
//! | `$ref` beside keywords other than annotations | `allOf: [{$ref}]` beside them | as 3.0's `allOf` |
//! | no `paths` | `paths: {}` | a crate of types only |
//! | `$ref` to an `$anchor` or a local `$id` | `$ref` to its JSON pointer (`anchors.rs`) | as the schema there |
//! | `prefixItems` with `items: false` or a fixed `maxItems` | the extension `x-oas-prefix-items` | a tuple `(A, B)` |
//! | `unevaluatedProperties` of a schema that composes nothing | `additionalProperties` | a closed struct, or a map |
//! | `patternProperties` with one pattern | `additionalProperties` of its schema (warned: keys unchecked) | a map |
//!
//! `$defs` entries are rewritten too, and those a `$ref` reaches become
//! named types (see `local_refs.rs`, which runs next); the rest are unused, like unused
//! components. What has no such form (`prefixItems`, several `patternProperties`,
//! `if`/`then`/`else`, ...) is taken out, each with a
//! warning naming its pointer.

use serde_json::{Map, Value, json};

use super::every_schema::{SCHEMA_KEYWORDS, SCHEMA_LIST_KEYWORDS};
use crate::diagnostics::Warnings;
use crate::json_pointer::child;
use crate::spec_walk::schema_roots;

/// Rewrites a 3.1 (or 3.2) document to the 3.0 shape.
pub(super) fn rewrite(document: &mut Value, warnings: &mut Warnings) {
    rewrite_document(document, warnings);
    for root in schema_roots(document) {
        if let Some(schema) = document.pointer_mut(root.trim_start_matches('#')) {
            rewrite_schema(schema, &root, warnings);
        }
    }
}

/// The document-level differences.
fn rewrite_document(document: &mut Value, warnings: &mut Warnings) {
    let Some(object) = document.as_object_mut() else {
        return;
    };
    if !object.contains_key("paths") {
        // A components-only or webhooks-only document: its types are
        // generated, with no operations.
        object.insert("paths".to_owned(), Value::Object(Map::new()));
    }
    // `webhooks` stays: the loader carries them to the lowering
    // (`loader_extensions::carry_webhooks`), which makes the `webhooks` module.
    for (key, why) in [(
        "jsonSchemaDialect",
        "the generator reads schemas as OpenAPI 3.1's default dialect",
    )] {
        if object.shift_remove(key).is_some() {
            warnings.push(child("#", key), format!("`{key}` ignored: {why}"));
        }
    }
    if let Some(Value::Object(info)) = object.get_mut("info") {
        // Both are documentation only.
        info.shift_remove("summary");
        if let Some(Value::Object(license)) = info.get_mut("license") {
            license.shift_remove("identifier");
        }
    }
}

/// JSON Schema 2020-12 keywords with no 3.0 form the generator uses yet.
const UNUSED_KEYWORDS: [&str; 15] = [
    "$schema",
    "$comment",
    "$dynamicRef",
    "$dynamicAnchor",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "unevaluatedItems",
    "dependentRequired",
    "dependentSchemas",
    "if",
    "then",
    "else",
    "$vocabulary",
];

/// Keywords that take a whole number, which 2020-12 lets be written `2.0`.
const COUNT_KEYWORDS: [&str; 6] = [
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
];

/// Keywords beside a `$ref` that only document its use.
const ANNOTATIONS: [&str; 5] = ["description", "summary", "title", "deprecated", "$comment"];

/// Rewrites one schema and the schemas inside it.
fn rewrite_schema(schema: &mut Value, at: &str, warnings: &mut Warnings) {
    match schema {
        Value::Bool(true) => *schema = json!({}),
        Value::Bool(false) => {
            warnings.push(
                at,
                "a `false` schema (no value is valid) is typed as any JSON value",
            );
            *schema = json!({"not": {}});
        }
        Value::Object(object) => rewrite_object(object, at, warnings),
        _ => {}
    }
}

fn rewrite_object(object: &mut Map<String, Value>, at: &str, warnings: &mut Warnings) {
    wrap_ref_with_siblings(object);
    pattern_properties_as_map(object, at, warnings);
    unevaluated_properties_as_additional(object, at, warnings);
    // References to these were made JSON pointers (`anchors.rs`): nothing
    // is left that needs them.
    object.shift_remove("$id");
    object.shift_remove("$anchor");
    for key in UNUSED_KEYWORDS {
        if object.shift_remove(key).is_some() {
            warnings.push(
                child(at, key),
                format!("`{key}` (JSON Schema 2020-12) is not used by the generator; ignored"),
            );
        }
    }
    rewrite_type(object);
    rewrite_const(object);
    rewrite_null_branches(object);
    if let Some(Value::Array(examples)) = object.get("examples") {
        let first = examples.first().cloned();
        object.shift_remove("examples");
        if let Some(first) = first.filter(|_| !object.contains_key("example")) {
            object.insert("example".to_owned(), first);
        }
    }
    for bound in ["Minimum", "Maximum"] {
        let exclusive = format!("exclusive{bound}");
        if let Some(Value::Number(limit)) = object.get(&exclusive).cloned() {
            object.insert(bound.to_ascii_lowercase(), Value::Number(limit));
            object.insert(exclusive, Value::Bool(true));
        }
    }
    for key in COUNT_KEYWORDS {
        let whole = object
            .get(key)
            .and_then(Value::as_f64)
            .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= u32::MAX as f64);
        if let Some(whole) = whole {
            object.insert(key.to_owned(), Value::from(whole as u64));
        }
    }
    rewrite_content_keywords(object);
    prefix_items_as_tuple(object, at, warnings);
    for key in SCHEMA_KEYWORDS {
        if let Some(inner) = object.get_mut(key) {
            // `additionalProperties: true/false` is already 3.0.
            if !(key == "additionalProperties" && inner.is_boolean()) {
                rewrite_schema(inner, &child(at, key), warnings);
            }
        }
    }
    for key in SCHEMA_LIST_KEYWORDS {
        if let Some(Value::Array(members)) = object.get_mut(key) {
            let list_at = child(at, key);
            for (index, member) in members.iter_mut().enumerate() {
                rewrite_schema(member, &child(&list_at, &index.to_string()), warnings);
            }
        }
    }
    // Nested definitions too: `$ref`s may reach them (`local_refs.rs`).
    for key in ["properties", "$defs", "definitions"] {
        if let Some(Value::Object(entries)) = object.get_mut(key) {
            let map_at = child(at, key);
            for (name, entry) in entries.iter_mut() {
                rewrite_schema(entry, &child(&map_at, name), warnings);
            }
        }
    }
}

/// `patternProperties` with one pattern and no `additionalProperties`:
/// every other key's value has that schema, which in Rust is a map (the
/// key pattern itself is not checked, and the warning says so). More than
/// one pattern cannot be one map: left out, warned.
fn pattern_properties_as_map(object: &mut Map<String, Value>, at: &str, warnings: &mut Warnings) {
    let Some(patterns) = object.shift_remove("patternProperties") else {
        return;
    };
    let pointer = child(at, "patternProperties");
    let single = patterns
        .as_object()
        .filter(|patterns| patterns.len() == 1 && !object.contains_key("additionalProperties"))
        .and_then(|patterns| patterns.iter().next())
        .map(|(pattern, schema)| (pattern.clone(), schema.clone()));
    match single {
        Some((pattern, schema)) => {
            warnings.push(
                pointer,
                format!("`patternProperties` typed as a map of the pattern's schema; keys are not checked against `{pattern}`"),
            );
            object.insert("additionalProperties".to_owned(), schema);
        }
        None => warnings.push(
            pointer,
            "`patternProperties` with several patterns (or beside `additionalProperties`) is not used by the generator; ignored",
        ),
    }
}

/// Tuples the lowering types: at most this many items (the most that the
/// standard library's `Debug`, `PartialEq` and `Default` cover).
const MAX_TUPLE_ITEMS: usize = 12;

/// `prefixItems` with no more items after them (`items: false`, or a fixed
/// `maxItems`) is a tuple: the item schemas, rewritten, travel to the
/// lowering as an extension (`loader_extensions::PREFIX_ITEMS`). With
/// more items allowed, or too many to be a Rust tuple, the array stays a
/// list of its `items`, warned.
fn prefix_items_as_tuple(object: &mut Map<String, Value>, at: &str, warnings: &mut Warnings) {
    let closed = object.get("items") == Some(&Value::Bool(false));
    if closed {
        object.shift_remove("items");
    }
    let Some(prefix) = object.shift_remove("prefixItems") else {
        return;
    };
    let pointer = child(at, "prefixItems");
    let Value::Array(mut members) = prefix else {
        warnings.push(pointer, "`prefixItems` is not a list of schemas; ignored");
        return;
    };
    let max_items = object.get("maxItems").and_then(Value::as_u64);
    let fixed = closed || max_items == Some(members.len() as u64);
    if !fixed || object.contains_key("items") || members.len() > MAX_TUPLE_ITEMS {
        warnings.push(
            pointer,
            "`prefixItems` with more items allowed after them (or more than 12) is not a Rust tuple; typed as a list of `items`",
        );
        return;
    }
    for (index, member) in members.iter_mut().enumerate() {
        rewrite_schema(member, &child(&pointer, &index.to_string()), warnings);
    }
    object.insert("type".to_owned(), Value::String("array".to_owned()));
    object.insert(
        crate::loader_extensions::PREFIX_ITEMS.to_owned(),
        Value::Array(members),
    );
}

/// `unevaluatedProperties` of a schema that composes nothing means what
/// `additionalProperties` means (a closed object for `false`, a map of the
/// schema otherwise). Beside `allOf`/`anyOf`/`oneOf` or `additionalProperties`
/// it says more than that, which the generator does not check: warned.
fn unevaluated_properties_as_additional(
    object: &mut Map<String, Value>,
    at: &str,
    warnings: &mut Warnings,
) {
    let Some(unevaluated) = object.shift_remove("unevaluatedProperties") else {
        return;
    };
    let composes = ["allOf", "anyOf", "oneOf", "additionalProperties", "$ref"]
        .iter()
        .any(|key| object.contains_key(*key));
    if composes {
        warnings.push(
            child(at, "unevaluatedProperties"),
            "`unevaluatedProperties` beside a composition (or `additionalProperties`) is not checked by the generator; ignored",
        );
    } else {
        object.insert("additionalProperties".to_owned(), unevaluated);
    }
}

/// 3.0 ignores what stands beside a `$ref`; 3.1 applies it. Annotations
/// beside it document the use and are kept as they are; anything else
/// combines with the target as an `allOf` part would.
fn wrap_ref_with_siblings(object: &mut Map<String, Value>) {
    let Some(reference) = object.get("$ref").cloned() else {
        return;
    };
    let substantive = object
        .keys()
        .any(|key| key != "$ref" && !ANNOTATIONS.contains(&key.as_str()) && !key.starts_with("x-"));
    if !substantive {
        return;
    }
    object.shift_remove("$ref");
    let mut all_of = vec![json!({"$ref": reference})];
    if let Some(Value::Array(existing)) = object.shift_remove("allOf") {
        all_of.extend(existing);
    }
    object.insert("allOf".to_owned(), Value::Array(all_of));
}

/// `type` lists and `type: "null"`.
fn rewrite_type(object: &mut Map<String, Value>) {
    let types: Vec<String> = match object.get("type") {
        Some(Value::String(one)) if one == "null" => vec![one.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        _ => return,
    };
    let nullable = types.iter().any(|t| t == "null");
    let others: Vec<String> = types.into_iter().filter(|t| t != "null").collect();
    object.shift_remove("type");
    match others.as_slice() {
        [] => {}
        [one] => {
            object.insert("type".to_owned(), Value::String(one.clone()));
        }
        several => {
            let branches: Vec<Value> = several.iter().map(|t| json!({"type": t})).collect();
            if !object.contains_key("anyOf") && !object.contains_key("oneOf") {
                object.insert("anyOf".to_owned(), Value::Array(branches));
            }
        }
    }
    if nullable {
        object.insert("nullable".to_owned(), Value::Bool(true));
    }
}

/// `const`: one value, as a one-value `enum`; `const: null` is nullability.
fn rewrite_const(object: &mut Map<String, Value>) {
    let Some(value) = object.shift_remove("const") else {
        return;
    };
    if value.is_null() {
        object.insert("nullable".to_owned(), Value::Bool(true));
        return;
    }
    // `const: card` alone says its type: the one of its value.
    let implied_type = match &value {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        _ => None,
    };
    let composed = ["allOf", "anyOf", "oneOf", "$ref"]
        .iter()
        .any(|k| object.contains_key(*k));
    if let Some(implied) = implied_type.filter(|_| !composed && !object.contains_key("type")) {
        object.insert("type".to_owned(), Value::String(implied.to_owned()));
    }
    if !object.contains_key("enum") {
        object.insert("enum".to_owned(), Value::Array(vec![value]));
    }
}

/// A `{type: "null"}` branch of an `anyOf`/`oneOf` says the value may be
/// null: the branch goes, and the schema is `nullable`.
fn rewrite_null_branches(object: &mut Map<String, Value>) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(branches)) = object.get_mut(key) else {
            continue;
        };
        let before = branches.len();
        branches.retain(|branch| !is_null_schema(branch));
        if branches.len() == before {
            continue;
        }
        // One branch left: the schema is that branch, which 3.0 writes as
        // a one-part `allOf` (the usual nullable `$ref`).
        if branches.len() == 1 && !object.contains_key("allOf") {
            if let Some(branches) = object.shift_remove(key) {
                object.insert("allOf".to_owned(), branches);
            }
        }
        object.insert("nullable".to_owned(), Value::Bool(true));
    }
}

/// `{type: "null"}` (with nothing else that constrains) or `{const: null}`.
fn is_null_schema(schema: &Value) -> bool {
    let Some(object) = schema.as_object() else {
        return false;
    };
    let null_type = match object.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(list)) => list.iter().all(|t| t == "null") && !list.is_empty(),
        _ => false,
    };
    let null_const = object.get("const") == Some(&Value::Null);
    (null_type || null_const)
        && object.keys().all(|key| {
            matches!(key.as_str(), "type" | "const") || ANNOTATIONS.contains(&key.as_str())
        })
}

/// `contentEncoding: base64` and a non-JSON `contentMediaType` on a string
/// say what `format: byte` and `format: binary` say in 3.0.
fn rewrite_content_keywords(object: &mut Map<String, Value>) {
    let encoding = object.shift_remove("contentEncoding");
    let media_type = object.shift_remove("contentMediaType");
    if object.contains_key("format") {
        return;
    }
    let format = match (
        encoding.as_ref().and_then(Value::as_str),
        media_type.as_ref().and_then(Value::as_str),
    ) {
        (Some("base64" | "base64url"), _) => "byte",
        (None, Some(media)) if !media.contains("json") && !media.starts_with("text/") => "binary",
        _ => return,
    };
    object.insert("format".to_owned(), Value::String(format.to_owned()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(schema: Value) -> (Value, Vec<String>) {
        let mut document = json!({
            "openapi": "3.1.0",
            "info": {"title": "T", "version": "1"},
            "components": {"schemas": {"S": schema}}
        });
        let mut warnings = Warnings::default();
        rewrite(&mut document, &mut warnings);
        let messages = warnings
            .into_sorted()
            .into_iter()
            .map(|warning| format!("{} {}", warning.pointer, warning.message))
            .collect();
        (document["components"]["schemas"]["S"].clone(), messages)
    }

    #[test]
    fn a_type_list_with_null_is_nullable() {
        let (schema, _) = rewritten(json!({"type": ["string", "null"], "maxLength": 3.0}));
        assert_eq!(
            schema,
            json!({"type": "string", "maxLength": 3, "nullable": true})
        );
    }

    #[test]
    fn several_types_are_a_union() {
        let (schema, _) = rewritten(json!({"type": ["string", "integer"]}));
        assert_eq!(
            schema,
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
        );
    }

    #[test]
    fn a_null_branch_makes_the_rest_nullable() {
        let (schema, _) =
            rewritten(json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}));
        assert_eq!(
            schema,
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true})
        );
        let (schema, _) = rewritten(
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}),
        );
        assert_eq!(
            schema,
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
        );
    }

    #[test]
    fn const_examples_and_numeric_bounds_take_their_3_0_forms() {
        let (schema, _) = rewritten(json!({
            "type": "object",
            "properties": {
                "kind": {"type": "string", "const": "card"},
                "version": {"const": 2},
                "amount": {"type": "number", "exclusiveMinimum": 0, "examples": [10.5, 20]},
                "gone": {"const": null}
            }
        }));
        assert_eq!(
            schema["properties"],
            json!({
                "kind": {"type": "string", "enum": ["card"]},
                "version": {"type": "integer", "enum": [2]},
                "amount": {"type": "number", "exclusiveMinimum": true, "example": 10.5, "minimum": 0},
                "gone": {"nullable": true}
            })
        );
    }

    #[test]
    fn boolean_schemas_and_content_keywords() {
        let (schema, warnings) = rewritten(json!({
            "type": "object",
            "properties": {
                "anything": true,
                "nothing": false,
                "photo": {"type": "string", "contentMediaType": "image/png"},
                "blob": {"type": "string", "contentEncoding": "base64"}
            }
        }));
        assert_eq!(schema["properties"]["anything"], json!({}));
        assert_eq!(schema["properties"]["nothing"], json!({"not": {}}));
        assert_eq!(
            schema["properties"]["photo"],
            json!({"type": "string", "format": "binary"})
        );
        assert_eq!(
            schema["properties"]["blob"],
            json!({"type": "string", "format": "byte"})
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("#/components/schemas/S/properties/nothing "),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_ref_beside_keywords_combines_as_all_of_and_beside_annotations_stays() {
        let (schema, _) = rewritten(json!({
            "type": "object",
            "properties": {
                "documented": {"$ref": "#/components/schemas/A", "description": "the A"},
                "narrowed": {"$ref": "#/components/schemas/A", "required": ["id"]}
            }
        }));
        assert_eq!(
            schema["properties"]["documented"],
            json!({"$ref": "#/components/schemas/A", "description": "the A"})
        );
        assert_eq!(
            schema["properties"]["narrowed"],
            json!({"required": ["id"], "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
    }

    #[test]
    fn closed_prefix_items_are_tuples_and_open_ones_lists() {
        let (schema, warnings) = rewritten(json!({
            "type": "object",
            "properties": {
                "pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": ["integer", "null"]}], "items": false},
                "fixed": {"type": "array", "prefixItems": [{"$ref": "#/components/schemas/T"}], "minItems": 1, "maxItems": 1},
                "open": {"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "integer"}}
            }
        }));
        assert_eq!(
            schema["properties"]["pair"],
            json!({"type": "array", "x-oas-prefix-items": [{"type": "string"}, {"type": "integer", "nullable": true}]})
        );
        assert_eq!(
            schema["properties"]["fixed"]["x-oas-prefix-items"],
            json!([{"$ref": "#/components/schemas/T"}])
        );
        assert_eq!(
            schema["properties"]["open"],
            json!({"type": "array", "items": {"type": "integer"}})
        );
        assert_eq!(
            warnings,
            [
                "#/components/schemas/S/properties/open/prefixItems `prefixItems` with more items allowed after them (or more than 12) is not a Rust tuple; typed as a list of `items`"
            ]
        );
    }

    #[test]
    fn unevaluated_properties_close_or_map_a_plain_object() {
        let (schema, warnings) = rewritten(json!({
            "type": "object",
            "properties": {
                "closed": {"type": "object", "properties": {"a": {"type": "string"}}, "unevaluatedProperties": false},
                "map": {"type": "object", "unevaluatedProperties": {"type": ["integer", "null"]}},
                "composed": {"allOf": [{"type": "object"}], "unevaluatedProperties": false}
            }
        }));
        assert_eq!(
            schema["properties"]["closed"]["additionalProperties"],
            json!(false)
        );
        assert_eq!(
            schema["properties"]["map"]["additionalProperties"],
            json!({"type": "integer", "nullable": true})
        );
        assert!(
            schema["properties"]["composed"]
                .get("additionalProperties")
                .is_none()
        );
        assert_eq!(
            warnings,
            [
                "#/components/schemas/S/properties/composed/unevaluatedProperties `unevaluatedProperties` beside a composition (or `additionalProperties`) is not checked by the generator; ignored"
            ]
        );
    }

    #[test]
    fn one_pattern_of_properties_is_a_map() {
        let (schema, warnings) = rewritten(
            json!({"type": "object", "patternProperties": {"^[a-z]+$": {"type": "integer"}}}),
        );
        assert_eq!(
            schema,
            json!({"type": "object", "additionalProperties": {"type": "integer"}})
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let (schema, warnings) =
            rewritten(json!({"type": "object", "patternProperties": {"^a": {}, "^b": {}}}));
        assert_eq!(schema, json!({"type": "object"}));
        assert!(warnings[0].contains("several patterns"), "{warnings:?}");
    }

    #[test]
    fn unused_keywords_are_warned_with_their_pointer() {
        let (schema, warnings) = rewritten(
            json!({"type": "array", "items": {"type": "string"}, "contains": {"type": "string"}}),
        );
        assert_eq!(
            schema,
            json!({"type": "array", "items": {"type": "string"}})
        );
        assert_eq!(
            warnings,
            [
                "#/components/schemas/S/contains `contains` (JSON Schema 2020-12) is not used by the generator; ignored"
            ]
        );
    }

    #[test]
    fn a_document_without_paths_gets_empty_paths_and_webhooks_stay() {
        let mut document = json!({"openapi": "3.1.0", "info": {"title": "T", "version": "1", "summary": "s"}, "webhooks": {}});
        let mut warnings = Warnings::default();
        rewrite(&mut document, &mut warnings);
        assert_eq!(document["paths"], json!({}));
        assert_eq!(document["webhooks"], json!({}), "for the lowering");
        assert!(document["info"].get("summary").is_none());
        assert!(warnings.into_sorted().is_empty());
    }
}
