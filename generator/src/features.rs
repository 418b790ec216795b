//! Stage 2c: a Cargo feature per tag group, for standalone crates. A
//! service that calls the orders operations turns on `orders` and compiles
//! those operations and the types they reach, not the other tags'.
//!
//! Each operation is compiled by the features of its tags (the operations
//! without a tag by `untagged`), each group by its tag's, the `webhooks`
//! module by `webhooks`, and each type by every feature whose operations
//! (or webhooks) reach it. A type nothing reaches is compiled by `full`,
//! the default, which turns every feature on.

use std::collections::{BTreeMap, BTreeSet};

use crate::lower::names::unraw;
use crate::model::{Api, FULL_FEATURE, Feature, Features};

/// Names a tag's feature cannot take: Cargo's, the crate's own.
const TAKEN: &[&str] = &[
    "default",
    FULL_FEATURE,
    crate::conventions::TEST_UTIL_FEATURE,
    WEBHOOKS_FEATURE,
    UNTAGGED_FEATURE,
];

/// The feature of the webhooks module.
const WEBHOOKS_FEATURE: &str = "webhooks";

/// The feature of the operations without a tag.
const UNTAGGED_FEATURE: &str = "untagged";

/// The features of `api`; `None` when it has no tags (a feature per tag
/// needs tags; everything is then always compiled).
pub fn assign(api: &Api) -> Option<Features> {
    if api.tag_groups.is_empty() {
        return None;
    }
    let mut taken: BTreeSet<String> = TAKEN.iter().map(|&name| name.to_owned()).collect();
    // Tag group type name -> feature name.
    let mut group_feature: BTreeMap<&str, String> = BTreeMap::new();
    for group in &api.tag_groups {
        let natural = unraw(group.accessor.as_str()).replace('_', "-");
        let mut name = if taken.contains(&natural) {
            format!("tag-{natural}")
        } else {
            natural
        };
        let stem = name.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{stem}-{n}");
            n += 1;
        }
        taken.insert(name.clone());
        group_feature.insert(group.type_name.as_str(), name);
    }
    let mut features = Features::default();
    for group in &api.tag_groups {
        let name = group_feature[group.type_name.as_str()].clone();
        let enables = group
            .subgroups
            .iter()
            .filter_map(|sub| group_feature.get(sub.type_name.as_str()).cloned())
            .collect();
        features.features.push(Feature {
            docs: format!("The `{}` operations.", group.tag),
            name: name.clone(),
            enables,
        });
        features.groups.insert(group.type_name.clone(), vec![name]);
    }
    for op in &api.operations {
        let mut of_op: Vec<String> = api
            .tag_groups
            .iter()
            .filter(|group| group.members.iter().any(|m| m.operation == op.name))
            .map(|group| group_feature[group.type_name.as_str()].clone())
            .collect();
        if of_op.is_empty() {
            of_op.push(UNTAGGED_FEATURE.to_owned());
        }
        of_op.sort();
        of_op.dedup();
        features.operations.insert(op.name.to_string(), of_op);
    }
    if features
        .operations
        .values()
        .any(|of| of.iter().any(|f| f == UNTAGGED_FEATURE))
    {
        features.features.push(Feature {
            name: UNTAGGED_FEATURE.to_owned(),
            docs: "The operations without a tag.".to_owned(),
            enables: Vec::new(),
        });
    }
    if !api.webhooks.is_empty() {
        features.features.push(Feature {
            name: WEBHOOKS_FEATURE.to_owned(),
            docs: "The `webhooks` module: the events the API sends, parsed and verified."
                .to_owned(),
            enables: Vec::new(),
        });
        features.webhooks = Some(WEBHOOKS_FEATURE.to_owned());
    }
    features.features.sort_by(|a, b| a.name.cmp(&b.name));
    // Each type: the features whose operations or webhooks reach it.
    let mut type_features: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for feature in &features.features {
        let reached = if feature.name == WEBHOOKS_FEATURE {
            api.types_reached_from([], &api.webhooks)
        } else {
            let ops = api
                .operations
                .iter()
                .filter(|op| features.operations[op.name.as_str()].contains(&feature.name));
            api.types_reached_from(ops, [])
        };
        for name in reached {
            type_features
                .entry(name)
                .or_default()
                .insert(feature.name.clone());
        }
    }
    for name in api.types.keys() {
        let of_type = type_features.remove(name).map_or_else(
            || vec![FULL_FEATURE.to_owned()],
            |set| set.into_iter().collect(),
        );
        features.types.insert(name.clone(), of_type);
    }
    Some(features)
}
