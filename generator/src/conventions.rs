//! What every generated crate shares with the generator that made it: the
//! version stamped into its files, the name of its mock feature and the
//! lints that keep it from panicking. A leaf
//! module, so that the stages that write files read these without reaching
//! back into the crate root.

/// The Cargo feature of generated crates that turns on `runtime::mock`:
/// every crate (or package) that includes generated code declares it, as
/// `[features]` `test-util = []`, so that `cfg(feature = "test-util")` is
/// an expected cfg.
pub const TEST_UTIL_FEATURE: &str = "test-util";

/// The generator's version, written into every generated file's header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The clippy lints every generated module carries, and the runtime's own
/// `lib.rs` too (a test holds the two lists equal): generated code handles
/// what servers send, and nothing in it may panic on that, whatever the
/// spec. CI runs clippy with warnings denied on every generated client.
pub const NO_PANIC_LINTS: [&str; 7] = [
    "unwrap_used",
    "expect_used",
    "panic",
    "indexing_slicing",
    "unreachable",
    "todo",
    "unimplemented",
];
