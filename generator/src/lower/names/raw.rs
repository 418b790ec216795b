//! Raw identifiers (`r#type`): the bare word behind one. A leaf, so that
//! the allocator and the naming rules both use it without importing each
//! other.

/// The name without a raw-identifier prefix, as written in `serde(rename)`
/// comparisons and messages.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}
