//! Broken `$ref`s: ones that point to nothing or into another file, and
//! cycles of `$ref`s (or of `allOf`s of `$ref`s) with no schema in them.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diagnostics::Problem;
use crate::json_pointer::{child, percent_decode, unescape};
use crate::spec_walk::{self, Descend, Step, Visitor, pointer_of};

/// The problems of the document's references, in document order.
pub(super) fn problems(document: &Value) -> Vec<Problem> {
    let mut references = References::default();
    spec_walk::walk(document, &mut Vec::new(), &mut references);
    // Many references share a target: each target is resolved once.
    let mut resolves: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    let mut problems = Vec::new();
    for (pointer, target) in &references.all {
        let resolved = *resolves
            .entry(target.as_str())
            .or_insert_with(|| resolve(document, target).is_some());
        if !resolved {
            problems.extend(broken_reference(document, pointer, target));
        }
    }
    problems.extend(reference_cycles(&references, &resolves));
    problems
}

/// The `$ref`s of the document, and its `allOf`-only schemas.
#[derive(Default)]
struct References {
    /// Pointer of each `$ref` value's object -> the reference, in document order.
    all: Vec<(String, String)>,
    /// Pointer of each schema that is only an `allOf` -> its parts' pointers.
    all_of_only: BTreeMap<String, Vec<String>>,
}

impl<'a> Visitor<'a> for References {
    fn node(&mut self, node: &'a Value, path: &[Step<'a>]) -> Descend {
        let Value::Object(object) = node else {
            return Descend::Into;
        };
        if let Some(Value::String(target)) = object.get("$ref") {
            self.all.push((pointer_of(path), target.clone()));
        }
        let all_of_only = object.get("allOf").filter(|_| {
            object
                .keys()
                .all(|key| is_annotation(key) || key == "allOf")
        });
        if let Some(Value::Array(parts)) = all_of_only {
            let schema = pointer_of(path);
            let at = child(&schema, "allOf");
            let parts = (0..parts.len())
                .map(|i| child(&at, &i.to_string()))
                .collect();
            self.all_of_only.insert(schema, parts);
        }
        Descend::Into
    }

    /// An Example object's `value` is data; the entry itself may be a
    /// `$ref` to a shared example.
    fn example(&mut self, entry: &'a Value, path: &[Step<'a>]) {
        if let Some(Value::String(target)) = entry.get("$ref") {
            self.all.push((pointer_of(path), target.clone()));
        }
    }
}

/// Keys that say nothing about a schema's shape.
fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "description"
            | "title"
            | "nullable"
            | "readOnly"
            | "writeOnly"
            | "deprecated"
            | "example"
            | "externalDocs"
    ) || key.starts_with("x-")
}

/// Resolves a local reference (`#/components/...`, with JSON pointer and
/// percent escapes) in the document.
pub(crate) fn resolve<'a>(document: &'a Value, reference: &str) -> Option<&'a Value> {
    let fragment = reference.strip_prefix('#')?;
    document
        .pointer(fragment)
        .or_else(|| document.pointer(&percent_decode(fragment)?))
}

fn broken_reference(document: &Value, at: &str, target: &str) -> Option<Problem> {
    let at = child(at, "$ref");
    if !target.starts_with('#') {
        return Some(
            Problem::at(at, format!("`$ref: '{target}'` points into another document; this generator reads one self-contained document"))
                .with_help("bundle the spec into one file first, e.g. `npx @redocly/cli bundle spec.yaml -o bundled.yaml`"),
        );
    }
    if resolve(document, target).is_some() {
        return None;
    }
    let problem = Problem::at(at, format!("dangling `$ref`: nothing at `{target}`"));
    Some(match closest_sibling(document, target) {
        Some(suggestion) => problem.with_help(format!("did you mean `{suggestion}`?")),
        None => problem.with_help("define it, or point the `$ref` at a node that exists"),
    })
}

/// For a reference whose last segment does not exist, a sibling with a
/// similar name (the usual cause: a typo, or a renamed schema).
fn closest_sibling(document: &Value, target: &str) -> Option<String> {
    let (parent, name) = target.rsplit_once('/')?;
    let siblings = resolve(document, parent)?.as_object()?;
    let name = unescape(name);
    let (distance, best) = siblings
        .keys()
        .map(|key| {
            (
                edit_distance(&key.to_lowercase(), &name.to_lowercase()),
                key,
            )
        })
        .min()?;
    (distance <= 2.max(name.chars().count() / 4)).then(|| child(parent, best))
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// Cycles of nodes that only point elsewhere (`$ref`, or an `allOf` of
/// such), which never reach a schema: nothing can be generated for them,
/// and following them would never end. Each cycle is reported once, at its
/// first node in pointer order.
fn reference_cycles(
    references: &References,
    resolves: &std::collections::HashMap<&str, bool>,
) -> Vec<Problem> {
    // Alias node -> where it leads.
    let mut leads_to: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (at, target) in &references.all {
        let fragment = target
            .strip_prefix('#')
            .filter(|_| resolves.get(target.as_str()) == Some(&true));
        if let Some(fragment) = fragment {
            let decoded = percent_decode(fragment).unwrap_or_else(|| fragment.to_owned());
            leads_to
                .entry(at.clone())
                .or_default()
                .push(format!("#{decoded}"));
        }
    }
    for (at, parts) in &references.all_of_only {
        leads_to
            .entry(at.clone())
            .or_default()
            .extend(parts.iter().cloned());
    }
    let mut problems = Vec::new();
    let mut reported: BTreeSet<Vec<String>> = BTreeSet::new();
    // Done: nodes known not to be on a cycle, or whose cycle is reported.
    let mut done: BTreeSet<String> = BTreeSet::new();
    for start in leads_to.keys() {
        if done.contains(start) {
            continue;
        }
        // Depth-first, iteratively: a path of (node, next edge index).
        let mut path: Vec<(String, usize)> = vec![(start.clone(), 0)];
        while let Some((node, edge)) = path.last_mut() {
            let next = leads_to
                .get(node.as_str())
                .and_then(|targets| targets.get(*edge));
            *edge += 1;
            let Some(next) = next else {
                let (node, _) = path.pop().unwrap_or_default();
                done.insert(node);
                continue;
            };
            if done.contains(next) || !leads_to.contains_key(next) {
                continue;
            }
            if let Some(position) = path.iter().position(|(n, _)| n == next) {
                let mut cycle: Vec<String> =
                    path[position..].iter().map(|(n, _)| n.clone()).collect();
                let first = cycle
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, n)| n.as_str())
                    .map_or(0, |(i, _)| i);
                cycle.rotate_left(first);
                if reported.insert(cycle.clone()) {
                    let mut shown = cycle.clone();
                    shown.push(cycle[0].clone());
                    problems.push(
                        Problem::at(cycle[0].clone(), format!("a cycle of `$ref`s with no schema in it: {}", shown.join(" → ")))
                            .with_help("one of them must be a schema (with a `type`, `properties`, ...), not only a reference"),
                    );
                }
                continue;
            }
            path.push((next.clone(), 0));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("order", "order"), 0);
        assert_eq!(edit_distance("Oder", "Order"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
