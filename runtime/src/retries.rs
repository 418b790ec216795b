// Retries: which failed calls are tried again, after how long, and the
// idempotency keys that make replaying a `POST` safe. Part of the client
// runtime (see the runtime crate's `lib.rs`).

use std::time::Duration;

use super::{HeaderMap, Method};

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
    pub(super) max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    pub(super) max_retry_after: Duration,
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
    pub(super) fn backoff(&self, retry: u32) -> Duration {
        let exponential = self
            .initial_backoff
            .saturating_mul(1u32 << retry.min(16))
            .min(self.max_backoff);
        exponential.mul_f64(0.5 + 0.5 * unit_random())
    }
}

/// Statuses that say "try again later" rather than "this request is wrong".
pub(super) const RETRYABLE_STATUSES: [u16; 5] = [408, 429, 502, 503, 504];

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
pub(super) fn new_idempotency_key() -> String {
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
pub(super) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
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
pub(super) fn is_replayable(request: &reqwest::Request) -> bool {
    let idempotent_method = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    ) || request.method().as_str() == "QUERY";
    idempotent_method
        || request
            .headers()
            .keys()
            .any(|name| name.as_str().ends_with("idempotency-key"))
}
