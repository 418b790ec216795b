//! Types only: the types of a spec (or of a selection) without the client,
//! with the part of the runtime they use and only its data dependencies.

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::{Generator, ItemKind, Selection, Settings};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cashfree() -> PathBuf {
    repository().join("../shared/specs/cashfree-pg.yaml")
}

fn generate(settings: Settings) -> generator::Generated {
    let loaded = generator::load::load_file(&cashfree()).expect("spec loads");
    Generator::new("api")
        .settings(settings)
        .generate(&loaded)
        .expect("generates")
}

#[test]
fn the_types_are_the_clients_byte_for_byte_and_nothing_else_is_there() {
    let whole = generate(Settings::default());
    let types = generate(Settings {
        types_only: true,
        ..Settings::default()
    });
    let whole_types: Vec<_> = whole
        .items
        .iter()
        .filter(|item| item.kind == ItemKind::Type)
        .map(|item| (&item.name, &item.code))
        .collect();
    let only: Vec<_> = types
        .items
        .iter()
        .map(|item| {
            assert_eq!(item.kind, ItemKind::Type, "{}", item.name);
            (&item.name, &item.code)
        })
        .collect();
    assert_eq!(only, whole_types);
    assert!(types.api.operations.is_empty());
    assert!(types.api.webhooks.is_empty());
    assert!(types.api.security_schemes.is_empty());
    let names: Vec<&str> = types.files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "api.rs",
            "api_docs.md",
            "api_types.rs",
            "runtime_fields.rs",
            "runtime_values.rs",
            "runtime_variants.rs"
        ]
    );
    for (name, text) in &types.files {
        for http in ["reqwest", "Client", "tokio", "IntoFuture"] {
            assert!(
                !text.contains(http) || name == "api_types.rs" && !text.contains("reqwest"),
                "{name} mentions {http}"
            );
        }
    }
    let docs = &types.files["api_docs.md"];
    assert!(docs.contains("no client"), "{docs}");
}

#[test]
fn with_a_selection_only_the_types_it_reaches() {
    let orders = generate(Settings {
        types_only: true,
        selection: Selection::new().tag("Orders"),
        ..Settings::default()
    });
    let all = generate(Settings {
        types_only: true,
        ..Settings::default()
    });
    assert!(orders.api.types.contains_key("OrderEntity"));
    assert!(!orders.api.types.contains_key("CreateLinkRequest"));
    assert!(orders.api.types.len() < all.api.types.len() / 3);
    assert!(orders.files["api_docs.md"].contains("tag `Orders`"));
}

#[test]
fn the_cli_writes_a_crate_with_the_data_dependencies_only() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-types-only");
    let _ = std::fs::remove_dir_all(&out);
    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["generate", "--types-only", "--spec"])
        .arg(cashfree())
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "cashfree-types"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("0 operations"), "{stderr}");
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("written");
    let dependencies: Vec<&str> = manifest
        .lines()
        .skip_while(|line| *line != "[dependencies]")
        .skip(1)
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split(" = ").next())
        .collect();
    assert_eq!(
        dependencies,
        ["chrono", "rust_decimal", "serde", "serde_json"],
        "{manifest}"
    );
    assert!(!manifest.contains("test-util"), "{manifest}");
    assert!(!out.join("src/api_operations.rs").exists());
    assert!(!out.join("src/runtime_client.rs").exists());
}
