//! Stage 2b: the part of an API a user selects (operations by tag,
//! `operationId` or `METHOD /path`, webhooks by name), and the model cut
//! down to it and exactly the types it reaches. A payments service that
//! calls five operations of a 400-operation API compiles five.
//!
//! Names are those of the whole API: the cut happens after lowering, so a
//! selection's types, operations and setters are named as the whole
//! client's are, and code written against a selection compiles unchanged
//! against the whole client (or a wider selection).

use std::collections::{BTreeMap, BTreeSet};

use crate::lower::names::snake_name;
use crate::model::{Api, CredentialSet, Operation, TagGroup};
pub use crate::selector::{ALL_WEBHOOKS, Selector, Unmatched};

/// What to generate of an API. Empty (the default): all of it. Otherwise
/// the operations any selector names, the webhooks named, and the types
/// they reach; nothing else is emitted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    selectors: Vec<Selector>,
}

/// An API cut down to a selection.
#[derive(Debug)]
pub struct Cut {
    /// What is left.
    pub api: Api,
    /// The selectors that matched nothing, in the order given.
    pub unmatched: Vec<Unmatched>,
}

impl Selection {
    /// Everything: no selector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the operations of a tag (see [`Selector::Tag`]).
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.selectors.push(Selector::Tag(tag.into()));
        self
    }

    /// Adds one operation, by `operationId`, method name or `METHOD /path`
    /// (see [`Selector::operation`]).
    pub fn operation(mut self, operation: &str) -> Self {
        self.selectors.push(Selector::operation(operation));
        self
    }

    /// Adds the operations on a path and under it (see [`Selector::Path`]).
    pub fn path(mut self, prefix: impl Into<String>) -> Self {
        self.selectors.push(Selector::Path(prefix.into()));
        self
    }

    /// Adds a webhook by its name in the spec ([`ALL_WEBHOOKS`]: all).
    pub fn webhook(mut self, name: impl Into<String>) -> Self {
        self.selectors.push(Selector::Webhook(name.into()));
        self
    }

    /// Adds a selector.
    pub fn push(&mut self, selector: Selector) {
        self.selectors.push(selector);
    }

    /// The selectors, in the order given.
    pub fn selectors(&self) -> &[Selector] {
        &self.selectors
    }

    /// Whether this selects the whole API.
    pub fn is_everything(&self) -> bool {
        self.selectors.is_empty()
    }

    /// Cuts `api` down to what is selected and the types it reaches. The
    /// selectors that match nothing are returned, not refused: whether
    /// that is an error is the caller's call (generation refuses it; a
    /// diff accepts a selector that matches on one side only).
    pub fn cut(&self, mut api: Api) -> Cut {
        if self.is_everything() {
            return Cut {
                api,
                unmatched: Vec::new(),
            };
        }
        api.selection = self.selectors.iter().map(ToString::to_string).collect();
        let tags = TagTree::new(&api.tag_groups);
        let mut unmatched = Vec::new();
        let mut keep_operation = vec![false; api.operations.len()];
        let mut keep_webhook = vec![false; api.webhooks.len()];
        for selector in &self.selectors {
            let mut matched = false;
            if let Selector::Webhook(name) = selector {
                for (keep, webhook) in keep_webhook.iter_mut().zip(&api.webhooks) {
                    if name == ALL_WEBHOOKS || &webhook.name == name {
                        *keep = true;
                        matched = true;
                    }
                }
            } else {
                for (keep, op) in keep_operation.iter_mut().zip(&api.operations) {
                    if matches_operation(selector, op, &tags) {
                        *keep = true;
                        matched = true;
                    }
                }
            }
            if !matched {
                unmatched.push(Unmatched {
                    selector: selector.clone(),
                    hint: hint(selector, &api),
                });
            }
        }
        // Pointers of what goes, for dropping the warnings about it.
        let mut pointers = Pointers::default();
        api.operations =
            pointers.split(std::mem::take(&mut api.operations), keep_operation, |op| {
                &op.pointer
            });
        api.webhooks = pointers.split(std::mem::take(&mut api.webhooks), keep_webhook, |webhook| {
            &webhook.pointer
        });
        let reached = api.types_reached_from(api.operations.iter(), api.webhooks.iter());
        let types = std::mem::take(&mut api.types);
        let keep_type: Vec<bool> = types.keys().map(|name| reached.contains(name)).collect();
        api.types = pointers
            .split(types.into_iter().collect(), keep_type, |(_, def)| {
                &def.pointer
            })
            .into_iter()
            .collect();
        api.tag_groups = cut_groups(std::mem::take(&mut api.tag_groups), &api.operations);
        cut_security(&mut api);
        api.warnings
            .retain(|warning| keeps_warning(&warning.pointer, &pointers.kept, &pointers.dropped));
        Cut { api, unmatched }
    }
}

/// The JSON pointers of the items a cut kept and of those it dropped.
#[derive(Default)]
struct Pointers {
    kept: Vec<String>,
    dropped: Vec<String>,
}

impl Pointers {
    /// The items whose `keep` is true, noting each item's pointer as kept
    /// or dropped.
    fn split<T>(
        &mut self,
        items: Vec<T>,
        keep: Vec<bool>,
        pointer: impl Fn(&T) -> &String,
    ) -> Vec<T> {
        let mut kept = Vec::new();
        for (item, keep) in items.into_iter().zip(keep) {
            if keep {
                self.kept.push(pointer(&item).clone());
                kept.push(item);
            } else {
                self.dropped.push(pointer(&item).clone());
            }
        }
        kept
    }
}

/// Leaves only the types: no operations, groups, webhooks, credentials or
/// servers, and no warnings about what went (a type's own stay).
pub(crate) fn keep_types_only(api: &mut Api) {
    let kept: Vec<String> = api.types.values().map(|def| def.pointer.clone()).collect();
    let dropped: Vec<String> = api
        .operations
        .iter()
        .map(|op| op.pointer.clone())
        .chain(api.webhooks.iter().map(|webhook| webhook.pointer.clone()))
        .collect();
    api.warnings
        .retain(|warning| keeps_warning(&warning.pointer, &kept, &dropped));
    api.operations.clear();
    api.tag_groups.clear();
    api.webhooks.clear();
    api.security_schemes.clear();
    api.security_left_to_deployment = false;
    api.credential_sets.clear();
    api.servers.clear();
    api.webhook_signature = None;
    api.types_only = true;
}

/// Each tag's spec name, and the tags nested under it (3.2 `parent`),
/// transitively.
struct TagTree {
    descendants: BTreeMap<String, BTreeSet<String>>,
}

impl TagTree {
    fn new(groups: &[TagGroup]) -> Self {
        let children: BTreeMap<&str, Vec<&str>> = groups
            .iter()
            .map(|group| {
                let nested = group.subgroups.iter().map(|sub| sub.tag.as_str()).collect();
                (group.tag.as_str(), nested)
            })
            .collect();
        let mut descendants = BTreeMap::new();
        for group in groups {
            let mut found = BTreeSet::new();
            let mut pending: Vec<&str> = vec![group.tag.as_str()];
            while let Some(tag) = pending.pop() {
                if found.insert(tag.to_owned()) {
                    pending.extend(children.get(tag).into_iter().flatten());
                }
            }
            descendants.insert(group.tag.clone(), found);
        }
        Self { descendants }
    }

    /// Whether `selected` (as a user writes it) names `tag` or a tag it
    /// is nested under.
    fn covers(&self, selected: &str, tag: &str) -> bool {
        let selected_key = tag_key(selected);
        if tag_key(tag) == selected_key {
            return true;
        }
        self.descendants.iter().any(|(parent, nested)| {
            tag_key(parent) == selected_key && nested.iter().any(|t| t == tag)
        })
    }
}

/// A tag as compared: its snake-case form, so that `Payment Links`,
/// `payment-links` and `payment_links` are the same tag.
fn tag_key(tag: &str) -> String {
    crate::lower::names::unraw(&snake_name(tag)).to_owned()
}

/// A path template as compared: the names in braces left out.
fn route_key(path: &str) -> String {
    let mut key = String::with_capacity(path.len());
    let mut in_braces = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_braces = true;
                key.push('{');
            }
            '}' => {
                in_braces = false;
                key.push('}');
            }
            _ if in_braces => {}
            _ => key.push(c),
        }
    }
    key
}

fn matches_operation(selector: &Selector, op: &Operation, tags: &TagTree) -> bool {
    match selector {
        Selector::Tag(selected) => op.tags.iter().any(|tag| tags.covers(selected, tag)),
        Selector::Operation(id) => {
            op.operation_id.as_deref() == Some(id.as_str()) || op.name.word() == id
        }
        Selector::Route { method, path } => {
            op.method.as_str().eq_ignore_ascii_case(method)
                && route_key(op.path.as_str()) == route_key(path)
        }
        Selector::Path(prefix) => under_path(op.path.as_str(), prefix),
        Selector::Webhook(_) => false,
    }
}

/// Whether `path` is `prefix` or under it, segment by segment.
fn under_path(path: &str, prefix: &str) -> bool {
    let (path, prefix) = (route_key(path), route_key(prefix));
    let prefix = prefix.trim_end_matches('/');
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// What the API offers in place of a selector that matched nothing.
fn hint(selector: &Selector, api: &Api) -> String {
    match selector {
        Selector::Tag(_) => {
            let tags: BTreeSet<&str> = api
                .operations
                .iter()
                .flat_map(|op| op.tags.iter().map(String::as_str))
                .collect();
            if tags.is_empty() {
                "no operation has a tag".to_owned()
            } else {
                format!("the tags are {}", listing(tags.iter().copied()))
            }
        }
        Selector::Operation(id) => {
            let candidates = api.operations.iter().flat_map(|op| {
                op.operation_id
                    .as_deref()
                    .into_iter()
                    .chain([op.name.word()])
            });
            let close = closest(id, candidates);
            if close.is_empty() {
                format!(
                    "no operationId or method name is `{id}` or close to it ({} operations)",
                    api.operations.len()
                )
            } else {
                format!("did you mean {}?", listing(close))
            }
        }
        Selector::Route { path, .. } => {
            let on_path: Vec<&str> = api
                .operations
                .iter()
                .filter(|op| route_key(op.path.as_str()) == route_key(path))
                .map(|op| op.method.as_str())
                .collect();
            if on_path.is_empty() {
                format!("no path template is `{path}`")
            } else {
                format!("`{path}` has {}", listing(on_path))
            }
        }
        Selector::Path(prefix) => {
            // Paths cut to as many segments as the prefix has, to compare
            // like with like.
            let depth = prefix.split('/').count();
            let cut: BTreeSet<String> = api
                .operations
                .iter()
                .map(|op| {
                    let segments: Vec<&str> = op.path.as_str().split('/').take(depth).collect();
                    segments.join("/")
                })
                .collect();
            let close = closest(prefix, cut.iter().map(String::as_str));
            if close.is_empty() {
                format!("no path is `{prefix}` or under it, or close to it")
            } else {
                format!("did you mean {}?", listing(close))
            }
        }
        Selector::Webhook(_) => {
            if api.webhooks.is_empty() {
                "the API declares no webhooks".to_owned()
            } else {
                format!(
                    "the webhooks are {}",
                    listing(api.webhooks.iter().map(|w| w.name.as_str()))
                )
            }
        }
    }
}

/// The names most like `wanted` (case aside), best first: at most five,
/// each at least half alike, or containing it.
fn closest<'a>(wanted: &str, names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    const SHOWN: usize = 5;
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = names
        .into_iter()
        .filter_map(|name| {
            let lower = name.to_lowercase();
            let score = if lower.contains(&wanted) {
                1.0
            } else {
                strsim::normalized_damerau_levenshtein(&wanted, &lower)
            };
            (score >= 0.5).then_some((score, name))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let mut shown: Vec<&str> = Vec::new();
    for (_, name) in scored {
        if !shown.contains(&name) && shown.len() < SHOWN {
            shown.push(name);
        }
    }
    shown
}

/// Up to ten names, quoted, then how many more.
fn listing<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 10;
    let names: Vec<&str> = names.into_iter().collect();
    let mut text = names
        .iter()
        .take(SHOWN)
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// The groups with kept operations, or with nested groups that have some;
/// each with only its kept members and nested groups.
fn cut_groups(groups: Vec<TagGroup>, operations: &[Operation]) -> Vec<TagGroup> {
    let kept: BTreeSet<&str> = operations.iter().map(|op| op.name.word()).collect();
    let mut groups: Vec<TagGroup> = groups
        .into_iter()
        .map(|mut group| {
            group
                .members
                .retain(|member| kept.contains(member.operation.word()));
            group
        })
        .collect();
    // Leaves first: a group emptied of members goes unless a nested group
    // stays; repeat until nothing more goes.
    loop {
        let live: BTreeSet<String> = groups
            .iter()
            .filter(|group| !group.members.is_empty() || !group.subgroups.is_empty())
            .map(|group| group.type_name.clone())
            .collect();
        let before = groups.len();
        groups.retain(|group| live.contains(&group.type_name));
        let mut changed = groups.len() != before;
        for group in &mut groups {
            let nested = group.subgroups.len();
            group.subgroups.retain(|sub| live.contains(&sub.type_name));
            changed |= group.subgroups.len() != nested;
        }
        if !changed {
            return groups;
        }
    }
}

/// The security schemes the kept operations name, and the credential
/// sets they accept, recounted. Where authentication is left to the
/// deployment, every operation accepts every scheme: all stay.
fn cut_security(api: &mut Api) {
    let used: BTreeSet<_> = api
        .operations
        .iter()
        .flat_map(|op| op.security.iter().flatten())
        .cloned()
        .collect();
    api.security_schemes
        .retain(|scheme| used.contains(&scheme.name));
    let operations = &api.operations;
    let sets = std::mem::take(&mut api.credential_sets);
    api.credential_sets = sets
        .into_iter()
        .filter_map(|set| {
            let count = operations
                .iter()
                .filter(|op| op.security.contains(&set.schemes))
                .count();
            (count > 0).then_some(CredentialSet {
                operations: count,
                ..set
            })
        })
        .collect();
}

/// Whether a warning concerns what stays: it is about a kept item, or
/// about no item that went (the spec as a whole, a server, a scheme).
fn keeps_warning(warning: &str, kept: &[String], dropped: &[String]) -> bool {
    let under = |pointer: &String| {
        warning == pointer
            || warning
                .strip_prefix(pointer.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    };
    kept.iter().any(under) || !dropped.iter().any(under)
}
