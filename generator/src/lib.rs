//! Generates typed async Rust clients from OpenAPI 3.0, 3.1 and 3.2 specs
//! (and Swagger 2.0, converted on load).
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

mod build_script;
mod component_schemas;
mod conventions;
pub mod diagnostics;
pub mod diff;
pub mod emit;
mod features;
pub mod format;
mod generated;
pub mod json_pointer;
pub mod load;
mod loader_extensions;
mod local_refs;
pub mod lower;
pub mod model;
mod parallel;
mod path_item_operations;
mod pipeline;
pub mod pointer_origins;
pub mod runtime_files;
pub mod selection;
mod selector;
pub mod source_map;
mod spec_walk;
mod standalone;
pub mod validate;
mod versions;
pub mod write;

pub use build_script::{BuildScript, DENY_WARNINGS_VAR, build_script, try_build_script};
pub use conventions::{NO_PANIC_LINTS, TEST_UTIL_FEATURE, VERSION};
pub use diagnostics::{Error, Problem, Warning};
pub use emit::ItemKind;
pub use emit::files::GeneratedItem;
pub use generated::{Generated, RenderTimings};
pub use load::LoadedSpec;
pub use pipeline::{Generator, Settings, module_name};
pub use runtime_files::RUNTIME_DEPENDENCIES;
pub use selection::{Selection, Selector};
pub use standalone::{CrateFiles, crate_files, write_crate};
