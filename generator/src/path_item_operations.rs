//! Where a path item, as read (JSON, before it is typed), holds its
//! operations: under the keys of the fixed methods (`get`, ..., 3.2's
//! `query`) and, in OpenAPI 3.2, in the `additionalOperations` map from
//! any other method to its operation. Every pass that looks at operations
//! in the raw document asks here, so none of them misses the additional
//! ones.

use serde_json::{Map, Value};

use crate::json_pointer::child;
use crate::model::HttpMethod;

/// A path item whose requests a user receives rather than sends: an entry
/// of 3.1's top-level `webhooks`, or one expression of a callback.
pub struct WebhookItem<'a> {
    /// Its name: the `webhooks` key or the callback's name, with the
    /// expression's number (`_1`, `_2`) when the callback has several.
    pub name: String,
    /// Its pointer.
    pub pointer: String,
    /// The path item.
    pub item: &'a Value,
}

/// Every webhook path item, in this order: `webhooks`,
/// `components.callbacks`, then the callbacks written in operations. A
/// callback that is a `$ref` (to `components.callbacks`) is counted where
/// it is declared, not again where it is used.
pub fn webhook_items(document: &Value) -> Vec<WebhookItem<'_>> {
    let mut found = Vec::new();
    if let Some(Value::Object(webhooks)) = document.get("webhooks") {
        for (name, item) in webhooks {
            found.push(WebhookItem {
                name: name.clone(),
                pointer: child("#/webhooks", name),
                item,
            });
        }
    }
    if let Some(Value::Object(callbacks)) = document.pointer("/components/callbacks") {
        for (name, callback) in callbacks {
            callback_items(
                callback,
                name,
                &child("#/components/callbacks", name),
                &mut found,
            );
        }
    }
    if let Some(Value::Object(paths)) = document.get("paths") {
        for (path, item) in paths {
            let item_at = child("#/paths", path);
            for op in operations_of(item) {
                let Some(Value::Object(callbacks)) = op.operation.get("callbacks") else {
                    continue;
                };
                let at = child(&pointer_in(&item_at, &op.method), "callbacks");
                for (name, callback) in callbacks {
                    callback_items(callback, name, &child(&at, name), &mut found);
                }
            }
        }
    }
    found
}

/// The path items of a callback: one per expression.
fn callback_items<'a>(callback: &'a Value, name: &str, at: &str, found: &mut Vec<WebhookItem<'a>>) {
    let Some(expressions) = callback.as_object().filter(|c| !c.contains_key("$ref")) else {
        return;
    };
    let several = expressions.len() > 1;
    for (index, (expression, item)) in expressions.iter().enumerate() {
        found.push(WebhookItem {
            name: if several {
                format!("{name}_{}", index + 1)
            } else {
                name.to_owned()
            },
            pointer: child(at, expression),
            item,
        });
    }
}

/// The key of OpenAPI 3.2's map of methods beyond the fixed ones.
pub const ADDITIONAL_OPERATIONS: &str = "additionalOperations";

/// One operation of a path item.
pub struct ItemOperation<'a> {
    /// Its method.
    pub method: HttpMethod,
    /// The operation object.
    pub operation: &'a Value,
}

/// The pointer of the operation with `method` in the path item at
/// `item_pointer`.
pub fn pointer_in(item_pointer: &str, method: &HttpMethod) -> String {
    match method {
        HttpMethod::Additional(name) => child(&child(item_pointer, ADDITIONAL_OPERATIONS), name),
        fixed => child(item_pointer, fixed.path_item_key()),
    }
}

/// The operations of a path item, fixed methods first (in the order the
/// specification lists them), then the additional ones in document order.
/// An additional entry that is no method token, or that names a fixed
/// method, is not an operation (the 3.2 rewrite warns of it and removes it).
pub fn operations_of(item: &Value) -> Vec<ItemOperation<'_>> {
    let Value::Object(item) = item else {
        return Vec::new();
    };
    methods_of(item)
        .into_iter()
        .filter_map(|method| {
            let operation = match &method {
                HttpMethod::Additional(name) => additional_operations(item)?.get(name)?,
                fixed => item.get(fixed.path_item_key())?,
            };
            Some(ItemOperation { method, operation })
        })
        .collect()
}

/// The methods of a path item's operations, in [`operations_of`]'s order
/// (for passes that change them: see [`operation_mut`]).
pub fn methods_of(item: &Map<String, Value>) -> Vec<HttpMethod> {
    let fixed = HttpMethod::ALL
        .into_iter()
        .filter(|method| item.contains_key(method.path_item_key()));
    let additional = additional_operations(item)
        .into_iter()
        .flat_map(|operations| operations.keys())
        .filter(|name| additional_method_problem(name).is_none())
        .map(|name| HttpMethod::Additional(name.clone()));
    fixed.chain(additional).collect()
}

/// The operation with `method` in a path item, to change it.
pub fn operation_mut<'a>(
    item: &'a mut Map<String, Value>,
    method: &HttpMethod,
) -> Option<&'a mut Value> {
    match method {
        HttpMethod::Additional(name) => item.get_mut(ADDITIONAL_OPERATIONS)?.get_mut(name),
        fixed => item.get_mut(fixed.path_item_key()),
    }
}

fn additional_operations(item: &Map<String, Value>) -> Option<&Map<String, Value>> {
    item.get(ADDITIONAL_OPERATIONS)?.as_object()
}

/// Why a key of `additionalOperations` is not a method the generator can
/// send, if it is not: a method is a token (RFC 9110: letters, digits and
/// ``!#$%&'*+-.^_`|~``), and the fixed methods have fields of their own
/// (OpenAPI 3.2 forbids them here; `Post` beside `post` would be the same
/// method to most servers, so any capitalization of them is refused).
pub fn additional_method_problem(name: &str) -> Option<String> {
    let is_token_byte =
        |byte: u8| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte);
    if name.is_empty() || !name.bytes().all(is_token_byte) {
        return Some(format!(
            "`{name}` is not an HTTP method (a method is a token: letters, digits and !#$%&'*+-.^_`|~)"
        ));
    }
    let lower = name.to_ascii_lowercase();
    if HttpMethod::from_path_item_key(&lower).is_some() {
        return Some(format!(
            "`{name}` is the path item's own `{lower}` field's method; OpenAPI 3.2 does not allow it in `additionalOperations`"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn fixed_methods_come_first_then_valid_additional_ones() {
        let item = json!({
            "summary": "s",
            "additionalOperations": {"PURGE": {"a": 1}, "post": {}, "BAD METHOD": {}, "LINK": {"b": 2}},
            "post": {"c": 3},
            "get": {"d": 4}
        });
        let found: Vec<(String, String)> = operations_of(&item)
            .iter()
            .map(|op| {
                (
                    op.method.as_str().to_owned(),
                    pointer_in("#/paths/~1a", &op.method),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("GET", "#/paths/~1a/get"),
                ("POST", "#/paths/~1a/post"),
                ("PURGE", "#/paths/~1a/additionalOperations/PURGE"),
                ("LINK", "#/paths/~1a/additionalOperations/LINK"),
            ]
            .map(|(m, p)| (m.to_owned(), p.to_owned()))
        );
    }

    #[test]
    fn methods_are_tokens_other_than_the_fixed_ones() {
        assert_eq!(additional_method_problem("PURGE"), None);
        assert_eq!(additional_method_problem("M-SEARCH"), None);
        for bad in ["", "A B", "GET", "Query", "x/y"] {
            assert!(additional_method_problem(bad).is_some(), "{bad}");
        }
    }
}
