// Standard Webhooks: its published vector, tolerance, rotation, malformed headers.

use super::*;

// Standard Webhooks: the vector of the specification's reference libraries.
pub(super) const STANDARD_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const STANDARD_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const STANDARD_TIMESTAMP: u64 = 1614265330;
const STANDARD_BODY: &[u8] = br#"{"test": 2432232314}"#;
const STANDARD_SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
// Computed with Python's hmac module: the key is the 32 bytes
// `a-second-standard-webhooks-key!!`, the content the same as above.
const STANDARD_NEW_SECRET: &str = "whsec_YS1zZWNvbmQtc3RhbmRhcmQtd2ViaG9va3Mta2V5ISE=";
const STANDARD_NEW_SIGNATURE: &str = "v1,KBgxvmKmPL6In9XIzKrIGY2+jIY0uht4vsV8DuMdFm4=";

fn standard_request(signature: &str) -> HeaderMap {
    headers(&[
        ("webhook-id", STANDARD_ID),
        ("webhook-timestamp", "1614265330"),
        ("webhook-signature", signature),
    ])
}

#[test]
fn standard_webhooks_published_vector_verifies() {
    verifier(SignatureScheme::StandardWebhooks, STANDARD_SECRET)
        .verify_at(
            &standard_request(STANDARD_SIGNATURE),
            STANDARD_BODY,
            at(STANDARD_TIMESTAMP),
        )
        .unwrap();
}

#[test]
fn standard_webhooks_staleness_follows_the_tolerance() {
    let request = standard_request(STANDARD_SIGNATURE);
    let standard = verifier(SignatureScheme::StandardWebhooks, STANDARD_SECRET);
    // The default tolerance is 5 minutes, either way.
    standard
        .verify_at(&request, STANDARD_BODY, at(STANDARD_TIMESTAMP + 300))
        .unwrap();
    standard
        .verify_at(&request, STANDARD_BODY, at(STANDARD_TIMESTAMP - 300))
        .unwrap();
    assert_eq!(
        standard.verify_at(&request, STANDARD_BODY, at(STANDARD_TIMESTAMP + 301)),
        Err(SignatureError::StaleTimestamp {
            age_seconds: 301,
            tolerance_seconds: 300
        })
    );
    assert_eq!(
        standard.verify_at(&request, STANDARD_BODY, at(STANDARD_TIMESTAMP - 301)),
        Err(SignatureError::StaleTimestamp {
            age_seconds: -301,
            tolerance_seconds: 300
        })
    );
    // With the system clock, years later.
    assert!(matches!(
        standard.verify(&request, STANDARD_BODY),
        Err(SignatureError::StaleTimestamp { age_seconds, .. }) if age_seconds > 100_000_000
    ));
    let patient = standard.clone().tolerance(Duration::from_secs(3600));
    patient
        .verify_at(&request, STANDARD_BODY, at(STANDARD_TIMESTAMP + 301))
        .unwrap();
    assert!(matches!(
        patient.verify_at(&request, STANDARD_BODY, at(STANDARD_TIMESTAMP + 3601)),
        Err(SignatureError::StaleTimestamp {
            age_seconds: 3601,
            tolerance_seconds: 3600
        })
    ));
}

#[test]
fn standard_webhooks_accepts_any_matching_v1_entry() {
    let standard = verifier(SignatureScheme::StandardWebhooks, STANDARD_SECRET);
    let now = at(STANDARD_TIMESTAMP);
    let two = format!("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= {STANDARD_SIGNATURE}");
    standard
        .verify_at(&standard_request(&two), STANDARD_BODY, now)
        .unwrap();
    // Other versions are ignored, whatever they hold.
    let other_version = format!("v2,not-base64!! {STANDARD_SIGNATURE}");
    standard
        .verify_at(&standard_request(&other_version), STANDARD_BODY, now)
        .unwrap();
    let no_match = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1,KBgxvmKmPL6In9XIzKrIGY2+jIY0uht4vsV8DuMdFm4=";
    assert_eq!(
        standard.verify_at(&standard_request(no_match), STANDARD_BODY, now),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn standard_webhooks_refuses_a_wrong_secret_and_a_changed_body() {
    let now = at(STANDARD_TIMESTAMP);
    let request = standard_request(STANDARD_SIGNATURE);
    assert_eq!(
        verifier(SignatureScheme::StandardWebhooks, STANDARD_NEW_SECRET).verify_at(
            &request,
            STANDARD_BODY,
            now
        ),
        Err(SignatureError::Mismatch)
    );
    let standard = verifier(SignatureScheme::StandardWebhooks, STANDARD_SECRET);
    assert_eq!(
        standard.verify_at(&request, br#"{"test": 2432232315}"#, now),
        Err(SignatureError::Mismatch)
    );
    // The id and the timestamp are signed too.
    let other_id = headers(&[
        ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJeK"),
        ("webhook-timestamp", "1614265330"),
        ("webhook-signature", STANDARD_SIGNATURE),
    ]);
    assert_eq!(
        standard.verify_at(&other_id, STANDARD_BODY, now),
        Err(SignatureError::Mismatch)
    );
    let other_time = headers(&[
        ("webhook-id", STANDARD_ID),
        ("webhook-timestamp", "1614265331"),
        ("webhook-signature", STANDARD_SIGNATURE),
    ]);
    assert_eq!(
        standard.verify_at(&other_time, STANDARD_BODY, now),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn standard_webhooks_names_each_missing_header() {
    let standard = verifier(SignatureScheme::StandardWebhooks, STANDARD_SECRET);
    let all = [
        ("webhook-id", STANDARD_ID),
        ("webhook-timestamp", "1614265330"),
        ("webhook-signature", STANDARD_SIGNATURE),
    ];
    for (missing, _) in all {
        let others: Vec<(&str, &str)> = all
            .into_iter()
            .filter(|(name, _)| *name != missing)
            .collect();
        assert_eq!(
            standard.verify_at(&headers(&others), STANDARD_BODY, at(STANDARD_TIMESTAMP)),
            Err(SignatureError::MissingHeader { header: missing })
        );
    }
}

#[test]
fn standard_webhooks_malformed_headers() {
    let standard = verifier(SignatureScheme::StandardWebhooks, STANDARD_SECRET);
    let now = at(STANDARD_TIMESTAMP);
    for bad in [
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE*",
        "v1,g0hM9SsE",
        "v1g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    ] {
        assert_eq!(
            malformed_header(standard.verify_at(&standard_request(bad), STANDARD_BODY, now)),
            "webhook-signature",
            "{bad}"
        );
    }
    for timestamp in [
        "",
        "16142653e0",
        "-1614265330",
        "+1614265330",
        "1614265330.5",
    ] {
        let request = headers(&[
            ("webhook-id", STANDARD_ID),
            ("webhook-timestamp", timestamp),
            ("webhook-signature", STANDARD_SIGNATURE),
        ]);
        assert_eq!(
            malformed_header(standard.verify_at(&request, STANDARD_BODY, now)),
            "webhook-timestamp",
            "{timestamp:?}"
        );
    }
}

#[test]
fn standard_webhooks_secret_that_is_not_base64_is_a_configuration_error() {
    let request = standard_request(STANDARD_SIGNATURE);
    for secret in ["whsec_not base64!", "not base64!", "whsec_"] {
        let result = verifier(SignatureScheme::StandardWebhooks, secret).verify_at(
            &request,
            STANDARD_BODY,
            at(STANDARD_TIMESTAMP),
        );
        let Err(SignatureError::InvalidSecret { problem }) = result else {
            panic!("{secret:?}: expected InvalidSecret, got {result:?}");
        };
        assert!(!problem.contains("base64!"), "{problem}");
    }
    // Without the prefix, the base64 is the key all the same.
    verifier(
        SignatureScheme::StandardWebhooks,
        "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    )
    .verify_at(&request, STANDARD_BODY, at(STANDARD_TIMESTAMP))
    .unwrap();
}

#[test]
fn standard_webhooks_rotation_accepts_either_secret() {
    let rotating = verifier(SignatureScheme::StandardWebhooks, STANDARD_SECRET)
        .with_secret(SecretString::new(STANDARD_NEW_SECRET));
    for signature in [STANDARD_SIGNATURE, STANDARD_NEW_SIGNATURE] {
        rotating
            .verify_at(
                &standard_request(signature),
                STANDARD_BODY,
                at(STANDARD_TIMESTAMP),
            )
            .unwrap();
    }
}
