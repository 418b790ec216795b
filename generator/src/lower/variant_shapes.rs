//! How each `oneOf` variant looks in JSON, so that the generated decoder
//! can tell the variants apart.

use std::collections::BTreeMap;

use super::refs::MAX_DEPTH;
use crate::model::{TypeDef, TypeKind, TypeRef, VariantShape};

/// How a value of `ty` looks in JSON.
fn shape_of(ty: &TypeRef, types: &BTreeMap<String, TypeDef>, depth: usize) -> VariantShape {
    match ty {
        TypeRef::String | TypeRef::DateTime | TypeRef::Date => VariantShape::String,
        TypeRef::I32 | TypeRef::I64 => VariantShape::Integer,
        TypeRef::Decimal => VariantShape::Number,
        TypeRef::Bool => VariantShape::Bool,
        TypeRef::List(_) | TypeRef::Tuple(_) => VariantShape::Array,
        TypeRef::Map(_) | TypeRef::JsonObject => VariantShape::Object {
            required: Vec::new(),
            properties: Vec::new(),
        },
        TypeRef::Json | TypeRef::File => VariantShape::Any,
        TypeRef::Boxed(inner) => shape_of(inner, types, depth),
        TypeRef::Named(name) if depth < MAX_DEPTH => match types.get(name).map(|def| &def.kind) {
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
pub fn fill_variant_shapes(types: &mut BTreeMap<String, TypeDef>) {
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
