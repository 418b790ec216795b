//! Emits one operation: its error enum and its method on `Client`. Types are
//! referred to only through the model's names.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attrs, doc_paragraphs};
use super::types::{ident, type_tokens};
use crate::model::{
    BodyKind, ErrorCase, Operation, ParamLocation, Parameter, ResponseBody, TypeRef,
};

/// Emits the error enum (if any) and the `impl Client` block of an operation.
pub fn emit_operation(op: &Operation) -> TokenStream {
    let error_enum = emit_error_enum(op);
    let method = emit_method(op);
    quote! {
        #error_enum
        #method
    }
}

fn emit_error_enum(op: &Operation) -> TokenStream {
    let Some(type_name) = &op.errors.type_name else {
        return TokenStream::new();
    };
    let name = ident(type_name);
    let doc = format!(
        " The error responses [`Client::{}`] declares, one variant per status.",
        op.name
    );
    let variants = op.errors.cases.iter().map(|case| {
        let variant = ident(&case.variant);
        let docs = doc_attrs(&case_doc(case));
        match &case.body {
            Some(body) => {
                let body = type_tokens(body);
                quote!(#docs #variant(#body),)
            }
            None => quote!(#docs #variant,),
        }
    });
    let arms = op.errors.cases.iter().map(|case| {
        let status = proc_macro2::Literal::u16_unsuffixed(case.status);
        let variant = ident(&case.variant);
        match &case.body {
            Some(_) => quote!(#status => runtime::decode_json(body).map(Self::#variant),),
            None => quote!(#status => Ok(Self::#variant),),
        }
    });
    let body_param = if op.errors.cases.iter().any(|c| c.body.is_some()) {
        quote!(body)
    } else {
        quote!(_body)
    };
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl runtime::ErrorBody for #name {
            fn decode(status: u16, #body_param: &[u8]) -> Option<Result<Self, runtime::BodyDecodeFailure>> {
                Some(match status {
                    #(#arms)*
                    _ => return None,
                })
            }
        }
    }
}

fn case_doc(case: &ErrorCase) -> String {
    match &case.docs {
        Some(docs) => format!("`{}`: {}", case.status, docs),
        None => format!("`{}`.", case.status),
    }
}

/// How a parameter is taken by the method.
fn param_type(param: &Parameter) -> TokenStream {
    let ty = match &param.ty {
        TypeRef::String => quote!(&str),
        TypeRef::List(item) => {
            let item = type_tokens(item);
            quote!(&[#item])
        }
        other => type_tokens(other),
    };
    if param.required {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

fn param_statement(param: &Parameter) -> TokenStream {
    let name = ident(&param.name);
    let wire = &param.wire_name;
    if param.idempotency_key {
        return quote!(request.idempotency_key(#wire, #name););
    }
    let add = match param.location {
        ParamLocation::Path => quote!(path_param),
        ParamLocation::Query => quote!(query_param),
        ParamLocation::Header => quote!(header_param),
    };
    let one = |value: TokenStream| match &param.ty {
        TypeRef::List(_) => quote! {
            for item in #value {
                request.#add(#wire, item);
            }
        },
        _ => quote!(request.#add(#wire, #value);),
    };
    if let Some(default) = &param.default {
        one(quote!(#name.unwrap_or(#default)))
    } else if param.required {
        one(quote!(#name))
    } else {
        let statement = one(quote!(value));
        quote! {
            if let Some(value) = #name {
                #statement
            }
        }
    }
}

fn emit_method(op: &Operation) -> TokenStream {
    let method_name = ident(&op.name);
    let id = &op.name;
    let http_method = format_ident!("{}", op.method);
    let path = &op.path;
    let security = op
        .security
        .iter()
        .map(|alternative| quote!(&[#(#alternative),*]));

    let mut params: Vec<TokenStream> = op
        .params
        .iter()
        .map(|p| {
            let name = ident(&p.name);
            let ty = param_type(p);
            quote!(#name: #ty)
        })
        .collect();
    let mut statements: Vec<TokenStream> = op.params.iter().map(param_statement).collect();
    if let Some(body) = &op.body {
        let ty = match &body.kind {
            BodyKind::Json(ty) => {
                let ty = type_tokens(ty);
                quote!(&#ty)
            }
            BodyKind::Bytes => quote!(Vec<u8>),
        };
        let statement = match &body.kind {
            BodyKind::Json(_) => quote!(request.json_body(body);),
            BodyKind::Bytes => {
                let content_type = &body.content_type;
                quote!(request.raw_body(#content_type, body);)
            }
        };
        if body.required {
            params.push(quote!(body: #ty));
            statements.push(statement);
        } else {
            params.push(quote!(body: Option<#ty>));
            statements.push(quote! {
                if let Some(body) = body {
                    #statement
                }
            });
        }
    }
    let (success_type, decode) = match &op.success {
        ResponseBody::Json(ty) => (type_tokens(ty), quote!(runtime::decode_json)),
        ResponseBody::Empty => (quote!(()), quote!(runtime::decode_empty)),
        ResponseBody::Bytes => (quote!(Vec<u8>), quote!(runtime::decode_bytes)),
    };
    let error_type = match &op.errors.type_name {
        Some(name) => {
            let name = ident(name);
            quote!(#name)
        }
        None => quote!(runtime::NoDeclaredErrors),
    };
    let request_binding = if statements.is_empty() {
        quote!(let request)
    } else {
        quote!(let mut request)
    };
    let docs = doc_paragraphs(&[op.summary.as_deref(), op.description.as_deref()]);
    let mut reference = vec![format!(" `{} {}`", op.method, op.path)];
    for param in &op.params {
        let location = match param.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        };
        let docs = param
            .docs
            .as_deref()
            .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "));
        let rust_name = param.name.trim_start_matches("r#");
        let wire = if rust_name == param.wire_name && param.location == ParamLocation::Path {
            String::new()
        } else {
            format!(" ({location} `{}`)", param.wire_name)
        };
        let generated = if param.idempotency_key {
            " When `None`, the client makes a fresh key; every retry of the call sends the same one."
                .to_owned()
        } else if let Some(default) = &param.default {
            format!(" When `None`, `{default}` is sent.")
        } else {
            String::new()
        };
        let docs = docs.map(|d| {
            // Sentences that follow must not run into the spec's text.
            let end = if generated.is_empty() || d.ends_with(['.', '!', '?']) {
                ""
            } else {
                "."
            };
            format!(": {d}{end}")
        });
        let text = format!(
            "- `{rust_name}`{wire}{}{generated}",
            docs.unwrap_or_default()
        );
        reference.push(super::docs::sanitize(&text).concat());
    }
    if let Some(body) = &op.body {
        let docs = body.docs.as_deref().unwrap_or("The request body.");
        reference.push(super::docs::sanitize(&format!("- `body`: {docs}")).concat());
    }
    let errors_doc = match &op.errors.type_name {
        Some(name) => {
            let statuses: Vec<String> = op
                .errors
                .cases
                .iter()
                .map(|c| c.status.to_string())
                .collect();
            format!(
                " [`Error::Api`] with a [`{name}`] for status {}; see [`Error`] for the other failures.",
                statuses.join(", ")
            )
        }
        None => " See [`Error`].".to_owned(),
    };
    quote! {
        impl Client {
            #docs
            #[doc = ""]
            #( #[doc = #reference] )*
            #[doc = ""]
            #[doc = " # Errors"]
            #[doc = ""]
            #[doc = #errors_doc]
            pub async fn #method_name(&self, #(#params),*) -> Result<Response<#success_type>, Error<#error_type>> {
                static OPERATION: runtime::Operation = runtime::Operation {
                    id: #id,
                    method: runtime::Method::#http_method,
                    path: #path,
                    security: &[#(#security),*],
                };
                #request_binding = runtime::Request::new(&OPERATION);
                #(#statements)*
                self.execute(request, #decode).await
            }
        }
    }
}
