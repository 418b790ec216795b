//! OpenAPI 3.2's `itemSchema`: the schema of each item of a sequential
//! media type (`text/event-stream`, `application/jsonl`,
//! `application/json-seq`). The response is read as raw bytes until typed
//! streams exist; the item's type is generated now, named after the
//! operation (`<operation>_item`, with the status when several responses
//! have items), so that users can decode items with it.

use serde_json::Value;

use crate::component_schemas;
use crate::diagnostics::Warnings;
use crate::json_pointer::child;
use crate::path_item_operations::{self, ItemOperation, operations_of};
use crate::pointer_origins::PointerOrigins;

/// Moves every response's `itemSchema` to a named component schema.
pub(super) fn hoist(document: &mut Value, origins: &mut PointerOrigins, warnings: &mut Warnings) {
    let mut found: Vec<(String, String, Value)> = Vec::new();
    if let Some(Value::Object(paths)) = document.get("paths") {
        for (path, item) in paths {
            for ItemOperation { method, operation } in operations_of(item) {
                let at = child(
                    &path_item_operations::pointer_in(&child("#/paths", path), &method),
                    "responses",
                );
                let name = operation
                    .get("operationId")
                    .and_then(Value::as_str)
                    .map_or_else(
                        || format!("{}_{path}", method.path_item_key()),
                        str::to_owned,
                    );
                items_of(operation, &name, &at, &mut found);
            }
        }
    }
    if found.is_empty() {
        return;
    }
    let Some(schemas) = component_schemas::schemas_mut(document) else {
        return;
    };
    let mut moved = Vec::new();
    for (wanted, pointer, schema) in found {
        let name = component_schemas::free_name(&wanted, |name| schemas.contains_key(name));
        schemas.insert(name.clone(), schema);
        moved.push((name, pointer));
    }
    for (name, pointer) in moved {
        let converted = child("#/components/schemas", &name);
        origins.record(&converted, &pointer);
        let media = pointer.rsplit_once('/').map_or("", |(media, _)| media);
        if let Some(Value::Object(media)) = document.pointer_mut(media.trim_start_matches('#')) {
            media.shift_remove("itemSchema");
        }
        warnings.push(
            pointer,
            format!("`itemSchema` (OpenAPI 3.2): the body is read as raw bytes (typed streams are not generated yet); the items' type is generated, from the schema named `{name}`"),
        );
    }
}

/// The `itemSchema`s of an operation's responses: (name, pointer, schema).
fn items_of(operation: &Value, name: &str, at: &str, found: &mut Vec<(String, String, Value)>) {
    let Some(Value::Object(responses)) = operation.get("responses") else {
        return;
    };
    let with_items: Vec<(&String, &serde_json::Map<String, Value>)> = responses
        .iter()
        .filter_map(|(status, response)| Some((status, response.get("content")?.as_object()?)))
        .filter(|(_, content)| {
            content
                .values()
                .any(|media| media.get("itemSchema").is_some())
        })
        .collect();
    let several = with_items.len() > 1;
    for (status, content) in with_items {
        for (media_type, media) in content {
            let Some(schema) = media.get("itemSchema") else {
                continue;
            };
            let wanted = if several {
                format!("{name}_{status}_item")
            } else {
                format!("{name}_item")
            };
            let pointer = child(
                &child(&child(&child(at, status), "content"), media_type),
                "itemSchema",
            );
            found.push((wanted, pointer, schema.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn item_schemas_become_named_types_and_the_body_stays_bytes() {
        let mut document = json!({"paths": {"/events": {"get": {
            "operationId": "streamEvents",
            "responses": {"200": {"description": "events", "content": {"text/event-stream": {
                "itemSchema": {"type": "object", "properties": {"data": {"type": "string"}}}
            }}}}
        }}}});
        let mut origins = PointerOrigins::default();
        let mut warnings = Warnings::default();
        hoist(&mut document, &mut origins, &mut warnings);
        assert_eq!(
            document["components"]["schemas"]["streamEvents_item"]["properties"]["data"],
            json!({"type": "string"})
        );
        assert_eq!(
            document["paths"]["/events"]["get"]["responses"]["200"]["content"]["text/event-stream"],
            json!({})
        );
        assert_eq!(
            origins.written("#/components/schemas/streamEvents_item/properties"),
            "#/paths/~1events/get/responses/200/content/text~1event-stream/itemSchema/properties"
        );
        assert_eq!(warnings.into_sorted().len(), 1);
    }
}
