//! Generates typed async Rust clients from OpenAPI 3.0 specs.
//!
//! The pipeline has one stage per module: [`load`] reads the spec into
//! `openapiv3`'s model, [`lower`] decides everything (names, types, errors)
//! into [`model::Api`], [`emit`] turns that into tokens item by item,
//! [`format`] prints them with prettyplease, and [`write`] puts files on
//! disk only when their bytes change. Build scripts and the CLI are thin
//! front ends over [`Generator`].
//!
//! In a build script:
//!
//! ```no_run
//! // build.rs: `fn main() {` ... `}`
//! generator::build_script("specs/flowwise.yaml");
//! ```
//!
//! and in `src/lib.rs`: `include!(concat!(env!("OUT_DIR"), "/flowwise.rs"));`

pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod format;
pub mod load;
pub mod lower;
pub mod model;
pub mod runtime_files;
pub mod source_map;
pub mod validate;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub use diagnostics::{Error, Problem, Warning};
pub use emit::ItemKind;
pub use load::LoadedSpec;
pub use runtime_files::RUNTIME_DEPENDENCIES;

/// The Cargo feature of generated crates that turns on `runtime::mock`:
/// every crate (or package) that includes generated code declares it, as
/// `[features]` `test-util = []`, so that `cfg(feature = "test-util")` is
/// an expected cfg.
pub const TEST_UTIL_FEATURE: &str = "test-util";

/// The generator's version, written into every generated file's header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One formatted item of generated code, for review and snapshots.
#[derive(Debug, Clone)]
pub struct GeneratedItem {
    /// What it is.
    pub kind: ItemKind,
    /// The type or operation name.
    pub name: String,
    /// The formatted source.
    pub code: String,
}

/// The output of one run.
#[derive(Debug)]
pub struct Generated {
    /// The lowered model.
    pub api: model::Api,
    /// File name -> contents, to be written side by side.
    pub files: BTreeMap<String, String>,
    /// Every item, formatted on its own.
    pub items: Vec<GeneratedItem>,
    /// How long emitting and formatting took (not part of the output).
    pub timings: RenderTimings,
    /// The spec's text, for showing warnings with their lines.
    pub source: diagnostics::Source,
}

/// Where [`Generator::render`] spent its time.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderTimings {
    /// Threads used.
    pub threads: usize,
    /// Time spent emitting tokens, summed over threads.
    pub emit: Duration,
    /// Time spent formatting items, summed over threads.
    pub format: Duration,
    /// Wall-clock time of the whole stage, assembling the files included.
    pub wall: Duration,
}

impl Generated {
    /// Where the generator degraded or renamed something.
    pub fn warnings(&self) -> &[Warning] {
        &self.api.warnings
    }

    /// The warnings as a maintainer should see them: each with its file,
    /// line and column and the offending line, in the style of rustc.
    pub fn render_warnings(&self) -> String {
        diagnostics::render_warnings(&self.api.warnings, &self.source)
    }

    /// Writes the files into `dir`, each only if its bytes changed.
    pub fn write_to(&self, dir: &Path) -> Result<(), Error> {
        for (name, contents) in &self.files {
            write::write_if_changed(&dir.join(name), contents)?;
        }
        Ok(())
    }
}

/// Settings for a run.
#[derive(Debug, Clone)]
pub struct Generator {
    module: String,
    settings: Settings,
    threads: Option<usize>,
    doc_path: Option<String>,
}

/// What a run tolerates; the same for the CLI, build scripts and the library.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settings {
    /// Refuse a spec the generator has warnings for (see
    /// [`Generator::deny_warnings`]).
    pub deny_warnings: bool,
    /// Generate from a broken spec anyway (see [`Generator::lenient`]).
    pub lenient: bool,
}

impl Generator {
    /// A generator whose main output file is `<module>.rs`.
    pub fn new(module: impl Into<String>) -> Self {
        Self {
            module: module.into(),
            settings: Settings::default(),
            threads: None,
            doc_path: None,
        }
    }

    /// The path by which code outside the generated crate reaches its
    /// items: the crate name (`flowwise`), or a module of another crate
    /// (`sdk_tests::cashfree_pg`). With it, the spec's examples become doc
    /// examples that rustdoc compiles and runs; without it, they are
    /// checked by the generated unit test only.
    pub fn doc_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.doc_path = Some(path.into());
        self
    }

    /// Turns warnings into an error: a spec the generator had to degrade
    /// or rename something for is refused, with every warning shown.
    pub fn deny_warnings(&mut self, deny: bool) -> &mut Self {
        self.settings.deny_warnings = deny;
        self
    }

    /// All settings at once.
    pub fn settings(&mut self, settings: Settings) -> &mut Self {
        self.settings = settings;
        self
    }

    /// Generates from a broken spec anyway (a `$ref` to nothing, an
    /// undeclared path parameter, ...): each problem becomes a warning and
    /// the generator guesses (`serde_json::Value` for what does not
    /// resolve, a required string for an undeclared path parameter). Off by
    /// default: such a spec is refused, with every problem shown.
    pub fn lenient(&mut self, lenient: bool) -> &mut Self {
        self.settings.lenient = lenient;
        self
    }

    /// Generates code from a loaded spec: [`lower`](Self::lower), then
    /// [`render`](Self::render). The stages are public so that a benchmark
    /// can time each one.
    pub fn generate(&self, spec: &LoadedSpec) -> Result<Generated, Error> {
        let api = self.lower(spec)?;
        self.render(spec, api)
    }

    /// Emits and formats on at most `threads` threads (default: the
    /// machine's parallelism, up to 8). The output is the same whatever the
    /// number.
    pub fn threads(&mut self, threads: usize) -> &mut Self {
        self.threads = Some(threads.max(1));
        self
    }

    /// Stage 2: every decision, into the model; the loader's warnings join
    /// the lowering's.
    pub fn lower(&self, spec: &LoadedSpec) -> Result<model::Api, Error> {
        if !spec.problems.is_empty() && !self.settings.lenient {
            return Err(Error::InvalidSpec(Box::new(diagnostics::InvalidSpec {
                source: spec.source.clone(),
                problems: spec.problems.clone(),
                lenient_would_generate: true,
            })));
        }
        let mut api = lower::lower(&spec.openapi);
        api.doc_path.clone_from(&self.doc_path);
        api.warnings.extend(spec.warnings.iter().cloned());
        if self.settings.lenient {
            // What would have been refused, said where it is.
            api.warnings
                .extend(spec.problems.iter().map(|problem| Warning {
                    pointer: problem.pointer.clone(),
                    message: format!("{} (generated anyway: lenient)", problem.message),
                }));
        }
        api.warnings.sort();
        api.warnings.dedup();
        if self.settings.deny_warnings && !api.warnings.is_empty() {
            return Err(Error::DeniedWarnings(Box::new(
                diagnostics::DeniedWarnings {
                    source: spec.source.clone(),
                    warnings: api.warnings,
                },
            )));
        }
        Ok(api)
    }

    /// Stages 3 and 4: each item of the model emitted as tokens and printed
    /// with prettyplease, then the items put together into the module's
    /// files (in memory: writing is [`Generated::write_to`]). Items are
    /// independent, so they are spread over threads; tokens cannot cross
    /// threads, so an item is emitted and formatted on the same one. Items
    /// are collected by position, so the output does not depend on which
    /// thread did what.
    pub fn render(&self, spec: &LoadedSpec, api: model::Api) -> Result<Generated, Error> {
        let started = Instant::now();
        let threads = self.threads.unwrap_or_else(worker_threads);
        let (items, mut timings) = render_items(&api, threads)?;
        let source_name = spec.file.as_deref().and_then(Path::file_name).map_or_else(
            || "<spec>".to_owned(),
            |name| name.to_string_lossy().into_owned(),
        );
        let header = format!(
            "// @generated by generator {VERSION} from {source_name}.\n// Do not edit by hand: change the spec and regenerate.\n\n"
        );
        let module_file = |part: &str| format!("{}_{part}.rs", self.module);
        let section =
            |kind: ItemKind, prelude: proc_macro2::TokenStream| -> Result<String, Error> {
                let mut text = header.clone();
                let prelude = format::format_items(prelude, "module prelude")?;
                if !prelude.is_empty() {
                    text.push_str(&prelude);
                    text.push('\n');
                }
                // Tag groups are methods too: they go with the operations.
                let in_section = |item: ItemKind| {
                    item == kind || (kind == ItemKind::Operation && item == ItemKind::Group)
                };
                let bodies: Vec<&str> = items
                    .iter()
                    .filter(|i| in_section(i.kind))
                    .map(|i| i.code.as_str())
                    .collect();
                text.push_str(&bodies.join("\n"));
                Ok(text)
            };

        let mut files = BTreeMap::new();
        files.insert(
            format!("{}.rs", self.module),
            section(ItemKind::Client, emit::root_prelude(&api, module_file))?,
        );
        if !api.types.is_empty() {
            files.insert(
                module_file("types"),
                section(ItemKind::Type, emit::types_prelude(&api))?,
            );
        }
        if !api.operations.is_empty() {
            files.insert(
                module_file("operations"),
                section(ItemKind::Operation, emit::operations_prelude(&api))?,
            );
        }
        // The crate's opening docs: `#![doc = include_str!("<module>_docs.md")]`.
        files.insert(
            module_file("docs").replace(".rs", ".md"),
            emit::docs::crate_docs(&api),
        );
        for runtime_file in runtime_files::RUNTIME_FILES {
            files.insert(runtime_file.file_name(), runtime_file.source.to_owned());
        }
        timings.wall = started.elapsed();
        Ok(Generated {
            api,
            files,
            items,
            timings,
            source: spec.source.clone(),
        })
    }
}

/// The module name for a spec file: its stem in snake case.
pub fn module_name(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    lower::names::snake_name(&stem)
        .trim_start_matches("r#")
        .to_owned()
}

/// The one line of a build script: generates `<OUT_DIR>/<spec stem>.rs` from
/// the spec, tells cargo to re-run only when the spec changes, shows
/// warnings through cargo (`cargo:warning`, with the offending lines), and
/// fails the build with every problem when the spec is refused. For
/// settings (warnings as errors, leniency), use [`BuildScript`].
pub fn build_script(spec: impl AsRef<Path>) {
    BuildScript::new(spec).run();
}

/// [`build_script`], returning the error instead of exiting.
pub fn try_build_script(spec: &Path) -> Result<(), Error> {
    BuildScript::new(spec).try_run()
}

/// A build script's generation step, with its settings:
///
/// ```no_run
/// // build.rs: `fn main() {` ... `}`
/// generator::BuildScript::new("specs/flowwise.yaml")
///     .deny_warnings(true) // a degraded type or renamed name fails the build
///     .run();
/// ```
///
/// Setting the environment variable `GENERATOR_DENY_WARNINGS=1` for the
/// build has the same effect, without editing the build script (for CI).
#[derive(Debug, Clone)]
pub struct BuildScript {
    spec: PathBuf,
    settings: Settings,
}

/// The environment variable that turns warnings into errors in build scripts.
pub const DENY_WARNINGS_VAR: &str = "GENERATOR_DENY_WARNINGS";

impl BuildScript {
    /// Generation of `<OUT_DIR>/<spec stem>.rs` from the spec at `spec`
    /// (relative to the package's directory).
    pub fn new(spec: impl AsRef<Path>) -> Self {
        Self {
            spec: spec.as_ref().to_owned(),
            settings: Settings::default(),
        }
    }

    /// Fails the build on any warning (see [`Generator::deny_warnings`]).
    pub fn deny_warnings(mut self, deny: bool) -> Self {
        self.settings.deny_warnings = deny;
        self
    }

    /// All settings at once.
    pub fn settings(&mut self, settings: Settings) -> &mut Self {
        self.settings = settings;
        self
    }

    /// Generates from a broken spec anyway (see [`Generator::lenient`]).
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.settings.lenient = lenient;
        self
    }

    /// Runs the step; on failure, prints the rendered diagnostics for cargo
    /// (which shows a failed build script's output) and exits with status 1.
    pub fn run(self) {
        if let Err(error) = self.try_run() {
            let rendered = error.render();
            // Cargo shows `cargo::error` at the top of a failed build; the
            // whole report, with the offending lines, follows from stderr.
            let summary = rendered.lines().last().unwrap_or_default();
            let summary = summary.strip_prefix("error: ").unwrap_or(summary);
            println!("cargo::error={summary} (every problem is shown below)");
            eprint!("{rendered}");
            std::process::exit(1);
        }
    }

    /// Runs the step, returning the error instead of exiting.
    pub fn try_run(&self) -> Result<(), Error> {
        let spec = &self.spec;
        println!("cargo:rerun-if-changed={}", spec.display());
        println!("cargo:rerun-if-env-changed={DENY_WARNINGS_VAR}");
        let out_dir = std::env::var_os("OUT_DIR")
            .map(PathBuf::from)
            .ok_or_else(|| Error::Io {
                path: spec.to_owned(),
                source: std::io::Error::other("OUT_DIR is not set: call this from a build script"),
            })?;
        let deny_from_env = std::env::var_os(DENY_WARNINGS_VAR)
            .is_some_and(|value| !value.is_empty() && value != "0" && value != "false");
        let loaded = load::load_file(spec)?;
        let settings = Settings {
            deny_warnings: self.settings.deny_warnings || deny_from_env,
            ..self.settings
        };
        let mut generator = Generator::new(module_name(spec));
        generator.settings(settings);
        // Doc examples name the crate the build script builds.
        if let Some(package) = std::env::var_os("CARGO_PKG_NAME") {
            generator.doc_path(package.to_string_lossy().replace('-', "_"));
        }
        let generated = generator.generate(&loaded)?;
        // Cargo shows each `cargo:warning` line on its own; a rendered
        // warning is several lines, so each gets the prefix.
        for line in generated.render_warnings().lines() {
            // Cargo puts its own `warning:` before each line.
            let line = line.strip_prefix("warning: ").unwrap_or(line);
            if !line.is_empty() {
                println!("cargo:warning={line}");
            }
        }
        generated.write_to(&out_dir)
    }
}

/// A standalone crate for a spec, not yet written.
#[derive(Debug)]
pub struct CrateFiles {
    /// The generated code.
    pub generated: Generated,
    /// Path relative to the crate's directory (`Cargo.toml`, `src/lib.rs`,
    /// ...) -> contents.
    pub files: BTreeMap<PathBuf, String>,
}

/// What [`write_crate`] writes for the spec, without writing it (for
/// checking a written crate for staleness).
pub fn crate_files(
    spec: &Path,
    crate_name: Option<&str>,
    settings: Settings,
) -> Result<CrateFiles, Error> {
    let loaded = load::load_file(spec)?;
    let crate_name = match crate_name {
        Some(name) => name.to_owned(),
        None => module_name(spec).replace('_', "-"),
    };
    let generated = Generator::new("api")
        .settings(settings)
        .doc_path(crate_name.replace('-', "_"))
        .generate(&loaded)?;
    let src = Path::new("src");
    let mut files: BTreeMap<PathBuf, String> = generated
        .files
        .iter()
        .map(|(name, contents)| (src.join(name), contents.clone()))
        .collect();
    let info = &generated.api;
    let description = format!(
        "Typed async client for the {}, generated from its OpenAPI spec",
        info.title
    );
    let mut manifest = format!(
        "# @generated by generator {VERSION}. Do not edit by hand: change the spec and regenerate.\n\
         [package]\nname = {name:?}\nversion = \"0.1.0\"\nedition = \"2021\"\nrust-version = \"1.85\"\ndescription = {description:?}\n\n\
         [dependencies]\n",
        name = crate_name,
    );
    for (dependency, spec) in RUNTIME_DEPENDENCIES {
        manifest.push_str(&format!("{dependency} = {spec}\n"));
    }
    manifest.push_str(&format!(
        "\n[features]\n# Mocks for the tests of code that uses this crate: `{}::mock`.\n{TEST_UTIL_FEATURE} = []\n",
        crate_name.replace('-', "_")
    ));
    manifest.push_str(
        "\n# A crate of its own, even when written inside another workspace.\n[workspace]\n",
    );
    files.insert(PathBuf::from("Cargo.toml"), manifest);
    let spec_name = spec
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let lib = format!(
        "// @generated by generator {VERSION} from {spec_name}.\n// Do not edit by hand: change the spec and regenerate.\n\n\
         #![doc = include_str!(\"api_docs.md\")]\n\
         //!\n//! Generated from `{spec_name}`.\n\
         #![forbid(unsafe_code)]\n\ninclude!(\"api.rs\");\n",
    );
    files.insert(src.join("lib.rs"), lib);
    Ok(CrateFiles { generated, files })
}

/// Writes a standalone crate (Cargo.toml and src/) for the spec into `dir`.
pub fn write_crate(
    spec: &Path,
    dir: &Path,
    crate_name: Option<&str>,
    settings: Settings,
) -> Result<Generated, Error> {
    let CrateFiles { generated, files } = crate_files(spec, crate_name, settings)?;
    for (path, contents) in &files {
        write::write_if_changed(&dir.join(path), contents)?;
    }
    Ok(generated)
}

/// How many threads a parallel stage uses: the machine's parallelism, up
/// to 8 (more gain little: parsing and formatting allocate heavily).
pub(crate) fn worker_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Below this many items per thread, another thread costs more than it saves.
const MIN_ITEMS_PER_THREAD: usize = 16;

/// Emits and formats every item on up to `threads` threads, in output order.
fn render_items(
    api: &model::Api,
    threads: usize,
) -> Result<(Vec<GeneratedItem>, RenderTimings), Error> {
    let sources = emit::item_sources(api);
    let threads = threads.clamp(1, (sources.len() / MIN_ITEMS_PER_THREAD).max(1));
    let next = AtomicUsize::new(0);
    // Each worker takes the next item until none is left, and keeps each
    // result with the item's position.
    let work = || {
        let mut done = Vec::new();
        let (mut emit_time, mut format_time) = (Duration::ZERO, Duration::ZERO);
        loop {
            let position = next.fetch_add(1, Ordering::Relaxed);
            let Some(&source) = sources.get(position) else {
                break;
            };
            let emit_started = Instant::now();
            let item = emit::emit_item(api, source);
            let format_started = Instant::now();
            emit_time += format_started - emit_started;
            let what = format!("{:?} `{}`", item.kind, item.name);
            let code = format::format_items(item.tokens, &what);
            format_time += format_started.elapsed();
            let generated = code.map(|code| GeneratedItem {
                kind: item.kind,
                name: item.name,
                code,
            });
            done.push((position, generated));
        }
        (done, emit_time, format_time)
    };
    let results = if threads == 1 {
        vec![work()]
    } else {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            workers
                .into_iter()
                .map(|worker| {
                    // A panic in a worker is a bug of the generator's: pass
                    // it on as it is, as it would be without threads.
                    worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect::<Vec<_>>()
        })
    };
    let mut timings = RenderTimings {
        threads,
        ..RenderTimings::default()
    };
    let mut by_position = Vec::with_capacity(sources.len());
    for (done, emit_time, format_time) in results {
        timings.emit += emit_time;
        timings.format += format_time;
        by_position.extend(done);
    }
    by_position.sort_unstable_by_key(|(position, _)| *position);
    // The first failure in output order, whichever thread met it first.
    let items = by_position
        .into_iter()
        .map(|(_, item)| item)
        .collect::<Result<Vec<_>, _>>()?;
    Ok((items, timings))
}
