//! Errors and warnings, each located by the JSON pointer of the spec node it
//! is about and, when the spec's text is at hand, shown like rustc's
//! diagnostics: the file, line and column, and the offending line.
//!
//! `Display` gives one line per problem (for logs and reports);
//! [`Error::render`] and [`render_warnings`] give the full picture a
//! maintainer reads in a terminal or in cargo's build output.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::pointer_origins::PointerOrigins;
use crate::source_map::{self, SourceSpan};

// Where diagnostics point: a spec node (its JSON pointer) or, for what no
// pointer can name, a place in the text. Re-exported so that code making
// diagnostics finds them here.
pub use crate::json_pointer::{child, pointer};
pub use crate::source_map::Position;

/// A spec's text and where it was read from, kept so that diagnostics can
/// show the lines they are about. Cheap to clone.
#[derive(Clone, Default)]
pub struct Source {
    /// The file the spec was read from, if any.
    pub path: Option<PathBuf>,
    /// The spec as it was read (empty when not kept).
    pub text: Arc<str>,
    /// Where the nodes of the document the pipeline reads were in `text`,
    /// when it was converted (Swagger 2.0); empty otherwise.
    pub origins: Arc<PointerOrigins>,
}

impl Source {
    /// A spec's text, read from `path` if it came from a file.
    pub fn new(path: Option<&Path>, text: &str) -> Self {
        Self {
            path: path.map(Path::to_owned),
            text: Arc::from(text),
            origins: Arc::default(),
        }
    }

    /// The same source, read through a conversion that moved its nodes.
    pub fn with_origins(mut self, origins: PointerOrigins) -> Self {
        self.origins = Arc::new(origins);
        self
    }

    /// The pointer in the user's file of the node at `pointer` in the
    /// document the pipeline reads.
    pub fn written_pointer<'p>(&self, pointer: &'p str) -> std::borrow::Cow<'p, str> {
        self.origins.written(pointer)
    }

    /// How diagnostics name the spec: its path, or `<spec>`.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "<spec>".to_owned(), |p| p.display().to_string())
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Source")
            .field("path", &self.path)
            .field("text", &format_args!("<{} bytes>", self.text.len()))
            .finish()
    }
}

/// One thing wrong with a spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The JSON pointer of the offending node, `#` for the whole document.
    pub pointer: String,
    /// Where it is in the text, when known without the pointer.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
}

impl Problem {
    pub(crate) fn at(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            position: None,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(Position { line, column }) => write!(f, "line {line}, column {column}")?,
            None => f.write_str(&self.pointer)?,
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// A spec the generator refuses, with everything wrong with it.
#[derive(Debug, Clone)]
pub struct InvalidSpec {
    /// The spec's text and file.
    pub source: Source,
    /// Every problem found.
    pub problems: Vec<Problem>,
    /// Whether generating leniently would get past these problems (it
    /// does for broken references and path templates, not for a document
    /// that does not parse or type).
    pub lenient_would_generate: bool,
}

/// Warnings that were asked to fail the run.
#[derive(Debug, Clone)]
pub struct DeniedWarnings {
    /// The spec's text and file.
    pub source: Source,
    /// The warnings.
    pub warnings: Vec<Warning>,
}

/// Something the generator could not do; generation stops.
#[derive(Debug)]
pub enum Error {
    /// The spec file could not be read, or output could not be written.
    Io {
        /// The file involved.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The spec is not valid YAML/JSON, not an OpenAPI (3.0, 3.1, 3.2) or Swagger 2.0 document, or
    /// broken in ways no client can be generated from (a `$ref` to nothing,
    /// an undeclared path parameter, ...). Every problem found is listed.
    InvalidSpec(Box<InvalidSpec>),
    /// Warnings were turned into errors.
    DeniedWarnings(Box<DeniedWarnings>),
    /// A selection (of operations by tag, id or route, of webhooks by
    /// name) names something the spec does not have.
    Selection(Box<SelectionError>),
    /// A bug of the generator's (it emitted code that does not parse).
    Internal(String),
}

/// The selectors of a selection that match nothing in a spec.
#[derive(Debug)]
pub struct SelectionError {
    /// The spec.
    pub source: Source,
    /// Each selector that matched nothing, with what the spec has instead.
    pub unmatched: Vec<crate::selector::Unmatched>,
}

impl Error {
    pub(crate) fn invalid(source: &Source, problems: Vec<Problem>) -> Self {
        Error::InvalidSpec(Box::new(InvalidSpec {
            source: source.clone(),
            problems,
            lenient_would_generate: false,
        }))
    }

    /// The problems of an [`Error::InvalidSpec`], or of denied warnings
    /// (empty for other errors).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::InvalidSpec(invalid) => invalid.problems.clone(),
            Error::DeniedWarnings(denied) => denied.warnings.iter().map(Problem::from).collect(),
            _ => Vec::new(),
        }
    }

    /// The error as a maintainer should see it: for a spec's problems,
    /// each one with its file, line and column and the offending line, in
    /// the style of rustc; otherwise the one-line message.
    pub fn render(&self) -> String {
        match self {
            Error::InvalidSpec(invalid) => {
                let mut out = render_all(Severity::Error, &invalid.problems, &invalid.source);
                if invalid.lenient_would_generate {
                    out.push_str(
                        "note: to generate from this spec anyway, with a warning for each problem, use `--lenient` (`BuildScript::lenient(true)` in a build script)\n",
                    );
                }
                out.push_str(&format!(
                    "error: {} is not a spec a client can be generated from: {}\n",
                    invalid.source.name(),
                    count(invalid.problems.len(), "problem")
                ));
                out
            }
            Error::DeniedWarnings(denied) => {
                let problems: Vec<Problem> = denied.warnings.iter().map(Problem::from).collect();
                let mut out = render_all(Severity::Error, &problems, &denied.source);
                out.push_str(&format!(
                    "error: {} in {} denied (warnings are errors in this run)\n",
                    count(problems.len(), "warning"),
                    denied.source.name()
                ));
                out
            }
            other => format!("error: {other}\n"),
        }
    }
}

/// `1 problem`, `2 problems`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::InvalidSpec(invalid) => {
                let name = invalid.source.name();
                match invalid.problems.as_slice() {
                    [one] => write!(f, "{name} at {one}"),
                    problems => {
                        write!(f, "{name}: {} problems:", problems.len())?;
                        for problem in problems {
                            write!(f, "\n  {problem}")?;
                        }
                        Ok(())
                    }
                }
            }
            Error::DeniedWarnings(denied) => {
                write!(f, "{} warning(s) denied:", denied.warnings.len())?;
                for warning in &denied.warnings {
                    write!(f, "\n  {warning}")?;
                }
                Ok(())
            }
            Error::Selection(selection) => {
                write!(
                    f,
                    "{}: the selection names what the spec does not have:",
                    selection.source.name()
                )?;
                for unmatched in &selection.unmatched {
                    write!(f, "\n  {unmatched}")?;
                }
                Ok(())
            }
            Error::Internal(message) => write!(f, "internal error: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Where the generator had to degrade or rename something; generation goes on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The JSON pointer of the spec node concerned.
    pub pointer: String,
    /// What the generator did and why.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

/// A warning shown as a problem (denied warnings are errors).
impl From<&Warning> for Problem {
    fn from(warning: &Warning) -> Self {
        Problem::at(&warning.pointer, &warning.message)
    }
}

/// Collects warnings during a run, in a deterministic order.
#[derive(Debug, Default)]
pub struct Warnings(Vec<Warning>);

impl Warnings {
    pub(crate) fn push(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(Warning {
            pointer: pointer.into(),
            message: message.into(),
        });
    }

    pub(crate) fn into_sorted(mut self) -> Vec<Warning> {
        self.0.sort();
        self.0.dedup();
        self.0
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Generation stops.
    Error,
    /// Generation goes on.
    Warning,
}

/// Renders warnings the way [`Error::render`] renders errors.
pub fn render_warnings(warnings: &[Warning], source: &Source) -> String {
    let problems: Vec<Problem> = warnings.iter().map(Problem::from).collect();
    render_all(Severity::Warning, &problems, source)
}

/// Renders each problem with its snippet. The text is scanned once for all
/// of them.
pub fn render_all(severity: Severity, problems: &[Problem], source: &Source) -> String {
    let written: Vec<std::borrow::Cow<'_, str>> = problems
        .iter()
        .map(|p| source.written_pointer(&p.pointer))
        .collect();
    let pointers: Vec<&str> = written.iter().map(|p| p.as_ref()).collect();
    let spans = source_map::locate(&source.text, &pointers);
    let lines = source_map::Lines::new(&source.text);
    let mut located: Vec<(&Problem, &str, Option<SourceSpan>)> = problems
        .iter()
        .zip(&pointers)
        .map(|(problem, &pointer)| {
            let span = match problem.position {
                Some(position) => source_map::span_at(&lines, position),
                None => spans.get(pointer).copied(),
            };
            (problem, pointer, span)
        })
        .collect();
    // In the order of the file, as rustc does; the unlocated ones last.
    located.sort_by_key(|(_, _, span)| span.map_or((usize::MAX, 0), |s| (s.line, s.start_column)));
    let mut out = String::new();
    for (problem, pointer, span) in located {
        out.push_str(&render_one(
            severity, problem, pointer, span, source, &lines,
        ));
        out.push_str("\n\n");
    }
    out
}

/// Longest stretch of a line shown around the offending node; real JSON
/// specs can be one line of megabytes.
const MAX_SHOWN_COLUMNS: usize = 120;

fn render_one(
    severity: Severity,
    problem: &Problem,
    pointer: &str,
    span: Option<SourceSpan>,
    source: &Source,
    lines: &source_map::Lines<'_>,
) -> String {
    use annotate_snippets::{Level, Renderer, Snippet};

    let level = match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    let name = source.name();
    let label = if problem.position.is_some() {
        String::new()
    } else {
        pointer.to_owned()
    };
    let shown = span.and_then(|span| shown_line(lines, span));
    let problem_message = source.origins.written_in_text(&problem.message);
    let mut message = level.title(&problem_message);
    let snippet;
    if let Some(ShownLine {
        text,
        underline,
        line,
        clipped,
    }) = &shown
    {
        snippet = Snippet::source(text)
            .line_start(*line)
            .annotation(level.span(underline.clone()).label(&label));
        // The `-->` line's column counts from the start of what is shown:
        // right unless the line was clipped, when a note says where it is.
        message = message.snippet(if *clipped {
            snippet
        } else {
            snippet.origin(&name)
        });
    }
    let location_note = match (&shown, span, problem.position) {
        (Some(ShownLine { clipped: false, .. }), _, _) => None,
        (_, Some(span), _) => {
            let Position { line, column } = span.position();
            Some(format!("at {name}:{line}:{column}"))
        }
        (_, None, Some(Position { line, column })) => Some(format!("at {name}:{line}:{column}")),
        (_, None, None) => Some(format!("in {name}, at {}", pointer)),
    };
    if let Some(note) = &location_note {
        message = message.footer(Level::Note.title(note));
    }
    let help = problem
        .help
        .as_deref()
        .map(|help| source.origins.written_in_text(help));
    if let Some(help) = &help {
        message = message.footer(Level::Help.title(help));
    }
    Renderer::plain().render(message).to_string()
}

/// What is shown of a line: its text (clipped around the span if very
/// long), the byte range to underline in it, and its line number.
struct ShownLine {
    text: String,
    underline: std::ops::Range<usize>,
    line: usize,
    clipped: bool,
}

fn shown_line(lines: &source_map::Lines<'_>, span: SourceSpan) -> Option<ShownLine> {
    let line_text = lines.line(span.line)?;
    let chars: Vec<char> = line_text.chars().collect();
    let start = span.start_column.min(chars.len());
    let end = span.end_column.clamp(start, chars.len());
    let (first, last) = if chars.len() > MAX_SHOWN_COLUMNS {
        let first = start.saturating_sub(20);
        (first, (first + MAX_SHOWN_COLUMNS).min(chars.len()))
    } else {
        (0, chars.len())
    };
    let shown = chars.get(first..last)?;
    // Byte offsets within what is shown.
    let byte_of = |column: usize| -> usize {
        shown
            .iter()
            .take(column.saturating_sub(first))
            .map(|c| c.len_utf8())
            .sum()
    };
    let from = byte_of(start);
    let to = byte_of(end.min(last));
    let mut text: String = shown.iter().collect();
    // An empty underline (a node at the end of a line) still gets a caret.
    let underline = if to > from {
        from..to
    } else {
        if from >= text.len() {
            text.push(' ');
        }
        let width = text
            .get(from..)
            .and_then(|rest| rest.chars().next())
            .map_or(1, char::len_utf8);
        from..from + width
    };
    Some(ShownLine {
        text,
        underline,
        line: span.line,
        clipped: first > 0,
    })
}
