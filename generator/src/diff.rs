//! What a spec change does to the generated crate's Rust API, and the
//! semver bump that follows.
//!
//! Both specs are lowered to [`Api`] and compared item by item, by Rust name
//! (a renamed schema is a removed type and an added one). Each rule answers
//! one question: does code written against the crate generated from the old
//! spec still compile, and mean the same, against the crate generated from
//! the new one? If some such code stops compiling, the change is
//! [`Impact::Breaking`]; new API that old code cannot notice is an
//! [`Impact::Addition`]; a change the Rust API does not show (a URL, a wire
//! name, a decoding order) is [`Impact::Compatible`]. Descriptions, summaries
//! and examples never count (they only set [`Report::docs_changed`]).
//!
//! The rules rest on how the emitter shapes the API (see `emit`):
//!
//! - a struct is `#[non_exhaustive]` with `pub` fields, built with
//!   `new(required fields, in `required` order)` and `with_<field>` setters
//!   for the optional ones; a required field is `T`, an optional or nullable
//!   one `Option<T>`; a struct whose fields are all optional derives `Default`;
//! - a string enum has a variant per value plus `Unknown(String)`;
//! - a `oneOf`/`anyOf` is an enum with one variant per alternative;
//! - an alias is `pub type X = T;`;
//! - an operation is `Client::<name>(&self, required params…, [body])`
//!   returning a call builder (`<Name>Call`) with a setter per optional
//!   parameter, awaited for `Result<Response<Success>, Error<OpError>>`; its
//!   error enum has one variant per declared status;
//! - each security scheme is a `ClientBuilder` setter, each server an
//!   `Environment` variant (the first one the default).
//!
//! Which of those enums are `#[non_exhaustive]`, and how parameters are
//! passed, are the constants and the `passing` function below; a unit test
//! checks them against the emitter's output.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use crate::diagnostics::Error;
use crate::lower::names::unraw;
use crate::model::{
    Api, BodyKind, DefaultError, Discriminator, ErrorCase, ErrorResponses, Field, OneOf, Operation,
    ParamLocation, Parameter, ResponseBody, SchemeKind, SecurityScheme, Server, StringEnum, Struct,
    TypeDef, TypeKind, TypeRef,
};

/// String enums are `#[non_exhaustive]`: a new value is an addition.
pub const STRING_ENUMS_NON_EXHAUSTIVE: bool = true;
/// The per-operation error enums are `#[non_exhaustive]`: a new status is an
/// addition.
pub const ERROR_ENUMS_NON_EXHAUSTIVE: bool = true;
/// `oneOf`/`anyOf` enums are exhaustive: a new variant breaks `match`es.
pub const ONE_OF_NON_EXHAUSTIVE: bool = false;
/// `Environment` (one variant per server) is exhaustive: a new server breaks
/// `match`es on it.
pub const ENVIRONMENT_NON_EXHAUSTIVE: bool = false;
/// Whether optional parameters (and an optional body) are setters on a call
/// builder (`client.op(required…).optional(x).await`) rather than positional
/// `Option` arguments. The comparison knows both ways: a new optional
/// setter is an addition, a new positional argument is breaking.
pub const OPTIONAL_PARAMS_AS_SETTERS: bool = true;

/// How an input reaches an operation's method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Passing {
    /// A positional argument: every call passes it, in this position.
    Positional,
    /// A builder setter: calls name only the ones they set.
    Setter,
}

/// The one rule for how a parameter or request body is passed, by whether
/// the caller must give it.
fn passing(required: bool) -> Passing {
    if OPTIONAL_PARAMS_AS_SETTERS && !required {
        Passing::Setter
    } else {
        Passing::Positional
    }
}

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
    fn new(impact: Impact, subject: Subject, path: impl Into<String>, kind: ChangeKind) -> Self {
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

    fn from(mut self, old: impl Into<String>) -> Self {
        self.old = Some(old.into());
        self
    }

    fn to(mut self, new: impl Into<String>) -> Self {
        self.new = Some(new.into());
        self
    }

    fn why(mut self, reason: impl Into<String>) -> Self {
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

/// Loads, lowers and compares two spec files.
pub fn diff_files(old: &Path, new: &Path) -> Result<Report, Error> {
    // A broken spec is refused here as it is by generation: what it would
    // generate is a guess, and so would be a diff of it.
    let generator = crate::Generator::new("api");
    let old = generator.lower(&crate::load::load_file(old)?)?;
    let new = generator.lower(&crate::load::load_file(new)?)?;
    Ok(diff(&old, &new))
}

/// Compares two lowered APIs.
pub fn diff(old: &Api, new: &Api) -> Report {
    let mut c = Collector::default();
    c.docs(&old.title, &new.title);
    c.docs(&old.version, &new.version);
    c.docs(&old.description, &new.description);
    compare_types(&mut c, &old.types, &new.types);
    compare_operations(&mut c, &old.operations, &new.operations);
    compare_schemes(&mut c, &old.security_schemes, &new.security_schemes);
    compare_group_calls(&mut c, old, new);
    compare_credential_sets(&mut c, old, new);
    compare_servers(&mut c, &old.servers, &new.servers);
    let mut changes = c.changes;
    changes.sort();
    changes.dedup();
    Report {
        title: new.title.clone(),
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        changes,
        docs_changed: c.docs_changed,
    }
}

#[derive(Default)]
struct Collector {
    changes: Vec<Change>,
    docs_changed: bool,
}

impl Collector {
    fn push(&mut self, change: Change) {
        self.changes.push(change);
    }

    fn docs<T: PartialEq>(&mut self, old: &T, new: &T) {
        if old != new {
            self.docs_changed = true;
        }
    }
}

// ----- Rust forms, as the emitter writes them ------------------------------

/// A type reference as Rust.
fn rust(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::Decimal => "Decimal".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Date => "Date".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::JsonObject => "serde_json::Map<String, serde_json::Value>".to_owned(),
        TypeRef::File => "File".to_owned(),
        TypeRef::Named(name) => unraw(name).to_owned(),
        TypeRef::List(item) => format!("Vec<{}>", rust(item)),
        TypeRef::Boxed(inner) => format!("Box<{}>", rust(inner)),
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", rust(value)),
    }
}

/// The field's type as stored in the struct: a required field is `T`, an
/// optional or a nullable one `Option<T>`, and an optional nullable one
/// `Option<Option<T>>` (absent, `null` and a value are three things).
fn stored(field: &Field) -> String {
    let ty = rust(&field.ty);
    match (field.required, field.nullable) {
        (true, false) => ty,
        (true, true) | (false, false) => format!("Option<{ty}>"),
        (false, true) => format!("Option<Option<{ty}>>"),
    }
}

/// How the method (or setter) takes an input of type `ty`: an optional
/// positional argument is an `Option`.
fn taken(ty: String, required: bool) -> String {
    if required || passing(required) == Passing::Setter {
        ty
    } else {
        format!("Option<{ty}>")
    }
}

/// How a parameter is taken.
fn param_type(param: &Parameter) -> String {
    let ty = match &param.ty {
        TypeRef::String => "&str".to_owned(),
        TypeRef::List(item) => format!("&[{}]", rust(item)),
        other => rust(other),
    };
    taken(ty, param.required)
}

fn location(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

fn success_type(op: &Operation) -> String {
    match &op.success {
        ResponseBody::Json(ty) => rust(ty),
        ResponseBody::Empty => "()".to_owned(),
        ResponseBody::Bytes => "Vec<u8>".to_owned(),
        ResponseBody::Text => "String".to_owned(),
    }
}

fn error_type(op: &Operation) -> String {
    match &op.errors.type_name {
        Some(name) => unraw(name).to_owned(),
        None => "NoDeclaredErrors".to_owned(),
    }
}

/// One input of an operation's method.
struct Input {
    name: String,
    subject: Subject,
    ty: String,
    passing: Passing,
    /// Where it goes on the wire, for reporting wire-only changes.
    wire: String,
}

fn inputs(op: &Operation) -> Vec<Input> {
    let mut inputs: Vec<Input> = op
        .params
        .iter()
        .map(|p| {
            let mut wire = format!("{} `{}`", location(p.location), p.wire_name);
            if let Some(default) = &p.default {
                wire.push_str(&format!(", default `{default}`"));
            }
            if p.idempotency_key {
                wire.push_str(", idempotency key");
            }
            Input {
                name: p.name.clone(),
                subject: Subject::Parameter,
                ty: param_type(p),
                passing: passing(p.required),
                wire,
            }
        })
        .collect();
    if let Some(body) = &op.body {
        let ty = match &body.kind {
            // How the body is encoded (JSON, form, multipart) is not part of
            // the Rust API; what the caller passes is.
            BodyKind::Json(ty) | BodyKind::Form(ty) | BodyKind::Multipart { ty, .. } => {
                format!("&{}", rust(ty))
            }
            BodyKind::Text => "&str".to_owned(),
            BodyKind::Bytes => "Vec<u8>".to_owned(),
        };
        inputs.push(Input {
            name: "body".to_owned(),
            subject: Subject::RequestBody,
            ty: taken(ty, body.required),
            passing: passing(body.required),
            wire: format!("`{}`", body.content_type),
        });
    }
    inputs
}

/// The method's signature, as a reviewer reads it.
fn signature(op: &Operation) -> String {
    let inputs = inputs(op);
    let show = |passing: Passing, separator: &str| -> String {
        let shown: Vec<String> = inputs
            .iter()
            .filter(|i| i.passing == passing)
            .map(|i| match passing {
                Passing::Positional => format!("{}: {}", i.name, i.ty),
                Passing::Setter => format!(".{}({})", i.name, i.ty),
            })
            .collect();
        shown.join(separator)
    };
    let result = format!(
        "Result<Response<{}>, Error<{}>>",
        success_type(op),
        error_type(op)
    );
    if OPTIONAL_PARAMS_AS_SETTERS {
        let setters = show(Passing::Setter, ", ");
        let setters = if setters.is_empty() {
            String::new()
        } else {
            format!(" (setters {setters})")
        };
        format!(
            "fn {}({}) -> {}{setters}; .await gives {result}",
            op.name,
            show(Passing::Positional, ", "),
            unraw(&op.builder_name),
        )
    } else {
        format!(
            "async fn {}({}) -> {result}",
            op.name,
            show(Passing::Positional, ", ")
        )
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "string enum",
        TypeKind::OneOf(_) => "oneOf enum",
        TypeKind::Alias(_) => "type alias",
    }
}

fn type_summary(def: &TypeDef) -> String {
    match &def.kind {
        TypeKind::Struct(object) => format!(
            "struct, {} field(s), new({})",
            object.fields.len(),
            object.constructor_args.join(", ")
        ),
        TypeKind::Enum(values) => {
            let names: Vec<&str> = values.variants.iter().map(|v| v.name.as_str()).collect();
            format!("enum {{ {}, Unknown(String) }}", names.join(", "))
        }
        TypeKind::OneOf(one_of) => {
            let variants: Vec<String> = one_of
                .variants
                .iter()
                .map(|v| format!("{}({})", v.name, rust(&v.ty)))
                .collect();
            format!("enum {{ {} }}", variants.join(", "))
        }
        TypeKind::Alias(target) => format!("type = {}", rust(target)),
    }
}

/// The type's shape without its docs or source, for spotting renames.
fn shape(kind: &TypeKind) -> TypeKind {
    match kind {
        TypeKind::Struct(object) => {
            let mut object = object.clone();
            for field in &mut object.fields {
                field.docs = None;
            }
            TypeKind::Struct(object)
        }
        TypeKind::Enum(_) | TypeKind::OneOf(_) | TypeKind::Alias(_) => kind.clone(),
    }
}

// ----- Types -----------------------------------------------------------------

fn compare_types(
    c: &mut Collector,
    old: &BTreeMap<String, TypeDef>,
    new: &BTreeMap<String, TypeDef>,
) {
    for (name, def) in old {
        match new.get(name) {
            Some(new_def) => compare_type(c, def, new_def),
            None => {
                let twin = new
                    .iter()
                    .find(|(n, d)| !old.contains_key(*n) && shape(&d.kind) == shape(&def.kind))
                    .map(|(n, _)| n);
                let mut reason = format!("code naming `{}` no longer compiles", unraw(name));
                if let Some(twin) = twin {
                    reason.push_str(&format!(
                        "; `{}` has the same shape (a rename, which is still breaking)",
                        unraw(twin)
                    ));
                }
                c.push(
                    Change::new(
                        Impact::Breaking,
                        Subject::Type,
                        unraw(name),
                        ChangeKind::Removed,
                    )
                    .from(type_summary(def))
                    .why(reason),
                );
            }
        }
    }
    for (name, def) in new {
        if !old.contains_key(name) {
            c.push(
                Change::new(
                    Impact::Addition,
                    Subject::Type,
                    unraw(name),
                    ChangeKind::Added,
                )
                .to(type_summary(def))
                .why("a new type"),
            );
        }
    }
}

fn compare_type(c: &mut Collector, old: &TypeDef, new: &TypeDef) {
    c.docs(&old.docs, &new.docs);
    let name = unraw(&new.name);
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => compare_struct(c, name, a, b),
        (TypeKind::Enum(a), TypeKind::Enum(b)) => compare_enum(c, name, a, b),
        (TypeKind::OneOf(a), TypeKind::OneOf(b)) => compare_one_of(c, name, a, b),
        (TypeKind::Alias(a), TypeKind::Alias(b)) => {
            if a != b {
                c.push(
                    Change::new(Impact::Breaking, Subject::Type, name, ChangeKind::Changed)
                        .from(format!("type = {}", rust(a)))
                        .to(format!("type = {}", rust(b)))
                        .why("the alias names another type: code using it as the old one no longer compiles"),
                );
            }
        }
        // A new shape needs an arm above with its own rules; until then,
        // any difference is breaking.
        (TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::OneOf(_) | TypeKind::Alias(_), _) => c
            .push(
                Change::new(Impact::Breaking, Subject::Type, name, ChangeKind::Changed)
                    .from(format!("{} ({})", kind_name(&old.kind), type_summary(old)))
                    .to(format!("{} ({})", kind_name(&new.kind), type_summary(new)))
                    .why(format!(
                        "a {} became a {}: code using it as the former no longer compiles",
                        kind_name(&old.kind),
                        kind_name(&new.kind)
                    )),
            ),
    }
}

fn compare_struct(c: &mut Collector, name: &str, old: &Struct, new: &Struct) {
    for field in &old.fields {
        let path = format!("{name}::{}", field.name);
        let setter = format!("`with_{}`", unraw(&field.name));
        match new.fields.iter().find(|f| f.name == field.name) {
            Some(new_field) => compare_field(c, &path, field, new_field),
            None => c.push(
                Change::new(Impact::Breaking, Subject::Field, path, ChangeKind::Removed)
                    .from(stored(field))
                    .why(if field.required {
                        format!(
                            "code reading `.{}` no longer compiles, and `{name}::new` loses an argument",
                            field.name
                        )
                    } else {
                        format!(
                            "code reading `.{}` or calling {setter} no longer compiles",
                            field.name
                        )
                    }),
            ),
        }
    }
    for field in &new.fields {
        if old.fields.iter().any(|f| f.name == field.name) {
            continue;
        }
        let path = format!("{name}::{}", field.name);
        let change = Change::new(Impact::Addition, Subject::Field, path, ChangeKind::Added)
            .to(stored(field));
        c.push(if field.required {
            Change {
                impact: Impact::Breaking,
                ..change
            }
            .why(format!(
                "a required field: `{name}::new` takes a new argument, so every call of it breaks"
            ))
        } else {
            change.why(format!(
                "optional: set with `with_{}`; the struct is #[non_exhaustive]",
                unraw(&field.name)
            ))
        });
    }

    // `new` takes the required fields in `required` order.
    let common = |args: &[String], other: &[String]| -> Vec<String> {
        args.iter().filter(|a| other.contains(a)).cloned().collect()
    };
    let (old_args, new_args) = (
        common(&old.constructor_args, &new.constructor_args),
        common(&new.constructor_args, &old.constructor_args),
    );
    if old_args != new_args {
        c.push(
            Change::new(
                Impact::Breaking,
                Subject::Constructor,
                format!("{name}::new"),
                ChangeKind::Changed,
            )
            .from(format!("new({})", old.constructor_args.join(", ")))
            .to(format!("new({})", new.constructor_args.join(", ")))
            .why("the required fields are listed in another order, so `new` takes its arguments in another order"),
        );
    }

    let derives_default = |object: &Struct| object.fields.iter().all(|f| !f.required);
    match (derives_default(old), derives_default(new)) {
        (true, false) => c.push(
            Change::new(Impact::Breaking, Subject::Type, name, ChangeKind::Changed)
                .from("impl Default")
                .to("no Default")
                .why(format!(
                    "a field is now required, so `{name}::default()` no longer compiles"
                )),
        ),
        (false, true) => c.push(
            Change::new(Impact::Addition, Subject::Type, name, ChangeKind::Changed)
                .from("no Default")
                .to("impl Default")
                .why("every field is optional now, so the struct derives `Default`"),
        ),
        _ => {}
    }

    let map = |(field, value): &(String, TypeRef)| {
        (
            format!("{name}::{field}"),
            format!("BTreeMap<String, {}>", rust(value)),
        )
    };
    match (&old.additional_properties, &new.additional_properties) {
        (None, None) => {}
        (None, Some(added)) => {
            let (path, ty) = map(added);
            c.push(
                Change::new(Impact::Addition, Subject::Field, path, ChangeKind::Added)
                    .to(ty)
                    .why("keeps the properties not listed (`additionalProperties`); the struct is #[non_exhaustive]"),
            );
        }
        (Some(removed), None) => {
            let (path, ty) = map(removed);
            c.push(
                Change::new(Impact::Breaking, Subject::Field, path, ChangeKind::Removed)
                    .from(ty)
                    .why("code reading the map of other properties no longer compiles"),
            );
        }
        (Some(a), Some(b)) if a != b => {
            let ((old_path, old_ty), (new_path, new_ty)) = (map(a), map(b));
            c.push(
                Change::new(Impact::Breaking, Subject::Field, new_path, ChangeKind::Changed)
                    .from(format!("{old_path}: {old_ty}"))
                    .to(new_ty)
                    .why("the map of other properties is renamed or retyped: code reading it no longer compiles"),
            );
        }
        (Some(_), Some(_)) => {}
    }
}

fn compare_field(c: &mut Collector, path: &str, old: &Field, new: &Field) {
    c.docs(&old.docs, &new.docs);
    let (old_ty, new_ty) = (stored(old), stored(new));
    let role = |f: &Field| match (f.required, f.nullable) {
        (true, false) => "required",
        (true, true) => "required, nullable",
        (false, false) => "optional",
        (false, true) => "optional, nullable",
    };
    let setter = format!("`with_{}`", unraw(&new.name));
    if old.ty != new.ty {
        c.push(
            Change::new(Impact::Breaking, Subject::Field, path, ChangeKind::Changed)
                .from(old_ty)
                .to(new_ty)
                .why("the field's type changed: code reading or setting it no longer compiles"),
        );
    } else if old_ty != new_ty || old.required != new.required {
        let mut effects = Vec::new();
        if old_ty != new_ty {
            effects.push(format!("reads get `{new_ty}`"));
        }
        match (old.required, new.required) {
            (false, true) => {
                effects.push(format!("`new` takes a new argument and {setter} is gone"))
            }
            (true, false) => {
                effects.push(format!("`new` no longer takes it (set it with {setter})"))
            }
            _ => {}
        }
        if !old.required && !new.required && old.nullable != new.nullable {
            let null_setter = format!("`with_{}_null`", unraw(&new.name));
            effects.push(if new.nullable {
                format!("{null_setter} appears")
            } else {
                format!("{null_setter} is gone")
            });
        }
        c.push(
            Change::new(Impact::Breaking, Subject::Field, path, ChangeKind::Changed)
                .from(format!("{old_ty} ({})", role(old)))
                .to(format!("{new_ty} ({})", role(new)))
                .why(format!("now {}: {}", role(new), effects.join("; "))),
        );
    } else if old.nullable != new.nullable {
        // Not a shape the emitter has today (nullability always shows in
        // the stored type), but harmless if it comes to be.
        c.push(
            Change::new(
                Impact::Compatible,
                Subject::Field,
                path,
                ChangeKind::Changed,
            )
            .from(role(old))
            .to(role(new))
            .why(format!(
                "still `{new_ty}`: only whether the server may send `null` changed"
            )),
        );
    }
    if old.wire_name != new.wire_name {
        c.push(
            Change::new(
                Impact::Compatible,
                Subject::Field,
                path,
                ChangeKind::Changed,
            )
            .from(format!("JSON property `{}`", old.wire_name))
            .to(format!("JSON property `{}`", new.wire_name))
            .why("the Rust name is the same; the JSON it maps to is not"),
        );
    }
}

fn compare_enum(c: &mut Collector, name: &str, old: &StringEnum, new: &StringEnum) {
    for variant in &old.variants {
        let path = format!("{name}::{}", variant.name);
        match new.variants.iter().find(|v| v.name == variant.name) {
            None => c.push(
                Change::new(Impact::Breaking, Subject::EnumVariant, path, ChangeKind::Removed)
                    .from(format!("\"{}\"", variant.wire_value))
                    .why(format!(
                        "code naming `{name}::{}` no longer compiles; the value now decodes as `Unknown`",
                        variant.name
                    )),
            ),
            Some(now) if now.wire_value != variant.wire_value => c.push(
                Change::new(Impact::Compatible, Subject::EnumVariant, path, ChangeKind::Changed)
                    .from(format!("\"{}\"", variant.wire_value))
                    .to(format!("\"{}\"", now.wire_value))
                    .why("the Rust name is the same; the value on the wire is not"),
            ),
            Some(_) => {}
        }
    }
    for variant in &new.variants {
        if old.variants.iter().any(|v| v.name == variant.name) {
            continue;
        }
        let change = Change::new(
            Impact::Addition,
            Subject::EnumVariant,
            format!("{name}::{}", variant.name),
            ChangeKind::Added,
        )
        .to(format!("\"{}\"", variant.wire_value));
        c.push(if STRING_ENUMS_NON_EXHAUSTIVE {
            change.why(format!(
                "the enum is #[non_exhaustive]; the value used to decode as `Unknown(\"{}\")`",
                variant.wire_value
            ))
        } else {
            Change {
                impact: Impact::Breaking,
                ..change
            }
            .why("the enum is exhaustive: `match`es without a wildcard no longer compile")
        });
    }
    let order = |values: &StringEnum, other: &StringEnum| -> Vec<String> {
        values
            .variants
            .iter()
            .filter(|v| other.variants.iter().any(|o| o.name == v.name))
            .map(|v| v.name.clone())
            .collect()
    };
    let (old_order, new_order) = (order(old, new), order(new, old));
    if old_order != new_order {
        c.push(
            Change::new(Impact::Compatible, Subject::Type, name, ChangeKind::Changed)
                .from(old_order.join(", "))
                .to(new_order.join(", "))
                .why("the values are listed in another order: the derived `Ord` sorts them differently"),
        );
    }
}

fn discriminator_summary(discriminator: &Option<Discriminator>) -> String {
    match discriminator {
        None => "no discriminator".to_owned(),
        Some(d) => {
            let mapping: Vec<String> = d
                .mapping
                .iter()
                .map(|(value, variant)| format!("{value} => {variant}"))
                .collect();
            format!("`{}`: {}", d.property, mapping.join(", "))
        }
    }
}

fn compare_one_of(c: &mut Collector, name: &str, old: &OneOf, new: &OneOf) {
    for variant in &old.variants {
        let path = format!("{name}::{}", variant.name);
        match new.variants.iter().find(|v| v.name == variant.name) {
            None => c.push(
                Change::new(Impact::Breaking, Subject::Variant, path, ChangeKind::Removed)
                    .from(format!("{}({})", variant.name, rust(&variant.ty)))
                    .why(format!(
                        "code naming `{name}::{}` no longer compiles",
                        variant.name
                    )),
            ),
            Some(now) if now.ty != variant.ty => c.push(
                Change::new(Impact::Breaking, Subject::Variant, path, ChangeKind::Changed)
                    .from(format!("{}({})", variant.name, rust(&variant.ty)))
                    .to(format!("{}({})", now.name, rust(&now.ty)))
                    .why("the variant holds another type: code building or matching it no longer compiles"),
            ),
            // The variant's JSON shape follows from its type, whose own
            // changes are reported where that type is.
            Some(_) => {}
        }
    }
    for variant in &new.variants {
        if old.variants.iter().any(|v| v.name == variant.name) {
            continue;
        }
        let change = Change::new(
            Impact::Breaking,
            Subject::Variant,
            format!("{name}::{}", variant.name),
            ChangeKind::Added,
        )
        .to(format!("{}({})", variant.name, rust(&variant.ty)));
        c.push(if ONE_OF_NON_EXHAUSTIVE {
            Change {
                impact: Impact::Addition,
                ..change
            }
            .why("the enum is #[non_exhaustive]")
        } else {
            change.why(format!(
                "`{name}` is an exhaustive enum: `match`es on it without a wildcard no longer compile"
            ))
        });
    }
    let order = |one_of: &OneOf, other: &OneOf| -> Vec<String> {
        one_of
            .variants
            .iter()
            .filter(|v| other.variants.iter().any(|o| o.name == v.name))
            .map(|v| v.name.clone())
            .collect()
    };
    let (old_order, new_order) = (order(old, new), order(new, old));
    if old_order != new_order {
        c.push(
            Change::new(Impact::Compatible, Subject::Type, name, ChangeKind::Changed)
                .from(old_order.join(", "))
                .to(new_order.join(", "))
                .why("the alternatives are listed in another order: a value that fits several may decode as another variant"),
        );
    }
    if old.discriminator != new.discriminator {
        c.push(
            Change::new(Impact::Compatible, Subject::Type, name, ChangeKind::Changed)
                .from(discriminator_summary(&old.discriminator))
                .to(discriminator_summary(&new.discriminator))
                .why("the discriminator changed: the same Rust API, but JSON may decode as another variant"),
        );
    }
}

// ----- Operations --------------------------------------------------------------

fn compare_operations(c: &mut Collector, old: &[Operation], new: &[Operation]) {
    for op in old {
        let path = format!("Client::{}", unraw(&op.name));
        match new.iter().find(|o| o.name == op.name) {
            Some(now) => compare_operation(c, &path, op, now),
            None => c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::Operation,
                    path,
                    ChangeKind::Removed,
                )
                .from(format!("{} {}", op.method, op.path))
                .why(format!("calls of `{}` no longer compile", op.name)),
            ),
        }
    }
    for op in new {
        if !old.iter().any(|o| o.name == op.name) {
            let mut change = Change::new(
                Impact::Addition,
                Subject::Operation,
                format!("Client::{}", unraw(&op.name)),
                ChangeKind::Added,
            )
            .to(signature(op))
            .why(format!("a new method, for `{} {}`", op.method, op.path));
            if let Some(errors) = &op.errors.type_name {
                change.reason.push_str(&format!(
                    "; its errors: `{}` ({})",
                    unraw(errors),
                    cases_summary(&op.errors)
                ));
            }
            c.push(change);
        }
    }
}

/// Calls through tag groups (`client.orders().create(..)`), by the Rust
/// path a caller writes, with the flat operation each starts.
fn group_calls(api: &Api) -> BTreeMap<String, String> {
    api.tag_groups
        .iter()
        .flat_map(|group| {
            group.members.iter().map(move |member| {
                (
                    format!(
                        "Client::{}().{}",
                        unraw(&group.accessor),
                        unraw(&member.name)
                    ),
                    member.operation.clone(),
                )
            })
        })
        .collect()
}

fn compare_group_calls(c: &mut Collector, old: &Api, new: &Api) {
    let (old_calls, new_calls) = (group_calls(old), group_calls(new));
    for (path, operation) in &old_calls {
        match new_calls.get(path) {
            None => c.push(
                Change::new(Impact::Breaking, Subject::Operation, path, ChangeKind::Removed)
                    .from(format!("Client::{}", unraw(operation)))
                    .why("calls through the tag group no longer compile (a tag or its operation renamed or removed)"),
            ),
            Some(now) if now != operation => c.push(
                Change::new(Impact::Breaking, Subject::Operation, path, ChangeKind::Changed)
                    .from(format!("Client::{}", unraw(operation)))
                    .to(format!("Client::{}", unraw(now)))
                    .why("the same call through the tag group now starts another operation"),
            ),
            Some(_) => {}
        }
    }
    for (path, operation) in &new_calls {
        if !old_calls.contains_key(path) {
            c.push(
                Change::new(
                    Impact::Addition,
                    Subject::Operation,
                    path,
                    ChangeKind::Added,
                )
                .to(format!("Client::{}", unraw(operation)))
                .why("a new call through a tag group"),
            );
        }
    }
}

fn compare_credential_sets(c: &mut Collector, old: &Api, new: &Api) {
    let sets = |api: &Api| -> BTreeMap<String, Vec<String>> {
        api.credential_sets
            .iter()
            .map(|set| {
                (
                    format!("ClientBuilder::{}", unraw(&set.setter)),
                    set.schemes.clone(),
                )
            })
            .collect()
    };
    let (old_sets, new_sets) = (sets(old), sets(new));
    for (path, schemes) in &old_sets {
        match new_sets.get(path) {
            None => c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::SecurityScheme,
                    path,
                    ChangeKind::Removed,
                )
                .from(schemes.join(" + "))
                .why("calls of the credential set's setter no longer compile"),
            ),
            Some(now) if now != schemes => c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::SecurityScheme,
                    path,
                    ChangeKind::Changed,
                )
                .from(schemes.join(" + "))
                .to(now.join(" + "))
                .why("the setter takes other credentials"),
            ),
            Some(_) => {}
        }
    }
    for (path, schemes) in &new_sets {
        if !old_sets.contains_key(path) {
            c.push(
                Change::new(
                    Impact::Addition,
                    Subject::SecurityScheme,
                    path,
                    ChangeKind::Added,
                )
                .to(schemes.join(" + "))
                .why("a new setter for a set of credentials operations accept"),
            );
        }
    }
}

fn cases_summary(errors: &ErrorResponses) -> String {
    let mut cases: Vec<String> = errors.cases.iter().map(case_summary).collect();
    cases.extend(errors.default.as_ref().map(default_summary));
    cases.join(", ")
}

fn case_summary(case: &ErrorCase) -> String {
    match &case.body {
        Some(body) => format!("{} {}({})", case.status, case.variant, rust(body)),
        None => format!("{} {}", case.status, case.variant),
    }
}

fn security_summary(security: &[Vec<String>]) -> BTreeSet<BTreeSet<String>> {
    security
        .iter()
        .map(|alternative| alternative.iter().cloned().collect())
        .collect()
}

fn show_security(security: &BTreeSet<BTreeSet<String>>) -> String {
    if security.is_empty() {
        return "no credentials".to_owned();
    }
    let alternatives: Vec<String> = security
        .iter()
        .map(|all| all.iter().cloned().collect::<Vec<_>>().join(" + "))
        .collect();
    alternatives.join(" or ")
}

fn compare_operation(c: &mut Collector, path: &str, old: &Operation, new: &Operation) {
    c.docs(&old.summary, &new.summary);
    c.docs(&old.description, &new.description);
    for param in &old.params {
        if let Some(now) = new.params.iter().find(|p| p.name == param.name) {
            c.docs(&param.docs, &now.docs);
        }
    }
    if let (Some(a), Some(b)) = (&old.body, &new.body) {
        c.docs(&a.docs, &b.docs);
    }
    if (&old.method, &old.path) != (&new.method, &new.path) {
        c.push(
            Change::new(
                Impact::Compatible,
                Subject::Operation,
                path,
                ChangeKind::Changed,
            )
            .from(format!("{} {}", old.method, old.path))
            .to(format!("{} {}", new.method, new.path))
            .why("the same method signature; the request goes elsewhere"),
        );
    }
    if old.builder_name != new.builder_name {
        c.push(
            Change::new(
                Impact::Breaking,
                Subject::Operation,
                path,
                ChangeKind::Changed,
            )
            .from(unraw(&old.builder_name))
            .to(unraw(&new.builder_name))
            .why(
                "the call builder the method returns is renamed: code naming it no longer compiles",
            ),
        );
    }
    compare_inputs(c, path, &inputs(old), &inputs(new));
    let (old_success, new_success) = (success_type(old), success_type(new));
    if old_success != new_success {
        c.push(
            Change::new(
                Impact::Breaking,
                Subject::Response,
                path,
                ChangeKind::Changed,
            )
            .from(format!("Response<{old_success}>"))
            .to(format!("Response<{new_success}>"))
            .why("the success type changed: code using the result no longer compiles"),
        );
    }
    compare_errors(c, path, old, new);
    let (old_security, new_security) = (
        security_summary(&old.security),
        security_summary(&new.security),
    );
    if old_security != new_security {
        c.push(
            Change::new(
                Impact::Compatible,
                Subject::Operation,
                path,
                ChangeKind::Changed,
            )
            .from(show_security(&old_security))
            .to(show_security(&new_security))
            .why("other credentials are sent; a client without them fails before sending"),
        );
    }
}

fn compare_inputs(c: &mut Collector, op_path: &str, old: &[Input], new: &[Input]) {
    let at = |input: &Input| format!("{op_path}({})", input.name);
    let positional = |inputs: &[Input]| -> Vec<usize> {
        (0..inputs.len())
            .filter(|&i| inputs[i].passing == Passing::Positional)
            .collect()
    };
    let (old_positional, new_positional) = (positional(old), positional(new));
    let find = |inputs: &'_ [Input], name: &str| inputs.iter().position(|i| i.name == name);

    // A positional argument whose name changed but whose position and type
    // did not: calls compile and pass the same value.
    let mut renamed: Vec<(usize, usize)> = Vec::new();
    if old_positional.len() == new_positional.len() {
        for (&i, &j) in old_positional.iter().zip(&new_positional) {
            let (a, b) = (&old[i], &new[j]);
            if a.name != b.name
                && find(new, &a.name).is_none()
                && find(old, &b.name).is_none()
                && a.ty == b.ty
            {
                renamed.push((i, j));
            }
        }
    }
    for &(i, j) in &renamed {
        let (a, b) = (&old[i], &new[j]);
        c.push(
            Change::new(Impact::Compatible, a.subject, at(b), ChangeKind::Changed)
                .from(format!("{}: {} ({})", a.name, a.ty, a.wire))
                .to(format!("{}: {} ({})", b.name, b.ty, b.wire))
                .why("renamed, in the same position with the same type: calls compile unchanged and pass the same value"),
        );
    }
    let is_renamed_old = |i: usize| renamed.iter().any(|&(o, _)| o == i);
    let is_renamed_new = |j: usize| renamed.iter().any(|&(_, n)| n == j);

    for (i, input) in old.iter().enumerate() {
        if is_renamed_old(i) {
            continue;
        }
        let Some(now) = find(new, &input.name).map(|j| &new[j]) else {
            c.push(
                Change::new(
                    Impact::Breaking,
                    input.subject,
                    at(input),
                    ChangeKind::Removed,
                )
                .from(format!("{}: {}", input.name, input.ty))
                .why(match input.passing {
                    Passing::Positional => "calls pass an argument the method no longer takes",
                    Passing::Setter => "calls of its setter no longer compile",
                }),
            );
            continue;
        };
        if input.passing != now.passing {
            c.push(
                Change::new(
                    Impact::Breaking,
                    input.subject,
                    at(input),
                    ChangeKind::Changed,
                )
                .from(format!("{:?}", input.passing).to_lowercase())
                .to(format!("{:?}", now.passing).to_lowercase())
                .why("it is passed another way: existing calls no longer compile"),
            );
        } else if input.ty != now.ty {
            c.push(
                Change::new(
                    Impact::Breaking,
                    input.subject,
                    at(input),
                    ChangeKind::Changed,
                )
                .from(input.ty.clone())
                .to(now.ty.clone())
                .why("the argument's type changed: existing calls no longer compile"),
            );
        }
        if input.wire != now.wire {
            c.push(
                Change::new(
                    Impact::Compatible,
                    input.subject,
                    at(input),
                    ChangeKind::Changed,
                )
                .from(input.wire.clone())
                .to(now.wire.clone())
                .why("the same argument; it is sent differently"),
            );
        }
    }
    for (j, input) in new.iter().enumerate() {
        if is_renamed_new(j) || find(old, &input.name).is_some() {
            continue;
        }
        let change = Change::new(
            Impact::Breaking,
            input.subject,
            at(input),
            ChangeKind::Added,
        )
        .to(format!("{}: {}", input.name, input.ty));
        c.push(match input.passing {
            Passing::Positional if input.ty.starts_with("Option<") => change.why(
                "a new positional `Option` argument: every call must pass it (`None` to leave it out)",
            ),
            Passing::Positional => change.why("a new argument: every call must pass it"),
            Passing::Setter => Change {
                impact: Impact::Addition,
                ..change
            }
            .why("a new optional setter; calls that do not use it are unchanged"),
        });
    }

    // Arguments both sides take positionally, in each side's order.
    let order = |inputs: &[Input], indices: &[usize], other: &[Input]| -> Vec<String> {
        indices
            .iter()
            .map(|&i| &inputs[i])
            .filter(|input| {
                find(other, &input.name).is_some_and(|j| other[j].passing == Passing::Positional)
            })
            .map(|input| input.name.clone())
            .collect()
    };
    let (old_order, new_order) = (
        order(old, &old_positional, new),
        order(new, &new_positional, old),
    );
    if old_order != new_order {
        let list = |inputs: &[Input], indices: &[usize]| {
            let args: Vec<String> = indices
                .iter()
                .map(|&i| format!("{}: {}", inputs[i].name, inputs[i].ty))
                .collect();
            format!("({})", args.join(", "))
        };
        c.push(
            Change::new(Impact::Breaking, Subject::Operation, op_path, ChangeKind::Changed)
                .from(list(old, &old_positional))
                .to(list(new, &new_positional))
                .why("the arguments are in another order: calls no longer compile, or pass values to the wrong parameters"),
        );
    }
}

fn compare_errors(c: &mut Collector, op_path: &str, old: &Operation, new: &Operation) {
    let (old_type, new_type) = (error_type(old), error_type(new));
    if old_type != new_type {
        c.push(
            Change::new(
                Impact::Breaking,
                Subject::Error,
                op_path,
                ChangeKind::Changed,
            )
            .from(format!("Error<{old_type}>"))
            .to(format!("Error<{new_type}>"))
            .why("the error type changed: code naming or matching the old one no longer compiles"),
        );
        return;
    }
    for case in &old.errors.cases {
        let path = format!("{new_type}::{}", case.variant);
        match new.errors.cases.iter().find(|k| k.variant == case.variant) {
            None => c.push(
                Change::new(Impact::Breaking, Subject::Error, path, ChangeKind::Removed)
                    .from(case_summary(case))
                    .why(format!(
                        "code matching `{new_type}::{}` no longer compiles; status {} now arrives as `Error::UnexpectedStatus`",
                        case.variant, case.status
                    )),
            ),
            Some(now) => {
                c.docs(&case.docs, &now.docs);
                if now.body != case.body {
                    c.push(
                        Change::new(Impact::Breaking, Subject::Error, path, ChangeKind::Changed)
                            .from(case_summary(case))
                            .to(case_summary(now))
                            .why("the variant holds another body: code matching it no longer compiles"),
                    );
                } else if now.status != case.status {
                    c.push(
                        Change::new(Impact::Compatible, Subject::Error, path, ChangeKind::Changed)
                            .from(case_summary(case))
                            .to(case_summary(now))
                            .why("the same variant, for another status"),
                    );
                }
            }
        }
    }
    compare_default_error(c, &new_type, &old.errors.default, &new.errors.default);
    for case in &new.errors.cases {
        if old.errors.cases.iter().any(|k| k.variant == case.variant) {
            continue;
        }
        let change = Change::new(
            Impact::Addition,
            Subject::Error,
            format!("{new_type}::{}", case.variant),
            ChangeKind::Added,
        )
        .to(case_summary(case));
        c.push(if ERROR_ENUMS_NON_EXHAUSTIVE {
            change.why(format!(
                "the error enum is #[non_exhaustive]; status {} used to arrive as `Error::UnexpectedStatus`",
                case.status
            ))
        } else {
            Change {
                impact: Impact::Breaking,
                ..change
            }
            .why("the error enum is exhaustive: `match`es without a wildcard no longer compile")
        });
    }
}

fn default_summary(default: &DefaultError) -> String {
    match &default.body {
        Some(body) => format!("any other 4xx/5xx Other({})", rust(body)),
        None => "any other 4xx/5xx Other".to_owned(),
    }
}

/// The spec's `default` response: the error enum's `Other` variant.
fn compare_default_error(
    c: &mut Collector,
    error_type: &str,
    old: &Option<DefaultError>,
    new: &Option<DefaultError>,
) {
    let path = format!("{error_type}::Other");
    match (old, new) {
        (None, None) => {}
        (None, Some(added)) => {
            let change = Change::new(Impact::Addition, Subject::Error, path, ChangeKind::Added)
                .to(default_summary(added));
            c.push(if ERROR_ENUMS_NON_EXHAUSTIVE {
                change.why("the error enum is #[non_exhaustive]; undeclared error statuses used to arrive as `Error::UnexpectedStatus`")
            } else {
                Change {
                    impact: Impact::Breaking,
                    ..change
                }
                .why("the error enum is exhaustive: `match`es without a wildcard no longer compile")
            });
        }
        (Some(removed), None) => c.push(
            Change::new(Impact::Breaking, Subject::Error, path, ChangeKind::Removed)
                .from(default_summary(removed))
                .why("code matching `Other` no longer compiles; undeclared statuses now arrive as `Error::UnexpectedStatus`"),
        ),
        (Some(a), Some(b)) => {
            c.docs(&a.docs, &b.docs);
            if a.body != b.body {
                c.push(
                    Change::new(Impact::Breaking, Subject::Error, path, ChangeKind::Changed)
                        .from(default_summary(a))
                        .to(default_summary(b))
                        .why("the variant holds another body: code matching it no longer compiles"),
                );
            }
        }
    }
}

// ----- Client configuration ------------------------------------------------------

fn scheme_summary(scheme: &SecurityScheme) -> String {
    let how = match &scheme.kind {
        SchemeKind::ApiKeyHeader(header) => format!("header `{header}`"),
        SchemeKind::ApiKeyQuery(param) => format!("query parameter `{param}`"),
        SchemeKind::ApiKeyCookie(cookie) => format!("cookie `{cookie}`"),
        SchemeKind::Basic => "HTTP basic".to_owned(),
        SchemeKind::Bearer => "bearer token".to_owned(),
    };
    format!("`{}`, {how}", scheme.name)
}

/// The setter's arguments: basic authentication takes two.
fn setter_arity(kind: &SchemeKind) -> usize {
    match kind {
        SchemeKind::Basic => 2,
        SchemeKind::ApiKeyHeader(_)
        | SchemeKind::ApiKeyQuery(_)
        | SchemeKind::ApiKeyCookie(_)
        | SchemeKind::Bearer => 1,
    }
}

fn compare_schemes(c: &mut Collector, old: &[SecurityScheme], new: &[SecurityScheme]) {
    let path = |s: &SecurityScheme| format!("ClientBuilder::{}", unraw(&s.setter));
    for scheme in old {
        match new.iter().find(|s| s.setter == scheme.setter) {
            None => c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::SecurityScheme,
                    path(scheme),
                    ChangeKind::Removed,
                )
                .from(scheme_summary(scheme))
                .why(format!("calls of `{}` no longer compile", scheme.setter)),
            ),
            Some(now) => {
                c.docs(&scheme.docs, &now.docs);
                if setter_arity(&scheme.kind) != setter_arity(&now.kind) {
                    c.push(
                        Change::new(
                            Impact::Breaking,
                            Subject::SecurityScheme,
                            path(scheme),
                            ChangeKind::Changed,
                        )
                        .from(scheme_summary(scheme))
                        .to(scheme_summary(now))
                        .why("the setter takes another number of arguments"),
                    );
                } else if scheme_summary(scheme) != scheme_summary(now) {
                    c.push(
                        Change::new(
                            Impact::Compatible,
                            Subject::SecurityScheme,
                            path(scheme),
                            ChangeKind::Changed,
                        )
                        .from(scheme_summary(scheme))
                        .to(scheme_summary(now))
                        .why("the same setter; the credential is sent differently"),
                    );
                }
            }
        }
    }
    for scheme in new {
        if !old.iter().any(|s| s.setter == scheme.setter) {
            c.push(
                Change::new(
                    Impact::Addition,
                    Subject::SecurityScheme,
                    path(scheme),
                    ChangeKind::Added,
                )
                .to(scheme_summary(scheme))
                .why("a new credential setter"),
            );
        }
    }
}

fn compare_servers(c: &mut Collector, old: &[Server], new: &[Server]) {
    let variants = |servers: &[Server]| {
        let names: Vec<&str> = servers.iter().map(|s| s.variant.as_str()).collect();
        format!("enum Environment {{ {} }}", names.join(", "))
    };
    match (old.is_empty(), new.is_empty()) {
        (true, true) => return,
        (true, false) => {
            c.push(
                Change::new(
                    Impact::Addition,
                    Subject::Server,
                    "Environment",
                    ChangeKind::Added,
                )
                .to(variants(new))
                .why("the spec names servers now: `Environment` and `ClientBuilder::environment` are new"),
            );
            return;
        }
        (false, true) => {
            c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::Server,
                    "Environment",
                    ChangeKind::Removed,
                )
                .from(variants(old))
                .why("the spec names no server: code using `Environment` no longer compiles"),
            );
            return;
        }
        (false, false) => {}
    }
    for server in old {
        let path = format!("Environment::{}", server.variant);
        match new.iter().find(|s| s.variant == server.variant) {
            None => c.push(
                Change::new(Impact::Breaking, Subject::Server, path, ChangeKind::Removed)
                    .from(server.url.clone())
                    .why(format!(
                        "code naming `Environment::{}` no longer compiles",
                        server.variant
                    )),
            ),
            Some(now) => {
                c.docs(&server.docs, &now.docs);
                if now.url != server.url {
                    c.push(
                        Change::new(
                            Impact::Compatible,
                            Subject::Server,
                            path,
                            ChangeKind::Changed,
                        )
                        .from(server.url.clone())
                        .to(now.url.clone())
                        .why("the same variant; requests go to another URL"),
                    );
                }
            }
        }
    }
    for server in new {
        if old.iter().any(|s| s.variant == server.variant) {
            continue;
        }
        let change = Change::new(
            Impact::Breaking,
            Subject::Server,
            format!("Environment::{}", server.variant),
            ChangeKind::Added,
        )
        .to(server.url.clone());
        c.push(if ENVIRONMENT_NON_EXHAUSTIVE {
            Change {
                impact: Impact::Addition,
                ..change
            }
            .why("`Environment` is #[non_exhaustive]")
        } else {
            change.why(
                "`Environment` is an exhaustive enum: `match`es on it without a wildcard no longer compile",
            )
        });
    }
    if let (Some(a), Some(b)) = (old.first(), new.first()) {
        if a.variant != b.variant {
            c.push(
                Change::new(
                    Impact::Compatible,
                    Subject::Server,
                    "Environment::default",
                    ChangeKind::Changed,
                )
                .from(format!("Environment::{}", a.variant))
                .to(format!("Environment::{}", b.variant))
                .why(format!(
                    "clients that choose no environment now go to {}",
                    b.url
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    //! The constants above are facts about the emitter; these tests check
    //! them against what it emits, so an emitter change that falsifies one
    //! fails here (update the constant, and the rules follow).

    use super::*;

    const SPEC: &str = r##"
openapi: 3.0.3
info: { title: Shapes, version: "1" }
servers:
  - url: https://a.example.com
  - url: https://b.example.com
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { name: limit, in: query, schema: { type: integer } }
      responses:
        "200":
          description: ok
          content:
            application/json: { schema: { $ref: "#/components/schemas/Thing" } }
        "404":
          description: missing
components:
  schemas:
    Thing:
      type: object
      properties:
        colour: { $ref: "#/components/schemas/Colour" }
        shape: { $ref: "#/components/schemas/Shape" }
        plain: { type: string }
        maybe: { type: string, nullable: true }
        must: { type: string }
        must_maybe: { type: string, nullable: true }
      required: [must, must_maybe]
    Colour:
      type: string
      enum: [red, green]
    Shape:
      oneOf:
        - type: string
        - type: integer
"##;

    fn generated() -> crate::Generated {
        let spec = crate::load::load_str(SPEC, None).expect("loads");
        crate::Generator::new("shapes")
            .generate(&spec)
            .expect("generates")
    }

    /// Whether the item that declares `pub enum <name>` is `#[non_exhaustive]`.
    fn non_exhaustive(code: &str, name: &str) -> bool {
        let lines: Vec<&str> = code.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim_start().starts_with(&format!("pub enum {name} ")))
            .unwrap_or_else(|| panic!("no `pub enum {name}` in:\n{code}"));
        lines[..at]
            .iter()
            .rev()
            .take_while(|l| !l.is_empty() && !l.starts_with('}'))
            .any(|l| l.trim() == "#[non_exhaustive]")
    }

    fn code(generated: &crate::Generated, name: &str) -> String {
        generated
            .items
            .iter()
            .find(|i| i.name == name)
            .unwrap_or_else(|| panic!("no item {name}"))
            .code
            .clone()
    }

    #[test]
    fn the_non_exhaustive_constants_match_the_emitted_code() {
        let generated = generated();
        assert_eq!(
            non_exhaustive(&code(&generated, "Colour"), "Colour"),
            STRING_ENUMS_NON_EXHAUSTIVE
        );
        assert_eq!(
            non_exhaustive(&code(&generated, "Shape"), "Shape"),
            ONE_OF_NON_EXHAUSTIVE
        );
        assert_eq!(
            non_exhaustive(&code(&generated, "get_thing"), "GetThingError"),
            ERROR_ENUMS_NON_EXHAUSTIVE
        );
        assert_eq!(
            non_exhaustive(&code(&generated, "client"), "Environment"),
            ENVIRONMENT_NON_EXHAUSTIVE
        );
    }

    #[test]
    fn stored_field_types_match_the_emitted_code() {
        let generated = generated();
        let TypeKind::Struct(thing) = &generated.api.types["Thing"].kind else {
            panic!("Thing is a struct");
        };
        let code = code(&generated, "Thing");
        for field in &thing.fields {
            let line = format!("pub {}: {},", field.name, stored(field));
            assert!(code.contains(&line), "no `{line}` in:\n{code}");
        }
    }

    #[test]
    fn optional_parameters_are_passed_as_the_rule_says() {
        let method = code(&generated(), "get_thing");
        let signature = method
            .lines()
            .skip_while(|l| !l.contains("fn get_thing"))
            .take_while(|l| !l.trim_end().ends_with('{'))
            .chain(
                method
                    .lines()
                    .filter(|l| l.contains("fn get_thing"))
                    .take(1),
            )
            .collect::<String>();
        // The required path parameter is an argument either way; the
        // optional query parameter is one only when it is not a setter.
        assert!(signature.contains("id: &"), "{signature}");
        assert_eq!(
            signature.contains("limit"),
            !OPTIONAL_PARAMS_AS_SETTERS,
            "{signature}"
        );
        if OPTIONAL_PARAMS_AS_SETTERS {
            assert!(method.contains("pub fn limit("), "{method}");
        }
    }

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
