//! The report: each change with its impact, the verdict over all of them,
//! the semver bump that follows, and how the report reads as text.

use std::fmt;

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// A method on `Client`.
    Operation,
    /// An operation's parameter.
    Parameter,
    /// An operation's request body.
    RequestBody,
    /// An operation's success type.
    Response,
    /// An operation's error enum, or one of its variants.
    Error,
    /// A named type.
    Type,
    /// A struct's `new`.
    Constructor,
    /// A struct's field.
    Field,
    /// A string enum's variant.
    EnumVariant,
    /// A `oneOf` enum's variant.
    Variant,
    /// An `Environment` variant.
    Server,
    /// A `ClientBuilder` credential setter.
    SecurityScheme,
    /// A webhook: a `WebhookEvent` variant, or the signature verifier.
    Webhook,
}

impl Subject {
    /// How the report names it.
    pub fn label(self) -> &'static str {
        match self {
            Subject::Operation => "operation",
            Subject::Parameter => "parameter",
            Subject::RequestBody => "request body",
            Subject::Response => "response",
            Subject::Error => "error",
            Subject::Type => "type",
            Subject::Constructor => "constructor",
            Subject::Field => "field",
            Subject::EnumVariant => "enum variant",
            Subject::Variant => "oneOf variant",
            Subject::Server => "server",
            Subject::SecurityScheme => "security scheme",
            Subject::Webhook => "webhook",
        }
    }
}

/// Whether something appeared, went, or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// Only in the new spec.
    Added,
    /// Only in the old spec.
    Removed,
    /// In both, different.
    Changed,
}

/// What a change does to code written against the old crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// Some such code no longer compiles (or, for reordered arguments,
    /// compiles and means something else).
    Breaking,
    /// New API; such code compiles and behaves as before.
    Addition,
    /// The Rust API is the same; what goes over the wire may differ.
    Compatible,
}

/// One change to the generated Rust API.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Breaking, addition or compatible.
    pub impact: Impact,
    /// The Rust path, e.g. `CreateOrderRequest::order_note` or
    /// `Client::get_order(order_id)`.
    pub path: String,
    /// What it is about.
    pub subject: Subject,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The old form (a Rust type or signature), when there was one.
    pub old: Option<String>,
    /// The new form, when there is one.
    pub new: Option<String>,
    /// Why it has this impact, in terms of code using the crate.
    pub reason: String,
}

impl Change {
    pub(super) fn new(
        impact: Impact,
        subject: Subject,
        path: impl Into<String>,
        kind: ChangeKind,
    ) -> Self {
        Self {
            impact,
            path: path.into(),
            subject,
            kind,
            old: None,
            new: None,
            reason: String::new(),
        }
    }

    pub(super) fn from(mut self, old: impl Into<String>) -> Self {
        self.old = Some(old.into());
        self
    }

    pub(super) fn to(mut self, new: impl Into<String>) -> Self {
        self.new = Some(new.into());
        self
    }

    pub(super) fn why(mut self, reason: impl Into<String>) -> Self {
        self.reason = reason.into();
        self
    }

    /// Whether it breaks code written against the old crate.
    pub fn is_breaking(&self) -> bool {
        self.impact == Impact::Breaking
    }
}

impl fmt::Display for Change {
    /// Two lines: what changed, then why; a width (`{:15}`) pads the
    /// subject so that a list of changes lines up.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = match self.kind {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            ChangeKind::Changed => '~',
        };
        let none = String::new();
        let (old, new) = (
            self.old.as_ref().unwrap_or(&none),
            self.new.as_ref().unwrap_or(&none),
        );
        let what = match self.kind {
            ChangeKind::Added if new.is_empty() => "added".to_owned(),
            ChangeKind::Added => format!("added: {new}"),
            ChangeKind::Removed if old.is_empty() => "removed".to_owned(),
            ChangeKind::Removed => format!("removed (was {old})"),
            ChangeKind::Changed => format!("{old} → {new}"),
        };
        let width = f.width().unwrap_or(0);
        write!(
            f,
            "{sign} {:width$} {}: {what}\n  {:width$}   {}",
            self.subject.label(),
            self.path,
            "",
            self.reason
        )
    }
}

/// The overall outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// The two specs generate the same API and the same docs.
    NoChange,
    /// Only documentation differs.
    DocsOnly,
    /// The Rust API is the same; wire-level details differ.
    Compatible,
    /// New API, nothing broken.
    Additive,
    /// Something breaks code written against the old crate.
    Breaking,
}

/// A semver bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// No release needed.
    None,
    /// `x.y.z` → `x.y.(z+1)`.
    Patch,
    /// `x.y.z` → `x.(y+1).0`.
    Minor,
    /// `x.y.z` → `(x+1).0.0`.
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

impl Verdict {
    /// The bump for a crate at 1.0 or later: breaking → major, additions →
    /// minor, anything else that changed → patch.
    pub fn bump_stable(self) -> Bump {
        match self {
            Verdict::Breaking => Bump::Major,
            Verdict::Additive => Bump::Minor,
            Verdict::Compatible | Verdict::DocsOnly => Bump::Patch,
            Verdict::NoChange => Bump::None,
        }
    }

    /// The bump for a `0.y.z` crate (Cargo treats `y` as the major
    /// version): breaking → minor, anything else that changed → patch.
    pub fn bump_initial(self) -> Bump {
        match self {
            Verdict::Breaking => Bump::Minor,
            Verdict::Additive | Verdict::Compatible | Verdict::DocsOnly => Bump::Patch,
            Verdict::NoChange => Bump::None,
        }
    }

    /// The version after `current` (`x.y.z`), or `None` when `current` is
    /// not of that form. A `0.0.z` crate is incompatible with every other
    /// version anyway, so any change bumps `z`.
    pub fn next_version(self, current: &str) -> Option<String> {
        let core = current.split(['-', '+']).next()?;
        let parts: Vec<u64> = core
            .split('.')
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        let [major, minor, patch] = parts[..] else {
            return None;
        };
        let bump = match (major, minor) {
            (0, 0) if self == Verdict::NoChange => Bump::None,
            (0, 0) => Bump::Patch,
            (0, _) => self.bump_initial(),
            _ => self.bump_stable(),
        };
        // In a 0.y.z crate, `y` plays the major version's part.
        Some(match (bump, major) {
            (Bump::None, _) => current.to_owned(),
            (Bump::Patch, _) => format!("{major}.{minor}.{}", patch + 1),
            (Bump::Minor, _) | (Bump::Major, 0) => format!("{major}.{}.0", minor + 1),
            (Bump::Major, _) => format!("{}.0.0", major + 1),
        })
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::NoChange => "no API change",
            Verdict::DocsOnly => "no API change (documentation changed)",
            Verdict::Compatible => "compatible (the Rust API is unchanged; wire details differ)",
            Verdict::Additive => "compatible (additions only)",
            Verdict::Breaking => "BREAKING",
        })
    }
}

/// The changes between two specs' Rust APIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// `info.title` of the new spec.
    pub title: String,
    /// `info.version` of the old spec.
    pub old_version: String,
    /// `info.version` of the new spec.
    pub new_version: String,
    /// Every change, breaking ones first, then by Rust path.
    pub changes: Vec<Change>,
    /// Whether a description, summary or title changed (never an API change).
    pub docs_changed: bool,
}

impl Report {
    /// Whether any change breaks code written against the old crate.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(Change::is_breaking)
    }

    /// The overall outcome.
    pub fn verdict(&self) -> Verdict {
        let has = |impact| self.changes.iter().any(|c| c.impact == impact);
        if has(Impact::Breaking) {
            Verdict::Breaking
        } else if has(Impact::Addition) {
            Verdict::Additive
        } else if has(Impact::Compatible) {
            Verdict::Compatible
        } else if self.docs_changed {
            Verdict::DocsOnly
        } else {
            Verdict::NoChange
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = self.verdict();
        let version = if self.old_version == self.new_version {
            format!("spec version {} (unchanged)", self.new_version)
        } else {
            format!("spec version {} → {}", self.old_version, self.new_version)
        };
        writeln!(f, "{}: {version}", self.title)?;
        if self.changes.is_empty() {
            writeln!(
                f,
                "No change to the Rust API{}.",
                if self.docs_changed {
                    "; documentation differs"
                } else {
                    ""
                }
            )?;
        } else {
            let count = |impact| self.changes.iter().filter(|c| c.impact == impact).count();
            writeln!(
                f,
                "{} change(s) to the Rust API: {} breaking, {} addition(s), {} compatible{}.",
                self.changes.len(),
                count(Impact::Breaking),
                count(Impact::Addition),
                count(Impact::Compatible),
                if self.docs_changed {
                    "; documentation also differs"
                } else {
                    ""
                }
            )?;
            for (impact, heading) in [
                (
                    Impact::Breaking,
                    "Breaking (code written against the old crate can fail to compile):",
                ),
                (Impact::Addition, "Additions:"),
                (
                    Impact::Compatible,
                    "Compatible (same Rust API; behaviour on the wire differs):",
                ),
            ] {
                let changes: Vec<&Change> =
                    self.changes.iter().filter(|c| c.impact == impact).collect();
                if changes.is_empty() {
                    continue;
                }
                let width = changes
                    .iter()
                    .map(|c| c.subject.label().len())
                    .max()
                    .unwrap_or(0);
                writeln!(f, "\n{heading}")?;
                for change in changes {
                    writeln!(f, "  {change:width$}")?;
                }
            }
            writeln!(f)?;
        }
        writeln!(f, "Verdict: {verdict}.")?;
        write!(
            f,
            "Semver bump for the generated crate: {} for a 0.y.z crate, {} for a crate at 1.0 or later.",
            verdict.bump_initial(),
            verdict.bump_stable()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_versions() {
        assert_eq!(
            Verdict::Breaking.next_version("0.3.1").as_deref(),
            Some("0.4.0")
        );
        assert_eq!(
            Verdict::Additive.next_version("0.3.1").as_deref(),
            Some("0.3.2")
        );
        assert_eq!(
            Verdict::Breaking.next_version("1.2.3").as_deref(),
            Some("2.0.0")
        );
        assert_eq!(
            Verdict::Additive.next_version("1.2.3").as_deref(),
            Some("1.3.0")
        );
        assert_eq!(
            Verdict::DocsOnly.next_version("1.2.3").as_deref(),
            Some("1.2.4")
        );
        assert_eq!(
            Verdict::NoChange.next_version("1.2.3").as_deref(),
            Some("1.2.3")
        );
        assert_eq!(
            Verdict::Breaking.next_version("0.0.7").as_deref(),
            Some("0.0.8")
        );
        assert_eq!(Verdict::Breaking.next_version("one"), None);
    }
}
