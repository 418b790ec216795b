//! Generates a client for every spec under `specs/` into OUT_DIR, so that the
//! code each snapshot shows is also compiled and linted.

use std::fmt::Write;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=specs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut specs: Vec<PathBuf> = std::fs::read_dir("specs")
        .expect("specs/ is readable")
        .map(|entry| entry.expect("specs/ is readable").path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            )
        })
        .collect();
    specs.sort();
    let mut modules = String::new();
    for spec in &specs {
        println!("cargo:rerun-if-changed={}", spec.display());
        let module = generator::module_name(spec);
        let loaded = generator::load::load_file(spec).unwrap_or_else(|e| panic!("{e}"));
        let generated = generator::Generator::new(&module)
            .generate(&loaded)
            .unwrap_or_else(|e| panic!("{e}"));
        generated
            .write_to(&out_dir)
            .unwrap_or_else(|e| panic!("{e}"));
        writeln!(modules, "pub mod {module} {{ include!(\"{module}.rs\"); }}")
            .expect("writing to a String");
    }
    generator::write::write_if_changed(&out_dir.join("specs.rs"), &modules)
        .unwrap_or_else(|e| panic!("{e}"));
}
