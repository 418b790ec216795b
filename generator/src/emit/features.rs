//! `#[cfg(feature = ..)]` on the items a Cargo feature compiles (see
//! `crate::features`).

use proc_macro2::TokenStream;
use quote::quote;

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", ...))]` for
/// several; nothing for none.
pub fn cfg_attr(features: &[String]) -> TokenStream {
    match features {
        [] => TokenStream::new(),
        [one] => quote!(#[cfg(feature = #one)]),
        several => quote!(#[cfg(any(#(feature = #several),*))]),
    }
}

/// `tokens` (whole items) with the features' `cfg` on each item. An item
/// that already has a `cfg` (the mocks' `test-util`) keeps it: both must
/// hold.
pub fn gate(tokens: TokenStream, features: &[String]) -> TokenStream {
    if features.is_empty() {
        return tokens;
    }
    let cfg = cfg_attr(features);
    // What does not parse is left for the formatter to report, as it does
    // for every item.
    let Ok(file) = syn::parse2::<syn::File>(tokens.clone()) else {
        return tokens;
    };
    let items = file.items.iter();
    quote!(#(#cfg #items)*)
}
