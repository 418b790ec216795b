//! Stage 2: lower the typed spec into [`crate::model::Api`]. Every decision
//! (names, optionality, number types, which statuses are errors) is made here.
//!
//! This module only orders the passes: schemes first (operations refer to
//! them), then the operations, which name and define the types they use,
//! then the passes over what was lowered (tag groups, credential sets,
//! boxing, variant shapes, lenient maps, examples).

mod boxing;
pub mod examples;
mod groups;
mod header_name;
mod lenient_maps;
pub mod names;
mod operation_names;
mod operations;
mod refs;
mod schema;
mod security;
mod servers;
mod strongly_connected;
mod variant_shapes;
pub mod webhooks;

use openapiv3::OpenAPI;

use crate::diagnostics::Warnings;
use crate::model::Api;
use schema::TypeSpace;

/// Lowers a spec into the model.
pub fn lower(spec: &OpenAPI) -> Api {
    let mut warnings = Warnings::default();
    let mut types = TypeSpace::new(spec, &mut warnings);
    let security_schemes = security::lower_security_schemes(spec, &mut warnings);
    let mut operations = operations::lower_operations(&mut types, &security_schemes, &mut warnings);
    let security_left_to_deployment =
        security::leave_to_deployment(&mut operations, &security_schemes);
    let tag_groups = groups::group_by_tag(&operations, &mut types, &mut warnings);
    let credential_sets = security::credential_sets(&operations, &security_schemes, &mut warnings);
    let servers = servers::lower_servers(spec, &mut warnings);
    let webhooks = webhooks::lower_webhooks(&mut types, &mut warnings);
    let webhook_signature = webhooks::signature_scheme(spec, &mut warnings);
    let mut types = types.into_types();
    boxing::box_cycles(&mut types);
    variant_shapes::fill_variant_shapes(&mut types);
    lenient_maps::mark_lenient_maps(&mut types);
    examples::attach_examples(&examples::ExampleRefs::new(spec), &mut types, &mut warnings);
    Api {
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        description: spec.info.description.clone(),
        types,
        operations,
        tag_groups,
        security_schemes,
        security_left_to_deployment,
        credential_sets,
        servers,
        webhooks,
        webhook_signature,
        warnings: warnings.into_sorted(),
        doc_path: None,
        selection: Vec::new(),
        types_only: false,
        features: None,
    }
}
