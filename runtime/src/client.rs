// The client: sends a request built by a generated operation, retrying as
// its policy allows, reads the body within the limit and decodes it. Part of
// the client runtime (see the runtime crate's `lib.rs`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderName, HeaderValue};

use super::credentials::PreparedCredential;
use super::errors::root_cause;
use super::retries::{is_replayable, retry_after, RETRYABLE_STATUSES};
use super::{
    AccessToken, ApiError, BodyDecodeFailure, BodyTooLarge, CallInfo, DecodeError, Error,
    ErrorBody, HeaderMap, Hook, InvalidRequest, Operation, Request, Response, ResponseInfo,
    RetryPolicy, StatusCode, TokenError, TokenFailure, TransportError, UnexpectedStatus,
    MAX_ERROR_BODY_BYTES,
};

/// Response headers that can carry a secret, hidden from `Debug`.
const SENSITIVE_RESPONSE_HEADERS: &[&str] = &[
    "set-cookie",
    "authorization",
    "proxy-authorization",
    "www-authenticate",
    "proxy-authenticate",
];

/// An access token asked of a scheme's provider for one request, and the
/// header it makes (marked sensitive).
struct BearerToken {
    scheme: &'static str,
    token: AccessToken,
    header: HeaderValue,
}

/// The API client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    pub(super) inner: Arc<ClientInner>,
    // Outside the `Arc`, so that `with_timeout` and `with_retry_policy` can
    // make a variant of the client without copying the rest.
    pub(super) timeout: Duration,
    pub(super) retry: RetryPolicy,
}

pub(super) struct ClientInner {
    pub(super) http: reqwest::Client,
    pub(super) base_url: String,
    pub(super) credentials: BTreeMap<&'static str, PreparedCredential>,
    /// The default headers, the user agent and `accept`.
    pub(super) base_headers: HeaderMap,
    pub(super) hooks: Vec<Arc<dyn Hook>>,
    pub(super) max_response_body_bytes: usize,
    #[cfg(feature = "test-util")]
    pub(super) mock: Option<super::mock::Mock>,
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
        if let Some(problem) = &request.problem {
            return Err(request.invalid(problem.clone()).into());
        }
        // A mock asks no token provider: their credentials read `[redacted]`.
        #[cfg(feature = "test-util")]
        if let Some(mock) = &self.inner.mock {
            let prepared = self.prepare(&request, &[])?;
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
        let mut tokens = self.bearer_tokens(&request, &[], 0).await?;
        let prepared = self.prepare(&request, &tokens)?;
        let (mut response, mut attempts) = self
            .send(&request, prepared, &tokens, 1, span)
            .await
            .map_err(|(error, attempts)| transport(error, attempts))?;
        // A refused access token: once more, with a fresh one. The server
        // has not acted on a request it did not authenticate.
        if response.status() == StatusCode::UNAUTHORIZED && !tokens.is_empty() {
            tracing::info!(
                attempt = attempts,
                "access token refused; retrying with a fresh one"
            );
            drop(response);
            tokens = self.bearer_tokens(&request, &tokens, attempts).await?;
            let prepared = self.prepare(&request, &tokens)?;
            (response, attempts) = self
                .send(&request, prepared, &tokens, attempts + 1, span)
                .await
                .map_err(|(error, attempts)| transport(error, attempts))?;
        }
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

    /// Asks each token provider among the request's credentials for a token
    /// (`refused`: the tokens of the attempt the server answered `401`;
    /// `attempts`: how many were made).
    async fn bearer_tokens<E>(
        &self,
        request: &Request,
        refused: &[BearerToken],
        attempts: u32,
    ) -> Result<Vec<BearerToken>, Error<E>> {
        let operation = request.operation;
        let mut tokens = Vec::new();
        for (scheme, credential) in self.credentials_for(request)? {
            let PreparedCredential::Token(provider) = credential else {
                continue;
            };
            let failure = |error: TokenError| {
                Error::Token(TokenFailure {
                    operation: operation.id,
                    scheme,
                    error,
                    attempts,
                })
            };
            let previous = refused
                .iter()
                .find(|token| token.scheme == scheme)
                .map(|token| &token.token);
            let token = provider.token(previous).await.map_err(failure)?;
            let header = format!("Bearer {}", token.secret().expose_secret());
            let Ok(mut header) = HeaderValue::from_str(&header) else {
                return Err(failure(TokenError::new(
                    "the access token contains characters not allowed in a header, such as a line break",
                )));
            };
            // Keeps the token out of HTTP/2 header compression tables and debug output.
            header.set_sensitive(true);
            tokens.push(BearerToken {
                scheme,
                token,
                header,
            });
        }
        Ok(tokens)
    }

    /// Sends the request, retrying as the [`RetryPolicy`] allows, and returns
    /// the last response (or failure) with the number of the last attempt
    /// (`first_attempt` is that of the first).
    async fn send(
        &self,
        built: &Request,
        mut request: reqwest::Request,
        tokens: &[BearerToken],
        first_attempt: u32,
        span: &tracing::Span,
    ) -> Result<(reqwest::Response, u32), (reqwest::Error, u32)> {
        let operation = built.operation;
        let policy = &self.retry;
        let replayable = is_replayable(&request);
        let mut attempt = first_attempt;
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
            let Ok(next) = self.prepare(built, tokens) else {
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

    /// The request as it goes on the wire, with the credentials (the bearer
    /// tokens asked for it among them: none for a mock).
    fn prepare(
        &self,
        request: &Request,
        tokens: &[BearerToken],
    ) -> Result<reqwest::Request, InvalidRequest> {
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
        for (scheme, credential) in credentials {
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
                PreparedCredential::Token(_) => {
                    if let Some(token) = tokens.iter().find(|token| token.scheme == scheme) {
                        headers.insert(reqwest::header::AUTHORIZATION, token.header.clone());
                    }
                }
            }
        }
        if !cookies.is_empty() {
            let mut value = HeaderValue::from_str(&cookies.join("; ")).map_err(|_| {
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
