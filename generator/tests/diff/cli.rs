//! The CLI: `generator diff`'s exit codes, and `generate --check`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::{BASE, edited, flowwise_spec, reordered_json};

fn generator() -> Command {
    Command::new(env!("CARGO_BIN_EXE_generator"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn diff_exits_0_when_nothing_breaks_1_when_something_does_2_on_error() {
    let dir = temp_dir("diff-cli");
    let write = |name: &str, yaml: &str| {
        let path = dir.join(name);
        std::fs::write(&path, yaml).unwrap();
        path
    };
    let old = write("old.yaml", BASE);
    let same = write("same.json", &reordered_json(BASE));
    let added = write(
        "added.yaml",
        &edited(&[(
            "        - EXPIRED\n",
            "        - EXPIRED\n        - REFUNDED\n",
        )]),
    );
    let broken = write(
        "broken.yaml",
        &edited(&[(
            "        note:\n          type: string\n          example: Blue dress\n",
            "",
        )]),
    );

    let run = |args: &[&Path]| generator().arg("diff").args(args).output().unwrap();

    let output = run(&[&old, &same]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(
        text(&output).contains("No change to the Rust API"),
        "{}",
        text(&output)
    );

    let output = run(&[&old, &added]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(
        text(&output).contains("OrderStatus::Refunded"),
        "{}",
        text(&output)
    );

    let output = run(&[&old, &broken]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("CreateOrderRequest::note"), "{stdout}");
    assert!(stdout.contains("Verdict: BREAKING."), "{stdout}");

    let with_version = generator()
        .arg("diff")
        .arg(&old)
        .arg(&broken)
        .args(["--crate-version", "0.4.2"])
        .output()
        .unwrap();
    assert_eq!(with_version.status.code(), Some(1));
    assert!(
        text(&with_version).contains("0.4.2 → 0.5.0"),
        "{}",
        text(&with_version)
    );

    let missing = run(&[&old, Path::new("/nonexistent/new.yaml")]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/new.yaml"),
        "{}",
        text(&missing)
    );

    let invalid = write("invalid.yaml", "openapi: 3.0.3\ninfo: [not, an, object]\n");
    let output = run(&[&old, &invalid]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));

    let one_spec = run(&[&old]);
    assert_eq!(one_spec.status.code(), Some(2));
    assert!(text(&one_spec).contains("two specs"), "{}", text(&one_spec));
}

#[test]
fn generate_check_reports_stale_files() {
    let out = temp_dir("check-crate").join("crate");
    let generate = |check: bool| {
        let mut command = generator();
        command
            .args(["generate", "--spec"])
            .arg(flowwise_spec())
            .arg("--out")
            .arg(&out)
            .args(["--crate-name", "flowwise-standalone"]);
        if check {
            command.arg("--check");
        }
        command.output().unwrap()
    };

    // Nothing written yet: every file is missing, and --check writes none.
    let output = generate(true);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("Cargo.toml is missing"),
        "{}",
        text(&output)
    );
    assert!(!out.exists(), "--check wrote something");

    assert!(generate(false).status.success());
    let output = generate(true);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(text(&output).contains("up to date"), "{}", text(&output));

    // A hand edit makes it stale, and the message names the file.
    let types = out.join("src/api_types.rs");
    let mut code = std::fs::read_to_string(&types).unwrap();
    code.push_str("\n// edited by hand\n");
    std::fs::write(&types, code).unwrap();
    let output = generate(true);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let message = text(&output);
    assert!(message.contains("api_types.rs differs"), "{message}");
    assert!(!message.contains("api.rs differs"), "{message}");
    assert!(message.contains("generator generate --spec"), "{message}");

    // Another crate name is another Cargo.toml.
    let other_name = generator()
        .args(["generate", "--spec"])
        .arg(flowwise_spec())
        .arg("--out")
        .arg(&out)
        .arg("--check")
        .output()
        .unwrap();
    assert_eq!(other_name.status.code(), Some(1));
    assert!(
        text(&other_name).contains("Cargo.toml differs"),
        "{}",
        text(&other_name)
    );

    // Regenerating fixes it.
    assert!(generate(false).status.success());
    assert_eq!(generate(true).status.code(), Some(0));

    // An unreadable spec is an error, not a verdict.
    let missing = generator()
        .args(["generate", "--spec", "/nonexistent/spec.yaml", "--out"])
        .arg(&out)
        .arg("--check")
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn diff_of_a_selection_judges_only_what_the_selection_generates() {
    let dir = temp_dir("diff-cli-selection");
    let write = |name: &str, yaml: &str| {
        let path = dir.join(name);
        std::fs::write(&path, yaml).unwrap();
        path
    };
    let old = write("old.yaml", BASE);
    // The note goes from the create call's request body only.
    let broken = write(
        "broken.yaml",
        &edited(&[(
            "        note:\n          type: string\n          example: Blue dress\n",
            "",
        )]),
    );
    let run = |selection: &[&str]| {
        generator()
            .arg("diff")
            .arg(&old)
            .arg(&broken)
            .args(selection)
            .output()
            .unwrap()
    };

    let output = run(&["--operation", "getOrder"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(
        text(&output).contains("No change to the Rust API"),
        "{}",
        text(&output)
    );

    let output = run(&["--operation", "POST /orders"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("CreateOrderRequest::note"),
        "{}",
        text(&output)
    );

    let output = run(&["--operation", "deleteOrder"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(
        text(&output).contains("operation `deleteOrder` matches nothing"),
        "{}",
        text(&output)
    );
}
