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

mod build_script;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod format;
mod generated;
pub mod json_pointer;
pub mod load;
pub mod lower;
pub mod model;
mod parallel;
mod pipeline;
pub mod source_map;
mod standalone;
pub mod validate;
pub mod write;

pub use build_script::{BuildScript, DENY_WARNINGS_VAR, build_script, try_build_script};
pub use diagnostics::{Error, Problem, Warning};
pub use emit::ItemKind;
pub use emit::files::GeneratedItem;
pub use generated::{Generated, RenderTimings};
pub use load::LoadedSpec;
pub use pipeline::{Generator, Settings, module_name};
pub use standalone::{CrateFiles, crate_files, write_crate};

/// The runtime every generated client includes, verbatim.
const RUNTIME_SOURCE: &str = include_str!("../runtime/runtime.rs");

/// The runtime's `oneOf` decoding, included next to [`RUNTIME_SOURCE`].
const RUNTIME_VARIANTS_SOURCE: &str = include_str!("../runtime/variants.rs");

/// The runtime's field decoders: nullable optional fields, and what real
/// servers send that the schema does not quite allow.
const RUNTIME_FIELDS_SOURCE: &str = include_str!("../runtime/fields.rs");

/// The runtime's encoders for structured parameters and non-JSON bodies.
const RUNTIME_ENCODING_SOURCE: &str = include_str!("../runtime/encoding.rs");

/// Mocks for users' tests, compiled only with the generated crate's
/// `test-util` feature (see [`TEST_UTIL_FEATURE`]).
const RUNTIME_MOCK_SOURCE: &str = include_str!("../runtime/mock.rs");

/// The Cargo feature of generated crates that turns on `runtime::mock`:
/// every crate (or package) that includes generated code declares it, as
/// `[features]` `test-util = []`, so that `cfg(feature = "test-util")` is
/// an expected cfg.
pub const TEST_UTIL_FEATURE: &str = "test-util";

/// The generator's version, written into every generated file's header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The dependencies of generated code, as `Cargo.toml` lines.
pub const RUNTIME_DEPENDENCIES: &[(&str, &str)] = &[
    (
        "chrono",
        r#"{ version = "0.4.42", default-features = false, features = ["std", "clock", "serde"] }"#,
    ),
    ("percent-encoding", r#""2.3""#),
    (
        "reqwest",
        r#"{ version = "0.13", default-features = false, features = ["rustls", "http2"] }"#,
    ),
    (
        "rust_decimal",
        r#"{ version = "1.38", default-features = false, features = ["std"] }"#,
    ),
    ("serde", r#"{ version = "1.0.220", features = ["derive"] }"#),
    (
        "serde_json",
        r#"{ version = "1.0.140", features = ["float_roundtrip"] }"#,
    ),
    ("serde_path_to_error", r#""0.1.17""#),
    (
        "tokio",
        r#"{ version = "1", default-features = false, features = ["time"] }"#,
    ),
    (
        "tracing",
        r#"{ version = "0.1.41", default-features = false, features = ["std"] }"#,
    ),
];
