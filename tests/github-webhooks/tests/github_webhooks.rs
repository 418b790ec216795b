//! GitHub's webhooks end to end: each example GitHub's description ships,
//! signed as GitHub signs (`X-Hub-Signature-256: sha256=<hex HMAC-SHA256>`,
//! computed here with the `hmac` crate), with the event header GitHub
//! sends, parses into its own typed variant; every webhook of the
//! description has one.

use github_webhooks::webhooks::{self, WebhookEvent};
use github_webhooks::{runtime, SecretString};
use hmac::Mac as _;

const SECRET: &str = "It's a Secret to Everybody";

fn description() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../node_modules/@octokit/openapi-webhooks/generated/api.github.com.json"
    );
    let text = std::fs::read_to_string(path).expect("the npm package is installed");
    serde_json::from_str(&text).expect("JSON")
}

fn sign(body: &[u8]) -> String {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).expect("any key");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256={hex}")
}

fn headers(event: &str, signature: &str) -> runtime::HeaderMap {
    let mut headers = runtime::HeaderMap::new();
    headers.insert("x-github-event", event.parse().expect("a header value"));
    headers.insert(
        "x-github-delivery",
        "72d3162e-cc78-11e3-81ab-4c9367dc0958"
            .parse()
            .expect("a header value"),
    );
    headers.insert(
        "x-hub-signature-256",
        signature.parse().expect("a header value"),
    );
    headers
}

fn verifier() -> runtime::WebhookVerifier {
    webhooks::verifier(SecretString::new(SECRET))
}

/// GitHub's published vector verifies with the generated verifier.
#[test]
fn githubs_published_signature_vector_verifies() {
    let body = b"Hello, World!";
    let headers = headers(
        "ping",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
    verifier().verify(&headers, body).expect("GitHub's vector");
    assert_eq!(webhooks::SIGNATURE_SCHEME, runtime::SignatureScheme::GitHub);
}

/// Every example in the description, signed, parses into the variant of
/// its webhook (the header names the event, `action` the webhook).
#[test]
fn every_example_parses_into_its_webhooks_variant() {
    let description = description();
    let examples = &description["components"]["examples"];
    let mut parsed = Vec::new();
    for (name, item) in description["webhooks"].as_object().expect("webhooks") {
        let operation = &item["post"];
        let content = &operation["requestBody"]["content"]["application/json"];
        let Some(reference) = content["examples"]["default"]["$ref"].as_str() else {
            continue;
        };
        let example = &examples[reference.trim_start_matches("#/components/examples/")]["value"];
        let body = serde_json::to_vec(example).expect("JSON");
        let event = operation["operationId"]
            .as_str()
            .and_then(|id| id.split('/').next())
            .expect("an operation id")
            .replace('-', "_");
        let headers = headers(&event, &sign(&body));
        let typed = WebhookEvent::verify_and_parse(&verifier(), &headers, &body)
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(typed.name(), Some(name.as_str()), "{name}: {typed:?}");
        parsed.push(name.clone());
    }
    assert_eq!(
        parsed.len(),
        6,
        "the examples the description ships: {parsed:?}"
    );
}

/// `check_run` has four webhooks told apart by `action`; the header alone
/// does not choose one.
#[test]
fn the_action_chooses_among_an_events_webhooks() {
    let description = description();
    let example = &description["components"]["examples"]["check-run-completed"]["value"];
    let mut rerequested = example.clone();
    rerequested["action"] = "rerequested".into();
    let body = serde_json::to_vec(&rerequested).expect("JSON");
    let typed =
        WebhookEvent::verify_and_parse(&verifier(), &headers("check_run", &sign(&body)), &body)
            .expect("a check run event");
    assert!(
        matches!(typed, WebhookEvent::CheckRunRerequested(_)),
        "{typed:?}"
    );
}

/// An event the description does not have is kept whole; a changed body
/// or another secret is refused before anything is parsed.
#[test]
fn unknown_events_are_kept_and_bad_signatures_refused() {
    let body = br#"{"action":"launched","rocket":{"id":1}}"#;
    let typed = WebhookEvent::verify_and_parse(&verifier(), &headers("rocket", &sign(body)), body)
        .expect("parsed");
    let WebhookEvent::Unknown(unknown) = &typed else {
        panic!("{typed:?}");
    };
    assert_eq!(unknown.body, body);

    let changed = br#"{"action":"launched","rocket":{"id":2}}"#;
    let error =
        WebhookEvent::verify_and_parse(&verifier(), &headers("rocket", &sign(body)), changed)
            .expect_err("a changed body");
    assert!(
        matches!(error, runtime::WebhookError::Signature(_)),
        "{error:?}"
    );
    let mut no_signature = headers("rocket", &sign(body));
    no_signature.remove("x-hub-signature-256");
    let error =
        WebhookEvent::verify_and_parse(&verifier(), &no_signature, body).expect_err("no signature");
    assert!(
        error
            .to_string()
            .to_lowercase()
            .contains("x-hub-signature-256"),
        "{error}"
    );
}

/// Every webhook of the description has its variant (and its entry in the
/// table parse reads, which the variants follow one for one).
#[test]
fn every_webhook_has_a_variant() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/api_github_com_webhooks.rs"));
    let entries = generated.matches("runtime::WebhookDescription {").count();
    let webhooks = description()["webhooks"]
        .as_object()
        .expect("webhooks")
        .len();
    assert_eq!(entries, webhooks);
    assert!(webhooks > 250, "{webhooks}");
}
