// The client runtime: everything a generated client needs that does not depend
// on the spec. The generator copies this file verbatim next to the generated
// code (it is included with `include!`, so it has no inner attributes or `//!`
// docs), and the generated code adds the spec's operations, credential setters
// and environments as inherent methods on these types.
//
// Items marked `#[doc(hidden)] pub` are the generated code's interface to the
// runtime; they are public only so that a spec that does not use them does not
// trip `dead_code`.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use chrono;
pub use reqwest;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
pub use rust_decimal;

use reqwest::header::{HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

/// A point in time with the UTC offset the server wrote (`date-time` in the spec).
pub type DateTime = chrono::DateTime<chrono::FixedOffset>;

/// A calendar date (`date` in the spec).
pub type Date = chrono::NaiveDate;

/// How much of an unexpected or undecodable body an error keeps, so that a
/// hostile or broken server cannot make errors arbitrarily large.
pub const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

/// Response headers that can carry a secret, hidden from `Debug`.
const SENSITIVE_RESPONSE_HEADERS: &[&str] = &[
    "set-cookie",
    "authorization",
    "proxy-authorization",
    "www-authenticate",
    "proxy-authenticate",
];

/// Response headers that carry a request id, most common first.
const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-correlation-id",
    "cf-ray",
];

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

/// A credential or other secret. `Debug` and `Display` print `[redacted]`;
/// read it with [`SecretString::expose_secret`].
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(Box<str>);

impl SecretString {
    /// Wraps a secret value.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into().into_boxed_str())
    }

    /// The secret itself. Keep it out of logs.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretString {
    fn from(secret: String) -> Self {
        Self::new(secret)
    }
}

impl From<&str> for SecretString {
    fn from(secret: &str) -> Self {
        Self::new(secret)
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// An exact decimal number (`type: number` in the spec).
///
/// Amounts of money must not pass through binary floating point on their way
/// to the server: `99999999.99` as an `f32` is `100000000`. A `Decimal`
/// keeps every digit. On the wire it is a JSON number, written with exactly
/// its digits (`2299.5`, `99999999.99`); a value whose digits a JSON number
/// read through `f64` could not carry (more than 15 significant digits) is
/// refused when the request is built rather than silently rounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal(pub rust_decimal::Decimal);

impl Decimal {
    /// The underlying [`rust_decimal::Decimal`], for arithmetic.
    pub const fn get(self) -> rust_decimal::Decimal {
        self.0
    }
}

impl From<rust_decimal::Decimal> for Decimal {
    fn from(value: rust_decimal::Decimal) -> Self {
        Self(value)
    }
}

impl From<Decimal> for rust_decimal::Decimal {
    fn from(value: Decimal) -> Self {
        value.0
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Self(value.into())
    }
}

impl From<i32> for Decimal {
    fn from(value: i32) -> Self {
        Self(value.into())
    }
}

impl From<u32> for Decimal {
    fn from(value: u32) -> Self {
        Self(value.into())
    }
}

impl From<u64> for Decimal {
    fn from(value: u64) -> Self {
        Self(value.into())
    }
}

impl std::str::FromStr for Decimal {
    type Err = rust_decimal::Error;

    /// Parses decimal notation such as `2299.5` (no exponent, no rounding).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        rust_decimal::Decimal::from_str_exact(text).map(Self)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.0.normalize();
        if value.scale() == 0 {
            if let Ok(integer) = i64::try_from(value) {
                return serializer.serialize_i64(integer);
            }
        }
        // serde's data model has no decimal type, so the number travels as the
        // f64 closest to it; the serializer prints that f64's shortest digits,
        // which are the decimal's own digits whenever the f64 round-trips.
        let text = value.to_string();
        match text.parse::<f64>() {
            Ok(float) if float.is_finite() && format_f64(float) == text => {
                serializer.serialize_f64(float)
            }
            _ => Err(serde::ser::Error::custom(format_args!(
                "the number {text} has more digits than a JSON number can carry exactly"
            ))),
        }
    }
}

fn format_f64(float: f64) -> String {
    // `Display` for f64 prints the shortest digits that round-trip, in plain
    // notation, as the JSON serializer does for numbers of this size.
    let text = float.to_string();
    match text.strip_suffix(".0") {
        Some(integer) => integer.to_owned(),
        None => text,
    }
}

impl<'de> serde::Deserialize<'de> for Decimal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DecimalVisitor)
    }
}

struct DecimalVisitor;

impl serde::de::Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number")
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Decimal, E> {
        Ok(Decimal(value.into()))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Decimal, E> {
        Ok(Decimal(value.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Decimal, E> {
        // The JSON parser rounds to the nearest f64 (`float_roundtrip`), whose
        // shortest representation gives back the digits that were sent.
        let text = value.to_string();
        rust_decimal::Decimal::from_str_exact(&text)
            .map(Decimal)
            .map_err(|_| E::custom(format_args!("{text} is out of range for a decimal")))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Decimal, E> {
        // Some servers send amounts as strings ("22.00"); the digits are exact.
        rust_decimal::Decimal::from_str_exact(value)
            .map(Decimal)
            .map_err(|_| E::custom(format_args!("{value:?} is not a decimal number")))
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

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
    /// ([`ClientBuilder::max_response_body_bytes`]); reading stopped there.
    BodyTooLarge(BodyTooLarge),
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
    /// `502`, `503` or `504` answer. The client has already retried as its
    /// [`RetryPolicy`] allows; this does not say that sending the call again
    /// is safe: a `POST` without an idempotency key may have taken effect.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout(_) | Error::Connection(_) => true,
            Error::InvalidRequest(_) | Error::BodyTooLarge(_) => false,
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
            Error::InvalidRequest(_) => 0,
        }
    }

    /// A short name of the variant (`api`, `timeout`, …), as recorded in traces.
    fn kind(&self) -> &'static str {
        match self {
            Error::Api(_) => "api",
            Error::UnexpectedStatus(_) => "unexpected_status",
            Error::Decode(_) => "decode",
            Error::Timeout(_) => "timeout",
            Error::Connection(_) => "connection",
            Error::InvalidRequest(_) => "invalid_request",
            Error::BodyTooLarge(_) => "body_too_large",
        }
    }

    fn response_head(&self) -> Option<(StatusCode, &HeaderMap)> {
        match self {
            Error::Api(e) => Some((e.status, &e.headers)),
            Error::UnexpectedStatus(e) => Some((e.status, &e.headers)),
            Error::Decode(e) => Some((e.status, &e.headers)),
            Error::BodyTooLarge(e) => Some((e.status, &e.headers)),
            Error::Timeout(_) | Error::Connection(_) | Error::InvalidRequest(_) => None,
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
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Timeout(e) | Error::Connection(e) => Some(&e.source),
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
    raw_body: Vec<u8>,
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
    /// The timeout of each attempt (see [`ClientBuilder::timeout`]).
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
    /// The limit, in bytes ([`ClientBuilder::max_response_body_bytes`]).
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

/// A problem with the client's configuration, found by [`ClientBuilder::build`].
#[derive(Debug)]
pub struct BuildError {
    reason: String,
    source: Option<reqwest::Error>,
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
fn root_cause(error: &dyn std::error::Error) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    one_line(&cause.to_string(), 300)
}

fn request_id(headers: &HeaderMap) -> Option<&str> {
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
fn one_line(text: &str, max_chars: usize) -> String {
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

// ---------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------

/// A successful response: the decoded body with the status and headers.
/// It dereferences to the body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The server's request id (`x-request-id` and similar), for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, dropping status and headers.
    pub fn into_body(self) -> T {
        self.body
    }
}

impl<T> std::ops::Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// Why a body did not decode: where, and what was wrong there.
#[doc(hidden)]
#[derive(Debug)]
pub struct BodyDecodeFailure {
    path: String,
    message: String,
}

/// Decodes a JSON body straight into `T`. Only when that fails is the body
/// decoded again, tracking where, so that the error can name the field path:
/// a successful call pays nothing for the diagnostics (tracking the path
/// makes decoding about twice as slow). Both passes read the same bytes
/// with the same rules, so the second fails where the first did.
#[doc(hidden)]
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, BodyDecodeFailure> {
    serde_json::from_slice(body).map_err(|error| locate_json_failure::<T>(body, &error))
}

/// Decodes one of the spec's examples into its type, for the generated
/// test that every example does: an error names the type and the field.
#[doc(hidden)]
pub fn check_example<T: DeserializeOwned>(type_name: &str, json: &str) -> Result<(), String> {
    decode_json::<T>(json.as_bytes())
        .map(drop)
        .map_err(|failure| format!("{type_name}: {} (at `{}`)", failure.message, failure.path))
}

/// Why `body` does not decode as `T`, with the field path.
#[cold]
fn locate_json_failure<T: DeserializeOwned>(
    body: &[u8],
    first: &serde_json::Error,
) -> BodyDecodeFailure {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(error) => {
            let path = error.path().to_string();
            BodyDecodeFailure {
                // serde_path_to_error writes the root as "." and a key it had
                // not finished reading as "?".
                path: if path == "." || path == "?" {
                    String::new()
                } else {
                    path
                },
                message: json_problem(body, &error.into_inner()),
            }
        }
        // The value decoded, so what failed is what follows it. (Were the
        // end to pass too, which the same bytes and rules rule out, the
        // first pass's error still says what was wrong.)
        Ok(_) => BodyDecodeFailure {
            path: String::new(),
            message: match deserializer.end() {
                Err(error) => json_problem(body, &error),
                Ok(()) => json_problem(body, first),
            },
        },
    }
}

/// serde_json's message, with what it means for a body cut short.
fn json_problem(body: &[u8], error: &serde_json::Error) -> String {
    if !error.is_eof() {
        return error.to_string();
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return "the body is empty, where JSON was expected".to_owned();
    }
    format!("the JSON is cut short after {} bytes ({error})", body.len())
}

/// Keeps the body as bytes, for operations whose response is not JSON.
#[doc(hidden)]
pub fn decode_bytes(body: &[u8]) -> Result<Vec<u8>, BodyDecodeFailure> {
    Ok(body.to_vec())
}

/// Accepts any body for an operation whose success response has none.
#[doc(hidden)]
pub fn decode_empty(_body: &[u8]) -> Result<(), BodyDecodeFailure> {
    Ok(())
}

/// The declared error responses of one operation, generated for each.
#[doc(hidden)]
pub trait ErrorBody: Sized {
    /// Decodes the body of a response with `status`, or `None` when the
    /// operation declares no error for that status.
    fn decode(status: u16, body: &[u8]) -> Option<Result<Self, BodyDecodeFailure>>;
}

/// An operation that declares no error responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoDeclaredErrors {}

impl ErrorBody for NoDeclaredErrors {
    fn decode(_status: u16, _body: &[u8]) -> Option<Result<Self, BodyDecodeFailure>> {
        None
    }
}

// ---------------------------------------------------------------------------
// Describing the API (generated as constants)
// ---------------------------------------------------------------------------

/// The parts of the spec the runtime needs, generated as a constant.
#[doc(hidden)]
#[derive(Debug)]
pub struct ApiDescription {
    pub crate_name: &'static str,
    pub crate_version: &'static str,
    pub default_base_url: Option<&'static str>,
    pub security_schemes: &'static [SecurityScheme],
}

/// A security scheme from `components.securitySchemes`.
#[doc(hidden)]
#[derive(Debug)]
pub struct SecurityScheme {
    /// The scheme's name in the spec.
    pub name: &'static str,
    /// The `ClientBuilder` method that sets it.
    pub setter: &'static str,
    pub location: CredentialLocation,
}

/// Where a credential goes in the request.
#[doc(hidden)]
#[derive(Debug)]
pub enum CredentialLocation {
    Header(&'static str),
    Query(&'static str),
    Cookie(&'static str),
    /// `Authorization: Basic ...`
    Basic,
    /// `Authorization: Bearer ...`
    Bearer,
}

/// One operation, generated as a constant.
#[doc(hidden)]
#[derive(Debug)]
pub struct Operation {
    /// The Rust name of the operation, e.g. `get_order`.
    pub id: &'static str,
    pub method: Method,
    /// The path template from the spec, e.g. `/orders/{order_id}`.
    pub path: &'static str,
    /// Alternatives (any one will do) of credential sets (all are needed),
    /// by scheme name. Empty: no credentials.
    pub security: &'static [&'static [&'static str]],
}

/// A credential value set on the [`ClientBuilder`].
#[derive(Clone, Debug)]
enum Credential {
    Secret(SecretString),
    Basic {
        username: SecretString,
        password: SecretString,
    },
}

// ---------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------

/// When a failed call is tried again, and how long the client waits between
/// tries.
///
/// A call is retried after a connection failure, a timeout, or a `408`,
/// `429`, `502`, `503` or `504` answer, waiting as long as the server's
/// `Retry-After` asks (when that is within [`Self::max_retry_after`];
/// longer, and the answer is returned instead) or else an exponentially
/// growing, jittered backoff. A request that is not idempotent (`POST`,
/// `PATCH`) is replayed only if it carries an idempotency key, since the
/// server may have acted on it already; the one exception is a failure to
/// connect, where nothing reached the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// Up to 2 retries; backoff from 200 ms up to 5 s; `Retry-After` honoured
    /// up to 30 s.
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// How many times a call may be tried again after the first attempt.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The backoff before the first retry; it doubles for each further one.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest backoff between two tries.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest `Retry-After` the client waits for.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// The wait before retry number `retry` (0-based): exponential, with
    /// jitter so that many clients do not retry in lockstep.
    fn backoff(&self, retry: u32) -> Duration {
        let exponential = self
            .initial_backoff
            .saturating_mul(1u32 << retry.min(16))
            .min(self.max_backoff);
        exponential.mul_f64(0.5 + 0.5 * unit_random())
    }
}

/// Statuses that say "try again later" rather than "this request is wrong".
const RETRYABLE_STATUSES: [u16; 5] = [408, 429, 502, 503, 504];

/// A number in [0, 1), random enough for jitter, without a dependency.
fn unit_random() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// A random UUID (version 4 layout) for an idempotency key. Uniqueness is
/// what matters here, not secrecy: 122 bits from the standard library's
/// randomly keyed hasher, fed a process-wide counter and the time.
fn new_idempotency_key() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let state = std::collections::hash_map::RandomState::new();
    let mut bytes = [0u8; 16];
    for (index, chunk) in bytes.chunks_mut(8).enumerate() {
        let mut hasher = state.build_hasher();
        hasher.write_u64(count);
        hasher.write_usize(index);
        hasher.write_u128(nanos);
        chunk.copy_from_slice(&hasher.finish().to_be_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The wait a `Retry-After` header asks for: seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = http_date(value)?;
    let wait = date.signed_duration_since(chrono::Utc::now());
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// An HTTP date (RFC 9110): `Sun, 06 Nov 1994 08:49:37 GMT`, or one of the
/// two obsolete forms servers still send.
fn http_date(value: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    if let Ok(date) = chrono::DateTime::parse_from_rfc2822(value) {
        return Some(date.with_timezone(&chrono::Utc));
    }
    ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
        .into_iter()
        .find_map(|format| chrono::NaiveDateTime::parse_from_str(value, format).ok())
        .map(|date| date.and_utc())
}

/// Whether sending the request twice cannot make the server act twice.
fn is_replayable(request: &reqwest::Request) -> bool {
    let idempotent_method = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    );
    idempotent_method
        || request
            .headers()
            .keys()
            .any(|name| name.as_str().ends_with("idempotency-key"))
}

// ---------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------

/// Configures a [`Client`]. Start with `Client::builder()`.
#[derive(Clone)]
pub struct ClientBuilder {
    api: &'static ApiDescription,
    base_url: Option<String>,
    base_url_is_explicit: bool,
    http: Option<reqwest::Client>,
    timeout: Duration,
    connect_timeout: Duration,
    credentials: BTreeMap<&'static str, Credential>,
    default_headers: Vec<(String, String)>,
    user_agent: Option<String>,
    retry: RetryPolicy,
    hooks: Vec<Arc<dyn Hook>>,
    max_response_body_bytes: usize,
    #[cfg(feature = "test-util")]
    mock: Option<mock::Mock>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("credentials", &self.credentials.keys().collect::<Vec<_>>())
            .field("retry", &self.retry)
            .field("hooks", &self.hooks.len())
            .field("max_response_body_bytes", &self.max_response_body_bytes)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The default request timeout: a payment call that has not answered in
    /// this time is better reported than waited on.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default connect timeout.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// The default limit on a response body: 16 MiB, room for any sane API
    /// response, while a hostile server cannot make the client buffer more.
    pub const DEFAULT_MAX_RESPONSE_BODY_BYTES: usize = 16 * 1024 * 1024;

    #[doc(hidden)]
    pub fn new(api: &'static ApiDescription) -> Self {
        Self {
            api,
            base_url: api.default_base_url.map(str::to_owned),
            base_url_is_explicit: false,
            http: None,
            timeout: Self::DEFAULT_TIMEOUT,
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
            credentials: BTreeMap::new(),
            default_headers: Vec::new(),
            user_agent: None,
            retry: RetryPolicy::default(),
            hooks: Vec::new(),
            max_response_body_bytes: Self::DEFAULT_MAX_RESPONSE_BODY_BYTES,
            #[cfg(feature = "test-util")]
            mock: None,
        }
    }

    /// Answers every call from `mock` instead of the network (the
    /// `test-util` feature): for the tests of code that uses the client.
    /// Credentials are still needed where operations ask for them.
    #[cfg(feature = "test-util")]
    pub fn mock(mut self, mock: &mock::Mock) -> Self {
        self.mock = Some(mock.clone());
        self
    }

    /// Where a mocked client's requests would go when no server is set: a
    /// name that cannot resolve, since nothing is sent.
    #[cfg(feature = "test-util")]
    fn mock_base_url(&self) -> Option<String> {
        self.mock
            .as_ref()
            .map(|_| "https://mock.invalid".to_owned())
    }

    #[cfg(not(feature = "test-util"))]
    fn mock_base_url(&self) -> Option<String> {
        None
    }

    /// When failed calls are retried (default: [`RetryPolicy::default`]; turn
    /// retries off with [`RetryPolicy::none`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends requests to `url` (e.g. a mock server or a proxy) instead of one
    /// of the spec's environments. Plain `http://` is allowed only here.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self.base_url_is_explicit = true;
        self
    }

    #[doc(hidden)]
    pub fn server_url(mut self, url: &'static str) -> Self {
        self.base_url = Some(url.to_owned());
        self.base_url_is_explicit = false;
        self
    }

    /// The timeout of each attempt, from connecting to the last byte of the
    /// response body (default 30 s). A call that is retried can take up to
    /// this once per attempt, plus the waits between attempts. Change it for
    /// some calls only with [`Client::with_timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The connect timeout (default 10 s). Ignored with [`Self::http_client`],
    /// whose own setting applies.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Uses your own `reqwest::Client` (shared connection pool, proxies,
    /// custom TLS). Its redirect policy then applies: make sure it does not
    /// follow redirects to other hosts (`reqwest::redirect::Policy::none()`
    /// will do), or credentials in custom headers may go with them.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// A header sent with every request. Checked by [`Self::build`].
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the `User-Agent` (default: `<crate>/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Adds a [`Hook`], called to adjust every request before it is sent
    /// and to observe every response. Hooks run in the order they were added.
    pub fn hook(mut self, hook: impl Hook + 'static) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// The largest response body the client reads, in bytes (default
    /// [`Self::DEFAULT_MAX_RESPONSE_BODY_BYTES`], 16 MiB). A larger body ends
    /// the call with [`Error::BodyTooLarge`], without being read further.
    pub fn max_response_body_bytes(mut self, limit: usize) -> Self {
        self.max_response_body_bytes = limit;
        self
    }

    #[doc(hidden)]
    pub fn secret_credential(mut self, scheme: &'static str, secret: SecretString) -> Self {
        self.credentials.insert(scheme, Credential::Secret(secret));
        self
    }

    #[doc(hidden)]
    pub fn basic_credential(
        mut self,
        scheme: &'static str,
        username: SecretString,
        password: SecretString,
    ) -> Self {
        self.credentials
            .insert(scheme, Credential::Basic { username, password });
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, BuildError> {
        let fail = |reason: String| BuildError {
            reason,
            source: None,
        };
        let mock_base_url = self.mock_base_url();
        let base_url = self.base_url.or(mock_base_url).ok_or_else(|| {
            fail("the API declares no server URL: set one with `base_url`".to_owned())
        })?;
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| fail(format!("base URL {base_url:?} is not a valid URL: {e}")))?;
        match parsed.scheme() {
            "https" => {}
            "http" if self.base_url_is_explicit => {}
            "http" => {
                return Err(fail(format!(
                    "the server URL {base_url:?} is plain HTTP; to use it anyway, pass it to `base_url` explicitly"
                )));
            }
            other => {
                return Err(fail(format!(
                    "base URL scheme {other:?} is not http or https"
                )));
            }
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(fail(format!(
                "base URL {base_url:?} must not have a query or fragment"
            )));
        }
        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| fail(format!("{name:?} is not a valid header name")))?;
            let header_value = HeaderValue::from_str(value).map_err(|_| {
                fail(format!(
                    "the value of default header {name:?} is not a valid header value (line breaks and control characters are refused)"
                ))
            })?;
            default_headers.append(header_name, header_value);
        }
        let user_agent = self
            .user_agent
            .unwrap_or_else(|| format!("{}/{}", self.api.crate_name, self.api.crate_version));
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|_| fail("the user agent is not a valid header value".to_owned()))?;
        // What every request starts from, put together once.
        let mut base_headers = default_headers;
        base_headers.insert(reqwest::header::USER_AGENT, user_agent);
        base_headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        let mut credentials = BTreeMap::new();
        for (scheme, credential) in self.credentials {
            let prepared = prepare_credential(self.api, scheme, &credential).map_err(fail)?;
            credentials.insert(scheme, prepared);
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                let origin = parsed.origin();
                reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    // Credentials ride in custom headers that reqwest does not
                    // strip on a redirect to another host: follow redirects
                    // only within the API's own origin.
                    .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                        if attempt.previous().len() >= 5 || attempt.url().origin() != origin {
                            attempt.stop()
                        } else {
                            attempt.follow()
                        }
                    }))
                    .build()
                    .map_err(|e| BuildError {
                        reason: "could not create the HTTP client".to_owned(),
                        source: Some(e),
                    })?
            }
        };
        Ok(Client {
            inner: Arc::new(ClientInner {
                http,
                base_url: base_url.trim_end_matches('/').to_owned(),
                credentials,
                base_headers,
                hooks: self.hooks,
                max_response_body_bytes: self.max_response_body_bytes,
                #[cfg(feature = "test-util")]
                mock: self.mock,
            }),
            timeout: self.timeout,
            retry: self.retry,
        })
    }
}

/// A credential turned into what goes on the wire, checked once at build time.
#[derive(Clone)]
enum PreparedCredential {
    Header(HeaderName, HeaderValue),
    Query(&'static str, SecretString),
    Cookie(&'static str, SecretString),
}

fn prepare_credential(
    api: &ApiDescription,
    scheme: &'static str,
    credential: &Credential,
) -> Result<PreparedCredential, String> {
    let Some(description) = api.security_schemes.iter().find(|s| s.name == scheme) else {
        return Err(format!("unknown security scheme {scheme:?}"));
    };
    let invalid = || {
        format!(
            "the credential for {scheme} (set with `{}`) contains characters not allowed in a header, such as a line break",
            description.setter
        )
    };
    let sensitive = |text: String| {
        let mut value = HeaderValue::from_str(&text).map_err(|_| invalid())?;
        // Keeps the value out of HTTP/2 header compression tables and debug output.
        value.set_sensitive(true);
        Ok::<_, String>(value)
    };
    let no_line_breaks = |secret: &SecretString| {
        if secret.expose_secret().chars().any(char::is_control) {
            Err(invalid())
        } else {
            Ok(secret.clone())
        }
    };
    Ok(match (&description.location, credential) {
        (CredentialLocation::Header(name), Credential::Secret(secret)) => {
            PreparedCredential::Header(
                HeaderName::from_static(name),
                sensitive(secret.expose_secret().to_owned())?,
            )
        }
        (CredentialLocation::Bearer, Credential::Secret(token)) => PreparedCredential::Header(
            reqwest::header::AUTHORIZATION,
            sensitive(format!("Bearer {}", token.expose_secret()))?,
        ),
        (CredentialLocation::Basic, Credential::Basic { username, password }) => {
            use base64_encoding::encode;
            let pair = format!("{}:{}", username.expose_secret(), password.expose_secret());
            PreparedCredential::Header(
                reqwest::header::AUTHORIZATION,
                sensitive(format!("Basic {}", encode(pair.as_bytes())))?,
            )
        }
        (CredentialLocation::Query(name), Credential::Secret(secret)) => {
            PreparedCredential::Query(name, no_line_breaks(secret)?)
        }
        (CredentialLocation::Cookie(name), Credential::Secret(secret)) => {
            PreparedCredential::Cookie(name, no_line_breaks(secret)?)
        }
        _ => return Err(format!("the credential for {scheme} has the wrong shape")),
    })
}

/// Standard base64, for HTTP basic credentials (not worth a dependency).
mod base64_encoding {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub(super) fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
            let n = (byte(0) << 16) | (byte(1) << 8) | byte(2);
            for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
                // Six bits index the 64-letter alphabet: always in range.
                let letter = ALPHABET.get(((n >> shift) & 63) as usize);
                if let (true, Some(&letter)) = (i <= chunk.len(), letter) {
                    out.push(char::from(letter));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}

/// The API client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientInner>,
    // Outside the `Arc`, so that `with_timeout` and `with_retry_policy` can
    // make a variant of the client without copying the rest.
    timeout: Duration,
    retry: RetryPolicy,
}

struct ClientInner {
    http: reqwest::Client,
    base_url: String,
    credentials: BTreeMap<&'static str, PreparedCredential>,
    /// The default headers, the user agent and `accept`.
    base_headers: HeaderMap,
    hooks: Vec<Arc<dyn Hook>>,
    max_response_body_bytes: usize,
    #[cfg(feature = "test-util")]
    mock: Option<mock::Mock>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field(
                "credentials",
                &self.inner.credentials.keys().collect::<Vec<_>>(),
            )
            .field("hooks", &self.inner.hooks.len())
            .field(
                "max_response_body_bytes",
                &self.inner.max_response_body_bytes,
            )
            .finish_non_exhaustive()
    }
}

/// A point to adjust each request and observe each response, set with
/// [`ClientBuilder::hook`]: for tracing headers, request signing, metrics or
/// logging. Every method has a default that does nothing.
///
/// The hook sees each attempt, retries included, with the request as it goes
/// on the wire: credentials included. Header credentials are marked
/// sensitive, so `Debug` of the request or its headers prints `Sensitive`
/// in their place (so are response headers such as `set-cookie`); a credential that the spec puts in the query string is
/// in `request.url()`, so do not log URLs' queries. A hook that sends the
/// request elsewhere sends the credentials with it.
pub trait Hook: Send + Sync {
    /// Called before each attempt is sent, with the request to adjust (add a
    /// header, change the timeout). Each attempt starts again from the
    /// request as the client prepared it.
    fn on_request(&self, call: &CallInfo, request: &mut reqwest::Request) {
        let _ = (call, request);
    }

    /// Called when the status and headers of an attempt's response arrive,
    /// before its body is read; also for responses that will be retried.
    fn on_response(&self, call: &CallInfo, response: &ResponseInfo<'_>) {
        let _ = (call, response);
    }

    /// Called when an attempt ends without a response: a failure to
    /// connect, a timeout, a reset connection. The error carries no URL.
    fn on_error(&self, call: &CallInfo, error: &reqwest::Error, elapsed: Duration) {
        let _ = (call, error, elapsed);
    }
}

/// Which call and attempt a [`Hook`] is called for.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CallInfo {
    /// The operation's Rust name, e.g. `get_order`.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: &'static Method,
    /// The path template from the spec, e.g. `/orders/{order_id}` (the
    /// values of path parameters are not in it).
    pub path_template: &'static str,
    /// The attempt, from 1.
    pub attempt: u32,
}

/// The head of a response, as a [`Hook`] sees it.
#[derive(Debug)]
#[non_exhaustive]
pub struct ResponseInfo<'a> {
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: &'a HeaderMap,
    /// How long the attempt took until the headers arrived.
    pub elapsed: Duration,
}

/// One request being assembled by a generated operation.
#[doc(hidden)]
pub struct Request {
    operation: &'static Operation,
    path_params: Vec<(&'static str, String)>,
    // Keys are owned when built at run time (`filter[name]` for a deepObject).
    query: Vec<(std::borrow::Cow<'static, str>, String)>,
    headers: Vec<(&'static str, String)>,
    cookies: Vec<(&'static str, String)>,
    // The content type is owned when built at run time (a multipart boundary).
    body: Option<(std::borrow::Cow<'static, str>, Vec<u8>)>,
    problem: Option<String>,
}

impl Request {
    #[doc(hidden)]
    pub fn new(operation: &'static Operation) -> Self {
        Self {
            operation,
            path_params: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            problem: None,
        }
    }

    /// Fills `{name}` in the path template with `value`, percent-encoded.
    #[doc(hidden)]
    pub fn path_param(&mut self, name: &'static str, value: impl fmt::Display) {
        let value = value.to_string();
        // An empty, "." or ".." segment would address a different resource
        // (`/orders/` or `/`) once the URL is normalised.
        if value.is_empty() || value == "." || value == ".." {
            self.problem
                .get_or_insert_with(|| format!("path parameter `{name}` must not be {value:?}"));
        }
        self.path_params.push((name, value));
    }

    #[doc(hidden)]
    pub fn query_param(&mut self, name: &'static str, value: impl fmt::Display) {
        self.query.push((name.into(), value.to_string()));
    }

    #[doc(hidden)]
    pub fn header_param(&mut self, name: &'static str, value: impl fmt::Display) {
        self.headers.push((name, value.to_string()));
    }

    /// Sends `key`, or a fresh random key when the caller gave none. The
    /// request is prepared once, so every retry carries the same key.
    #[doc(hidden)]
    pub fn idempotency_key(&mut self, name: &'static str, key: Option<&str>) {
        let key = key.map_or_else(new_idempotency_key, str::to_owned);
        self.headers.push((name, key));
    }

    #[doc(hidden)]
    pub fn json_body<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(("application/json".into(), bytes)),
            Err(e) => {
                self.problem
                    .get_or_insert_with(|| format!("the request body cannot be serialized: {e}"));
            }
        }
    }

    #[doc(hidden)]
    pub fn raw_body(&mut self, content_type: &'static str, bytes: Vec<u8>) {
        self.body = Some((content_type.into(), bytes));
    }

    fn invalid(&self, reason: String) -> InvalidRequest {
        InvalidRequest {
            operation: self.operation.id,
            reason,
        }
    }

    fn url(&self, base_url: &str) -> Result<reqwest::Url, InvalidRequest> {
        let mut path = String::with_capacity(self.operation.path.len() + 16);
        let mut rest = self.operation.path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            path.push_str(&rest[..open]);
            let name = &rest[open + 1..open + close];
            let value = self
                .path_params
                .iter()
                .find(|(param, _)| *param == name)
                .map(|(_, value)| value)
                .ok_or_else(|| self.invalid(format!("path parameter `{name}` has no value")))?;
            path.extend(percent_encoding::utf8_percent_encode(value, PATH_SEGMENT));
            rest = &rest[open + close + 1..];
        }
        path.push_str(rest);
        let mut url = reqwest::Url::parse(&format!("{base_url}{path}"))
            .map_err(|e| self.invalid(format!("the URL is not valid: {e}")))?;
        if !self.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(self.query.iter().map(|(k, v)| (k.as_ref(), v.as_str())));
        }
        Ok(url)
    }
}

/// Everything but the unreserved characters of RFC 3986, so that a value such
/// as `a/b?c#d` stays one path segment (`a%2Fb%3Fc%23d`).
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

impl Client {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// This client with another timeout for each attempt of its calls, for
    /// one call or a few: `client.with_timeout(Duration::from_secs(5)).get_order(id)`.
    /// Cheap: the copy shares the connection pool, credentials and hooks.
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        Client {
            timeout,
            ..self.clone()
        }
    }

    /// This client with another [`RetryPolicy`], for one call or a few:
    /// `client.with_retry_policy(RetryPolicy::none()).create_order(&order)`.
    /// Cheap: the copy shares the connection pool, credentials and hooks.
    pub fn with_retry_policy(&self, policy: RetryPolicy) -> Client {
        Client {
            retry: policy,
            ..self.clone()
        }
    }

    /// Sends a request built by a generated operation and decodes the answer,
    /// in a `tracing` span (`api_call`) with the operation, method, path
    /// template, status, attempt count and elapsed time: never a URL, header
    /// or body, which can carry secrets.
    #[doc(hidden)]
    pub async fn execute<T, E: ErrorBody>(
        &self,
        request: Request,
        decode: fn(&[u8]) -> Result<T, BodyDecodeFailure>,
    ) -> Result<Response<T>, Error<E>> {
        use tracing::Instrument;
        let operation = request.operation;
        let span = tracing::info_span!(
            "api_call",
            operation = operation.id,
            method = operation.method.as_str(),
            path = operation.path,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
            error = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self
            .execute_attempts(request, decode, &span)
            .instrument(span.clone())
            .await;
        let elapsed = started.elapsed();
        span.record("elapsed_ms", millis(elapsed));
        let _entered = span.enter();
        match &result {
            Ok(response) => {
                span.record("status", response.status.as_u16());
                tracing::debug!(
                    status = response.status.as_u16(),
                    elapsed_ms = millis(elapsed),
                    "call succeeded"
                );
            }
            Err(error) => {
                if let Some(status) = error.status() {
                    span.record("status", status.as_u16());
                }
                span.record("error", error.kind());
                tracing::debug!(
                    error = error.kind(),
                    elapsed_ms = millis(elapsed),
                    "call failed"
                );
            }
        }
        result
    }

    async fn execute_attempts<T, E: ErrorBody>(
        &self,
        request: Request,
        decode: fn(&[u8]) -> Result<T, BodyDecodeFailure>,
        span: &tracing::Span,
    ) -> Result<Response<T>, Error<E>> {
        let operation = request.operation;
        let prepared = self.prepare(&request)?;
        #[cfg(feature = "test-util")]
        if let Some(mock) = &self.inner.mock {
            let credentials = self.credentials_for(&request)?;
            let (status, headers, body) =
                mock.answer(operation, &self.inner.base_url, &prepared, &credentials)?;
            return decode_response(operation, status, headers, &body, 1, decode);
        }
        let transport = |source: reqwest::Error, attempts: u32| {
            let error = TransportError {
                operation: operation.id,
                // The URL can carry an API key in its query: never keep it.
                source: source.without_url(),
                timeout: self.timeout,
                attempts,
            };
            if error.source.is_timeout() {
                Error::Timeout(error)
            } else {
                Error::Connection(error)
            }
        };
        let (response, attempts) = self
            .send(&request, prepared, span)
            .await
            .map_err(|(error, attempts)| transport(error, attempts))?;
        let status = response.status();
        // Moved out, not copied: reading the body does not need them.
        let mut response = response;
        let headers = std::mem::take(response.headers_mut());
        let body = match self.read_body(response).await {
            Ok(body) => body,
            Err(BodyReadFailure::Transport(e)) => return Err(transport(e, attempts)),
            Err(BodyReadFailure::TooLarge { content_length }) => {
                return Err(Error::BodyTooLarge(BodyTooLarge {
                    operation: operation.id,
                    status,
                    headers,
                    limit: self.inner.max_response_body_bytes,
                    content_length,
                    attempts,
                }));
            }
        };
        decode_response(operation, status, headers, &body, attempts, decode)
    }

    /// Sends the request, retrying as the [`RetryPolicy`] allows, and returns
    /// the last response (or failure) with the number of attempts made.
    async fn send(
        &self,
        built: &Request,
        mut request: reqwest::Request,
        span: &tracing::Span,
    ) -> Result<(reqwest::Response, u32), (reqwest::Error, u32)> {
        let operation = built.operation;
        let policy = &self.retry;
        let replayable = is_replayable(&request);
        let mut attempt = 1;
        loop {
            let may_retry = attempt <= policy.max_retries;
            let call = CallInfo {
                operation_id: operation.id,
                method: &operation.method,
                path_template: operation.path,
                attempt,
            };
            for hook in &self.inner.hooks {
                hook.on_request(&call, &mut request);
            }
            span.record("attempt", attempt);
            let started = Instant::now();
            // The URL can carry an API key in its query: drop it from errors
            // before anything (a hook, a trace) can print them.
            let mut outcome = self
                .inner
                .http
                .execute(request)
                .await
                .map_err(reqwest::Error::without_url);
            // Hooks, errors and responses keep these headers, and their
            // `Debug` prints them: a session cookie or token the server sends
            // back prints as `Sensitive`.
            if let Ok(response) = &mut outcome {
                for (name, value) in response.headers_mut().iter_mut() {
                    if SENSITIVE_RESPONSE_HEADERS.contains(&name.as_str()) {
                        value.set_sensitive(true);
                    }
                }
            }
            let elapsed = started.elapsed();
            match &outcome {
                Ok(response) => {
                    tracing::debug!(
                        attempt,
                        status = response.status().as_u16(),
                        elapsed_ms = millis(elapsed),
                        "response received"
                    );
                    let info = ResponseInfo {
                        status: response.status(),
                        headers: response.headers(),
                        elapsed,
                    };
                    for hook in &self.inner.hooks {
                        hook.on_response(&call, &info);
                    }
                }
                Err(error) => {
                    tracing::debug!(
                        attempt,
                        timeout = error.is_timeout(),
                        connect = error.is_connect(),
                        cause = %root_cause(error),
                        elapsed_ms = millis(elapsed),
                        "no response"
                    );
                    for hook in &self.inner.hooks {
                        hook.on_error(&call, error, elapsed);
                    }
                }
            }
            if !may_retry {
                return outcome.map(|r| (r, attempt)).map_err(|e| (e, attempt));
            }
            let wait = match &outcome {
                Ok(response)
                    if replayable && RETRYABLE_STATUSES.contains(&response.status().as_u16()) =>
                {
                    match retry_after(response.headers()) {
                        Some(wait) if wait > policy.max_retry_after => None,
                        Some(wait) => Some(wait),
                        None => Some(policy.backoff(attempt - 1)),
                    }
                }
                // Nothing reached the server: safe to send again, whatever the method.
                Err(error) if error.is_connect() => Some(policy.backoff(attempt - 1)),
                Err(error) if replayable && error.is_timeout() => Some(policy.backoff(attempt - 1)),
                _ => None,
            };
            let Some(wait) = wait else {
                return outcome.map(|r| (r, attempt)).map_err(|e| (e, attempt));
            };
            // The next attempt is prepared again from what the operation
            // built (the same bytes: an idempotency key is fixed when the
            // call is built), rather than copied before every attempt: a
            // call that succeeds at once copies nothing. Hooks adjust each
            // attempt afresh.
            let Ok(next) = self.prepare(built) else {
                return outcome.map(|r| (r, attempt)).map_err(|e| (e, attempt));
            };
            tracing::info!(attempt, wait_ms = millis(wait), "retrying");
            drop(outcome);
            tokio::time::sleep(wait).await;
            request = next;
            attempt += 1;
        }
    }

    /// Reads the body, up to the client's limit.
    async fn read_body(&self, mut response: reqwest::Response) -> Result<Vec<u8>, BodyReadFailure> {
        let limit = self.inner.max_response_body_bytes;
        let content_length = response.content_length();
        if content_length.is_some_and(|length| length > limit as u64) {
            return Err(BodyReadFailure::TooLarge { content_length });
        }
        // Trust the announced length only up to the limit.
        let capacity = content_length.map_or(0, |length| length as usize);
        let mut body = Vec::with_capacity(capacity.min(limit));
        while let Some(chunk) = response.chunk().await.map_err(BodyReadFailure::Transport)? {
            if chunk.len() > limit - body.len() {
                return Err(BodyReadFailure::TooLarge { content_length });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn prepare(&self, request: &Request) -> Result<reqwest::Request, InvalidRequest> {
        let operation = request.operation;
        if let Some(problem) = &request.problem {
            return Err(request.invalid(problem.clone()));
        }
        let credentials = self.credentials_for(request)?;
        let mut url = request.url(&self.inner.base_url)?;
        let mut headers = self.inner.base_headers.clone();
        for (name, value) in &request.headers {
            let value = HeaderValue::from_str(value).map_err(|_| {
                request.invalid(format!(
                    "the value of header `{name}` is not a valid header value (line breaks and control characters are refused)"
                ))
            })?;
            headers.insert(HeaderName::from_static(name), value);
        }
        // Cookie parameters and cookie credentials share one `Cookie` header.
        let mut cookies: Vec<String> = request
            .cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        for (_, credential) in credentials {
            match credential {
                PreparedCredential::Header(name, value) => {
                    headers.insert(name.clone(), value.clone());
                }
                PreparedCredential::Query(name, value) => {
                    url.query_pairs_mut()
                        .append_pair(name, value.expose_secret());
                }
                PreparedCredential::Cookie(name, value) => {
                    cookies.push(format!("{name}={}", value.expose_secret()));
                }
            }
        }
        if !cookies.is_empty() {
            let mut value = HeaderValue::from_str(&cookies.join("; "))
                .map_err(|_| {
                    request.invalid(
                        "a cookie value is not valid (line breaks and control characters are refused)"
                            .to_owned(),
                    )
                })?;
            value.set_sensitive(true);
            headers.insert(reqwest::header::COOKIE, value);
        }
        let mut prepared = reqwest::Request::new(operation.method.clone(), url);
        if let Some((content_type, bytes)) = &request.body {
            let content_type = HeaderValue::from_str(content_type).map_err(|_| {
                request.invalid(format!("{content_type:?} is not a valid content type"))
            })?;
            headers.insert(reqwest::header::CONTENT_TYPE, content_type);
            *prepared.body_mut() = Some(bytes.clone().into());
        }
        *prepared.headers_mut() = headers;
        *prepared.timeout_mut() = Some(self.timeout);
        Ok(prepared)
    }

    /// The credentials of the first of the operation's alternatives that the
    /// client has all of.
    fn credentials_for(
        &self,
        request: &Request,
    ) -> Result<Vec<(&'static str, &PreparedCredential)>, InvalidRequest> {
        let alternatives = request.operation.security;
        if alternatives.is_empty() {
            return Ok(Vec::new());
        }
        for alternative in alternatives {
            let found: Option<Vec<_>> = alternative
                .iter()
                .map(|scheme| Some((*scheme, self.inner.credentials.get(scheme)?)))
                .collect();
            if let Some(found) = found {
                return Ok(found);
            }
        }
        let needed: Vec<String> = alternatives
            .iter()
            .map(|alternative| alternative.join(" + "))
            .collect();
        Err(request.invalid(format!(
            "it needs credentials the client does not have: {}",
            needed.join(", or ")
        )))
    }
}

/// Decodes a response: the success type for a 2xx status, the operation's
/// error enum for a status it declares, else an unexpected status.
// The error is the `Error` every call returns, as large as it is public.
#[allow(clippy::result_large_err)]
fn decode_response<T, E: ErrorBody>(
    operation: &'static Operation,
    status: StatusCode,
    headers: HeaderMap,
    body: &[u8],
    attempts: u32,
    decode: fn(&[u8]) -> Result<T, BodyDecodeFailure>,
) -> Result<Response<T>, Error<E>> {
    let decode_error = |failure: BodyDecodeFailure, headers: HeaderMap| {
        Error::Decode(DecodeError {
            operation: operation.id,
            status,
            headers,
            path: failure.path,
            message: failure.message,
            body: bounded(body).0,
            body_len: body.len(),
            attempts,
        })
    };
    if status.is_success() {
        return match decode(body) {
            Ok(body) => Ok(Response {
                status,
                headers,
                body,
            }),
            Err(failure) => Err(decode_error(failure, headers)),
        };
    }
    match E::decode(status.as_u16(), body) {
        Some(Ok(decoded)) => Err(Error::Api(ApiError {
            operation: operation.id,
            status,
            headers,
            body: decoded,
            attempts,
            raw_body: bounded(body).0,
        })),
        Some(Err(failure)) => Err(decode_error(failure, headers)),
        None => {
            let (body, body_truncated) = bounded(body);
            Err(Error::UnexpectedStatus(UnexpectedStatus {
                operation: operation.id,
                status,
                headers,
                body,
                body_truncated,
                attempts,
            }))
        }
    }
}

/// Why a response body could not be read.
enum BodyReadFailure {
    Transport(reqwest::Error),
    TooLarge { content_length: Option<u64> },
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

fn bounded(body: &[u8]) -> (Vec<u8>, bool) {
    let keep = body.len().min(MAX_ERROR_BODY_BYTES);
    (body.get(..keep).unwrap_or(body).to_vec(), keep < body.len())
}
