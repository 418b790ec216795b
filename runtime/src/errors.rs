// Errors: what can go wrong with a call, each kind with what a person needs
// to act on it, and the few words that describe an unexpected body. Part of
// the client runtime (see the runtime crate's `lib.rs`).

use std::fmt;
use std::time::Duration;

use super::retries::RETRYABLE_STATUSES;
use super::{HeaderMap, StatusCode, TokenError};

/// How much of an unexpected or undecodable body an error keeps, so that a
/// hostile or broken server cannot make errors arbitrarily large.
pub const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

/// Response headers that carry a request id, most common first.
const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-correlation-id",
    "cf-ray",
];

/// What can go wrong with a call. `E` is the operation's own enum of the error
/// responses its spec declares.
///
/// `Display` gives one line a person can act on: the operation, what
/// happened, and (when there was more than one attempt, or the server sent
/// one) the number of attempts and the request id. No variant ever holds or
/// prints a credential.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with an error status the spec declares; the body
    /// decoded into the declared type.
    Api(ApiError<E>),
    /// The server answered with a status the spec does not declare.
    UnexpectedStatus(UnexpectedStatus),
    /// The response body did not match the spec's schema.
    Decode(DecodeError),
    /// No complete response arrived within the timeout (or the connection
    /// could not be made within the connect timeout).
    Timeout(TransportError),
    /// The request could not be sent or the response not read (DNS,
    /// connection refused or reset, TLS).
    Connection(TransportError),
    /// The request was refused before it was sent: missing credentials,
    /// a header value with a line break, a body that cannot be serialized.
    InvalidRequest(InvalidRequest),
    /// The response body was larger than the client accepts
    /// ([`ClientBuilder::max_response_body_bytes`](super::ClientBuilder::max_response_body_bytes)); reading stopped there.
    BodyTooLarge(BodyTooLarge),
    /// No access token could be had for the request from the
    /// [`TokenProvider`](super::TokenProvider) of one of its security
    /// schemes (before it was first sent, or after a `401` for a fresh one).
    Token(TokenFailure),
}

impl<E> Error<E> {
    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.response_head().map(|(status, _)| status)
    }

    /// The response headers, when a response arrived.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.response_head().map(|(_, headers)| headers)
    }

    /// The server's request id (`x-request-id` and similar), for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.headers().and_then(request_id)
    }

    /// The declared error body, when the server sent one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Api(error) => Some(&error.body),
            _ => None,
        }
    }

    /// Whether the failure is of a transient kind, so that the same call may
    /// succeed later: a timeout, a connection failure, or a `408`, `429`,
    /// `502`, `503` or `504` answer, or an access token that could not be had
    /// for such a reason ([`TokenError::is_retryable`](super::TokenError::is_retryable)). The client has already retried as its
    /// [`RetryPolicy`](super::RetryPolicy) allows; this does not say that sending the call again
    /// is safe: a `POST` without an idempotency key may have taken effect.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout(_) | Error::Connection(_) => true,
            Error::InvalidRequest(_) | Error::BodyTooLarge(_) => false,
            Error::Token(e) => e.error.is_retryable(),
            Error::Api(_) | Error::UnexpectedStatus(_) | Error::Decode(_) => self
                .status()
                .is_some_and(|status| RETRYABLE_STATUSES.contains(&status.as_u16())),
        }
    }

    /// How many times the request was sent (1 without retries; 0 when it was
    /// refused before sending).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Api(e) => e.attempts,
            Error::UnexpectedStatus(e) => e.attempts,
            Error::Decode(e) => e.attempts,
            Error::Timeout(e) | Error::Connection(e) => e.attempts,
            Error::BodyTooLarge(e) => e.attempts,
            Error::Token(e) => e.attempts,
            Error::InvalidRequest(_) => 0,
        }
    }

    /// A short name of the variant (`api`, `timeout`, …), as recorded in traces.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Error::Api(_) => "api",
            Error::UnexpectedStatus(_) => "unexpected_status",
            Error::Decode(_) => "decode",
            Error::Timeout(_) => "timeout",
            Error::Connection(_) => "connection",
            Error::InvalidRequest(_) => "invalid_request",
            Error::BodyTooLarge(_) => "body_too_large",
            Error::Token(_) => "token",
        }
    }

    fn response_head(&self) -> Option<(StatusCode, &HeaderMap)> {
        match self {
            Error::Api(e) => Some((e.status, &e.headers)),
            Error::UnexpectedStatus(e) => Some((e.status, &e.headers)),
            Error::Decode(e) => Some((e.status, &e.headers)),
            Error::BodyTooLarge(e) => Some((e.status, &e.headers)),
            Error::Timeout(_)
            | Error::Connection(_)
            | Error::InvalidRequest(_)
            | Error::Token(_) => None,
        }
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => fmt::Display::fmt(e, f),
            Error::UnexpectedStatus(e) => fmt::Display::fmt(e, f),
            Error::Decode(e) => fmt::Display::fmt(e, f),
            Error::Timeout(e) | Error::Connection(e) => fmt::Display::fmt(e, f),
            Error::InvalidRequest(e) => fmt::Display::fmt(e, f),
            Error::BodyTooLarge(e) => fmt::Display::fmt(e, f),
            Error::Token(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Timeout(e) | Error::Connection(e) => Some(&e.source),
            Error::Token(e) => Some(&e.error),
            _ => None,
        }
    }
}

impl<E> From<InvalidRequest> for Error<E> {
    fn from(error: InvalidRequest) -> Self {
        Error::InvalidRequest(error)
    }
}

/// A declared error response.
pub struct ApiError<E> {
    /// The operation that failed, e.g. `get_order`.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded body, one variant per declared status.
    pub body: E,
    /// How many times the request was sent.
    pub attempts: u32,
    pub(super) raw_body: Vec<u8>,
}

impl<E> ApiError<E> {
    /// The server's request id, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }

    /// The body as received (at most [`MAX_ERROR_BODY_BYTES`]).
    pub fn raw_body(&self) -> &[u8] {
        &self.raw_body
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: the server answered {}", self.operation, self.status)?;
        if let Some(message) = error_message(&self.raw_body) {
            write!(f, ": {message}")?;
        }
        write_context(f, self.attempts, Some(&self.headers))
    }
}

/// A response whose status the spec does not declare for the operation.
#[non_exhaustive]
pub struct UnexpectedStatus {
    /// The operation that failed.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as received, cut at [`MAX_ERROR_BODY_BYTES`].
    pub body: Vec<u8>,
    /// Whether `body` was cut.
    pub body_truncated: bool,
    /// How many times the request was sent.
    pub attempts: u32,
}

impl fmt::Display for UnexpectedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the server answered {}, which the API does not declare",
            self.operation, self.status
        )?;
        if let Some(origin) = self.redirect_origin() {
            write!(
                f,
                ": a redirect to {origin}, not followed because it leaves the API's origin"
            )?;
        } else if let Some(body) = describe_body(&self.headers, &self.body) {
            write!(f, ": {body}")?;
        }
        write_context(f, self.attempts, Some(&self.headers))
    }
}

impl UnexpectedStatus {
    /// For a redirect the client did not follow: where it pointed (scheme,
    /// host and port only; the rest of a URL can carry tokens).
    fn redirect_origin(&self) -> Option<String> {
        if !self.status.is_redirection() {
            return None;
        }
        let location = self.headers.get(reqwest::header::LOCATION)?.to_str().ok()?;
        let url = reqwest::Url::parse(location).ok()?;
        Some(url.origin().ascii_serialization())
    }
}

/// A response body that does not match the spec.
#[non_exhaustive]
pub struct DecodeError {
    /// The operation whose response failed to decode.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// Where in the body decoding failed, e.g. `order_status` or
    /// `items[2].amount`; empty for the body as a whole.
    pub path: String,
    /// What was wrong there.
    pub message: String,
    /// The body as received, cut at [`MAX_ERROR_BODY_BYTES`].
    pub body: Vec<u8>,
    /// The length of the whole body, of which `body` may be the start.
    pub body_len: usize,
    /// How many times the request was sent.
    pub attempts: u32,
}

/// A body in `Debug` output: text (lossy), not a list of byte values.
struct BodyText<'a>(&'a [u8]);

impl fmt::Debug for BodyText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&String::from_utf8_lossy(self.0), f)
    }
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .field("attempts", &self.attempts)
            .field("raw_body", &BodyText(&self.raw_body))
            .finish()
    }
}

impl fmt::Debug for UnexpectedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnexpectedStatus")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &BodyText(&self.body))
            .field("body_truncated", &self.body_truncated)
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("path", &self.path)
            .field("message", &self.message)
            .field("body", &BodyText(&self.body))
            .field("body_len", &self.body_len)
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_empty() {
            String::new()
        } else {
            format!(" at `{}`", self.path)
        };
        if self.status.is_success() {
            write!(
                f,
                "{}: could not decode the {} response{at}: {}",
                self.operation, self.status, self.message
            )?;
            if is_html(&self.headers, &self.body) {
                if let Some(page) = describe_body(&self.headers, &self.body) {
                    write!(f, "; the body is {page}")?;
                }
            }
        } else {
            write!(
                f,
                "{}: the server answered {}, with a body that is not the declared error{at} ({})",
                self.operation, self.status, self.message
            )?;
            if let Some(body) = describe_body(&self.headers, &self.body) {
                write!(f, ": {body}")?;
            }
        }
        write_context(f, self.attempts, Some(&self.headers))
    }
}

/// A failure to exchange the request and response.
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportError {
    /// The operation that failed.
    pub operation: &'static str,
    /// The underlying error, with the URL removed (it can carry credentials).
    pub source: reqwest::Error,
    /// The timeout of each attempt (see [`ClientBuilder::timeout`](super::ClientBuilder::timeout)).
    pub timeout: Duration,
    /// How many times the request was sent.
    pub attempts: u32,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = &self.source;
        if source.is_timeout() {
            if source.is_connect() {
                write!(f, "{}: timed out connecting to the server", self.operation)?;
            } else {
                write!(
                    f,
                    "{}: timed out: no complete response within {:?}",
                    self.operation, self.timeout
                )?;
            }
        } else if source.is_body() || source.is_decode() {
            write!(
                f,
                "{}: connection failed while the response body was read: {}",
                self.operation,
                root_cause(source)
            )?;
        } else if source.is_connect() {
            write!(
                f,
                "{}: connection failed: could not reach the server: {}",
                self.operation,
                root_cause(source)
            )?;
        } else {
            write!(
                f,
                "{}: connection failed: {}",
                self.operation,
                cause_chain(source)
            )?;
        }
        write_context(f, self.attempts, None)
    }
}

/// A response body larger than the client's limit.
#[derive(Debug)]
#[non_exhaustive]
pub struct BodyTooLarge {
    /// The operation whose response was too large.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The limit, in bytes ([`ClientBuilder::max_response_body_bytes`](super::ClientBuilder::max_response_body_bytes)).
    pub limit: usize,
    /// The length the server announced, if it did.
    pub content_length: Option<u64>,
    /// How many times the request was sent.
    pub attempts: u32,
}

impl fmt::Display for BodyTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the {} response body is larger than the client's limit of {} bytes",
            self.operation, self.status, self.limit
        )?;
        if let Some(length) = self.content_length {
            write!(f, " ({length} bytes announced)")?;
        }
        write!(f, "; raise it with `max_response_body_bytes`")?;
        write_context(f, self.attempts, Some(&self.headers))
    }
}

/// A call that failed for want of an access token: the
/// [`TokenProvider`](super::TokenProvider) of one of its security schemes
/// failed. Holds no token and no client secret.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TokenFailure {
    /// The operation, e.g. `create_order`.
    pub operation: &'static str,
    /// The security scheme, by its name in the spec.
    pub scheme: &'static str,
    /// Why no token could be had.
    pub error: TokenError,
    /// How many times the request was sent (0 when no token could be had
    /// for the first attempt; more when the token was refused and no fresh
    /// one could be had).
    pub attempts: u32,
}

impl fmt::Display for TokenFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let when = if self.attempts == 0 {
            "request not sent"
        } else {
            "the server refused the access token"
        };
        write!(
            f,
            "{}: {when}: could not get an access token for {}: {}",
            self.operation, self.scheme, self.error
        )?;
        write_context(f, self.attempts, None)
    }
}

/// A request refused before it was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequest {
    /// The operation, e.g. `create_order`.
    pub operation: &'static str,
    /// What is wrong, in a sentence.
    pub reason: String,
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: request not sent: {}", self.operation, self.reason)
    }
}

impl std::error::Error for InvalidRequest {}

/// A problem with the client's configuration, found by [`ClientBuilder::build`](super::ClientBuilder::build).
#[derive(Debug)]
pub struct BuildError {
    pub(super) reason: String,
    pub(super) source: Option<reqwest::Error>,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid client configuration: {}", self.reason)
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as _)
    }
}

/// An error and its causes on one line: reqwest's own message ("error
/// sending request") says little without them ("Connection refused").
fn cause_chain(error: &dyn std::error::Error) -> String {
    let mut line = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        source = cause.source();
    }
    one_line(&line, 500)
}

/// The innermost cause, which names what went wrong ("Connection refused")
/// without the layers around it ("error sending request", "client error").
pub(super) fn root_cause(error: &dyn std::error::Error) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    one_line(&cause.to_string(), 300)
}

pub(super) fn request_id(headers: &HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
}

/// Ends an error's line: ` (after 3 attempts, request id req_1)`, or
/// nothing when there was one attempt and no request id.
fn write_context(
    f: &mut fmt::Formatter<'_>,
    attempts: u32,
    headers: Option<&HeaderMap>,
) -> fmt::Result {
    let id = headers.and_then(request_id).map(|id| one_line(id, 100));
    match (attempts > 1, id) {
        (true, Some(id)) => write!(f, " (after {attempts} attempts, request id {id})"),
        (true, None) => write!(f, " (after {attempts} attempts)"),
        (false, Some(id)) => write!(f, " (request id {id})"),
        (false, None) => Ok(()),
    }
}

/// The human-readable message of a JSON error body, wherever common APIs put it.
fn error_message(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let candidates = [
        "/message",
        "/error/message",
        "/error/description",
        "/error_description",
        "/description",
        "/detail",
        "/title",
        "/error",
    ];
    let message = candidates
        .into_iter()
        .find_map(|pointer| value.pointer(pointer)?.as_str())?;
    Some(one_line(message, 300))
}

/// A body that is not what the API declares, in a few words: the message of
/// a JSON error, the title of an HTML page, or the start of the text.
fn describe_body(headers: &HeaderMap, body: &[u8]) -> Option<String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    if let Some(message) = error_message(body) {
        return Some(message);
    }
    if is_html(headers, body) {
        return Some(match html_title(body) {
            Some(title) => format!("an HTML page titled \"{title}\""),
            None => format!("an HTML page of {} bytes", body.len()),
        });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Some(one_line(text, 200)),
        // A body cut in the middle of a character is still text.
        Err(e) if e.error_len().is_none() => Some(one_line(
            &String::from_utf8_lossy(body.get(..e.valid_up_to()).unwrap_or(body)),
            200,
        )),
        Err(_) => Some(format!("{} bytes of binary data", body.len())),
    }
}

fn is_html(headers: &HeaderMap, body: &[u8]) -> bool {
    let declared = headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("text/html")
        });
    let start: Vec<u8> = body
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(14)
        .map(u8::to_ascii_lowercase)
        .collect();
    declared || start.starts_with(b"<!doctype html") || start.starts_with(b"<html")
}

fn html_title(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let lower = text.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let title = one_line(&text[start..end], 120);
    (!title.is_empty()).then_some(title)
}

/// `text` on one line, without control characters, cut at `max_chars`.
pub(super) fn one_line(text: &str, max_chars: usize) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut line: String = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((cut, _)) = line.char_indices().nth(max_chars) {
        line.truncate(cut);
        line.push('…');
    }
    line
}
