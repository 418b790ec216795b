//! The `webhooks` module: `WebhookEvent`'s variants (one per webhook, the
//! enum `#[non_exhaustive]`, each holding its boxed payload) and the
//! signature scheme its verifier checks.

use super::collector::Collector;
use super::rendering::rust;
use super::report::{Change, ChangeKind, Impact, Subject};
use crate::model::{Api, Webhook};

fn path(webhook: &Webhook) -> String {
    format!("webhooks::WebhookEvent::{}", webhook.variant)
}

pub(super) fn compare_webhooks(c: &mut Collector, old: &Api, new: &Api) {
    for webhook in &old.webhooks {
        match new.webhooks.iter().find(|w| w.variant == webhook.variant) {
            None => c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::Webhook,
                    path(webhook),
                    ChangeKind::Removed,
                )
                .from(format!("`{}`", webhook.name))
                .why("a `match` arm on the variant no longer compiles, and such requests are `Unknown` now"),
            ),
            Some(now) => {
                c.docs(&webhook.docs, &now.docs);
                if webhook.payload != now.payload {
                    c.push(
                        Change::new(
                            Impact::Breaking,
                            Subject::Webhook,
                            path(webhook),
                            ChangeKind::Changed,
                        )
                        .from(rust(&webhook.payload))
                        .to(rust(&now.payload))
                        .why("the variant holds another payload type"),
                    );
                } else if webhook.selector != now.selector {
                    c.push(
                        Change::new(
                            Impact::Compatible,
                            Subject::Webhook,
                            path(webhook),
                            ChangeKind::Changed,
                        )
                        .why("the same variant; what in a request chooses it differs"),
                    );
                }
            }
        }
    }
    for webhook in &new.webhooks {
        if !old.webhooks.iter().any(|w| w.variant == webhook.variant) {
            c.push(
                Change::new(
                    Impact::Addition,
                    Subject::Webhook,
                    path(webhook),
                    ChangeKind::Added,
                )
                .to(rust(&webhook.payload))
                .why("a new variant of a `#[non_exhaustive]` enum (such requests were `Unknown`)"),
            );
        }
    }
    let scheme = |api: &Api| api.webhook_signature.map(|s| s.name());
    match (scheme(old), scheme(new)) {
        (None, Some(now)) => c.push(
            Change::new(
                Impact::Addition,
                Subject::Webhook,
                "webhooks::verifier",
                ChangeKind::Added,
            )
            .to(now)
            .why("webhook signatures can be verified: `SIGNATURE_SCHEME` and `verifier` are new"),
        ),
        (Some(was), None) => c.push(
            Change::new(
                Impact::Breaking,
                Subject::Webhook,
                "webhooks::verifier",
                ChangeKind::Removed,
            )
            .from(was)
            .why("calls of `webhooks::verifier` no longer compile"),
        ),
        (Some(was), Some(now)) if was != now => c.push(
            Change::new(
                Impact::Breaking,
                Subject::Webhook,
                "webhooks::SIGNATURE_SCHEME",
                ChangeKind::Changed,
            )
            .from(was)
            .to(now)
            .why("the verifier checks another scheme: requests signed the old way are refused"),
        ),
        _ => {}
    }
}
