//! How a client is configured and reached: credential setters (one per
//! security scheme, and one per set of schemes), environments (one per
//! server) and the calls through tag groups.

use std::collections::BTreeMap;

use super::collector::Collector;
use super::report::{Change, ChangeKind, Impact, Subject};
use crate::emit::shape::ENVIRONMENT_NON_EXHAUSTIVE;
use crate::model::{Api, RustName, SchemeKind, SchemeName, SecurityScheme, Server};

fn scheme_summary(scheme: &SecurityScheme) -> String {
    let how = match &scheme.kind {
        SchemeKind::ApiKeyHeader(header) => format!("header `{header}`"),
        SchemeKind::ApiKeyQuery(param) => format!("query parameter `{param}`"),
        SchemeKind::ApiKeyCookie(cookie) => format!("cookie `{cookie}`"),
        SchemeKind::Basic => "HTTP basic".to_owned(),
        SchemeKind::Bearer => "bearer token".to_owned(),
    };
    format!("`{}`, {how}", scheme.name)
}

/// The setter's arguments: basic authentication takes two.
fn setter_arity(kind: &SchemeKind) -> usize {
    match kind {
        SchemeKind::Basic => 2,
        SchemeKind::ApiKeyHeader(_)
        | SchemeKind::ApiKeyQuery(_)
        | SchemeKind::ApiKeyCookie(_)
        | SchemeKind::Bearer => 1,
    }
}

pub(super) fn compare_schemes(c: &mut Collector, old: &[SecurityScheme], new: &[SecurityScheme]) {
    let path = |s: &SecurityScheme| format!("ClientBuilder::{}", s.setter.word());
    for scheme in old {
        match new.iter().find(|s| s.setter == scheme.setter) {
            None => c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::SecurityScheme,
                    path(scheme),
                    ChangeKind::Removed,
                )
                .from(scheme_summary(scheme))
                .why(format!("calls of `{}` no longer compile", scheme.setter)),
            ),
            Some(now) => {
                c.docs(&scheme.docs, &now.docs);
                if setter_arity(&scheme.kind) != setter_arity(&now.kind) {
                    c.push(
                        Change::new(
                            Impact::Breaking,
                            Subject::SecurityScheme,
                            path(scheme),
                            ChangeKind::Changed,
                        )
                        .from(scheme_summary(scheme))
                        .to(scheme_summary(now))
                        .why("the setter takes another number of arguments"),
                    );
                } else if scheme_summary(scheme) != scheme_summary(now) {
                    c.push(
                        Change::new(
                            Impact::Compatible,
                            Subject::SecurityScheme,
                            path(scheme),
                            ChangeKind::Changed,
                        )
                        .from(scheme_summary(scheme))
                        .to(scheme_summary(now))
                        .why("the same setter; the credential is sent differently"),
                    );
                }
            }
        }
    }
    for scheme in new {
        if !old.iter().any(|s| s.setter == scheme.setter) {
            c.push(
                Change::new(
                    Impact::Addition,
                    Subject::SecurityScheme,
                    path(scheme),
                    ChangeKind::Added,
                )
                .to(scheme_summary(scheme))
                .why("a new credential setter"),
            );
        }
    }
}

pub(super) fn compare_servers(c: &mut Collector, old: &[Server], new: &[Server]) {
    let variants = |servers: &[Server]| {
        let names: Vec<&str> = servers.iter().map(|s| s.variant.as_str()).collect();
        format!("enum Environment {{ {} }}", names.join(", "))
    };
    match (old.is_empty(), new.is_empty()) {
        (true, true) => return,
        (true, false) => {
            c.push(
                Change::new(
                    Impact::Addition,
                    Subject::Server,
                    "Environment",
                    ChangeKind::Added,
                )
                .to(variants(new))
                .why("the spec names servers now: `Environment` and `ClientBuilder::environment` are new"),
            );
            return;
        }
        (false, true) => {
            c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::Server,
                    "Environment",
                    ChangeKind::Removed,
                )
                .from(variants(old))
                .why("the spec names no server: code using `Environment` no longer compiles"),
            );
            return;
        }
        (false, false) => {}
    }
    for server in old {
        let path = format!("Environment::{}", server.variant);
        match new.iter().find(|s| s.variant == server.variant) {
            None => c.push(
                Change::new(Impact::Breaking, Subject::Server, path, ChangeKind::Removed)
                    .from(server.url.clone())
                    .why(format!(
                        "code naming `Environment::{}` no longer compiles",
                        server.variant
                    )),
            ),
            Some(now) => {
                c.docs(&server.docs, &now.docs);
                if now.url != server.url {
                    c.push(
                        Change::new(
                            Impact::Compatible,
                            Subject::Server,
                            path,
                            ChangeKind::Changed,
                        )
                        .from(server.url.clone())
                        .to(now.url.clone())
                        .why("the same variant; requests go to another URL"),
                    );
                }
            }
        }
    }
    for server in new {
        if old.iter().any(|s| s.variant == server.variant) {
            continue;
        }
        let change = Change::new(
            Impact::Breaking,
            Subject::Server,
            format!("Environment::{}", server.variant),
            ChangeKind::Added,
        )
        .to(server.url.clone());
        c.push(if ENVIRONMENT_NON_EXHAUSTIVE {
            Change {
                impact: Impact::Addition,
                ..change
            }
            .why("`Environment` is #[non_exhaustive]")
        } else {
            change.why(
                "`Environment` is an exhaustive enum: `match`es on it without a wildcard no longer compile",
            )
        });
    }
    if let (Some(a), Some(b)) = (old.first(), new.first()) {
        if a.variant != b.variant {
            c.push(
                Change::new(
                    Impact::Compatible,
                    Subject::Server,
                    "Environment::default",
                    ChangeKind::Changed,
                )
                .from(format!("Environment::{}", a.variant))
                .to(format!("Environment::{}", b.variant))
                .why(format!(
                    "clients that choose no environment now go to {}",
                    b.url
                )),
            );
        }
    }
}

/// Calls through tag groups (`client.orders().create(..)`), by the Rust
/// path a caller writes, with the flat operation each starts.
fn group_calls(api: &Api) -> BTreeMap<String, RustName> {
    api.tag_groups
        .iter()
        .flat_map(|group| {
            group.members.iter().map(move |member| {
                (
                    format!("Client::{}().{}", group.accessor.word(), member.name.word()),
                    member.operation.clone(),
                )
            })
        })
        .collect()
}

pub(super) fn compare_group_calls(c: &mut Collector, old: &Api, new: &Api) {
    let (old_calls, new_calls) = (group_calls(old), group_calls(new));
    for (path, operation) in &old_calls {
        match new_calls.get(path) {
            None => c.push(
                Change::new(Impact::Breaking, Subject::Operation, path, ChangeKind::Removed)
                    .from(format!("Client::{}", operation.word()))
                    .why("calls through the tag group no longer compile (a tag or its operation renamed or removed)"),
            ),
            Some(now) if now != operation => c.push(
                Change::new(Impact::Breaking, Subject::Operation, path, ChangeKind::Changed)
                    .from(format!("Client::{}", operation.word()))
                    .to(format!("Client::{}", now.word()))
                    .why("the same call through the tag group now starts another operation"),
            ),
            Some(_) => {}
        }
    }
    for (path, operation) in &new_calls {
        if !old_calls.contains_key(path) {
            c.push(
                Change::new(
                    Impact::Addition,
                    Subject::Operation,
                    path,
                    ChangeKind::Added,
                )
                .to(format!("Client::{}", operation.word()))
                .why("a new call through a tag group"),
            );
        }
    }
}

pub(super) fn compare_credential_sets(c: &mut Collector, old: &Api, new: &Api) {
    let sets = |api: &Api| -> BTreeMap<String, Vec<SchemeName>> {
        api.credential_sets
            .iter()
            .map(|set| {
                (
                    format!("ClientBuilder::{}", set.setter.word()),
                    set.schemes.clone(),
                )
            })
            .collect()
    };
    let (old_sets, new_sets) = (sets(old), sets(new));
    for (path, schemes) in &old_sets {
        match new_sets.get(path) {
            None => c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::SecurityScheme,
                    path,
                    ChangeKind::Removed,
                )
                .from(joined(schemes))
                .why("calls of the credential set's setter no longer compile"),
            ),
            Some(now) if now != schemes => c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::SecurityScheme,
                    path,
                    ChangeKind::Changed,
                )
                .from(joined(schemes))
                .to(joined(now))
                .why("the setter takes other credentials"),
            ),
            Some(_) => {}
        }
    }
    for (path, schemes) in &new_sets {
        if !old_sets.contains_key(path) {
            c.push(
                Change::new(
                    Impact::Addition,
                    Subject::SecurityScheme,
                    path,
                    ChangeKind::Added,
                )
                .to(joined(schemes))
                .why("a new setter for a set of credentials operations accept"),
            );
        }
    }
}

/// A credential set as the report shows it: `a + b`.
fn joined(schemes: &[SchemeName]) -> String {
    let names: Vec<&str> = schemes.iter().map(SchemeName::as_str).collect();
    names.join(" + ")
}

/// The `<scheme>_client_credentials` setters of OAuth2 client credentials
/// flows: a setter gone is breaking, a new one an addition, another token
/// URL or scope list compatible (the same call, another token request).
pub(super) fn compare_token_setters(
    c: &mut Collector,
    old: &[SecurityScheme],
    new: &[SecurityScheme],
) {
    let flows = |schemes: &[SecurityScheme]| -> BTreeMap<String, String> {
        schemes
            .iter()
            .filter_map(|scheme| {
                let flow = scheme.client_credentials.as_ref()?;
                let summary = format!(
                    "`{}`, token URL `{}`, scopes [{}]",
                    scheme.name,
                    flow.token_url,
                    flow.scopes.join(", ")
                );
                Some((format!("ClientBuilder::{}", flow.setter.word()), summary))
            })
            .collect()
    };
    let (old, new) = (flows(old), flows(new));
    for (path, was) in &old {
        match new.get(path) {
            None => c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::SecurityScheme,
                    path.clone(),
                    ChangeKind::Removed,
                )
                .from(was.clone())
                .why("calls of the client credentials setter no longer compile"),
            ),
            Some(now) if now != was => c.push(
                Change::new(
                    Impact::Compatible,
                    Subject::SecurityScheme,
                    path.clone(),
                    ChangeKind::Changed,
                )
                .from(was.clone())
                .to(now.clone())
                .why("the same setter; tokens are asked for differently"),
            ),
            Some(_) => {}
        }
    }
    for (path, now) in &new {
        if !old.contains_key(path) {
            c.push(
                Change::new(
                    Impact::Addition,
                    Subject::SecurityScheme,
                    path.clone(),
                    ChangeKind::Added,
                )
                .to(now.clone())
                .why("the client can fetch its own OAuth2 tokens"),
            );
        }
    }
}
