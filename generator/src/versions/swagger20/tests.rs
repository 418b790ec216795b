//! The conversion, construct by construct.

use serde_json::json;

use super::*;

fn converted(document: Value) -> (Value, PointerOrigins, Vec<String>) {
    let mut warnings = Warnings::default();
    let (out, origins) = convert(&document, &mut warnings);
    let messages = warnings
        .into_sorted()
        .into_iter()
        .map(|w| format!("{} {}", w.pointer, w.message))
        .collect();
    (out, origins, messages)
}

fn spec(paths: Value) -> Value {
    json!({"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": paths})
}

#[test]
fn host_base_path_and_schemes_are_servers_https_first() {
    let mut document = spec(json!({}));
    document["host"] = json!("api.example.com");
    document["basePath"] = json!("/v1/");
    document["schemes"] = json!(["http", "https"]);
    let (out, _, _) = converted(document);
    assert_eq!(
        out["servers"],
        json!([{"url": "https://api.example.com/v1"}, {"url": "http://api.example.com/v1"}])
    );
    let (out, _, _) = converted(json!({"swagger": "2.0", "info": {}, "basePath": "/api"}));
    assert_eq!(out["servers"], json!([{"url": "/api"}]));
    assert_eq!(out["paths"], json!({}));
}

#[test]
fn parameters_take_schemas_and_collection_formats_take_styles() {
    let (out, origins, warnings) = converted(spec(json!({"/a": {"get": {
        "parameters": [
            {"name": "ids", "in": "query", "type": "array", "items": {"type": "string"}},
            {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"},
            {"name": "words", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "ssv"},
            {"name": "X-Ids", "in": "header", "type": "array", "items": {"type": "integer"}, "collectionFormat": "pipes"},
            {"name": "q", "in": "query", "type": "string", "x-nullable": true, "allowEmptyValue": true}
        ],
        "responses": {"204": {"description": "none"}}
    }}})));
    let parameters = &out["paths"]["/a"]["get"]["parameters"];
    assert_eq!(
        parameters[0],
        json!({"name": "ids", "in": "query", "style": "form", "explode": false, "schema": {"type": "array", "items": {"type": "string"}}})
    );
    assert_eq!(
        (&parameters[1]["style"], &parameters[1]["explode"]),
        (&json!("form"), &json!(true))
    );
    assert_eq!(parameters[2]["style"], json!("spaceDelimited"));
    assert_eq!(
        (&parameters[3]["style"], &parameters[3]["explode"]),
        (&json!("simple"), &json!(false))
    );
    assert_eq!(
        parameters[4],
        json!({"name": "q", "in": "query", "allowEmptyValue": true, "schema": {"type": "string", "nullable": true}})
    );
    assert_eq!(
        warnings,
        [
            "#/paths/~1a/get/parameters/3/collectionFormat `collectionFormat: pipes` has no OpenAPI 3.0 form here; sent comma-separated"
        ]
    );
    assert_eq!(
        origins.written("#/paths/~1a/get/parameters/0/schema/items"),
        "#/paths/~1a/get/parameters/0/items"
    );
}

#[test]
fn body_and_form_parameters_are_request_bodies() {
    let mut document = spec(json!({
        "/orders": {
            "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Order"}}],
            "post": {"consumes": ["application/json", "text/json"], "responses": {"201": {"description": "made"}}}
        },
        "/upload": {"post": {
            "parameters": [
                {"name": "id", "in": "path", "required": true, "type": "string"},
                {"name": "file", "in": "formData", "type": "file", "required": true},
                {"$ref": "#/parameters/note"}
            ],
            "responses": {"204": {"description": "stored"}}
        }},
        "/login": {"post": {
            "consumes": ["application/x-www-form-urlencoded"],
            "parameters": [{"name": "user", "in": "formData", "type": "string"}],
            "responses": {"204": {"description": "in"}}
        }}
    }));
    document["parameters"] = json!({"note": {"name": "note", "in": "formData", "type": "string"}});
    document["definitions"] = json!({"Order": {"type": "object"}});
    let (out, origins, _) = converted(document);
    let orders = &out["paths"]["/orders"];
    assert!(orders.get("parameters").is_none(), "{orders}");
    let schema = json!({"schema": {"$ref": "#/components/schemas/Order"}});
    assert_eq!(
        orders["post"]["requestBody"],
        json!({"content": {"application/json": schema, "text/json": schema}, "required": true})
    );
    let upload = &out["paths"]["/upload"]["post"];
    assert_eq!(
        upload["parameters"],
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}])
    );
    assert_eq!(
        upload["requestBody"],
        json!({"required": true, "content": {"multipart/form-data": {"schema": {
            "type": "object",
            "properties": {"file": {"type": "string", "format": "binary"}, "note": {"type": "string"}},
            "required": ["file"]
        }}}})
    );
    assert_eq!(
        out["paths"]["/login"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
            ["schema"]["properties"],
        json!({"user": {"type": "string"}})
    );
    assert!(
        out["components"].get("parameters").is_none(),
        "form fields are inlined"
    );
    assert_eq!(
        origins.written(
            "#/paths/~1upload/post/requestBody/content/multipart~1form-data/schema/properties/note"
        ),
        "#/parameters/note"
    );
    assert_eq!(
        origins.written("#/paths/~1orders/post/requestBody/content/text~1json/schema"),
        "#/paths/~1orders/parameters/0/schema"
    );
}

#[test]
fn responses_take_content_per_produced_type_with_examples_and_header_schemas() {
    let mut document = spec(json!({"/a": {"get": {
        "produces": ["application/json", "application/xml"],
        "responses": {
            "200": {
                "description": "ok",
                "schema": {"type": "file"},
                "examples": {"application/json": {"id": 1}},
                "headers": {"X-Rate": {"type": "integer", "description": "calls left"}}
            },
            "404": {"$ref": "#/responses/Missing"}
        }
    }}}));
    document["responses"] = json!({"Missing": {"description": "gone"}});
    let (out, _, _) = converted(document);
    let ok = &out["paths"]["/a"]["get"]["responses"]["200"];
    assert_eq!(
        ok["content"]["application/json"],
        json!({"schema": {"type": "string", "format": "binary"}, "example": {"id": 1}})
    );
    assert_eq!(
        ok["content"]["application/xml"],
        json!({"schema": {"type": "string", "format": "binary"}})
    );
    assert_eq!(
        ok["headers"]["X-Rate"],
        json!({"description": "calls left", "schema": {"type": "integer"}})
    );
    assert_eq!(
        out["paths"]["/a"]["get"]["responses"]["404"],
        json!({"$ref": "#/components/responses/Missing"})
    );
    assert_eq!(
        out["components"]["responses"]["Missing"],
        json!({"description": "gone"})
    );
}

#[test]
fn security_definitions_are_security_schemes() {
    let mut document = spec(json!({}));
    document["securityDefinitions"] = json!({
        "basic": {"type": "basic"},
        "key": {"type": "apiKey", "name": "X-Key", "in": "header", "description": "the key"},
        "app": {"type": "oauth2", "flow": "application", "tokenUrl": "https://t", "scopes": {"a": "A"}},
        "code": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {}},
        "implicit": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a", "scopes": {}},
        "password": {"type": "oauth2", "flow": "password", "tokenUrl": "https://t", "scopes": {}}
    });
    let (out, _, _) = converted(document);
    let schemes = &out["components"]["securitySchemes"];
    assert_eq!(schemes["basic"], json!({"type": "http", "scheme": "basic"}));
    assert_eq!(
        schemes["key"],
        json!({"type": "apiKey", "name": "X-Key", "in": "header", "description": "the key"})
    );
    assert_eq!(
        schemes["app"]["flows"],
        json!({"clientCredentials": {"tokenUrl": "https://t", "scopes": {"a": "A"}}})
    );
    assert_eq!(
        schemes["code"]["flows"]["authorizationCode"]["authorizationUrl"],
        json!("https://a")
    );
    assert!(schemes["implicit"]["flows"].get("implicit").is_some());
    assert!(schemes["password"]["flows"].get("password").is_some());
}

#[test]
fn schemas_take_their_3_0_forms_all_the_way_down() {
    let mut document = spec(json!({}));
    document["definitions"] = json!({
        "Pet": {"type": "object", "discriminator": "kind", "properties": {
            "kind": {"type": "string"},
            "photo": {"type": "file"},
            "owner": {"$ref": "#/definitions/Owner", "x-nullable": true},
            "tags": {"type": "array", "items": {"type": "string", "x-nullable": true}}
        }, "example": {"$ref": "#/definitions/NotARef"}},
        "Owner": {"type": "object"}
    });
    let (out, origins, _) = converted(document);
    let pet = &out["components"]["schemas"]["Pet"];
    assert_eq!(pet["discriminator"], json!({"propertyName": "kind"}));
    assert_eq!(
        pet["properties"]["photo"],
        json!({"type": "string", "format": "binary"})
    );
    assert_eq!(
        pet["properties"]["owner"],
        json!({"allOf": [{"$ref": "#/components/schemas/Owner"}], "nullable": true})
    );
    assert_eq!(
        pet["properties"]["tags"]["items"],
        json!({"type": "string", "nullable": true})
    );
    assert_eq!(
        pet["example"],
        json!({"$ref": "#/definitions/NotARef"}),
        "examples are data"
    );
    assert_eq!(
        origins.written("#/components/schemas/Pet/properties/kind"),
        "#/definitions/Pet/properties/kind"
    );
}
