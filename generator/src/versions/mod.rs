//! The OpenAPI versions the generator reads, and how each is brought to
//! what the rest of the pipeline reads: the 3.0 shape that `openapiv3`
//! types. A 3.0 document passes as it is; a 3.1 or 3.2 document is
//! rewritten in place (see [`openapi31`] and [`openapi32`]), so that every node keeps its
//! JSON pointer and every diagnostic points at the line the user wrote.
//! What has no 3.0 form is either given one with the same meaning in Rust
//! (a `type` list with `"null"` is `nullable`, `const` is a one-value
//! `enum`) or removed with a warning naming its pointer: nothing is
//! dropped silently.

mod anchors;
mod every_schema;
mod implicit_tags;
mod integer_bounds;
mod item_schemas;
mod openapi31;
mod openapi32;
mod path_items;
mod payloads;
mod swagger20;

use serde_json::Value;

use crate::diagnostics::{Problem, Warnings};
use crate::pointer_origins::PointerOrigins;

/// The version a document declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecVersion {
    /// OpenAPI 3.0.x: typed as it is.
    V3_0,
    /// OpenAPI 3.1.x: JSON Schema 2020-12 schemas, `webhooks`.
    V3_1,
    /// OpenAPI 3.2.x: 3.1, plus the `query` method and more.
    V3_2,
    /// Swagger 2.0: converted to 3.0 whole.
    Swagger2_0,
}

/// The version `document` (an object) declares, or why it is not one this
/// generator reads.
pub fn declared_version(document: &serde_json::Map<String, Value>) -> Result<SpecVersion, Problem> {
    let refused_version = |version: &str| {
        Problem::at("#/openapi", format!("OpenAPI {version} is not a version this generator reads"))
            .with_help("this generator reads OpenAPI 3.0.x, 3.1.x and 3.2.x, e.g. `openapi: 3.1.0` (quoted or not)")
    };
    match document.get("openapi") {
        Some(Value::String(version)) => match version.split('.').take(2).collect::<Vec<_>>()[..] {
            ["3", "0"] => Ok(SpecVersion::V3_0),
            ["3", "1"] => Ok(SpecVersion::V3_1),
            ["3", "2"] => Ok(SpecVersion::V3_2),
            _ => Err(refused_version(version)),
        },
        Some(version) => Err(Problem::at(
            "#/openapi",
            format!("`openapi: {version}` is not an OpenAPI version string"),
        )
        .with_help("write the version as a string, e.g. `openapi: 3.0.3` or `openapi: \"3.1.0\"`")),
        None => match document.get("swagger") {
            Some(Value::String(version)) if version == "2.0" => Ok(SpecVersion::Swagger2_0),
            Some(version) => Err(Problem::at(
                "#/swagger",
                format!("Swagger {} is not a version this generator reads", version.as_str().map_or_else(|| version.to_string(), str::to_owned)),
            )
            .with_help("this generator reads Swagger 2.0 (`swagger: \"2.0\"`) and OpenAPI 3.0.x, 3.1.x and 3.2.x")),
            None => Err(Problem::at(
                "#",
                "no `openapi` version field; this does not look like an OpenAPI document",
            )
            .with_help("an OpenAPI document starts with `openapi: 3.0.3` (or 3.1.x, 3.2.x; or `swagger: \"2.0\"`)")),
        },
    }
}

/// Brings a document of `version` to the 3.0 shape, and says where the
/// nodes it moved were written (3.x documents are rewritten in place and
/// keep their pointers; a 2.0 document is converted).
pub fn bring_to_3_0(
    document: &mut Value,
    version: SpecVersion,
    warnings: &mut Warnings,
) -> PointerOrigins {
    let mut origins = PointerOrigins::default();
    if matches!(version, SpecVersion::V3_1 | SpecVersion::V3_2) {
        anchors::resolve_to_pointers(document);
    }
    if version != SpecVersion::Swagger2_0 {
        // Before the 3.1 rewrite, so that the copies and the payload
        // schemas are rewritten where they now are.
        path_items::inline(document, &mut origins, warnings);
        payloads::hoist(document, &mut origins);
    }
    if version == SpecVersion::V3_2 {
        item_schemas::hoist(document, &mut origins, warnings);
    }
    let converted = to_3_0_shape(document, version, warnings);
    origins.extend(converted);
    // Integer bounds are mis-written in documents of every version.
    // Both passes change values inside schemas, never where schemas are,
    // so one list of them serves both.
    let schemas = every_schema::every_schema(document);
    integer_bounds::bounds_as_i64(document, &schemas, warnings);
    implicit_tags::tag_unions(document, &schemas);
    origins
}

fn to_3_0_shape(
    document: &mut Value,
    version: SpecVersion,
    warnings: &mut Warnings,
) -> PointerOrigins {
    match version {
        SpecVersion::V3_0 => PointerOrigins::default(),
        SpecVersion::V3_1 => {
            openapi31::rewrite(document, warnings);
            PointerOrigins::default()
        }
        SpecVersion::V3_2 => {
            openapi31::rewrite(document, warnings);
            openapi32::rewrite(document, warnings);
            PointerOrigins::default()
        }
        SpecVersion::Swagger2_0 => {
            let (converted, origins) = swagger20::convert(document, warnings);
            *document = converted;
            origins
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version_of(text: &str) -> Result<SpecVersion, String> {
        let document: Value = serde_json::from_str(text).unwrap();
        declared_version(document.as_object().unwrap()).map_err(|problem| problem.message)
    }

    #[test]
    fn versions_are_read_from_the_major_and_minor() {
        assert_eq!(version_of(r#"{"openapi": "3.0.3"}"#), Ok(SpecVersion::V3_0));
        assert_eq!(version_of(r#"{"openapi": "3.1.0"}"#), Ok(SpecVersion::V3_1));
        assert_eq!(version_of(r#"{"openapi": "3.2.0"}"#), Ok(SpecVersion::V3_2));
        assert!(version_of(r#"{"openapi": "3.10.0"}"#).is_err());
        assert!(version_of(r#"{"openapi": "4.0.0"}"#).is_err());
        assert!(version_of(r#"{"openapi": 3.1}"#).is_err());
        assert_eq!(
            version_of(r#"{"swagger": "2.0"}"#),
            Ok(SpecVersion::Swagger2_0)
        );
        assert!(
            version_of(r#"{"swagger": "1.2"}"#)
                .unwrap_err()
                .contains("Swagger 1.2")
        );
    }
}
