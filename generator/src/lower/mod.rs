//! Stage 2: lower the typed spec into [`crate::model::Api`]. Every decision
//! (names, optionality, number types, which statuses are errors) is made here.

pub mod examples;
mod groups;
pub mod names;
mod operations;
mod schema;

use openapiv3::{OpenAPI, ReferenceOr, SecurityScheme as SpecScheme};

use std::collections::BTreeMap;

use crate::diagnostics::{Warnings, child};
use crate::model::{
    Api, CredentialSet, Operation, SchemeKind, SecurityScheme, Server, TypeDef, TypeKind, TypeRef,
    VariantShape,
};
use names::NameAllocator;
use schema::TypeSpace;

/// `ClientBuilder` methods a credential setter must not shadow.
pub(crate) const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "basic_credential",
    "build",
    "clone",
    "connect_timeout",
    "default_header",
    "environment",
    "fmt",
    "hook",
    "http_client",
    "max_response_body_bytes",
    "mock",
    "mock_base_url",
    "new",
    "retry_policy",
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
    let (operations, tag_groups) =
        operations::lower_operations(&mut types, &security_schemes, &mut warnings);
    let credential_sets = credential_sets(&operations, &security_schemes, &mut warnings);
    let servers = lower_servers(spec, &mut warnings);
    let mut types = types.into_types();
    box_cycles(&mut types);
    fill_variant_shapes(&mut types);
    mark_lenient_maps(&mut types);
    examples::attach_examples(&examples::ExampleRefs::new(spec), &mut types, &mut warnings);
    Api {
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        description: spec.info.description.clone(),
        types,
        operations,
        tag_groups,
        security_schemes,
        credential_sets,
        servers,
        warnings: warnings.into_sorted(),
        doc_path: None,
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

/// The alternatives of several schemes, each with a setter named after
/// its schemes' setters (`x_client_id_and_x_client_secret`).
fn credential_sets(
    operations: &[Operation],
    schemes: &[SecurityScheme],
    warnings: &mut Warnings,
) -> Vec<CredentialSet> {
    let mut counts: BTreeMap<&[String], usize> = BTreeMap::new();
    for op in operations {
        for alternative in &op.security {
            if alternative.len() > 1 {
                *counts.entry(alternative.as_slice()).or_default() += 1;
            }
        }
    }
    let mut reserved: Vec<&str> = BUILDER_METHODS.to_vec();
    reserved.extend(schemes.iter().map(|s| s.setter.as_str()));
    let mut setters = NameAllocator::with_reserved(&reserved);
    let mut sets = Vec::new();
    for (alternative, operations) in counts {
        let parts: Option<Vec<&str>> = alternative
            .iter()
            .map(|name| {
                schemes
                    .iter()
                    .find(|s| &s.name == name)
                    .map(|s| names::unraw(&s.setter))
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
            setter,
            schemes: alternative.to_vec(),
            operations,
        });
    }
    sets.sort_by(|a, b| a.setter.cmp(&b.setter));
    sets
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

/// The named type a value of `ty` contains directly (not behind a `Vec`,
/// map or `Box`), if any.
fn held_by_value(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}

/// The types a named type holds by value.
fn by_value_edges(def: &TypeDef) -> Vec<&str> {
    match &def.kind {
        TypeKind::Struct(object) => object
            .fields
            .iter()
            .filter_map(|f| held_by_value(&f.ty))
            .collect(),
        TypeKind::OneOf(one_of) => one_of
            .variants
            .iter()
            .filter_map(|v| held_by_value(&v.ty))
            .collect(),
        TypeKind::Alias(target) => held_by_value(target).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// The strongly connected component of each type in the graph of by-value
/// edges (Tarjan's algorithm, iterative so that a deep graph cannot
/// overflow the stack). A by-value edge from `a` to `b` closes a cycle
/// exactly when both are in the same component; finding that out per edge
/// with a search of its own would be quadratic in the size of the spec.
fn by_value_components(types: &BTreeMap<String, TypeDef>) -> BTreeMap<&str, usize> {
    let index_of: BTreeMap<&str, usize> = types
        .keys()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .values()
        .map(|def| {
            by_value_edges(def)
                .into_iter()
                .filter_map(|target| index_of.get(target).copied())
                .collect()
        })
        .collect();
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNVISITED; n];
    let mut stack = Vec::new();
    let mut next_order = 0;
    let mut components = 0;
    for root in 0..n {
        if order[root] != UNVISITED {
            continue;
        }
        // (node, index of the next edge to follow)
        let mut work = vec![(root, 0)];
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut next_edge)) = work.last_mut() {
            if let Some(&target) = edges[node].get(*next_edge) {
                *next_edge += 1;
                if order[target] == UNVISITED {
                    order[target] = next_order;
                    low[target] = next_order;
                    next_order += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    index_of
        .into_iter()
        .map(|(name, index)| (name, component[index]))
        .collect()
}

/// Types that contain each other by value would be infinitely large: every
/// field or variant on such a cycle holds its value in a `Box`.
fn box_cycles(types: &mut BTreeMap<String, TypeDef>) {
    let component_of = by_value_components(types);
    let mut to_box: Vec<(String, usize)> = Vec::new();
    for (name, def) in types.iter() {
        let slots: Vec<&TypeRef> = match &def.kind {
            TypeKind::Struct(object) => object.fields.iter().map(|f| &f.ty).collect(),
            TypeKind::OneOf(one_of) => one_of.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(_) | TypeKind::Enum(_) => Vec::new(),
        };
        let own = component_of.get(name.as_str());
        for (index, ty) in slots.into_iter().enumerate() {
            let closes_cycle = held_by_value(ty)
                .and_then(|target| component_of.get(target))
                .is_some_and(|target| Some(target) == own);
            if closes_cycle {
                to_box.push((name.clone(), index));
            }
        }
    }
    for (name, index) in to_box {
        let Some(def) = types.get_mut(&name) else {
            continue;
        };
        let slot = match &mut def.kind {
            TypeKind::Struct(object) => &mut object.fields[index].ty,
            TypeKind::OneOf(one_of) => &mut one_of.variants[index].ty,
            TypeKind::Alias(_) | TypeKind::Enum(_) => continue,
        };
        *slot = TypeRef::Boxed(Box::new(slot.clone()));
    }
}

/// How a value of `ty` looks in JSON.
fn shape_of(ty: &TypeRef, types: &BTreeMap<String, TypeDef>, depth: usize) -> VariantShape {
    match ty {
        TypeRef::String | TypeRef::DateTime | TypeRef::Date => VariantShape::String,
        TypeRef::I32 | TypeRef::I64 => VariantShape::Integer,
        TypeRef::Decimal => VariantShape::Number,
        TypeRef::Bool => VariantShape::Bool,
        TypeRef::List(_) => VariantShape::Array,
        TypeRef::Map(_) | TypeRef::JsonObject => VariantShape::Object {
            required: Vec::new(),
            properties: Vec::new(),
        },
        TypeRef::Json | TypeRef::File => VariantShape::Any,
        TypeRef::Boxed(inner) => shape_of(inner, types, depth),
        TypeRef::Named(name) if depth < 32 => match types.get(name).map(|def| &def.kind) {
            Some(TypeKind::Struct(object)) => VariantShape::Object {
                required: object
                    .fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| f.wire_name.clone())
                    .collect(),
                properties: object.fields.iter().map(|f| f.wire_name.clone()).collect(),
            },
            Some(TypeKind::Enum(_)) => VariantShape::String,
            Some(TypeKind::Alias(target)) => shape_of(target, types, depth + 1),
            Some(TypeKind::OneOf(_)) | None => VariantShape::Any,
        },
        TypeRef::Named(_) => VariantShape::Any,
    }
}

/// Records each `oneOf` variant's JSON shape, once every type is known.
fn fill_variant_shapes(types: &mut BTreeMap<String, TypeDef>) {
    let shapes: Vec<(String, Vec<VariantShape>)> = types
        .iter()
        .filter_map(|(name, def)| match &def.kind {
            TypeKind::OneOf(one_of) => Some((
                name.clone(),
                one_of
                    .variants
                    .iter()
                    .map(|v| shape_of(&v.ty, types, 0))
                    .collect(),
            )),
            _ => None,
        })
        .collect();
    for (name, variant_shapes) in shapes {
        if let Some(TypeKind::OneOf(one_of)) = types.get_mut(&name).map(|def| &mut def.kind) {
            for (variant, shape) in one_of.variants.iter_mut().zip(variant_shapes) {
                variant.shape = shape;
            }
        }
    }
}

/// Whether a value of `ty` is a map, looking through aliases.
fn is_map(ty: &TypeRef, types: &BTreeMap<String, TypeDef>, depth: usize) -> bool {
    match ty {
        TypeRef::Map(_) => true,
        TypeRef::Named(name) if depth < 32 => match types.get(name).map(|def| &def.kind) {
            Some(TypeKind::Alias(target)) => is_map(target, types, depth + 1),
            _ => false,
        },
        _ => false,
    }
}

/// Map fields accept `[]` as an empty map (what PHP's `json_encode` makes of
/// an empty array): unambiguous, and real servers send it.
fn mark_lenient_maps(types: &mut BTreeMap<String, TypeDef>) {
    let marks: Vec<(String, usize)> = types
        .iter()
        .flat_map(|(name, def)| match &def.kind {
            TypeKind::Struct(object) => object
                .fields
                .iter()
                .enumerate()
                // An optional nullable field has a decoder of its own.
                .filter(|(_, f)| is_map(&f.ty, types, 0) && (f.required || !f.nullable))
                .map(|(index, _)| (name.clone(), index))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    for (name, index) in marks {
        if let Some(TypeKind::Struct(object)) = types.get_mut(&name).map(|def| &mut def.kind) {
            object.fields[index].empty_array_as_map = true;
        }
    }
}

#[cfg(test)]
mod tests {
    //! The names the generated code must not take are the runtime's: these
    //! tests read them off the runtime's source, so a new runtime method or
    //! type cannot silently collide with a spec's names.

    /// The runtime's source, its test-util mocks aside.
    fn runtime() -> String {
        use crate::runtime_files::{Exposure, RUNTIME_FILES};
        RUNTIME_FILES
            .iter()
            .filter(|file| !matches!(file.exposure, Exposure::TestUtil { .. }))
            .map(|file| file.source)
            .collect()
    }

    /// The `fn` names inside `impl <type> {` blocks of the runtime.
    fn methods_of(type_name: &str) -> Vec<String> {
        let header = format!("impl {type_name} {{");
        let mut names = Vec::new();
        let mut inside = false;
        for line in runtime().lines() {
            if line == header {
                inside = true;
            } else if inside && line == "}" {
                inside = false;
            } else if inside {
                let words: Vec<&str> = line.split_whitespace().collect();
                if let Some(position) = words.iter().position(|w| *w == "fn") {
                    let name = words[position + 1]
                        .split(['(', '<'])
                        .next()
                        .unwrap_or_default();
                    names.push(name.to_owned());
                }
            }
        }
        names
    }

    #[test]
    fn every_client_builder_method_is_reserved_for_credential_setters() {
        let methods = methods_of("ClientBuilder");
        assert!(methods.contains(&"build".to_owned()), "{methods:?}");
        for method in methods {
            assert!(
                super::BUILDER_METHODS.contains(&method.as_str()),
                "`{method}` is not in BUILDER_METHODS"
            );
        }
    }

    #[test]
    fn every_client_method_is_reserved_for_operations() {
        let methods = methods_of("Client");
        assert!(methods.contains(&"execute".to_owned()), "{methods:?}");
        for method in methods {
            assert!(
                super::operations::CLIENT_METHODS.contains(&method.as_str()),
                "`{method}` is not in CLIENT_METHODS"
            );
        }
    }

    #[test]
    fn every_public_runtime_type_is_a_reserved_type_name() {
        for line in runtime().lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if let ["pub", "struct" | "enum" | "trait" | "type", name, ..] = words.as_slice() {
                let name = name
                    .split(['<', '(', ';', '{', ':'])
                    .next()
                    .unwrap_or_default();
                assert!(
                    super::names::RESERVED_TYPE_NAMES.contains(&name),
                    "`{name}` is not in RESERVED_TYPE_NAMES"
                );
            }
        }
    }
}
