//! Each kind of spec the generator refuses: the message, the JSON pointer
//! and the line and column it is shown at, as a maintainer sees it.

use std::path::Path;

use generator::load::load_str;
use generator::{Error, Generator, Problem};

/// The spec's name in rendered diagnostics.
const FILE: &str = "specs/api.yaml";

/// Loads and generates `text` as if read from [`FILE`]; the error.
fn refusal(text: &str) -> Error {
    match load_str(text, Some(Path::new(FILE))) {
        Err(error) => error,
        Ok(loaded) => match Generator::new("api").generate(&loaded) {
            Err(error) => error,
            Ok(_) => panic!("the spec generates:\n{text}"),
        },
    }
}

/// The only problem of a refusal.
fn only_problem(error: &Error) -> Problem {
    match error.problems().as_slice() {
        [one] => one.clone(),
        other => panic!("expected one problem, got {other:#?}"),
    }
}

/// Asserts that the rendered error shows `--> FILE:line:column`, the
/// offending line, and the message.
fn assert_rendered(error: &Error, line: usize, column: usize, shown: &str, message: &str) {
    let rendered = error.render();
    assert!(
        rendered.contains(&format!("--> {FILE}:{line}:{column}")),
        "not at {line}:{column}:\n{rendered}"
    );
    assert!(
        rendered.contains(&format!("{line} | {shown}")),
        "the offending line is not shown:\n{rendered}"
    );
    assert!(rendered.contains(message), "{rendered}");
}

const INFO: &str = "info: {title: T, version: '1'}\n";

#[test]
fn an_empty_file() {
    let error = refusal("  \n\n");
    let problem = only_problem(&error);
    assert_eq!(problem.pointer, "#");
    assert_eq!(problem.message, "the file is empty");
    let rendered = error.render();
    assert!(rendered.contains("error: the file is empty"), "{rendered}");
    assert!(rendered.contains(&format!("in {FILE}, at #")), "{rendered}");
}

#[test]
fn a_document_that_is_not_an_object() {
    let error = refusal("- a\n- b\n");
    let problem = only_problem(&error);
    assert_eq!(problem.pointer, "#");
    assert_eq!(problem.message, "the document is a list, not an object");
    assert_rendered(&error, 1, 1, "- a", "not an object");
}

#[test]
fn a_swagger_version_other_than_2_0_is_refused() {
    let error = refusal(&format!("swagger: '1.2'\n{INFO}paths: {{}}\n"));
    let problem = only_problem(&error);
    assert_eq!(problem.pointer, "#/swagger");
    assert_eq!(
        problem.message,
        "Swagger 1.2 is not a version this generator reads"
    );
    let help = problem.help.unwrap_or_default();
    assert!(help.contains("Swagger 2.0"), "{help}");
    assert_rendered(&error, 1, 10, "swagger: '1.2'", "Swagger 1.2");
}

#[test]
fn an_openapi_version_this_generator_does_not_read_is_refused() {
    let error = refusal(&format!("openapi: 4.0.0\n{INFO}paths: {{}}\n"));
    let problem = only_problem(&error);
    assert_eq!(problem.pointer, "#/openapi");
    assert_eq!(
        problem.message,
        "OpenAPI 4.0.0 is not a version this generator reads"
    );
    assert_rendered(&error, 1, 10, "openapi: 4.0.0", "4.0.0 is not a version");
}

#[test]
fn openapi_3_1_and_3_2_are_read() {
    for version in ["3.1.0", "3.1.1", "3.2.0"] {
        let text = format!("openapi: {version}\n{INFO}paths: {{}}\n");
        generator::load::load_str(&text, None).unwrap_or_else(|error| panic!("{version}: {error}"));
    }
}

#[test]
fn a_syntax_error_is_shown_at_its_line_and_column() {
    let error = refusal("openapi: 3.0.3\ninfo: {title: T\n  version: '1'\npaths: {}\n");
    let problem = only_problem(&error);
    assert!(
        problem.message.starts_with("not valid YAML or JSON"),
        "{problem}"
    );
    let position = problem.position.expect("a syntax error has a position");
    assert_eq!(position.line, 3, "{problem}");
    assert!(
        error.render().contains("3 |   version: '1'"),
        "{}",
        error.render()
    );
}

#[test]
fn a_dangling_ref_suggests_the_schema_meant() {
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths:\n  /orders:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Oder'\ncomponents:\n  schemas:\n    Order: {{type: object}}\n"
    );
    let error = refusal(&spec);
    let problem = only_problem(&error);
    assert_eq!(
        problem.pointer,
        "#/paths/~1orders/get/responses/200/content/application~1json/schema/$ref"
    );
    assert_eq!(
        problem.message,
        "dangling `$ref`: nothing at `#/components/schemas/Oder`"
    );
    assert_eq!(
        problem.help.as_deref(),
        Some("did you mean `#/components/schemas/Order`?")
    );
    assert_rendered(
        &error,
        12,
        23,
        "                $ref: '#/components/schemas/Oder'",
        "dangling `$ref`",
    );
}

#[test]
fn a_ref_into_another_file_says_to_bundle() {
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths: {{}}\ncomponents:\n  schemas:\n    Order:\n      $ref: 'common.yaml#/Order'\n"
    );
    let error = refusal(&spec);
    let problem = only_problem(&error);
    assert_eq!(problem.pointer, "#/components/schemas/Order/$ref");
    assert!(problem.message.contains("another document"), "{problem}");
    assert!(
        problem.help.unwrap_or_default().contains("bundle"),
        "says how to fix it"
    );
    assert_rendered(
        &error,
        7,
        13,
        "      $ref: 'common.yaml#/Order'",
        "another document",
    );
}

#[test]
fn a_ref_cycle_with_no_schema_is_reported_once() {
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths: {{}}\ncomponents:\n  schemas:\n    B: {{$ref: '#/components/schemas/A'}}\n    A:\n      allOf:\n        - $ref: '#/components/schemas/B'\n"
    );
    let error = refusal(&spec);
    let problem = only_problem(&error);
    assert_eq!(problem.pointer, "#/components/schemas/A");
    assert_eq!(
        problem.message,
        "a cycle of `$ref`s with no schema in it: #/components/schemas/A → #/components/schemas/A/allOf/0 → #/components/schemas/B → #/components/schemas/A"
    );
    assert_rendered(&error, 7, 5, "    A:", "a cycle of `$ref`s");
}

#[test]
fn a_self_reference_is_a_cycle() {
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: '#/components/schemas/A'}}\n"
    );
    let problem = only_problem(&refusal(&spec));
    assert_eq!(problem.pointer, "#/components/schemas/A");
    assert!(
        problem.message.starts_with("a cycle of `$ref`s"),
        "{problem}"
    );
}

#[test]
fn a_recursive_schema_is_not_a_cycle() {
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths: {{}}\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n        next: {{$ref: '#/components/schemas/Node'}}\n"
    );
    let loaded = load_str(&spec, None).expect("loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
}

#[test]
fn an_undeclared_path_parameter() {
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths:\n  /orders/{{order_id}}:\n    get:\n      responses:\n        '200': {{description: ok}}\n"
    );
    let error = refusal(&spec);
    let problem = only_problem(&error);
    assert_eq!(problem.pointer, "#/paths/~1orders~1{order_id}/get");
    assert_eq!(
        problem.message,
        "the path parameter `{order_id}` of `get /orders/{order_id}` is not declared"
    );
    assert!(
        problem
            .help
            .unwrap_or_default()
            .contains("name: order_id, in: path, required: true"),
        "says what to add"
    );
    assert_rendered(&error, 5, 5, "    get:", "is not declared");
    // The way out for a spec one cannot fix right away.
    assert!(
        error.render().contains("use `--lenient`"),
        "{}",
        error.render()
    );
}

#[test]
fn a_path_parameter_declared_on_the_path_item_counts() {
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths:\n  /orders/{{order_id}}:\n    parameters:\n      - {{name: order_id, in: path, required: true, schema: {{type: string}}}}\n    get:\n      responses:\n        '200': {{description: ok}}\n"
    );
    let loaded = load_str(&spec, None).expect("loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
}

#[test]
fn a_malformed_path_template() {
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths:\n  /orders/{{order_id:\n    get:\n      responses:\n        '200': {{description: ok}}\n"
    );
    let error = refusal(&spec);
    let problem = only_problem(&error);
    assert_eq!(problem.pointer, "#/paths/~1orders~1{order_id");
    assert_eq!(
        problem.message,
        "the path template `/orders/{order_id` has a `{` that is never closed"
    );
    assert_rendered(&error, 4, 3, "  /orders/{order_id:", "never closed");
}

#[test]
fn absurd_nesting_is_refused_without_overflowing_the_stack() {
    // Run where a stack overflow would show: a thread with a small stack.
    let depth = 10_000;
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths: {{}}\nx-deep: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let error = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || refusal(&spec))
        .expect("spawns")
        .join()
        .expect("no panic, no overflow");
    let problem = only_problem(&error);
    assert_eq!(problem.message, "the document nests deeper than 128 levels");
    assert_eq!(problem.position.map(|p| p.line), Some(4));
    let rendered = error.render();
    // The line is far too long to show whole: a window of it, and where it is.
    assert!(rendered.contains(&format!("at {FILE}:4:")), "{rendered}");
    assert!(rendered.lines().all(|line| line.len() < 300), "{rendered}");
}

#[test]
fn a_yaml_alias_bomb_is_refused() {
    let mut spec = format!(
        "openapi: 3.0.3\n{INFO}paths: {{}}\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    );
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 9].join(", ");
        spec.push_str(&format!("x-a{level}: &a{level} [{items}]\n"));
    }
    let problem = only_problem(&refusal(&spec));
    assert_eq!(
        problem.message,
        "the document expands YAML aliases into too many nodes"
    );
}

#[test]
fn a_node_of_the_wrong_type_is_located_inside_its_operation() {
    let spec = format!("openapi: 3.0.3\n{INFO}paths:\n  /a:\n    get:\n      responses: 5\n");
    let error = refusal(&spec);
    let problem = only_problem(&error);
    assert_eq!(problem.pointer, "#/paths/~1a/get/responses");
    assert!(problem.message.contains("status codes"), "{problem}");
    assert_rendered(&error, 6, 18, "      responses: 5", "status codes");
    // Leniency cannot type a document, so it is not offered.
    assert!(!error.render().contains("--lenient"), "{}", error.render());
}

#[test]
fn every_problem_is_reported_in_one_run_in_file_order() {
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths:\n  /a/{{id}}:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Missing'}}\n  /b:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{type: object, required: 5}}\n      responses: {{'200': {{description: ok}}}}\ncomponents:\n  schemas:\n    A: {{$ref: '#/components/schemas/A'}}\n"
    );
    let error = refusal(&spec);
    let pointers: Vec<String> = error.problems().into_iter().map(|p| p.pointer).collect();
    for expected in [
        "#/paths/~1a~1{id}/get",
        "#/paths/~1a~1{id}/get/responses/200/content/application~1json/schema/$ref",
        "#/paths/~1b/post/requestBody/content/application~1json/schema/required",
        "#/components/schemas/A",
    ] {
        assert!(
            pointers.iter().any(|p| p == expected),
            "{expected} missing from {pointers:#?}"
        );
    }
    let rendered = error.render();
    let lines: Vec<usize> = rendered
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix(&format!("--> {FILE}:")))
        .filter_map(|rest| rest.split(':').next()?.parse().ok())
        .collect();
    assert_eq!(lines.len(), 4, "{rendered}");
    assert!(lines.is_sorted(), "in file order: {lines:?}\n{rendered}");
    assert!(
        rendered.ends_with(
            "error: specs/api.yaml is not a spec a client can be generated from: 4 problems\n"
        ),
        "{rendered}"
    );
}

#[test]
fn lenient_generation_turns_problems_into_warnings() {
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths:\n  /orders/{{order_id}}:\n    get:\n      responses:\n        '200': {{description: ok}}\n"
    );
    let loaded = load_str(&spec, None).expect("loads");
    let generated = Generator::new("api")
        .lenient(true)
        .generate(&loaded)
        .expect("generates when lenient");
    assert!(
        generated
            .warnings()
            .iter()
            .any(|w| w.message.contains("`{order_id}`") && w.message.contains("lenient")),
        "{:#?}",
        generated.warnings()
    );
}

#[test]
fn denied_warnings_are_shown_as_errors_with_their_lines() {
    // A property named like a Rust keyword is renamed, with a warning.
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths: {{}}\ncomponents:\n  schemas:\n    Error:\n      type: object\n"
    );
    let loaded = load_str(&spec, Some(Path::new(FILE))).expect("loads");
    let warned = Generator::new("api").generate(&loaded).expect("generates");
    assert!(!warned.warnings().is_empty(), "the spec has a warning");
    let rendered_warnings = warned.render_warnings();
    assert!(
        rendered_warnings.starts_with("warning: "),
        "{rendered_warnings}"
    );
    assert!(
        rendered_warnings.contains(&format!("--> {FILE}:6:5")),
        "{rendered_warnings}"
    );

    let error = Generator::new("api")
        .deny_warnings(true)
        .generate(&loaded)
        .expect_err("warnings are denied");
    assert!(matches!(error, Error::DeniedWarnings(_)), "{error:?}");
    let rendered = error.render();
    assert!(rendered.starts_with("error: "), "{rendered}");
    assert!(rendered.contains("6 |     Error:"), "{rendered}");
    assert!(
        rendered.contains("warning in specs/api.yaml denied"),
        "{rendered}"
    );
}

#[test]
fn a_mistyped_schema_key_deep_in_nesting_is_located_at_once() {
    // Typed by openapiv3, this takes time doubling with each level; it is
    // found before typing instead.
    let depth = 60;
    let nested = format!(
        "{}{{type: string, minLength: -1}}{}",
        "{type: array, items: ".repeat(depth),
        "}".repeat(depth)
    );
    let spec = format!(
        "openapi: 3.0.3\n{INFO}paths: {{}}\ncomponents:\n  schemas:\n    Deep: {nested}\n    Other:\n      type: object\n      required: yes\n"
    );
    let started = std::time::Instant::now();
    let error = refusal(&spec);
    assert!(
        started.elapsed().as_secs() < 5,
        "took {:?}",
        started.elapsed()
    );
    let pointers: Vec<String> = error.problems().into_iter().map(|p| p.pointer).collect();
    let deep = format!(
        "#/components/schemas/Deep{}/minLength",
        "/items".repeat(depth)
    );
    assert_eq!(
        pointers,
        [deep, "#/components/schemas/Other/required".to_owned()]
    );
    let messages: Vec<String> = error.problems().into_iter().map(|p| p.message).collect();
    assert_eq!(
        messages,
        [
            "`minLength` must be a whole number, 0 or more, not `-1`",
            "`required` must be a list of property names, not `\"yes\"`"
        ]
    );
}

#[test]
fn a_spec_nested_as_deep_as_allowed_loads_on_a_small_stack() {
    // 120 levels of array items: within the parsers' limit. Typing runs on
    // its own deep stack, so the caller's can be small (a Tokio worker's
    // is 2 MiB), even in a debug build.
    let depth = 120;
    let nested = format!(
        "{}{{type: string}}{}",
        "{type: array, items: ".repeat(depth),
        "}".repeat(depth)
    );
    let spec =
        format!("openapi: 3.0.3\n{INFO}paths: {{}}\ncomponents:\n  schemas:\n    Deep: {nested}\n");
    let loaded = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || load_str(&spec, None).map(|loaded| loaded.openapi.components.is_some()))
        .expect("spawns")
        .join()
        .expect("no overflow");
    assert!(matches!(loaded, Ok(true)), "{loaded:?}");
}
