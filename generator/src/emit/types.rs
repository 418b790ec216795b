//! Emits the named types: structs, string enums, aliases.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::shape::{ONE_OF_NON_EXHAUSTIVE, STRING_ENUMS_NON_EXHAUSTIVE, non_exhaustive_attr};
use crate::model::{
    Discriminator, Field, OneOf, RustName, StringEnum, Struct, TypeDef, TypeKind, TypeRef,
    VariantShape,
};

/// A name the model holds, as an identifier.
pub trait ToIdent {
    /// The identifier, raw (`r#type`) where the name must be.
    fn to_ident(&self) -> Ident;
}

impl ToIdent for RustName {
    fn to_ident(&self) -> Ident {
        if self.is_raw() {
            Ident::new_raw(self.word(), Span::call_site())
        } else {
            Ident::new(self.word(), Span::call_site())
        }
    }
}

/// Type and variant names: camel case, never raw.
impl ToIdent for str {
    fn to_ident(&self) -> Ident {
        Ident::new(self, Span::call_site())
    }
}

impl ToIdent for String {
    fn to_ident(&self) -> Ident {
        self.as_str().to_ident()
    }
}

/// The identifier for a name of the model.
pub fn ident(name: &(impl ToIdent + ?Sized)) -> Ident {
    name.to_ident()
}

/// The Rust type for a reference; runtime types are reached through a
/// `runtime` module path in scope.
pub fn type_tokens(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::Decimal => quote!(runtime::Decimal),
        TypeRef::DateTime => quote!(runtime::DateTime),
        TypeRef::Date => quote!(runtime::Date),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
        TypeRef::File => quote!(runtime::File),
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
        TypeRef::List(item) => {
            let item = type_tokens(item);
            quote!(Vec<#item>)
        }
        TypeRef::Tuple(items) => {
            let items = items.iter().map(type_tokens);
            quote!((#(#items,)*))
        }
        TypeRef::Boxed(inner) => {
            let inner = type_tokens(inner);
            quote!(Box<#inner>)
        }
        TypeRef::Map(value) => {
            let value = type_tokens(value);
            quote!(std::collections::BTreeMap<String, #value>)
        }
    }
}

/// Whether a reference mentions a runtime type (so the module needs `runtime`).
pub fn uses_runtime(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Decimal | TypeRef::DateTime | TypeRef::Date | TypeRef::File => true,
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => uses_runtime(inner),
        TypeRef::Tuple(items) => items.iter().any(uses_runtime),
        _ => false,
    }
}

/// The argument type a setter or constructor takes for a value of `ty`.
fn into_param(ty: &TypeRef) -> TokenStream {
    let ty = type_tokens(ty);
    quote!(impl Into<#ty>)
}

/// Emits one named type.
pub fn emit_type(def: &TypeDef, doc_path: Option<&str>) -> TokenStream {
    let docs = doc_attrs(def.docs.as_deref().unwrap_or(&default_doc(def)));
    let example = match (&def.example, doc_path) {
        (Some(example), Some(path)) => super::docs::example_attrs(&def.name, example, path),
        _ => TokenStream::new(),
    };
    let docs = quote!(#docs #example);
    match &def.kind {
        TypeKind::Struct(object) => emit_struct(def, object, docs),
        TypeKind::Enum(values) => emit_enum(def, values, docs),
        TypeKind::OneOf(one_of) => emit_one_of(def, one_of, docs),
        TypeKind::Alias(target) => {
            let name = ident(&def.name);
            let target = type_tokens(target);
            quote! {
                #docs
                pub type #name = #target;
            }
        }
    }
}

fn default_doc(def: &TypeDef) -> String {
    format!(
        "`{}` (the spec gives no description).",
        def.pointer.trim_start_matches("#/")
    )
}

/// The field's type as stored: optional and nullable values are `Option`.
pub fn stored_type(field: &Field) -> TokenStream {
    let ty = type_tokens(&field.ty);
    match (field.required, field.nullable) {
        (true, false) => ty,
        (true, true) | (false, false) => quote!(Option<#ty>),
        // Absent, `null` and a value are three different things to send.
        (false, true) => quote!(Option<Option<#ty>>),
    }
}

fn emit_struct(def: &TypeDef, object: &Struct, docs: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let all_optional = object.fields.iter().all(|f| !f.required);
    let derive_default = all_optional.then(|| quote!(Default,));
    let fields = object.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let ty = stored_type(field);
        let docs = doc_attrs(field.docs.as_deref().unwrap_or(""));
        let rename = (field.name.word() != field.wire_name).then(|| {
            let wire = &field.wire_name;
            quote!(#[serde(rename = #wire)])
        });
        // Absent optional fields are left out of requests; in responses, a
        // missing field and an explicit null both decode as `None`.
        let optional = (!field.required)
            .then(|| quote!(#[serde(default, skip_serializing_if = "Option::is_none")]));
        let double_option = (!field.required && field.nullable)
            .then(|| quote!(#[serde(deserialize_with = "runtime::double_option")]));
        let lenient = field.empty_array_as_map.then(|| {
            if field.required && !field.nullable {
                quote!(#[serde(deserialize_with = "runtime::map_or_empty_array")])
            } else {
                quote!(#[serde(deserialize_with = "runtime::optional_map_or_empty_array")])
            }
        });
        quote! {
            #docs
            #rename
            #optional
            #double_option
            #lenient
            pub #field_name: #ty,
        }
    });

    let required: Vec<&Field> = object
        .constructor_args
        .iter()
        .filter_map(|name| object.fields.iter().find(|f| &f.name == name))
        .collect();
    let params = required.iter().map(|field| {
        let field_name = ident(&field.name);
        let ty = if field.nullable {
            let inner = type_tokens(&field.ty);
            quote!(Option<#inner>)
        } else {
            into_param(&field.ty)
        };
        quote!(#field_name: #ty)
    });
    let inits = object.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        match (field.required, field.nullable) {
            (true, false) => quote!(#field_name: #field_name.into()),
            (true, true) => quote!(#field_name),
            (false, _) => quote!(#field_name: None),
        }
    });
    // Keys the spec does not list, when `additionalProperties` allows them.
    let (additional_field, additional_init) = match &object.additional_properties {
        Some((field_name, value)) => {
            let field_name = ident(field_name);
            let value = type_tokens(value);
            (
                quote! {
                    /// Properties other than the ones above.
                    #[serde(flatten)]
                    pub #field_name: std::collections::BTreeMap<String, #value>,
                },
                quote!(#field_name: std::collections::BTreeMap::new(),),
            )
        }
        None => (TokenStream::new(), TokenStream::new()),
    };
    let too_many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let new_doc = if required.is_empty() {
        format!(
            " Builds an empty `{}`; set fields with the `with_` methods.",
            def.name
        )
    } else {
        format!(
            " Builds a `{}` from its required fields; set optional ones with the `with_` methods.",
            def.name
        )
    };
    let setters = object.fields.iter().filter(|f| !f.required).map(|field| {
        let field_name = ident(&field.name);
        let setter = format_ident!("with_{}", field.name.word());
        let param = into_param(&field.ty);
        // Rustdoc reads the `#` of a raw identifier (`r#type`) as a URL
        // fragment; a link names the field without it (`Self::type`).
        let doc = format!(" Sets [`{0}`](Self::{0}).", field.name.word());
        if field.nullable {
            let null_setter = format_ident!("with_{}_null", field.name.word());
            let null_doc = format!(
                " Sends [`{0}`](Self::{0}) as an explicit `null`.",
                field.name.word()
            );
            quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #setter(mut self, #field_name: #param) -> Self {
                    self.#field_name = Some(Some(#field_name.into()));
                    self
                }

                #[doc = #null_doc]
                #[must_use]
                pub fn #null_setter(mut self) -> Self {
                    self.#field_name = Some(None);
                    self
                }
            }
        } else {
            quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #setter(mut self, #field_name: #param) -> Self {
                    self.#field_name = Some(#field_name.into());
                    self
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derive_default serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #additional_field
        }

        impl #name {
            #[doc = #new_doc]
            #too_many
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* #additional_init }
            }

            #(#setters)*
        }
    }
}

fn emit_enum(def: &TypeDef, values: &StringEnum, docs: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let variants: Vec<Ident> = values.variants.iter().map(|v| ident(&v.name)).collect();
    let wire: Vec<&str> = values
        .variants
        .iter()
        .map(|v| v.wire_value.as_str())
        .collect();
    let variant_docs = wire.iter().map(|w| format!(" `{w}`"));
    let non_exhaustive = non_exhaustive_attr(STRING_ENUMS_NON_EXHAUSTIVE);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #non_exhaustive
        pub enum #name {
            #( #[doc = #variant_docs] #variants, )*
            /// A value this version of the client does not know.
            Unknown(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wire, )*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wire => Self::#variants, )*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    }
}

fn shape_tokens(shape: &VariantShape) -> TokenStream {
    match shape {
        VariantShape::Object {
            required,
            properties,
        } => quote! {
            runtime::VariantShape::Object { required: &[#(#required),*], properties: &[#(#properties),*] }
        },
        VariantShape::String => quote!(runtime::VariantShape::String),
        VariantShape::Integer => quote!(runtime::VariantShape::Integer),
        VariantShape::Number => quote!(runtime::VariantShape::Number),
        VariantShape::Bool => quote!(runtime::VariantShape::Bool),
        VariantShape::Array => quote!(runtime::VariantShape::Array),
        VariantShape::Any => quote!(runtime::VariantShape::Any),
    }
}

fn emit_one_of(def: &TypeDef, one_of: &OneOf, docs: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let type_name = &def.name;
    let variants: Vec<Ident> = one_of.variants.iter().map(|v| ident(&v.name)).collect();
    let types = one_of.variants.iter().map(|v| type_tokens(&v.ty));
    let variant_docs = one_of.variants.iter().map(|v| match &v.ty {
        TypeRef::Named(target) => format!(" Holds [`{target}`]."),
        _ => {
            let kind = v.name.to_lowercase();
            let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!(" Holds {article} {kind} value.")
        }
    });
    let names = one_of.variants.iter().map(|v| v.name.as_str());
    let shapes = one_of.variants.iter().map(|v| shape_tokens(&v.shape));
    let discriminator = match &one_of.discriminator {
        Some(discriminator) => {
            let property = &discriminator.property;
            let entries = discriminator.mapping.iter().filter_map(|(value, variant)| {
                let index = one_of.variants.iter().position(|v| &v.name == variant)?;
                Some(quote!((#value, #index)))
            });
            quote!(Some((#property, &[#(#entries),*])))
        }
        None => quote!(None),
    };
    let how = match &one_of.discriminator {
        Some(Discriminator {
            property,
            default_variant: Some(default),
            ..
        }) => format!(
            " The `{property}` property says which; a value it does not list, or none, is `{default}`."
        ),
        Some(d) => format!(
            " The `{}` property says which; otherwise, the first variant that fits.",
            d.property
        ),
        None => " Decoded as the variant that fits the value best.".to_owned(),
    };
    let default_index = one_of
        .discriminator
        .as_ref()
        .and_then(|d| d.default_variant.as_ref())
        .and_then(|default| one_of.variants.iter().position(|v| &v.name == default));
    let indices = 0..one_of.variants.len();
    let decode_as = quote! {
        |index, value| match index {
            #( #indices => serde_json::from_value(value).map(Self::#variants), )*
            _ => Err(serde::de::Error::custom("no such variant")),
        }
    };
    let decode = match default_index {
        Some(index) => {
            quote!(runtime::decode_variant_or_default(value, &DESCRIPTION, #index, #decode_as))
        }
        None => quote!(runtime::decode_variant(value, &DESCRIPTION, #decode_as)),
    };
    let non_exhaustive = non_exhaustive_attr(ONE_OF_NON_EXHAUSTIVE);
    quote! {
        #docs
        #[doc = ""]
        #[doc = #how]
        #[derive(Debug, Clone, PartialEq)]
        // Payloads built once per call: boxing the big variants would cost an
        // allocation and make every variant awkward to build.
        #[allow(clippy::large_enum_variant)]
        #non_exhaustive
        pub enum #name {
            #( #[doc = #variant_docs] #variants(#types), )*
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#variants(value) => serde::Serialize::serialize(value, serializer), )*
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                static DESCRIPTION: runtime::OneOfDescription = runtime::OneOfDescription {
                    name: #type_name,
                    variants: &[#( (#names, #shapes) ),*],
                    discriminator: #discriminator,
                };
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #decode.map_err(serde::de::Error::custom)
            }
        }
    }
}
