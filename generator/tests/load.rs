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
        let kind = if Some(i) == broken {
            "[1, 2]"
        } else {
            "string"
        };
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

#[test]
fn a_mistyped_annotation_is_dropped_with_a_warning_not_the_whole_spec() {
    let text = r#"
openapi: 3.0.3
info: {title: Odd, version: '1'}
paths: {}
components:
  schemas:
    Pick:
      type: object
      example: {title: 5}
      properties:
        timecode: {type: string, pattern: 0}
        description: {type: string, default: "x"}
        title: {type: integer, enum: [1, 2]}
"#;
    let loaded =
        generator::load::load_str(text, None).expect("one odd annotation does not refuse the spec");
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("#/components/schemas/Pick/properties/timecode/pattern"),
        "{warnings:?}"
    );
    let api = generator::Generator::new("odd")
        .lower(&loaded)
        .expect("lowers");
    let pick = &api.types["Pick"];
    let generator::model::TypeKind::Struct(object) = &pick.kind else {
        panic!("Pick is a struct: {pick:?}");
    };
    let names: Vec<&str> = object.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(
        names,
        ["timecode", "description", "title"],
        "properties named like annotations stay"
    );
}

#[test]
fn a_mistyped_field_that_is_not_an_annotation_still_refuses_with_its_place() {
    let text = "openapi: 3.0.3\ninfo: {title: Odd, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pick:\n      type: object\n      required: 7\n";
    let error = generator::load::load_str(text, None)
        .expect_err("required must be a list")
        .to_string();
    assert!(error.contains("#/components/schemas/Pick"), "{error}");
}

#[test]
fn a_mistyped_annotation_under_a_response_named_default_is_dropped_too() {
    // `default` is data in a schema but a name in `responses`: the walk
    // that drops mistyped annotations knows the difference.
    let text = r#"
openapi: 3.0.3
info: {title: Odd, version: '1'}
paths:
  /a:
    get:
      responses:
        default:
          description: any error
          headers:
            X-Rate:
              description: 7
              schema: {type: integer}
"#;
    let loaded = generator::load::load_str(text, None)
        .expect("one odd annotation under `default` does not refuse the spec");
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("#/paths/~1a/get/responses/default/headers/X-Rate/description")),
        "{warnings:?}"
    );
}
