//! Emits one tag group: its accessor on `Client` and a type whose methods
//! start the same calls as the flat operations, under shorter names.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_paragraphs;
use super::operations::{required_args, result_types};
use super::types::ident;
use crate::model::{Api, TagGroup};

pub fn emit_group(api: &Api, group: &TagGroup) -> TokenStream {
    let accessor = ident(&group.accessor);
    let type_name = ident(&group.type_name);
    let accessor_docs = doc_paragraphs(&[
        Some(&format!(
            "The `{}` operations: `client.{}().<operation>(..)`.",
            group.tag, group.accessor
        )),
        group.docs.as_deref(),
    ]);
    // Our own sentences carry intra-doc links, so they are not sanitized
    // like the spec's words.
    let type_intro = format!(
        " The operations tagged `{}`, from [`Client::{}`]. Each method starts the same call as the flat operation it names.",
        group.tag, group.accessor
    );
    let tag_docs = group.docs.as_deref().map(|docs| {
        let docs = doc_paragraphs(&[Some(docs)]);
        quote!(#[doc = ""] #docs)
    });
    let type_docs = quote! {
        #[doc = #type_intro]
        #tag_docs
    };
    let methods = group.members.iter().filter_map(|member| {
        let op = api.operations.iter().find(|op| op.name == member.operation)?;
        let name = ident(&member.name);
        let flat = ident(&op.name);
        let builder = ident(&op.builder_name);
        let args = required_args(op);
        let params = args.iter().map(|(name, ty)| quote!(#name: #ty));
        let values = args.iter().map(|(name, _)| name);
        let summary = op.summary.as_deref().map(|summary| {
            let summary = doc_paragraphs(&[Some(summary)]);
            quote!(#summary #[doc = ""])
        });
        let reference = format!(
            " `{} {}`: the same call as [`Client::{}`], where the parameters, errors and credentials are described.",
            op.method, op.path, op.name
        );
        let docs = quote! {
            #summary
            #[doc = #reference]
        };
        let too_many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        Some(quote! {
            #docs
            #too_many
            pub fn #name(&self, #(#params),*) -> #builder<'a> {
                self.client.#flat(#(#values),*)
            }
        })
    });
    let subgroups = group.subgroups.iter().map(|subgroup| {
        let accessor = ident(&subgroup.accessor);
        let type_name = ident(&subgroup.type_name);
        let doc = format!(
            " The `{}` operations, nested in `{}`: the same group as [`Client::{}`].",
            subgroup.tag,
            group.tag,
            subgroup.accessor.word()
        );
        quote! {
            #[doc = #doc]
            pub fn #accessor(&self) -> #type_name<'a> {
                #type_name { client: self.client }
            }
        }
    });
    // The same names stub the calls in tests (`mock.orders().create()`).
    let stubs = group.members.iter().filter_map(|member| {
        let op = api.operations.iter().find(|op| op.name == member.operation)?;
        let name = ident(&member.name);
        let flat = ident(&op.name);
        let (success, error) = result_types(op);
        let doc = format!(
            " Stubs what `client.{}().{}(..)` answers: the same stub as [`Mock::{}`](runtime::mock::Mock::{}).",
            group.accessor,
            member.name.word(),
            op.name.word(),
            op.name.word()
        );
        Some(quote! {
            #[doc = #doc]
            pub fn #name(&self) -> runtime::mock::Stub<'m, #success, #error> {
                self.mock().#flat()
            }
        })
    });
    let stubs_doc = format!(
        " Stubs of the `{}` operations, by their names in [`Client::{}`].",
        group.tag, group.accessor
    );
    quote! {
        impl Client {
            #accessor_docs
            pub fn #accessor(&self) -> #type_name<'_> {
                #type_name { client: self }
            }
        }

        #type_docs
        #[derive(Debug, Clone, Copy)]
        pub struct #type_name<'a> {
            client: &'a Client,
        }

        impl<'a> #type_name<'a> {
            #(#methods)*
            #(#subgroups)*
        }

        #[cfg(feature = "test-util")]
        impl runtime::mock::Mock {
            #[doc = #stubs_doc]
            pub fn #accessor(&self) -> runtime::mock::GroupStubs<'_, #type_name<'static>> {
                runtime::mock::GroupStubs::new(self)
            }
        }

        #[cfg(feature = "test-util")]
        impl<'m> runtime::mock::GroupStubs<'m, #type_name<'static>> {
            #(#stubs)*
        }
    }
}
