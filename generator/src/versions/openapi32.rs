//! What OpenAPI 3.2 adds beyond 3.1, brought to the 3.0 shape in place
//! (after the 3.1 rewrite, which 3.2 documents also get).
//!
//! | 3.2 | here |
//! |---|---|
//! | a response with `summary` and no `description` | the summary is the description |
//! | the `query` method | an operation like the rest, sent as `QUERY` (carried as `loader_extensions::QUERY_OPERATION`) |
//! | `additionalOperations` | operations like the rest, sent with their method as written (carried as `loader_extensions::ADDITIONAL_OPERATIONS`); an entry that is no method token, or names a fixed method, is left out, warned |
//! | `in: querystring` with form-encoded content | an object `in: query` parameter, `style: form`, `explode: true` | its fields in the query string |
//! | `in: querystring` with another media type | an `in: query` parameter marked `loader_extensions::QUERY_STRING` | the whole query string: JSON typed and sent as its text, other types the caller's text, percent-encoded |
//! | `in: querystring` without one media type | left out, warned |
//! | `itemSchema` of a sequential media type | a named type (`item_schemas.rs`), warned: the body is the raw bytes |
//! | discriminator `defaultMapping` | the extension `loader_extensions::DEFAULT_MAPPING` (its schema made a member if it is not one) | a tag no mapping names, or none, decodes as that variant |
//! | `Server.name` | the extension `x-oas-name`, which names the server's `Environment` variant |
//! | Example `dataValue` (and `serializedValue`) | its `value` | the doc examples and example tests |
//! | tag `parent` | the extension `loader_extensions::TAG_PARENT` | the tag's group is also a method of its parent's group (`client.payments().refunds()`) |
//! | tag `summary` | the extension `loader_extensions::TAG_SUMMARY` | the first paragraph of the group's docs |
//! | tag `kind`, `oauth2MetadataUrl`, the device flow | accepted; nothing to generate (a token is the caller's, as for every OAuth2 flow) |

use serde_json::{Map, Value};

use crate::diagnostics::Warnings;
use crate::json_pointer::child;
use crate::path_item_operations::{ADDITIONAL_OPERATIONS, additional_method_problem};
use crate::spec_walk::{self, Descend, KeyKind, Step, Visitor, key_kind, pointer_of};

/// Rewrites what 3.2 adds.
pub(super) fn rewrite(document: &mut Value, warnings: &mut Warnings) {
    server_names_as_extensions(document);
    tag_fields_as_extensions(document);
    data_values_as_values(document);
    query_strings_as_query_parameters(document);
    let mut found = Found::default();
    spec_walk::walk(document, &mut Vec::new(), &mut found);
    // Last found, first removed: children go before their parents and
    // later list items before earlier ones, so every pointer still names
    // what it named when it was found.
    for (pointer, what) in found.removals.into_iter().rev() {
        let (parent, key) = match pointer.rsplit_once('/') {
            Some(split) => split,
            None => continue,
        };
        let key = crate::json_pointer::unescape(key);
        let removed = match document.pointer_mut(parent.trim_start_matches('#')) {
            Some(Value::Object(object)) => object.shift_remove(&key).is_some(),
            Some(Value::Array(items)) => match key.parse::<usize>() {
                Ok(index) if index < items.len() => {
                    items.remove(index);
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if removed {
            warnings.push(pointer, what);
        }
    }
    for pointer in found.default_mappings {
        if let Some(Value::Object(schema)) = document.pointer_mut(pointer.trim_start_matches('#')) {
            default_mapping_as_extension(schema);
        }
    }
    for pointer in found.summary_only_responses {
        if let Some(Value::Object(response)) = document.pointer_mut(pointer.trim_start_matches('#'))
        {
            let summary = response
                .get("summary")
                .cloned()
                .unwrap_or(Value::String(String::new()));
            response.insert("description".to_owned(), summary);
        }
    }
}

/// A discriminator's `defaultMapping` (the schema for a tag no mapping
/// names, or no tag) travels to the lowering as the discriminator's
/// extension `loader_extensions::DEFAULT_MAPPING`, written as a `$ref`
/// (a bare schema name is one of `components.schemas`, as in `mapping`).
/// When that schema is not among the `oneOf`/`anyOf` members, it is made
/// the last of them: it is what such payloads decode as.
fn default_mapping_as_extension(schema: &mut Map<String, Value>) {
    let Some(Value::Object(discriminator)) = schema.get_mut("discriminator") else {
        return;
    };
    let Some(Value::String(target)) = discriminator.shift_remove("defaultMapping") else {
        return;
    };
    let reference = if target.contains('#') || target.contains('/') {
        target
    } else {
        child("#/components/schemas", &target)
    };
    discriminator.insert(
        crate::loader_extensions::DEFAULT_MAPPING.to_owned(),
        Value::String(reference.clone()),
    );
    let members = ["oneOf", "anyOf"]
        .into_iter()
        .find(|key| matches!(schema.get(*key), Some(Value::Array(_))));
    if let Some(Value::Array(members)) = members.and_then(|key| schema.get_mut(key)) {
        let listed = members
            .iter()
            .any(|member| member.get("$ref").and_then(Value::as_str) == Some(reference.as_str()));
        if !listed {
            members.push(serde_json::json!({ "$ref": reference }));
        }
    }
}

/// `Server.name` has no place in `openapiv3`'s `Server`: it travels to the
/// lowering as an extension (`loader_extensions::SERVER_NAME`).
fn server_names_as_extensions(document: &mut Value) {
    let Some(Value::Array(servers)) = document.get_mut("servers") else {
        return;
    };
    for server in servers.iter_mut().filter_map(Value::as_object_mut) {
        if let Some(name) = server.shift_remove("name") {
            server.insert(crate::loader_extensions::SERVER_NAME.to_owned(), name);
        }
    }
}

/// A tag's `parent` and `summary` (3.2) have no place in `openapiv3`'s
/// `Tag` either: they travel as `loader_extensions::TAG_PARENT` and
/// `TAG_SUMMARY`. (`kind`, which says where a tag is shown, means nothing
/// to a client and is left as it is.)
fn tag_fields_as_extensions(document: &mut Value) {
    let Some(Value::Array(tags)) = document.get_mut("tags") else {
        return;
    };
    for tag in tags.iter_mut().filter_map(Value::as_object_mut) {
        for (field, extension) in [
            ("parent", crate::loader_extensions::TAG_PARENT),
            ("summary", crate::loader_extensions::TAG_SUMMARY),
        ] {
            if let Some(value) = tag.shift_remove(field) {
                tag.insert(extension.to_owned(), value);
            }
        }
    }
}

/// An Example Object's `dataValue` (3.2) is what 3.0 calls its `value`:
/// the example as data, which the docs and example tests decode. Its
/// `serializedValue` is the same example as the wire carries it, and says
/// nothing more to a generator.
fn data_values_as_values(node: &mut Value) {
    match node {
        Value::Object(object) => {
            for (key, value) in object.iter_mut() {
                if key == "examples" {
                    // A map of Example Objects (a schema's `examples` is a
                    // list of values: data, left alone).
                    if let Value::Object(examples) = value {
                        for example in examples.values_mut().filter_map(Value::as_object_mut) {
                            example.shift_remove("serializedValue");
                            if let Some(data) = example.shift_remove("dataValue") {
                                example.entry("value").or_insert(data);
                            }
                        }
                    }
                    continue;
                }
                // Data is not spec: an example's own keys stay as they are.
                if key_kind(key) != KeyKind::Data {
                    data_values_as_values(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(data_values_as_values),
        _ => {}
    }
}

/// An `in: querystring` parameter whose content is form-encoded is the
/// whole query string as one object's fields: what 3.0 says with an object
/// `in: query` parameter of `style: form` and `explode: true`. With another
/// media type it is an `in: query` parameter marked as the whole query
/// string (`loader_extensions::QUERY_STRING`), its `content` kept: JSON is
/// typed and sent as its text, any other type is the text the caller gives.
/// (Without exactly one media type it is left out by the walk, warned.)
fn query_strings_as_query_parameters(node: &mut Value) {
    match node {
        Value::Object(object) => {
            let is_form_query_string = object.get("in").and_then(Value::as_str)
                == Some("querystring")
                && object
                    .get("content")
                    .and_then(Value::as_object)
                    .is_some_and(|content| {
                        content.len() == 1
                            && content
                                .get("application/x-www-form-urlencoded")
                                .is_some_and(|media| media.get("schema").is_some())
                    });
            if is_form_query_string {
                let schema = object
                    .shift_remove("content")
                    .and_then(|mut content| {
                        content["application/x-www-form-urlencoded"]
                            .get_mut("schema")
                            .map(Value::take)
                    })
                    .unwrap_or(Value::Object(Map::new()));
                object.insert("in".to_owned(), Value::String("query".to_owned()));
                object.insert("schema".to_owned(), schema);
                object.insert("style".to_owned(), Value::String("form".to_owned()));
                object.insert("explode".to_owned(), Value::Bool(true));
                return;
            }
            let is_other_query_string = object.get("in").and_then(Value::as_str)
                == Some("querystring")
                && object
                    .get("content")
                    .and_then(Value::as_object)
                    .is_some_and(|content| content.len() == 1);
            if is_other_query_string {
                object.insert("in".to_owned(), Value::String("query".to_owned()));
                object.insert(
                    crate::loader_extensions::QUERY_STRING.to_owned(),
                    Value::Bool(true),
                );
                return;
            }
            for (key, value) in object.iter_mut() {
                if !matches!(key_kind(key), KeyKind::Data | KeyKind::Examples) {
                    query_strings_as_query_parameters(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(query_strings_as_query_parameters),
        _ => {}
    }
}

/// What the walk finds: nodes to take out (pointer, why), in document
/// order, and responses to complete.
#[derive(Default)]
struct Found {
    removals: Vec<(String, String)>,
    summary_only_responses: Vec<String>,
    /// Schemas whose discriminator has a `defaultMapping`.
    default_mappings: Vec<String>,
}

impl<'a> Visitor<'a> for Found {
    fn node(&mut self, node: &'a Value, path: &[Step<'a>]) -> Descend {
        let Value::Object(object) = node else {
            return Descend::Into;
        };
        let at = pointer_of(path);
        let parent = path.iter().rev().nth(1);
        // A path item (an entry of `paths`).
        if matches!(path, [Step::Key("paths"), Step::Name(_)]) {
            let additional = object
                .get(ADDITIONAL_OPERATIONS)
                .and_then(Value::as_object)
                .into_iter()
                .flatten();
            for (method, _) in additional {
                if let Some(problem) = additional_method_problem(method) {
                    self.removals.push((
                        child(&child(&at, ADDITIONAL_OPERATIONS), method),
                        format!("{problem}; this operation is left out"),
                    ));
                }
            }
        }
        // `in: querystring` entries of a parameter list.
        if let Some(Value::Array(parameters)) = object.get("parameters") {
            let list_at = child(&at, "parameters");
            for (index, parameter) in parameters.iter().enumerate() {
                if parameter.get("in").and_then(Value::as_str) == Some("querystring") {
                    self.removals.push((
                        child(&list_at, &index.to_string()),
                        "an `in: querystring` parameter (OpenAPI 3.2) needs `content` with exactly one media type; left out".to_owned(),
                    ));
                }
            }
        }
        if matches!(parent, Some(Step::Key("responses"))) && is_summary_only(object) {
            self.summary_only_responses.push(at.clone());
        }
        if object.contains_key("itemSchema") {
            self.removals.push((
                child(&at, "itemSchema"),
                "`itemSchema` (OpenAPI 3.2) is not generated yet: the body is read as raw bytes"
                    .to_owned(),
            ));
        }
        if let Some(Value::Object(discriminator)) = object.get("discriminator") {
            if discriminator.contains_key("defaultMapping") {
                self.default_mappings.push(at.clone());
            }
        }
        Descend::Into
    }
}

fn is_summary_only(response: &Map<String, Value>) -> bool {
    response.contains_key("summary")
        && !response.contains_key("description")
        && !response.contains_key("$ref")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn data_values_are_example_values() {
        let mut document = json!({"openapi": "3.2.0", "components": {"examples": {
            "Card": {"dataValue": {"id": "card_1"}, "serializedValue": "{\"id\":\"card_1\"}"},
            "Both": {"value": 1, "dataValue": 2}
        }}});
        rewrite(&mut document, &mut Warnings::default());
        assert_eq!(
            document["components"]["examples"],
            json!({"Card": {"value": {"id": "card_1"}}, "Both": {"value": 1}})
        );
    }

    #[test]
    fn a_default_mapping_is_carried_and_its_schema_made_a_member() {
        let mut document = json!({"openapi": "3.2.0", "components": {"schemas": {
            "Method": {
                "oneOf": [{"$ref": "#/components/schemas/Card"}],
                "discriminator": {"propertyName": "kind", "defaultMapping": "Other"}
            },
            "Listed": {
                "anyOf": [{"$ref": "#/components/schemas/Other"}],
                "discriminator": {"propertyName": "kind", "defaultMapping": "#/components/schemas/Other"}
            }
        }}});
        let mut warnings = Warnings::default();
        rewrite(&mut document, &mut warnings);
        let schemas = &document["components"]["schemas"];
        assert_eq!(
            schemas["Method"],
            json!({
                "oneOf": [{"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Other"}],
                "discriminator": {"propertyName": "kind", "x-oas-default-mapping": "#/components/schemas/Other"}
            })
        );
        assert_eq!(
            schemas["Listed"]["anyOf"],
            json!([{"$ref": "#/components/schemas/Other"}])
        );
        assert!(warnings.into_sorted().is_empty());
    }

    #[test]
    fn a_query_string_of_another_media_type_is_marked_and_keeps_its_content() {
        let mut document = json!({"openapi": "3.2.0", "paths": {"/a": {"get": {"parameters": [
            {"name": "q", "in": "querystring", "content": {"application/json": {"schema": {"type": "object"}}}}
        ]}}}});
        rewrite(&mut document, &mut Warnings::default());
        assert_eq!(
            document["paths"]["/a"]["get"]["parameters"][0],
            json!({"name": "q", "in": "query", "x-oas-querystring": true,
                   "content": {"application/json": {"schema": {"type": "object"}}}})
        );
    }

    #[test]
    fn server_names_travel_as_an_extension() {
        let mut document = json!({"openapi": "3.2.0", "servers": [{"url": "https://a", "name": "live"}, {"url": "https://b"}]});
        rewrite(&mut document, &mut Warnings::default());
        assert_eq!(
            document["servers"],
            json!([{"url": "https://a", "x-oas-name": "live"}, {"url": "https://b"}])
        );
    }

    #[test]
    fn what_3_2_adds_is_completed_or_left_out_with_a_warning() {
        let mut document = json!({
            "openapi": "3.2.0",
            "paths": {"/search": {
                "query": {"responses": {"200": {"description": "ok"}}},
                "additionalOperations": {
                    "PURGE": {"responses": {"200": {"description": "ok"}}},
                    "Get": {"responses": {"200": {"description": "ok"}}}
                },
                "get": {
                    "parameters": [
                        {"name": "a", "in": "query"},
                        {"name": "q", "in": "querystring", "content": {}},
                        {"name": "f", "in": "querystring", "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}}},
                        {"name": "b", "in": "query"},
                        {"name": "r", "in": "querystring", "content": {}}
                    ],
                    "responses": {"200": {"summary": "Found", "content": {"text/event-stream": {"itemSchema": {"type": "string"}}}}}
                }
            }}
        });
        let mut warnings = Warnings::default();
        rewrite(&mut document, &mut warnings);
        let item = &document["paths"]["/search"];
        assert!(
            item.get("query").is_some(),
            "a query operation stays, for the lowering"
        );
        assert_eq!(
            item["additionalOperations"]
                .as_object()
                .unwrap()
                .keys()
                .collect::<Vec<_>>(),
            ["PURGE"],
            "a method stays, for the lowering; `Get` is the fixed `get`"
        );
        let names: Vec<&str> = item["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["a", "f", "b"]);
        assert_eq!(
            item["get"]["parameters"][1],
            json!({"name": "f", "in": "query", "schema": {"type": "object"}, "style": "form", "explode": true})
        );
        let ok = &item["get"]["responses"]["200"];
        assert_eq!(ok["description"], "Found");
        assert!(
            ok["content"]["text/event-stream"]
                .get("itemSchema")
                .is_none()
        );
        let pointers: Vec<String> = warnings
            .into_sorted()
            .into_iter()
            .map(|w| w.pointer)
            .collect();
        assert_eq!(
            pointers,
            [
                "#/paths/~1search/additionalOperations/Get",
                "#/paths/~1search/get/parameters/1",
                "#/paths/~1search/get/parameters/4",
                "#/paths/~1search/get/responses/200/content/text~1event-stream/itemSchema",
            ]
        );
    }
}
