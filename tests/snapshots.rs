//! Snapshots of the code generated for every spec under `specs/`, one file
//! per type and per operation, so a spec change shows as a small diff.
//! Review changes with `cargo insta review`. (`build.rs` compiles the same
//! code, so every snapshot is also known to build.)

use std::path::{Path, PathBuf};

fn specs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
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
    specs
}

#[test]
fn generated_code_matches_the_reviewed_snapshots() {
    for spec in specs() {
        let module = generator::module_name(&spec);
        let loaded = generator::load::load_file(&spec).expect("spec loads");
        let generated = generator::Generator::new(&module)
            .generate(&loaded)
            .expect("spec generates");
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(Path::new("snapshots").join(&module));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| {
            for item in &generated.items {
                let kind = match item.kind {
                    generator::ItemKind::Client => "client",
                    generator::ItemKind::Type => "type",
                    generator::ItemKind::Operation => "operation",
                };
                insta::assert_snapshot!(format!("{kind}__{}", item.name), item.code);
            }
            let warnings: Vec<String> = generated
                .warnings()
                .iter()
                .map(ToString::to_string)
                .collect();
            insta::assert_snapshot!("warnings", warnings.join("\n"));
        });
    }
}

#[test]
fn generation_is_deterministic() {
    for spec in specs() {
        let module = generator::module_name(&spec);
        let run = || {
            let loaded = generator::load::load_file(&spec).expect("spec loads");
            generator::Generator::new(&module)
                .generate(&loaded)
                .expect("generates")
                .files
        };
        assert_eq!(
            run(),
            run(),
            "{} generates differently twice",
            spec.display()
        );
    }
}
