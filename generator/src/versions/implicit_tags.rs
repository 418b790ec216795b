//! Implicit discriminators: a `oneOf`/`anyOf` of component schemas in which
//! each variant fixes its own value of the same property (3.1's `const`,
//! which the 3.1 rewrite made a one-value `enum`; or a one-value `enum` in
//! any version) is tagged by that property, as if the spec had said
//! `discriminator: {propertyName, mapping}`. Decoding then picks the variant
//! by its tag instead of trying each in turn, which is both faster and
//! right when variants overlap (a tag decides, not the order of the list).
//!
//! A property counts as a variant's tag when the variant (or one of its
//! `allOf` parts) declares it with one string value and either requires it
//! or defaults to that value (pydantic's `kind: Literal["card"] = "card"`).
//! Every variant must have one and no two the same value; the first such
//! property in the first variant's order is taken.

use serde_json::{Map, Value, json};

/// Adds the discriminator each such `oneOf`/`anyOf` implies.
/// `schemas` are the pointers of its schemas (`every_schema`).
pub(super) fn tag_unions(document: &mut Value, schemas: &[String]) {
    let mut found: Vec<(String, Value)> = Vec::new();
    for at in schemas {
        let Some(Value::Object(schema)) = document.pointer(at.trim_start_matches('#')) else {
            continue;
        };
        if schema.contains_key("discriminator") {
            continue;
        }
        for keyword in ["oneOf", "anyOf"] {
            if let Some(Value::Array(variants)) = schema.get(keyword) {
                if let Some(discriminator) = implied(document, variants) {
                    found.push((at.clone(), discriminator));
                }
            }
        }
    }
    for (at, discriminator) in found {
        if let Some(Value::Object(schema)) = document.pointer_mut(at.trim_start_matches('#')) {
            schema.insert("discriminator".to_owned(), discriminator);
        }
    }
}

/// The discriminator `variants` imply, if they are all `$ref`s to
/// component schemas that each fix a distinct value of one property.
fn implied(document: &Value, variants: &[Value]) -> Option<Value> {
    if variants.len() < 2 {
        return None;
    }
    let mut targets: Vec<(&str, Vec<(String, String)>)> = Vec::new();
    for variant in variants {
        let reference = variant.get("$ref")?.as_str()?;
        reference.strip_prefix("#/components/schemas/")?;
        let target = document
            .pointer(reference.trim_start_matches('#'))?
            .as_object()?;
        targets.push((reference, fixed_values(document, target)));
    }
    let (_, first) = targets.first()?;
    'candidates: for (property, _) in first {
        let mut mapping = Map::new();
        for (reference, fixed) in &targets {
            let Some((_, value)) = fixed.iter().find(|(name, _)| name == property) else {
                continue 'candidates;
            };
            if mapping.insert(value.clone(), json!(reference)).is_some() {
                continue 'candidates;
            }
        }
        return Some(json!({"propertyName": property, "mapping": mapping}));
    }
    None
}

/// The properties a schema (with its `allOf` parts, one level of `$ref`
/// deep) fixes to one string value, with the value, in declaration order.
fn fixed_values(document: &Value, schema: &Map<String, Value>) -> Vec<(String, String)> {
    let mut parts = vec![schema];
    if let Some(Value::Array(all_of)) = schema.get("allOf") {
        for part in all_of {
            let part = match part.get("$ref").and_then(Value::as_str) {
                Some(reference) => document.pointer(reference.trim_start_matches('#')),
                None => Some(part),
            };
            if let Some(Value::Object(part)) = part {
                parts.push(part);
            }
        }
    }
    let required = |name: &str| {
        parts.iter().any(|part| {
            part.get("required")
                .and_then(Value::as_array)
                .is_some_and(|list| list.iter().any(|r| r.as_str() == Some(name)))
        })
    };
    let mut fixed = Vec::new();
    for part in &parts {
        let Some(Value::Object(properties)) = part.get("properties") else {
            continue;
        };
        for (name, property) in properties {
            let Some([Value::String(value)]) = property
                .get("enum")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
            else {
                continue;
            };
            let defaults_to_it = property.get("default").and_then(Value::as_str) == Some(value);
            if (required(name) || defaults_to_it) && !fixed.iter().any(|(n, _)| n == name) {
                fixed.push((name.clone(), value.clone()));
            }
        }
    }
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(schemas: Value) -> Value {
        json!({"openapi": "3.0.3", "paths": {}, "components": {"schemas": schemas}})
    }

    #[test]
    fn variants_that_fix_one_property_each_are_tagged_by_it() {
        let mut doc = document(json!({
            "Payment": {"oneOf": [{"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Upi"}]},
            "Card": {"type": "object", "required": ["kind", "last4"], "properties": {
                "kind": {"type": "string", "enum": ["card"]}, "last4": {"type": "string"}}},
            "Upi": {"allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"type": "object", "properties": {"kind": {"type": "string", "enum": ["upi"], "default": "upi"}}}
            ]},
            "Base": {"type": "object", "properties": {"id": {"type": "string"}}}
        }));
        let schemas = crate::versions::every_schema::every_schema(&doc);
        tag_unions(&mut doc, &schemas);
        assert_eq!(
            doc["components"]["schemas"]["Payment"]["discriminator"],
            json!({"propertyName": "kind", "mapping": {
                "card": "#/components/schemas/Card",
                "upi": "#/components/schemas/Upi"
            }})
        );
    }

    #[test]
    fn no_tag_without_one_distinct_fixed_value_in_every_variant() {
        let card = json!({"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["card"]}}});
        let optional =
            json!({"type": "object", "properties": {"kind": {"type": "string", "enum": ["upi"]}}});
        let mut doc = document(json!({
            "Same": {"anyOf": [{"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Card2"}]},
            "Untagged": {"oneOf": [{"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Optional"}]},
            "Inline": {"oneOf": [card.clone(), {"$ref": "#/components/schemas/Card"}]},
            "Explicit": {"oneOf": [{"$ref": "#/components/schemas/Card"}], "discriminator": {"propertyName": "x"}},
            "Card": card.clone(),
            "Card2": card,
            "Optional": optional
        }));
        let before = doc.clone();
        let schemas = crate::versions::every_schema::every_schema(&doc);
        tag_unions(&mut doc, &schemas);
        assert_eq!(doc, before);
    }
}
