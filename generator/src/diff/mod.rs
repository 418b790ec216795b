//! What a spec change does to the generated crate's Rust API, and the
//! semver bump that follows.
//!
//! Both specs are lowered to [`Api`] and compared item by item, by Rust name
//! (a renamed schema is a removed type and an added one). Each rule answers
//! one question: does code written against the crate generated from the old
//! spec still compile, and mean the same, against the crate generated from
//! the new one? If some such code stops compiling, the change is
//! [`Impact::Breaking`]; new API that old code cannot notice is an
//! [`Impact::Addition`]; a change the Rust API does not show (a URL, a wire
//! name, a decoding order) is [`Impact::Compatible`]. Descriptions, summaries
//! and examples never count (they only set [`Report::docs_changed`]).
//!
//! The rules rest on how the emitter shapes the API (see `emit`):
//!
//! - a struct is `#[non_exhaustive]` with `pub` fields, built with
//!   `new(required fields, in `required` order)` and `with_<field>` setters
//!   for the optional ones; a required field is `T`, an optional or nullable
//!   one `Option<T>`; a struct whose fields are all optional derives `Default`;
//! - a string enum has a variant per value plus `Unknown(String)`;
//! - a `oneOf`/`anyOf` is an enum with one variant per alternative;
//! - an alias is `pub type X = T;`;
//! - an operation is `Client::<name>(&self, required params…, [body])`
//!   returning a call builder (`<Name>Call`) with a setter per optional
//!   parameter, awaited for `Result<Response<Success>, Error<OpError>>`; its
//!   error enum has one variant per declared status;
//! - each security scheme is a `ClientBuilder` setter, each server an
//!   `Environment` variant (the first one the default);
//! - each webhook is a variant of the `#[non_exhaustive]`
//!   `webhooks::WebhookEvent`, holding its payload.
//!
//! Which of those enums are `#[non_exhaustive]`, and how parameters are
//! passed, are the constants and the `passing` function below; a unit test
//! checks them against the emitter's output.

mod client;
mod collector;
mod errors;
mod operations;
mod rendering;
mod report;
#[cfg(test)]
mod tests;
mod types;
mod webhooks;

use std::path::Path;

use crate::diagnostics::Error;
use crate::model::Api;
use collector::Collector;

pub use report::{Bump, Change, ChangeKind, Impact, Report, Subject, Verdict};

pub use crate::emit::shape::{
    ENVIRONMENT_NON_EXHAUSTIVE, ERROR_ENUMS_NON_EXHAUSTIVE, ONE_OF_NON_EXHAUSTIVE,
    OPTIONAL_PARAMS_AS_SETTERS, STRING_ENUMS_NON_EXHAUSTIVE,
};
/// Loads, lowers and compares two spec files.
pub fn diff_files(old: &Path, new: &Path) -> Result<Report, Error> {
    // A broken spec is refused here as it is by generation: what it would
    // generate is a guess, and so would be a diff of it.
    let generator = crate::Generator::new("api");
    let old = generator.lower(&crate::load::load_file(old)?)?;
    let new = generator.lower(&crate::load::load_file(new)?)?;
    Ok(diff(&old, &new))
}

/// [`diff_files`] of a selection of each spec (see
/// [`crate::Generator::select`]): what a crate generated with that
/// selection gains and loses. A selector must match in one of the two
/// specs (an operation added or removed matches in one only).
pub fn diff_selected_files(
    old: &Path,
    new: &Path,
    selection: &crate::selection::Selection,
) -> Result<Report, Error> {
    if selection.is_everything() {
        return diff_files(old, new);
    }
    let generator = crate::Generator::new("api");
    let new_spec = crate::load::load_file(new)?;
    let old = selection.cut(generator.lower(&crate::load::load_file(old)?)?);
    let new = selection.cut(generator.lower(&new_spec)?);
    let unmatched: Vec<_> = old
        .unmatched
        .into_iter()
        .filter(|missing| new.unmatched.iter().any(|m| m.selector == missing.selector))
        .collect();
    if !unmatched.is_empty() {
        return Err(Error::Selection(Box::new(
            crate::diagnostics::SelectionError {
                source: new_spec.source,
                unmatched,
            },
        )));
    }
    Ok(diff(&old.api, &new.api))
}

/// Compares two lowered APIs.
pub fn diff(old: &Api, new: &Api) -> Report {
    let mut c = Collector::default();
    c.docs(&old.title, &new.title);
    c.docs(&old.version, &new.version);
    c.docs(&old.description, &new.description);
    types::compare_types(&mut c, &old.types, &new.types);
    operations::compare_operations(&mut c, &old.operations, &new.operations);
    client::compare_schemes(&mut c, &old.security_schemes, &new.security_schemes);
    client::compare_token_setters(&mut c, &old.security_schemes, &new.security_schemes);
    client::compare_group_calls(&mut c, old, new);
    client::compare_credential_sets(&mut c, old, new);
    client::compare_servers(&mut c, &old.servers, &new.servers);
    webhooks::compare_webhooks(&mut c, old, new);
    let mut changes = c.changes;
    changes.sort();
    changes.dedup();
    Report {
        title: new.title.clone(),
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        changes,
        docs_changed: c.docs_changed,
    }
}
