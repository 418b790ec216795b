//! What every generated crate shares with the generator that made it: the
//! version stamped into its files and the name of its mock feature. A leaf
//! module, so that the stages that write files read these without reaching
//! back into the crate root.

/// The Cargo feature of generated crates that turns on `runtime::mock`:
/// every crate (or package) that includes generated code declares it, as
/// `[features]` `test-util = []`, so that `cfg(feature = "test-util")` is
/// an expected cfg.
pub const TEST_UTIL_FEATURE: &str = "test-util";

/// The generator's version, written into every generated file's header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
