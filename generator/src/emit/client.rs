//! Emits what ties the API together: environments, credential setters and
//! the description the runtime reads.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_paragraphs};
use super::shape::{ENVIRONMENT_NON_EXHAUSTIVE, non_exhaustive_attr};
use super::types::ident;
use crate::model::{Api, SchemeKind};

pub fn emit_client(api: &Api) -> TokenStream {
    let environment = emit_environment(api);
    let setters = api.security_schemes.iter().map(|scheme| {
        let setter = ident(&scheme.setter);
        let name = scheme.name.as_str();
        let how = match &scheme.kind {
            SchemeKind::ApiKeyHeader(header) => format!("Sent as the `{header}` header."),
            SchemeKind::ApiKeyQuery(param) => format!("Sent as the `{param}` query parameter."),
            SchemeKind::ApiKeyCookie(cookie) => format!("Sent as the `{cookie}` cookie."),
            SchemeKind::Basic => "Sent as HTTP basic authentication.".to_owned(),
            SchemeKind::Bearer => "Sent as a bearer token (`Authorization: Bearer ...`).".to_owned(),
        };
        let users = api
            .operations
            .iter()
            .filter(|op| op.security.iter().any(|alt| alt.contains(&scheme.name)))
            .count();
        let used_by = if api.security_left_to_deployment {
            ": the spec names no scheme for any operation (authentication is left to the deployment), so this credential, once set, is sent on every call".to_owned()
        } else {
            format!(", used by {users} of {} operations", api.operations.len())
        };
        let docs = doc_paragraphs(&[
            scheme.docs.as_deref(),
            Some(&format!(
                "{how} Security scheme `{name}`{used_by}. Never printed by `Debug` or in errors."
            )),
        ]);
        let client_credentials = scheme.client_credentials.as_ref().map(|flow| {
            let flow_setter = ident(&flow.setter);
            let token_url = flow.token_url.as_str();
            let scopes = flow.scopes.iter().map(String::as_str);
            let asked = if flow.scopes.is_empty() {
                "no scopes (the server's default)".to_owned()
            } else {
                let listed: Vec<String> = flow.scopes.iter().map(|s| format!("`{s}`")).collect();
                format!("the scopes {}", listed.join(", "))
            };
            let doc = format!(
                " Fetches the access tokens of security scheme `{name}` itself, with the OAuth2 client credentials flow: trades `client_id` and `client_secret` (HTTP basic, RFC 6749 §2.3.1) at the token URL `{token_url}` (a relative URL is resolved against the server URL when the client is built) for a token, asking for {asked}. Each token is cached until shortly before it expires and refreshed once for all concurrent calls; a call the server answers `401` is sent once more with a fresh token. A failure to get a token ends the call with `Error::Token`. Replaces a token set with [`{setter}`](Self::{setter}), as that replaces this. Neither the secret nor a token is ever printed by `Debug`, in errors or in traces.",
                setter = scheme.setter.word(),
            );
            quote! {
                #[doc = #doc]
                pub fn #flow_setter(self, client_id: impl Into<String>, client_secret: impl Into<SecretString>) -> Self {
                    self.client_credentials(#name, #token_url, &[#(#scopes),*], client_id.into(), client_secret.into())
                }
            }
        });
        match scheme.kind {
            SchemeKind::Basic => quote! {
                #docs
                pub fn #setter(self, username: impl Into<SecretString>, password: impl Into<SecretString>) -> Self {
                    self.basic_credential(#name, username.into(), password.into())
                }
            },
            _ => quote! {
                #docs
                pub fn #setter(self, value: impl Into<SecretString>) -> Self {
                    self.secret_credential(#name, value.into())
                }
                #client_credentials
            },
        }
    });
    let set_setters = api.credential_sets.iter().filter_map(|set| {
        let members: Option<Vec<&crate::model::SecurityScheme>> = set
            .schemes
            .iter()
            .map(|name| api.scheme(name))
            .collect();
        let members = members?;
        let setter = ident(&set.setter);
        let mut params = Vec::new();
        let mut calls = Vec::new();
        for scheme in &members {
            let scheme_setter = ident(&scheme.setter);
            // The setter's name (raw where it is a keyword) is a valid argument.
            let arg = ident(&scheme.setter);
            if scheme.kind == SchemeKind::Basic {
                let bare = scheme.setter.word();
                let username = quote::format_ident!("{}_username", bare);
                let password = quote::format_ident!("{}_password", bare);
                params.push(quote!(#username: impl Into<SecretString>, #password: impl Into<SecretString>));
                calls.push(quote!(.#scheme_setter(#username, #password)));
            } else {
                params.push(quote!(#arg: impl Into<SecretString>));
                calls.push(quote!(.#scheme_setter(#arg)));
            }
        }
        let listed: Vec<String> = members
            .iter()
            .map(|s| format!("`{}` ([`{}`](Self::{}))", s.name, s.setter.word(), s.setter.word()))
            .collect();
        let doc = format!(
            " Sets one whole set of credentials the API accepts: {}, which {} of {} operations accept. A call sends exactly one set: the first of its alternatives, in the spec's order, that the client has every credential of; a call none of whose sets is complete fails before sending, naming the sets it accepts.",
            listed.join(" + "),
            set.operations,
            api.operations.len()
        );
        Some(quote! {
            #[doc = #doc]
            pub fn #setter(self, #(#params),*) -> Self {
                self #(#calls)*
            }
        })
    });
    let schemes = api.security_schemes.iter().map(|scheme| {
        let name = scheme.name.as_str();
        let setter = scheme.setter.as_str();
        let location = match &scheme.kind {
            SchemeKind::ApiKeyHeader(header) => {
                quote!(runtime::CredentialLocation::Header(#header))
            }
            SchemeKind::ApiKeyQuery(param) => quote!(runtime::CredentialLocation::Query(#param)),
            SchemeKind::ApiKeyCookie(cookie) => {
                quote!(runtime::CredentialLocation::Cookie(#cookie))
            }
            SchemeKind::Basic => quote!(runtime::CredentialLocation::Basic),
            SchemeKind::Bearer => quote!(runtime::CredentialLocation::Bearer),
        };
        quote!(runtime::SecurityScheme { name: #name, setter: #setter, location: #location })
    });
    let default_base_url = match api.servers.first() {
        Some(server) => {
            let url = &server.url;
            quote!(Some(#url))
        }
        None => quote!(None),
    };
    let builder_doc = match api.servers.first() {
        Some(server) => format!(
            " Starts configuring a client for the {} (version {}); requests go to [`Environment::{}`] unless you choose otherwise.",
            api.title, api.version, server.variant
        ),
        None => format!(
            " Starts configuring a client for the {} (version {}); the spec names no server, so set `base_url`.",
            api.title, api.version
        ),
    };
    let example_tests = emit_example_tests(api);
    // The test module goes last: clippy wants no items after it.
    quote! {
        #environment

        /// What the runtime needs to know about this API.
        #[doc(hidden)]
        pub static API: runtime::ApiDescription = runtime::ApiDescription {
            crate_name: env!("CARGO_PKG_NAME"),
            crate_version: env!("CARGO_PKG_VERSION"),
            default_base_url: #default_base_url,
            security_schemes: &[#(#schemes),*],
        };

        impl Client {
            #[doc = #builder_doc]
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new(&API)
            }
        }

        impl ClientBuilder {
            #(#setters)*
            #(#set_setters)*
        }

        #example_tests
    }
}

fn emit_environment(api: &Api) -> TokenStream {
    if api.servers.is_empty() {
        return TokenStream::new();
    }
    let variants = api.servers.iter().enumerate().map(|(index, server)| {
        let variant = ident(&server.variant);
        let docs = doc_attrs(&format!(
            "{}: {}",
            server.docs.as_deref().unwrap_or(&server.variant),
            server.url
        ));
        let default = (index == 0).then(|| quote!(#[default]));
        quote!(#docs #default #variant,)
    });
    let arms = api.servers.iter().map(|server| {
        let variant = ident(&server.variant);
        let url = &server.url;
        quote!(Self::#variant => #url,)
    });
    let non_exhaustive = non_exhaustive_attr(ENVIRONMENT_NON_EXHAUSTIVE);
    quote! {
        /// The servers the API is offered on.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        #non_exhaustive
        pub enum Environment {
            #(#variants)*
        }

        impl Environment {
            /// The server's base URL.
            pub const fn url(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }

        impl ClientBuilder {
            /// Sends requests to one of the API's servers.
            pub fn environment(self, environment: Environment) -> Self {
                self.server_url(environment.url())
            }
        }
    }
}

/// One unit test that decodes every example of the spec into its type, so
/// that a spec whose examples contradict its schemas fails the tests of the
/// crate generated from it.
fn emit_example_tests(api: &Api) -> TokenStream {
    let checks: Vec<TokenStream> = api
        .types
        .values()
        .filter_map(|def| {
            let example = def.example.as_ref()?;
            let name = &def.name;
            let ty = ident(name);
            let json: TokenStream = super::docs::example_json(example).parse().ok()?;
            // With Cargo features, a type compiled out has no check.
            let cfg = super::features::cfg_attr(
                api.features
                    .as_ref()
                    .map(|features| features.of_type(name))
                    .unwrap_or_default(),
            );
            Some(quote!(#cfg super::runtime::check_example::<super::types::#ty>(#name, #json),))
        })
        .collect();
    if checks.is_empty() {
        return TokenStream::new();
    }
    // With Cargo features, every check may be compiled out: the element
    // type is then said.
    let checks = if api.features.is_some() {
        quote!(Vec::<Result<(), String>>::from([#(#checks)*]))
    } else {
        quote!([#(#checks)*])
    };
    quote! {
        /// The spec's examples, each decoded into its type.
        #[cfg(test)]
        mod example_tests {
            #[test]
            fn every_example_decodes_into_its_type() {
                let failures: Vec<String> = #checks
                    .into_iter()
                    .filter_map(Result::err)
                    .collect();
                assert!(failures.is_empty(), "examples that do not decode:\n{}", failures.join("\n"));
            }
        }
    }
}
