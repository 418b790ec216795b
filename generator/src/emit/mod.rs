//! Stage 3: turn the model into tokens, one item at a time, so that each
//! type and each operation can be formatted, snapshotted and reviewed alone.

mod client;
pub mod docs;
mod features;
pub mod files;
mod groups;
pub mod operations;
pub mod shape;
pub mod types;
mod webhooks;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Api, TypeKind};
use crate::runtime_files::{Exposure, RUNTIME_FILES, RuntimeFile};

/// What a piece of generated code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    /// The crate root: re-exports, environments, credentials.
    Client,
    /// A named type.
    Type,
    /// An operation: its error enum and method.
    Operation,
    /// A tag group: its accessor and type (in the operations module).
    Group,
    /// The `webhooks` module's event enum and parse functions.
    Webhooks,
}

/// One emitted item.
#[derive(Debug)]
pub struct EmittedItem {
    /// What it is.
    pub kind: ItemKind,
    /// The type or operation name (`client` for the crate root).
    pub name: String,
    /// Its tokens.
    pub tokens: TokenStream,
}

/// One item to emit, borrowed from the model. Items are independent of each
/// other, so they can be emitted (and formatted) on several threads.
#[derive(Debug, Clone, Copy)]
pub enum ItemSource<'a> {
    /// The crate root.
    Client,
    /// A named type.
    Type(&'a crate::model::TypeDef),
    /// An operation.
    Operation(&'a crate::model::Operation),
    /// A tag group.
    Group(&'a crate::model::TagGroup),
    /// The webhooks.
    Webhooks,
}

/// Every item of the API, in output order: the client root first, then
/// types, operations and tag groups, each sorted by name, then the webhooks.
pub fn item_sources(api: &Api) -> Vec<ItemSource<'_>> {
    if api.types_only {
        return api.types.values().map(ItemSource::Type).collect();
    }
    let mut sources =
        Vec::with_capacity(1 + api.types.len() + api.operations.len() + api.tag_groups.len());
    sources.push(ItemSource::Client);
    sources.extend(api.types.values().map(ItemSource::Type));
    sources.extend(api.operations.iter().map(ItemSource::Operation));
    sources.extend(api.tag_groups.iter().map(ItemSource::Group));
    if !api.webhooks.is_empty() {
        sources.push(ItemSource::Webhooks);
    }
    sources
}

/// Emits one item; with Cargo features, each of its items is compiled
/// only with a feature that needs it.
pub fn emit_item(api: &Api, source: ItemSource<'_>) -> EmittedItem {
    let mut item = emit_ungated(api, source);
    if let Some(features) = &api.features {
        let gated_by = match source {
            ItemSource::Client | ItemSource::Webhooks => &[][..],
            ItemSource::Type(def) => features.of_type(&def.name),
            ItemSource::Operation(op) => features.of_operation(op.name.as_str()),
            ItemSource::Group(group) => features.of_group(&group.type_name),
        };
        item.tokens = features::gate(item.tokens, gated_by);
    }
    item
}

fn emit_ungated(api: &Api, source: ItemSource<'_>) -> EmittedItem {
    match source {
        ItemSource::Client => EmittedItem {
            kind: ItemKind::Client,
            name: "client".to_owned(),
            tokens: client::emit_client(api),
        },
        ItemSource::Type(def) => EmittedItem {
            kind: ItemKind::Type,
            name: def.name.clone(),
            tokens: types::emit_type(def, api.doc_path.as_deref()),
        },
        ItemSource::Operation(op) => EmittedItem {
            kind: ItemKind::Operation,
            name: op.name.to_string(),
            tokens: operations::emit_operation(api, op),
        },
        ItemSource::Group(group) => EmittedItem {
            kind: ItemKind::Group,
            name: group.accessor.to_string(),
            tokens: groups::emit_group(api, group),
        },
        ItemSource::Webhooks => EmittedItem {
            kind: ItemKind::Webhooks,
            name: "webhooks".to_owned(),
            tokens: webhooks::emit_webhooks(api),
        },
    }
}

/// The `use` lines at the top of the `types` module.
pub fn types_prelude(api: &Api) -> TokenStream {
    let needs_runtime = api.types.values().any(|def| match &def.kind {
        TypeKind::Struct(object) => object.fields.iter().any(|f| {
            f.empty_array_as_map || (f.nullable && !f.required) || types::uses_runtime(&f.ty)
        }),
        TypeKind::Alias(target) => types::uses_runtime(target),
        TypeKind::OneOf(_) => true,
        TypeKind::Enum(_) => false,
    });
    if needs_runtime {
        // With Cargo features, every type may be compiled out.
        let allow = api
            .features
            .is_some()
            .then(|| quote!(#[allow(unused_imports)]));
        quote!(
            #allow
            use super::runtime;
        )
    } else {
        TokenStream::new()
    }
}

/// The `use` lines at the top of the `operations` module.
pub fn operations_prelude(api: &Api) -> TokenStream {
    if api.features.is_some() {
        // Each operation, and each type it uses, may be compiled out: the
        // types are imported whole, and nothing is named that may be gone.
        return quote! {
            #[allow(unused_imports)]
            use super::runtime::{self, Client, Error, Response};
            #[allow(unused_imports)]
            use super::types::*;
        };
    }
    let mut used = std::collections::BTreeSet::new();
    for op in &api.operations {
        for ty in op.type_refs() {
            ty.collect_named(&mut used);
        }
    }
    let used = used.iter().map(types::ident);
    let types_use = if used.len() == 0 {
        TokenStream::new()
    } else {
        quote!(use super::types::{#(#used),*};)
    };
    quote! {
        use super::runtime::{self, Client, Error, Response};
        #types_use
    }
}

pub(crate) use webhooks::webhooks_prelude;

/// The crate root's fixed part: modules and re-exports.
pub fn root_prelude(api: &Api, module_file: impl Fn(&str) -> String) -> TokenStream {
    let operations_file = module_file("operations");
    let has_operations = !api.operations.is_empty();
    // With Cargo features, a module may have every item compiled out.
    let allow_empty = api
        .features
        .is_some()
        .then(|| quote!(#[allow(unused_imports)]));
    let no_panics = no_panic_lints();
    let types_mod = types_module(api, &module_file("types"));
    // The module holds `impl Client` blocks and the error enums; only the
    // enums can be re-exported.
    let has_error_enums = api
        .operations
        .iter()
        .any(|op| op.errors.type_name.is_some());
    let operations_reexport = (has_error_enums || !api.tag_groups.is_empty()).then(|| {
        quote!(
            #allow_empty
            pub use operations::*;
        )
    });
    let operations_mod = has_operations.then(|| {
        quote! {
            /// The operations, as methods on [`Client`] (and of its tag groups), and the errors each declares.
            #[allow(clippy::disallowed_names)]
            #no_panics
            pub mod operations {
                include!(#operations_file);
            }
            #operations_reexport
        }
    });
    let webhooks_file = module_file("webhooks");
    let webhooks_cfg = features::cfg_attr(
        api.features
            .as_ref()
            .and_then(|f| f.webhooks.as_ref())
            .map(std::slice::from_ref)
            .unwrap_or_default(),
    );
    let webhooks_mod = (!api.webhooks.is_empty()).then(|| {
        quote! {
            /// The webhooks the API sends: [`webhooks::WebhookEvent`], parsed (and verified) from a request's headers and raw body.
            #webhooks_cfg
            #[allow(clippy::disallowed_names)]
            #no_panics
            pub mod webhooks {
                include!(#webhooks_file);
            }
        }
    });
    let runtime_modules = runtime_modules(|_| true);
    quote! {
        /// The HTTP runtime shared by every operation: the client, its
        /// configuration, responses and errors.
        #no_panics
        pub mod runtime {
            #runtime_modules
        }
        #[cfg(feature = "test-util")]
        pub use runtime::mock;
        pub use runtime::{
            ApiError, BuildError, Client, ClientBuilder, Date, DateTime, Decimal, DecodeError,
            BodyTooLarge, CallInfo, Error, File, Hook, InvalidRequest, Response, ResponseInfo,
            RetryPolicy, SecretString, TransportError, UnexpectedStatus,
            AccessToken, TokenError, TokenFailure, TokenProvider,
            SignatureError, WebhookError, WebhookVerifier,
        };
        #types_mod
        #operations_mod
        #webhooks_mod
    }
}

/// The crate root of a types-only output ([`Api::types_only`]): the part
/// of the runtime the types use, its value types re-exported, and the
/// types.
pub fn types_only_root(api: &Api, module_file: impl Fn(&str) -> String) -> TokenStream {
    let no_panics = no_panic_lints();
    let runtime_modules = runtime_modules(RuntimeFile::serves_types);
    let types_mod = types_module(api, &module_file("types"));
    quote! {
        /// What the types need beyond serde: exact decimals, dates, files,
        /// and the decoding of fields and `oneOf`s.
        #no_panics
        pub mod runtime {
            #runtime_modules
        }
        pub use runtime::{Date, DateTime, Decimal, File, SecretString};
        #types_mod
    }
}

/// Generated code handles what servers send: nothing in it may panic on
/// that, whatever the spec; clippy holds every client to it.
fn no_panic_lints() -> TokenStream {
    let lints = crate::conventions::NO_PANIC_LINTS
        .iter()
        .map(|lint| quote::format_ident!("{}", lint));
    quote! {
        #[warn(#(clippy::#lints),*)]
    }
}

/// The `types` module, included from `types_file`, and its re-export;
/// nothing when the API has no types. Field and parameter names are the
/// spec's: a property called `foo` (Slack has one) is not a placeholder
/// clippy should flag, so `disallowed_names` is allowed.
fn types_module(api: &Api, types_file: &str) -> Option<TokenStream> {
    if api.types.is_empty() {
        return None;
    }
    let api_doc = docs::doc_paragraphs(&[Some(&format!(
        "The types of the {} (version {}), one per schema.",
        api.title, api.version
    ))]);
    // With Cargo features, every type may be compiled out.
    let allow_empty = api
        .features
        .is_some()
        .then(|| quote!(#[allow(unused_imports)]));
    let no_panics = no_panic_lints();
    Some(quote! {
        #api_doc
        #[allow(clippy::disallowed_names)]
        #no_panics
        pub mod types {
            include!(#types_file);
        }
        #allow_empty
        pub use types::*;
    })
}

/// The inside of the generated `runtime` module: one module per runtime
/// file, each `include!`d from its copy beside the generated files, then
/// the re-exports, as the runtime crate's own `lib.rs` has them.
fn runtime_modules(include: impl Fn(&RuntimeFile) -> bool) -> TokenStream {
    let mut modules = TokenStream::new();
    let mut reexports = TokenStream::new();
    for file in RUNTIME_FILES.iter().filter(|file| include(file)) {
        let module = format_ident!("{}", file.module);
        let file_name = file.file_name();
        match file.exposure {
            Exposure::Reexported | Exposure::Internal => {
                modules.extend(quote! {
                    mod #module {
                        include!(#file_name);
                    }
                });
            }
            Exposure::TestUtil { doc } => {
                // As `///` writes each line: after a space.
                let doc = doc.lines().map(|line| format!(" {line}"));
                let feature = crate::conventions::TEST_UTIL_FEATURE;
                modules.extend(quote! {
                    #(#[doc = #doc])*
                    #[cfg(feature = #feature)]
                    pub mod #module {
                        include!(#file_name);
                    }
                });
            }
        }
        if file.exposure == Exposure::Reexported {
            reexports.extend(quote!(pub use #module::*;));
        }
    }
    modules.extend(reexports);
    modules
}
