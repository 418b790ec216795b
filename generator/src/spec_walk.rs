//! Walking a spec document as read (JSON, before it is typed): which keys
//! hold spec, which hold data, and which map names the spec chose. The
//! checks that run before typing and the loader's repairs walk documents
//! through [`walk`], so they agree on what is spec.

use serde_json::Value;

use crate::json_pointer::push_segment;

/// One step of the path from the walk's start to a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A keyword of a spec object (`schema`, `properties`, `get`).
    Key(&'a str),
    /// A name the spec chose, as a key of a name map (a property, a
    /// schema, a response status such as `default`).
    Name(&'a str),
    /// An item of a list.
    Index(usize),
}

/// The JSON pointer of a path. Built only for the nodes that need one: a
/// large spec has millions of nodes and few of them are reported.
pub fn pointer_of(path: &[Step<'_>]) -> String {
    let mut pointer = String::from("#");
    for step in path {
        match step {
            Step::Key(key) | Step::Name(key) => push_segment(&mut pointer, key),
            Step::Index(index) => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
        }
    }
    pointer
}

/// Keys whose values are data, not spec: values, not schemas or
/// references, whatever they look like (an `example` may well hold a
/// `$ref` key of its own).
const DATA_KEYS: [&str; 4] = ["default", "enum", "example", "const"];

/// Keys whose values map names the spec chose to spec objects. `examples`
/// is not among them: see [`KeyKind::Examples`].
const NAME_MAPS: [&str; 15] = [
    "properties",
    "paths",
    "schemas",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "content",
    "encoding",
    "variables",
    "patternProperties",
    "definitions",
];

/// What the value of a key of a spec object holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// Data ([`DATA_KEYS`]): never walked.
    Data,
    /// A specification extension (`x-...`): the vendor's, never walked.
    Extension,
    /// A `$ref`'s target: a string, read by whoever visits the object.
    Reference,
    /// `examples`: either a map of names to Example objects, whose `value`
    /// is data and which may be `$ref`s ([`Visitor::example`] sees each),
    /// or a list of example values (JSON Schema's `examples`): data.
    Examples,
    /// A map from names the spec chose to spec objects.
    NameMap,
    /// Any other key: spec.
    Spec,
}

/// What a key of a spec object holds.
pub fn key_kind(key: &str) -> KeyKind {
    if key.starts_with("x-") {
        KeyKind::Extension
    } else if key == "$ref" {
        KeyKind::Reference
    } else if key == "examples" {
        KeyKind::Examples
    } else if DATA_KEYS.contains(&key) {
        KeyKind::Data
    } else if NAME_MAPS.contains(&key) {
        KeyKind::NameMap
    } else {
        KeyKind::Spec
    }
}

/// Whether the walk goes on below a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Descend {
    /// Walk its children.
    Into,
    /// Leave them: the visitor has seen to them.
    Over,
}

/// What a walk calls at the nodes it passes, parents before children, in
/// document order.
pub trait Visitor<'a> {
    /// Every spec node: the start, the value of every spec key, every entry
    /// of a name map and every item of a spec list.
    fn node(&mut self, node: &'a Value, path: &[Step<'a>]) -> Descend;

    /// Every entry of an `examples` map (an Example object, or a `$ref` to
    /// one); its contents are data, so the walk does not go into it.
    fn example(&mut self, _entry: &'a Value, _path: &[Step<'a>]) {}
}

/// Whether the node at `path` is a schema outside schemas: a
/// `components.schemas` entry, or the `schema` of a parameter, header or
/// media type. The schemas inside it are the schema's business.
pub fn is_schema_root(path: &[Step<'_>]) -> bool {
    matches!(
        path,
        [Step::Key("components"), Step::Key("schemas"), Step::Name(_)]
    ) || path.last() == Some(&Step::Key("schema"))
}

/// The pointers of every schema root ([`is_schema_root`]), in document
/// order.
pub fn schema_roots(document: &Value) -> Vec<String> {
    #[derive(Default)]
    struct Roots(Vec<String>);
    impl<'a> Visitor<'a> for Roots {
        fn node(&mut self, _node: &'a Value, path: &[Step<'a>]) -> Descend {
            if is_schema_root(path) {
                self.0.push(pointer_of(path));
                Descend::Over
            } else {
                Descend::Into
            }
        }
    }
    let mut roots = Roots::default();
    walk(document, &mut Vec::new(), &mut roots);
    roots.0
}

/// Walks `start` (at `path`, usually empty) and every spec node below it.
pub fn walk<'a>(start: &'a Value, path: &mut Vec<Step<'a>>, visitor: &mut impl Visitor<'a>) {
    if visitor.node(start, path) == Descend::Over {
        return;
    }
    match start {
        Value::Object(object) => {
            for (key, value) in object {
                let kind = key_kind(key);
                if matches!(
                    kind,
                    KeyKind::Data | KeyKind::Extension | KeyKind::Reference
                ) {
                    continue;
                }
                path.push(Step::Key(key));
                match (kind, value) {
                    (KeyKind::Examples, Value::Object(entries)) => {
                        for (name, entry) in entries {
                            path.push(Step::Name(name));
                            visitor.example(entry, path);
                            path.pop();
                        }
                    }
                    // A list of example values.
                    (KeyKind::Examples, _) => {}
                    (KeyKind::NameMap, Value::Object(entries)) => {
                        for (name, entry) in entries {
                            path.push(Step::Name(name));
                            walk(entry, path, visitor);
                            path.pop();
                        }
                    }
                    _ => walk(value, path, visitor),
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Step::Index(index));
                walk(item, path, visitor);
                path.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records the pointer of every node and example the walk passes.
    #[derive(Default)]
    struct Seen(Vec<String>);

    impl<'a> Visitor<'a> for Seen {
        fn node(&mut self, _node: &'a Value, path: &[Step<'a>]) -> Descend {
            self.0.push(pointer_of(path));
            Descend::Into
        }

        fn example(&mut self, _entry: &'a Value, path: &[Step<'a>]) {
            self.0.push(format!("example {}", pointer_of(path)));
        }
    }

    #[test]
    fn data_extensions_and_references_are_not_walked_but_names_are() {
        let document: Value = serde_json::json!({
            "responses": {"default": {"description": "x"}},
            "schema": {
                "default": {"nested": 1},
                "x-vendor": {"a": 1},
                "$ref": "#/a",
                "examples": [{"b": 1}],
                "items": [{"type": "string"}]
            },
            "content": {"application/json": {"examples": {"one": {"value": {"c": 1}}}}}
        });
        let mut seen = Seen::default();
        walk(&document, &mut Vec::new(), &mut seen);
        assert_eq!(
            seen.0,
            [
                "#",
                "#/responses/default",
                "#/responses/default/description",
                "#/schema",
                "#/schema/items",
                "#/schema/items/0",
                "#/schema/items/0/type",
                "#/content/application~1json",
                "example #/content/application~1json/examples/one",
            ]
        );
    }

    #[test]
    fn a_walk_can_stop_below_a_node() {
        struct StopAtSchema(usize);
        impl<'a> Visitor<'a> for StopAtSchema {
            fn node(&mut self, _node: &'a Value, path: &[Step<'a>]) -> Descend {
                self.0 += 1;
                if path.last() == Some(&Step::Key("schema")) {
                    Descend::Over
                } else {
                    Descend::Into
                }
            }
        }
        let document = serde_json::json!({"schema": {"properties": {"a": {}}}, "b": 1});
        let mut visitor = StopAtSchema(0);
        walk(&document, &mut Vec::new(), &mut visitor);
        assert_eq!(visitor.0, 3, "the root, `schema` and `b`");
    }

    #[test]
    fn keys_are_classified() {
        assert_eq!(key_kind("x-amount"), KeyKind::Extension);
        assert_eq!(key_kind("example"), KeyKind::Data);
        assert_eq!(key_kind("examples"), KeyKind::Examples);
        assert_eq!(key_kind("properties"), KeyKind::NameMap);
        assert_eq!(key_kind("$ref"), KeyKind::Reference);
        assert_eq!(key_kind("items"), KeyKind::Spec);
    }
}
