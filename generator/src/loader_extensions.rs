//! What the loader carries to the lowering that `openapiv3` has no field
//! for, as extensions it adds to the nodes concerned (a leaf module: both
//! stages name them here). The names start with `x-oas-`, which no spec
//! the generator has met uses; a spec that did would have them read the
//! same way.

/// On an array schema: 3.1's `prefixItems` (the schemas of a tuple's
/// items, each already brought to the 3.0 shape); the lowering makes the
/// array a Rust tuple.
pub const PREFIX_ITEMS: &str = "x-oas-prefix-items";

/// On a server: 3.2's `Server.name`, which names its `Environment` variant.
pub const SERVER_NAME: &str = "x-oas-name";

/// On a path item: OpenAPI 3.2's `query` operation, which `openapiv3`'s
/// `PathItem` has no field for (`carry_query_operations` puts it there).
pub const QUERY_OPERATION: &str = "x-oas-query";

/// Copies each path item's `query` operation, as the rest of loading left
/// it (its nested schemas hoisted, its references checked), to the
/// extension the lowering reads. The `query` key stays, for the checks that
/// read the document as JSON.
pub fn carry_query_operations(document: &mut serde_json::Value) {
    let Some(serde_json::Value::Object(paths)) = document.get_mut("paths") else {
        return;
    };
    for item in paths
        .values_mut()
        .filter_map(serde_json::Value::as_object_mut)
    {
        if let Some(query) = item.get("query").cloned() {
            item.insert(QUERY_OPERATION.to_owned(), query);
        }
    }
}
