//! The pipeline's settings and stages: [`Generator`] lowers a loaded spec
//! into the model, then renders the model into files.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::diagnostics::{self, Error, Source, Warning};
use crate::emit::files::{self, GeneratedItem};
use crate::generated::{Generated, RenderTimings};
use crate::load::LoadedSpec;
use crate::selection::Selection;
use crate::{emit, format, lower, model, parallel};

/// Settings for a run.
#[derive(Debug, Clone)]
pub struct Generator {
    module: String,
    settings: Settings,
    threads: Option<usize>,
    doc_path: Option<String>,
}

/// What a run tolerates; the same for the CLI, build scripts and the library.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Refuse a spec the generator has warnings for (see
    /// [`Generator::deny_warnings`]).
    pub deny_warnings: bool,
    /// Generate from a broken spec anyway (see [`Generator::lenient`]).
    pub lenient: bool,
    /// How the provider signs its webhooks (see
    /// [`Generator::webhook_signature`]).
    pub webhook_signature: Option<model::WebhookSignature>,
    /// The operations and webhooks to generate, with the types they reach
    /// (see [`Generator::select`]); empty: all.
    pub selection: Selection,
    /// Emit the types alone (see [`Generator::types_only`]).
    pub types_only: bool,
    /// A Cargo feature per tag group (see [`Generator::tag_features`]).
    pub tag_features: bool,
}

/// Below this many items per thread, another thread costs more than it saves.
const MIN_ITEMS_PER_THREAD: usize = 16;

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

    /// How the provider signs its webhooks: the generated `webhooks`
    /// module then verifies with it. Overrides the spec's
    /// `x-webhook-signature`.
    pub fn webhook_signature(&mut self, scheme: model::WebhookSignature) -> &mut Self {
        self.settings.webhook_signature = Some(scheme);
        self
    }

    /// Generates only what `selection` names (operations by tag,
    /// `operationId` or `METHOD /path`; webhooks by name) and exactly the
    /// types it reaches; the rest is absent, not stubbed. What is kept is
    /// named as in the whole client. A selector that matches nothing is an
    /// error that lists what the spec has.
    pub fn select(&mut self, selection: Selection) -> &mut Self {
        self.settings.selection = selection;
        self
    }

    /// Emits the types alone: every schema's type (or, with a selection,
    /// the types it reaches) and the part of the runtime they use (exact
    /// decimals, dates, files, the decoding of `oneOf`s), without the
    /// client, its operations, webhooks or HTTP dependencies; for servers
    /// and queue consumers that share the API's types. The types are the
    /// same as the client's, byte for byte.
    pub fn types_only(&mut self, types_only: bool) -> &mut Self {
        self.settings.types_only = types_only;
        self
    }

    /// Compiles each item only with a Cargo feature that needs it: one
    /// feature per tag group (its operations and the types they reach),
    /// `untagged` for the operations without a tag, `webhooks` for the
    /// webhooks module; `full` turns them all on. For standalone crates
    /// (whose manifest [`crate::write_crate`] then declares them; the CLI's
    /// `generate` turns this on). Ignored for a spec without tags.
    pub fn tag_features(&mut self, tag_features: bool) -> &mut Self {
        self.settings.tag_features = tag_features;
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

    /// Emits and formats on at most `threads` threads (default: the
    /// machine's parallelism, up to 8). The output is the same whatever the
    /// number.
    pub fn threads(&mut self, threads: usize) -> &mut Self {
        self.threads = Some(threads.max(1));
        self
    }

    /// Generates code from a loaded spec: [`lower`](Self::lower), then
    /// [`render`](Self::render). The stages are public so that a benchmark
    /// can time each one.
    pub fn generate(&self, spec: &LoadedSpec) -> Result<Generated, Error> {
        let api = self.lower(spec)?;
        self.render(api, &spec.source)
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
        let api = lower::lower(&spec.openapi);
        let cut = self.settings.selection.cut(api);
        if !cut.unmatched.is_empty() {
            return Err(Error::Selection(Box::new(diagnostics::SelectionError {
                source: spec.source.clone(),
                unmatched: cut.unmatched,
            })));
        }
        let mut api = cut.api;
        if self.settings.types_only {
            crate::selection::keep_types_only(&mut api);
        } else if self.settings.tag_features {
            api.features = crate::features::assign(&api);
        }
        // A type whose schema the loader moved (a webhook's payload, a
        // shared path item's) is documented by where the user wrote it.
        let origins = &spec.source.origins;
        if !origins.is_empty() && !origins.is_whole_document() {
            for def in api.types.values_mut() {
                def.pointer = origins.written(&def.pointer).into_owned();
            }
        }
        api.doc_path.clone_from(&self.doc_path);
        if self.settings.webhook_signature.is_some() {
            api.webhook_signature = self.settings.webhook_signature;
        }
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
    /// files (in memory: writing is [`Generated::write_to`]). `source` is
    /// the spec the model was lowered from: its file name goes into each
    /// file's header, its text into the diagnostics.
    ///
    /// Items are independent, so they are spread over threads; tokens
    /// cannot cross threads, so an item is emitted and formatted on the
    /// same one. The output does not depend on which thread did what.
    pub fn render(&self, api: model::Api, source: &Source) -> Result<Generated, Error> {
        let started = Instant::now();
        let sources = emit::item_sources(&api);
        let threads = self
            .threads
            .unwrap_or_else(parallel::worker_threads)
            .clamp(1, (sources.len() / MIN_ITEMS_PER_THREAD).max(1));
        let rendered = parallel::map_in_order(&sources, threads, |&item| render_item(&api, item));
        let mut timings = RenderTimings {
            threads,
            ..RenderTimings::default()
        };
        let mut items = Vec::with_capacity(rendered.len());
        for (item, emit_time, format_time) in rendered {
            timings.emit += emit_time;
            timings.format += format_time;
            // The first failure in output order, whichever thread met it first.
            items.push(item?);
        }
        let files = files::module_files(&self.module, &api, &items, source.path.as_deref())?;
        timings.wall = started.elapsed();
        Ok(Generated {
            api,
            files,
            items,
            timings,
            source: source.clone(),
        })
    }
}

/// Emits and formats one item, with the time each took.
fn render_item(
    api: &model::Api,
    source: emit::ItemSource<'_>,
) -> (Result<GeneratedItem, Error>, Duration, Duration) {
    let emit_started = Instant::now();
    let item = emit::emit_item(api, source);
    let format_started = Instant::now();
    let what = format!("{:?} `{}`", item.kind, item.name);
    let code = format::format_items(item.tokens, &what);
    let format_time = format_started.elapsed();
    let generated = code.map(|code| GeneratedItem {
        kind: item.kind,
        name: item.name,
        code,
    });
    (generated, format_started - emit_started, format_time)
}

/// The module name for a spec file: its stem in snake case.
pub fn module_name(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    lower::names::unraw(&lower::names::snake_name(&stem)).to_owned()
}
