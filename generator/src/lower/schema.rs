//! Lowering schemas into named types and type references.

use std::collections::BTreeMap;

use openapiv3::{
    AdditionalProperties, IntegerFormat, OpenAPI, ReferenceOr, Schema, SchemaKind, StringFormat,
    Type, VariantOrUnknownOrEmpty,
};

use super::names::{self, NameAllocator, RESERVED_TYPE_NAMES};
use super::refs::{self, MAX_DEPTH};
use crate::diagnostics::{Warnings, child};
use crate::model::{
    Discriminator, EnumVariant, Field, OneOf, RustName, StringEnum, Struct, TypeDef, TypeKind,
    TypeRef, Variant, VariantShape,
};

/// An object schema's properties, gathered from it and its `allOf` parts.
#[derive(Default)]
struct ObjectParts {
    /// Wire name, schema, JSON pointer; the first definition of a name wins.
    properties: Vec<(String, ReferenceOr<Box<Schema>>, String)>,
    required: Vec<String>,
    additional: Option<AdditionalProperties>,
    description: Option<String>,
    /// Component schemas reached through an `allOf` `$ref`, by pointer:
    /// `true` once merged, `false` while their own parts are being gathered.
    /// A component reached again (`allOf` graphs share parts) is not walked
    /// again, or the walk would take time exponential in the depth.
    components: BTreeMap<String, bool>,
}

const SCHEMA_REF_PREFIX: &str = <Schema as refs::Referable>::PREFIX;

/// Every named type of an API, with the names already handed out.
pub struct TypeSpace<'a> {
    spec: &'a OpenAPI,
    names: NameAllocator,
    /// Component schema name in the spec -> Rust type name.
    component_names: BTreeMap<String, String>,
    types: BTreeMap<String, TypeDef>,
}

impl<'a> TypeSpace<'a> {
    /// Names every component schema (in sorted order, so that the names do
    /// not depend on the order of the file) and lowers them.
    pub fn new(spec: &'a OpenAPI, warnings: &mut Warnings) -> Self {
        let mut space = Self {
            spec,
            names: NameAllocator::with_reserved(RESERVED_TYPE_NAMES),
            component_names: BTreeMap::new(),
            types: BTreeMap::new(),
        };
        let schemas: BTreeMap<&String, &ReferenceOr<Schema>> = spec
            .components
            .iter()
            .flat_map(|c| c.schemas.iter())
            .collect();
        for raw in schemas.keys() {
            let pointer = child("#/components/schemas", raw);
            let name = space.allocate_type_name(raw, &pointer, warnings);
            space.component_names.insert((*raw).clone(), name);
        }
        for (raw, schema) in schemas {
            let name = space.component_names[raw].clone();
            let pointer = child("#/components/schemas", raw);
            space.define(&name, schema, &pointer, warnings);
        }
        space
    }

    /// Takes a type name, renaming (with a warning) names the generated code
    /// reserves and names already taken.
    pub fn allocate_type_name(
        &mut self,
        raw: &str,
        pointer: &str,
        warnings: &mut Warnings,
    ) -> String {
        let natural = names::type_name(raw);
        let reserved = RESERVED_TYPE_NAMES.contains(&natural.as_str());
        let wanted = if reserved {
            format!("{natural}Model")
        } else {
            natural.clone()
        };
        let (name, _) = self.names.allocate(&wanted);
        if name != natural {
            let why = if reserved {
                "reserved by the generated client"
            } else {
                "taken by another type"
            };
            warnings.push(
                pointer,
                format!("named `{name}` in Rust: `{natural}` is {why}"),
            );
        }
        name
    }

    /// The types lowered so far.
    pub fn types(&self) -> &BTreeMap<String, TypeDef> {
        &self.types
    }

    pub fn into_types(self) -> BTreeMap<String, TypeDef> {
        self.types
    }

    /// Lowers a schema used in place (a field, a parameter, a body) into a
    /// type reference; inline objects and enums become named types called
    /// `hint`.
    pub fn reference(
        &mut self,
        schema: &ReferenceOr<Schema>,
        hint: &str,
        pointer: &str,
        warnings: &mut Warnings,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => {
                self.resolve_reference(reference, pointer, warnings)
            }
            ReferenceOr::Item(schema) => self.inline(schema, hint, pointer, warnings),
        }
    }

    fn reference_boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        hint: &str,
        pointer: &str,
        warnings: &mut Warnings,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => {
                self.resolve_reference(reference, pointer, warnings)
            }
            ReferenceOr::Item(schema) => self.inline(schema, hint, pointer, warnings),
        }
    }

    fn resolve_reference(
        &mut self,
        reference: &str,
        pointer: &str,
        warnings: &mut Warnings,
    ) -> TypeRef {
        let target = reference
            .strip_prefix(SCHEMA_REF_PREFIX)
            .map(|name| name.replace("~1", "/").replace("~0", "~"));
        match target.and_then(|name| self.component_names.get(&name)) {
            Some(name) => TypeRef::Named(name.clone()),
            None => {
                warnings.push(
                    pointer,
                    format!("`$ref: {reference}` does not name a schema under #/components/schemas; typed as serde_json::Value"),
                );
                TypeRef::Json
            }
        }
    }

    /// Whether a schema needs a named type of its own.
    fn needs_definition(schema: &Schema) -> bool {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => !object.properties.is_empty(),
            SchemaKind::Any(any) => !any.properties.is_empty(),
            SchemaKind::Type(Type::String(string)) => {
                string.enumeration.iter().any(Option::is_some)
            }
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } | SchemaKind::AllOf { .. } => true,
            _ => false,
        }
    }

    /// The only member of a one-element `allOf`/`oneOf`/`anyOf`: such a
    /// schema is that member (often a `$ref` wrapped to add a description).
    /// Parts that only annotate (`{description: ...}`) do not count: real
    /// specs write `allOf: [{$ref: X}, {description: ...}]` to document a use of X.
    fn single_member(schema: &Schema) -> Option<&ReferenceOr<Schema>> {
        match &schema.schema_kind {
            SchemaKind::AllOf { all_of: members } => {
                let mut substantive = members
                    .iter()
                    .filter(|member| !Self::annotation_only(member));
                let first = substantive.next()?;
                substantive.next().is_none().then_some(first)
            }
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members }
                if members.len() == 1 =>
            {
                members.first()
            }
            _ => None,
        }
    }

    /// A schema that says nothing about the value's shape.
    fn annotation_only(schema: &ReferenceOr<Schema>) -> bool {
        match schema {
            ReferenceOr::Reference { .. } => false,
            ReferenceOr::Item(schema) => match &schema.schema_kind {
                SchemaKind::Any(any) => {
                    any.typ.is_none()
                        && any.properties.is_empty()
                        && any.items.is_none()
                        && any.enumeration.is_empty()
                        && any.additional_properties.is_none()
                        && any.format.is_none()
                        && any.all_of.is_empty()
                        && any.one_of.is_empty()
                        && any.any_of.is_empty()
                        && any.not.is_none()
                }
                _ => false,
            },
        }
    }

    /// The component schema a `$ref` names, following `$ref` chains, with
    /// the pointer of the component that holds it.
    fn component_schema(&self, reference: &str) -> Option<(&'a Schema, String)> {
        let (schema, name) = refs::follow::<Schema>(self.spec, reference)?;
        Some((schema, child("#/components/schemas", name)))
    }

    /// Gathers the properties of an object schema and of every part of an
    /// `allOf` (through `$ref`s). False when some part is not an object.
    fn collect_object(
        &self,
        schema: &Schema,
        pointer: &str,
        depth: usize,
        parts: &mut ObjectParts,
    ) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        if parts.description.is_none() {
            parts
                .description
                .clone_from(&schema.schema_data.description);
        }
        let mut add = |properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
                       required: &[String],
                       additional: &Option<AdditionalProperties>| {
            for (wire, property) in properties {
                if !parts.properties.iter().any(|(known, _, _)| known == wire) {
                    let at = child(&child(pointer, "properties"), wire);
                    parts.properties.push((wire.clone(), property.clone(), at));
                }
            }
            for name in required {
                if !parts.required.contains(name) {
                    parts.required.push(name.clone());
                }
            }
            if additional.is_some() {
                parts.additional.clone_from(additional);
            }
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                add(
                    &object.properties,
                    &object.required,
                    &object.additional_properties,
                );
                true
            }
            SchemaKind::Any(any)
                if any.all_of.is_empty() && any.one_of.is_empty() && any.any_of.is_empty() =>
            {
                add(&any.properties, &any.required, &any.additional_properties);
                true
            }
            SchemaKind::AllOf { all_of } => {
                all_of.iter().enumerate().all(|(index, part)| match part {
                    ReferenceOr::Reference { reference } => {
                        let Some((target, target_pointer)) = self.component_schema(reference)
                        else {
                            return false;
                        };
                        // Merged already: nothing new. In progress: a cycle.
                        if let Some(&merged) = parts.components.get(&target_pointer) {
                            return merged;
                        }
                        parts.components.insert(target_pointer.clone(), false);
                        let merged = self.collect_object(target, &target_pointer, depth + 1, parts);
                        parts.components.insert(target_pointer, merged);
                        merged
                    }
                    ReferenceOr::Item(item) => {
                        let at = child(&child(pointer, "allOf"), &index.to_string());
                        self.collect_object(item, &at, depth + 1, parts)
                    }
                })
            }
            _ => false,
        }
    }

    fn inline(
        &mut self,
        schema: &Schema,
        hint: &str,
        pointer: &str,
        warnings: &mut Warnings,
    ) -> TypeRef {
        if let Some(member) = Self::single_member(schema) {
            return self.reference(member, hint, pointer, warnings);
        }
        if Self::needs_definition(schema) {
            let name = self.allocate_type_name(hint, pointer, warnings);
            self.define(&name, &ReferenceOr::Item(schema.clone()), pointer, warnings);
            return TypeRef::Named(name);
        }
        self.anonymous(schema, hint, pointer, warnings)
    }

    /// An array schema with 3.1's `prefixItems` (carried by the loader as
    /// an extension): a tuple of its items' types. The pointers name
    /// `prefixItems`, as the user wrote it.
    fn tuple(
        &mut self,
        schema: &Schema,
        hint: &str,
        pointer: &str,
        warnings: &mut Warnings,
    ) -> Option<TypeRef> {
        let SchemaKind::Type(Type::Array(_)) = &schema.schema_kind else {
            return None;
        };
        let serde_json::Value::Array(members) = schema
            .schema_data
            .extensions
            .get(crate::loader_extensions::PREFIX_ITEMS)?
        else {
            return None;
        };
        let list_at = child(pointer, "prefixItems");
        let mut items = Vec::with_capacity(members.len());
        for (index, member) in members.iter().enumerate() {
            let at = child(&list_at, &index.to_string());
            let ty = match serde_json::from_value::<ReferenceOr<Schema>>(member.clone()) {
                Ok(member) => {
                    self.reference(&member, &format!("{hint}Item{}", index + 1), &at, warnings)
                }
                Err(error) => {
                    warnings.push(
                        &at,
                        format!("a tuple item whose schema does not type ({error}); typed as serde_json::Value"),
                    );
                    TypeRef::Json
                }
            };
            items.push(ty);
        }
        Some(TypeRef::Tuple(items))
    }

    /// A schema that maps onto a Rust type without a definition of its own.
    fn anonymous(
        &mut self,
        schema: &Schema,
        hint: &str,
        pointer: &str,
        warnings: &mut Warnings,
    ) -> TypeRef {
        if let Some(tuple) = self.tuple(schema, hint, pointer, warnings) {
            return tuple;
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
                VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => TypeRef::File,
                _ => TypeRef::String,
            },
            SchemaKind::Type(Type::Number(_)) => TypeRef::Decimal,
            SchemaKind::Type(Type::Integer(integer)) => match integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                _ => TypeRef::I64,
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let item = self.reference_boxed(
                        items,
                        &format!("{hint}Item"),
                        &child(pointer, "items"),
                        warnings,
                    );
                    TypeRef::List(Box::new(item))
                }
                None => TypeRef::List(Box::new(TypeRef::Json)),
            },
            SchemaKind::Type(Type::Object(object)) => match &object.additional_properties {
                Some(AdditionalProperties::Schema(value)) => {
                    let value = self.reference(
                        value,
                        &format!("{hint}Value"),
                        &child(pointer, "additionalProperties"),
                        warnings,
                    );
                    TypeRef::Map(Box::new(value))
                }
                _ => TypeRef::JsonObject,
            },
            SchemaKind::Any(_) => TypeRef::Json,
            SchemaKind::OneOf { .. }
            | SchemaKind::AnyOf { .. }
            | SchemaKind::AllOf { .. }
            | SchemaKind::Not { .. } => {
                warnings.push(
                    pointer,
                    "oneOf/anyOf/allOf/not is not typed yet; typed as serde_json::Value",
                );
                TypeRef::Json
            }
        }
    }

    /// Defines the named type `name` from a schema.
    fn define(
        &mut self,
        name: &str,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
        warnings: &mut Warnings,
    ) {
        let (docs, kind) = match schema {
            ReferenceOr::Reference { reference } => (
                None,
                TypeKind::Alias(self.resolve_reference(reference, pointer, warnings)),
            ),
            ReferenceOr::Item(schema) => {
                let mut docs = schema.schema_data.description.clone();
                let mut parts = ObjectParts::default();
                let kind = match &schema.schema_kind {
                    SchemaKind::OneOf { one_of: members } => {
                        self.lower_one_of(name, schema, members, &child(pointer, "oneOf"), warnings)
                    }
                    SchemaKind::AnyOf { any_of: members } => {
                        self.lower_one_of(name, schema, members, &child(pointer, "anyOf"), warnings)
                    }
                    SchemaKind::Type(Type::String(string))
                        if string.enumeration.iter().any(Option::is_some) =>
                    {
                        let mut variant_names = NameAllocator::with_reserved(&["Unknown"]);
                        // A value listed twice (Stripe lists one date 10
                        // times) is one variant: a second would be a match
                        // arm that can never be reached.
                        let mut seen = std::collections::BTreeSet::new();
                        let mut repeated = std::collections::BTreeSet::new();
                        let mut variants = Vec::new();
                        for value in string.enumeration.iter().flatten() {
                            if !seen.insert(value.as_str()) {
                                repeated.insert(value.as_str());
                                continue;
                            }
                            variants.push(EnumVariant {
                                name: variant_names.allocate(&names::type_name(value)).0,
                                wire_value: value.clone(),
                            });
                        }
                        if !repeated.is_empty() {
                            let listed: Vec<String> =
                                repeated.iter().map(|v| format!("{v:?}")).collect();
                            warnings.push(
                                child(pointer, "enum"),
                                format!(
                                    "listed more than once, one variant each: {}",
                                    listed.join(", ")
                                ),
                            );
                        }
                        TypeKind::Enum(StringEnum { variants })
                    }
                    // A struct needs properties; `additionalProperties` alone is a map.
                    _ if self.collect_object(schema, pointer, 0, &mut parts)
                        && !parts.properties.is_empty() =>
                    {
                        if docs.is_none() {
                            docs = parts.description.take();
                        }
                        self.lower_object(name, parts, warnings)
                    }
                    SchemaKind::AllOf { .. } if Self::single_member(schema).is_some() => {
                        let member = Self::single_member(schema).cloned();
                        let member = member.unwrap_or(ReferenceOr::Item(Schema {
                            schema_data: Default::default(),
                            schema_kind: SchemaKind::Any(Default::default()),
                        }));
                        TypeKind::Alias(self.reference(&member, name, pointer, warnings))
                    }
                    SchemaKind::AllOf { .. } => {
                        warnings.push(
                            pointer,
                            "an allOf whose parts are not all objects cannot be merged; typed as serde_json::Value",
                        );
                        TypeKind::Alias(TypeRef::Json)
                    }
                    _ => TypeKind::Alias(self.anonymous(schema, name, pointer, warnings)),
                };
                (docs, kind)
            }
        };
        self.types.insert(
            name.to_owned(),
            TypeDef {
                name: name.to_owned(),
                pointer: pointer.to_owned(),
                docs,
                kind,
                example: None,
            },
        );
    }

    fn lower_object(
        &mut self,
        name: &str,
        parts: ObjectParts,
        warnings: &mut Warnings,
    ) -> TypeKind {
        let mut field_names = NameAllocator::default();
        let mut fields = Vec::with_capacity(parts.properties.len());
        for (wire_name, property, property_pointer) in &parts.properties {
            let (field_name, renamed) = field_names.allocate(&names::snake_name(wire_name));
            if renamed {
                warnings.push(
                    property_pointer,
                    format!("field named `{field_name}`: another property has the same Rust name"),
                );
            }
            let hint = format!("{name}{}", names::type_name(wire_name));
            let ty = self.reference_boxed(property, &hint, property_pointer, warnings);
            let (docs, nullable) = match property {
                ReferenceOr::Item(schema) => (
                    schema.schema_data.description.clone(),
                    schema.schema_data.nullable,
                ),
                // A `$ref` property has no description of its own: the
                // referenced schema's says what it is.
                ReferenceOr::Reference { reference } => {
                    (self.referenced_description(reference), false)
                }
            };
            fields.push(Field {
                name: RustName::new(field_name),
                wire_name: wire_name.clone(),
                docs,
                ty,
                required: parts.required.contains(wire_name),
                nullable,
                empty_array_as_map: false,
            });
        }
        let constructor_args = parts
            .required
            .iter()
            .filter_map(|wire| fields.iter().find(|f| &f.wire_name == wire))
            .map(|f| f.name.clone())
            .collect();
        let additional_properties = match &parts.additional {
            Some(AdditionalProperties::Schema(value)) => {
                let ty = self.reference(
                    value,
                    &format!("{name}Value"),
                    &format!("#/components/schemas/{name}"),
                    warnings,
                );
                Some(ty)
            }
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Json),
            _ => None,
        }
        .map(|ty| {
            (
                RustName::new(field_names.allocate("additional_properties").0),
                ty,
            )
        });
        TypeKind::Struct(Struct {
            fields,
            constructor_args,
            additional_properties,
        })
    }

    fn lower_one_of(
        &mut self,
        name: &str,
        schema: &Schema,
        members: &[ReferenceOr<Schema>],
        pointer: &str,
        warnings: &mut Warnings,
    ) -> TypeKind {
        let tys: Vec<TypeRef> = members
            .iter()
            .enumerate()
            .map(|(index, member)| {
                let at = child(pointer, &index.to_string());
                let hint = format!("{name}Variant{}", index + 1);
                self.reference(member, &hint, &at, warnings)
            })
            .collect();
        // `CardPaymentMethod | UpiPaymentMethod` reads better as `Card | Upi`.
        let suffix = common_camel_suffix(tys.iter().filter_map(|ty| match ty {
            TypeRef::Named(type_name) => Some(type_name.as_str()),
            _ => None,
        }));
        let mut variant_names = NameAllocator::default();
        let mut variants = Vec::with_capacity(members.len());
        for ty in tys {
            let wanted = match &ty {
                // A hoisted inline variant is named after the enum; its
                // variant name need not repeat it.
                TypeRef::Named(type_name) => {
                    let short = type_name
                        .strip_prefix(name)
                        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
                        .unwrap_or(type_name);
                    short
                        .strip_suffix(suffix.as_str())
                        .unwrap_or(short)
                        .to_owned()
                }
                TypeRef::String => "String".to_owned(),
                TypeRef::I32 | TypeRef::I64 => "Integer".to_owned(),
                TypeRef::Decimal => "Number".to_owned(),
                TypeRef::Bool => "Bool".to_owned(),
                TypeRef::DateTime => "DateTime".to_owned(),
                TypeRef::Date => "Date".to_owned(),
                TypeRef::List(_) => "List".to_owned(),
                TypeRef::Tuple(_) => "Tuple".to_owned(),
                TypeRef::Map(_) | TypeRef::JsonObject => "Object".to_owned(),
                TypeRef::Json | TypeRef::Boxed(_) => "Value".to_owned(),
                TypeRef::File => "File".to_owned(),
            };
            let (variant, _) = variant_names.allocate(&wanted);
            variants.push(Variant {
                name: variant,
                ty,
                shape: VariantShape::Any,
            });
        }
        let discriminator = schema.schema_data.discriminator.as_ref().map(|discriminator| {
            let variant_for_type = |type_name: &str| {
                variants
                    .iter()
                    .find(|v| v.ty == TypeRef::Named(type_name.to_owned()))
                    .map(|v| v.name.clone())
            };
            let mut mapping: Vec<(String, String)> = Vec::new();
            for (value, target) in &discriminator.mapping {
                let target = target.strip_prefix(SCHEMA_REF_PREFIX).unwrap_or(target);
                match self.component_names.get(target).and_then(|t| variant_for_type(t)) {
                    Some(variant) => mapping.push((value.clone(), variant)),
                    None => warnings.push(
                        child(&child(pointer, "discriminator"), value),
                        format!("discriminator value {value:?} maps to {target:?}, which is not one of the variants; ignored"),
                    ),
                }
            }
            // Without an explicit entry, a variant's value is its schema's name.
            for (raw, type_name) in &self.component_names {
                if let Some(variant) = variant_for_type(type_name) {
                    if !mapping.iter().any(|(_, v)| *v == variant) {
                        mapping.push((raw.clone(), variant));
                    }
                }
            }
            let default_variant = discriminator
                .extensions
                .get(crate::loader_extensions::DEFAULT_MAPPING)
                .and_then(serde_json::Value::as_str)
                .and_then(|target| {
                    let target = target.strip_prefix(SCHEMA_REF_PREFIX).unwrap_or(target);
                    let variant = self.component_names.get(target).and_then(|t| variant_for_type(t));
                    if variant.is_none() {
                        warnings.push(
                            child(&child(pointer, "discriminator"), "defaultMapping"),
                            format!("`defaultMapping` names {target:?}, which is not one of the variants; ignored"),
                        );
                    }
                    variant
                });
            Discriminator {
                property: discriminator.property_name.clone(),
                mapping,
                default_variant,
            }
        });
        TypeKind::OneOf(OneOf {
            variants,
            discriminator,
        })
    }

    /// The description of the component schema a `$ref` points at.
    fn referenced_description(&self, reference: &str) -> Option<String> {
        match refs::lookup::<Schema>(self.spec, reference)?.1 {
            ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// Whether values of `ty` print as one parameter value (`Display`):
    /// primitives, string enums, and aliases of those.
    pub fn is_scalar(&self, ty: &TypeRef) -> bool {
        let mut ty = ty;
        for _ in 0..MAX_DEPTH {
            match ty {
                TypeRef::String
                | TypeRef::Bool
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::Decimal
                | TypeRef::Date => return true,
                TypeRef::Named(name) => match self.types.get(name).map(|def| &def.kind) {
                    Some(TypeKind::Enum(_)) => return true,
                    Some(TypeKind::Alias(target)) => ty = target,
                    _ => return false,
                },
                _ => return false,
            }
        }
        false
    }

    /// The struct a type reference names, if it names one.
    pub fn struct_of(&self, ty: &TypeRef) -> Option<&Struct> {
        match ty {
            TypeRef::Named(name) => match &self.types.get(name)?.kind {
                TypeKind::Struct(object) => Some(object),
                _ => None,
            },
            _ => None,
        }
    }

    /// The spec being lowered.
    pub fn spec(&self) -> &'a OpenAPI {
        self.spec
    }
}

/// The longest run of whole camel-case words that every name ends with,
/// leaving each a word of its own; empty when there are fewer than two names.
fn common_camel_suffix<'n>(names: impl Iterator<Item = &'n str>) -> String {
    let names: Vec<&str> = names.collect();
    let Some(first) = names.first() else {
        return String::new();
    };
    if names.len() < 2 {
        return String::new();
    }
    let starts = first
        .char_indices()
        .filter(|(_, c)| c.is_ascii_uppercase())
        .map(|(i, _)| i);
    for start in starts.filter(|&i| i > 0) {
        let suffix = &first[start..];
        let fits = names.iter().all(|name| {
            name.len() > suffix.len()
                && name.ends_with(suffix)
                && name[name.len() - suffix.len()..].starts_with(|c: char| c.is_ascii_uppercase())
                && name[..name.len() - suffix.len()].starts_with(|c: char| c.is_ascii_uppercase())
        });
        if fits {
            return suffix.to_owned();
        }
    }
    String::new()
}
