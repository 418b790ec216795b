//! The bounds of integer schemas, in every version, as `openapiv3` can
//! hold them: as `i64`s. Real specs write them otherwise: pydantic writes
//! `minimum: 0.0`, Kinto `maximum: 9223372036854775808` (2^63, one past
//! `i64::MAX`). `openapiv3` types such a schema as "any value", which would
//! make the field a `serde_json::Value` without a word; here a whole number
//! becomes the integer it is, and a bound `i64` cannot hold (a fraction, or
//! beyond its range, where the Rust type is its own bound) is taken out with
//! a warning.

use serde_json::{Map, Value};

use crate::diagnostics::Warnings;
use crate::json_pointer::child;

/// Brings every integer schema's bounds in `document` (3.0 shaped) to `i64`s.
/// `schemas` are the pointers of its schemas (`every_schema`).
pub(super) fn bounds_as_i64(document: &mut Value, schemas: &[String], warnings: &mut Warnings) {
    for at in schemas {
        if let Some(Value::Object(object)) = document.pointer_mut(at.trim_start_matches('#')) {
            bounds_of(object, at, warnings);
        }
    }
}

fn bounds_of(object: &mut Map<String, Value>, at: &str, warnings: &mut Warnings) {
    if object.get("type").and_then(Value::as_str) != Some("integer") {
        return;
    }
    for key in ["minimum", "maximum", "multipleOf"] {
        let Some(Value::Number(bound)) = object.get(key) else {
            continue;
        };
        if bound.is_i64() {
            continue;
        }
        let whole = bound
            .as_f64()
            .filter(|value| value.fract() == 0.0 && value.abs() < 2f64.powi(63) && !bound.is_u64());
        match whole {
            Some(value) => {
                object.insert(key.to_owned(), Value::from(value as i64));
            }
            None => {
                let why = if bound.is_u64() || bound.as_f64().is_some_and(|v| v.fract() == 0.0) {
                    "is beyond what an i64 holds (the Rust type bounds it)"
                } else {
                    "of an integer is not a whole number"
                };
                warnings.push(child(at, key), format!("`{key}: {bound}` {why}; ignored"));
                object.shift_remove(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn integer_bounds_become_i64s_or_are_warned_out() {
        let mut document = json!({"components": {"schemas": {"S": {
            "type": "object",
            "properties": {
                "offset": {"type": "integer", "minimum": 0.0, "maximum": 100.0},
                "odd": {"type": "integer", "minimum": 0.5, "multipleOf": 2.0},
                "big": {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 9223372036854775808u64}},
                "ratio": {"type": "number", "minimum": 0.5}
            }
        }}}});
        let mut warnings = Warnings::default();
        let schemas = crate::versions::every_schema::every_schema(&document);
        bounds_as_i64(&mut document, &schemas, &mut warnings);
        assert_eq!(
            document["components"]["schemas"]["S"]["properties"],
            json!({
                "offset": {"type": "integer", "minimum": 0, "maximum": 100},
                "odd": {"type": "integer", "multipleOf": 2},
                "big": {"type": "array", "items": {"type": "integer", "minimum": 0}},
                "ratio": {"type": "number", "minimum": 0.5}
            })
        );
        let messages: Vec<String> = warnings
            .into_sorted()
            .into_iter()
            .map(|w| format!("{} {}", w.pointer, w.message))
            .collect();
        assert_eq!(
            messages,
            [
                "#/components/schemas/S/properties/big/items/maximum `maximum: 9223372036854775808` is beyond what an i64 holds (the Rust type bounds it); ignored",
                "#/components/schemas/S/properties/odd/minimum `minimum: 0.5` of an integer is not a whole number; ignored",
            ]
        );
    }
}
