//! Generates the webhooks of GitHub's own description (the npm package
//! `@octokit/openapi-webhooks`, installed by `scripts/install-tools`),
//! verified as GitHub signs them (`X-Hub-Signature-256`).
use std::path::Path;

/// The description of github.com's webhooks in the npm package.
const SPEC: &str = "../../node_modules/@octokit/openapi-webhooks/generated/api.github.com.json";

fn main() {
    if !Path::new(SPEC).is_file() {
        eprintln!(
            "error: {SPEC} is missing: run scripts/install-tools, which installs the npm packages"
        );
        std::process::exit(1);
    }
    generator::BuildScript::new(SPEC)
        .webhook_signature(generator::model::WebhookSignature::GitHub)
        .run();
}
