// Webhooks: choosing which of the spec's webhooks a request is, decoding
// it, and the errors of doing so. The generated `webhooks` module declares
// its events and calls in here. Part of the client runtime (see the runtime
// crate's `lib.rs`).

use std::fmt;

use super::{BodyDecodeFailure, HeaderMap, SignatureError};

/// One webhook of the spec, as the generated `webhooks` module declares it:
/// what in a request says it is this one.
#[doc(hidden)]
#[derive(Debug)]
pub struct WebhookDescription {
    /// The webhook's name in the spec (a `webhooks` key or a callback name).
    pub name: &'static str,
    /// A header and the value it has for this webhook (GitHub's
    /// `X-GitHub-Event: check_run`).
    pub header: Option<(&'static str, &'static str)>,
    /// Body properties and the one value each has for this webhook (a
    /// `const`, or an `enum` of one value: GitHub's `action: completed`).
    pub tags: &'static [(&'static str, &'static str)],
}

impl WebhookDescription {
    /// How many things must hold for a request to be this webhook.
    fn selectors(&self) -> usize {
        usize::from(self.header.is_some()) + self.tags.len()
    }

    fn matches(&self, headers: &HeaderMap, body: &serde_json::Value) -> bool {
        let header_matches = self.header.is_none_or(|(name, value)| {
            headers
                .get(name)
                .and_then(|found| found.to_str().ok())
                .is_some_and(|found| found.trim() == value)
        });
        header_matches
            && self.tags.iter().all(|(property, value)| {
                body.get(property).and_then(serde_json::Value::as_str) == Some(*value)
            })
    }
}

/// Parses a webhook request into the generated event type: the body must
/// be JSON; the webhooks whose header and body tags all match are tried,
/// the most specific first. A webhook chosen by a header or a tag that
/// does not decode is an error (the request says it is that webhook); one
/// chosen by its shape alone gives way to the next. `Ok(None)`: no webhook
/// of the spec fits, and the caller keeps the request as unknown.
#[doc(hidden)]
pub fn parse_webhook<T>(
    headers: &HeaderMap,
    body: &[u8],
    events: &'static [WebhookDescription],
    decode: impl Fn(usize, &[u8]) -> Option<Result<T, BodyDecodeFailure>>,
) -> Result<Option<T>, WebhookError> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|error| WebhookError::NotJson {
            message: error.to_string(),
        })?;
    let mut candidates: Vec<(usize, &WebhookDescription)> = events
        .iter()
        .enumerate()
        .filter(|(_, event)| event.matches(headers, &value))
        .collect();
    // Most selectors first; among equals, the spec's order.
    candidates.sort_by_key(|(index, event)| (std::cmp::Reverse(event.selectors()), *index));
    for (index, event) in candidates {
        match decode(index, body) {
            Some(Ok(decoded)) => return Ok(Some(decoded)),
            Some(Err(failure)) if event.selectors() > 0 => {
                return Err(WebhookError::Decode {
                    webhook: event.name,
                    path: failure.path,
                    message: failure.message,
                });
            }
            Some(Err(_)) | None => {}
        }
    }
    Ok(None)
}

/// Decodes a webhook's payload into a box. A payload can be large (GitHub's
/// reach 15 KB) and an event enum has a variant for each: decoding here,
/// one function per payload type, keeps each payload's temporaries out of
/// the frame that chooses among them (in a debug build, that frame would
/// otherwise hold a slot for every variant, megabytes for GitHub's).
#[doc(hidden)]
#[inline(never)]
pub fn decode_webhook_payload<T: serde::de::DeserializeOwned>(
    body: &[u8],
) -> Result<Box<T>, BodyDecodeFailure> {
    super::decode_json::<T>(body).map(Box::new)
}

/// A webhook request that none of the spec's webhooks describes (an event
/// added after the crate was generated, say), kept whole.
#[derive(Clone, PartialEq, Eq)]
pub struct UnknownWebhook {
    /// The request's headers.
    pub headers: HeaderMap,
    /// The raw body, as received.
    pub body: Vec<u8>,
}

impl UnknownWebhook {
    /// Keeps a request's headers and body.
    pub fn new(headers: &HeaderMap, body: &[u8]) -> Self {
        Self {
            headers: headers.clone(),
            body: body.to_vec(),
        }
    }

    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

impl fmt::Debug for UnknownWebhook {
    // The body as text; the headers by name only (a webhook's headers carry
    // its signature).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownWebhook")
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

/// Why a webhook request was not accepted.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// The signature did not verify: the request may not come from the
    /// provider, and nothing in it was read.
    Signature(SignatureError),
    /// The body is not JSON.
    NotJson {
        /// serde_json's words.
        message: String,
    },
    /// The request's header or tags say which webhook it is, and its body
    /// does not decode as that webhook's payload.
    Decode {
        /// The webhook's name in the spec.
        webhook: &'static str,
        /// Where in the body decoding failed, e.g. `data.order.order_amount`;
        /// empty for the body as a whole.
        path: String,
        /// What was wrong there.
        message: String,
    },
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Signature(error) => write!(f, "the webhook's signature does not verify: {error}"),
            Self::NotJson { message } => write!(f, "the webhook's body is not JSON: {message}"),
            Self::Decode {
                webhook,
                path,
                message,
            } if path.is_empty() => {
                write!(
                    f,
                    "the `{webhook}` webhook's body does not decode: {message}"
                )
            }
            Self::Decode {
                webhook,
                path,
                message,
            } => write!(
                f,
                "the `{webhook}` webhook's body does not decode at `{path}`: {message}"
            ),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Signature(error) => Some(error),
            _ => None,
        }
    }
}

impl From<SignatureError> for WebhookError {
    fn from(error: SignatureError) -> Self {
        Self::Signature(error)
    }
}
