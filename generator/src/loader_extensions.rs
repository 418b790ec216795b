//! What the loader carries to the lowering that `openapiv3` has no field
//! for, as extensions it adds to the nodes concerned (a leaf module: both
//! stages name them here). The names start with `x-oas-`, which no spec
//! the generator has met uses; a spec that did would have them read the
//! same way.

/// On an array schema: 3.1's `prefixItems` (the schemas of a tuple's
/// items, each already brought to the 3.0 shape); the lowering makes the
/// array a Rust tuple.
pub const PREFIX_ITEMS: &str = "x-oas-prefix-items";

/// On a server: 3.2's `Server.name`, which names its `Environment` variant.
pub const SERVER_NAME: &str = "x-oas-name";
