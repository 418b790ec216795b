//! The client runtime as the generator copies it: its files (the one list,
//! used both to write them and to emit the `pub mod runtime { .. }` block
//! that includes them) and its dependencies.
//!
//! The runtime is a crate of its own, `runtime/` at the repository's top
//! level, compiled, linted and unit-tested there. The generator reads its
//! sources through the symlink `generator/runtime` (to `runtime/src`) and
//! its manifest through `generator/runtime.toml` (to `runtime/Cargo.toml`):
//! `cargo package` leaves out a subdirectory that has a `Cargo.toml` of its
//! own, but stores what a symlink points to as a file, so the packaged
//! generator carries both.

/// How a runtime file becomes part of the generated `runtime` module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exposure {
    /// A private module whose public items are re-exported from `runtime`
    /// (`mod values { .. }` and `pub use values::*;`).
    Reexported,
    /// A private module with nothing public: the other modules reach its
    /// `pub(super)` items by path (`super::credentials::..`).
    Internal,
    /// A public module compiled only with the generated crate's `test-util`
    /// feature (see [`crate::conventions::TEST_UTIL_FEATURE`]): `runtime::mock`.
    TestUtil {
        /// The module's documentation, one paragraph (lines as `///` would
        /// write them).
        doc: &'static str,
    },
}

/// One file of the runtime.
#[derive(Debug, Clone, Copy)]
pub struct RuntimeFile {
    /// Its module in `runtime`, also its name in the runtime crate
    /// (`runtime/src/<module>.rs`).
    pub module: &'static str,
    /// How the module is included.
    pub exposure: Exposure,
    /// Its text, copied verbatim.
    pub source: &'static str,
}

/// The runtime's modules that the types use (and only these, which need
/// no HTTP): what a types-only output carries.
const TYPES_MODULES: &[&str] = &["fields", "values", "variants"];

/// The dependencies of those modules and of the types: what a types-only
/// crate depends on (a subset of [`RUNTIME_DEPENDENCIES`]).
const TYPES_DEPENDENCIES: &[&str] = &["chrono", "rust_decimal", "serde", "serde_json"];

/// [`RUNTIME_DEPENDENCIES`] that a types-only crate needs, in their order.
pub fn types_dependencies() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    RUNTIME_DEPENDENCIES
        .iter()
        .filter(|(name, _)| TYPES_DEPENDENCIES.contains(name))
}

impl RuntimeFile {
    /// Whether the types use this file (a types-only output carries it).
    pub fn serves_types(&self) -> bool {
        TYPES_MODULES.contains(&self.module)
    }

    /// Its name in a generated crate, beside the generated files:
    /// `runtime_<module>.rs`.
    pub fn file_name(&self) -> String {
        format!("{RUNTIME_FILE_PREFIX}{}.rs", self.module)
    }
}

/// What the name of every runtime file in a generated crate starts with.
const RUNTIME_FILE_PREFIX: &str = "runtime_";

/// A runtime file by its module name, read when the generator is built.
macro_rules! runtime_file {
    ($module:literal, $exposure:expr) => {
        RuntimeFile {
            module: $module,
            exposure: $exposure,
            source: include_str!(concat!("../runtime/", $module, ".rs")),
        }
    };
}

/// The runtime's files, in the order of the runtime crate's `lib.rs` (a
/// test holds the two in step).
pub const RUNTIME_FILES: &[RuntimeFile] = &[
    runtime_file!("builder", Exposure::Reexported),
    runtime_file!("client", Exposure::Reexported),
    runtime_file!("credentials", Exposure::Internal),
    runtime_file!("description", Exposure::Reexported),
    runtime_file!("encoding", Exposure::Reexported),
    runtime_file!("errors", Exposure::Reexported),
    runtime_file!("fields", Exposure::Reexported),
    runtime_file!("hooks", Exposure::Reexported),
    runtime_file!("http", Exposure::Reexported),
    runtime_file!("request", Exposure::Reexported),
    runtime_file!("responses", Exposure::Reexported),
    runtime_file!("retries", Exposure::Reexported),
    runtime_file!("signatures", Exposure::Reexported),
    runtime_file!("tokens", Exposure::Reexported),
    runtime_file!("values", Exposure::Reexported),
    runtime_file!("variants", Exposure::Reexported),
    runtime_file!("webhooks", Exposure::Reexported),
    runtime_file!(
        "mock",
        Exposure::TestUtil {
            doc: "Mocks for the tests of code that uses the client: stub each\n\
                  operation's response, inspect the requests sent."
        }
    ),
];

/// Whether a file of a generated crate (by name, as in
/// [`crate::Generated::files`]) is one of the runtime's copies rather than
/// code generated from the spec.
pub fn is_runtime_file(name: &str) -> bool {
    RUNTIME_FILES.iter().any(|file| file.file_name() == name)
}

/// The dependencies of generated code, as `Cargo.toml` lines (name, and
/// what follows `name = `): the `[dependencies]` of the runtime's own
/// manifest, in its order, read by the generator's build script.
pub const RUNTIME_DEPENDENCIES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/runtime_dependencies.rs"));

#[cfg(test)]
mod tests {
    use super::{Exposure, RUNTIME_DEPENDENCIES, RUNTIME_FILES};
    use std::path::{Path, PathBuf};

    fn repository() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The non-blank, non-comment lines of a manifest's `[dependencies]`.
    fn dependency_lines(manifest: &str) -> Vec<&str> {
        manifest
            .lines()
            .skip_while(|line| line.trim() != "[dependencies]")
            .skip(1)
            .take_while(|line| !line.starts_with('['))
            .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
            .collect()
    }

    #[test]
    fn the_runtime_crate_declares_exactly_the_listed_modules() {
        let src = repository().join("runtime/src");
        let lib = read(&src.join("lib.rs"));
        let mut expected = Vec::new();
        for file in RUNTIME_FILES {
            let module = file.module;
            match file.exposure {
                Exposure::Reexported => {
                    expected.push(format!("mod {module};"));
                    expected.push(format!("pub use {module}::*;"));
                }
                Exposure::Internal => expected.push(format!("mod {module};")),
                Exposure::TestUtil { .. } => {
                    expected.push(format!(
                        "#[cfg(feature = \"{}\")]",
                        crate::conventions::TEST_UTIL_FEATURE
                    ));
                    expected.push(format!("pub mod {module};"));
                }
            }
            assert_eq!(
                file.source,
                read(&src.join(format!("{module}.rs"))),
                "{module}"
            );
        }
        // The crate's own unit tests are not copied.
        let declared: Vec<&str> = lib
            .lines()
            .filter(|line| {
                ["mod ", "pub mod ", "pub use ", "#[cfg(feature"]
                    .iter()
                    .any(|start| line.starts_with(start))
            })
            .filter(|line| *line != "mod tests;")
            .collect();
        let mut sorted_expected = expected.clone();
        sorted_expected.sort();
        let mut sorted_declared = declared.clone();
        sorted_declared.sort();
        assert_eq!(sorted_declared, sorted_expected, "runtime/src/lib.rs");
        // Every source file of the crate is copied (its own tests aside).
        let mut on_disk: Vec<String> = std::fs::read_dir(&src)
            .unwrap_or_else(|e| panic!("{}: {e}", src.display()))
            .filter_map(|entry| {
                let name = entry.ok()?.file_name().into_string().ok()?;
                name.strip_suffix(".rs")
                    .filter(|stem| *stem != "lib")
                    .map(str::to_owned)
            })
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = RUNTIME_FILES
            .iter()
            .map(|file| file.module.to_owned())
            .collect();
        listed.sort();
        assert_eq!(on_disk, listed, "runtime/src/*.rs");
    }

    #[test]
    fn the_files_the_types_use_need_only_the_types_dependencies() {
        let others: Vec<&str> = RUNTIME_DEPENDENCIES
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| !super::TYPES_DEPENDENCIES.contains(name))
            .collect();
        assert!(others.contains(&"reqwest"), "{others:?}");
        let types_files: Vec<_> = RUNTIME_FILES.iter().filter(|f| f.serves_types()).collect();
        assert_eq!(types_files.len(), super::TYPES_MODULES.len());
        for file in types_files {
            for crate_name in &others {
                assert!(
                    !file.source.contains(&format!("{crate_name}::"))
                        && !file.source.contains(&format!("use {crate_name}")),
                    "runtime/src/{}.rs uses {crate_name}, which a types-only crate does not have",
                    file.module
                );
            }
            // `super::` reaches the other runtime modules: only the types'
            // own may be named (checked by compiling a types-only crate in
            // CI; here, that none is named at all keeps it simple).
            assert!(
                !file.source.contains("super::"),
                "runtime/src/{}.rs reaches another runtime module",
                file.module
            );
        }
        let names: Vec<&str> = super::types_dependencies().map(|(n, _)| *n).collect();
        assert_eq!(names, ["chrono", "rust_decimal", "serde", "serde_json"]);
    }

    #[test]
    fn runtime_file_names_are_recognised() {
        assert!(super::is_runtime_file("runtime_client.rs"));
        assert!(super::is_runtime_file("runtime_mock.rs"));
        assert!(!super::is_runtime_file("api.rs"));
        assert!(!super::is_runtime_file("runtime.rs"));
    }

    #[test]
    fn every_dependency_list_is_the_runtime_manifests() {
        let runtime = read(&repository().join("runtime/Cargo.toml"));
        let expected: Vec<String> = RUNTIME_DEPENDENCIES
            .iter()
            .map(|(name, spec)| format!("{name} = {spec}"))
            .collect();
        assert_eq!(dependency_lines(&runtime), expected, "runtime/Cargo.toml");
        assert!(
            expected.iter().any(|line| line.starts_with("reqwest = ")),
            "{expected:?}"
        );
        // The packages that compile generated code depend on the same crates,
        // the same way (in any order).
        for manifest in ["Cargo.toml", "generated-client/Cargo.toml"] {
            let text = read(&repository().join(manifest));
            let mut lines = dependency_lines(&text);
            lines.sort_unstable();
            let mut expected: Vec<&str> = expected.iter().map(String::as_str).collect();
            expected.sort_unstable();
            assert_eq!(lines, expected, "{manifest}'s [dependencies]");
        }
    }
}
