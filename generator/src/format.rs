//! Stage 4: tokens to source text, with prettyplease.

use proc_macro2::TokenStream;

use crate::diagnostics::Error;

/// Formats a token stream holding whole items.
pub fn format_items(tokens: TokenStream, what: &str) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        // The generator emitted something that is not Rust: a bug here, not
        // in the spec, but still reported rather than panicking.
        Error::Internal(format!(
            "the code generated for {what} does not parse ({e}); please report this with the spec"
        ))
    })?;
    Ok(prettyplease::unparse(&file))
}
