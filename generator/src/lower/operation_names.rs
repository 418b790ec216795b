//! What each operation is called before names are made unique: its
//! `operationId`, a short summary, or its method and path.
//!
//! FastAPI writes every `operationId` as the handler's name followed by the
//! path and the method (`update_variable_variables__id__patch` for
//! `PATCH /variables/{id}`), so that ids stay unique when two routers reuse a
//! handler name. The method and path are already in the call, so the
//! handler's name is used instead (`update_variable`) wherever it is unique
//! in the spec; where it is not, the whole id stays.

use std::collections::BTreeMap;

use super::names;
use crate::model::{HttpMethod, PathTemplate, Segment};

/// What an operation's name is made from.
pub(super) struct NamedOperation<'a> {
    pub(super) operation: &'a openapiv3::Operation,
    pub(super) path: &'a PathTemplate,
    pub(super) method: HttpMethod,
}

/// How many words a summary may have to become an operation's name.
const MAX_SUMMARY_WORDS: usize = 5;

/// The natural name of each operation, in the order given.
pub(super) fn natural_names(operations: &[NamedOperation<'_>]) -> Vec<String> {
    let handlers: Vec<Option<String>> = operations
        .iter()
        .map(|op| {
            let id = op.operation.operation_id.as_deref()?;
            fastapi_handler(id, op.path.as_str(), op.method.path_item_key()).map(names::snake_name)
        })
        .collect();
    let full: Vec<String> = operations.iter().map(operation_name).collect();
    // A handler name is used only where no other operation would be
    // called the same, by its handler name or by its whole name.
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for (handler, full) in handlers.iter().zip(&full) {
        *uses.entry(handler.as_deref().unwrap_or(full)).or_default() += 1;
    }
    handlers
        .iter()
        .zip(&full)
        .map(|(handler, full)| match handler {
            Some(handler) if uses[handler.as_str()] == 1 => handler.clone(),
            _ => full.clone(),
        })
        .collect()
}

/// The handler name in a FastAPI-style `operationId`: the id less the path
/// (each character that is not a letter, digit or `_` written as `_`, as
/// FastAPI does) and `_method`, when the id ends with exactly that.
fn fastapi_handler<'a>(id: &'a str, path: &str, method: &str) -> Option<&'a str> {
    let suffix: String = path
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .chain(std::iter::once('_'))
        .chain(method.chars())
        .collect();
    let handler = id.strip_suffix(suffix.as_str())?;
    handler
        .chars()
        .any(|c| c.is_alphabetic())
        .then_some(handler)
}

/// `operationId` when there is one; else a short summary ("Create Order" ->
/// `create_order`); else the method and path (`get_orders_by_order_id`).
fn operation_name(op: &NamedOperation<'_>) -> String {
    if let Some(id) = op
        .operation
        .operation_id
        .as_deref()
        .filter(|id| !id.trim().is_empty())
    {
        return names::snake_name(id);
    }
    if let Some(summary) = op.operation.summary.as_deref() {
        let words = summary.split_whitespace().count();
        if (1..=MAX_SUMMARY_WORDS).contains(&words)
            && summary.chars().any(|c| c.is_ascii_alphabetic())
        {
            return names::snake_name(summary);
        }
    }
    let mut words = vec![op.method.path_item_key().to_owned()];
    for segment in op.path.segments() {
        match segment {
            // Several parameters in one segment read as one phrase, their
            // braces becoming word breaks: `by name ext`.
            Segment::Parameter(param) | Segment::Parameters(param) => {
                words.push(format!("by {param}"));
            }
            Segment::Literal(text) => words.push(text.to_owned()),
        }
    }
    names::snake_name(&words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::fastapi_handler;

    #[test]
    fn fastapi_ids_give_their_handler_names() {
        let cases = [
            (
                "update_variable_variables__id__patch",
                "/variables/{id}",
                "patch",
                Some("update_variable"),
            ),
            (
                "create_variable_variables__post",
                "/variables/",
                "post",
                Some("create_variable"),
            ),
            (
                "health_check_health_get",
                "/health",
                "get",
                Some("health_check"),
            ),
            (
                "read_flow_run_graph_v2_flow_runs__id__graph_v2_get",
                "/flow_runs/{id}/graph-v2",
                "get",
                Some("read_flow_run_graph_v2"),
            ),
            // Not FastAPI's pattern: kept whole.
            ("getOrder", "/orders/{order_id}", "get", None),
            ("orders_get", "/orders", "post", None),
            // Nothing but the suffix: no handler name to use.
            ("_orders_get", "/orders", "get", None),
        ];
        for (id, path, method, handler) in cases {
            assert_eq!(fastapi_handler(id, path, method), handler, "{id}");
        }
    }
}
