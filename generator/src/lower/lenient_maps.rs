//! Map fields that also accept `[]`.

use std::collections::BTreeMap;

use super::refs::MAX_DEPTH;
use crate::model::{TypeDef, TypeKind, TypeRef};

/// Whether a value of `ty` is a map, looking through aliases.
fn is_map(ty: &TypeRef, types: &BTreeMap<String, TypeDef>, depth: usize) -> bool {
    match ty {
        TypeRef::Map(_) => true,
        TypeRef::Named(name) if depth < MAX_DEPTH => match types.get(name).map(|def| &def.kind) {
            Some(TypeKind::Alias(target)) => is_map(target, types, depth + 1),
            _ => false,
        },
        _ => false,
    }
}

/// Map fields accept `[]` as an empty map (what PHP's `json_encode` makes of
/// an empty array): unambiguous, and real servers send it.
pub fn mark_lenient_maps(types: &mut BTreeMap<String, TypeDef>) {
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
