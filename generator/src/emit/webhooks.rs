//! Emits the `webhooks` module: one event enum with a variant per webhook
//! of the spec (and `Unknown`), the parse function that picks the variant
//! from a request's headers and raw body, and, where the provider's
//! signature scheme is known, the verifier that checks a request first.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_paragraphs;
use super::types::type_tokens;
use crate::model::{Api, Webhook};

/// The enum, its parse functions and the signature scheme.
pub fn emit_webhooks(api: &Api) -> TokenStream {
    let variants = api.webhooks.iter().map(|webhook| {
        let variant = format_ident!("{}", webhook.variant);
        let payload = type_tokens(&webhook.payload);
        let docs = variant_docs(webhook);
        quote! {
            #docs
            #variant(Box<#payload>),
        }
    });
    let descriptions = api.webhooks.iter().map(|webhook| {
        let name = &webhook.name;
        let header = match &webhook.selector.header {
            Some((header, value)) => quote!(Some((#header, #value))),
            None => quote!(None),
        };
        let tags = webhook
            .selector
            .tags
            .iter()
            .map(|(property, value)| quote!((#property, #value)));
        quote! {
            runtime::WebhookDescription { name: #name, header: #header, tags: &[#(#tags),*] }
        }
    });
    let decode_arms = api.webhooks.iter().enumerate().map(|(index, webhook)| {
        let variant = format_ident!("{}", webhook.variant);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        quote!(#index => Some(runtime::decode_webhook_payload(body).map(Self::#variant)),)
    });
    let name_arms = api.webhooks.iter().map(|webhook| {
        let variant = format_ident!("{}", webhook.variant);
        let name = &webhook.name;
        quote!(Self::#variant(_) => Some(#name),)
    });
    let enum_docs = format!(
        " A webhook from the {}, parsed from its request by [`WebhookEvent::parse`], or by [`WebhookEvent::verify_and_parse`] once its signature is checked.",
        api.title
    );
    let how = " Which webhook a request is: the header or body property a variant names (the most specific first), else the first variant whose payload decodes the body; a request that none fits is [`WebhookEvent::Unknown`], kept whole.";
    let signature = api
        .webhook_signature
        .map(|scheme| scheme.runtime_variant())
        .map(|scheme| {
            let scheme_ident = format_ident!("{}", scheme);
            let doc = format!(
                " How webhooks from the {} are signed: [`runtime::SignatureScheme::{scheme}`].",
                api.title
            );
            quote! {
                #[doc = #doc]
                pub const SIGNATURE_SCHEME: runtime::SignatureScheme = runtime::SignatureScheme::#scheme_ident;

                /// A verifier of this API's webhook signatures with `secret` (add the next one with
                /// `with_secret` while rotating), for [`WebhookEvent::verify_and_parse`].
                pub fn verifier(secret: runtime::SecretString) -> runtime::WebhookVerifier {
                    runtime::WebhookVerifier::new(SIGNATURE_SCHEME, secret)
                }
            }
        });
    quote! {
        #[doc = #enum_docs]
        #[doc = ""]
        #[doc = #how]
        #[doc = ""]
        #[doc = " Each payload is boxed: payloads can be large (GitHub's reach 15 KB), and an event is moved through a few calls."]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum WebhookEvent {
            #(#variants)*
            /// A request none of the spec's webhooks describes (one added after this crate was generated, say): its headers and raw body.
            Unknown(runtime::UnknownWebhook),
        }

        /// What tells the webhooks apart, in the order of [`WebhookEvent`]'s variants.
        static WEBHOOKS: &[runtime::WebhookDescription] = &[#(#descriptions),*];

        impl WebhookEvent {
            /// Parses a webhook request from its headers and raw body. The signature is not
            /// checked: use [`WebhookEvent::verify_and_parse`] for requests from the network.
            ///
            /// # Errors
            ///
            /// The body is not JSON, or it carries a webhook's header or tag and does not
            /// decode as that webhook's payload (the error names the field).
            pub fn parse(headers: &runtime::HeaderMap, body: &[u8]) -> Result<Self, runtime::WebhookError> {
                let parsed = runtime::parse_webhook(headers, body, WEBHOOKS, |index, body| match index {
                    #(#decode_arms)*
                    _ => None,
                })?;
                Ok(parsed.unwrap_or_else(|| Self::Unknown(runtime::UnknownWebhook::new(headers, body))))
            }

            /// Checks the request's signature with `verifier`, on the raw bytes and before
            /// anything in them is read, then parses it.
            ///
            /// # Errors
            ///
            /// [`runtime::WebhookError::Signature`] when the signature does not verify (a
            /// missing header, a stale timestamp, a body changed on the way or signed with
            /// another secret), else what [`WebhookEvent::parse`] gives.
            pub fn verify_and_parse(
                verifier: &runtime::WebhookVerifier,
                headers: &runtime::HeaderMap,
                body: &[u8],
            ) -> Result<Self, runtime::WebhookError> {
                verifier.verify(headers, body)?;
                Self::parse(headers, body)
            }

            /// The webhook's name in the spec; `None` for [`WebhookEvent::Unknown`].
            pub fn name(&self) -> Option<&'static str> {
                match self {
                    #(#name_arms)*
                    Self::Unknown(_) => None,
                }
            }
        }

        #signature
    }
}

fn variant_docs(webhook: &Webhook) -> TokenStream {
    let mut chosen: Vec<String> = Vec::new();
    if let Some((header, value)) = &webhook.selector.header {
        chosen.push(format!("`{header}: {value}`"));
    }
    chosen.extend(
        webhook
            .selector
            .tags
            .iter()
            .map(|(property, value)| format!("`{property}` = `{value:?}`")),
    );
    let how = if chosen.is_empty() {
        "chosen by its payload's shape".to_owned()
    } else {
        format!("chosen by {}", chosen.join(" and "))
    };
    let title = format!("`{}` (`{}`), {how}.", webhook.name, webhook.method);
    let title = doc_paragraphs(&[Some(&title)]);
    let docs = webhook.docs.as_deref().map(|docs| {
        let docs = doc_paragraphs(&[Some(docs)]);
        quote!(#[doc = ""] #docs)
    });
    quote!(#title #docs)
}

/// The `use` lines of the module: the runtime and the payload types.
pub fn webhooks_prelude(api: &Api) -> TokenStream {
    let mut used = std::collections::BTreeSet::new();
    for webhook in &api.webhooks {
        webhook.payload.collect_named(&mut used);
    }
    let used = used.iter().map(super::types::ident);
    let types_use = (!api.types.is_empty()).then(|| quote!(use super::types::{#(#used),*};));
    quote! {
        use super::runtime;
        #types_use
    }
}
