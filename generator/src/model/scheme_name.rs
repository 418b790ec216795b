//! How operations and credential sets refer to a security scheme.

use std::fmt;

/// A security scheme's name in `components.securitySchemes`: the identity
/// by which operations and credential sets name the schemes they need, and
/// by which the diff matches a scheme across two versions of a spec (an
/// index would change whenever a scheme is added before it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchemeName(String);

impl SchemeName {
    /// The name as the spec writes it.
    pub fn new(name: impl Into<String>) -> Self {
        Self(name.into())
    }

    /// The name as the spec writes it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SchemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
