//! Reads the runtime's dependencies from its manifest (`runtime.toml`, a
//! symlink to `runtime/Cargo.toml`, stored as a copy in the package) into
//! `RUNTIME_DEPENDENCIES`, so that the runtime's manifest is the one list of
//! them: standalone crates get the same lines, in the same order.

use std::fmt::Write;
use std::path::PathBuf;

const MANIFEST: &str = "runtime.toml";

fn main() {
    println!("cargo:rerun-if-changed={MANIFEST}");
    let manifest = std::fs::read_to_string(MANIFEST)
        .unwrap_or_else(|e| panic!("{MANIFEST} (the runtime's Cargo.toml) is readable: {e}"));
    let dependencies = dependencies(&manifest).unwrap_or_else(|e| panic!("{MANIFEST}: {e}"));
    let mut code = String::from("&[\n");
    for (name, spec) in dependencies {
        writeln!(code, "    ({name:?}, {spec:?}),").expect("writing to a String");
    }
    code.push_str("]\n");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("runtime_dependencies.rs"), code)
        .unwrap_or_else(|e| panic!("OUT_DIR is writable: {e}"));
}

/// The `name = spec` lines of the `[dependencies]` table, in order. Each
/// dependency must fit on its line: that line is what standalone manifests
/// get.
fn dependencies(manifest: &str) -> Result<Vec<(&str, &str)>, String> {
    let mut lines = manifest.lines().map(str::trim);
    if !lines.any(|line| line == "[dependencies]") {
        return Err("no [dependencies] table".to_owned());
    }
    let mut dependencies = Vec::new();
    for line in lines.take_while(|line| !line.starts_with('[')) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, spec) = line
            .split_once('=')
            .map(|(name, spec)| (name.trim(), spec.trim()))
            .ok_or_else(|| format!("`{line}` is not `name = spec`"))?;
        let balanced =
            |open: char, close: char| spec.matches(open).count() == spec.matches(close).count();
        let valid_name = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid_name || spec.is_empty() || !balanced('{', '}') || !balanced('[', ']') {
            return Err(format!(
                "`{line}` is not a dependency on one line (`name = \"1\"` or `name = {{ .. }}`)"
            ));
        }
        dependencies.push((name, spec));
    }
    if dependencies.is_empty() {
        return Err("[dependencies] is empty".to_owned());
    }
    Ok(dependencies)
}
