//! The public shape of generated code, as facts: which enums are
//! `#[non_exhaustive]` and how an operation's inputs are passed. The emitter
//! prints by these; the breaking-change comparison (`diff`) judges by the
//! same values, so the two cannot drift apart.

use proc_macro2::TokenStream;
use quote::quote;

/// String enums are `#[non_exhaustive]` (and have an `Unknown` variant): a
/// new value is not breaking.
pub const STRING_ENUMS_NON_EXHAUSTIVE: bool = true;
/// Error enums are `#[non_exhaustive]`: a new declared status is not breaking.
pub const ERROR_ENUMS_NON_EXHAUSTIVE: bool = true;
/// `oneOf` enums are exhaustive: callers match every alternative.
pub const ONE_OF_NON_EXHAUSTIVE: bool = false;
/// `Environment` is exhaustive: a removed or added server is a change users
/// see at compile time.
pub const ENVIRONMENT_NON_EXHAUSTIVE: bool = false;

/// Whether optional parameters (and an optional body) are setters on a call
/// builder (`client.op(required…).optional(x).await`) rather than positional
/// `Option` arguments. The emitter writes setters; the comparison knows
/// both ways (if this ever changes, `passing` and the call emitter change
/// with it): a new optional
/// setter is an addition, a new positional argument is breaking.
pub const OPTIONAL_PARAMS_AS_SETTERS: bool = true;

/// The attribute an enum carries when `non_exhaustive` is set.
pub fn non_exhaustive_attr(non_exhaustive: bool) -> Option<TokenStream> {
    non_exhaustive.then(|| quote!(#[non_exhaustive]))
}

/// How an input reaches an operation's method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passing {
    /// A positional argument: every call passes it, in this position.
    Positional,
    /// A builder setter: calls name only the ones they set
    /// (`client.op(required…).optional(x).await`).
    Setter,
}

/// The one rule for how a parameter or request body is passed: required
/// inputs are arguments, optional ones setters on the call builder.
pub fn passing(required: bool) -> Passing {
    if required {
        Passing::Positional
    } else {
        Passing::Setter
    }
}
