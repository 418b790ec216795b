//! What a run gives: the model, the files (in memory) and how long
//! rendering took.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use crate::diagnostics::{self, Error, Source, Warning};
use crate::emit::files::GeneratedItem;
use crate::{model, write};

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
    pub source: Source,
}

/// Where [`Generator::render`](crate::Generator::render) spent its time.
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
