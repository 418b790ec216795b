//! Swagger 2.0: a 3.0 spec written as Swagger 2.0 with the same meaning
//! generates the same code, byte for byte, and the diff between the two
//! reports no API change; problems in a 2.0 document are shown at its own
//! lines and pointers.
//!
//! The 2.0 form is written here, independently of the generator's
//! converter, which must undo it. 2.0 has one host per document, so the 3.0
//! spec compared is the original with only its first server (and servers
//! carry no description in 2.0).

use std::path::Path;

use serde_json::{Map, Value, json};

fn repository() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Keywords a 3.0 parameter's or header's `schema` holds that 2.0 writes
/// on the parameter itself.
const VALUE_KEYWORDS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// The first server only, without its description: what 2.0 can say.
fn with_first_server(document: &mut Value) {
    if let Some(Value::Array(servers)) = document.get_mut("servers") {
        servers.truncate(1);
        if let Some(Value::Object(server)) = servers.first_mut() {
            server.shift_remove("description");
        }
    }
}

/// Every `$ref` under `#/components/...` as 2.0 names it.
fn refs_as_2_0(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get_mut("$ref") {
                for (from, to) in [
                    ("#/components/schemas/", "#/definitions/"),
                    ("#/components/parameters/", "#/parameters/"),
                    ("#/components/responses/", "#/responses/"),
                    ("#/components/requestBodies/", "#/parameters/"),
                ] {
                    if let Some(rest) = reference.strip_prefix(from) {
                        *reference = format!("{to}{rest}");
                    }
                }
            }
            for (key, inner) in object.iter_mut() {
                if !matches!(key.as_str(), "example" | "examples" | "default" | "enum") {
                    refs_as_2_0(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(refs_as_2_0),
        _ => {}
    }
}

/// `nullable: true` as 2.0's `x-nullable`, in every schema.
fn nullable_as_2_0(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some(nullable) = object.shift_remove("nullable") {
                object.insert("x-nullable".into(), nullable);
            }
            for (key, inner) in object.iter_mut() {
                if !matches!(key.as_str(), "example" | "examples" | "default" | "enum") {
                    nullable_as_2_0(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(nullable_as_2_0),
        _ => {}
    }
}

/// A 3.0 parameter as 2.0 writes it: its schema's keywords on itself.
fn parameter_as_2_0(parameter: &Value) -> Value {
    let mut parameter = parameter.as_object().cloned().expect("a parameter object");
    if let Some(Value::Object(schema)) = parameter.shift_remove("schema") {
        for (key, value) in schema {
            assert!(
                VALUE_KEYWORDS.contains(&key.as_str()) || key == "example",
                "{key} in a parameter schema"
            );
            let key = if key == "example" {
                "x-example".to_owned()
            } else {
                key
            };
            parameter.insert(key, value);
        }
    }
    Value::Object(parameter)
}

/// A 3.0 request body as a 2.0 `in: body` parameter (JSON bodies only: what
/// the specs here have).
fn body_as_2_0(body: &Value) -> Value {
    let content = body["content"].as_object().expect("content");
    assert_eq!(content.keys().collect::<Vec<_>>(), ["application/json"]);
    let mut parameter =
        json!({"name": "body", "in": "body", "schema": content["application/json"]["schema"]});
    for key in ["description", "required"] {
        if let Some(value) = body.get(key) {
            parameter[key] = value.clone();
        }
    }
    parameter
}

/// A 3.0 response as 2.0 writes it (JSON content only).
fn response_as_2_0(response: &Value) -> Value {
    if response.get("$ref").is_some() {
        return response.clone();
    }
    let mut out = json!({"description": response["description"]});
    if let Some(Value::Object(content)) = response.get("content") {
        assert_eq!(content.keys().collect::<Vec<_>>(), ["application/json"]);
        let media = &content["application/json"];
        out["schema"] = media["schema"].clone();
        if let Some(example) = media.get("example") {
            out["examples"] = json!({"application/json": example});
        }
    }
    if let Some(Value::Object(headers)) = response.get("headers") {
        let headers: Map<String, Value> = headers
            .iter()
            .map(|(name, header)| (name.clone(), parameter_as_2_0(header)))
            .collect();
        out["headers"] = Value::Object(headers);
    }
    out
}

/// The Swagger 2.0 way of writing what a (simple) 3.0 document says.
fn as_2_0(document: &Value) -> Value {
    let mut out = Map::new();
    out.insert("swagger".into(), json!("2.0"));
    for key in ["info", "tags", "security", "externalDocs"] {
        if let Some(value) = document.get(key) {
            out.insert(key.into(), value.clone());
        }
    }
    let url = document["servers"][0]["url"]
        .as_str()
        .expect("a server URL");
    let (scheme, rest) = url.split_once("://").expect("an absolute URL");
    let (host, base_path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    out.insert("host".into(), json!(host));
    out.insert("basePath".into(), json!(format!("/{base_path}")));
    out.insert("schemes".into(), json!([scheme]));
    let components = document
        .get("components")
        .cloned()
        .unwrap_or_else(|| json!({}));
    if let Some(schemas) = components.get("schemas") {
        out.insert("definitions".into(), schemas.clone());
    }
    let mut shared = Map::new();
    for (name, parameter) in components
        .get("parameters")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        shared.insert(name.clone(), parameter_as_2_0(parameter));
    }
    for (name, body) in components
        .get("requestBodies")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        shared.insert(name.clone(), body_as_2_0(body));
    }
    if !shared.is_empty() {
        out.insert("parameters".into(), Value::Object(shared));
    }
    if let Some(Value::Object(responses)) = components.get("responses") {
        let responses: Map<String, Value> = responses
            .iter()
            .map(|(name, r)| (name.clone(), response_as_2_0(r)))
            .collect();
        out.insert("responses".into(), Value::Object(responses));
    }
    if let Some(Value::Object(schemes)) = components.get("securitySchemes") {
        let schemes: Map<String, Value> = schemes
            .iter()
            .map(|(name, scheme)| {
                let mut scheme = scheme.as_object().cloned().expect("a scheme");
                if scheme.get("type") == Some(&json!("http")) {
                    assert_eq!(scheme.shift_remove("scheme"), Some(json!("basic")));
                    scheme.insert("type".into(), json!("basic"));
                }
                (name.clone(), Value::Object(scheme))
            })
            .collect();
        out.insert("securityDefinitions".into(), Value::Object(schemes));
    }
    let mut paths = Map::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        let mut converted = Map::new();
        for (key, value) in item.as_object().expect("a path item") {
            let value = match key.as_str() {
                "parameters" => Value::Array(
                    value
                        .as_array()
                        .expect("a list")
                        .iter()
                        .map(parameter_as_2_0)
                        .collect(),
                ),
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" => {
                    let mut operation = value.as_object().cloned().expect("an operation");
                    let mut parameters: Vec<Value> = operation
                        .shift_remove("parameters")
                        .and_then(|p| p.as_array().cloned())
                        .unwrap_or_default()
                        .iter()
                        .map(|p| {
                            if p.get("$ref").is_some() {
                                p.clone()
                            } else {
                                parameter_as_2_0(p)
                            }
                        })
                        .collect();
                    if let Some(body) = operation.shift_remove("requestBody") {
                        parameters.push(if body.get("$ref").is_some() {
                            body
                        } else {
                            body_as_2_0(&body)
                        });
                    }
                    if !parameters.is_empty() {
                        operation.insert("parameters".into(), Value::Array(parameters));
                    }
                    let responses: Map<String, Value> = operation["responses"]
                        .as_object()
                        .expect("responses")
                        .iter()
                        .map(|(status, r)| (status.clone(), response_as_2_0(r)))
                        .collect();
                    operation.insert("responses".into(), Value::Object(responses));
                    Value::Object(operation)
                }
                _ => value.clone(),
            };
            converted.insert(key.clone(), value);
        }
        paths.insert(path.clone(), Value::Object(converted));
    }
    out.insert("paths".into(), Value::Object(paths));
    let mut out = Value::Object(out);
    refs_as_2_0(&mut out);
    nullable_as_2_0(&mut out);
    out
}

fn generated_files(text: &str) -> std::collections::BTreeMap<String, String> {
    let loaded = generator::load::load_str(text, None).expect("the spec loads");
    generator::Generator::new("api")
        .generate(&loaded)
        .expect("the spec generates")
        .files
}

fn assert_same_code_as_2_0(spec: &Path) {
    let text = std::fs::read_to_string(spec).expect("spec");
    let mut document: Value = serde_yaml::from_str(&text).expect("YAML");
    with_first_server(&mut document);
    let original = serde_json::to_string_pretty(&document).expect("JSON");
    let swagger = serde_json::to_string_pretty(&as_2_0(&document)).expect("JSON");
    let (old, new) = (generated_files(&original), generated_files(&swagger));
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>()
    );
    for (name, code) in &old {
        if code != &new[name] {
            let first = code
                .lines()
                .zip(new[name].lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{name} differs between {} and its 2.0 rewrite, first at line {}:\n3.0: {}\n2.0: {}",
                spec.display(),
                first + 1,
                code.lines().nth(first).unwrap_or(""),
                new[name].lines().nth(first).unwrap_or("")
            );
        }
    }
    let api = |text: &str| {
        generator::lower::lower(
            &generator::load::load_str(text, None)
                .expect("loads")
                .openapi,
        )
    };
    let report = generator::diff::diff(&api(&original), &api(&swagger));
    assert!(report.changes.is_empty(), "{report}");
}

#[test]
fn flowwise_as_2_0_generates_the_same_code() {
    assert_same_code_as_2_0(&repository().join("specs/flowwise.yaml"));
}

#[test]
fn razorpay_as_2_0_generates_the_same_code() {
    assert_same_code_as_2_0(&repository().join("specs/razorpay.yaml"));
}

/// A problem in a 2.0 document is shown at the 2.0 line, with the 2.0
/// pointer, and the `$ref` it names as the user wrote it.
#[test]
fn problems_point_into_the_2_0_document() {
    let text = "\
swagger: '2.0'
info: {title: T, version: '1'}
paths:
  /orders:
    get:
      operationId: listOrders
      parameters:
        - {name: ids, in: query, type: array, items: {type: string}, collectionFormat: tsv}
      responses:
        '200':
          description: ok
          schema:
            $ref: '#/definitions/Ordr'
definitions:
  Order: {type: object}
";
    let loaded = generator::load::load_str(text, Some(Path::new("api.yaml"))).expect("loads");
    let error = generator::Generator::new("api")
        .generate(&loaded)
        .expect_err("a dangling $ref");
    let rendered = error.render();
    assert!(
        rendered.contains("nothing at `#/definitions/Ordr`"),
        "{rendered}"
    );
    assert!(
        rendered.contains("did you mean `#/definitions/Order`?"),
        "{rendered}"
    );
    assert!(rendered.contains("api.yaml:13:19"), "{rendered}");
    assert!(
        rendered.contains("#/paths/~1orders/get/responses/200/schema/$ref"),
        "{rendered}"
    );
    assert!(!rendered.contains("components"), "{rendered}");

    let fixed = text.replace("Ordr", "Order");
    let loaded = generator::load::load_str(&fixed, Some(Path::new("api.yaml"))).expect("loads");
    let warnings = generator::diagnostics::render_warnings(&loaded.warnings, &loaded.source);
    assert!(
        warnings.contains("`collectionFormat: tsv` has no OpenAPI 3.0 form"),
        "{warnings}"
    );
    assert!(warnings.contains("api.yaml:8:88"), "{warnings}");
    assert!(
        warnings.contains("#/paths/~1orders/get/parameters/0/collectionFormat"),
        "{warnings}"
    );
}
