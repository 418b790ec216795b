// Hooks: the user's points to adjust each request and observe each
// response. Part of the client runtime (see the runtime crate's `lib.rs`).

use std::time::Duration;

use super::{HeaderMap, Method, StatusCode};

/// A point to adjust each request and observe each response, set with
/// [`ClientBuilder::hook`](super::ClientBuilder::hook): for tracing headers, request signing, metrics or
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
