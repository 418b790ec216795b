//! The webhooks the API sends (carried by the loader as
//! `loader_extensions::WEBHOOKS`): each one's payload type, its variant of
//! the event enum, and what in a request says which webhook it is.
//!
//! How a request is told apart, most specific first:
//! - a header parameter whose schema allows one value (`enum: [x]`), and
//!   GitHub's `X-GitHub-Event`, whose value is the first part of the
//!   webhook's operation id with `_` for `-` (`check-run/completed` is
//!   `check_run`: the convention of GitHub's webhook descriptions);
//! - required payload properties that allow one value (a `const`, an
//!   `enum` of one value: GitHub's `action: completed`);
//! - otherwise the payload's shape (the first webhook whose type decodes
//!   it).

use openapiv3::{Parameter, ReferenceOr, Schema, SchemaKind, Type};

use super::names::{self, NameAllocator};
use super::refs;
use super::schema::TypeSpace;
use crate::diagnostics::Warnings;
use crate::json_pointer::child;
use crate::model::{HttpMethod, Webhook, WebhookSelector, WebhookSignature};

/// The spec's extension that names its webhooks' signature scheme.
pub const SIGNATURE_EXTENSION: &str = "x-webhook-signature";

/// GitHub's header that names the event.
const GITHUB_EVENT_HEADER: &str = "x-github-event";

/// The webhooks, in the order the loader found them.
pub fn lower_webhooks(types: &mut TypeSpace<'_>, warnings: &mut Warnings) -> Vec<Webhook> {
    let spec = types.spec();
    let Some(serde_json::Value::Array(carried)) =
        spec.extensions.get(crate::loader_extensions::WEBHOOKS)
    else {
        return Vec::new();
    };
    let mut variants = NameAllocator::with_reserved(&["Unknown"]);
    let mut webhooks = Vec::new();
    for entry in carried {
        let (Some(name), Some(pointer), Some(method)) = (
            entry.get("name").and_then(serde_json::Value::as_str),
            entry.get("pointer").and_then(serde_json::Value::as_str),
            entry.get("method").and_then(serde_json::Value::as_str),
        ) else {
            continue;
        };
        let operation = match entry
            .get("operation")
            .map(|operation| serde_json::from_value::<openapiv3::Operation>(operation.clone()))
        {
            Some(Ok(operation)) => operation,
            Some(Err(error)) => {
                warnings.push(
                    pointer,
                    format!("the webhook does not type ({error}); left out of `webhooks`"),
                );
                continue;
            }
            None => continue,
        };
        let Some((payload_schema, payload_at)) = json_payload(spec, &operation, pointer) else {
            warnings.push(
                pointer,
                "the webhook has no JSON request body; left out of `webhooks`",
            );
            continue;
        };
        let hint = format!("{}Payload", names::type_name(name));
        let payload = types.reference(&payload_schema, &hint, &payload_at, warnings);
        let selector = WebhookSelector {
            header: header_selector(spec, &operation),
            tags: body_tags(spec, &payload_schema),
        };
        let (variant, _) = variants.allocate(&names::type_name(name));
        let method = HttpMethod::from_path_item_key(&method.to_ascii_lowercase())
            .unwrap_or_else(|| HttpMethod::Additional(method.to_owned()));
        webhooks.push(Webhook {
            name: name.to_owned(),
            variant,
            method,
            payload,
            docs: operation.summary.clone().or(operation.description.clone()),
            pointer: pointer.to_owned(),
            selector,
        });
    }
    webhooks
}

/// The signature scheme the spec names, if it names one the runtime knows.
pub fn signature_scheme(
    spec: &openapiv3::OpenAPI,
    warnings: &mut Warnings,
) -> Option<WebhookSignature> {
    let named = spec.extensions.get(SIGNATURE_EXTENSION)?;
    let scheme = named.as_str().and_then(WebhookSignature::from_name);
    if scheme.is_none() {
        warnings.push(
            child("#", SIGNATURE_EXTENSION),
            format!(
                "`{SIGNATURE_EXTENSION}: {named}` is not a signature scheme the client knows ({}); ignored",
                WebhookSignature::names()
            ),
        );
    }
    scheme
}

/// The schema of the webhook's JSON body, and its pointer.
fn json_payload(
    spec: &openapiv3::OpenAPI,
    operation: &openapiv3::Operation,
    pointer: &str,
) -> Option<(ReferenceOr<Schema>, String)> {
    let body = refs::resolve(spec, operation.request_body.as_ref()?)?;
    let (media_type, media) = body
        .content
        .iter()
        .find(|(media_type, _)| super::operations::is_json(media_type))?;
    let at = child(
        &child(&child(pointer, "requestBody"), "content"),
        media_type,
    );
    Some((media.schema.clone()?, child(&at, "schema")))
}

/// A header that says it is this webhook.
fn header_selector(
    spec: &openapiv3::OpenAPI,
    operation: &openapiv3::Operation,
) -> Option<(String, String)> {
    for parameter in &operation.parameters {
        let Some(Parameter::Header { parameter_data, .. }) = refs::resolve(spec, parameter) else {
            continue;
        };
        let name = parameter_data.name.to_ascii_lowercase();
        if let openapiv3::ParameterSchemaOrContent::Schema(schema) = &parameter_data.format {
            if let Some(value) = refs::resolve(spec, schema).and_then(one_string_value) {
                return Some((name, value));
            }
        }
        if name == GITHUB_EVENT_HEADER {
            let event = operation.operation_id.as_deref()?.split('/').next()?;
            return Some((name, event.replace('-', "_")));
        }
    }
    None
}

/// The payload's required properties that allow one string value.
fn body_tags(spec: &openapiv3::OpenAPI, payload: &ReferenceOr<Schema>) -> Vec<(String, String)> {
    let Some(schema) = refs::resolve(spec, payload) else {
        return Vec::new();
    };
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return Vec::new();
    };
    object
        .properties
        .iter()
        .filter(|(property, _)| object.required.contains(property))
        .filter_map(|(property, schema)| {
            let schema = match schema {
                ReferenceOr::Item(schema) => Some(schema.as_ref()),
                ReferenceOr::Reference { reference } => {
                    refs::follow::<Schema>(spec, reference).map(|(schema, _)| schema)
                }
            }?;
            Some((property.clone(), one_string_value(schema)?))
        })
        .collect()
}

/// The one value a string schema allows, if it allows one.
fn one_string_value(schema: &Schema) -> Option<String> {
    let SchemaKind::Type(Type::String(string)) = &schema.schema_kind else {
        return None;
    };
    match string.enumeration.as_slice() {
        [Some(value)] => Some(value.clone()),
        _ => None,
    }
}
