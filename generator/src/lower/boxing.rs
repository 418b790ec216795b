//! Boxing: types that contain each other by value would be infinitely
//! large, so every field or variant on such a cycle holds its value in a
//! `Box`.

use std::collections::BTreeMap;

use super::strongly_connected;
use crate::model::{TypeDef, TypeKind, TypeRef};

/// The named type a value of `ty` contains directly (not behind a `Vec`,
/// map or `Box`), if any.
fn held_by_value(ty: &TypeRef) -> Vec<&str> {
    match ty {
        TypeRef::Named(name) => vec![name],
        // A tuple holds each of its items by value.
        TypeRef::Tuple(items) => items.iter().flat_map(held_by_value).collect(),
        _ => Vec::new(),
    }
}

/// The types a named type holds by value.
fn by_value_edges(def: &TypeDef) -> Vec<&str> {
    match &def.kind {
        TypeKind::Struct(object) => object
            .fields
            .iter()
            .flat_map(|f| held_by_value(&f.ty))
            .collect(),
        TypeKind::OneOf(one_of) => one_of
            .variants
            .iter()
            .flat_map(|v| held_by_value(&v.ty))
            .collect(),
        TypeKind::Alias(target) => held_by_value(target),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// The strongly connected component of each type in the graph of by-value
/// edges. A by-value edge from `a` to `b` closes a cycle
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
    let component = strongly_connected::components(&edges);
    index_of
        .into_iter()
        .map(|(name, index)| (name, component[index]))
        .collect()
}

/// Types that contain each other by value would be infinitely large: every
/// field or variant on such a cycle holds its value in a `Box`.
pub fn box_cycles(types: &mut BTreeMap<String, TypeDef>) {
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
                .into_iter()
                .filter_map(|target| component_of.get(target))
                .any(|target| Some(target) == own);
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
