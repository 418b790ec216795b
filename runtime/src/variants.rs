// Choosing the variant of a `oneOf`/`anyOf` from a JSON value. Part of the
// client runtime; the generator copies this file next to the generated code,
// where it is included into the `runtime` module.

/// How a variant looks in JSON.
#[doc(hidden)]
#[derive(Debug)]
pub enum VariantShape {
    Object {
        required: &'static [&'static str],
        properties: &'static [&'static str],
    },
    String,
    Integer,
    Number,
    Bool,
    Array,
    Any,
}

/// A `oneOf`/`anyOf` type, generated as a constant.
#[doc(hidden)]
#[derive(Debug)]
pub struct OneOfDescription {
    /// The Rust type name, for messages.
    pub name: &'static str,
    /// Variant names and shapes, in declaration order.
    pub variants: &'static [(&'static str, VariantShape)],
    /// The discriminator property and its value -> variant index mapping.
    pub discriminator: Option<(&'static str, &'static [(&'static str, usize)])>,
}

/// Decodes `value` as the variant its discriminator names or, without one,
/// as the first variant that accepts it, trying the likeliest first: a JSON
/// object is likelier to be the variant that knows most of its keys. Plain
/// untagged decoding would take the first variant whose fields are all
/// optional, whatever the object holds.
#[doc(hidden)]
pub fn decode_variant<T>(
    value: serde_json::Value,
    description: &OneOfDescription,
    decode: impl Fn(usize, serde_json::Value) -> Result<T, serde_json::Error>,
) -> Result<T, String> {
    let variant_name = |index: usize| description.variants.get(index).map_or("?", |v| v.0);
    if let Some((property, mapping)) = description.discriminator {
        let tag = value.get(property).and_then(serde_json::Value::as_str);
        if let Some(&(_, index)) = tag.and_then(|tag| mapping.iter().find(|(v, _)| *v == tag)) {
            return decode(index, value)
                .map_err(|e| format!("{} (as {}): {e}", description.name, variant_name(index)));
        }
    }
    let mut ranked: Vec<(i64, usize)> = description
        .variants
        .iter()
        .enumerate()
        .filter_map(|(index, (_, shape))| score(&value, shape).map(|score| (score, index)))
        .collect();
    // Best score first; among equals, declaration order.
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut errors = Vec::new();
    for (_, index) in ranked {
        match decode(index, value.clone()) {
            Ok(decoded) => return Ok(decoded),
            Err(e) => errors.push(format!("as {}: {e}", variant_name(index))),
        }
    }
    if errors.is_empty() {
        errors.push(format!("a JSON {} fits no variant", json_kind(&value)));
    }
    Err(format!(
        "{} matches none of its variants ({})",
        description.name,
        errors.join("; ")
    ))
}

/// Decodes `value` as [`decode_variant`] does when its discriminator names
/// a variant, and as the variant at `default` (OpenAPI 3.2
/// `defaultMapping`) when the tag is missing or names none.
#[doc(hidden)]
pub fn decode_variant_or_default<T>(
    value: serde_json::Value,
    description: &OneOfDescription,
    default: usize,
    decode: impl Fn(usize, serde_json::Value) -> Result<T, serde_json::Error>,
) -> Result<T, String> {
    if let Some((property, mapping)) = description.discriminator {
        let tag = value.get(property).and_then(serde_json::Value::as_str);
        if !tag.is_some_and(|tag| mapping.iter().any(|(v, _)| *v == tag)) {
            let variant_name = description.variants.get(default).map_or("?", |v| v.0);
            return decode(default, value).map_err(|e| {
                format!("{} (as {variant_name}, the default): {e}", description.name)
            });
        }
    }
    decode_variant(value, description, decode)
}

/// How well `value` fits `shape`; `None` when it cannot be that variant.
fn score(value: &serde_json::Value, shape: &VariantShape) -> Option<i64> {
    use serde_json::Value;
    let exact = 1_000;
    match (shape, value) {
        (
            VariantShape::Object {
                required,
                properties,
            },
            Value::Object(object),
        ) => {
            if !required.iter().all(|name| object.contains_key(*name)) {
                return None;
            }
            let known = object
                .keys()
                .filter(|k| properties.contains(&k.as_str()))
                .count();
            let unknown = object.len() - known;
            // Lossless: both counts are bounded by the object's size.
            Some(known as i64 * 2 - unknown as i64)
        }
        (VariantShape::String, Value::String(_))
        | (VariantShape::Bool, Value::Bool(_))
        | (VariantShape::Array, Value::Array(_)) => Some(exact),
        (VariantShape::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => Some(exact),
        (VariantShape::Number, Value::Number(_)) => Some(exact - 1),
        (VariantShape::Any, _) => Some(-exact),
        _ => None,
    }
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}
