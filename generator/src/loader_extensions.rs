//! What the loader carries to the lowering that `openapiv3` has no field
//! for, as extensions it adds to the nodes concerned (a leaf module: both
//! stages name them here). The names start with `x-oas-`, which no spec
//! the generator has met uses; a spec that did would have them read the
//! same way.

/// On an array schema: 3.1's `prefixItems` (the schemas of a tuple's
/// items, each already brought to the 3.0 shape); the lowering makes the
/// array a Rust tuple.
pub const PREFIX_ITEMS: &str = "x-oas-prefix-items";

/// On a discriminator: 3.2's `defaultMapping`, as a `$ref` to the schema
/// that a payload with a tag no mapping names (or no tag) decodes as.
pub const DEFAULT_MAPPING: &str = "x-oas-default-mapping";

/// On a tag: 3.2's `parent`, the tag it is nested in.
pub const TAG_PARENT: &str = "x-oas-parent";

/// On a tag: 3.2's `summary`, a short title for it.
pub const TAG_SUMMARY: &str = "x-oas-summary";

/// On a server: 3.2's `Server.name`, which names its `Environment` variant.
pub const SERVER_NAME: &str = "x-oas-name";

/// On an `in: query` parameter: it was OpenAPI 3.2's `in: querystring`
/// (the whole query string as one value of its `content`'s media type),
/// which `openapiv3` cannot hold; the lowering sends it as the query string.
pub const QUERY_STRING: &str = "x-oas-querystring";

/// On a path item: OpenAPI 3.2's `query` operation, which `openapiv3`'s
/// `PathItem` has no field for (`carry_operations` puts it there).
pub const QUERY_OPERATION: &str = "x-oas-query";

/// On a path item: OpenAPI 3.2's `additionalOperations` (a map from any
/// other method, as sent, to its operation), which `openapiv3` has no field
/// for either (`carry_operations` puts it there).
pub const ADDITIONAL_OPERATIONS: &str = "x-oas-additional-operations";

/// Copies each path item's `query` operation and `additionalOperations`,
/// as the rest of loading left them (their nested schemas hoisted, their
/// references checked), to the extensions the lowering reads. The original
/// keys stay, for the checks that read the document as JSON.
pub fn carry_operations(document: &mut serde_json::Value) {
    let Some(serde_json::Value::Object(paths)) = document.get_mut("paths") else {
        return;
    };
    for item in paths
        .values_mut()
        .filter_map(serde_json::Value::as_object_mut)
    {
        for (key, extension) in [
            ("query", QUERY_OPERATION),
            (
                crate::path_item_operations::ADDITIONAL_OPERATIONS,
                ADDITIONAL_OPERATIONS,
            ),
        ] {
            if let Some(operations) = item.get(key).cloned() {
                item.insert(extension.to_owned(), operations);
            }
        }
    }
}

/// On the document: every webhook a user can receive (3.1's top-level
/// `webhooks`, `components.callbacks` and the callbacks written in
/// operations), as a list of `{name, pointer, method, operation}` in that
/// order; `carry_webhooks` puts it there, the lowering reads it.
pub const WEBHOOKS: &str = "x-oas-webhooks";

/// Collects the webhooks (see [`WEBHOOKS`]) as the rest of loading left
/// them: their payload schemas named (`versions/payloads.rs`), a callback
/// that is a `$ref` counted once, where it is declared.
pub fn carry_webhooks(document: &mut serde_json::Value) {
    use serde_json::Value;
    let mut found: Vec<Value> = Vec::new();
    for webhook in crate::path_item_operations::webhook_items(document) {
        let operations = crate::path_item_operations::operations_of(webhook.item);
        let several = operations.len() > 1;
        for op in operations {
            let name = if several {
                format!(
                    "{}_{}",
                    webhook.name,
                    op.method.path_item_key().to_ascii_lowercase()
                )
            } else {
                webhook.name.clone()
            };
            found.push(serde_json::json!({
                "name": name,
                "pointer": crate::path_item_operations::pointer_in(&webhook.pointer, &op.method),
                "method": op.method.as_str(),
                "operation": op.operation,
            }));
        }
    }
    if found.is_empty() {
        return;
    }
    if let Value::Object(root) = document {
        root.insert(WEBHOOKS.to_owned(), Value::Array(found));
    }
}
