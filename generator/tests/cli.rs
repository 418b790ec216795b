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
        "runtime_client.rs",
    ] {
        assert!(out.join("src").join(file).is_file(), "src/{file} missing");
    }
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.starts_with("// @generated"), "{lib}");
}

/// Runs `generate` for `spec` into a fresh directory; the files written
/// (name, bytes) and what was printed on stderr.
fn generate_in_own_process(spec: &Path, name: &str) -> (Vec<(PathBuf, Vec<u8>)>, Vec<u8>) {
    let out = temp_dir(name);
    let output = generator()
        .arg("generate")
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(out.join("src"))
        .into_iter()
        .flatten()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().into(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect();
    files.sort();
    (files, output.stderr)
}

#[test]
fn generating_twice_in_separate_processes_is_byte_identical() {
    let cashfree =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/cashfree-pg.yaml");
    for (spec, name) in [(flowwise_spec(), "flowwise"), (cashfree, "cashfree")] {
        let first = generate_in_own_process(&spec, &format!("cli-det-{name}-a"));
        let second = generate_in_own_process(&spec, &format!("cli-det-{name}-b"));
        assert!(first.0.len() >= 5, "{name}: the crate is written");
        assert!(
            first.0 == second.0,
            "{name}: the two runs wrote different bytes"
        );
        // Warnings too come out the same, in the same order (the last
        // line names the output directory, which differs).
        let warnings = |stderr: &[u8]| {
            String::from_utf8_lossy(stderr)
                .lines()
                .filter(|line| !line.starts_with("wrote "))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(warnings(&first.1), warnings(&second.1), "{name}");
    }
}

#[test]
fn a_refused_spec_reports_the_same_problems_every_run() {
    let spec = temp_dir("cli-det-refused").join("broken.yaml");
    std::fs::create_dir_all(spec.parent().unwrap()).unwrap();
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a/{id}:\n    get:\n      responses: {'200': {$ref: '#/components/responses/Nope'}}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n",
    )
    .unwrap();
    let first = generate_in_own_process(&spec, "cli-det-refused-a");
    let second = generate_in_own_process(&spec, "cli-det-refused-b");
    let stderr = String::from_utf8_lossy(&first.1);
    assert!(stderr.contains("3 problems"), "{stderr}");
    assert_eq!(first.1, second.1);
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

/// `--webhook-signature` names how the provider signs its webhooks: the
/// crate's `webhooks` module verifies with that scheme. A name that is not
/// a scheme is a usage error (exit 2) that lists the schemes.
#[test]
fn webhook_signature_names_the_scheme_the_webhooks_module_verifies_with() {
    let cashfree =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/cashfree-pg.yaml");
    let out = temp_dir("cli-cashfree-webhooks");
    let status = generator()
        .args(["generate", "--spec"])
        .arg(&cashfree)
        .arg("--out")
        .arg(&out)
        .args(["--webhook-signature", "Cashfree"])
        .status()
        .expect("runs");
    assert!(status.success());
    let webhooks =
        std::fs::read_to_string(out.join("src/api_webhooks.rs")).expect("the webhooks module");
    assert!(
        webhooks.contains("pub const SIGNATURE_SCHEME: runtime::SignatureScheme = runtime::SignatureScheme::Cashfree;"),
        "{webhooks}"
    );
    assert!(
        webhooks.contains("PaymentWebhook(Box<PaymentWebhookPayload>)"),
        "{webhooks}"
    );

    let output = generator()
        .args(["generate", "--spec"])
        .arg(&cashfree)
        .arg("--out")
        .arg(temp_dir("cli-bad-signature"))
        .args(["--webhook-signature", "hmac"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("\"hmac\" is not a signature scheme")
            && stderr.contains("standard-webhooks, stripe, cashfree, razorpay, github"),
        "{stderr}"
    );
}
