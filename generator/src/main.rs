//! The command line front end.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: generator generate --spec PATH --out DIR [--crate-name NAME]

Writes a standalone crate (Cargo.toml and src/) with a typed async client for
the OpenAPI 3.0 spec at PATH into DIR.";

struct GenerateArgs {
    spec: PathBuf,
    out: PathBuf,
    crate_name: Option<String>,
}

fn parse_generate(args: &[String]) -> Result<GenerateArgs, String> {
    let (mut spec, mut out, mut crate_name) = (None, None, None);
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
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => {}
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let args = match parse_generate(&args[1..]) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match generator::write_crate(&args.spec, &args.out, args.crate_name.as_deref()) {
        Ok(generated) => {
            for warning in generated.warnings() {
                eprintln!("warning: {warning}");
            }
            eprintln!(
                "wrote {} ({} types, {} operations)",
                args.out.display(),
                generated.api.types.len(),
                generated.api.operations.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
