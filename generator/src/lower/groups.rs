//! Grouping operations by tag, and naming them within their group.
//!
//! An operation with tags is reachable as `client.<tag>().<name>(..)` under
//! each of its tags, as well as flat. Its name in a group is its flat name
//! without the words the group makes redundant, decided by one rule:
//!
//! 1. **Vendor prefix.** The first word is dropped when it starts more than
//!    half of the spec's operations (Cashfree's `pg`), or more than half of
//!    the group's (Cashfree's `subs` under `Subscription`, `spos` under
//!    `softPOS`), counting only specs or groups of at least
//!    [`MIN_FOR_PREFIX`] operations, and never when it is a verb (`get`,
//!    `create`, ...: a spec of `get_*` operations has no vendor prefix).
//! 2. **Parent resource.** A first word naming the resource of one of the
//!    operation's path parameters (`order` for `{order_id}`) is dropped
//!    when a verb follows it: the call's first argument already says it
//!    (`pg_order_fetch_refund(order_id, ..)` -> `fetch(order_id, ..)`).
//! 3. **Tag words.** Each word of the tag (`Payment Links`: `payment`,
//!    `links`) is dropped from the name, in singular or plural, except
//!    right after a preposition (`mark_for_settlement` keeps its
//!    `settlement`).
//! 4. If no word is left, the name after step 1 is kept.
//! 5. **Collisions** within a group: where names collide, an operation that
//!    lost a plural tag word is the collection one and gets `_all`
//!    (`pg_order_fetch_payments` -> `fetch_all` beside
//!    `pg_order_fetch_payment` -> `fetch`); names that still collide fall
//!    back to the flat name.
//!
//! So Cashfree's `PGCreateOrder` under `Orders` is `client.orders().create(..)`
//! and `PGOrderFetchRefund` under `Refunds` is
//! `client.refunds().fetch(order_id, refund_id)`.

use std::collections::{BTreeMap, BTreeSet};

use super::names::reserved::{CLIENT_METHODS, GROUP_METHODS};
use super::names::{self, NameAllocator};
use super::schema::TypeSpace;
use crate::diagnostics::Warnings;
use crate::model::{GroupMember, Operation, ParamLocation, RustName, Subgroup, TagGroup};

/// Fewer operations than this, and a shared first word says nothing.
pub const MIN_FOR_PREFIX: usize = 3;

/// First words that are verbs: never a vendor prefix.
const VERBS: &[&str] = &[
    "accept",
    "add",
    "authenticate",
    "authorize",
    "cancel",
    "capture",
    "check",
    "create",
    "delete",
    "download",
    "fetch",
    "find",
    "get",
    "list",
    "manage",
    "mark",
    "patch",
    "post",
    "put",
    "remove",
    "replace",
    "search",
    "set",
    "update",
    "upload",
];

/// Words after which a tag word is part of the meaning (`mark_for_settlement`).
const PREPOSITIONS: &[&str] = &[
    "at", "by", "for", "from", "in", "into", "of", "on", "to", "with",
];

/// One operation, as the grouping sees it.
struct Tagged<'a> {
    /// The flat Rust name.
    name: &'a str,
    /// Its tags, in spec order.
    tags: &'a [String],
    /// The resources its path parameters name, in snake case (`order` for
    /// `{order_id}`).
    parents: Vec<String>,
}

impl<'a> Tagged<'a> {
    fn new(operation: &'a Operation) -> Self {
        Self {
            name: operation.name.as_str(),
            tags: &operation.tags,
            parents: operation
                .params
                .iter()
                .filter(|param| param.location == ParamLocation::Path)
                .filter_map(|param| {
                    // The argument as the caller sees it (`order_id`).
                    param.name.word().strip_suffix("_id").map(str::to_owned)
                })
                .collect(),
        }
    }
}

/// Groups the lowered operations by tag; each group's type is named in
/// `types`, its docs come from the spec's `tags` list.
pub fn group_by_tag(
    operations: &[Operation],
    types: &mut TypeSpace<'_>,
    warnings: &mut Warnings,
) -> Vec<TagGroup> {
    let declared: BTreeMap<&str, DeclaredTag<'_>> = types
        .spec()
        .tags
        .iter()
        .map(|tag| (tag.name.as_str(), DeclaredTag::new(tag)))
        .collect();
    let operations: Vec<Tagged<'_>> = operations.iter().map(Tagged::new).collect();
    let mut by_tag: BTreeMap<&str, Vec<&Tagged<'_>>> = BTreeMap::new();
    for op in &operations {
        for tag in op.tags.iter().collect::<BTreeSet<_>>() {
            if !tag.trim().is_empty() {
                by_tag.entry(tag.as_str()).or_default().push(op);
            }
        }
    }
    if by_tag.is_empty() {
        return Vec::new();
    }
    // A declared parent tag (OpenAPI 3.2) of a group is a group too, if
    // only of its nested groups.
    let mut parents: Vec<&str> = by_tag.keys().copied().collect();
    while let Some(tag) = parents.pop() {
        let parent = declared.get(tag).and_then(|declared| declared.parent);
        if let Some(parent) = parent.filter(|parent| declared.contains_key(parent)) {
            if !by_tag.contains_key(parent) {
                by_tag.insert(parent, Vec::new());
                parents.push(parent);
            }
        }
    }
    let all_names: Vec<&str> = operations.iter().map(|op| op.name).collect();
    let spec_prefix = shared_prefix(&all_names);
    // Accessors are `Client` methods, beside the flat operations.
    let mut reserved: Vec<&str> = CLIENT_METHODS.to_vec();
    reserved.extend(all_names.iter().map(|name| names::unraw(name)));
    let mut accessors = NameAllocator::with_reserved(&reserved);
    // Accessors are handed out in sorted order of the tags' snake names, so
    // that renames do not depend on the order of the file.
    let mut tags: Vec<(String, &str)> = by_tag
        .keys()
        .map(|tag| (names::snake_name(tag), *tag))
        .collect();
    tags.sort();
    let mut groups = Vec::new();
    for (wanted, tag) in tags {
        let pointer = format!("#/tags/{}", tag.replace('~', "~0").replace('/', "~1"));
        let (accessor, renamed) = if accessors.is_taken(&wanted) {
            accessors.allocate(&format!("{}_ops", names::unraw(&wanted)))
        } else {
            accessors.allocate(&wanted)
        };
        if renamed || names::unraw(&accessor) != names::unraw(&wanted) {
            warnings.push(
                &pointer,
                format!("tag group named `{accessor}`: `{wanted}` is taken"),
            );
        }
        let type_name =
            types.allocate_type_name(&format!("{}Api", names::type_name(tag)), &pointer, warnings);
        let members = member_names(tag, &by_tag[tag], spec_prefix.as_deref());
        groups.push(TagGroup {
            tag: tag.to_owned(),
            accessor: RustName::new(accessor),
            type_name,
            docs: declared.get(tag).and_then(DeclaredTag::docs),
            members,
            subgroups: Vec::new(),
        });
    }
    nest_subgroups(&mut groups, &declared, warnings);
    groups.sort_by(|a, b| a.accessor.cmp(&b.accessor));
    groups
}

/// What the spec's `tags` list says of a tag.
struct DeclaredTag<'s> {
    summary: Option<&'s str>,
    description: Option<&'s str>,
    /// OpenAPI 3.2 `parent`: the tag this one is nested in.
    parent: Option<&'s str>,
}

impl<'s> DeclaredTag<'s> {
    fn new(tag: &'s openapiv3::Tag) -> Self {
        let extension = |name: &str| tag.extensions.get(name).and_then(serde_json::Value::as_str);
        Self {
            summary: extension(crate::loader_extensions::TAG_SUMMARY),
            description: tag.description.as_deref(),
            parent: extension(crate::loader_extensions::TAG_PARENT)
                .filter(|parent| *parent != tag.name.as_str()),
        }
    }

    /// The group's docs: the tag's summary (3.2), then its description.
    fn docs(&self) -> Option<String> {
        let paragraphs: Vec<&str> = [self.summary, self.description]
            .into_iter()
            .flatten()
            .filter(|text| !text.trim().is_empty())
            .collect();
        (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"))
    }
}

/// Gives each group whose tag has a `parent` group a method on that group
/// (`client.payments().refunds()`), named as on `Client` unless one of the
/// parent's methods has the name.
fn nest_subgroups(
    groups: &mut [TagGroup],
    declared: &BTreeMap<&str, DeclaredTag<'_>>,
    warnings: &mut Warnings,
) {
    let children: Vec<(usize, Subgroup)> = groups
        .iter()
        .filter_map(|group| {
            let parent = declared.get(group.tag.as_str())?.parent?;
            let index = groups.iter().position(|g| g.tag == parent)?;
            Some((
                index,
                Subgroup {
                    accessor: group.accessor.clone(),
                    type_name: group.type_name.clone(),
                    tag: group.tag.clone(),
                },
            ))
        })
        .collect();
    for (index, child) in children {
        let parent = &mut groups[index];
        let taken = GROUP_METHODS.contains(&names::unraw(child.accessor.as_str()))
            || parent.members.iter().any(|m| m.name == child.accessor)
            || parent
                .subgroups
                .iter()
                .any(|s| s.accessor == child.accessor);
        if taken {
            warnings.push(
                format!("#/tags/{}", child.tag.replace('~', "~0").replace('/', "~1")),
                format!(
                    "the tag `{}` is nested in `{}`, whose group already has a method `{}`: it is reached from `Client` only",
                    child.tag, parent.tag, child.accessor
                ),
            );
            continue;
        }
        parent.subgroups.push(child);
    }
    for group in groups.iter_mut() {
        group.subgroups.sort_by(|a, b| a.accessor.cmp(&b.accessor));
    }
}

/// The first word more than half of `names` start with, if there are
/// enough names and the word is not a verb.
fn shared_prefix(names: &[&str]) -> Option<String> {
    if names.len() < MIN_FOR_PREFIX {
        return None;
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in names {
        let words = words(name);
        // A one-word name has no prefix to drop.
        if words.len() > 1 {
            *counts.entry(words[0]).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .find(|(word, count)| count * 2 > names.len() && !VERBS.contains(word))
        .map(|(word, _)| word.to_owned())
}

fn words(name: &str) -> Vec<&str> {
    names::unraw(name)
        .split('_')
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `word` is `tag_word` in singular or plural; `Some(true)` when
/// `word` is the plural.
fn tag_form(word: &str, tag_word: &str) -> Option<bool> {
    let plural = |singular: &str| -> Vec<String> {
        let mut forms = vec![format!("{singular}s"), format!("{singular}es")];
        if let Some(stem) = singular.strip_suffix('y') {
            forms.push(format!("{stem}ies"));
        }
        forms
    };
    if word == tag_word {
        // The tag's own form: plural when the tag is the plural of a word.
        return Some(word.ends_with('s') && word.len() > 3);
    }
    if plural(tag_word).iter().any(|p| p == word) {
        return Some(true);
    }
    if plural(word).iter().any(|p| p == tag_word) {
        return Some(false);
    }
    None
}

/// The names of a group's operations (see the module's rule).
fn member_names(
    tag: &str,
    operations: &[&Tagged<'_>],
    spec_prefix: Option<&str>,
) -> Vec<GroupMember> {
    let flat_names: Vec<&str> = operations.iter().map(|op| op.name).collect();
    let group_prefix = shared_prefix(&flat_names);
    let tag_snake = names::snake_name(tag);
    let tag_words = words(&tag_snake);
    // (flat name, shortened name, whether a plural tag word was dropped)
    let mut candidates: Vec<(&str, String, bool)> = operations
        .iter()
        .map(|op| {
            let flat = op.name;
            let mut rest = words(flat);
            if rest.len() > 1
                && (Some(rest[0]) == spec_prefix || Some(rest[0]) == group_prefix.as_deref())
            {
                rest.remove(0);
            }
            if let [first, next, ..] = rest.as_slice() {
                if op.parents.iter().any(|parent| parent == first) && VERBS.contains(next) {
                    rest.remove(0);
                }
            }
            let mut kept = Vec::new();
            let mut dropped_plural = false;
            for (index, word) in rest.iter().enumerate() {
                let after_preposition = index > 0 && PREPOSITIONS.contains(&rest[index - 1]);
                let form = tag_words.iter().find_map(|t| tag_form(word, t));
                match form {
                    Some(plural) if !after_preposition => dropped_plural |= plural,
                    _ => kept.push(*word),
                }
            }
            let short = if kept.is_empty() {
                rest.join("_")
            } else {
                kept.join("_")
            };
            (flat, names::snake_name(&short), dropped_plural)
        })
        .collect();
    let count = |candidates: &[(&str, String, bool)], name: &str| {
        candidates.iter().filter(|c| c.1 == name).count()
    };
    // Collection operations take `_all` where they collide.
    let colliding: Vec<usize> = (0..candidates.len())
        .filter(|&i| count(&candidates, &candidates[i].1) > 1 && candidates[i].2)
        .collect();
    for i in colliding {
        candidates[i].1 = names::snake_name(&format!("{}_all", names::unraw(&candidates[i].1)));
    }
    let still: Vec<usize> = (0..candidates.len())
        .filter(|&i| {
            count(&candidates, &candidates[i].1) > 1
                || GROUP_METHODS.contains(&names::unraw(&candidates[i].1))
        })
        .collect();
    for i in still {
        candidates[i].1 = candidates[i].0.to_owned();
    }
    // A flat name can still meet another member's short name: the last
    // word is a suffix, handed out in order of the flat names.
    candidates.sort_by(|a, b| a.0.cmp(b.0));
    let mut taken = NameAllocator::with_reserved(GROUP_METHODS);
    let mut members: Vec<GroupMember> = candidates
        .into_iter()
        .map(|(flat, name, _)| GroupMember {
            name: RustName::new(taken.allocate(&name).0),
            operation: RustName::new(flat),
        })
        .collect();
    members.sort_by(|a, b| a.name.cmp(&b.name));
    members
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Operations with no path parameters.
    fn names_in(tag: &str, ops: &[&str], prefix: Option<&str>) -> Vec<(String, String)> {
        names_with_parents(
            tag,
            &ops.iter().map(|op| (*op, &[][..])).collect::<Vec<_>>(),
            prefix,
        )
    }

    fn names_with_parents(
        tag: &str,
        ops: &[(&str, &[&str])],
        prefix: Option<&str>,
    ) -> Vec<(String, String)> {
        let tags = [tag.to_owned()];
        let tagged: Vec<Tagged<'_>> = ops
            .iter()
            .map(|(name, parents)| Tagged {
                name,
                tags: &tags,
                parents: parents.iter().map(|p| (*p).to_owned()).collect(),
            })
            .collect();
        let refs: Vec<&Tagged<'_>> = tagged.iter().collect();
        member_names(tag, &refs, prefix)
            .into_iter()
            .map(|m| (m.operation.to_string(), m.name.to_string()))
            .collect()
    }

    #[test]
    fn plural_collections_take_all() {
        let names = names_in(
            "Refunds",
            &[
                "pg_order_fetch_refunds",
                "pg_order_create_refund",
                "pg_order_fetch_refund",
            ],
            Some("pg"),
        );
        assert_eq!(
            names,
            [
                ("pg_order_create_refund".into(), "order_create".into()),
                ("pg_order_fetch_refund".into(), "order_fetch".into()),
                ("pg_order_fetch_refunds".into(), "order_fetch_all".into()),
            ]
        );
    }

    #[test]
    fn a_parent_named_by_a_path_parameter_goes_before_a_verb() {
        let names = names_with_parents(
            "Refunds",
            &[
                ("pg_order_fetch_refunds", &["order"]),
                ("pg_order_create_refund", &["order"]),
                ("pg_order_fetch_refund", &["order", "refund"]),
            ],
            Some("pg"),
        );
        assert_eq!(
            names,
            [
                ("pg_order_create_refund".into(), "create".into()),
                ("pg_order_fetch_refund".into(), "fetch".into()),
                ("pg_order_fetch_refunds".into(), "fetch_all".into()),
            ]
        );
        // Not before a word that is not a verb: `static` alone says nothing.
        let names = names_with_parents(
            "Easy Split",
            &[("pg_order_static_split", &["order"])],
            Some("pg"),
        );
        assert_eq!(
            names,
            [("pg_order_static_split".into(), "order_static".into())]
        );
        // Not when no path parameter names it.
        let names = names_with_parents("Payments", &[("pg_order_fetch_payments", &[])], Some("pg"));
        assert_eq!(
            names,
            [("pg_order_fetch_payments".into(), "order_fetch".into())]
        );
    }

    #[test]
    fn verbs_are_not_prefixes() {
        assert_eq!(shared_prefix(&["get_pet", "get_user", "get_store"]), None);
        assert_eq!(
            shared_prefix(&["pg_a_b", "pg_c", "subs_d"]),
            Some("pg".into())
        );
        assert_eq!(shared_prefix(&["pg_a", "pg_b"]), None);
    }

    #[test]
    fn tag_words_after_prepositions_stay() {
        let names = names_in(
            "Settlements",
            &["pg_order_fetch_settlement", "mark_for_settlement"],
            Some("pg"),
        );
        assert_eq!(
            names,
            [
                ("mark_for_settlement".into(), "mark_for_settlement".into()),
                ("pg_order_fetch_settlement".into(), "order_fetch".into()),
            ]
        );
    }
}
