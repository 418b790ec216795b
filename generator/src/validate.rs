//! Part of stage 1: what is broken in a spec beyond its shape, found on the
//! document as read (before typing, so that these problems are reported
//! together with any node that does not type):
//!
//! - a `$ref` that points to nothing, or into another file;
//! - a cycle of `$ref`s (or of `allOf`s of `$ref`s) with no schema in it;
//! - a path template that is malformed, or whose parameter no operation
//!   declares.
//!
//! No client can be generated from such a spec without guessing, so the
//! generator refuses it unless told to be lenient.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diagnostics::Problem;
use crate::json_pointer::{child, push_segment, unescape};
use crate::model::{HttpMethod, PathTemplate};

/// Keys whose values are data, not spec: nothing under them is checked.
const DATA_KEYS: [&str; 4] = ["default", "enum", "example", "const"];

/// Keys whose values map names the spec chose to spec objects.
const NAME_MAPS: [&str; 16] = [
    "properties",
    "paths",
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "content",
    "encoding",
    "variables",
    "patternProperties",
    "definitions",
];

/// Every problem found, in document order.
pub fn check(document: &Value) -> Vec<Problem> {
    let mut references = References::default();
    walk(document, &mut Vec::new(), &mut references);
    // Many references share a target: each target is resolved once.
    let mut resolves: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    let mut problems = Vec::new();
    for (pointer, target) in &references.all {
        let resolved = *resolves
            .entry(target.as_str())
            .or_insert_with(|| resolve(document, target).is_some());
        if !resolved {
            problems.extend(broken_reference(document, pointer, target));
        }
    }
    problems.extend(reference_cycles(&references, &resolves));
    problems.extend(path_template_problems(document));
    problems
}

/// The `$ref`s of the document, and its `allOf`-only schemas.
#[derive(Default)]
struct References {
    /// Pointer of each `$ref` value's object -> the reference, in document order.
    all: Vec<(String, String)>,
    /// Pointer of each schema that is only an `allOf` -> its parts' pointers.
    all_of_only: BTreeMap<String, Vec<String>>,
}

/// One step of the path from the document's root to a node.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The JSON pointer of a path. Built only for the nodes that need one: a
/// large spec has millions of nodes and few references.
fn pointer_of(path: &[Step<'_>]) -> String {
    let mut pointer = String::from("#");
    for step in path {
        match step {
            Step::Key(key) => push_segment(&mut pointer, key),
            Step::Index(index) => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
        }
    }
    pointer
}

fn walk<'a>(value: &'a Value, path: &mut Vec<Step<'a>>, references: &mut References) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(target)) = object.get("$ref") {
                references.all.push((pointer_of(path), target.clone()));
            }
            let all_of_only = object.get("allOf").filter(|_| {
                object
                    .keys()
                    .all(|key| is_annotation(key) || key == "allOf")
            });
            if let Some(Value::Array(parts)) = all_of_only {
                let schema = pointer_of(path);
                let at = child(&schema, "allOf");
                let parts = (0..parts.len())
                    .map(|i| child(&at, &i.to_string()))
                    .collect();
                references.all_of_only.insert(schema, parts);
            }
            for (key, value) in object {
                if DATA_KEYS.contains(&key.as_str()) || key.starts_with("x-") || key == "$ref" {
                    continue;
                }
                path.push(Step::Key(key));
                match (NAME_MAPS.contains(&key.as_str()), value) {
                    (true, Value::Object(entries)) => {
                        for (name, entry) in entries {
                            path.push(Step::Key(name));
                            if key == "examples" {
                                // An Example object's `value` is data.
                                if let Some(Value::String(target)) = entry.get("$ref") {
                                    references.all.push((pointer_of(path), target.clone()));
                                }
                            } else {
                                walk(entry, path, references);
                            }
                            path.pop();
                        }
                    }
                    _ => walk(value, path, references),
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Step::Index(index));
                walk(item, path, references);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Keys that say nothing about a schema's shape.
fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "description"
            | "title"
            | "nullable"
            | "readOnly"
            | "writeOnly"
            | "deprecated"
            | "example"
            | "externalDocs"
    ) || key.starts_with("x-")
}

/// Resolves a local reference (`#/components/...`, with JSON pointer and
/// percent escapes) in the document.
pub(crate) fn resolve<'a>(document: &'a Value, reference: &str) -> Option<&'a Value> {
    let fragment = reference.strip_prefix('#')?;
    document
        .pointer(fragment)
        .or_else(|| document.pointer(&percent_decode(fragment)?))
}

fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = match byte {
            b'%' => text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok()),
            _ => None,
        };
        match escaped {
            Some(decoded) => {
                out.push(decoded);
                i += 3;
            }
            None => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn broken_reference(document: &Value, at: &str, target: &str) -> Option<Problem> {
    let at = child(at, "$ref");
    if !target.starts_with('#') {
        return Some(
            Problem::at(at, format!("`$ref: '{target}'` points into another document; this generator reads one self-contained document"))
                .with_help("bundle the spec into one file first, e.g. `npx @redocly/cli bundle spec.yaml -o bundled.yaml`"),
        );
    }
    if resolve(document, target).is_some() {
        return None;
    }
    let problem = Problem::at(at, format!("dangling `$ref`: nothing at `{target}`"));
    Some(match closest_sibling(document, target) {
        Some(suggestion) => problem.with_help(format!("did you mean `{suggestion}`?")),
        None => problem.with_help("define it, or point the `$ref` at a node that exists"),
    })
}

/// For a reference whose last segment does not exist, a sibling with a
/// similar name (the usual cause: a typo, or a renamed schema).
fn closest_sibling(document: &Value, target: &str) -> Option<String> {
    let (parent, name) = target.rsplit_once('/')?;
    let siblings = resolve(document, parent)?.as_object()?;
    let name = unescape(name);
    let (distance, best) = siblings
        .keys()
        .map(|key| {
            (
                edit_distance(&key.to_lowercase(), &name.to_lowercase()),
                key,
            )
        })
        .min()?;
    (distance <= 2.max(name.chars().count() / 4)).then(|| child(parent, best))
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// Cycles of nodes that only point elsewhere (`$ref`, or an `allOf` of
/// such), which never reach a schema: nothing can be generated for them,
/// and following them would never end. Each cycle is reported once, at its
/// first node in pointer order.
fn reference_cycles(
    references: &References,
    resolves: &std::collections::HashMap<&str, bool>,
) -> Vec<Problem> {
    // Alias node -> where it leads.
    let mut leads_to: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (at, target) in &references.all {
        let fragment = target
            .strip_prefix('#')
            .filter(|_| resolves.get(target.as_str()) == Some(&true));
        if let Some(fragment) = fragment {
            let decoded = percent_decode(fragment).unwrap_or_else(|| fragment.to_owned());
            leads_to
                .entry(at.clone())
                .or_default()
                .push(format!("#{decoded}"));
        }
    }
    for (at, parts) in &references.all_of_only {
        leads_to
            .entry(at.clone())
            .or_default()
            .extend(parts.iter().cloned());
    }
    let mut problems = Vec::new();
    let mut reported: BTreeSet<Vec<String>> = BTreeSet::new();
    // Done: nodes known not to be on a cycle, or whose cycle is reported.
    let mut done: BTreeSet<String> = BTreeSet::new();
    for start in leads_to.keys() {
        if done.contains(start) {
            continue;
        }
        // Depth-first, iteratively: a path of (node, next edge index).
        let mut path: Vec<(String, usize)> = vec![(start.clone(), 0)];
        while let Some((node, edge)) = path.last_mut() {
            let next = leads_to
                .get(node.as_str())
                .and_then(|targets| targets.get(*edge));
            *edge += 1;
            let Some(next) = next else {
                let (node, _) = path.pop().unwrap_or_default();
                done.insert(node);
                continue;
            };
            if done.contains(next) || !leads_to.contains_key(next) {
                continue;
            }
            if let Some(position) = path.iter().position(|(n, _)| n == next) {
                let mut cycle: Vec<String> =
                    path[position..].iter().map(|(n, _)| n.clone()).collect();
                let first = cycle
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, n)| n.as_str())
                    .map_or(0, |(i, _)| i);
                cycle.rotate_left(first);
                if reported.insert(cycle.clone()) {
                    let mut shown = cycle.clone();
                    shown.push(cycle[0].clone());
                    problems.push(
                        Problem::at(cycle[0].clone(), format!("a cycle of `$ref`s with no schema in it: {}", shown.join(" → ")))
                            .with_help("one of them must be a schema (with a `type`, `properties`, ...), not only a reference"),
                    );
                }
                continue;
            }
            path.push((next.clone(), 0));
        }
    }
    problems
}

/// Malformed path templates, and template parameters an operation does not
/// declare.
fn path_template_problems(document: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some(paths) = document.get("paths").and_then(Value::as_object) else {
        return problems;
    };
    for (path, item) in paths.iter().filter(|(path, _)| path.starts_with('/')) {
        let at = child("#/paths", path);
        let template = match PathTemplate::parse(path) {
            Ok(template) => template,
            Err(message) => {
                problems.push(
                    Problem::at(&at, format!("the path template `{path}` {message}"))
                        .with_help("a path template names each parameter once, in braces: `/orders/{order_id}`"),
                );
                continue;
            }
        };
        let Some(item) = item.as_object() else {
            continue;
        };
        if item.contains_key("$ref") {
            continue;
        }
        let item_declared = declared_path_parameters(document, item.get("parameters"));
        for (method, operation) in item
            .iter()
            .filter(|(key, _)| HttpMethod::from_path_item_key(key).is_some())
        {
            let (Some(from_item), Some(from_operation)) = (
                &item_declared,
                declared_path_parameters(document, operation.get("parameters")),
            ) else {
                // A parameter that does not resolve is reported as such.
                continue;
            };
            for name in template.parameters() {
                if !from_item.contains(name) && !from_operation.contains(name) {
                    let at = child(&at, method);
                    let at = match operation.get("parameters") {
                        Some(_) => child(&at, "parameters"),
                        None => at,
                    };
                    problems.push(
                        Problem::at(at, format!("the path parameter `{{{name}}}` of `{method} {path}` is not declared"))
                            .with_help(format!("add `{{ name: {name}, in: path, required: true, schema: {{ type: string }} }}` to the operation's `parameters` (or the path's)")),
                    );
                }
            }
        }
    }
    problems
}

/// The names of the path parameters in a `parameters` list, or `None` when
/// one of them does not resolve.
fn declared_path_parameters(
    document: &Value,
    parameters: Option<&Value>,
) -> Option<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    for parameter in parameters.and_then(Value::as_array).into_iter().flatten() {
        let parameter = match parameter.get("$ref").and_then(Value::as_str) {
            Some(reference) => resolve(document, reference)?,
            None => parameter,
        };
        let name = parameter
            .get("name")
            .and_then(Value::as_str)
            .filter(|_| parameter.get("in").and_then(Value::as_str) == Some("path"));
        if let Some(name) = name {
            names.insert(name.to_owned());
        }
    }
    Some(names)
}

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
    find_schemas(document, &mut Vec::new(), &mut shapes);
    shapes
}

/// Finds the schemas outside schemas: `components.schemas`, and the
/// `schema` of parameters, headers and media types.
fn find_schemas<'a>(value: &'a Value, path: &mut Vec<Step<'a>>, shapes: &mut SchemaShapes) {
    match value {
        Value::Object(object) => {
            let in_components = matches!(path.as_slice(), [Step::Key("components")]);
            for (key, value) in object {
                if DATA_KEYS.contains(&key.as_str()) || key == "examples" || key.starts_with("x-") {
                    continue;
                }
                path.push(Step::Key(key));
                match (key.as_str(), value) {
                    ("schemas", Value::Object(schemas)) if in_components => {
                        for (name, schema) in schemas {
                            path.push(Step::Key(name));
                            check_schema(schema, path, shapes);
                            path.pop();
                        }
                    }
                    ("schema", _) => check_schema(value, path, shapes),
                    // Names the spec chose (a parameter called `schema`):
                    // never taken for keywords.
                    (key, Value::Object(entries)) if NAME_MAPS.contains(&key) => {
                        for (name, entry) in entries {
                            path.push(Step::Key(name));
                            find_schemas(entry, path, shapes);
                            path.pop();
                        }
                    }
                    _ => find_schemas(value, path, shapes),
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Step::Index(index));
                find_schemas(item, path, shapes);
                path.pop();
            }
        }
        _ => {}
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
                        path.push(Step::Key(name));
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
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("order", "order"), 0);
        assert_eq!(edit_distance("Oder", "Order"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
