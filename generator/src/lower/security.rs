//! Security: the schemes of `components.securitySchemes` with their
//! `ClientBuilder` setters (and, for an OAuth2 client credentials flow, the
//! setter of the client id and secret), each operation's requirements, and
//! the sets of several schemes that one setter fills at once.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr, SecurityScheme as SpecScheme};

use super::header_name::header_name;
use super::names::{self, NameAllocator, reserved::BUILDER_METHODS};
use super::refs;
use crate::diagnostics::{Warnings, child};
use crate::model::{
    ClientCredentialsFlow, CredentialSet, Operation, RustName, SchemeKind, SchemeName,
    SecurityScheme,
};

/// The schemes the client can send, sorted by their name in the spec, each
/// with its setter.
pub fn lower_security_schemes(spec: &OpenAPI, warnings: &mut Warnings) -> Vec<SecurityScheme> {
    // The client credentials flows, named once every scheme's setter is:
    // a scheme's own setter keeps its natural name.
    let mut flows: Vec<(usize, String, String, Vec<String>)> = Vec::new();
    let mut setters = NameAllocator::with_reserved(BUILDER_METHODS);
    let mut schemes: Vec<(&String, &ReferenceOr<SpecScheme>)> = spec
        .components
        .iter()
        .flat_map(|c| c.security_schemes.iter())
        .collect();
    schemes.sort_by_key(|(name, _)| name.as_str());
    let mut lowered = Vec::new();
    for (name, scheme) in schemes {
        let pointer = child("#/components/securitySchemes", name);
        let Some(scheme) = refs::resolve(spec, scheme) else {
            warnings.push(
                &pointer,
                "the `$ref` does not resolve to a security scheme; scheme ignored",
            );
            continue;
        };
        let mut flow = None;
        let (kind, docs) = match scheme {
            SpecScheme::APIKey {
                location,
                name: key,
                description,
                ..
            } => {
                let kind = match location {
                    openapiv3::APIKeyLocation::Header => match header_name(key) {
                        Some(header) => SchemeKind::ApiKeyHeader(header),
                        None => {
                            warnings.push(
                                &pointer,
                                format!("{key:?} is not a valid header name; scheme ignored"),
                            );
                            continue;
                        }
                    },
                    openapiv3::APIKeyLocation::Query => SchemeKind::ApiKeyQuery(key.clone()),
                    openapiv3::APIKeyLocation::Cookie => SchemeKind::ApiKeyCookie(key.clone()),
                };
                (kind, description.clone())
            }
            SpecScheme::HTTP {
                scheme: http,
                description,
                ..
            } => {
                match http.to_ascii_lowercase().as_str() {
                    "basic" => (SchemeKind::Basic, description.clone()),
                    "bearer" => (SchemeKind::Bearer, description.clone()),
                    other => {
                        warnings.push(&pointer, format!("HTTP authentication scheme {other:?} is not supported; scheme ignored"));
                        continue;
                    }
                }
            }
            SpecScheme::OAuth2 {
                description, flows, ..
            } => {
                if let Some(credentials) = &flows.client_credentials {
                    flow = client_credentials_flow(credentials, &pointer, warnings);
                }
                (SchemeKind::Bearer, description.clone())
            }
            SpecScheme::OpenIDConnect { description, .. } => {
                (SchemeKind::Bearer, description.clone())
            }
        };
        let (setter, renamed) = setters.allocate(&names::snake_name(name));
        if renamed {
            warnings.push(
                &pointer,
                format!("credential setter named `{setter}`: the natural name is taken"),
            );
        }
        if let Some((token_url, scopes)) = flow {
            flows.push((lowered.len(), pointer, token_url, scopes));
        }
        lowered.push(SecurityScheme {
            name: SchemeName::new(name.clone()),
            setter: RustName::new(setter),
            docs,
            kind,
            client_credentials: None,
        });
    }
    for (index, pointer, token_url, scopes) in flows {
        let Some(scheme) = lowered.get_mut(index) else {
            continue;
        };
        let wanted = format!("{}_client_credentials", scheme.setter.word());
        let (setter, renamed) = setters.allocate(&wanted);
        if renamed {
            warnings.push(
                &pointer,
                format!("client credentials setter named `{setter}`: the natural name is taken"),
            );
        }
        scheme.client_credentials = Some(ClientCredentialsFlow {
            setter: RustName::new(setter),
            token_url,
            scopes,
        });
    }
    lowered
}

/// The token URL and scopes of a `clientCredentials` flow, or `None` (with a
/// warning) when the client could not use it.
fn client_credentials_flow(
    flow: &openapiv3::ClientCredentialsOAuth2Flow,
    pointer: &str,
    warnings: &mut Warnings,
) -> Option<(String, Vec<String>)> {
    let flow_pointer = format!("{pointer}/flows/clientCredentials");
    let token_url = flow.token_url.trim();
    if token_url.is_empty() || token_url.chars().any(char::is_control) {
        warnings.push(
            format!("{flow_pointer}/tokenUrl"),
            "the token URL is empty or not a URL; no client credentials setter",
        );
        return None;
    }
    if token_url
        .get(..7)
        .is_some_and(|start| start.eq_ignore_ascii_case("http://"))
    {
        warnings.push(
            format!("{flow_pointer}/tokenUrl"),
            "the token URL is plain HTTP: the client refuses it unless `base_url` is a plain-HTTP URL set explicitly",
        );
    }
    let mut scopes = Vec::new();
    for scope in flow.scopes.keys() {
        // RFC 6749 §3.3: scope tokens are printable ASCII without spaces,
        // `"` or `\`; the request joins them with spaces.
        let valid = !scope.is_empty()
            && scope
                .bytes()
                .all(|b| (0x21..=0x7e).contains(&b) && b != b'"' && b != b'\\');
        if valid {
            scopes.push(scope.clone());
        } else {
            warnings.push(
                format!("{flow_pointer}/scopes"),
                format!("{scope:?} is not a valid OAuth2 scope; not asked for"),
            );
        }
    }
    Some((token_url.to_owned(), scopes))
}

/// The alternatives of several schemes, each with a setter named after
/// its schemes' setters (`x_client_id_and_x_client_secret`).
pub fn credential_sets(
    operations: &[Operation],
    schemes: &[SecurityScheme],
    warnings: &mut Warnings,
) -> Vec<CredentialSet> {
    let mut counts: BTreeMap<&[SchemeName], usize> = BTreeMap::new();
    for op in operations {
        for alternative in &op.security {
            if alternative.len() > 1 {
                *counts.entry(alternative.as_slice()).or_default() += 1;
            }
        }
    }
    let mut reserved: Vec<&str> = BUILDER_METHODS.to_vec();
    reserved.extend(schemes.iter().map(|s| s.setter.as_str()));
    reserved.extend(
        schemes
            .iter()
            .filter_map(|s| s.client_credentials.as_ref())
            .map(|flow| flow.setter.as_str()),
    );
    let mut setters = NameAllocator::with_reserved(&reserved);
    let mut sets = Vec::new();
    for (alternative, operations) in counts {
        let parts: Option<Vec<&str>> = alternative
            .iter()
            .map(|name| {
                schemes
                    .iter()
                    .find(|s| &s.name == name)
                    .map(|s| s.setter.word())
            })
            .collect();
        let Some(parts) = parts else {
            continue;
        };
        let (setter, renamed) = setters.allocate(&names::snake_name(&parts.join("_and_")));
        if renamed {
            warnings.push(
                "#/components/securitySchemes",
                format!("credential set setter named `{setter}`: the natural name is taken"),
            );
        }
        sets.push(CredentialSet {
            setter: RustName::new(setter),
            schemes: alternative.to_vec(),
            operations,
        });
    }
    sets.sort_by(|a, b| a.setter.cmp(&b.setter));
    sets
}

/// An operation's security alternatives (its own `security`, else the
/// spec's), each the sorted names of the schemes it needs; alternatives
/// naming a scheme the client cannot send are dropped with a warning.
pub fn lower_security(
    operation: &openapiv3::Operation,
    operation_pointer: &str,
    spec: &OpenAPI,
    schemes: &[SecurityScheme],
    warnings: &mut Warnings,
) -> Vec<Vec<SchemeName>> {
    let requirements = operation.security.as_ref().or(spec.security.as_ref());
    let mut alternatives: Vec<Vec<SchemeName>> = Vec::new();
    for (index, requirement) in requirements.into_iter().flatten().enumerate() {
        let mut needed: Vec<SchemeName> = requirement.keys().map(SchemeName::new).collect();
        needed.sort();
        if let Some(unknown) = needed
            .iter()
            .find(|name| !schemes.iter().any(|s| &s.name == *name))
        {
            warnings.push(
                format!("{operation_pointer}/security/{index}"),
                format!("security scheme `{unknown}` is not defined or not supported; this alternative is ignored"),
            );
            continue;
        }
        if !alternatives.contains(&needed) {
            alternatives.push(needed);
        }
    }
    alternatives
}

/// Where the spec declares security schemes but no operation (nor the spec
/// as a whole) asks for one, authentication is the deployment's business,
/// as some real specs ship: a credential the user configures must not be
/// silently dropped. Every operation then accepts each scheme alone, in the
/// schemes' order, or none; the client sends the first one configured.
/// Returns whether it did so.
pub fn leave_to_deployment(operations: &mut [Operation], schemes: &[SecurityScheme]) -> bool {
    let left = !schemes.is_empty()
        && !operations.is_empty()
        && operations.iter().all(|op| op.security.is_empty());
    if left {
        let alternatives: Vec<Vec<SchemeName>> = schemes
            .iter()
            .map(|scheme| vec![scheme.name.clone()])
            .chain([Vec::new()])
            .collect();
        for op in operations.iter_mut() {
            op.security.clone_from(&alternatives);
        }
    }
    left
}
