//! The payloads of webhooks (3.1's top-level `webhooks`) and callbacks
//! (an operation's `callbacks`, or `components.callbacks`): requests the
//! server makes, which the client does not call, but whose bodies a user
//! receives and needs types for. Each request body schema written in place
//! becomes a named component schema, so that it is generated as a type like
//! any other: `<name>Payload` (with the method when a webhook or callback
//! has several operations, and a number when the name is taken). Where it
//! was written, a `$ref` to it takes its place. A schema that is a `$ref`
//! to a component already has its type.

use serde_json::{Value, json};

use crate::component_schemas;
use crate::json_pointer::child;
use crate::path_item_operations::{self, ItemOperation, operations_of};
use crate::pointer_origins::PointerOrigins;

/// Names every payload schema written in place and puts it under
/// `components.schemas`.
pub(super) fn hoist(document: &mut Value, origins: &mut PointerOrigins) {
    let mut found: Vec<Payload> = Vec::new();
    for webhook in path_item_operations::webhook_items(document) {
        payloads_of(webhook.item, &webhook.name, &webhook.pointer, &mut found);
    }
    if found.is_empty() {
        return;
    }
    let Some(schemas) = component_schemas::schemas_mut(document) else {
        return;
    };
    let mut named: Vec<(String, Payload)> = Vec::new();
    for payload in found {
        let name = component_schemas::free_name(&payload.name, |name| schemas.contains_key(name));
        schemas.insert(name.clone(), payload.schema.clone());
        named.push((name, payload));
    }
    for (name, payload) in named {
        let converted = child("#/components/schemas", &name);
        origins.record(&converted, &payload.pointer);
        if let Some(slot) = document.pointer_mut(payload.pointer.trim_start_matches('#')) {
            *slot = json!({"$ref": converted});
        }
    }
}

/// A payload schema written in place, and the name it will have.
struct Payload {
    name: String,
    pointer: String,
    schema: Value,
}

/// The request body schemas written in place in a path item's operations.
fn payloads_of(item: &Value, name: &str, at: &str, found: &mut Vec<Payload>) {
    let operations = operations_of(item);
    for ItemOperation { method, operation } in &operations {
        let Some(body) = operation.get("requestBody") else {
            continue;
        };
        // A body shared from `components.requestBodies` is named there.
        if body.get("$ref").is_some() {
            continue;
        }
        let Some(Value::Object(content)) = body.get("content") else {
            continue;
        };
        let content_at = child(
            &child(&path_item_operations::pointer_in(at, method), "requestBody"),
            "content",
        );
        let one_type = content.len() == 1;
        for (media_type, media) in content {
            let Some(schema) = media.get("schema") else {
                continue;
            };
            if schema.get("$ref").is_some() || !schema.is_object() {
                continue;
            }
            let mut words = vec![name.to_owned()];
            if operations.len() > 1 {
                words.push(method.path_item_key().to_ascii_lowercase());
            }
            if !one_type {
                words.push(media_type_word(media_type));
            }
            words.push("payload".to_owned());
            found.push(Payload {
                // Joined as `local_refs.rs` joins names: the type-naming
                // rules make a Rust name of it (`newPet_payload` is `NewPetPayload`).
                name: words.join("_"),
                pointer: child(&child(&content_at, media_type), "schema"),
                schema: schema.clone(),
            });
        }
    }
}

/// `application/json` -> `json`, `application/x-www-form-urlencoded` -> `form`.
fn media_type_word(media_type: &str) -> String {
    let subtype = media_type.split(['/', ';']).nth(1).unwrap_or(media_type);
    match subtype.trim() {
        "x-www-form-urlencoded" | "form-data" => "form".to_owned(),
        other => other.trim_start_matches("x-").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_schemas_written_in_place_become_named_components() {
        let object = json!({"type": "object", "properties": {"id": {"type": "string"}}});
        let mut document = json!({
            "paths": {"/orders": {"post": {"callbacks": {"orderPaid": {"{$request.body#/url}": {"post": {
                "requestBody": {"content": {"application/json": {"schema": object}}}
            }}}}}}},
            "webhooks": {
                "newPet": {"post": {"requestBody": {"content": {
                    "application/json": {"schema": object},
                    "application/x-www-form-urlencoded": {"schema": object}
                }}}},
                "petGone": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}
            },
            "components": {"schemas": {"Pet": object, "orderPaid_payload": {"type": "string"}}}
        });
        let mut origins = PointerOrigins::default();
        hoist(&mut document, &mut origins);
        let schemas = document["components"]["schemas"].as_object().unwrap();
        assert_eq!(
            schemas.keys().collect::<Vec<_>>(),
            [
                "Pet",
                "orderPaid_payload",
                "newPet_json_payload",
                "newPet_form_payload",
                "orderPaid_payload_2"
            ]
        );
        assert_eq!(
            document["webhooks"]["newPet"]["post"]["requestBody"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/newPet_json_payload"})
        );
        assert_eq!(
            document["webhooks"]["petGone"]["post"]["requestBody"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/Pet"}),
            "a reference is left as it is"
        );
        assert_eq!(
            origins.written("#/components/schemas/orderPaid_payload_2/properties/id"),
            "#/paths/~1orders/post/callbacks/orderPaid/{$request.body#~1url}/post/requestBody/content/application~1json/schema/properties/id"
        );
    }
}
