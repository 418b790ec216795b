// Stripe, Cashfree and Razorpay, and what holds for every scheme.

use super::standard_webhooks::STANDARD_SECRET;
use super::*;

// Stripe: computed with Python's hmac module, HMAC-SHA256 keyed with the
// secret's text of `1700000000.` followed by the body, in hex.
const STRIPE_OLD_SECRET: &str = "whsec_stripe_old_3kP9xR7tY2mN8vL4";
const STRIPE_NEW_SECRET: &str = "whsec_stripe_new_Z6aD0eH5fC1bGq7w";
const STRIPE_BODY: &[u8] =
    br#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","type":"payment_intent.succeeded"}"#;
const STRIPE_OLD_V1: &str = "817dc691dc9c8fd56ea2c6b977bab5cc754f76246024164f8bc54b3ee5354399";
const STRIPE_NEW_V1: &str = "4c4e72f3bed2f731e5e24de9ff6a26bd40ee0f1720fc221a3e6b6a598415ab6e";
const STRIPE_TIME: u64 = 1_700_000_000;

fn stripe_request(value: &str) -> HeaderMap {
    headers(&[("Stripe-Signature", value)])
}

#[test]
fn stripe_verifies_any_matching_v1() {
    let stripe = verifier(SignatureScheme::Stripe, STRIPE_OLD_SECRET);
    let now = at(STRIPE_TIME);
    stripe
        .verify_at(
            &stripe_request(&format!("t=1700000000,v1={STRIPE_OLD_V1}")),
            STRIPE_BODY,
            now,
        )
        .unwrap();
    // The matching one second, a v0 ignored, uppercase hex.
    let value = format!(
        "t=1700000000,v1={STRIPE_NEW_V1},v1={},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39",
        STRIPE_OLD_V1.to_uppercase()
    );
    stripe
        .verify_at(&stripe_request(&value), STRIPE_BODY, now)
        .unwrap();
    // A v0 alone does not count.
    assert_eq!(
        malformed_header(stripe.verify_at(
            &stripe_request(&format!("t=1700000000,v0={STRIPE_OLD_V1}")),
            STRIPE_BODY,
            now
        )),
        "Stripe-Signature"
    );
}

#[test]
fn stripe_refuses_a_wrong_secret_a_changed_body_and_another_time() {
    let request = stripe_request(&format!("t=1700000000,v1={STRIPE_OLD_V1}"));
    let now = at(STRIPE_TIME);
    assert_eq!(
        verifier(SignatureScheme::Stripe, STRIPE_NEW_SECRET).verify_at(&request, STRIPE_BODY, now),
        Err(SignatureError::Mismatch)
    );
    let stripe = verifier(SignatureScheme::Stripe, STRIPE_OLD_SECRET);
    assert_eq!(
        stripe.verify_at(&request, &tampered(STRIPE_BODY), now),
        Err(SignatureError::Mismatch)
    );
    let later = stripe_request(&format!("t=1700000001,v1={STRIPE_OLD_V1}"));
    assert_eq!(
        stripe.verify_at(&later, STRIPE_BODY, now),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        stripe.verify_at(&headers(&[]), STRIPE_BODY, now),
        Err(SignatureError::MissingHeader {
            header: "Stripe-Signature"
        })
    );
    assert_eq!(
        stripe.verify_at(&request, STRIPE_BODY, at(STRIPE_TIME + 301)),
        Err(SignatureError::StaleTimestamp {
            age_seconds: 301,
            tolerance_seconds: 300
        })
    );
}

#[test]
fn stripe_malformed_headers() {
    let stripe = verifier(SignatureScheme::Stripe, STRIPE_OLD_SECRET);
    let now = at(STRIPE_TIME);
    for bad in [
        format!("v1={STRIPE_OLD_V1}"),
        format!("t=,v1={STRIPE_OLD_V1}"),
        format!("t=17e8,v1={STRIPE_OLD_V1}"),
        format!("t=1700000000,t=1700000000,v1={STRIPE_OLD_V1}"),
        "t=1700000000".to_owned(),
        "t=1700000000,v1=not-hex".to_owned(),
        format!("t=1700000000,v1={}", &STRIPE_OLD_V1[..62]),
        format!("t=1700000000,{STRIPE_OLD_V1}"),
    ] {
        let result = stripe.verify_at(&stripe_request(&bad), STRIPE_BODY, now);
        assert_eq!(malformed_header(result), "Stripe-Signature", "{bad}");
    }
    let Err(error) = stripe.verify_at(
        &stripe_request(&format!("v1={STRIPE_OLD_V1}")),
        STRIPE_BODY,
        now,
    ) else {
        panic!("a header without t= verified");
    };
    assert!(error.to_string().contains("`t=`"), "{error}");
}

#[test]
fn stripe_rotation_accepts_either_secret() {
    let rotating = verifier(SignatureScheme::Stripe, STRIPE_OLD_SECRET)
        .with_secret(SecretString::new(STRIPE_NEW_SECRET));
    for v1 in [STRIPE_OLD_V1, STRIPE_NEW_V1] {
        rotating
            .verify_at(
                &stripe_request(&format!("t=1700000000, v1={v1}")),
                STRIPE_BODY,
                at(STRIPE_TIME),
            )
            .unwrap();
    }
}

// Cashfree: computed with Python's hmac module, base64 of HMAC-SHA256 keyed
// with the secret's text of the timestamp header's text followed by the body.
const CASHFREE_OLD_SECRET: &str = "cf_secret_old_Tq8Lm2Vx";
const CASHFREE_NEW_SECRET: &str = "cf_secret_new_Rw4Jn7Pz";
const CASHFREE_BODY: &[u8] =
    br#"{"data":{"order":{"order_id":"order_1","order_amount":2.00}},"type":"PAYMENT_SUCCESS_WEBHOOK"}"#;
const CASHFREE_MILLIS: &str = "1700000000123";
const CASHFREE_OLD_MILLIS_SIGNATURE: &str = "qjs3qcNLw4R+SmBisaWIcmUolpv1JAzwBUoYVeZHhQc=";
const CASHFREE_NEW_MILLIS_SIGNATURE: &str = "e+CmazCkon/syEcNTiihZLJy7J/SIW2wafKo6MhwObE=";
const CASHFREE_SECONDS: &str = "1700000000";
const CASHFREE_OLD_SECONDS_SIGNATURE: &str = "2/wdjzl/DpP5nLW+wvjWcK+xnSnMXzV8xoKjY7mXgVs=";

fn cashfree_request(timestamp: &str, signature: &str) -> HeaderMap {
    headers(&[
        ("x-webhook-timestamp", timestamp),
        ("x-webhook-signature", signature),
    ])
}

#[test]
fn cashfree_verifies_with_a_millisecond_timestamp() {
    let cashfree = verifier(SignatureScheme::Cashfree, CASHFREE_OLD_SECRET);
    let request = cashfree_request(CASHFREE_MILLIS, CASHFREE_OLD_MILLIS_SIGNATURE);
    let sent = UNIX_EPOCH + Duration::from_millis(1_700_000_000_123);
    cashfree.verify_at(&request, CASHFREE_BODY, sent).unwrap();
    cashfree
        .verify_at(&request, CASHFREE_BODY, sent + Duration::from_secs(300))
        .unwrap();
    assert_eq!(
        cashfree.verify_at(&request, CASHFREE_BODY, sent + Duration::from_secs(301)),
        Err(SignatureError::StaleTimestamp {
            age_seconds: 301,
            tolerance_seconds: 300
        })
    );
    assert_eq!(
        cashfree.verify_at(&request, CASHFREE_BODY, sent - Duration::from_secs(301)),
        Err(SignatureError::StaleTimestamp {
            age_seconds: -301,
            tolerance_seconds: 300
        })
    );
}

#[test]
fn cashfree_verifies_with_a_seconds_timestamp() {
    let cashfree = verifier(SignatureScheme::Cashfree, CASHFREE_OLD_SECRET);
    let request = cashfree_request(CASHFREE_SECONDS, CASHFREE_OLD_SECONDS_SIGNATURE);
    cashfree
        .verify_at(&request, CASHFREE_BODY, at(1_700_000_000))
        .unwrap();
    assert_eq!(
        cashfree.verify_at(&request, CASHFREE_BODY, at(1_700_000_000 + 301)),
        Err(SignatureError::StaleTimestamp {
            age_seconds: 301,
            tolerance_seconds: 300
        })
    );
    // The signature covers the timestamp's text: the other unit's signature
    // does not match.
    let swapped = cashfree_request(CASHFREE_SECONDS, CASHFREE_OLD_MILLIS_SIGNATURE);
    assert_eq!(
        cashfree.verify_at(&swapped, CASHFREE_BODY, at(1_700_000_000)),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn cashfree_refuses_a_wrong_secret_a_changed_body_and_bad_headers() {
    let now = UNIX_EPOCH + Duration::from_millis(1_700_000_000_123);
    let request = cashfree_request(CASHFREE_MILLIS, CASHFREE_OLD_MILLIS_SIGNATURE);
    assert_eq!(
        verifier(SignatureScheme::Cashfree, CASHFREE_NEW_SECRET).verify_at(
            &request,
            CASHFREE_BODY,
            now
        ),
        Err(SignatureError::Mismatch)
    );
    let cashfree = verifier(SignatureScheme::Cashfree, CASHFREE_OLD_SECRET);
    // `2.00` changed to `2.01`.
    let changed =
        br#"{"data":{"order":{"order_id":"order_1","order_amount":2.01}},"type":"PAYMENT_SUCCESS_WEBHOOK"}"#;
    assert_eq!(
        cashfree.verify_at(&request, changed, now),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        cashfree.verify_at(
            &headers(&[("x-webhook-timestamp", CASHFREE_MILLIS)]),
            CASHFREE_BODY,
            now
        ),
        Err(SignatureError::MissingHeader {
            header: "x-webhook-signature"
        })
    );
    assert_eq!(
        cashfree.verify_at(
            &headers(&[("x-webhook-signature", CASHFREE_OLD_MILLIS_SIGNATURE)]),
            CASHFREE_BODY,
            now
        ),
        Err(SignatureError::MissingHeader {
            header: "x-webhook-timestamp"
        })
    );
    for bad in [
        "qjs3qcNLw4R+SmBisaWIcmUolpv1JAzwBUoYVeZHhQc*",
        "qjs3qcNLw4R+SmBi",
        "817dc691dc9c8fd56ea2c6b977bab5cc754f76246024164f8bc54b3ee5354399",
    ] {
        assert_eq!(
            malformed_header(cashfree.verify_at(
                &cashfree_request(CASHFREE_MILLIS, bad),
                CASHFREE_BODY,
                now
            )),
            "x-webhook-signature",
            "{bad}"
        );
    }
    assert_eq!(
        malformed_header(cashfree.verify_at(
            &cashfree_request("2023-11-14T22:13:20Z", CASHFREE_OLD_MILLIS_SIGNATURE),
            CASHFREE_BODY,
            now
        )),
        "x-webhook-timestamp"
    );
}

#[test]
fn cashfree_rotation_accepts_either_secret() {
    let rotating = verifier(SignatureScheme::Cashfree, CASHFREE_OLD_SECRET)
        .with_secret(SecretString::new(CASHFREE_NEW_SECRET));
    let now = UNIX_EPOCH + Duration::from_millis(1_700_000_000_123);
    for signature in [CASHFREE_OLD_MILLIS_SIGNATURE, CASHFREE_NEW_MILLIS_SIGNATURE] {
        rotating
            .verify_at(
                &cashfree_request(CASHFREE_MILLIS, signature),
                CASHFREE_BODY,
                now,
            )
            .unwrap();
    }
}

// Razorpay: computed with Python's hmac module, HMAC-SHA256 keyed with the
// secret's text of the body, in hex.
const RAZORPAY_OLD_SECRET: &str = "rzp_webhook_old_Hk3Ns8";
const RAZORPAY_NEW_SECRET: &str = "rzp_webhook_new_Bq6Wd1";
const RAZORPAY_BODY: &[u8] = br#"{"entity":"event","event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_29QQoUBi66xm2f","amount":50000}}}}"#;
const RAZORPAY_OLD_SIGNATURE: &str =
    "730fe79a94e9a6bc224cae01bedb0bc76eed43304f93d7d7faa4b9eb281dca9d";
const RAZORPAY_NEW_SIGNATURE: &str =
    "94973d3d1d749ec29f133c1d5cbeb8aaca31348c4cb35e687845a640e9a73d8b";

#[test]
fn razorpay_verifies_and_refuses() {
    let razorpay = verifier(SignatureScheme::Razorpay, RAZORPAY_OLD_SECRET);
    let request = headers(&[("X-Razorpay-Signature", RAZORPAY_OLD_SIGNATURE)]);
    razorpay.verify(&request, RAZORPAY_BODY).unwrap();
    // No timestamp: any time will do.
    razorpay.verify_at(&request, RAZORPAY_BODY, at(0)).unwrap();
    assert_eq!(
        verifier(SignatureScheme::Razorpay, RAZORPAY_NEW_SECRET).verify(&request, RAZORPAY_BODY),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        razorpay.verify(&request, &tampered(RAZORPAY_BODY)),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        razorpay.verify(&headers(&[]), RAZORPAY_BODY),
        Err(SignatureError::MissingHeader {
            header: "X-Razorpay-Signature"
        })
    );
    for bad in [
        "sha256=730fe79a94e9a6bc224cae01bedb0bc76eed43304f93d7d7faa4b9eb281dca9d",
        "730fe79a94e9a6bc224cae01bedb0bc76eed43304f93d7d7faa4b9eb281dca9",
        "cw/nmpTppryiTK4BvtsLx27tQzBPk9fX+qS56ygdypk=",
        " ",
    ] {
        let request = headers(&[("X-Razorpay-Signature", bad)]);
        assert_eq!(
            malformed_header(razorpay.verify(&request, RAZORPAY_BODY)),
            "X-Razorpay-Signature",
            "{bad:?}"
        );
    }
}

#[test]
fn razorpay_rotation_accepts_either_secret() {
    let rotating = verifier(SignatureScheme::Razorpay, RAZORPAY_NEW_SECRET)
        .with_secret(SecretString::new(RAZORPAY_OLD_SECRET));
    for signature in [RAZORPAY_OLD_SIGNATURE, RAZORPAY_NEW_SIGNATURE] {
        let request = headers(&[("X-Razorpay-Signature", signature)]);
        rotating.verify(&request, RAZORPAY_BODY).unwrap();
    }
}

#[test]
fn an_empty_secret_is_a_configuration_error() {
    let request = headers(&[("X-Razorpay-Signature", RAZORPAY_OLD_SIGNATURE)]);
    assert!(matches!(
        verifier(SignatureScheme::Razorpay, "").verify(&request, RAZORPAY_BODY),
        Err(SignatureError::InvalidSecret { .. })
    ));
    // Even beside a good one: a misconfiguration is not hidden.
    assert!(matches!(
        verifier(SignatureScheme::Razorpay, RAZORPAY_OLD_SECRET)
            .with_secret(SecretString::new(""))
            .verify(&request, RAZORPAY_BODY),
        Err(SignatureError::InvalidSecret { .. })
    ));
}

#[test]
fn debug_and_errors_show_no_secret() {
    let secrets = [
        (SignatureScheme::StandardWebhooks, STANDARD_SECRET),
        (SignatureScheme::Stripe, STRIPE_OLD_SECRET),
        (SignatureScheme::Cashfree, CASHFREE_OLD_SECRET),
        (SignatureScheme::Razorpay, RAZORPAY_OLD_SECRET),
        (SignatureScheme::GitHub, GITHUB_SECRET),
    ];
    for (scheme, secret) in secrets {
        let verifier = verifier(scheme, secret).with_secret(SecretString::new("second-secret-XYZ"));
        let debug = format!("{verifier:?}");
        assert!(!debug.contains(secret), "{debug}");
        assert!(!debug.contains("second-secret-XYZ"), "{debug}");
        assert!(debug.contains("[redacted]"), "{debug}");
    }
    let errors = [
        SignatureError::MissingHeader {
            header: "X-Razorpay-Signature",
        },
        SignatureError::MalformedHeader {
            header: "Stripe-Signature",
            problem: "it has no `t=` timestamp".to_owned(),
        },
        SignatureError::StaleTimestamp {
            age_seconds: 301,
            tolerance_seconds: 300,
        },
        SignatureError::StaleTimestamp {
            age_seconds: -301,
            tolerance_seconds: 300,
        },
        SignatureError::Mismatch,
    ];
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        messages[0].contains("`X-Razorpay-Signature`"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains("`Stripe-Signature`"),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].contains("301 seconds in the past"),
        "{}",
        messages[2]
    );
    assert!(
        messages[3].contains("301 seconds in the future"),
        "{}",
        messages[3]
    );
    assert!(
        messages[4].contains("does not match the body") && messages[4].contains("another secret"),
        "{}",
        messages[4]
    );
    // A mismatch message holds neither the secret nor the expected MAC.
    let error = verifier(SignatureScheme::Razorpay, RAZORPAY_OLD_SECRET)
        .verify(
            &headers(&[("X-Razorpay-Signature", RAZORPAY_NEW_SIGNATURE)]),
            RAZORPAY_BODY,
        )
        .unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(RAZORPAY_OLD_SECRET) && !shown.contains(RAZORPAY_OLD_SIGNATURE));
}

#[test]
fn scheme_names_round_trip() {
    let named = [
        ("standard-webhooks", SignatureScheme::StandardWebhooks),
        ("stripe", SignatureScheme::Stripe),
        ("cashfree", SignatureScheme::Cashfree),
        ("razorpay", SignatureScheme::Razorpay),
        ("github", SignatureScheme::GitHub),
    ];
    for (name, scheme) in named {
        assert_eq!(scheme.name(), name);
        assert_eq!(SignatureScheme::from_name(name), Some(scheme));
        assert_eq!(
            SignatureScheme::from_name(&name.to_uppercase()),
            Some(scheme)
        );
    }
    assert_eq!(
        SignatureScheme::from_name("GitHub"),
        Some(SignatureScheme::GitHub)
    );
    for unknown in ["", "standard_webhooks", "hub", "stripe "] {
        assert_eq!(SignatureScheme::from_name(unknown), None, "{unknown:?}");
    }
}
