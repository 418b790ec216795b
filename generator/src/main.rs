//! The command line front end.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: generator generate --spec PATH --out DIR [--crate-name NAME] [--check]
                          [--deny-warnings] [--lenient] [--types-only]
                          [--no-tag-features]
                          [--webhook-signature SCHEME]
                          [--tag TAG]... [--operation OPERATION]...
                          [--path PREFIX]... [--webhook NAME]...
       generator diff OLD_SPEC NEW_SPEC [--crate-version VERSION]
                          [--tag TAG]... [--operation OPERATION]...
                          [--path PREFIX]... [--webhook NAME]...

generate  Writes a standalone crate (Cargo.toml and src/) with a typed async
          client for the spec at PATH (OpenAPI 3.0, 3.1 or 3.2, or Swagger
          2.0) into DIR. With --check, writes nothing: lists the files in
          DIR that differ from what the spec gives (exit 1 if any, 0 if
          none, 2 on error).
          Problems are shown with their file, line and column. A broken
          spec (a $ref to nothing, an undeclared path parameter, ...) is
          refused with all its problems; --lenient generates anyway, with
          warnings. --deny-warnings refuses a spec that has warnings.
          --webhook-signature says how the provider signs its webhooks
          (standard-webhooks, stripe, cashfree, razorpay or github; the
          spec can say it with x-webhook-signature): the crate's
          `webhooks` module then verifies requests with that scheme.
          --tag, --operation, --path and --webhook select what to
          generate (each may be repeated): the operations of a tag (and of
          the tags nested under it), one operation by operationId, method
          name or `METHOD /path`, the operations on a path and under it
          (--path /v1/payment_intents), a webhook by name ('*': all). Only the
          selected operations and webhooks, and the types they reach, are
          generated, named as in the whole client. A selector that
          matches nothing is an error listing what the spec has.
          --types-only writes the types alone (with a selection, the
          types it reaches), with the part of the runtime they use and
          only its data dependencies (serde, serde_json, rust_decimal,
          chrono): no client, no HTTP.
          For a spec with tags, the crate has a Cargo feature per tag
          group (the group's accessor in kebab case: payment-links), each
          compiling its operations and the types they reach, plus
          `untagged` and `webhooks` where there are such, and `full`, the
          default, for all; --no-tag-features compiles everything always.
diff      Compares the Rust APIs generated from two specs and reports each
          change as breaking, an addition or compatible, with the semver bump
          the generated crate needs (the next version, given the current one
          with --crate-version). With --tag, --operation, --path or --webhook,
          compares the selections (a selector must match in one of the
          two specs). Exit 0 when nothing is breaking, 1 when something
          is, 2 on error.";

/// The flags that select what to generate; each takes a value.
const SELECTION_FLAGS: [&str; 4] = ["--tag", "--operation", "--path", "--webhook"];

/// The selector that the selection flag `flag` (one of
/// [`SELECTION_FLAGS`]) names with `value`.
fn selector(flag: &str, value: Option<&String>) -> Result<generator::Selector, String> {
    let value = value
        .filter(|value| !value.trim().is_empty())
        .ok_or_else(|| format!("{flag} needs a value"))?;
    Ok(match flag {
        "--tag" => generator::Selector::Tag(value.clone()),
        "--operation" => generator::Selector::operation(value),
        "--path" => generator::Selector::Path(value.clone()),
        _ => generator::Selector::Webhook(value.clone()),
    })
}

struct GenerateArgs {
    spec: PathBuf,
    out: PathBuf,
    crate_name: Option<String>,
    check: bool,
    settings: generator::Settings,
}

fn parse_generate(args: &[String]) -> Result<GenerateArgs, String> {
    let (mut spec, mut out, mut crate_name, mut check) = (None, None, None, false);
    let mut settings = generator::Settings {
        tag_features: true,
        ..generator::Settings::default()
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--spec" => spec = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--crate-name" => crate_name = Some(value()?),
            "--check" => check = true,
            "--deny-warnings" => settings.deny_warnings = true,
            "--lenient" => settings.lenient = true,
            "--types-only" => settings.types_only = true,
            "--no-tag-features" => settings.tag_features = false,
            flag if SELECTION_FLAGS.contains(&flag) => {
                settings.selection.push(selector(flag, args.next())?);
            }
            "--webhook-signature" => {
                let name = value()?;
                let scheme = generator::model::WebhookSignature::from_name(&name).ok_or_else(|| {
                    format!(
                        "--webhook-signature {name:?} is not a signature scheme; the schemes are {}",
                        generator::model::WebhookSignature::names()
                    )
                })?;
                settings.webhook_signature = Some(scheme);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let spec = spec.ok_or("--spec is required")?;
    let out = out.ok_or("--out is required")?;
    if let Some(name) = &crate_name {
        let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            return Err(format!("{name:?} is not a valid crate name"));
        }
    }
    Ok(GenerateArgs {
        spec,
        out,
        crate_name,
        check,
        settings,
    })
}

struct DiffArgs {
    old: PathBuf,
    new: PathBuf,
    crate_version: Option<String>,
    selection: generator::Selection,
}

fn parse_diff(args: &[String]) -> Result<DiffArgs, String> {
    let mut specs = Vec::new();
    let mut crate_version = None;
    let mut selection = generator::Selection::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--crate-version" => {
                crate_version = Some(
                    args.next()
                        .cloned()
                        .ok_or("--crate-version needs a value")?,
                );
            }
            flag if SELECTION_FLAGS.contains(&flag) => {
                selection.push(selector(flag, args.next())?);
            }
            flag if flag.starts_with("--") => return Err(format!("unknown argument {flag:?}")),
            spec => specs.push(PathBuf::from(spec)),
        }
    }
    let [old, new] = <[PathBuf; 2]>::try_from(specs)
        .map_err(|specs| format!("diff takes two specs, OLD and NEW; got {}", specs.len()))?;
    Ok(DiffArgs {
        old,
        new,
        crate_version,
        selection,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => generate(&args[1..]),
        Some("diff") => diff(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn generate(args: &[String]) -> ExitCode {
    let args = match parse_generate(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.check {
        return check(&args);
    }
    let written = generator::write_crate(
        &args.spec,
        &args.out,
        args.crate_name.as_deref(),
        args.settings.clone(),
    );
    match written {
        Ok(generated) => {
            eprint!("{}", generated.render_warnings());
            eprintln!(
                "wrote {} ({} types, {} operations)",
                args.out.display(),
                generated.api.types.len(),
                generated.api.operations.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint!("{}", error.render());
            ExitCode::FAILURE
        }
    }
}

/// `generate --check`: compares what would be written with what is on disk.
fn check(args: &GenerateArgs) -> ExitCode {
    let crate_files = match generator::crate_files(
        &args.spec,
        args.crate_name.as_deref(),
        args.settings.clone(),
    ) {
        Ok(files) => files,
        Err(error) => {
            eprint!("{}", error.render());
            return ExitCode::from(2);
        }
    };
    let mut stale = Vec::new();
    for (path, contents) in &crate_files.files {
        let on_disk = args.out.join(path);
        match std::fs::read(&on_disk) {
            Ok(bytes) if bytes == contents.as_bytes() => {}
            Ok(_) => stale.push(format!("{} differs", on_disk.display())),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                stale.push(format!("{} is missing", on_disk.display()));
            }
            Err(error) => {
                eprintln!("error: {}: {error}", on_disk.display());
                return ExitCode::from(2);
            }
        }
    }
    if stale.is_empty() {
        eprintln!(
            "{} is up to date with {}",
            args.out.display(),
            args.spec.display()
        );
        return ExitCode::SUCCESS;
    }
    println!(
        "{} is stale: {} of {} generated files differ from what {} gives:",
        args.out.display(),
        stale.len(),
        crate_files.files.len(),
        args.spec.display()
    );
    for line in &stale {
        println!("  {line}");
    }
    let crate_name = args
        .crate_name
        .as_deref()
        .map(|name| format!(" --crate-name {name}"))
        .unwrap_or_default();
    println!(
        "Regenerate with: generator generate --spec {} --out {}{crate_name}",
        quote(&args.spec),
        quote(&args.out)
    );
    ExitCode::FAILURE
}

/// A path as a shell word (quoted when it needs to be).
fn quote(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn diff(args: &[String]) -> ExitCode {
    let args = match parse_diff(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let report = match generator::diff::diff_selected_files(&args.old, &args.new, &args.selection) {
        Ok(report) => report,
        Err(error) => {
            eprint!("{}", error.render());
            return ExitCode::from(2);
        }
    };
    println!("{report}");
    if let Some(current) = &args.crate_version {
        match report.verdict().next_version(current) {
            Some(next) if &next == current => println!("Crate version: stays {current}."),
            Some(next) => println!("Crate version: {current} → {next}."),
            None => {
                eprintln!("error: --crate-version {current:?} is not a version like 1.2.3");
                return ExitCode::from(2);
            }
        }
    }
    if report.is_breaking() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
