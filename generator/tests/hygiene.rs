//! Generated code must not be able to panic on what a server sends, and
//! must compile with `#![forbid(unsafe_code)]`. Clippy enforces the first
//! (the generated modules carry `clippy::unwrap_used`, `indexing_slicing`,
//! ... and CI runs clippy with warnings denied over every client of the
//! test set, which also includes them under `forbid(unsafe_code)`); this
//! test keeps those lint attributes in place and scans the text for what no
//! lint would name.

use std::path::{Path, PathBuf};

fn specs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut specs = vec![root.join("../shared/specs/cashfree-pg.yaml")];
    for dir in ["specs", "tests/fixtures"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("readable") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "yaml") {
                specs.push(path);
            }
        }
    }
    specs.sort();
    specs
}

#[test]
fn generated_code_has_no_panicking_calls_and_no_unsafe() {
    for spec in specs() {
        let loaded = generator::load::load_file(&spec).expect("loads");
        let generated = generator::Generator::new("api")
            .generate(&loaded)
            .expect("generates");
        let root = &generated.files["api.rs"];
        for lint in [
            "clippy::unwrap_used",
            "clippy::expect_used",
            "clippy::panic",
            "clippy::indexing_slicing",
            "clippy::unreachable",
        ] {
            assert!(
                root.matches(lint).count() >= 2,
                "{}: the generated modules must warn on {lint}",
                spec.display()
            );
        }
        for (file, code) in &generated.files {
            // The `test-util` mocks run only in a consumer's tests, on the
            // test's own input: a stub given a header that cannot be one
            // panics there, as an `assert!` would (documented).
            let test_only = file == "runtime_mock.rs";
            for forbidden in [
                "unsafe ",
                ".unwrap()",
                ".expect(",
                "panic!(",
                "unreachable!(",
                "todo!(",
                "unimplemented!(",
            ] {
                if test_only && forbidden == "panic!(" {
                    continue;
                }
                assert!(
                    !code.contains(forbidden),
                    "{} generates `{forbidden}` in {file}",
                    spec.display()
                );
            }
        }
    }
}
