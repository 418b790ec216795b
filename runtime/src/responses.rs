// Responses: a successful call's value, and decoding bodies into the
// operation's types (with the field path when that fails). Part of the
// client runtime (see the runtime crate's `lib.rs`).

use serde::de::DeserializeOwned;

use super::errors::request_id;
use super::{HeaderMap, StatusCode};

/// A successful response: the decoded body with the status and headers.
/// It dereferences to the body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: T,
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
    pub(super) path: String,
    pub(super) message: String,
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
