//! The spec's servers, as the variants of the generated `Environment`.

use openapiv3::OpenAPI;

use super::names::{self, NameAllocator};
use crate::diagnostics::Warnings;
use crate::model::Server;

/// The servers with an absolute URL (variables at their defaults), in spec
/// order; the others are skipped with a warning.
pub fn lower_servers(spec: &OpenAPI, warnings: &mut Warnings) -> Vec<Server> {
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
        // OpenAPI 3.2's `Server.name` (carried as `x-oas-name` by the
        // loader) names the variant; else a short description does.
        let name = server
            .extensions
            .get(crate::loader_extensions::SERVER_NAME)
            .and_then(|n| n.as_str());
        let wanted = name
            .or(server.description.as_deref())
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
