//! The state of one conversion, and what every part of it reads.

use serde_json::{Map, Value};

use crate::diagnostics::Warnings;
use crate::pointer_origins::PointerOrigins;

/// The media type 2.0 implies when `consumes`/`produces` say nothing.
pub(super) const JSON: &str = "application/json";
pub(super) const MULTIPART: &str = "multipart/form-data";
pub(super) const FORM: &str = "application/x-www-form-urlencoded";

/// The path-item keys that are operations in 2.0.
pub(super) const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Keywords of a 2.0 parameter (or header, or `items`) that describe its
/// value, and so belong to its `schema` in 3.0.
pub(super) const VALUE_KEYWORDS: [&str; 17] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

/// Converts a Swagger 2.0 document (an object) to OpenAPI 3.0.
pub(super) struct Conversion<'w> {
    pub(super) source: Map<String, Value>,
    pub(super) origins: PointerOrigins,
    pub(super) warnings: &'w mut Warnings,
}

/// The media types of a `consumes` or `produces` list.
pub(super) fn media_types(list: Option<&Value>) -> Vec<String> {
    match list {
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}
