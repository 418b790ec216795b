//! The document, its servers, components, paths and operations.

use serde_json::{Map, Value, json};

use super::conversion::{Conversion, METHODS, media_types};
use super::schemas::{convert_schema, rewrite_refs};
use crate::json_pointer::{child, unescape};

impl Conversion<'_> {
    pub(super) fn document(&mut self) -> Value {
        let mut out = Map::new();
        out.insert("openapi".into(), json!("3.0.3"));
        self.origins.record("#/openapi", "#/swagger");
        for (key, value) in &self.source {
            match key.as_str() {
                "info" | "tags" | "externalDocs" | "security" => {
                    out.insert(key.clone(), value.clone());
                }
                key if key.starts_with("x-") => {
                    out.insert(key.to_owned(), value.clone());
                }
                _ => {}
            }
        }
        if let Some(servers) = self.servers() {
            out.insert("servers".into(), servers);
        }
        let global_consumes = media_types(self.source.get("consumes"));
        let global_produces = media_types(self.source.get("produces"));
        out.insert(
            "paths".into(),
            self.paths(&global_consumes, &global_produces),
        );
        let components = self.components(&global_consumes, &global_produces);
        if !components.is_empty() {
            out.insert("components".into(), Value::Object(components));
        }
        let mut out = Value::Object(out);
        rewrite_refs(&mut out, &self.source);
        out
    }

    /// `host` + `basePath` + `schemes`: one server per scheme.
    fn servers(&mut self) -> Option<Value> {
        let host = self.source.get("host").and_then(Value::as_str);
        let base_path = self
            .source
            .get("basePath")
            .and_then(Value::as_str)
            .unwrap_or("");
        let base_path = base_path.trim_end_matches('/');
        let Some(host) = host else {
            self.origins.record("#/servers/0", "#/basePath");
            return (!base_path.is_empty()).then(|| json!([{"url": base_path}]));
        };
        let schemes: Vec<&str> = match self.source.get("schemes") {
            Some(Value::Array(schemes)) => schemes.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        // 2.0 says the default is the scheme the document was fetched
        // with; a file has none, and an API is reached over HTTPS.
        let schemes = if schemes.is_empty() {
            vec!["https"]
        } else {
            schemes
        };
        // HTTPS first: the generated client's default server is the first.
        let mut ordered: Vec<&str> = schemes.iter().copied().filter(|s| *s == "https").collect();
        ordered.extend(schemes.iter().copied().filter(|s| *s != "https"));
        let servers: Vec<Value> = ordered
            .iter()
            .enumerate()
            .map(|(index, scheme)| {
                self.origins.record(format!("#/servers/{index}"), "#/host");
                json!({"url": format!("{scheme}://{host}{base_path}")})
            })
            .collect();
        Some(Value::Array(servers))
    }

    fn components(&mut self, consumes: &[String], produces: &[String]) -> Map<String, Value> {
        let mut components = Map::new();
        if let Some(Value::Object(definitions)) = self.source.get("definitions").cloned() {
            self.origins.record("#/components/schemas", "#/definitions");
            let schemas = definitions
                .into_iter()
                .map(|(name, mut schema)| {
                    convert_schema(&mut schema);
                    (name, schema)
                })
                .collect();
            components.insert("schemas".into(), Value::Object(schemas));
        }
        if let Some(Value::Object(shared)) = self.source.get("parameters").cloned() {
            let mut parameters = Map::new();
            let mut bodies = Map::new();
            for (name, parameter) in shared {
                let written = child("#/parameters", &name);
                match parameter.get("in").and_then(Value::as_str) {
                    Some("body") => {
                        let converted = child("#/components/requestBodies", &name);
                        let body = self.request_body(&parameter, &written, &converted, consumes);
                        bodies.insert(name, body);
                    }
                    // Inlined where they are used: a form field is a
                    // property of the body's schema, not a component.
                    Some("formData") => {}
                    _ => {
                        let converted = child("#/components/parameters", &name);
                        parameters.insert(name, self.parameter(&parameter, &written, &converted));
                    }
                }
            }
            if !parameters.is_empty() {
                components.insert("parameters".into(), Value::Object(parameters));
            }
            if !bodies.is_empty() {
                components.insert("requestBodies".into(), Value::Object(bodies));
            }
        }
        if let Some(Value::Object(shared)) = self.source.get("responses").cloned() {
            let responses = shared
                .into_iter()
                .map(|(name, response)| {
                    let written = child("#/responses", &name);
                    let converted = child("#/components/responses", &name);
                    let response = self.response(&response, &written, &converted, produces);
                    (name, response)
                })
                .collect();
            components.insert("responses".into(), Value::Object(responses));
        }
        if let Some(Value::Object(schemes)) = self.source.get("securityDefinitions").cloned() {
            self.origins
                .record("#/components/securitySchemes", "#/securityDefinitions");
            let schemes = schemes
                .into_iter()
                .map(|(name, scheme)| {
                    let at = child("#/securityDefinitions", &name);
                    let scheme = self.security_scheme(scheme, &at);
                    (name, scheme)
                })
                .collect();
            components.insert("securitySchemes".into(), Value::Object(schemes));
        }
        components
    }

    fn paths(&mut self, consumes: &[String], produces: &[String]) -> Value {
        let Some(Value::Object(paths)) = self.source.get("paths").cloned() else {
            return json!({});
        };
        let mut out = Map::new();
        for (path, item) in paths {
            let Value::Object(item) = item else {
                out.insert(path, item);
                continue;
            };
            let item_at = child("#/paths", &path);
            // Path-level body and form parameters belong to each operation's
            // body in 3.0; the others stay on the path item.
            let shared: Vec<(Value, String)> = match item.get("parameters") {
                Some(Value::Array(parameters)) => parameters
                    .iter()
                    .enumerate()
                    .map(|(index, p)| {
                        (
                            p.clone(),
                            child(&child(&item_at, "parameters"), &index.to_string()),
                        )
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let (shared_body, shared_plain): (Vec<_>, Vec<_>) = shared
                .into_iter()
                .partition(|(p, _)| self.is_body_or_form(p));
            let mut converted_item = Map::new();
            for (key, value) in &item {
                let at = child(&item_at, key);
                if METHODS.contains(&key.as_str()) {
                    let operation = self.operation(value, &at, &shared_body, consumes, produces);
                    converted_item.insert(key.clone(), operation);
                } else if key == "parameters" {
                    let converted = self.plain_parameters(&shared_plain, &at);
                    if !converted.is_empty() {
                        converted_item.insert(key.clone(), Value::Array(converted));
                    }
                } else {
                    converted_item.insert(key.clone(), value.clone());
                }
            }
            out.insert(path, Value::Object(converted_item));
        }
        Value::Object(out)
    }

    /// Whether a parameter (or a `$ref` to a shared one) is `in: body` or `in: formData`.
    pub(super) fn is_body_or_form(&self, parameter: &Value) -> bool {
        let resolved = self.resolve_parameter(parameter).map(|(p, _)| p);
        matches!(
            resolved.and_then(|p| p.get("in")).and_then(Value::as_str),
            Some("body" | "formData")
        )
    }

    /// A parameter, or the shared one its `$ref` names, with its pointer.
    pub(super) fn resolve_parameter<'v>(
        &'v self,
        parameter: &'v Value,
    ) -> Option<(&'v Value, Option<String>)> {
        match parameter.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.strip_prefix("#/parameters/")?;
                let name = unescape(name);
                let shared = self.source.get("parameters")?.get(&name)?;
                Some((shared, Some(child("#/parameters", &name))))
            }
            None => Some((parameter, None)),
        }
    }

    /// Non-body parameters, at their new indices under `at`.
    pub(super) fn plain_parameters(
        &mut self,
        parameters: &[(Value, String)],
        at: &str,
    ) -> Vec<Value> {
        let mut out = Vec::new();
        for (parameter, written) in parameters {
            let converted = child(at, &out.len().to_string());
            let value = if parameter.get("$ref").is_some() {
                self.origins.record(&converted, written);
                parameter.clone()
            } else {
                self.parameter(parameter, written, &converted)
            };
            out.push(value);
        }
        out
    }

    fn operation(
        &mut self,
        operation: &Value,
        at: &str,
        shared_body: &[(Value, String)],
        consumes: &[String],
        produces: &[String],
    ) -> Value {
        let Value::Object(operation) = operation else {
            return operation.clone();
        };
        let consumes = operation
            .get("consumes")
            .map_or_else(|| consumes.to_vec(), |c| media_types(Some(c)));
        let produces = operation
            .get("produces")
            .map_or_else(|| produces.to_vec(), |p| media_types(Some(p)));
        let mut own: Vec<(Value, String)> = match operation.get("parameters") {
            Some(Value::Array(parameters)) => parameters
                .iter()
                .enumerate()
                .map(|(index, p)| {
                    (
                        p.clone(),
                        child(&child(at, "parameters"), &index.to_string()),
                    )
                })
                .collect(),
            _ => Vec::new(),
        };
        // The path item's body and form parameters, unless the operation
        // declares its own of the same name and place.
        for (parameter, written) in shared_body {
            let key = self.parameter_key(parameter);
            if !own.iter().any(|(p, _)| self.parameter_key(p) == key) {
                own.push((parameter.clone(), written.clone()));
            }
        }
        let split = self.split_parameters(&own);
        let mut out = Map::new();
        for (key, value) in operation {
            match key.as_str() {
                "consumes" | "produces" => {}
                "parameters" => {
                    let converted = self.plain_parameters(&split.parameters, &child(at, key));
                    if !converted.is_empty() {
                        out.insert(key.clone(), Value::Array(converted));
                    }
                }
                "responses" => {
                    out.insert(
                        key.clone(),
                        self.responses(value, &child(at, key), &produces),
                    );
                }
                "schemes" => {
                    self.warnings.push(
                        child(at, key),
                        "an operation's own `schemes` are not used: it is called on the document's servers",
                    );
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        if !operation.contains_key("parameters") && !split.parameters.is_empty() {
            let converted = self.plain_parameters(&split.parameters, &child(at, "parameters"));
            out.insert("parameters".into(), Value::Array(converted));
        }
        let body_at = child(at, "requestBody");
        if let Some((body, written)) = &split.body {
            let body = match body.get("$ref").and_then(Value::as_str) {
                Some(reference) => {
                    self.origins.record(&body_at, written);
                    let name = reference.strip_prefix("#/parameters/").unwrap_or(reference);
                    json!({"$ref": format!("#/components/requestBodies/{name}")})
                }
                None => self.request_body(body, written, &body_at, &consumes),
            };
            out.insert("requestBody".into(), body);
        } else if !split.form.is_empty() {
            let body = self.form_body(&split.form, &body_at, &consumes);
            out.insert("requestBody".into(), body);
        }
        Value::Object(out)
    }
}
