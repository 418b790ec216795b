//! The Rust forms the report shows: types, fields and inputs as the
//! emitter writes them. Each is the emitter's own tokens, printed the way
//! a reader writes Rust (`Vec<Decimal>`, not `Vec < runtime :: Decimal >`):
//! the report cannot drift from the code it describes.

use proc_macro2::TokenStream;

use crate::emit::operations::{body_arg_type, borrowed_type, result_types};
use crate::emit::shape::{Passing, passing};
use crate::emit::types::{stored_type, type_tokens};
use crate::model::{BodyKind, Field, Operation, ParamLocation, Parameter, TypeRef};

/// Paths the generated module has in scope, left out of the report as a
/// reader of the generated docs sees them.
const IN_SCOPE_PATHS: [&str; 2] = ["runtime::", "std::collections::"];

/// Tokens as a person writes them: no spaces inside paths and generics,
/// one after a comma, lifetimes left out (the report shows what a caller
/// passes, not how long it is borrowed).
fn shown(tokens: &TokenStream) -> String {
    let mut text = tokens.to_string();
    for (spaced, tight) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" ::", "::"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        ("& ", "&"),
        (" ,", ","),
        ("[ ", "["),
        (" ]", "]"),
        ("( ", "("),
        (" )", ")"),
        ("'a ", ""),
    ] {
        text = text.replace(spaced, tight);
    }
    for path in IN_SCOPE_PATHS {
        text = text.replace(path, "");
    }
    text
}

/// A type reference as Rust.
pub(super) fn rust(ty: &TypeRef) -> String {
    shown(&type_tokens(ty))
}

/// The field's type as stored in the struct: a required field is `T`, an
/// optional or a nullable one `Option<T>`, and an optional nullable one
/// `Option<Option<T>>` (absent, `null` and a value are three things).
pub(super) fn stored(field: &Field) -> String {
    shown(&stored_type(field))
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
    taken(shown(&borrowed_type(&param.ty)), param.required)
}

/// How a request body is taken (before optionality): how it is encoded
/// (JSON, form, multipart) is not part of the Rust API; what the caller
/// passes is.
pub(super) fn body_type(kind: &BodyKind) -> String {
    shown(&body_arg_type(kind))
}

pub(super) fn location(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
        ParamLocation::QueryString => "query string",
    }
}

pub(super) fn success_type(op: &Operation) -> String {
    shown(&result_types(op).0)
}

pub(super) fn error_type(op: &Operation) -> String {
    shown(&result_types(op).1)
}

#[cfg(test)]
mod tests {
    use super::rust;
    use crate::model::TypeRef;

    #[test]
    fn types_read_as_a_person_writes_them() {
        let cases = [
            (TypeRef::Decimal, "Decimal"),
            (
                TypeRef::JsonObject,
                "serde_json::Map<String, serde_json::Value>",
            ),
            (TypeRef::List(Box::new(TypeRef::File)), "Vec<File>"),
            (
                TypeRef::Map(Box::new(TypeRef::Boxed(Box::new(TypeRef::Named(
                    "Order".into(),
                ))))),
                "BTreeMap<String, Box<Order>>",
            ),
            (
                TypeRef::List(Box::new(TypeRef::List(Box::new(TypeRef::DateTime)))),
                "Vec<Vec<DateTime>>",
            ),
        ];
        for (ty, shown) in cases {
            assert_eq!(rust(&ty), shown);
        }
    }
}
