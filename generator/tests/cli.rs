//! The CLI contract: `generate --spec PATH --out DIR [--crate-name NAME]`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn generator() -> Command {
    Command::new(env!("CARGO_BIN_EXE_generator"))
}

fn flowwise_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/flowwise.yaml")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn generate_writes_a_standalone_crate() {
    let out = temp_dir("cli-flowwise");
    let status = generator()
        .args(["generate", "--spec"])
        .arg(flowwise_spec())
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "flowwise-standalone"])
        .status()
        .expect("runs");
    assert!(status.success());
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("Cargo.toml written");
    assert!(
        manifest.contains("name = \"flowwise-standalone\""),
        "{manifest}"
    );
    assert!(
        manifest.contains("[workspace]"),
        "builds on its own: {manifest}"
    );
    for (dependency, _) in generator::RUNTIME_DEPENDENCIES {
        assert!(
            manifest.contains(&format!("\n{dependency} = ")),
            "{dependency} missing"
        );
    }
    for file in [
        "lib.rs",
        "api.rs",
        "api_types.rs",
        "api_operations.rs",
        "runtime.rs",
    ] {
        assert!(out.join("src").join(file).is_file(), "src/{file} missing");
    }
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.starts_with("// @generated"), "{lib}");
}

#[test]
fn generating_twice_in_separate_processes_is_byte_identical() {
    let outputs: Vec<Vec<(PathBuf, Vec<u8>)>> = ["cli-det-a", "cli-det-b"]
        .iter()
        .map(|name| {
            let out = temp_dir(name);
            let status = generator()
                .arg("generate")
                .arg("--spec")
                .arg(flowwise_spec())
                .arg("--out")
                .arg(&out)
                .status()
                .unwrap();
            assert!(status.success());
            let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(out.join("src"))
                .unwrap()
                .map(|e| {
                    let path = e.unwrap().path();
                    (
                        path.file_name().unwrap().into(),
                        std::fs::read(&path).unwrap(),
                    )
                })
                .collect();
            files.sort();
            files
        })
        .collect();
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn failures_exit_non_zero_with_a_message() {
    let out = temp_dir("cli-fail");
    let missing = generator()
        .args(["generate", "--spec", "/nonexistent/spec.yaml", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/spec.yaml"));

    let no_out = generator()
        .args(["generate", "--spec"])
        .arg(flowwise_spec())
        .output()
        .unwrap();
    assert!(!no_out.status.success());
    assert!(String::from_utf8_lossy(&no_out.stderr).contains("--out is required"));

    let bad_name = generator()
        .args(["generate", "--spec"])
        .arg(flowwise_spec())
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "no spaces"])
        .output()
        .unwrap();
    assert!(!bad_name.status.success());

    let no_command = generator().output().unwrap();
    assert!(!no_command.status.success());
    assert!(String::from_utf8_lossy(&no_command.stderr).contains("usage"));
}
