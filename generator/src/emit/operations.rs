//! Emits one operation: its error enum and its method on `Client`. Types are
//! referred to only through the model's names.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attrs, doc_paragraphs};
use super::shape::{ERROR_ENUMS_NON_EXHAUSTIVE, Passing, non_exhaustive_attr, passing};
use super::types::{ident, type_tokens};
use crate::model::{
    Api, BodyKind, ErrorCase, HttpMethod, MultipartField, Operation, ParamLocation, ParamStyle,
    Parameter, PartKind, ResponseBody, RustName, SchemeName, TypeRef,
};

/// Emits the error enum (if any) and the `impl Client` block of an operation.
pub fn emit_operation(api: &Api, op: &Operation) -> TokenStream {
    let error_enum = emit_error_enum(op);
    let method = emit_method(op, &call_example(api, op));
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
    // The spec's `default` response stands for every other error status.
    let (other_variant, other_arm) = match &op.errors.default {
        Some(default) => {
            let docs = doc_attrs(&match &default.docs {
                Some(docs) => {
                    format!("Any other error status (the spec's `default` response): {docs}")
                }
                None => "Any other error status (the spec's `default` response).".to_owned(),
            });
            match &default.body {
                Some(body) => {
                    let body = type_tokens(body);
                    (
                        quote!(#docs Other(#body),),
                        quote!(_ if (400..=599).contains(&status) => runtime::decode_json(body).map(Self::Other),),
                    )
                }
                None => (
                    quote!(#docs Other,),
                    quote!(_ if (400..=599).contains(&status) => Ok(Self::Other),),
                ),
            }
        }
        None => (TokenStream::new(), TokenStream::new()),
    };
    let uses_body = op.errors.cases.iter().any(|c| c.body.is_some())
        || op.errors.default.as_ref().is_some_and(|d| d.body.is_some());
    let body_param = if uses_body {
        quote!(body)
    } else {
        quote!(_body)
    };
    let stub_arms = op.errors.cases.iter().map(|case| {
        let status = proc_macro2::Literal::u16_unsuffixed(case.status);
        let variant = ident(&case.variant);
        match &case.body {
            Some(_) => quote!(Self::#variant(body) => (#status, runtime::mock::json_body(body)),),
            None => quote!(Self::#variant => (#status, Vec::new()),),
        }
    });
    // The `default` response has no status of its own: a stub answers 500.
    let stub_other = op
        .errors
        .default
        .as_ref()
        .map(|default| match &default.body {
            Some(_) => quote!(Self::Other(body) => (500, runtime::mock::json_body(body)),),
            None => quote!(Self::Other => (500, Vec::new()),),
        });
    let non_exhaustive = non_exhaustive_attr(ERROR_ENUMS_NON_EXHAUSTIVE);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #non_exhaustive
        // One variant per declared status, each holding its body: one large
        // body is no reason to box the others.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            #other_variant
        }

        impl runtime::ErrorBody for #name {
            fn decode(status: u16, #body_param: &[u8]) -> Option<Result<Self, runtime::BodyDecodeFailure>> {
                Some(match status {
                    #(#arms)*
                    #other_arm
                    _ => return None,
                })
            }
        }

        #[cfg(feature = "test-util")]
        impl runtime::mock::StubError for #name {
            fn status_and_body(&self) -> (u16, Vec<u8>) {
                match self {
                    #(#stub_arms)*
                    #stub_other
                }
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
        ParamLocation::Cookie => quote!(cookie_param),
        ParamLocation::QueryString => quote!(query_string),
    };
    // `Display` for a date-time is not RFC 3339, which is what servers read.
    let one = |value: TokenStream| match param.style {
        ParamStyle::Simple if param.ty == TypeRef::DateTime => {
            quote!(request.#add(#wire, #value.to_rfc3339());)
        }
        ParamStyle::Simple => quote!(request.#add(#wire, #value);),
        ParamStyle::List { explode } => quote!(request.query_list(#wire, #value, #explode);),
        ParamStyle::DeepObject => {
            quote!(request.query_object(#wire, &#value, runtime::QueryStyle::DeepObject);)
        }
        ParamStyle::FormObject { explode } => quote! {
            request.query_object(#wire, &#value, runtime::QueryStyle::Form { explode: #explode });
        },
        ParamStyle::Json => quote! {
            let text = request.json_text(#wire, &#value);
            request.#add(#wire, text);
        },
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

/// A doc example of the call, as a user writes it (through the tag group
/// when there is one), with the spec's example values: compiled by rustdoc,
/// not run. Empty when the doc path is unknown, or a required argument has
/// no example a literal can give.
fn call_example(api: &Api, op: &Operation) -> Vec<String> {
    let Some(path) = api.doc_path.as_deref() else {
        return Vec::new();
    };
    let mut setup = Vec::new();
    let mut args = Vec::new();
    for param in op.params.iter().filter(|p| p.required) {
        let literal = match (&param.ty, &param.example) {
            (TypeRef::String, Some(serde_json::Value::String(text))) => format!("{text:?}"),
            (TypeRef::String, _) => format!("{:?}", param.wire_name),
            (TypeRef::I32 | TypeRef::I64, Some(serde_json::Value::Number(n))) if n.is_i64() => {
                n.to_string()
            }
            (TypeRef::I32 | TypeRef::I64, _) => "1".to_owned(),
            (TypeRef::Bool, Some(serde_json::Value::Bool(b))) => b.to_string(),
            _ => return Vec::new(),
        };
        args.push(literal);
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        let (BodyKind::Json(TypeRef::Named(name)) | BodyKind::Form(TypeRef::Named(name))) =
            &body.kind
        else {
            return Vec::new();
        };
        let Some(example) = api.types.get(name).and_then(|def| def.example.as_ref()) else {
            return Vec::new();
        };
        setup.push(format!(
            "let body: {path}::{name} = serde_json::from_str({})?;",
            super::docs::example_json(example)
        ));
        args.push("&body".to_owned());
    }
    let group = api.tag_groups.iter().find_map(|group| {
        let member = group.members.iter().find(|m| m.operation == op.name)?;
        Some(format!("{}().{}", group.accessor, member.name))
    });
    let method = group.unwrap_or_else(|| op.name.to_string());
    let mut lines = vec![
        String::new(),
        " # Example".to_owned(),
        String::new(),
        " ```no_run".to_owned(),
        format!(
            " # async fn example(client: &{path}::Client) -> Result<(), Box<dyn std::error::Error>> {{"
        ),
    ];
    for line in setup.iter().flat_map(|s| s.lines()) {
        lines.push(format!(" {line}"));
    }
    lines.push(format!(
        " let response = client.{method}({}).await?;",
        args.join(", ")
    ));
    lines.push(" # let _ = response;".to_owned());
    lines.push(" # Ok(())".to_owned());
    lines.push(" # }".to_owned());
    lines.push(" ```".to_owned());
    lines
}

fn emit_method(op: &Operation, example: &[String]) -> TokenStream {
    let method_name = ident(&op.name);
    let builder = ident(&op.builder_name);
    let id = op.name.as_str();
    let path = op.path.as_str();
    let security = op.security.iter().map(|alternative| {
        let names = alternative.iter().map(SchemeName::as_str);
        quote!(&[#(#names),*])
    });
    let security: Vec<TokenStream> = security.collect();
    let operation_static = {
        let describe = |method: TokenStream| {
            quote! {
                runtime::Operation {
                    id: #id,
                    method: #method,
                    path: #path,
                    security: &[#(#security),*],
                }
            }
        };
        // `http::Method` has a constant for every method but `QUERY` and
        // the additional ones, whose values are made on first use.
        let made_on_first_use = match &op.method {
            HttpMethod::Query => Some(quote!(runtime::query_method())),
            HttpMethod::Additional(name) => Some(quote!(runtime::extension_method(#name))),
            _ => None,
        };
        match made_on_first_use {
            Some(method) => {
                let operation = describe(method);
                quote! {
                    static OPERATION: std::sync::LazyLock<runtime::Operation> =
                        std::sync::LazyLock::new(|| #operation);
                }
            }
            None => {
                let http_method = format_ident!("{}", op.method.as_str());
                let operation = describe(quote!(runtime::Method::#http_method));
                quote!(static OPERATION: runtime::Operation = #operation;)
            }
        }
    };

    // Every parameter is a field of the call; required ones are the method's
    // arguments, optional ones have setters.
    struct Slot {
        name: RustName,
        ty: TokenStream,
        passing: Passing,
        docs: String,
    }
    let mut slots: Vec<Slot> = op
        .params
        .iter()
        .map(|p| Slot {
            name: p.name.clone(),
            ty: borrowed_type(&p.ty),
            passing: passing(p.required),
            docs: param_doc(p),
        })
        .collect();
    let mut statements: Vec<TokenStream> = op.params.iter().map(param_statement).collect();
    if let Some(body) = &op.body {
        let content_type = &body.content_type;
        let ty = body_arg_type(&body.kind);
        let statement = match &body.kind {
            BodyKind::Json(_) => quote!(request.json_body(body);),
            BodyKind::Form(_) => quote!(request.form_body(body);),
            BodyKind::Multipart { parts, .. } => multipart_statements(parts),
            BodyKind::Text => quote!(request.text_body(#content_type, body);),
            BodyKind::Bytes => quote!(request.raw_body(#content_type, body);),
        };
        slots.push(Slot {
            name: RustName::new("body"),
            ty,
            passing: passing(body.required),
            docs: body
                .docs
                .clone()
                .unwrap_or_else(|| "The request body.".to_owned()),
        });
        statements.push(if body.required {
            statement
        } else {
            quote! {
                if let Some(body) = body {
                    #statement
                }
            }
        });
    }
    let (success_type, decode, stub_encode) = match &op.success {
        ResponseBody::Json(ty) => (
            type_tokens(ty),
            quote!(runtime::decode_json),
            quote!(runtime::mock::json_body),
        ),
        ResponseBody::Empty => (
            quote!(()),
            quote!(runtime::decode_empty),
            quote!(runtime::mock::empty_body),
        ),
        ResponseBody::Bytes => (
            quote!(Vec<u8>),
            quote!(runtime::decode_bytes),
            quote!(runtime::mock::bytes_body),
        ),
        ResponseBody::Text => (
            quote!(String),
            quote!(runtime::decode_text),
            quote!(runtime::mock::text_body),
        ),
    };
    let stub_doc = format!(
        " Stubs what [`Client::{}`] answers (`returns`, `fails_with`, `responds`).",
        op.name
    );
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
    for slot in &slots {
        let name = slot.name.word();
        let how = if slot.passing == Passing::Positional {
            format!("- `{name}`")
        } else {
            format!("- [`{name}`]({}::{name}) (optional)", op.builder_name)
        };
        // Only the spec's words are sanitized: the link above is ours.
        let docs: Vec<String> = super::docs::sanitize(&slot.docs)
            .iter()
            .map(|line| line.trim().to_owned())
            .filter(|line| !line.is_empty())
            .collect();
        reference.push(format!(" {how}: {}", docs.join(" ")));
    }
    let errors_doc = match &op.errors.type_name {
        Some(name) => {
            let mut statuses: Vec<String> = op
                .errors
                .cases
                .iter()
                .map(|c| c.status.to_string())
                .collect();
            if op.errors.default.is_some() {
                statuses.push("any other 4xx or 5xx".to_owned());
            }
            format!(
                " [`Error::Api`] with a [`{name}`] for status {}; see [`Error`] for the other failures.",
                statuses.join(", ")
            )
        }
        None => " See [`Error`].".to_owned(),
    };
    let call_doc = format!(
        " A [`Client::{}`] call: set optional parameters by name, then `.await` it.",
        op.name
    );

    // Required parameters are positional by design; a spec may have many.
    let positional = |s: &&Slot| s.passing == Passing::Positional;
    let too_many = (slots.iter().filter(positional).count() > 6)
        .then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let args = slots.iter().filter(positional).map(|s| {
        let (name, ty) = (ident(&s.name), &s.ty);
        quote!(#name: #ty)
    });
    let inits = slots.iter().map(|s| {
        let name = ident(&s.name);
        if s.passing == Passing::Positional {
            quote!(#name)
        } else {
            quote!(#name: None)
        }
    });
    let fields = slots.iter().map(|s| {
        let (name, ty) = (ident(&s.name), &s.ty);
        if s.passing == Passing::Positional {
            quote!(#name: #ty,)
        } else {
            quote!(#name: Option<#ty>,)
        }
    });
    let setters = slots
        .iter()
        .filter(|s| s.passing == Passing::Setter)
        .map(|s| {
            let (name, ty) = (ident(&s.name), &s.ty);
            let docs = doc_attrs(&s.docs);
            quote! {
                #docs
                pub fn #name(mut self, #name: #ty) -> Self {
                    self.#name = Some(#name);
                    self
                }
            }
        });
    let field_names = slots.iter().map(|s| ident(&s.name));
    quote! {
        impl Client {
            #docs
            #[doc = ""]
            #( #[doc = #reference] )*
            #[doc = ""]
            #[doc = " # Errors"]
            #[doc = ""]
            #[doc = #errors_doc]
            #( #[doc = #example] )*
            #too_many
            pub fn #method_name<'a>(&'a self, #(#args),*) -> #builder<'a> {
                #builder { client: self, #(#inits),* }
            }
        }

        #[doc = #call_doc]
        #[must_use = "a call does nothing until it is awaited"]
        pub struct #builder<'a> {
            client: &'a Client,
            #(#fields)*
        }

        impl<'a> #builder<'a> {
            #(#setters)*

            /// Sends the request and decodes the response (what `.await` does).
            pub async fn send(self) -> Result<Response<#success_type>, Error<#error_type>> {
                #operation_static
                let Self { client, #(#field_names),* } = self;
                #request_binding = runtime::Request::new(&OPERATION);
                #(#statements)*
                client.execute(request, #decode).await
            }
        }

        #[cfg(feature = "test-util")]
        impl runtime::mock::Mock {
            #[doc = #stub_doc]
            pub fn #method_name(&self) -> runtime::mock::Stub<'_, #success_type, #error_type> {
                runtime::mock::Stub::new(self, #id, #stub_encode)
            }
        }

        impl<'a> std::future::IntoFuture for #builder<'a> {
            type Output = Result<Response<#success_type>, Error<#error_type>>;
            type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send + 'a>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    }
}

/// How a call takes its body: borrowed for the call, bytes by value.
pub fn body_arg_type(kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form(ty) | BodyKind::Multipart { ty, .. } => {
            let ty = type_tokens(ty);
            quote!(&'a #ty)
        }
        BodyKind::Text => quote!(&'a str),
        BodyKind::Bytes => quote!(Vec<u8>),
    }
}

/// The operation method's arguments, `(name, type)`: the required
/// parameters in order, then the body if it is required.
pub fn required_args(op: &Operation) -> Vec<(proc_macro2::Ident, TokenStream)> {
    let mut args: Vec<_> = op
        .params
        .iter()
        .filter(|p| passing(p.required) == Passing::Positional)
        .map(|p| (ident(&p.name), borrowed_type(&p.ty)))
        .collect();
    if let Some(body) = op
        .body
        .as_ref()
        .filter(|b| passing(b.required) == Passing::Positional)
    {
        args.push((ident("body"), body_arg_type(&body.kind)));
    }
    args
}

/// Builds a multipart body from the body struct's fields, one part each.
fn multipart_statements(parts: &[MultipartField]) -> TokenStream {
    let statements = parts.iter().map(|part| {
        let field = ident(&part.field);
        let wire = &part.wire_name;
        let add = |value: TokenStream| match part.kind {
            PartKind::Text => quote!(parts.text(#wire, #value);),
            PartKind::File => quote!(parts.file(#wire, #value);),
            PartKind::Json => quote!(parts.json(#wire, #value);),
        };
        if part.optional {
            let statement = add(quote!(value));
            quote! {
                if let Some(value) = &body.#field {
                    #statement
                }
            }
        } else {
            add(quote!(&body.#field))
        }
    });
    quote! {
        let mut parts = runtime::Multipart::default();
        #(#statements)*
        request.multipart_body(&parts);
    }
}

/// How a call stores a parameter: strings and lists borrowed for the call.
pub fn borrowed_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&'a str),
        TypeRef::List(item) => {
            let item = type_tokens(item);
            quote!(&'a [#item])
        }
        other => type_tokens(other),
    }
}

/// A parameter's documentation: the spec's words and what the client adds.
fn param_doc(param: &Parameter) -> String {
    let location = match param.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
        ParamLocation::QueryString => "query string",
    };
    let rust_name = param.name.word();
    let wire = if param.location == ParamLocation::QueryString {
        " Sent as the whole query string.".to_owned()
    } else if rust_name == param.wire_name && param.location == ParamLocation::Path {
        String::new()
    } else {
        format!(" Sent as the `{}` {location} parameter.", param.wire_name)
    };
    let generated = if param.idempotency_key {
        " When not set, the client makes a fresh key; every retry of the call sends the same one."
            .to_owned()
    } else if let Some(default) = &param.default {
        format!(" When not set, `{default}` is sent.")
    } else {
        String::new()
    };
    let docs = param
        .docs
        .as_deref()
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    // Sentences that follow must not run into the spec's text.
    let end = if generated.is_empty() || docs.is_empty() || docs.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    let end = if wire.is_empty() && generated.is_empty() {
        ""
    } else {
        end
    };
    let end = if end.is_empty()
        && !wire.is_empty()
        && !docs.is_empty()
        && !docs.ends_with(['.', '!', '?'])
    {
        "."
    } else {
        end
    };
    format!("{docs}{end}{wire}{generated}").trim().to_owned()
}

/// What a call of the operation returns on success, and its error type:
/// the type arguments of its `Response` and `Error`, and of its mock stub.
pub fn result_types(op: &Operation) -> (TokenStream, TokenStream) {
    let success = match &op.success {
        ResponseBody::Json(ty) => type_tokens(ty),
        ResponseBody::Empty => quote!(()),
        ResponseBody::Bytes => quote!(Vec<u8>),
        ResponseBody::Text => quote!(String),
    };
    let error = match &op.errors.type_name {
        Some(name) => {
            let name = ident(name);
            quote!(#name)
        }
        None => quote!(runtime::NoDeclaredErrors),
    };
    (success, error)
}
