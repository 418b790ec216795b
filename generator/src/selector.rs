//! What a selection is made of: one selector (a tag, an operation, a
//! webhook) and one that matched nothing. A leaf, so that diagnostics can
//! name selectors without depending on the stage that applies them.

use std::fmt;

/// One thing selected.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Selector {
    /// The operations with this tag, and those of the tags nested under it
    /// (OpenAPI 3.2 `parent`). Matched as the spec writes the tag, as its
    /// group accessor (`payment_links` for `Payment Links`), or in any
    /// case.
    Tag(String),
    /// One operation by its `operationId`, or by the name of its method on
    /// the client (`get_order`).
    Operation(String),
    /// One operation by method and path template: `GET /orders/{order_id}`.
    /// The method in any case; the names in braces do not matter.
    Route {
        /// The HTTP method, as given.
        method: String,
        /// The path template, as given.
        path: String,
    },
    /// The operations on a path and the paths under it: `/v1/payment_intents`
    /// selects `/v1/payment_intents/{intent}/capture` too (whole segments
    /// only; the names in braces do not matter). For specs without tags,
    /// such as Stripe's, a resource is its path.
    Path(String),
    /// A webhook by its name in the spec; `*`: every webhook.
    Webhook(String),
}

/// What every webhook is selected by.
pub const ALL_WEBHOOKS: &str = "*";

impl Selector {
    /// An operation by `operationId`, method name, or `METHOD /path` (a
    /// method token, spaces, and a template starting with `/`).
    pub fn operation(text: &str) -> Self {
        let text = text.trim();
        if let Some((method, path)) = text.split_once(char::is_whitespace) {
            let path = path.trim_start();
            if path.starts_with('/') && !method.is_empty() && method.bytes().all(is_token_byte) {
                return Self::Route {
                    method: method.to_owned(),
                    path: path.to_owned(),
                };
            }
        }
        Self::Operation(text.to_owned())
    }
}

/// A byte of an HTTP method token (RFC 9110 `tchar`).
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Tag(tag) => write!(f, "tag `{tag}`"),
            Self::Operation(id) => write!(f, "operation `{id}`"),
            Self::Route { method, path } => write!(f, "operation `{method} {path}`"),
            Self::Path(path) => write!(f, "path `{path}`"),
            Self::Webhook(name) => write!(f, "webhook `{name}`"),
        }
    }
}

/// A selector that matches nothing in an API, and what the API has instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The selector.
    pub selector: Selector,
    /// What there is to select, or what comes close (one sentence).
    pub hint: String,
}

impl fmt::Display for Unmatched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} matches nothing: {}", self.selector, self.hint)
    }
}
