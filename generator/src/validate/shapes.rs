//! The schemas' shapes: every schema key holds what `openapiv3` types it
//! as, checked before typing.

use serde_json::Value;

use crate::diagnostics::Problem;
use crate::spec_walk::{self, Descend, Step, Visitor, pointer_of};

/// What is wrong with the schemas' shapes, found before typing.
#[derive(Debug, Default)]
pub struct SchemaShapes {
    /// Keys of the wrong type: the spec is refused. Each problem's pointer
    /// is the offending key.
    pub problems: Vec<Problem>,
    /// Annotations (`description`, `format`, `pattern`, `title`) that are
    /// not strings: real specs have them (api.video's `pattern: 0`), and
    /// they say nothing the generator needs, so they are dropped.
    pub mistyped_annotations: Vec<String>,
}

/// Checks every schema's keys against what `openapiv3` types them as.
///
/// `openapiv3` types a schema through untagged enums that, when something
/// deep inside fails, type each level again: the time doubles with each
/// level of nesting (a wrong `type` under 30 levels of `items` would never
/// finish). So no schema that would fail is handed to it: the offending
/// keys are found here, located exactly, and removed before typing.
pub fn schema_shapes(document: &Value) -> SchemaShapes {
    let mut shapes = SchemaShapes::default();
    spec_walk::walk(document, &mut Vec::new(), &mut shapes);
    shapes
}

/// Whether one schema (and the schemas inside it) has every key of the
/// type `openapiv3` types it as: a nested schema is only made a named type
/// when it would type (`local_refs.rs`).
pub(crate) fn is_well_formed(schema: &Value) -> bool {
    let mut shapes = SchemaShapes::default();
    check_schema(schema, &mut Vec::new(), &mut shapes);
    shapes.problems.is_empty()
}

/// The walk finds the schemas outside schemas: `components.schemas`, and
/// the `schema` of parameters, headers and media types; each is checked
/// whole, with the schemas inside it.
impl<'a> Visitor<'a> for SchemaShapes {
    fn node(&mut self, node: &'a Value, path: &[Step<'a>]) -> Descend {
        if !spec_walk::is_schema_root(path) {
            return Descend::Into;
        }
        check_schema(node, &mut path.to_vec(), self);
        Descend::Over
    }
}

/// What a schema key must hold.
enum Expected {
    Bool,
    Number,
    Count,
    Text,
    Annotation,
    Names,
    List,
    Schema,
    Schemas,
    SchemaMap,
    SchemaOrBool,
    Discriminator,
    ExternalDocs,
}

fn expected(key: &str) -> Option<Expected> {
    Some(match key {
        "nullable" | "readOnly" | "writeOnly" | "deprecated" | "exclusiveMinimum"
        | "exclusiveMaximum" | "uniqueItems" => Expected::Bool,
        "multipleOf" | "minimum" | "maximum" => Expected::Number,
        "minProperties" | "maxProperties" | "minItems" | "maxItems" | "minLength" | "maxLength" => {
            Expected::Count
        }
        "type" => Expected::Text,
        "description" | "format" | "pattern" | "title" => Expected::Annotation,
        "required" => Expected::Names,
        "enum" => Expected::List,
        "items" | "not" => Expected::Schema,
        "allOf" | "oneOf" | "anyOf" => Expected::Schemas,
        "properties" => Expected::SchemaMap,
        "additionalProperties" => Expected::SchemaOrBool,
        "discriminator" => Expected::Discriminator,
        "externalDocs" => Expected::ExternalDocs,
        _ => return None,
    })
}

/// Checks one schema (or reference to one) and the schemas inside it.
fn check_schema<'a>(value: &'a Value, path: &mut Vec<Step<'a>>, shapes: &mut SchemaShapes) {
    let Value::Object(object) = value else {
        shapes.problems.push(Problem::at(
            pointer_of(path),
            format!(
                "a schema must be an object (or a `$ref`), not `{}`",
                shown(value)
            ),
        ));
        return;
    };
    // A reference: `openapiv3` ignores whatever else the object holds.
    if matches!(object.get("$ref"), Some(Value::String(_))) {
        return;
    }
    for (key, value) in object {
        let Some(expected) = expected(key) else {
            continue;
        };
        path.push(Step::Key(key));
        let wrong = |what: &str| format!("`{key}` must be {what}, not `{}`", shown(value));
        let problem = match expected {
            Expected::Bool => (!value.is_boolean()).then(|| wrong("`true` or `false`")),
            Expected::Number => (!value.is_number()).then(|| wrong("a number")),
            Expected::Count => (!value.is_u64()).then(|| wrong("a whole number, 0 or more")),
            Expected::Text => (!value.is_string())
                .then(|| wrong("a string such as `string`, `integer` or `object`")),
            Expected::Annotation => {
                if !value.is_string() {
                    shapes.mistyped_annotations.push(pointer_of(path));
                }
                None
            }
            Expected::Names => match value.as_array() {
                Some(names) if names.iter().all(Value::is_string) => None,
                _ => Some(wrong("a list of property names")),
            },
            Expected::List => (!value.is_array()).then(|| wrong("a list of values")),
            Expected::Schema => {
                check_schema(value, path, shapes);
                None
            }
            Expected::Schemas => match value.as_array() {
                Some(schemas) => {
                    for (index, schema) in schemas.iter().enumerate() {
                        path.push(Step::Index(index));
                        check_schema(schema, path, shapes);
                        path.pop();
                    }
                    None
                }
                None => Some(wrong("a list of schemas")),
            },
            Expected::SchemaMap => match value.as_object() {
                Some(schemas) => {
                    for (name, schema) in schemas {
                        path.push(Step::Name(name));
                        check_schema(schema, path, shapes);
                        path.pop();
                    }
                    None
                }
                None => Some(wrong("a map of property names to schemas")),
            },
            Expected::SchemaOrBool => {
                if !value.is_boolean() {
                    check_schema(value, path, shapes);
                }
                None
            }
            Expected::Discriminator => {
                let property_name = value.get("propertyName");
                let mapping = value.get("mapping");
                if !value.is_object() {
                    Some(wrong("an object with a `propertyName`"))
                } else if !property_name.is_some_and(Value::is_string) {
                    Some("`discriminator` needs a `propertyName` that is a string".to_owned())
                } else if mapping.is_some_and(|m| {
                    m.as_object()
                        .is_none_or(|m| !m.values().all(Value::is_string))
                }) {
                    Some(
                        "`discriminator.mapping` must map values to schema references (strings)"
                            .to_owned(),
                    )
                } else {
                    None
                }
            }
            Expected::ExternalDocs => (!value.get("url").is_some_and(Value::is_string))
                .then(|| wrong("an object with a `url`")),
        };
        if let Some(message) = problem {
            shapes.problems.push(Problem::at(pointer_of(path), message));
        }
        path.pop();
    }
}

/// A value as shown in a message: short.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parameter_named_schema_is_not_taken_for_a_schema() {
        let document: Value = serde_json::from_str(
            r#"{"components": {"parameters": {"schema": {"name": "schema", "in": "query", "required": true, "schema": {"type": "string"}}}}}"#,
        )
        .expect("JSON");
        let shapes = schema_shapes(&document);
        assert!(shapes.problems.is_empty(), "{:?}", shapes.problems);
    }

    #[test]
    fn a_wrong_key_is_found_in_a_parameter_schema_and_a_component() {
        let document = serde_json::json!({
            "components": {"schemas": {"A": {"minLength": "three"}}},
            "paths": {"/a": {"get": {"parameters": [{"name": "q", "in": "query", "schema": {"type": 1}}]}}}
        });
        let pointers: Vec<String> = schema_shapes(&document)
            .problems
            .into_iter()
            .map(|problem| problem.pointer)
            .collect();
        assert_eq!(
            pointers,
            [
                "#/components/schemas/A/minLength",
                "#/paths/~1a/get/parameters/0/schema/type"
            ]
        );
    }
}
