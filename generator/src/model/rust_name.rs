//! Snake-case Rust names (fields, arguments, methods), which may have to
//! be written as raw identifiers.

use std::fmt;

/// A snake-case Rust identifier, as the naming rules made it: a word that
/// is a keyword is written raw (`r#type`). The model carries the name
/// whole, so that the emitter prints it as one identifier and everything
/// that composes names from it (`with_type`, `ClientBuilder::type`) asks
/// for the bare [`word`](Self::word) instead of stripping a prefix.
///
/// Type and variant names are camel case, and no camel-case word needs a
/// raw identifier (`Self`, the one that would, is renamed): they stay
/// plain strings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustName {
    /// As the code spells it, `r#` included: ordering by it keeps the
    /// order the generated code has always had.
    code: String,
}

impl RustName {
    /// A name the naming rules made: `r#` in front where it must be raw.
    pub fn new(code: impl Into<String>) -> Self {
        Self { code: code.into() }
    }

    /// As the code spells it: `r#type`, `order_id`.
    pub fn as_str(&self) -> &str {
        &self.code
    }

    /// The word without a raw-identifier prefix: `type`, `order_id`; what
    /// `serde(rename)` is compared with and derived names are built from.
    pub fn word(&self) -> &str {
        self.code.strip_prefix("r#").unwrap_or(&self.code)
    }

    /// The names as the code spells them, between separators: the
    /// arguments of `new(order_id, r#type)`.
    pub fn join(names: &[RustName], separator: &str) -> String {
        let spelled: Vec<&str> = names.iter().map(RustName::as_str).collect();
        spelled.join(separator)
    }

    /// Whether the code must write it as a raw identifier.
    pub fn is_raw(&self) -> bool {
        self.code.starts_with("r#")
    }
}

impl fmt::Display for RustName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

impl PartialEq<str> for RustName {
    fn eq(&self, other: &str) -> bool {
        self.code == other
    }
}

impl PartialEq<&str> for RustName {
    fn eq(&self, other: &&str) -> bool {
        self.code == *other
    }
}

#[cfg(test)]
mod tests {
    use super::RustName;

    #[test]
    fn a_raw_name_knows_its_word() {
        let keyword = RustName::new("r#type");
        assert!(keyword.is_raw());
        assert_eq!(keyword.word(), "type");
        assert_eq!(keyword.to_string(), "r#type");
        let plain = RustName::new("order_id");
        assert!(!plain.is_raw());
        assert_eq!(plain.word(), "order_id");
        assert_eq!(plain, "order_id");
    }
}
