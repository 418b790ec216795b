//! Swagger 2.0 parameters in their 3.0 places: parameters with schemas, a
//! body parameter as a request body, form fields as the properties of one.

use serde_json::{Map, Value, json};

use super::conversion::{Conversion, FORM, JSON, MULTIPART, VALUE_KEYWORDS};
use super::schemas::convert_schema;
use crate::json_pointer::child;

/// An operation's parameters sorted by what they become in 3.0, each with
/// its pointer in the written document.
#[derive(Default)]
pub(super) struct Split {
    /// Parameters in 3.0 too.
    pub(super) parameters: Vec<(Value, String)>,
    /// The `in: body` parameter: the request body.
    pub(super) body: Option<(Value, String)>,
    /// The `in: formData` parameters: the fields of the request body.
    pub(super) form: Vec<(Value, String)>,
}

pub(super) fn is_form(media_type: &str) -> bool {
    media_type == MULTIPART || media_type == FORM
}

impl Conversion<'_> {
    /// A parameter's name and place, through its `$ref`.
    pub(super) fn parameter_key(&self, parameter: &Value) -> (String, String) {
        let resolved = self
            .resolve_parameter(parameter)
            .map_or(parameter, |(p, _)| p);
        let text = |key: &str| {
            resolved
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned()
        };
        (text("name"), text("in"))
    }

    /// Sorts an operation's parameters into 3.0 parameters, the body and
    /// form fields. Form fields are resolved (they become properties).
    pub(super) fn split_parameters(&self, parameters: &[(Value, String)]) -> Split {
        let mut split = Split::default();
        for (parameter, written) in parameters {
            let Some((resolved, shared_at)) = self.resolve_parameter(parameter) else {
                split.parameters.push((parameter.clone(), written.clone()));
                continue;
            };
            match resolved.get("in").and_then(Value::as_str) {
                Some("body") => split.body = Some((parameter.clone(), written.clone())),
                Some("formData") => split.form.push((
                    resolved.clone(),
                    shared_at.unwrap_or_else(|| written.clone()),
                )),
                _ => split.parameters.push((parameter.clone(), written.clone())),
            }
        }
        split
    }

    /// One non-body parameter: its value keywords become its `schema`, its
    /// `collectionFormat` its `style` and `explode`.
    pub(super) fn parameter(&mut self, parameter: &Value, written: &str, converted: &str) -> Value {
        self.origins.record(converted, written);
        let Value::Object(parameter) = parameter else {
            return parameter.clone();
        };
        let location = parameter.get("in").and_then(Value::as_str).unwrap_or("");
        let mut out = Map::new();
        let mut schema = Map::new();
        for (key, value) in parameter {
            if VALUE_KEYWORDS.contains(&key.as_str()) {
                schema.insert(key.clone(), value.clone());
            } else if key == "collectionFormat" {
                // Read below, with the type.
            } else if key == "allowEmptyValue" && location != "query" {
                // 3.0 allows it on query parameters only; elsewhere it never meant anything.
            } else {
                out.insert(key.clone(), value.clone());
            }
        }
        if schema.get("type").and_then(Value::as_str) == Some("array") {
            let format = parameter
                .get("collectionFormat")
                .and_then(Value::as_str)
                .unwrap_or("csv");
            let (style, explode) = match (format, location) {
                ("multi", _) => ("form", true),
                ("ssv", "query") => ("spaceDelimited", false),
                ("pipes", "query") => ("pipeDelimited", false),
                (_, "query" | "cookie") => ("form", false),
                _ => ("simple", false),
            };
            if !matches!(format, "csv" | "multi" | "ssv" | "pipes")
                || (matches!(format, "ssv" | "pipes") && location != "query")
            {
                self.warnings.push(
                    child(written, "collectionFormat"),
                    format!("`collectionFormat: {format}` has no OpenAPI 3.0 form here; sent comma-separated"),
                );
            }
            out.insert("style".into(), json!(style));
            out.insert("explode".into(), json!(explode));
        }
        if let Some(Value::Object(items)) = schema.get_mut("items") {
            self.nested_collection_format(items, &child(written, "items"));
        }
        let mut schema = Value::Object(schema);
        convert_schema(&mut schema);
        self.origins.record(child(converted, "schema"), written);
        out.insert("schema".into(), schema);
        Value::Object(out)
    }

    /// `items` of an array parameter may say how its own arrays are joined:
    /// 3.0 has no such thing.
    pub(super) fn nested_collection_format(&mut self, items: &mut Map<String, Value>, at: &str) {
        if items.shift_remove("collectionFormat").is_some() {
            self.warnings.push(
                child(at, "collectionFormat"),
                "a nested array's `collectionFormat` has no OpenAPI 3.0 form; ignored",
            );
        }
        if let Some(Value::Object(inner)) = items.get_mut("items") {
            self.nested_collection_format(inner, &child(at, "items"));
        }
    }

    /// An `in: body` parameter as a request body.
    pub(super) fn request_body(
        &mut self,
        parameter: &Value,
        written: &str,
        converted: &str,
        consumes: &[String],
    ) -> Value {
        self.origins.record(converted, written);
        let mut body = Map::new();
        if let Some(description) = parameter.get("description") {
            body.insert("description".into(), description.clone());
        }
        let mut schema = parameter
            .get("schema")
            .cloned()
            .unwrap_or_else(|| json!({}));
        convert_schema(&mut schema);
        let mut types: Vec<&str> = consumes
            .iter()
            .map(String::as_str)
            .filter(|t| !is_form(t))
            .collect();
        if types.is_empty() {
            types.push(JSON);
        }
        let mut content = Map::new();
        for media_type in types {
            let content_at = child(&child(converted, "content"), media_type);
            self.origins
                .record(child(&content_at, "schema"), child(written, "schema"));
            content.insert(media_type.to_owned(), json!({"schema": schema.clone()}));
        }
        body.insert("content".into(), Value::Object(content));
        if parameter.get("required").and_then(Value::as_bool) == Some(true) {
            body.insert("required".into(), json!(true));
        }
        for (key, value) in parameter.as_object().into_iter().flatten() {
            if key.starts_with("x-") {
                body.insert(key.clone(), value.clone());
            }
        }
        Value::Object(body)
    }

    /// `in: formData` parameters as one object schema.
    pub(super) fn form_body(
        &mut self,
        fields: &[(Value, String)],
        converted: &str,
        consumes: &[String],
    ) -> Value {
        let has_file = fields
            .iter()
            .any(|(field, _)| field.get("type").and_then(Value::as_str) == Some("file"));
        let media_type = consumes
            .iter()
            .map(String::as_str)
            .find(|t| is_form(t))
            .filter(|t| !has_file || *t == MULTIPART)
            .unwrap_or(if has_file { MULTIPART } else { FORM });
        if let Some((_, first)) = fields.first() {
            self.origins.record(converted, first.as_str());
        }
        let schema_at = child(&child(&child(converted, "content"), media_type), "schema");
        let mut properties = Map::new();
        let mut required = Vec::new();
        for (field, written) in fields {
            let name = field
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let mut property = Map::new();
            for (key, value) in field.as_object().into_iter().flatten() {
                if VALUE_KEYWORDS.contains(&key.as_str()) || key == "description" {
                    property.insert(key.clone(), value.clone());
                }
            }
            if field.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(json!(name));
            }
            let mut property = Value::Object(property);
            convert_schema(&mut property);
            self.origins.record(
                child(&child(&schema_at, "properties"), &name),
                written.as_str(),
            );
            properties.insert(name, property);
        }
        let mut schema = json!({"type": "object", "properties": properties});
        if !required.is_empty() {
            schema["required"] = Value::Array(required);
        }
        json!({"content": {media_type: {"schema": schema}}, "required": true})
    }
}
