//! Cargo features per tag group in standalone crates: which feature
//! compiles which operation, group and type, and the manifest that
//! declares them. (That every feature compiles alone, warning-free, is
//! `scripts/check-features`, run by CI on Cashfree.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use generator::model::{Api, FULL_FEATURE, Features};
use generator::{Generator, ItemKind, Settings};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cashfree() -> PathBuf {
    repository().join("../shared/specs/cashfree-pg.yaml")
}

fn lower(spec: &Path, tag_features: bool) -> Api {
    let loaded = generator::load::load_file(spec).expect("spec loads");
    Generator::new("api")
        .tag_features(tag_features)
        .lower(&loaded)
        .expect("lowers")
}

fn features(api: &Api) -> &Features {
    api.features.as_ref().expect("the spec has tags")
}

#[test]
fn each_operation_is_compiled_by_the_features_of_its_tags() {
    let api = lower(&cashfree(), true);
    let features = features(&api);
    let names: Vec<&str> = features.features.iter().map(|f| f.name.as_str()).collect();
    for expected in ["orders", "payment-links", "payments", "refunds", "webhooks"] {
        assert!(names.contains(&expected), "{names:?}");
    }
    assert!(!names.contains(&FULL_FEATURE) && !names.contains(&"default"));
    for group in &api.tag_groups {
        let feature = &features.of_group(&group.type_name)[0];
        for member in &group.members {
            assert!(
                features
                    .of_operation(member.operation.as_str())
                    .contains(feature),
                "{} in {}",
                member.operation,
                group.tag
            );
        }
    }
    assert_eq!(features.of_operation("pg_create_order"), ["orders"]);
    assert_eq!(features.webhooks.as_deref(), Some("webhooks"));
}

#[test]
fn each_type_is_compiled_by_exactly_the_features_that_reach_it() {
    let api = lower(&cashfree(), true);
    let features = features(&api);
    // Recomputed here from the operations' own type references.
    let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for feature in &features.features {
        let reached = if Some(&feature.name) == features.webhooks.as_ref() {
            api.types_reached_from([], &api.webhooks)
        } else {
            let ops = api.operations.iter().filter(|op| {
                features
                    .of_operation(op.name.as_str())
                    .contains(&feature.name)
            });
            api.types_reached_from(ops, [])
        };
        for name in reached {
            expected
                .entry(name)
                .or_default()
                .insert(feature.name.clone());
        }
    }
    for name in api.types.keys() {
        let of_type: BTreeSet<String> = features.of_type(name).iter().cloned().collect();
        let wanted = expected
            .remove(name)
            .unwrap_or_else(|| BTreeSet::from([FULL_FEATURE.to_owned()]));
        assert_eq!(of_type, wanted, "{name}");
    }
    // Orders alone compile a fraction of the types.
    let orders = api
        .types
        .keys()
        .filter(|name| features.of_type(name).iter().any(|f| f == "orders"))
        .count();
    assert!(orders > 10 && orders < api.types.len() / 3, "{orders}");
}

#[test]
fn the_generated_items_carry_their_cfg() {
    let loaded = generator::load::load_file(&cashfree()).expect("spec loads");
    let generated = Generator::new("api")
        .settings(Settings {
            tag_features: true,
            ..Settings::default()
        })
        .generate(&loaded)
        .expect("generates");
    let item = |kind: ItemKind, name: &str| {
        generated
            .items
            .iter()
            .find(|item| item.kind == kind && item.name == name)
            .unwrap_or_else(|| panic!("{name}"))
            .code
            .clone()
    };
    let create = item(ItemKind::Operation, "pg_create_order");
    assert!(
        create.starts_with("#[cfg(feature = \"orders\")]"),
        "{create}"
    );
    // Every item of the operation, its mocks too (which keep their own).
    assert!(
        create.contains("#[cfg(feature = \"orders\")]\n#[cfg(feature = \"test-util\")]\nimpl runtime::mock::Mock"),
        "{create}"
    );
    let order = item(ItemKind::Type, "OrderEntity");
    assert!(order.starts_with("#[cfg("), "{order}");
    assert!(order.contains("feature = \"orders\""), "{order}");
    let root = &generated.files["api.rs"];
    assert!(
        root.contains("raw body.\n#[cfg(feature = \"webhooks\")]\n"),
        "{root}"
    );
    // Without the setting, nothing is gated.
    let plain = Generator::new("api").generate(&loaded).expect("generates");
    assert!(
        plain
            .items
            .iter()
            .all(|item| !item.code.contains("feature = \"orders\""))
    );
}

#[test]
fn a_parent_tag_turns_on_the_tags_nested_under_it() {
    let api = lower(
        &repository().join("tests/fixtures/openapi32_features.yaml"),
        true,
    );
    let features = features(&api);
    let enables: BTreeMap<&str, &[String]> = features
        .features
        .iter()
        .map(|f| (f.name.as_str(), f.enables.as_slice()))
        .collect();
    assert_eq!(enables["catalog"], ["events"]);
    assert_eq!(enables["events"], ["search"]);
}

#[test]
fn a_spec_without_tags_has_no_features() {
    let api = lower(&repository().join("specs/razorpay.yaml"), true);
    assert!(api.features.is_none());
}

fn generate_crate(name: &str, extra: &[&str]) -> String {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&out);
    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["generate", "--spec"])
        .arg(cashfree())
        .arg("--out")
        .arg(&out)
        .args(extra)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(out.join("Cargo.toml")).expect("written")
}

#[test]
fn generate_declares_the_features_and_full_is_the_default() {
    let manifest = generate_crate("cli-features", &[]);
    let features: Vec<&str> = manifest
        .lines()
        .skip_while(|line| *line != "[features]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .collect();
    assert_eq!(features[0], "default = [\"full\"]", "{manifest}");
    let full = features[1];
    assert!(full.starts_with("full = [\"customers\", "), "{full}");
    assert!(
        full.contains("\"orders\"") && full.ends_with("\"webhooks\"]"),
        "{full}"
    );
    assert!(features.contains(&"orders = []"), "{manifest}");
    assert!(features.contains(&"payment-links = []"), "{manifest}");
    assert!(features.contains(&"test-util = []"), "{manifest}");
    assert!(manifest.contains("# The `Payment Links` operations.\npayment-links = []"));
    // Every feature `full` names is declared.
    let declared: BTreeSet<&str> = features
        .iter()
        .filter_map(|line| line.split(" = ").next())
        .collect();
    let named = full["full = [".len()..full.len() - 1].split(", ");
    for name in named {
        assert!(declared.contains(name.trim_matches('"')), "{name}");
    }

    let plain = generate_crate("cli-no-features", &["--no-tag-features"]);
    assert!(!plain.contains("full"), "{plain}");
    assert!(plain.contains("test-util = []"), "{plain}");
}
