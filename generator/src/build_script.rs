//! The build-script front end: generation into `OUT_DIR`, with cargo's
//! re-run rules, and diagnostics shown the way cargo shows a build
//! script's.

use std::path::{Path, PathBuf};

use crate::diagnostics::Error;
use crate::load;
use crate::pipeline::{Generator, Settings, module_name};

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
/// Every setter takes the step and gives it back, so any chain of them
/// ends in [`run`](Self::run) (which consumes it). Setting the environment
/// variable `GENERATOR_DENY_WARNINGS=1` for the build has the same effect
/// as `deny_warnings(true)`, without editing the build script (for CI).
#[derive(Debug, Clone)]
#[must_use = "a build script step does nothing until `run`"]
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
    pub fn settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// Generates from a broken spec anyway (see [`Generator::lenient`]).
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.settings.lenient = lenient;
        self
    }

    /// How the provider signs its webhooks (see
    /// [`Generator::webhook_signature`]).
    pub fn webhook_signature(mut self, scheme: crate::model::WebhookSignature) -> Self {
        self.settings.webhook_signature = Some(scheme);
        self
    }

    /// Generates only what `selection` names and the types it reaches (see
    /// [`Generator::select`]).
    pub fn select(mut self, selection: crate::selection::Selection) -> Self {
        self.settings.selection = selection;
        self
    }

    /// Emits the types alone, without the client (see
    /// [`Generator::types_only`]).
    pub fn types_only(mut self, types_only: bool) -> Self {
        self.settings.types_only = types_only;
        self
    }

    /// Adds the operations of a tag to the selection (see
    /// [`Generator::select`]).
    pub fn select_tag(mut self, tag: impl Into<String>) -> Self {
        self.settings.selection = self.settings.selection.tag(tag);
        self
    }

    /// Adds an operation to the selection, by `operationId`, method name
    /// or `METHOD /path` (see [`Generator::select`]).
    pub fn select_operation(mut self, operation: &str) -> Self {
        self.settings.selection = self.settings.selection.operation(operation);
        self
    }

    /// Adds the operations on a path and under it to the selection
    /// (`/v1/payment_intents`; see [`Generator::select`]).
    pub fn select_path(mut self, prefix: impl Into<String>) -> Self {
        self.settings.selection = self.settings.selection.path(prefix);
        self
    }

    /// Adds a webhook to the selection, by its name in the spec (`*`:
    /// every webhook; see [`Generator::select`]).
    pub fn select_webhook(mut self, name: impl Into<String>) -> Self {
        self.settings.selection = self.settings.selection.webhook(name);
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
            ..self.settings.clone()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setters_chain_in_any_order() {
        let step = BuildScript::new("api.yaml")
            .settings(Settings::default())
            .lenient(true)
            .webhook_signature(crate::model::WebhookSignature::Cashfree)
            .deny_warnings(true);
        assert_eq!(
            step.settings,
            Settings {
                deny_warnings: true,
                lenient: true,
                webhook_signature: Some(crate::model::WebhookSignature::Cashfree),
                selection: crate::selection::Selection::new(),
                types_only: false,
                tag_features: false,
            }
        );
        let step = step.settings(Settings::default()).lenient(false);
        assert_eq!(step.settings, Settings::default());
    }
}
