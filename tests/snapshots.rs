//! Snapshots of the code generated for every spec under `specs/`, one file
//! per type and per operation (`tests/snapshots/<spec>/<kind>__<name>.snap`),
//! so a spec change shows as a small diff. Review changes with
//! `cargo insta review`. (`build.rs` compiles the same code, so every
//! snapshot is also known to build.)
//!
//! Three checks keep the snapshots honest: every generated item matches its
//! reviewed snapshot; no snapshot file is left over from an item that is no
//! longer generated; and adding a schema changes no other item's snapshot.
//!
//! A selection of a spec (`SELECTIONS`) is snapshotted beside it: a list of
//! the items it keeps (`selection.snap`), and a snapshot of each item that
//! is not byte for byte the whole spec's (the crate root, whose setters and
//! docs follow the selection).

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// What to do when the generated code and the snapshots disagree.
const REVIEW: &str = "\
If the spec change is intended, review each change and accept only what you meant:

    cargo insta review

(install once with `cargo install cargo-insta --locked`). `cargo test` has
written the new versions next to the old ones as `.snap.new` files; where
`CI` is set it writes none, so run `cargo test --test snapshots` (or
`cargo insta test --test snapshots --review`) locally first. Commit the spec
and the accepted snapshots together.";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn specs() -> Vec<PathBuf> {
    let dir = root().join("specs");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("specs/ exists")
        .map(|entry| entry.expect("readable").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            )
        })
        .collect();
    specs.sort();
    assert!(!specs.is_empty(), "no specs under {}", dir.display());
    // Real specs kept beside the checkout, not in it (see build.rs).
    specs.push(root().join("../shared/specs/cashfree-pg.yaml"));
    specs
}

fn generate(spec: &Path) -> generator::Generated {
    let module = generator::module_name(spec);
    generate_as(spec, &module, generator::Selection::new(), "sdk_tests::")
}

/// As `build.rs` generates it, so that the snapshots are the compiled code:
/// with the signature scheme its `WEBHOOK_SIGNATURES` gives.
fn generate_as(
    spec: &Path,
    module: &str,
    selection: generator::Selection,
    path_prefix: &str,
) -> generator::Generated {
    let loaded = generator::load::load_file(spec).expect("spec loads");
    let mut generator = generator::Generator::new(module);
    generator.doc_path(format!("{path_prefix}{module}"));
    if spec.ends_with("cashfree-pg.yaml") {
        generator.webhook_signature(generator::model::WebhookSignature::Cashfree);
    }
    generator.select(selection);
    generator.generate(&loaded).expect("spec generates")
}

#[path = "support/selections.rs"]
mod selections;

/// A selection's snapshots: `selection` (its items, each marked `=` when it
/// is the whole spec's byte for byte) and each item that is not.
fn selection_snapshots(
    module: &str,
    spec: &Path,
    selection: generator::Selection,
) -> Vec<(String, String)> {
    // Doc examples name the module: the whole spec's items are compared
    // as they would be under the selection's name.
    let whole = generate_as(
        spec,
        module,
        generator::Selection::new(),
        "sdk_tests::selections::",
    );
    let selected = generate_as(spec, module, selection, "sdk_tests::selections::");
    let mut listing = Vec::new();
    let mut snapshots = Vec::new();
    for item in &selected.items {
        let name = snapshot_name(item);
        let same = whole
            .items
            .iter()
            .find(|whole_item| snapshot_name(whole_item) == name);
        match same {
            Some(whole_item) if whole_item.code == item.code => listing.push(format!("= {name}")),
            Some(_) => {
                listing.push(format!("~ {name}"));
                snapshots.push((name, item.code.clone()));
            }
            None => panic!("{module}: {name} is in the selection but not in the whole spec"),
        }
    }
    let warnings: Vec<String> = selected
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect();
    snapshots.push(("selection".to_owned(), listing.join("\n")));
    snapshots.push(("warnings".to_owned(), warnings.join("\n")));
    snapshots
}

/// The snapshot name of an item: `<kind>__<name>`.
fn snapshot_name(item: &generator::GeneratedItem) -> String {
    let kind = match item.kind {
        generator::ItemKind::Client => "client",
        generator::ItemKind::Type => "type",
        generator::ItemKind::Operation => "operation",
        generator::ItemKind::Group => "group",
        generator::ItemKind::Webhooks => "webhooks",
    };
    format!("{kind}__{}", item.name)
}

/// Every spec's snapshots (name -> contents), and every selection's, by
/// snapshot directory.
fn all_snapshots() -> Vec<(String, Vec<(String, String)>)> {
    let mut all = Vec::new();
    for spec in specs() {
        let module = generator::module_name(&spec);
        let generated = generate(&spec);
        let warnings: Vec<String> = generated
            .warnings()
            .iter()
            .map(ToString::to_string)
            .collect();
        let mut snapshots: Vec<(String, String)> = generated
            .items
            .iter()
            .map(|item| (snapshot_name(item), item.code.clone()))
            .collect();
        snapshots.push(("warnings".to_owned(), warnings.join("\n")));
        all.push((module, snapshots));
    }
    for (module, spec, selection) in selections::selections() {
        all.push((
            format!("selections/{module}"),
            selection_snapshots(module, &root().join(spec), selection),
        ));
    }
    all
}

#[test]
fn generated_code_matches_the_reviewed_snapshots() {
    let mut differ = Vec::new();
    for (module, snapshots) in all_snapshots() {
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(Path::new("snapshots").join(&module));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| {
            // Check every item (insta prints each diff) before failing, so
            // that one run lists, and writes for review, all of them.
            for (name, code) in &snapshots {
                let checked = catch_unwind(AssertUnwindSafe(|| {
                    insta::assert_snapshot!(name.as_str(), code);
                }));
                if checked.is_err() {
                    differ.push(format!("tests/snapshots/{module}/{name}.snap"));
                }
            }
        });
    }
    assert!(
        differ.is_empty(),
        "the generated code differs from {} reviewed snapshot(s):\n  {}\n\n{REVIEW}",
        differ.len(),
        differ.join("\n  ")
    );
}

/// Every `.snap` file under `dir`, recursively.
fn snapshot_files(dir: &Path, found: &mut BTreeSet<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("readable").path();
        if path.is_dir() {
            snapshot_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "snap") {
            found.insert(path);
        }
    }
}

#[test]
fn no_snapshot_is_left_over_from_an_item_no_longer_generated() {
    let dir = root().join("tests/snapshots");
    let mut expected = BTreeSet::new();
    for (module, snapshots) in all_snapshots() {
        for (name, _) in snapshots {
            expected.insert(dir.join(&module).join(format!("{name}.snap")));
        }
    }
    let mut on_disk = BTreeSet::new();
    snapshot_files(&dir, &mut on_disk);
    let orphans: Vec<String> = on_disk
        .difference(&expected)
        .map(|path| {
            path.strip_prefix(root())
                .unwrap_or(path)
                .display()
                .to_string()
        })
        .collect();
    if orphans.is_empty() {
        return;
    }
    // `cargo insta test --unreferenced=...` deletes (or rejects) them itself
    // once the tests pass, so it must be able to get that far.
    if std::env::var_os("INSTA_SNAPSHOT_REFERENCES_FILE").is_some() {
        eprintln!(
            "note: cargo-insta will handle {} unreferenced snapshot(s): {}",
            orphans.len(),
            orphans.join(", ")
        );
        return;
    }
    panic!(
        "{} snapshot file(s) belong to no generated item (a schema or operation was removed or renamed, or a spec removed):\n  {}\n\n\
         Delete them (plain `rm` for files never committed):\n\n    git rm {}\n\n\
         or let insta do it: `cargo insta test --test snapshots --unreferenced=delete`.",
        orphans.len(),
        orphans.join("\n  "),
        orphans.join(" ")
    );
}

#[test]
fn adding_an_unrelated_schema_changes_no_other_snapshot() {
    const EXTRA: &str = "    UnrelatedGadget:
      type: object
      description: A schema nothing else refers to.
      required:
        - gadget_id
      properties:
        gadget_id:
          type: string
        status:
          type: string
          enum: [on, off]
";
    let spec = root().join("specs/flowwise.yaml");
    let text = std::fs::read_to_string(&spec).expect("readable");
    let marker = "\n  schemas:\n";
    assert_eq!(
        text.matches(marker).count(),
        1,
        "{} has one `components.schemas`",
        spec.display()
    );
    let with_extra = text.replacen(marker, &format!("{marker}{EXTRA}"), 1);
    let generate_text = |text: &str| {
        let loaded = generator::load::load_str(text, Some(&spec)).expect("spec loads");
        generator::Generator::new("flowwise")
            .generate(&loaded)
            .expect("spec generates")
    };
    let (before, after) = (generate_text(&text), generate_text(&with_extra));
    for item in &before.items {
        let name = snapshot_name(item);
        let same = after
            .items
            .iter()
            .find(|i| snapshot_name(i) == name)
            .unwrap_or_else(|| panic!("{name} is gone after adding an unrelated schema"));
        assert_eq!(
            same.code, item.code,
            "{name} changed when an unrelated schema was added"
        );
    }
    let added: Vec<String> = after
        .items
        .iter()
        .map(snapshot_name)
        .filter(|name| !before.items.iter().any(|i| &snapshot_name(i) == name))
        .collect();
    assert_eq!(
        added,
        ["type__UnrelatedGadget", "type__UnrelatedGadgetStatus"],
        "only the new schema (and its inline enum) is new"
    );
}

#[test]
fn generation_is_deterministic() {
    for spec in specs() {
        let run = || generate(&spec).files;
        assert_eq!(
            run(),
            run(),
            "{} generates differently twice",
            spec.display()
        );
    }
}
