//! Diagnostics from a build script reach the developer through cargo:
//! warnings as `cargo:warning` lines with the offending spec line, and a
//! refused spec fails the build with the same report as the CLI's.
//!
//! Builds a throwaway crate whose build script calls
//! `generator::BuildScript`, in this workspace's target directory so that
//! the generator's dependencies are already built.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch_crate(name: &str, spec: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = root.join("target/tmp/build-script").join(name);
    std::fs::create_dir_all(dir.join("src")).expect("creates the crate");
    std::fs::create_dir_all(dir.join("specs")).expect("creates the crate");
    let generator = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[build-dependencies]\ngenerator = {{ path = {:?} }}\n\n[workspace]\n",
            generator.display().to_string()
        ),
    )
    .expect("writes the manifest");
    std::fs::write(
        dir.join("build.rs"),
        "fn main() {\n    generator::BuildScript::new(\"specs/api.yaml\").run();\n}\n",
    )
    .expect("writes build.rs");
    std::fs::write(dir.join("src/lib.rs"), "").expect("writes lib.rs");
    std::fs::write(dir.join("specs/api.yaml"), spec).expect("writes the spec");
    dir
}

fn cargo_build(dir: &Path, deny_warnings: bool) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target");
    let mut command = Command::new(cargo);
    command
        .arg("build")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("GENERATOR_DENY_WARNINGS");
    if deny_warnings {
        command.env("GENERATOR_DENY_WARNINGS", "1");
    }
    command.output().expect("cargo runs")
}

const WARNED: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Error:\n      type: object\n";

#[test]
fn warnings_show_as_cargo_warnings_and_can_fail_the_build() {
    let dir = scratch_crate("build-script-warned", WARNED);
    let built = cargo_build(&dir, false);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: build-script-warned@0.1.0: named `ErrorModel` in Rust: `Error` is reserved by the generated client"),
        "{stderr}"
    );
    assert!(stderr.contains("--> specs/api.yaml:6:5"), "{stderr}");
    assert!(stderr.contains("6 |     Error:"), "{stderr}");

    let denied = cargo_build(&dir, true);
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert!(!denied.status.success(), "warnings are denied: {stderr}");
    assert!(
        stderr.contains("1 warning in specs/api.yaml denied"),
        "{stderr}"
    );
    assert!(stderr.contains("6 |     Error:"), "{stderr}");
}

#[test]
fn a_refused_spec_fails_the_build_with_every_problem() {
    let spec = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /orders/{id}:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Nope'}\n";
    let dir = scratch_crate("build-script-refused", spec);
    let built = cargo_build(&dir, false);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(!built.status.success(), "{stderr}");
    assert!(
        stderr.contains("specs/api.yaml is not a spec a client can be generated from: 2 problems"),
        "{stderr}"
    );
    assert!(stderr.contains("--> specs/api.yaml:5:5"), "{stderr}");
    assert!(
        stderr.contains("dangling `$ref`: nothing at `#/components/schemas/Nope`"),
        "{stderr}"
    );
    // The CLI says the same.
    let cli = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["generate", "--spec", "specs/api.yaml", "--out"])
        .arg(dir.join("out"))
        .current_dir(&dir)
        .output()
        .expect("the CLI runs");
    let cli_stderr = String::from_utf8_lossy(&cli.stderr);
    assert_eq!(cli.status.code(), Some(1));
    for line in cli_stderr.lines().filter(|l| !l.is_empty()) {
        assert!(
            stderr.contains(line),
            "{line:?} is not in the build's output:\n{stderr}"
        );
    }
}
