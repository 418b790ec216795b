//! Errors and warnings, each located by the JSON pointer of the spec node it
//! is about.

use std::fmt;
use std::path::PathBuf;

/// Where in a spec a diagnostic points: the spec's file (when read from one)
/// and a JSON pointer such as `#/paths/~1orders/post/requestBody`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file the spec was read from, if any.
    pub file: Option<PathBuf>,
    /// A JSON pointer into the document, `#` for the whole document.
    pub pointer: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{} at {}", file.display(), self.pointer),
            None => f.write_str(&self.pointer),
        }
    }
}

/// Builds JSON pointers, escaping `~` and `/` in keys (RFC 6901).
pub fn pointer(segments: &[&str]) -> String {
    let mut out = String::from("#");
    for segment in segments {
        out.push('/');
        out.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    }
    out
}

/// Appends one key to a JSON pointer.
pub fn child(parent: &str, key: &str) -> String {
    format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
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
    /// The spec is not valid YAML/JSON, or not an OpenAPI 3.0 document.
    InvalidSpec {
        /// Where the problem is.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// Warnings were turned into errors.
    DeniedWarnings(Vec<Warning>),
}

impl Error {
    pub(crate) fn invalid(location: Location, message: impl Into<String>) -> Self {
        Error::InvalidSpec {
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::InvalidSpec { location, message } => write!(f, "{location}: {message}"),
            Error::DeniedWarnings(warnings) => {
                write!(f, "{} warning(s) denied:", warnings.len())?;
                for warning in warnings {
                    write!(f, "\n  {warning}")?;
                }
                Ok(())
            }
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
