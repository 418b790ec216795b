//! The Rust forms the report shows: types, fields and inputs as the
//! emitter writes them.

use crate::emit::shape::{Passing, passing};
use crate::model::{Field, Operation, ParamLocation, Parameter, ResponseBody, TypeRef};

/// A type reference as Rust.
pub(super) fn rust(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::Decimal => "Decimal".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Date => "Date".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::JsonObject => "serde_json::Map<String, serde_json::Value>".to_owned(),
        TypeRef::File => "File".to_owned(),
        TypeRef::Named(name) => name.clone(),
        TypeRef::List(item) => format!("Vec<{}>", rust(item)),
        TypeRef::Boxed(inner) => format!("Box<{}>", rust(inner)),
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", rust(value)),
    }
}

/// The field's type as stored in the struct: a required field is `T`, an
/// optional or a nullable one `Option<T>`, and an optional nullable one
/// `Option<Option<T>>` (absent, `null` and a value are three things).
pub(super) fn stored(field: &Field) -> String {
    let ty = rust(&field.ty);
    match (field.required, field.nullable) {
        (true, false) => ty,
        (true, true) | (false, false) => format!("Option<{ty}>"),
        (false, true) => format!("Option<Option<{ty}>>"),
    }
}

/// How the method (or setter) takes an input of type `ty`: an optional
/// positional argument is an `Option`.
pub(super) fn taken(ty: String, required: bool) -> String {
    if required || passing(required) == Passing::Setter {
        ty
    } else {
        format!("Option<{ty}>")
    }
}

/// How a parameter is taken.
pub(super) fn param_type(param: &Parameter) -> String {
    let ty = match &param.ty {
        TypeRef::String => "&str".to_owned(),
        TypeRef::List(item) => format!("&[{}]", rust(item)),
        other => rust(other),
    };
    taken(ty, param.required)
}

pub(super) fn location(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

pub(super) fn success_type(op: &Operation) -> String {
    match &op.success {
        ResponseBody::Json(ty) => rust(ty),
        ResponseBody::Empty => "()".to_owned(),
        ResponseBody::Bytes => "Vec<u8>".to_owned(),
        ResponseBody::Text => "String".to_owned(),
    }
}

pub(super) fn error_type(op: &Operation) -> String {
    match &op.errors.type_name {
        Some(name) => name.clone(),
        None => "NoDeclaredErrors".to_owned(),
    }
}
