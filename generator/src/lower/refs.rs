//! Following `$ref`s: the one bounded resolver of the lowering stage, for
//! every kind of component a `$ref` can name.

use indexmap::IndexMap;
use openapiv3::{
    Components, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
};

/// How deep the lowering follows anything that can loop: a chain of
/// `$ref`s, an alias of an alias, nested `allOf` parts, an example's
/// nesting. A spec may well have a cycle, which must be cut off rather than
/// followed forever; real specs stay within a handful of levels, and 32
/// levels cost nothing to follow, so nothing real is cut.
pub const MAX_DEPTH: usize = 32;

/// A kind of component a `$ref` can name, and where the spec keeps them.
pub trait Referable: Sized {
    /// What a `$ref` to one starts with, e.g. `#/components/parameters/`.
    const PREFIX: &'static str;
    /// The components of this kind, by name.
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>>;
}

impl Referable for Schema {
    const PREFIX: &'static str = "#/components/schemas/";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.schemas
    }
}

impl Referable for Parameter {
    const PREFIX: &'static str = "#/components/parameters/";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.parameters
    }
}

impl Referable for RequestBody {
    const PREFIX: &'static str = "#/components/requestBodies/";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.request_bodies
    }
}

impl Referable for Response {
    const PREFIX: &'static str = "#/components/responses/";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.responses
    }
}

impl Referable for SecurityScheme {
    const PREFIX: &'static str = "#/components/securitySchemes/";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.security_schemes
    }
}

/// The item itself, or the item its `$ref` chain ends at; `None` when a
/// `$ref` names nothing of its kind or the chain is longer than
/// [`MAX_DEPTH`] (a cycle).
pub fn resolve<'a, T: Referable>(spec: &'a OpenAPI, item: &'a ReferenceOr<T>) -> Option<&'a T> {
    match item {
        ReferenceOr::Item(item) => Some(item),
        ReferenceOr::Reference { reference } => follow(spec, reference).map(|(item, _)| item),
    }
}

/// The item a `$ref` chain starting at `reference` ends at, with the name
/// of the last component on the way (the one that holds the item).
pub fn follow<'a, T: Referable>(spec: &'a OpenAPI, reference: &str) -> Option<(&'a T, &'a str)> {
    let (mut name, mut target) = lookup::<T>(spec, reference)?;
    for _ in 0..MAX_DEPTH {
        match target {
            ReferenceOr::Item(item) => return Some((item, name)),
            ReferenceOr::Reference { reference } => (name, target) = lookup(spec, reference)?,
        }
    }
    None
}

/// One step: the component a `$ref` names, by name (it may be a `$ref`
/// itself). The one place that reads a `$ref`'s text: names are matched as
/// written, and only `#/components/<kind>/<name>` is understood. Resolving
/// any other local JSON pointer (`#/components/schemas/A/$defs/B`,
/// `#/paths/...`) belongs here.
pub fn lookup<'a, T: Referable>(
    spec: &'a OpenAPI,
    reference: &str,
) -> Option<(&'a str, &'a ReferenceOr<T>)> {
    let name = reference.strip_prefix(T::PREFIX)?;
    let (name, target) = T::section(spec.components.as_ref()?).get_key_value(name)?;
    Some((name.as_str(), target))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(parameters: serde_json::Value) -> OpenAPI {
        serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"parameters": parameters},
        }))
        .expect("a spec")
    }

    fn query(name: &str) -> serde_json::Value {
        serde_json::json!({"name": name, "in": "query", "schema": {"type": "string"}})
    }

    #[test]
    fn a_chain_is_followed_to_its_item() {
        let spec = spec(serde_json::json!({
            "A": {"$ref": "#/components/parameters/B"},
            "B": {"$ref": "#/components/parameters/C"},
            "C": query("c"),
        }));
        let (parameter, name) =
            follow::<Parameter>(&spec, "#/components/parameters/A").expect("resolves");
        assert_eq!(parameter.parameter_data_ref().name, "c");
        assert_eq!(name, "C");
    }

    #[test]
    fn a_cycle_or_a_missing_target_resolves_to_nothing() {
        let spec = spec(serde_json::json!({
            "A": {"$ref": "#/components/parameters/B"},
            "B": {"$ref": "#/components/parameters/A"},
        }));
        assert!(follow::<Parameter>(&spec, "#/components/parameters/A").is_none());
        assert!(follow::<Parameter>(&spec, "#/components/parameters/Z").is_none());
        // A `$ref` to another kind of component is not a parameter.
        assert!(follow::<Parameter>(&spec, "#/components/schemas/A").is_none());
    }

    #[test]
    fn a_chain_of_max_depth_is_followed_and_a_longer_one_is_not() {
        let chain = |links: usize| {
            let mut parameters = serde_json::Map::new();
            for i in 0..links {
                let next = format!("#/components/parameters/P{}", i + 1);
                parameters.insert(format!("P{i}"), serde_json::json!({"$ref": next}));
            }
            parameters.insert(format!("P{links}"), query("end"));
            spec(serde_json::Value::Object(parameters))
        };
        let within = chain(MAX_DEPTH - 1);
        assert!(follow::<Parameter>(&within, "#/components/parameters/P0").is_some());
        let beyond = chain(MAX_DEPTH);
        assert!(follow::<Parameter>(&beyond, "#/components/parameters/P0").is_none());
    }
}
