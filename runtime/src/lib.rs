//! The client runtime: everything a generated client needs that does not
//! depend on the spec.
//!
//! The generator copies these files into every generated crate rather than
//! depending on this crate: the generated code adds the spec's operations,
//! credential setters and environments as inherent methods on [`Client`]
//! and [`ClientBuilder`], which needs the types local. There each file is
//! one module of `runtime`, `include!`d, with the same `pub use` lines as
//! here (see `generator/src/runtime_files.rs`), so the files are written to
//! compile both ways: they reach each other through `super::`, have no inner
//! attributes or `//!` docs (an included file cannot), and share what is
//! not public with `pub(super)`.
//!
//! Items marked `#[doc(hidden)] pub` are the generated code's interface to
//! the runtime; they are public only so that a spec that does not use them
//! does not trip `dead_code`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// The lints every generated module carries (`generator::NO_PANIC_LINTS`;
// generator/tests/layout.rs holds the two lists equal): nothing here may
// panic on what a server sends.
#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

mod builder;
mod client;
mod credentials;
mod description;
mod encoding;
mod errors;
mod fields;
mod hooks;
mod http;
mod request;
mod responses;
mod retries;
mod signatures;
mod tokens;
mod values;
mod variants;
mod webhooks;

/// Mocks for the tests of code that uses the client: stub each operation's
/// response, inspect the requests sent.
#[cfg(feature = "test-util")]
pub mod mock;

pub use builder::*;
pub use client::*;
pub use description::*;
pub use encoding::*;
pub use errors::*;
pub use fields::*;
pub use hooks::*;
pub use http::*;
pub use request::*;
pub use responses::*;
pub use retries::*;
pub use signatures::*;
pub use tokens::*;
pub use values::*;
pub use variants::*;
pub use webhooks::*;

// The runtime's own unit tests: here only, never copied into generated crates.
#[cfg(test)]
mod tests;
