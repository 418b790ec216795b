//! Generates a client for every spec under `specs/` (the product specs,
//! snapshotted by `tests/snapshots.rs`) and `tests/fixtures/` (small specs
//! that exercise one construct each), so that all of that code is compiled
//! and linted with the test package.

#[path = "tests/support/selections.rs"]
mod selections;

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn specs_in(dir: &str) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={dir}");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir} is readable: {e}"))
        .map(|entry| entry.expect("directory entries are readable").path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            )
        })
        .collect();
    specs.sort();
    specs
}

/// Generates each spec into `out_dir` and returns the module declarations.
/// `path_prefix` is how a doctest names the module (`sdk_tests::`, or
/// `sdk_tests::fixtures::`).
fn generate(specs: &[PathBuf], out_dir: &Path, prefix: &str, path_prefix: &str) -> String {
    let specs: Vec<(String, PathBuf, generator::Selection)> = specs
        .iter()
        .map(|spec| {
            let module = generator::module_name(spec);
            (module, spec.clone(), generator::Selection::new())
        })
        .collect();
    generate_modules(&specs, out_dir, prefix, path_prefix)
}

/// Generates each (module, spec, selection) into `out_dir` and returns the
/// module declarations.
fn generate_modules(
    specs: &[(String, PathBuf, generator::Selection)],
    out_dir: &Path,
    prefix: &str,
    path_prefix: &str,
) -> String {
    let mut modules = String::new();
    for (module, spec, selection) in specs {
        println!("cargo:rerun-if-changed={}", spec.display());
        let file_stem = format!("{prefix}{module}");
        let written = generator::load::load_file(spec)
            .and_then(|loaded| {
                let mut generator = generator::Generator::new(&file_stem);
                generator.doc_path(format!("{path_prefix}{module}"));
                if let Some((_, scheme)) = WEBHOOK_SIGNATURES
                    .iter()
                    .find(|(file, _)| spec.ends_with(file))
                {
                    generator.webhook_signature(*scheme);
                }
                generator.select(selection.clone());
                generator.generate(&loaded)
            })
            .and_then(|generated| generated.write_to(out_dir));
        if let Err(error) = written {
            // Every problem, with its line of the spec, as the CLI shows it.
            eprint!("{}", error.render());
            std::process::exit(1);
        }
        writeln!(
            modules,
            "pub mod {module} {{\n    #![doc = include_str!(\"{file_stem}_docs.md\")]\n    include!(\"{file_stem}.rs\");\n}}"
        )
        .expect("writing to a String");
    }
    modules
}

/// How the providers whose specs do not say it sign their webhooks.
/// By spec file name.
const WEBHOOK_SIGNATURES: &[(&str, generator::model::WebhookSignature)] = &[(
    "cashfree-pg.yaml",
    generator::model::WebhookSignature::Cashfree,
)];

/// Real specs that live beside the checkout rather than in it (too large,
/// and not ours): `../shared/specs/`. CI has it there; so must developers.
const EXTERNAL_SPECS: &[&str] = &["../shared/specs/cashfree-pg.yaml"];

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut product_specs = specs_in("specs");
    for external in EXTERNAL_SPECS {
        let path = PathBuf::from(external);
        assert!(
            path.is_file(),
            "{external} is missing: the tests read the shared specs from ../shared beside the checkout"
        );
        product_specs.push(path);
    }
    let specs = generate(&product_specs, &out_dir, "", "sdk_tests::");
    let fixtures = generate(
        &specs_in("tests/fixtures"),
        &out_dir,
        "fixture_",
        "sdk_tests::fixtures::",
    );
    let selections: Vec<(String, PathBuf, generator::Selection)> = selections::selections()
        .into_iter()
        .map(|(module, spec, selection)| (module.to_owned(), PathBuf::from(spec), selection))
        .collect();
    let selections = generate_modules(
        &selections,
        &out_dir,
        "selection_",
        "sdk_tests::selections::",
    );
    let modules = format!(
        "{specs}\n/// Clients for the small specs under `tests/fixtures/`.\npub mod fixtures {{\n{fixtures}}}\n\n\
         /// Clients generated for a selection of a spec's operations (`tests/support/selections.rs`).\npub mod selections {{\n{selections}}}\n"
    );
    generator::write::write_if_changed(&out_dir.join("specs.rs"), &modules)
        .unwrap_or_else(|e| panic!("{e}"));
}
