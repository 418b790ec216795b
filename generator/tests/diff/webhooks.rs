//! Webhooks and token setters in the diff: a removed `WebhookEvent`
//! variant is breaking, a new one an addition; a client credentials
//! setter that appears is an addition.

use super::{api, expect};
use generator::diff::{Impact, Subject, Verdict, diff};

const WEBHOOKS: &str = r#"
openapi: 3.1.0
info: {title: Hooks, version: '1'}
webhooks:
  paymentSucceeded:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [type, id]
              properties:
                type: {const: payment.succeeded}
                id: {type: string}
      responses:
        '200': {description: ok}
"#;

const MORE_WEBHOOKS: &str = r#"
  refundCreated:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [refund_id]
              properties:
                refund_id: {type: string}
      responses:
        '200': {description: ok}
"#;

#[test]
fn a_new_webhook_is_an_addition_and_a_removed_one_breaking() {
    let one = api(WEBHOOKS);
    let two = api(&format!("{}{MORE_WEBHOOKS}", WEBHOOKS.trim_end()));
    let added = diff(&one, &two);
    println!("{added}");
    expect(
        &added,
        Verdict::Additive,
        Subject::Webhook,
        "webhooks::WebhookEvent::RefundCreated",
        Impact::Addition,
    );
    let removed = diff(&two, &one);
    println!("{removed}");
    expect(
        &removed,
        Verdict::Breaking,
        Subject::Webhook,
        "webhooks::WebhookEvent::RefundCreated",
        Impact::Breaking,
    );
}

#[test]
fn a_client_credentials_flow_adds_a_setter() {
    let spec = |flows: &str| {
        format!(
            r#"
openapi: 3.0.3
info: {{title: Pay, version: '1'}}
security: [{{oauth: []}}]
paths:
  /payments:
    get:
      operationId: listPayments
      responses:
        '200': {{description: ok}}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
{flows}
"#
        )
    };
    let code = "        authorizationCode:\n          authorizationUrl: https://pay.example/authorize\n          tokenUrl: https://pay.example/token\n          scopes: {}\n";
    let both = format!(
        "{code}        clientCredentials:\n          tokenUrl: https://pay.example/token\n          scopes: {{payments: read payments}}\n"
    );
    let report = diff(&api(&spec(code)), &api(&spec(&both)));
    println!("{report}");
    let added = report
        .changes
        .iter()
        .find(|c| c.subject == Subject::SecurityScheme && c.path.ends_with("_client_credentials"))
        .unwrap_or_else(|| panic!("no client credentials setter in:\n{report}"));
    assert_eq!(added.impact, Impact::Addition, "{report}");
    assert_eq!(report.verdict(), Verdict::Additive, "{report}");
}
