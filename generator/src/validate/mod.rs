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

mod references;
mod shapes;

use std::collections::BTreeSet;

use serde_json::Value;

pub(crate) use references::resolve;
pub(crate) use shapes::is_well_formed;
pub use shapes::{SchemaShapes, schema_shapes};

use crate::diagnostics::Problem;
use crate::json_pointer::child;
use crate::model::PathTemplate;
use crate::path_item_operations::ItemOperation;

/// Every problem found, in document order.
pub fn check(document: &Value) -> Vec<Problem> {
    let mut problems = references::problems(document);
    problems.extend(path_template_problems(document));
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
        let item_value = item;
        let Some(item) = item.as_object() else {
            continue;
        };
        if item.contains_key("$ref") {
            continue;
        }
        let item_declared = declared_path_parameters(document, item.get("parameters"));
        for ItemOperation { method, operation } in
            crate::path_item_operations::operations_of(item_value)
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
                    let at = crate::path_item_operations::pointer_in(&at, &method);
                    let at = match operation.get("parameters") {
                        Some(_) => child(&at, "parameters"),
                        None => at,
                    };
                    problems.push(
                        Problem::at(at, format!("the path parameter `{{{name}}}` of `{} {path}` is not declared", method.path_item_key()))
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
