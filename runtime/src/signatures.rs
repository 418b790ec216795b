// Webhook signature verification: checking that a webhook request was sent
// by the provider, on its raw bytes, before anything is parsed. Part of the
// client runtime (see the runtime crate's `lib.rs`).

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{HeaderMap, SecretString};

type HmacSha256 = Hmac<Sha256>;

/// The length of an HMAC-SHA256, in bytes.
const MAC_LENGTH: usize = 32;

/// Standard base64, with or without the trailing `=` padding.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Timestamps from this value up are in milliseconds (Cashfree's), below it
/// in seconds: `100_000_000_000` seconds is in the year 5138, milliseconds
/// the year 1973.
const MILLISECONDS_FROM: u64 = 100_000_000_000;

const STANDARD_ID: &str = "webhook-id";
const STANDARD_TIMESTAMP: &str = "webhook-timestamp";
const STANDARD_SIGNATURE: &str = "webhook-signature";
const STRIPE_SIGNATURE: &str = "Stripe-Signature";
const CASHFREE_SIGNATURE: &str = "x-webhook-signature";
const CASHFREE_TIMESTAMP: &str = "x-webhook-timestamp";
const RAZORPAY_SIGNATURE: &str = "X-Razorpay-Signature";
const GITHUB_SIGNATURE: &str = "X-Hub-Signature-256";

/// How a provider signs its webhook requests. Every scheme is an
/// HMAC-SHA256 keyed with the webhook secret the provider gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureScheme {
    /// [Standard Webhooks](https://www.standardwebhooks.com/): headers
    /// `webhook-id`, `webhook-timestamp` (unix seconds) and
    /// `webhook-signature`, a space-separated list of `v1,<base64>` entries
    /// (entries of other versions are ignored; any matching `v1` accepts).
    /// The signed content is `{id}.{timestamp}.{body}`. The secret is
    /// `whsec_` followed by the base64 of the key; the key is those decoded
    /// bytes (a secret without the prefix is decoded as base64 too).
    StandardWebhooks,
    /// Stripe: `Stripe-Signature: t=<unix seconds>,v1=<hex>,v1=<hex>,...`
    /// (`v0` and other schemes ignored; any matching `v1` accepts). The
    /// signed content is `{t}.{body}`; the key is the secret's text as
    /// written, `whsec_` included.
    Stripe,
    /// Cashfree: `x-webhook-signature` is the base64 of the MAC of the
    /// `x-webhook-timestamp` header's text followed by the body; the key is
    /// the secret's text. A timestamp from `100_000_000_000` up is read as
    /// unix milliseconds, a smaller one as unix seconds.
    Cashfree,
    /// Razorpay: `X-Razorpay-Signature` is the hex of the MAC of the body;
    /// the key is the secret's text. There is no timestamp, so nothing
    /// stops a replay of a genuine request.
    Razorpay,
    /// GitHub: `X-Hub-Signature-256: sha256=<hex>`, the MAC of the body; the
    /// key is the secret's text. There is no timestamp, so nothing stops a
    /// replay of a genuine request.
    GitHub,
}

/// Every scheme, in the order of the names' documentation.
const SCHEMES: [SignatureScheme; 5] = [
    SignatureScheme::StandardWebhooks,
    SignatureScheme::Stripe,
    SignatureScheme::Cashfree,
    SignatureScheme::Razorpay,
    SignatureScheme::GitHub,
];

impl SignatureScheme {
    /// The scheme's name: `standard-webhooks`, `stripe`, `cashfree`,
    /// `razorpay` or `github`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::StandardWebhooks => "standard-webhooks",
            Self::Stripe => "stripe",
            Self::Cashfree => "cashfree",
            Self::Razorpay => "razorpay",
            Self::GitHub => "github",
        }
    }

    /// The scheme a name (as [`Self::name`] gives it, in any
    /// capitalization) stands for; `None` for any other name.
    pub fn from_name(name: &str) -> Option<Self> {
        SCHEMES
            .into_iter()
            .find(|scheme| scheme.name().eq_ignore_ascii_case(name))
    }

    /// The MAC key a secret stands for.
    fn key(self, secret: &SecretString) -> Result<Vec<u8>, SignatureError> {
        let text = secret.expose_secret();
        let key = match self {
            Self::StandardWebhooks => {
                let encoded = text.strip_prefix("whsec_").unwrap_or(text);
                // The decoder's error would quote the offending character:
                // part of the secret, so it is not passed on.
                BASE64
                    .decode(encoded)
                    .map_err(|_| SignatureError::InvalidSecret {
                        problem: "a Standard Webhooks secret is `whsec_` followed by base64, \
                                  and this one is not base64"
                            .to_owned(),
                    })?
            }
            Self::Stripe | Self::Cashfree | Self::Razorpay | Self::GitHub => {
                text.as_bytes().to_vec()
            }
        };
        if key.is_empty() {
            return Err(SignatureError::InvalidSecret {
                problem: "the secret is empty".to_owned(),
            });
        }
        Ok(key)
    }

    /// What the request's headers say: the signed content before the body,
    /// the timestamp, the signatures.
    fn read<'a>(self, headers: &'a HeaderMap) -> Result<Signed<'a>, SignatureError> {
        match self {
            Self::StandardWebhooks => {
                let id = header(headers, STANDARD_ID)?;
                let timestamp = header(headers, STANDARD_TIMESTAMP)?;
                let signature = header(headers, STANDARD_SIGNATURE)?;
                let seconds = parse_timestamp(STANDARD_TIMESTAMP, timestamp)?;
                let mut signatures = Vec::new();
                for entry in signature.split_ascii_whitespace() {
                    let Some((version, encoded)) = entry.split_once(',') else {
                        return Err(malformed(
                            STANDARD_SIGNATURE,
                            "an entry is not `<version>,<signature>`",
                        ));
                    };
                    if version == "v1" {
                        signatures.push(decode_base64(STANDARD_SIGNATURE, encoded)?);
                    }
                }
                Ok(Signed {
                    prefix: vec![id.as_bytes(), b".", timestamp.as_bytes(), b"."],
                    timestamp: Some(Timestamp {
                        unix_millis: i128::from(seconds) * 1000,
                    }),
                    signatures: require_some(STANDARD_SIGNATURE, signatures, "`v1,`")?,
                })
            }
            Self::Stripe => {
                let value = header(headers, STRIPE_SIGNATURE)?;
                let mut timestamp = None;
                let mut signatures = Vec::new();
                for item in value.split(',').map(str::trim) {
                    if item.is_empty() {
                        continue;
                    }
                    let Some((key, text)) = item.split_once('=') else {
                        return Err(malformed(
                            STRIPE_SIGNATURE,
                            "an item is not `<key>=<value>`",
                        ));
                    };
                    match key.trim() {
                        "t" if timestamp.is_some() => {
                            return Err(malformed(STRIPE_SIGNATURE, "it has two `t=` timestamps"));
                        }
                        "t" => timestamp = Some(text.trim()),
                        "v1" => signatures.push(decode_hex(STRIPE_SIGNATURE, text.trim())?),
                        _ => {}
                    }
                }
                let Some(timestamp) = timestamp else {
                    return Err(malformed(STRIPE_SIGNATURE, "it has no `t=` timestamp"));
                };
                let seconds = parse_timestamp(STRIPE_SIGNATURE, timestamp)?;
                Ok(Signed {
                    prefix: vec![timestamp.as_bytes(), b"."],
                    timestamp: Some(Timestamp {
                        unix_millis: i128::from(seconds) * 1000,
                    }),
                    signatures: require_some(STRIPE_SIGNATURE, signatures, "`v1=`")?,
                })
            }
            Self::Cashfree => {
                let signature = header(headers, CASHFREE_SIGNATURE)?;
                let timestamp = header(headers, CASHFREE_TIMESTAMP)?;
                let number = parse_timestamp(CASHFREE_TIMESTAMP, timestamp)?;
                let unix_millis = if number >= MILLISECONDS_FROM {
                    i128::from(number)
                } else {
                    i128::from(number) * 1000
                };
                Ok(Signed {
                    prefix: vec![timestamp.as_bytes()],
                    timestamp: Some(Timestamp { unix_millis }),
                    signatures: vec![decode_base64(CASHFREE_SIGNATURE, signature)?],
                })
            }
            Self::Razorpay => {
                let signature = header(headers, RAZORPAY_SIGNATURE)?;
                Ok(Signed {
                    prefix: Vec::new(),
                    timestamp: None,
                    signatures: vec![decode_hex(RAZORPAY_SIGNATURE, signature)?],
                })
            }
            Self::GitHub => {
                let value = header(headers, GITHUB_SIGNATURE)?;
                let Some(signature) = value.strip_prefix("sha256=") else {
                    return Err(malformed(
                        GITHUB_SIGNATURE,
                        "it does not start with `sha256=`",
                    ));
                };
                Ok(Signed {
                    prefix: Vec::new(),
                    timestamp: None,
                    signatures: vec![decode_hex(GITHUB_SIGNATURE, signature)?],
                })
            }
        }
    }
}

/// Checks that webhook requests were signed by the provider with the
/// webhook secret it gave: on the request's headers and raw body, before
/// anything in the body is parsed or acted on.
///
/// Several secrets may be given (while a secret is rotated, requests may
/// be signed with the old one or the new one): a signature made with any
/// of them is accepted. Where the scheme signs a timestamp, a request whose
/// timestamp is further than the [tolerance](Self::tolerance) from now, in
/// the past or the future, is refused, which bounds how long a captured
/// request can be replayed.
///
/// Its `Debug` shows no secret.
#[derive(Debug, Clone)]
pub struct WebhookVerifier {
    scheme: SignatureScheme,
    secrets: Vec<SecretString>,
    tolerance: Duration,
}

impl WebhookVerifier {
    /// A verifier of `scheme`'s signatures made with `secret`, with a
    /// tolerance of 5 minutes.
    pub fn new(scheme: SignatureScheme, secret: SecretString) -> Self {
        Self {
            scheme,
            secrets: vec![secret],
            tolerance: Duration::from_secs(5 * 60),
        }
    }

    /// Also accepts signatures made with `secret` (while secrets are
    /// rotated).
    pub fn with_secret(mut self, secret: SecretString) -> Self {
        self.secrets.push(secret);
        self
    }

    /// How far a request's timestamp may be from now, in the past or the
    /// future (5 minutes unless set). Only for the schemes that sign a
    /// timestamp: Standard Webhooks, Stripe and Cashfree.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Verifies a request's signature, comparing its timestamp with the
    /// system clock.
    ///
    /// # Errors
    ///
    /// See [`Self::verify_at`].
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), SignatureError> {
        self.verify_at(headers, body, SystemTime::now())
    }

    /// Verifies a request's signature as at `now` (for tests, and for
    /// replaying requests stored when they arrived).
    ///
    /// # Errors
    ///
    /// In the order they are checked: [`SignatureError::InvalidSecret`]
    /// when a secret cannot be a key of the scheme (checked first, so that
    /// a configuration error shows on every request);
    /// [`SignatureError::MissingHeader`] and
    /// [`SignatureError::MalformedHeader`] for the headers;
    /// [`SignatureError::StaleTimestamp`] when the timestamp is beyond the
    /// tolerance; [`SignatureError::Mismatch`] when no signature matches
    /// the body with any secret.
    pub fn verify_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), SignatureError> {
        let keys = self
            .secrets
            .iter()
            .map(|secret| self.scheme.key(secret))
            .collect::<Result<Vec<_>, _>>()?;
        let signed = self.scheme.read(headers)?;
        if let Some(timestamp) = signed.timestamp {
            timestamp.check(now, self.tolerance)?;
        }
        for key in &keys {
            let mut mac =
                HmacSha256::new_from_slice(key).map_err(|_| SignatureError::InvalidSecret {
                    problem: "the secret cannot be an HMAC-SHA256 key".to_owned(),
                })?;
            for part in &signed.prefix {
                mac.update(part);
            }
            mac.update(body);
            // `verify_slice` compares in constant time.
            if signed
                .signatures
                .iter()
                .any(|signature| mac.clone().verify_slice(signature).is_ok())
            {
                return Ok(());
            }
        }
        Err(SignatureError::Mismatch)
    }
}

/// Why a webhook request's signature was not accepted. No message carries
/// a secret or a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// A header the scheme needs is not in the request.
    MissingHeader {
        /// The header's name.
        header: &'static str,
    },
    /// A header is there but cannot be read: not ASCII text, empty, a
    /// signature that is not hex or base64, a timestamp that is not a
    /// number, a Stripe header without `t=`...
    MalformedHeader {
        /// The header's name.
        header: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// The request's timestamp is further from now than the tolerance: a
    /// delayed or replayed request, or a clock that is wrong.
    StaleTimestamp {
        /// How old the timestamp is, in seconds (rounded up); negative for
        /// a timestamp in the future.
        age_seconds: i64,
        /// The tolerance, in whole seconds.
        tolerance_seconds: u64,
    },
    /// No signature of the request matches its body with any of the
    /// secrets: the body was changed, or signed with another secret.
    Mismatch,
    /// A secret given to the verifier cannot be a key of its scheme (a
    /// configuration error).
    InvalidSecret {
        /// What is wrong with it (the secret itself is not shown).
        problem: String,
    },
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingHeader { header } => {
                write!(f, "the webhook request has no `{header}` header")
            }
            Self::MalformedHeader { header, problem } => {
                write!(
                    f,
                    "the webhook request's `{header}` header is malformed: {problem}"
                )
            }
            Self::StaleTimestamp {
                age_seconds,
                tolerance_seconds,
            } if *age_seconds < 0 => write!(
                f,
                "the webhook request's timestamp is {} seconds in the future, beyond the \
                 tolerance of {tolerance_seconds} seconds (a clock is wrong)",
                age_seconds.unsigned_abs()
            ),
            Self::StaleTimestamp {
                age_seconds,
                tolerance_seconds,
            } => write!(
                f,
                "the webhook request's timestamp is {age_seconds} seconds in the past, beyond \
                 the tolerance of {tolerance_seconds} seconds (a delayed or replayed request, \
                 or a clock is wrong)"
            ),
            Self::Mismatch => f.write_str(
                "the webhook request's signature does not match the body: the body was \
                 changed, or signed with another secret",
            ),
            Self::InvalidSecret { problem } => {
                write!(f, "the webhook secret is not usable: {problem}")
            }
        }
    }
}

impl std::error::Error for SignatureError {}

/// What a request's headers say, read by its scheme.
struct Signed<'a> {
    /// What the signed content has before the body.
    prefix: Vec<&'a [u8]>,
    /// The signed timestamp, for the schemes that have one.
    timestamp: Option<Timestamp>,
    /// The signatures, each the length of an HMAC-SHA256; at least one.
    signatures: Vec<Vec<u8>>,
}

/// A signed timestamp.
#[derive(Clone, Copy)]
struct Timestamp {
    unix_millis: i128,
}

impl Timestamp {
    fn check(self, now: SystemTime, tolerance: Duration) -> Result<(), SignatureError> {
        let now_millis = match now.duration_since(UNIX_EPOCH) {
            Ok(since) => i128::try_from(since.as_millis()).unwrap_or(i128::MAX),
            Err(before) => -i128::try_from(before.duration().as_millis()).unwrap_or(i128::MAX),
        };
        // Both are within a few times 2^64 * 1000: no overflow.
        let age_millis = now_millis - self.unix_millis;
        let tolerance_millis = i128::try_from(tolerance.as_millis()).unwrap_or(i128::MAX);
        if age_millis.abs() <= tolerance_millis {
            return Ok(());
        }
        let seconds = (age_millis.abs() + 999) / 1000;
        let age_seconds = if age_millis < 0 {
            i64::try_from(-seconds).unwrap_or(i64::MIN)
        } else {
            i64::try_from(seconds).unwrap_or(i64::MAX)
        };
        Err(SignatureError::StaleTimestamp {
            age_seconds,
            tolerance_seconds: tolerance.as_secs(),
        })
    }
}

/// The first value of a header, as text without surrounding whitespace.
fn header<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a str, SignatureError> {
    let value = headers
        .get(name)
        .ok_or(SignatureError::MissingHeader { header: name })?;
    let text = value
        .to_str()
        .map_err(|_| malformed(name, "it is not ASCII text"))?
        .trim();
    if text.is_empty() {
        return Err(malformed(name, "it is empty"));
    }
    Ok(text)
}

fn malformed(header: &'static str, problem: &str) -> SignatureError {
    SignatureError::MalformedHeader {
        header,
        problem: problem.to_owned(),
    }
}

/// A timestamp: a whole number, digits only.
fn parse_timestamp(header: &'static str, text: &str) -> Result<u64, SignatureError> {
    let not_a_number = || malformed(header, "its timestamp is not a whole number");
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(not_a_number());
    }
    text.parse().map_err(|_| not_a_number())
}

/// At least one signature was found, or the header is malformed.
fn require_some(
    header: &'static str,
    signatures: Vec<Vec<u8>>,
    kind: &str,
) -> Result<Vec<Vec<u8>>, SignatureError> {
    if signatures.is_empty() {
        return Err(malformed(header, &format!("it has no {kind} signature")));
    }
    Ok(signatures)
}

/// A signature that must be as long as an HMAC-SHA256.
fn of_mac_length(header: &'static str, bytes: Vec<u8>) -> Result<Vec<u8>, SignatureError> {
    if bytes.len() != MAC_LENGTH {
        return Err(malformed(
            header,
            &format!(
                "a signature is {} bytes long, not the {MAC_LENGTH} of an HMAC-SHA256",
                bytes.len()
            ),
        ));
    }
    Ok(bytes)
}

fn decode_base64(header: &'static str, text: &str) -> Result<Vec<u8>, SignatureError> {
    let bytes = BASE64
        .decode(text)
        .map_err(|_| malformed(header, "a signature is not base64"))?;
    of_mac_length(header, bytes)
}

fn decode_hex(header: &'static str, text: &str) -> Result<Vec<u8>, SignatureError> {
    fn nibble(digit: u8) -> Option<u8> {
        match digit {
            b'0'..=b'9' => Some(digit - b'0'),
            b'a'..=b'f' => Some(digit - b'a' + 10),
            b'A'..=b'F' => Some(digit - b'A' + 10),
            _ => None,
        }
    }
    let not_hex = || malformed(header, "a signature is not hex");
    if text.len() % 2 != 0 {
        return Err(not_hex());
    }
    let bytes = text
        .as_bytes()
        .chunks_exact(2)
        .map(|pair| match pair {
            [high, low] => Some((nibble(*high)? << 4) | nibble(*low)?),
            _ => None,
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(not_hex)?;
    of_mac_length(header, bytes)
}
