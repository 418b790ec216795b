//! Swagger 2.0 responses and security definitions in their 3.0 forms.

use serde_json::{Map, Value, json};

use super::conversion::{Conversion, JSON, VALUE_KEYWORDS};
use super::schemas::convert_schema;
use crate::json_pointer::child;

impl Conversion<'_> {
    pub(super) fn responses(&mut self, responses: &Value, at: &str, produces: &[String]) -> Value {
        let Value::Object(responses) = responses else {
            return responses.clone();
        };
        let converted = responses
            .iter()
            .map(|(status, response)| {
                let at = child(at, status);
                let response = if response.get("$ref").is_some() || status.starts_with("x-") {
                    response.clone()
                } else {
                    self.response(response, &at, &at, produces)
                };
                (status.clone(), response)
            })
            .collect();
        Value::Object(converted)
    }

    /// A response: its `schema` under each `produces` type, its `examples`
    /// beside the schema of their type, its headers' types as schemas.
    pub(super) fn response(
        &mut self,
        response: &Value,
        written: &str,
        converted: &str,
        produces: &[String],
    ) -> Value {
        self.origins.record(converted, written);
        let Value::Object(response) = response else {
            return response.clone();
        };
        let mut out = Map::new();
        out.insert(
            "description".into(),
            response
                .get("description")
                .cloned()
                .unwrap_or_else(|| json!("")),
        );
        if let Some(schema) = response.get("schema") {
            let mut schema = schema.clone();
            convert_schema(&mut schema);
            let examples = response.get("examples").and_then(Value::as_object);
            let mut types: Vec<&str> = produces.iter().map(String::as_str).collect();
            if types.is_empty() {
                types.push(JSON);
            }
            let mut content = Map::new();
            for media_type in types {
                let content_at = child(&child(converted, "content"), media_type);
                self.origins
                    .record(child(&content_at, "schema"), child(written, "schema"));
                let mut entry = json!({"schema": schema.clone()});
                if let Some(example) = examples.and_then(|e| e.get(media_type)) {
                    self.origins.record(
                        child(&content_at, "example"),
                        child(&child(written, "examples"), media_type),
                    );
                    entry["example"] = example.clone();
                }
                content.insert(media_type.to_owned(), entry);
            }
            out.insert("content".into(), Value::Object(content));
        }
        if let Some(Value::Object(headers)) = response.get("headers") {
            let mut converted_headers = Map::new();
            for (name, header) in headers {
                let header_written = child(&child(written, "headers"), name);
                let header_at = child(&child(converted, "headers"), name);
                self.origins.record(&header_at, &header_written);
                self.origins
                    .record(child(&header_at, "schema"), &header_written);
                let mut out_header = Map::new();
                let mut schema = Map::new();
                for (key, value) in header.as_object().into_iter().flatten() {
                    if VALUE_KEYWORDS.contains(&key.as_str()) {
                        schema.insert(key.clone(), value.clone());
                    } else if key != "collectionFormat" {
                        out_header.insert(key.clone(), value.clone());
                    }
                }
                let mut schema = Value::Object(schema);
                convert_schema(&mut schema);
                out_header.insert("schema".into(), schema);
                converted_headers.insert(name.clone(), Value::Object(out_header));
            }
            out.insert("headers".into(), Value::Object(converted_headers));
        }
        for (key, value) in response {
            if key.starts_with("x-") {
                out.insert(key.clone(), value.clone());
            }
        }
        Value::Object(out)
    }

    pub(super) fn security_scheme(&mut self, scheme: Value, at: &str) -> Value {
        let Value::Object(scheme) = scheme else {
            return scheme;
        };
        let mut out = Map::new();
        let kind = scheme.get("type").and_then(Value::as_str).unwrap_or("");
        match kind {
            "basic" => {
                out.insert("type".into(), json!("http"));
                out.insert("scheme".into(), json!("basic"));
            }
            "oauth2" => {
                out.insert("type".into(), json!("oauth2"));
                let flow = scheme.get("flow").and_then(Value::as_str).unwrap_or("");
                let name = match flow {
                    "implicit" => "implicit",
                    "password" => "password",
                    "application" => "clientCredentials",
                    "accessCode" => "authorizationCode",
                    other => {
                        self.warnings.push(
                            child(at, "flow"),
                            format!("`flow: {other}` is not an OAuth2 flow of Swagger 2.0; read as `accessCode`"),
                        );
                        "authorizationCode"
                    }
                };
                let mut flow_object = Map::new();
                for key in ["authorizationUrl", "tokenUrl"] {
                    if let Some(url) = scheme.get(key) {
                        flow_object.insert(key.into(), url.clone());
                    }
                }
                flow_object.insert(
                    "scopes".into(),
                    scheme.get("scopes").cloned().unwrap_or_else(|| json!({})),
                );
                out.insert("flows".into(), json!({name: flow_object}));
            }
            _ => {
                for key in ["type", "name", "in"] {
                    if let Some(value) = scheme.get(key) {
                        out.insert(key.into(), value.clone());
                    }
                }
            }
        }
        for (key, value) in &scheme {
            if key == "description" || key.starts_with("x-") {
                out.insert(key.clone(), value.clone());
            }
        }
        Value::Object(out)
    }
}
