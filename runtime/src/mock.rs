// Mocks for the tests of code that uses the client (the `test-util`
// feature). Part of the client runtime; the generator copies this file next
// to the generated code, into `runtime::mock`, compiled only with the
// feature, so that production builds carry none of it.

use std::collections::{BTreeMap, VecDeque};
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, PoisonError};

use reqwest::header::{HeaderName, HeaderValue};

use super::credentials::PreparedCredential;
use super::{ErrorBody, HeaderMap, InvalidRequest, Method, NoDeclaredErrors, StatusCode};

/// What a redacted credential reads as in a [`RecordedRequest`].
pub const REDACTED: &str = "[redacted]";

/// Stands in for the API in tests: answers calls with stubbed responses,
/// without a network, and records every request the client would have sent.
///
/// Give it to the client with `ClientBuilder::mock`; stub each operation by
/// its name (`mock.get_order().returns(order)`, typed by the generated
/// code); inspect what was sent with [`Mock::requests`]. Clones share the
/// same stubs and records.
///
/// Stubs of one operation answer in the order they were made; the last one
/// answers every call after that. A call with no stub fails with
/// `Error::InvalidRequest` naming the operation. Credentials are checked as
/// for a real call (a call whose security needs credentials the client lacks
/// fails before anything is recorded), recorded by scheme name in
/// [`RecordedRequest::credentials`], and their values redacted everywhere
/// else. Retries, timeouts and hooks are not involved: each call is one
/// attempt.
#[derive(Clone, Default)]
pub struct Mock {
    state: Arc<Mutex<MockState>>,
}

#[derive(Default)]
struct MockState {
    stubs: BTreeMap<&'static str, VecDeque<Stubbed>>,
    requests: Vec<RecordedRequest>,
}

#[derive(Clone)]
struct Stubbed {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl std::fmt::Debug for Mock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.lock();
        f.debug_struct("Mock")
            .field("stubbed", &state.stubs.keys().collect::<Vec<_>>())
            .field("requests", &state.requests.len())
            .finish()
    }
}

impl Mock {
    /// A mock with no stubs and no requests.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every request made so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, MockState> {
        // A test that panicked while holding the lock leaves the records as
        // they were: still worth reading.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, operation: &'static str, stubbed: Stubbed) {
        self.lock()
            .stubs
            .entry(operation)
            .or_default()
            .push_back(stubbed);
    }

    /// Records the request and answers it.
    pub(super) fn answer(
        &self,
        operation: &'static super::Operation,
        base_url: &str,
        request: &reqwest::Request,
        credentials: &[(&'static str, &PreparedCredential)],
    ) -> Result<(StatusCode, HeaderMap, Vec<u8>), InvalidRequest> {
        let recorded = RecordedRequest::new(operation.id, base_url, request, credentials);
        let mut state = self.lock();
        state.requests.push(recorded);
        let queue = state.stubs.get_mut(operation.id);
        let answer = match queue {
            Some(queue) if queue.len() > 1 => queue.pop_front(),
            Some(queue) => queue.front().cloned(),
            None => None,
        };
        let Some(answer) = answer else {
            return Err(InvalidRequest {
                operation: operation.id,
                reason: format!(
                    "the mock has no response for it: stub one with `mock.{}().returns(..)`",
                    operation.id
                ),
            });
        };
        Ok((answer.status, answer.headers, answer.body))
    }
}

/// The stubs of one tag group's operations, by their names in the group
/// (`mock.orders().create()`): `G` is the group's type. The generated code
/// adds a method per operation.
pub struct GroupStubs<'m, G> {
    mock: &'m Mock,
    _group: PhantomData<fn() -> G>,
}

impl<'m, G> GroupStubs<'m, G> {
    #[doc(hidden)]
    pub fn new(mock: &'m Mock) -> Self {
        Self {
            mock,
            _group: PhantomData,
        }
    }

    #[doc(hidden)]
    pub fn mock(&self) -> &'m Mock {
        self.mock
    }
}

/// The stub of one operation's response, typed by the generated code:
/// `T` is what the operation returns, `E` its error enum.
#[must_use = "a stub does nothing until `returns`, `fails_with` or `responds` is called"]
pub struct Stub<'m, T, E> {
    mock: &'m Mock,
    operation: &'static str,
    headers: HeaderMap,
    encode: fn(&T) -> Vec<u8>,
    _error: PhantomData<fn() -> E>,
}

impl<'m, T, E: StubError> Stub<'m, T, E> {
    #[doc(hidden)]
    pub fn new(mock: &'m Mock, operation: &'static str, encode: fn(&T) -> Vec<u8>) -> Self {
        Self {
            mock,
            operation,
            headers: HeaderMap::new(),
            encode,
            _error: PhantomData,
        }
    }

    /// Adds a response header (e.g. `x-request-id`).
    ///
    /// # Panics
    ///
    /// If the name or value is not valid in a header: a mistake in the test.
    // Only tests call this, with their own values: failing loudly there is
    // what an `assert!` would do; no server data reaches it.
    #[allow(clippy::panic)]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) else {
            panic!("mock response header {name:?}: {value:?} is not a valid header");
        };
        self.headers.append(name, value);
        self
    }

    /// Answers with `200 OK` and this body.
    pub fn returns(self, body: T) {
        self.returns_with_status(200, body);
    }

    /// Answers with a success status other than 200 (`201`, `202`, ...).
    pub fn returns_with_status(self, status: u16, body: T) {
        let body = (self.encode)(&body);
        self.responds(status, body);
    }

    /// Answers with one of the operation's declared errors: its status and
    /// body, so that the call fails with `Error::Api` holding `error`. The
    /// spec's `default` response (`Other`) answers 500.
    pub fn fails_with(self, error: E) {
        let (status, body) = error.status_and_body();
        self.responds(status, body);
    }

    /// Answers with any status and raw body: for what the API does not
    /// declare (an HTML error page, a body that does not decode).
    pub fn responds(self, status: u16, body: impl Into<Vec<u8>>) {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut headers = self.headers;
        if !headers.contains_key(reqwest::header::CONTENT_TYPE) {
            headers.insert(
                reqwest::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
        }
        self.mock.push(
            self.operation,
            Stubbed {
                status,
                headers,
                body: body.into(),
            },
        );
    }
}

/// An operation's error enum, as a stubbed response.
pub trait StubError: ErrorBody {
    /// The status and body that decode into this error.
    fn status_and_body(&self) -> (u16, Vec<u8>);
}

impl StubError for NoDeclaredErrors {
    fn status_and_body(&self) -> (u16, Vec<u8>) {
        match *self {}
    }
}

/// A stubbed JSON body.
#[doc(hidden)]
pub fn json_body<T: serde::Serialize>(body: &T) -> Vec<u8> {
    // Generated types always serialize; a map with non-string keys, the one
    // failure serde_json has, cannot be generated.
    serde_json::to_vec(body).unwrap_or_default()
}

/// A stubbed text body.
#[doc(hidden)]
#[allow(clippy::ptr_arg)] // the stub's encoder takes `&T`, and `T` is `String`
pub fn text_body(body: &String) -> Vec<u8> {
    body.clone().into_bytes()
}

/// A stubbed binary body.
#[doc(hidden)]
#[allow(clippy::ptr_arg)] // the stub's encoder takes `&T`, and `T` is `Vec<u8>`
pub fn bytes_body(body: &Vec<u8>) -> Vec<u8> {
    body.clone()
}

/// A stubbed empty body.
#[doc(hidden)]
pub fn empty_body(_body: &()) -> Vec<u8> {
    Vec::new()
}

/// A request the client sent to a [`Mock`], as it would have gone on the
/// wire, except for credentials: those are named in
/// [`credentials`](Self::credentials) and their values read
/// [`REDACTED`], so a test's output never shows a secret.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The operation's Rust name, e.g. `get_order`.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path as the spec writes it, after the base URL (path parameters
    /// filled in and percent-encoded), without the query: `/orders/o_1`.
    pub path: String,
    /// The query parameters, decoded, in order; credentials left out.
    pub query: Vec<(String, String)>,
    /// The headers, with credential values redacted.
    pub headers: HeaderMap,
    /// The security schemes whose credentials were sent, by their name in
    /// the spec, in the order the operation lists them.
    pub credentials: Vec<&'static str>,
    /// The body's bytes (empty when there is none).
    pub body: Vec<u8>,
}

impl RecordedRequest {
    fn new(
        operation_id: &'static str,
        base_url: &str,
        request: &reqwest::Request,
        credentials: &[(&'static str, &PreparedCredential)],
    ) -> Self {
        let mut headers = request.headers().clone();
        let mut query: Vec<(String, String)> = request
            .url()
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        for (_, credential) in credentials {
            match credential {
                PreparedCredential::Header(name, _) => {
                    headers.insert(name.clone(), HeaderValue::from_static(REDACTED));
                }
                // No provider is asked: the header stands for the token.
                PreparedCredential::Token(_) => {
                    headers.insert(
                        reqwest::header::AUTHORIZATION,
                        HeaderValue::from_static(REDACTED),
                    );
                }
                PreparedCredential::Query(name, secret) => {
                    query.retain(|(k, v)| !(k == name && v == secret.expose_secret()));
                }
                PreparedCredential::Cookie(name, secret) => {
                    let cookie = headers
                        .get(reqwest::header::COOKIE)
                        .and_then(|v| v.to_str().ok())
                        .map(|cookies| {
                            cookies.replace(
                                &format!("{name}={}", secret.expose_secret()),
                                &format!("{name}={REDACTED}"),
                            )
                        });
                    if let Some(Ok(value)) = cookie.map(|c| HeaderValue::from_str(&c)) {
                        headers.insert(reqwest::header::COOKIE, value);
                    }
                }
            }
        }
        Self {
            operation_id,
            method: request.method().clone(),
            path: relative_path(base_url, request.url()),
            query,
            headers,
            credentials: credentials.iter().map(|(scheme, _)| *scheme).collect(),
            body: request
                .body()
                .and_then(|body| body.as_bytes())
                .map(<[u8]>::to_vec)
                .unwrap_or_default(),
        }
    }

    /// A header's value, if it was sent and is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The first value of a query parameter.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The JSON body decoded into a type, typically the operation's request
    /// type: `request.json::<CreateOrderRequest>()`.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }
}

/// The URL's path after the base URL's own path (`/router/orders` with a
/// base URL ending in `/router` is `/orders`).
fn relative_path(base_url: &str, url: &reqwest::Url) -> String {
    let base_path = reqwest::Url::parse(base_url)
        .map(|base| base.path().trim_end_matches('/').to_owned())
        .unwrap_or_default();
    let path = url.path();
    path.strip_prefix(base_path.as_str())
        .filter(|rest| rest.starts_with('/'))
        .unwrap_or(path)
        .to_owned()
}
