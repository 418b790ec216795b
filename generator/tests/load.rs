//! Large specs are typed on several threads: the result, and the errors,
//! must be those of typing on one.

use std::fmt::Write;

/// A spec with `n` schemas and `n` paths: enough to be typed in parallel.
fn large_spec(n: usize, broken: Option<usize>) -> String {
    let mut yaml = String::from(
        "openapi: 3.0.3\ninfo: {title: Large, version: '1'}\npaths:\n  x-note: kept\n",
    );
    for i in 0..n {
        writeln!(
            yaml,
            "  /things{i}:\n    get:\n      operationId: getThing{i}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Thing{i}'}}"
        )
        .unwrap();
    }
    yaml.push_str("components:\n  schemas:\n");
    for i in 0..n {
        let kind = if Some(i) == broken { "[1, 2]" } else { "string" };
        writeln!(
            yaml,
            "    Thing{i}:\n      type: object\n      required: [id]\n      properties:\n        id: {{type: {kind}}}"
        )
        .unwrap();
    }
    yaml
}

#[test]
fn a_large_spec_types_as_it_would_on_one_thread() {
    let text = large_spec(400, None);
    let loaded = generator::load::load_str(&text, None).expect("the spec loads");
    let document: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    let serial: openapiv3::OpenAPI = serde_json::from_value(document).unwrap();
    assert_eq!(loaded.openapi, serial);
    assert_eq!(loaded.openapi.paths.paths.len(), 400);
    assert!(loaded.openapi.paths.extensions.contains_key("x-note"));
    let order: Vec<&String> = loaded.openapi.paths.paths.keys().take(3).collect();
    assert_eq!(order, ["/things0", "/things1", "/things2"]);
}

#[test]
fn an_error_deep_in_a_large_spec_is_located() {
    let text = large_spec(400, Some(321));
    let error = generator::load::load_str(&text, None)
        .expect_err("a schema type of [1, 2] does not type")
        .to_string();
    assert!(
        error.contains("#/components/schemas/Thing321"),
        "the error names the schema: {error}"
    );
}
