//! The spec's `example` values, as examples of the named types: a schema's
//! own `example`, or else one put together from its properties' examples
//! (every required property needs one). Each is checked against the type it
//! will be decoded into, as the client would decode it; one that does not
//! fit is left out with a warning naming where it is and what is wrong, so
//! that only examples the generated tests can decode reach the docs.
//!
//! An example may be put together from others with `{"$ref": "#/…"}`
//! objects (Cashfree: `offer_meta: {$ref: "#/components/schemas/OfferMeta/example"}`).
//! OpenAPI calls an example a literal, but documentation tools resolve these
//! and the spec's authors meant them resolved, so [`ExampleRefs`] does too.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

use crate::diagnostics::Warnings;
use crate::model::{TypeDef, TypeKind, TypeRef};

// Nesting beyond `MAX_DEPTH` is not followed (a check or a composition of
// a recursive type stops there).
use super::refs::MAX_DEPTH;

/// The most values one example may expand to through its `$ref`s.
const MAX_RESOLVED_NODES: usize = 100_000;

const SCHEMA_POINTER_PREFIX: &str = "#/components/schemas/";

/// Sets [`TypeDef::example`] on every named type that has a fitting one.
pub fn attach_examples(
    refs: &ExampleRefs<'_>,
    types: &mut BTreeMap<String, TypeDef>,
    warnings: &mut Warnings,
) {
    let mut found = Examples {
        refs,
        types,
        warnings,
        done: BTreeMap::new(),
        in_progress: BTreeSet::new(),
    };
    let names: Vec<String> = found.types.keys().cloned().collect();
    for name in &names {
        found.example_of(name, 0);
    }
    let done = found.done;
    for (name, example) in done {
        if let (Some(example), Some(def)) = (example, types.get_mut(&name)) {
            def.example = Some(example);
        }
    }
}

struct Examples<'a, 'w> {
    refs: &'a ExampleRefs<'a>,
    types: &'a BTreeMap<String, TypeDef>,
    warnings: &'w mut Warnings,
    done: BTreeMap<String, Option<Value>>,
    in_progress: BTreeSet<String>,
}

impl Examples<'_, '_> {
    fn example_of(&mut self, name: &str, depth: usize) -> Option<Value> {
        if let Some(done) = self.done.get(name) {
            return done.clone();
        }
        if depth > MAX_DEPTH || !self.in_progress.insert(name.to_owned()) {
            return None;
        }
        let example = self.find(name, depth);
        self.in_progress.remove(name);
        self.done.insert(name.to_owned(), example.clone());
        example
    }

    fn find(&mut self, name: &str, depth: usize) -> Option<Value> {
        let def = self.types.get(name)?;
        let schema = component_schema(self.refs.spec, &def.pointer);
        let ty = TypeRef::Named(name.to_owned());
        if let Some(example) = schema.and_then(|s| s.schema_data.example.as_ref()) {
            let pointer = format!("{}/example", def.pointer);
            return self.fitting(example, &ty, &pointer);
        }
        // Put one together from the properties' examples.
        let TypeKind::Struct(object) = &def.kind else {
            return None;
        };
        let properties = schema.and_then(object_properties);
        let mut composed = serde_json::Map::new();
        for field in &object.fields {
            let own = properties
                .as_ref()
                .and_then(|p| p.get(field.wire_name.as_str()))
                .and_then(|s| s.schema_data.example.as_ref());
            let value = match own {
                Some(example) => {
                    let pointer = format!(
                        "{}/properties/{}/example",
                        def.pointer,
                        field.wire_name.replace('~', "~0").replace('/', "~1")
                    );
                    self.fitting(example, &field.ty, &pointer)
                }
                None => self.example_of_ref(&field.ty, depth + 1),
            };
            match value {
                Some(value) => {
                    composed.insert(field.wire_name.clone(), value);
                }
                None if field.required => return None,
                None => {}
            }
        }
        let composed = Value::Object(composed);
        let fits = composed.as_object().is_some_and(|o| !o.is_empty())
            && check(&composed, &ty, self.types).is_ok();
        fits.then_some(composed)
    }

    /// The example at `pointer` with its `$ref`s resolved, if it fits `ty`;
    /// else a warning saying why not.
    fn fitting(&mut self, example: &Value, ty: &TypeRef, pointer: &str) -> Option<Value> {
        let problem = match self.refs.resolve(example) {
            Ok(resolved) => match check(&resolved, ty, self.types) {
                Ok(()) => return Some(resolved.into_owned()),
                Err(problem) => format!("the example does not fit the schema ({problem})"),
            },
            Err(problem) => format!("the example cannot be read ({problem})"),
        };
        self.warnings.push(
            pointer,
            format!("{problem}; left out of the docs and tests"),
        );
        None
    }

    /// An example for a field of this type, from named types' examples.
    fn example_of_ref(&mut self, ty: &TypeRef, depth: usize) -> Option<Value> {
        match ty {
            TypeRef::Named(name) => self.example_of(name, depth),
            TypeRef::Boxed(inner) => self.example_of_ref(inner, depth),
            TypeRef::List(inner) => Some(Value::Array(vec![self.example_of_ref(inner, depth)?])),
            TypeRef::Tuple(items) => items
                .iter()
                .map(|item| self.example_of_ref(item, depth))
                .collect::<Option<Vec<Value>>>()
                .map(Value::Array),
            _ => None,
        }
    }
}

/// Resolves the `{"$ref": "#/…"}` objects inside example values against
/// the spec. A reference is an object with `$ref` as its only key; the
/// pointer is looked up in the spec as the loader typed it, made into JSON
/// when a reference first needs it: only the component it points into
/// (`#/components/schemas/Offer/…`), or else the whole document.
pub struct ExampleRefs<'a> {
    spec: &'a OpenAPI,
    components: RefCell<HashMap<String, Option<Rc<Value>>>>,
    document: OnceCell<Rc<Value>>,
}

impl<'a> ExampleRefs<'a> {
    pub fn new(spec: &'a OpenAPI) -> Self {
        Self {
            spec,
            components: RefCell::new(HashMap::new()),
            document: OnceCell::new(),
        }
    }

    /// The JSON a local pointer (`/components/schemas/Offer/example`) is
    /// looked up in, and the pointer within it: the component it names, or
    /// the whole document.
    fn root_of(&self, pointer: &str) -> Option<(Rc<Value>, String)> {
        let mut segments = pointer.splitn(5, '/');
        let head = (
            segments.next(),
            segments.next(),
            segments.next(),
            segments.next(),
        );
        if let (Some(""), Some("components"), Some(section), Some(name)) = head {
            if COMPONENT_SECTIONS.contains(&section) {
                let within = segments
                    .next()
                    .map_or(String::new(), |rest| format!("/{rest}"));
                let component = self
                    .components
                    .borrow_mut()
                    .entry(format!("{section}/{name}"))
                    .or_insert_with(|| component_json(self.spec, section, name).map(Rc::new))
                    .clone()?;
                return Some((component, within));
            }
        }
        // A typed spec has string keys only, so it always makes JSON; were
        // it not to, every such reference reads as unresolved.
        let document = self
            .document
            .get_or_init(|| Rc::new(serde_json::to_value(self.spec).unwrap_or(Value::Null)));
        Some((Rc::clone(document), pointer.to_owned()))
    }

    /// `example` with every reference in it replaced by what it points at;
    /// an error names a reference that points nowhere, out of the document,
    /// or back into itself.
    pub fn resolve<'v>(&self, example: &'v Value) -> Result<Cow<'v, Value>, String> {
        if !holds_reference(example, 0) {
            return Ok(Cow::Borrowed(example));
        }
        let mut walk = Walk {
            followed: Vec::new(),
            budget: MAX_RESOLVED_NODES,
        };
        self.substitute(example, &mut walk).map(Cow::Owned)
    }

    fn substitute(&self, value: &Value, walk: &mut Walk) -> Result<Value, String> {
        if walk.followed.len() > MAX_DEPTH {
            return Err("`$ref`s nested too deeply".to_owned());
        }
        // References can repeat what they point at (`[ref B, ref B]`, with B
        // the same again): without a cap a few lines expand exponentially.
        walk.budget = walk
            .budget
            .checked_sub(1)
            .ok_or("the example grows too large through its `$ref`s")?;
        match value {
            Value::Object(object) => {
                if let Some(target) = reference_target(value) {
                    let Some(pointer) = target.strip_prefix('#') else {
                        return Err(format!("`$ref` `{target}` points into another document"));
                    };
                    if walk.followed.iter().any(|seen| seen == target) {
                        return Err(format!("`$ref` `{target}` leads back to itself"));
                    }
                    let root = self.root_of(pointer);
                    let Some(mut found) = root
                        .as_ref()
                        .and_then(|(root, within)| root.pointer(within))
                    else {
                        return Err(format!("`$ref` `{target}` does not resolve"));
                    };
                    // An Example Object (`#/components/examples/…`) holds its
                    // example in `value`, beside a summary and a description.
                    if is_example_object(pointer) {
                        let Some(value) = found.get("value") else {
                            return Err(format!(
                                "`$ref` `{target}` is an example without a `value`"
                            ));
                        };
                        found = value;
                    }
                    walk.followed.push(target.to_owned());
                    let resolved = self.substitute(found, walk);
                    walk.followed.pop();
                    return resolved;
                }
                object
                    .iter()
                    .map(|(key, entry)| Ok((key.clone(), self.substitute(entry, walk)?)))
                    .collect::<Result<serde_json::Map<_, _>, String>>()
                    .map(Value::Object)
            }
            Value::Array(items) => items
                .iter()
                .map(|item| self.substitute(item, walk))
                .collect::<Result<Vec<_>, String>>()
                .map(Value::Array),
            other => Ok(other.clone()),
        }
    }
}

/// Where a resolution is: the references being followed (to catch one that
/// leads back into itself) and how many more values it may produce.
struct Walk {
    followed: Vec<String>,
    budget: usize,
}

/// The sections of `components` that [`component_json`] reads.
const COMPONENT_SECTIONS: &[&str] = &[
    "schemas",
    "examples",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
];

/// One entry of the spec's `components` as JSON; `name` is as written in a
/// pointer (`~1` for `/`).
fn component_json(spec: &OpenAPI, section: &str, name: &str) -> Option<Value> {
    let components = spec.components.as_ref()?;
    let name = name.replace("~1", "/").replace("~0", "~");
    let json = match section {
        "schemas" => serde_json::to_value(components.schemas.get(&name)?),
        "examples" => serde_json::to_value(components.examples.get(&name)?),
        "responses" => serde_json::to_value(components.responses.get(&name)?),
        "parameters" => serde_json::to_value(components.parameters.get(&name)?),
        "requestBodies" => serde_json::to_value(components.request_bodies.get(&name)?),
        "headers" => serde_json::to_value(components.headers.get(&name)?),
        _ => return None,
    };
    json.ok()
}

/// Whether a pointer names an Example Object of `components`.
fn is_example_object(pointer: &str) -> bool {
    pointer
        .strip_prefix("/components/examples/")
        .is_some_and(|name| !name.is_empty() && !name.contains('/'))
}

/// The target of a reference object: `{"$ref": "<target>"}` and nothing else.
fn reference_target(value: &Value) -> Option<&str> {
    match value {
        Value::Object(object) if object.len() == 1 => object.get("$ref")?.as_str(),
        _ => None,
    }
}

fn holds_reference(value: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match value {
        Value::Object(object) => {
            reference_target(value).is_some()
                || object
                    .values()
                    .any(|entry| holds_reference(entry, depth + 1))
        }
        Value::Array(items) => items.iter().any(|item| holds_reference(item, depth + 1)),
        _ => false,
    }
}

/// The component schema a type comes from, if it is one (not a `$ref`).
fn component_schema<'a>(spec: &'a OpenAPI, pointer: &str) -> Option<&'a Schema> {
    let raw = pointer.strip_prefix(SCHEMA_POINTER_PREFIX)?;
    if raw.contains('/') {
        return None;
    }
    let raw = raw.replace("~1", "/").replace("~0", "~");
    match spec.components.as_ref()?.schemas.get(&raw)? {
        ReferenceOr::Item(schema) => Some(schema),
        ReferenceOr::Reference { .. } => None,
    }
}

/// An object schema's inline properties, by wire name.
fn object_properties(schema: &Schema) -> Option<BTreeMap<&str, &Schema>> {
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return None;
    };
    Some(
        object
            .properties
            .iter()
            .filter_map(|(name, property)| match property {
                ReferenceOr::Item(schema) => Some((name.as_str(), schema.as_ref())),
                ReferenceOr::Reference { .. } => None,
            })
            .collect(),
    )
}

/// Whether `value` decodes into `ty` as the generated client decodes it;
/// else where and why not (`customer_phone: expected a string, found 98…`).
pub fn check(value: &Value, ty: &TypeRef, types: &BTreeMap<String, TypeDef>) -> Result<(), String> {
    let mut path = Vec::new();
    check_at(value, ty, types, &mut path, 0).map_err(|problem| {
        if path.is_empty() {
            problem
        } else {
            format!("{}: {problem}", path.join("."))
        }
    })
}

fn check_at(
    value: &Value,
    ty: &TypeRef,
    types: &BTreeMap<String, TypeDef>,
    path: &mut Vec<String>,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    if let Value::Object(object) = value {
        // A `$ref` left after resolution (one with sibling keys, which is
        // not a reference object) is a pointer, not an example.
        if object.contains_key("$ref") {
            return Err("a `$ref`, not an example value".to_owned());
        }
    }
    let expected = |what: &str| Err(format!("expected {what}, found {}", shown(value)));
    match ty {
        TypeRef::String => match value {
            Value::String(_) => Ok(()),
            _ => expected("a string"),
        },
        TypeRef::Bool => match value {
            Value::Bool(_) => Ok(()),
            _ => expected("true or false"),
        },
        TypeRef::I32 => match value.as_i64() {
            Some(n) if i32::try_from(n).is_ok() => Ok(()),
            _ => expected("a 32-bit integer"),
        },
        TypeRef::I64 => match value.as_i64() {
            Some(_) => Ok(()),
            None => expected("an integer"),
        },
        TypeRef::Decimal => match value {
            Value::Number(_) => Ok(()),
            Value::String(text) if is_decimal(text) => Ok(()),
            _ => expected("a number"),
        },
        TypeRef::DateTime => match value.as_str() {
            Some(text) if is_date_time(text) => Ok(()),
            _ => expected("an RFC 3339 date-time"),
        },
        TypeRef::Date => match value.as_str() {
            Some(text) if is_date(text) => Ok(()),
            _ => expected("a date (YYYY-MM-DD)"),
        },
        TypeRef::Json => Ok(()),
        TypeRef::JsonObject => match value {
            Value::Object(_) => Ok(()),
            _ => expected("an object"),
        },
        TypeRef::File => expected("a file's bytes"),
        TypeRef::Boxed(inner) => check_at(value, inner, types, path, depth + 1),
        TypeRef::List(item) => {
            let Value::Array(items) = value else {
                return expected("an array");
            };
            for (index, item_value) in items.iter().enumerate() {
                path.push(index.to_string());
                check_at(item_value, item, types, path, depth + 1)?;
                path.pop();
            }
            Ok(())
        }
        TypeRef::Tuple(item_types) => {
            let Value::Array(items) = value else {
                return expected("an array");
            };
            if items.len() != item_types.len() {
                return expected(&format!("an array of {} items", item_types.len()));
            }
            for (index, (item_value, item)) in items.iter().zip(item_types).enumerate() {
                path.push(index.to_string());
                check_at(item_value, item, types, path, depth + 1)?;
                path.pop();
            }
            Ok(())
        }
        TypeRef::Map(item) => {
            let Value::Object(entries) = value else {
                return expected("an object");
            };
            for (key, entry) in entries {
                path.push(key.clone());
                check_at(entry, item, types, path, depth + 1)?;
                path.pop();
            }
            Ok(())
        }
        TypeRef::Named(name) => {
            let Some(def) = types.get(name) else {
                return Ok(());
            };
            check_named(value, def, types, path, depth)
        }
    }
}

fn check_named(
    value: &Value,
    def: &TypeDef,
    types: &BTreeMap<String, TypeDef>,
    path: &mut Vec<String>,
    depth: usize,
) -> Result<(), String> {
    let expected = |what: &str| Err(format!("expected {what}, found {}", shown(value)));
    match &def.kind {
        TypeKind::Alias(target) => check_at(value, target, types, path, depth + 1),
        // Values the spec does not list decode as `Unknown`.
        TypeKind::Enum(_) => match value {
            Value::String(_) => Ok(()),
            _ => expected("a string"),
        },
        TypeKind::OneOf(one_of) => {
            let fits = one_of.variants.iter().any(|variant| {
                check_at(value, &variant.ty, types, &mut Vec::new(), depth + 1).is_ok()
            });
            if fits {
                Ok(())
            } else {
                expected(&format!("one of the variants of `{}`", def.name))
            }
        }
        TypeKind::Struct(object) => {
            let Value::Object(properties) = value else {
                return expected("an object");
            };
            for field in &object.fields {
                path.push(field.wire_name.clone());
                match properties.get(&field.wire_name) {
                    None if !field.required => {}
                    None => return Err("a required property is missing".to_owned()),
                    // `null` for an optional field decodes as absent.
                    Some(Value::Null) if !field.required || field.nullable => {}
                    Some(Value::Array(items)) if field.empty_array_as_map && items.is_empty() => {}
                    Some(property) => check_at(property, &field.ty, types, path, depth + 1)?,
                }
                path.pop();
            }
            if let Some((_, other)) = &object.additional_properties {
                let known: BTreeSet<&str> =
                    object.fields.iter().map(|f| f.wire_name.as_str()).collect();
                for (key, property) in properties {
                    if !known.contains(key.as_str()) {
                        path.push(key.clone());
                        check_at(property, other, types, path, depth + 1)?;
                        path.pop();
                    }
                }
            }
            Ok(())
        }
    }
}

/// A value as a message shows it: short.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.len() + fraction.len() <= 28
        && whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
}

/// `YYYY-MM-DD`, a real day.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
fn is_date_time(text: &str) -> bool {
    let Some((date, time)) = text.split_once(['T', 't']) else {
        return false;
    };
    if !is_date(date) {
        return false;
    }
    let (clock, offset) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        (clock, None)
    } else {
        match time.rfind(['+', '-']) {
            Some(at) => (&time[..at], Some(&time[at + 1..])),
            None => return false,
        }
    };
    let two = |part: &str, max: u32| {
        part.len() == 2
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u32>().is_ok_and(|n| n <= max)
    };
    let (clock, fraction) = clock.split_once('.').unwrap_or((clock, "0"));
    let fields: Vec<&str> = clock.split(':').collect();
    let clock_ok = fields.len() == 3
        && two(fields[0], 23)
        && two(fields[1], 59)
        && two(fields[2], 60)
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit());
    let offset_ok = offset.is_none_or(|offset| {
        offset
            .split_once(':')
            .is_some_and(|(hours, minutes)| two(hours, 23) && two(minutes, 59))
    });
    clock_ok && offset_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_checked_as_rfc_3339() {
        assert!(is_date_time("2024-12-03T16:30:00Z"));
        assert!(is_date_time("2023-10-12T11:12:39+05:30"));
        assert!(is_date_time("2023-10-12T11:12:39.123-01:00"));
        assert!(!is_date_time("023-10-12T11:12:39+05:30"));
        assert!(!is_date_time("2023-10-12 11:12:39"));
        assert!(!is_date_time("2023-02-30T11:12:39Z"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
    }

    #[test]
    fn decimals_may_be_strings_of_digits() {
        assert!(is_decimal("22.00"));
        assert!(is_decimal("-5"));
        assert!(!is_decimal("1e5"));
        assert!(!is_decimal("."));
    }
}
