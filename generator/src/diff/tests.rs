//! The constants in `diff` are facts about the emitter; these tests check
//! them against what it emits, so an emitter change that falsifies one
//! fails here (update the constant, and the rules follow).

use super::rendering::stored;
use super::*;
use crate::model::TypeKind;

const SPEC: &str = r##"
openapi: 3.0.3
info: { title: Shapes, version: "1" }
servers:
  - url: https://a.example.com
  - url: https://b.example.com
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { name: limit, in: query, schema: { type: integer } }
      responses:
        "200":
          description: ok
          content:
            application/json: { schema: { $ref: "#/components/schemas/Thing" } }
        "404":
          description: missing
components:
  schemas:
    Thing:
      type: object
      properties:
        colour: { $ref: "#/components/schemas/Colour" }
        shape: { $ref: "#/components/schemas/Shape" }
        plain: { type: string }
        maybe: { type: string, nullable: true }
        must: { type: string }
        must_maybe: { type: string, nullable: true }
      required: [must, must_maybe]
    Colour:
      type: string
      enum: [red, green]
    Shape:
      oneOf:
        - type: string
        - type: integer
"##;

fn generated() -> crate::Generated {
    let spec = crate::load::load_str(SPEC, None).expect("loads");
    crate::Generator::new("shapes")
        .generate(&spec)
        .expect("generates")
}

/// Whether the item that declares `pub enum <name>` is `#[non_exhaustive]`.
fn non_exhaustive(code: &str, name: &str) -> bool {
    let lines: Vec<&str> = code.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(&format!("pub enum {name} ")))
        .unwrap_or_else(|| panic!("no `pub enum {name}` in:\n{code}"));
    lines[..at]
        .iter()
        .rev()
        .take_while(|l| !l.is_empty() && !l.starts_with('}'))
        .any(|l| l.trim() == "#[non_exhaustive]")
}

fn code(generated: &crate::Generated, name: &str) -> String {
    generated
        .items
        .iter()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("no item {name}"))
        .code
        .clone()
}

#[test]
fn the_non_exhaustive_constants_match_the_emitted_code() {
    let generated = generated();
    assert_eq!(
        non_exhaustive(&code(&generated, "Colour"), "Colour"),
        STRING_ENUMS_NON_EXHAUSTIVE
    );
    assert_eq!(
        non_exhaustive(&code(&generated, "Shape"), "Shape"),
        ONE_OF_NON_EXHAUSTIVE
    );
    assert_eq!(
        non_exhaustive(&code(&generated, "get_thing"), "GetThingError"),
        ERROR_ENUMS_NON_EXHAUSTIVE
    );
    assert_eq!(
        non_exhaustive(&code(&generated, "client"), "Environment"),
        ENVIRONMENT_NON_EXHAUSTIVE
    );
}

#[test]
fn stored_field_types_match_the_emitted_code() {
    let generated = generated();
    let TypeKind::Struct(thing) = &generated.api.types["Thing"].kind else {
        panic!("Thing is a struct");
    };
    let code = code(&generated, "Thing");
    for field in &thing.fields {
        let line = format!("pub {}: {},", field.name, stored(field));
        assert!(code.contains(&line), "no `{line}` in:\n{code}");
    }
}

#[test]
fn optional_parameters_are_passed_as_the_rule_says() {
    let method = code(&generated(), "get_thing");
    let signature = method
        .lines()
        .skip_while(|l| !l.contains("fn get_thing"))
        .take_while(|l| !l.trim_end().ends_with('{'))
        .chain(
            method
                .lines()
                .filter(|l| l.contains("fn get_thing"))
                .take(1),
        )
        .collect::<String>();
    // The required path parameter is an argument either way; the
    // optional query parameter is one only when it is not a setter.
    assert!(signature.contains("id: &"), "{signature}");
    assert_eq!(
        signature.contains("limit"),
        !OPTIONAL_PARAMS_AS_SETTERS,
        "{signature}"
    );
    if OPTIONAL_PARAMS_AS_SETTERS {
        assert!(method.contains("pub fn limit("), "{method}");
    }
}
