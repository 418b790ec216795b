//! The Cargo features of a standalone crate for a spec with tags: one per
//! tag group (and one for the operations without a tag, one for the
//! webhooks), each compiling its operations and the types they reach, and
//! `full`, the default, for everything.

use std::collections::BTreeMap;

/// The feature that turns every other on; the crate's default.
pub const FULL_FEATURE: &str = "full";

/// Which feature compiles which item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Features {
    /// Every feature but `full`, sorted by name.
    pub features: Vec<Feature>,
    /// Operation (its flat name) -> the features any of which compiles it.
    pub operations: BTreeMap<String, Vec<String>>,
    /// Tag group (its type name) -> the features any of which compiles it.
    pub groups: BTreeMap<String, Vec<String>>,
    /// Type -> the features any of which compiles it; a type that nothing
    /// reaches has `full` alone.
    pub types: BTreeMap<String, Vec<String>>,
    /// The feature of the `webhooks` module, when the API has webhooks.
    pub webhooks: Option<String>,
}

/// One Cargo feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// Its name in `Cargo.toml` (`payment-links`).
    pub name: String,
    /// What it compiles, one line (a comment in `Cargo.toml`, a row of the
    /// crate docs).
    pub docs: String,
    /// The features it turns on too: a tag's nested tags (3.2 `parent`),
    /// whose groups its group returns.
    pub enables: Vec<String>,
}

impl Features {
    /// The features that compile a type (`full` for one nothing reaches).
    pub fn of_type(&self, name: &str) -> &[String] {
        self.types.get(name).map_or(&[], Vec::as_slice)
    }

    /// The features that compile an operation.
    pub fn of_operation(&self, name: &str) -> &[String] {
        self.operations.get(name).map_or(&[], Vec::as_slice)
    }

    /// The features that compile a tag group.
    pub fn of_group(&self, type_name: &str) -> &[String] {
        self.groups.get(type_name).map_or(&[], Vec::as_slice)
    }
}
