//! Lowering decisions, asserted on the model rather than on generated text:
//! one file per area, the helpers here.

mod cashfree;
mod composition;
mod examples;
mod flowwise;
mod naming;

use generator::load::load_str;
use generator::lower::lower;
use generator::model::{
    Api, BodyKind, ParamLocation, ResponseBody, RustName, SchemeKind, SchemeName, TypeKind, TypeRef,
};

pub(crate) fn lower_yaml(yaml: &str) -> Api {
    lower(&load_str(yaml, None).expect("spec loads").openapi)
}

pub(crate) fn flowwise() -> Api {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/flowwise.yaml");
    lower(
        &generator::load::load_file(std::path::Path::new(path))
            .expect("loads")
            .openapi,
    )
}

/// Asserts a warning at a pointer ending in `at` whose message says `says`.
pub(crate) fn assert_warned(api: &Api, at: &str, says: &str) {
    assert!(
        api.warnings
            .iter()
            .any(|w| w.pointer.ends_with(at) && w.message.contains(says)),
        "no warning at …{at} saying {says:?}: {:#?}",
        api.warnings
    );
}

pub(crate) fn fields(api: &Api, type_name: &str) -> Vec<(String, TypeRef, bool)> {
    match &api.types[type_name].kind {
        TypeKind::Struct(object) => object
            .fields
            .iter()
            .map(|f| (f.name.to_string(), f.ty.clone(), f.required))
            .collect(),
        other => panic!("{type_name} is {other:?}"),
    }
}
