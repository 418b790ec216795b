//! Stage 2: lower the typed spec into [`crate::model::Api`]. Every decision
//! (names, optionality, number types, which statuses are errors) is made here.

pub mod names;
mod operations;
mod schema;

use openapiv3::{OpenAPI, ReferenceOr, SecurityScheme as SpecScheme};

use crate::diagnostics::{Warnings, child};
use crate::model::{Api, SchemeKind, SecurityScheme, Server};
use names::NameAllocator;
use schema::TypeSpace;

/// `ClientBuilder` methods a credential setter must not shadow.
const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "basic_credential",
    "build",
    "connect_timeout",
    "default_header",
    "environment",
    "http_client",
    "new",
    "secret_credential",
    "server_url",
    "timeout",
    "user_agent",
];

/// Lowers a spec into the model.
pub fn lower(spec: &OpenAPI) -> Api {
    let mut warnings = Warnings::default();
    let mut types = TypeSpace::new(spec, &mut warnings);
    let security_schemes = lower_security_schemes(spec, &mut warnings);
    let operations = operations::lower_operations(&mut types, &security_schemes, &mut warnings);
    let servers = lower_servers(spec, &mut warnings);
    Api {
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        description: spec.info.description.clone(),
        types: types.into_types(),
        operations,
        security_schemes,
        servers,
        warnings: warnings.into_sorted(),
    }
}

fn lower_security_schemes(spec: &OpenAPI, warnings: &mut Warnings) -> Vec<SecurityScheme> {
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
        let ReferenceOr::Item(scheme) = resolve_scheme(spec, scheme) else {
            warnings.push(
                &pointer,
                "the `$ref` does not resolve to a security scheme; scheme ignored",
            );
            continue;
        };
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
            SpecScheme::OAuth2 { description, .. }
            | SpecScheme::OpenIDConnect { description, .. } => {
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
        lowered.push(SecurityScheme {
            name: name.clone(),
            setter,
            docs,
            kind,
        });
    }
    lowered
}

fn resolve_scheme<'a>(
    spec: &'a OpenAPI,
    scheme: &'a ReferenceOr<SpecScheme>,
) -> &'a ReferenceOr<SpecScheme> {
    let mut current = scheme;
    // Bounded, so that a reference cycle cannot loop forever.
    for _ in 0..32 {
        let ReferenceOr::Reference { reference } = current else {
            return current;
        };
        let Some(target) = reference
            .strip_prefix("#/components/securitySchemes/")
            .and_then(|name| spec.components.as_ref()?.security_schemes.get(name))
        else {
            return current;
        };
        current = target;
    }
    current
}

/// A header name in the lower case `http` wants, if it is a valid token.
pub(crate) fn header_name(raw: &str) -> Option<String> {
    let valid = !raw.is_empty()
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    valid.then(|| raw.to_ascii_lowercase())
}

fn lower_servers(spec: &OpenAPI, warnings: &mut Warnings) -> Vec<Server> {
    let mut variants = NameAllocator::default();
    let mut servers = Vec::new();
    for (index, server) in spec.servers.iter().enumerate() {
        let pointer = format!("#/servers/{index}");
        let mut url = server.url.clone();
        for (name, variable) in server.variables.iter().flatten() {
            url = url.replace(&format!("{{{name}}}"), &variable.default);
        }
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            warnings.push(
                &pointer,
                format!("server URL {url:?} is not absolute; callers must set `base_url`"),
            );
            continue;
        }
        if url.contains('{') {
            warnings.push(
                &pointer,
                format!("server URL {url:?} has undeclared variables; skipped"),
            );
            continue;
        }
        let wanted = server
            .description
            .as_deref()
            .filter(|d| (1..=3).contains(&d.split_whitespace().count()))
            .map(names::type_name)
            .unwrap_or_else(|| format!("Server{}", index + 1));
        let (variant, _) = variants.allocate(&wanted);
        servers.push(Server {
            variant,
            url: url.trim_end_matches('/').to_owned(),
            docs: server.description.clone(),
        });
    }
    servers
}
