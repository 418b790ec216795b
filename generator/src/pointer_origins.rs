//! Where the nodes of a converted document came from in the one the user
//! wrote, so that diagnostics point into the file the user wrote.
//!
//! A Swagger 2.0 document is converted to 3.0 before anything reads it, and
//! the conversion moves nodes: `#/definitions/Order` becomes
//! `#/components/schemas/Order`, a parameter's `type` moves into its
//! `schema`. Each move is recorded as the new pointer and the old one; a
//! pointer below a moved node moves with it (the longest recorded prefix
//! wins), and one that was never moved is where it was.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// Converted pointers and the pointers they came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PointerOrigins {
    moved: BTreeMap<String, String>,
    /// Whether the whole document was converted from another version
    /// (Swagger 2.0), rather than some of its nodes copied or moved.
    whole_document: bool,
}

impl PointerOrigins {
    /// Records that the node at `written` (in the user's document) is at
    /// `converted` now. The first record for a converted pointer wins: a
    /// node written once and copied to several places (a shared media type)
    /// points back to where it was written.
    pub fn record(&mut self, converted: impl Into<String>, written: impl Into<String>) {
        let (converted, written) = (converted.into(), written.into());
        if converted != written {
            self.moved.entry(converted).or_insert(written);
        }
    }

    /// Adds the records of `other` (the first record of a pointer still wins).
    pub fn extend(&mut self, other: PointerOrigins) {
        self.whole_document |= other.whole_document;
        for (converted, written) in other.moved {
            self.moved.entry(converted).or_insert(written);
        }
    }

    /// Marks these as the records of a whole document's conversion.
    pub fn of_whole_document(mut self) -> Self {
        self.whole_document = true;
        self
    }

    /// Whether the whole document was converted (from Swagger 2.0): then
    /// every schema has a new place, and the generated code names schemas
    /// by where the conversion put them, so that a 2.0 document and its
    /// 3.0 form generate the same code.
    pub fn is_whole_document(&self) -> bool {
        self.whole_document
    }

    /// Whether nothing was moved (a document read as written).
    pub fn is_empty(&self) -> bool {
        self.moved.is_empty()
    }

    /// The pointer in the user's document of the node at `converted`.
    pub fn written<'p>(&self, converted: &'p str) -> Cow<'p, str> {
        if self.moved.is_empty() {
            return Cow::Borrowed(converted);
        }
        // The longest recorded pointer that is `converted` or one of its
        // ancestors: cut `converted` back one segment at a time.
        let mut prefix = converted;
        loop {
            if let Some(written) = self.moved.get(prefix) {
                return Cow::Owned(format!("{written}{}", &converted[prefix.len()..]));
            }
            match prefix.rfind('/') {
                Some(cut) => prefix = &prefix[..cut],
                None => return Cow::Borrowed(converted),
            }
        }
    }
}

impl PointerOrigins {
    /// `text` (a diagnostic's message or help) with each pointer it
    /// quotes (`` `#/components/schemas/A` ``, `$ref: #/components/...`)
    /// written as the user's document has it. A pointer runs from `#/` to
    /// the first backtick, quote, space, comma or semicolon.
    pub fn written_in_text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.moved.is_empty() || !text.contains("#/") {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("#/") {
            out.push_str(&rest[..start]);
            let quoted = &rest[start..];
            let end = quoted
                .find(|c: char| matches!(c, '`' | '"' | '\'' | ',' | ';') || c.is_whitespace())
                .unwrap_or(quoted.len());
            out.push_str(&self.written(&quoted[..end]));
            rest = &quoted[end..];
        }
        out.push_str(rest);
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_quoted_in_messages_are_written_as_the_user_wrote_them() {
        let mut origins = PointerOrigins::default();
        origins.record("#/components/schemas", "#/definitions");
        assert_eq!(
            origins.written_in_text("dangling `$ref`: nothing at `#/components/schemas/Problemo`; did you mean `#/components/schemas/Problem`?"),
            "dangling `$ref`: nothing at `#/definitions/Problemo`; did you mean `#/definitions/Problem`?"
        );
        assert_eq!(
            origins.written_in_text("`$ref: #/components/schemas/A` does not name a schema under #/components/schemas; typed"),
            "`$ref: #/definitions/A` does not name a schema under #/definitions; typed"
        );
    }

    #[test]
    fn pointers_follow_the_longest_moved_ancestor() {
        let mut origins = PointerOrigins::default();
        origins.record("#/components/schemas", "#/definitions");
        origins.record(
            "#/paths/~1a/get/parameters/0/schema",
            "#/paths/~1a/get/parameters/1",
        );
        origins.record(
            "#/paths/~1a/get/parameters/0",
            "#/paths/~1a/get/parameters/1",
        );
        assert_eq!(
            origins.written("#/components/schemas/Order/properties/id"),
            "#/definitions/Order/properties/id"
        );
        assert_eq!(
            origins.written("#/paths/~1a/get/parameters/0/schema/items"),
            "#/paths/~1a/get/parameters/1/items"
        );
        assert_eq!(
            origins.written("#/paths/~1a/get/parameters/0/name"),
            "#/paths/~1a/get/parameters/1/name"
        );
        assert_eq!(origins.written("#/info/title"), "#/info/title");
        // A segment boundary, not a string prefix.
        assert_eq!(
            origins.written("#/components/schemasX"),
            "#/components/schemasX"
        );
    }

    #[test]
    fn the_first_record_of_a_node_wins() {
        let mut origins = PointerOrigins::default();
        origins.record("#/x/content/application~1json/schema", "#/x/schema");
        origins.record("#/x/content/application~1json/schema", "#/y/schema");
        assert_eq!(
            origins.written("#/x/content/application~1json/schema"),
            "#/x/schema"
        );
    }
}
