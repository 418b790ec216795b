//! Webhook signature verification: the providers' published vectors, and
//! vectors computed independently with Python's `hmac` module; each way a
//! request can fail to verify.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderName, HeaderValue};

use crate::{HeaderMap, SecretString, SignatureError, SignatureScheme, WebhookVerifier};

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

fn at(unix_seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(unix_seconds)
}

fn verifier(scheme: SignatureScheme, secret: &str) -> WebhookVerifier {
    WebhookVerifier::new(scheme, SecretString::new(secret))
}

/// The body with its first byte changed.
fn tampered(body: &[u8]) -> Vec<u8> {
    let mut changed = body.to_vec();
    changed[0] ^= 0x01;
    changed
}

fn malformed_header(result: Result<(), SignatureError>) -> &'static str {
    match result {
        Err(SignatureError::MalformedHeader { header, .. }) => header,
        other => panic!("expected MalformedHeader, got {other:?}"),
    }
}

// GitHub: the vector of GitHub's documentation ("Validating webhook
// deliveries").
const GITHUB_SECRET: &str = "It's a Secret to Everybody";
const GITHUB_BODY: &[u8] = b"Hello, World!";
const GITHUB_SIGNATURE: &str =
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
// Computed with Python's hmac module: HMAC-SHA256 of the same body keyed
// with "a newer GitHub secret".
const GITHUB_NEW_SECRET: &str = "a newer GitHub secret";
const GITHUB_NEW_SIGNATURE: &str =
    "sha256=125e8f6045bc5a74df496c42f6fd74d1f5111b3d5ecc1b0ba2436f08b801d3c9";

#[test]
fn github_published_vector_verifies() {
    let request = headers(&[("X-Hub-Signature-256", GITHUB_SIGNATURE)]);
    verifier(SignatureScheme::GitHub, GITHUB_SECRET)
        .verify(&request, GITHUB_BODY)
        .unwrap();
}

#[test]
fn github_refuses_a_wrong_secret_a_changed_body_and_bad_headers() {
    let request = headers(&[("x-hub-signature-256", GITHUB_SIGNATURE)]);
    let github = verifier(SignatureScheme::GitHub, GITHUB_SECRET);
    assert_eq!(
        verifier(SignatureScheme::GitHub, "It's a secret to everybody")
            .verify(&request, GITHUB_BODY),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        github.verify(&request, &tampered(GITHUB_BODY)),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        github.verify(&headers(&[]), GITHUB_BODY),
        Err(SignatureError::MissingHeader {
            header: "X-Hub-Signature-256"
        })
    );
    // Without the prefix, with the SHA-1 header's prefix, not hex, too short.
    for bad in [
        "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",
        "sha256=757107ea",
    ] {
        let request = headers(&[("X-Hub-Signature-256", bad)]);
        assert_eq!(
            malformed_header(github.verify(&request, GITHUB_BODY)),
            "X-Hub-Signature-256",
            "{bad}"
        );
    }
}

#[test]
fn a_header_that_is_not_ascii_is_malformed() {
    let mut request = HeaderMap::new();
    request.insert(
        "x-hub-signature-256",
        HeaderValue::from_bytes(b"sha256=\xff\xfe").unwrap(),
    );
    assert_eq!(
        malformed_header(
            verifier(SignatureScheme::GitHub, GITHUB_SECRET).verify(&request, GITHUB_BODY)
        ),
        "X-Hub-Signature-256"
    );
}

#[test]
fn github_rotation_accepts_either_secret() {
    let rotating = verifier(SignatureScheme::GitHub, GITHUB_SECRET)
        .with_secret(SecretString::new(GITHUB_NEW_SECRET));
    for signature in [GITHUB_SIGNATURE, GITHUB_NEW_SIGNATURE] {
        let request = headers(&[("X-Hub-Signature-256", signature)]);
        rotating.verify(&request, GITHUB_BODY).unwrap();
    }
    // Only the new secret: the old signature no longer verifies.
    let request = headers(&[("X-Hub-Signature-256", GITHUB_SIGNATURE)]);
    assert_eq!(
        verifier(SignatureScheme::GitHub, GITHUB_NEW_SECRET).verify(&request, GITHUB_BODY),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn only_the_first_value_of_a_header_counts() {
    let github = verifier(SignatureScheme::GitHub, GITHUB_SECRET);
    let first_good = headers(&[
        ("X-Hub-Signature-256", GITHUB_SIGNATURE),
        ("X-Hub-Signature-256", GITHUB_NEW_SIGNATURE),
    ]);
    github.verify(&first_good, GITHUB_BODY).unwrap();
    let second_good = headers(&[
        ("X-Hub-Signature-256", GITHUB_NEW_SIGNATURE),
        ("X-Hub-Signature-256", GITHUB_SIGNATURE),
    ]);
    assert_eq!(
        github.verify(&second_good, GITHUB_BODY),
        Err(SignatureError::Mismatch)
    );
}

// The schemes with a timestamp, and those of the other providers.
mod providers;
mod standard_webhooks;
