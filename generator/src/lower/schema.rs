//! Lowering schemas into named types and type references.

use std::collections::BTreeMap;

use openapiv3::{
    AdditionalProperties, IntegerFormat, OpenAPI, ReferenceOr, Schema, SchemaKind, StringFormat,
    Type, VariantOrUnknownOrEmpty,
};

use super::names::{self, NameAllocator, RESERVED_TYPE_NAMES};
use crate::diagnostics::{Warnings, child};
use crate::model::{EnumVariant, Field, StringEnum, Struct, TypeDef, TypeKind, TypeRef};

const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

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

    /// The named types.
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
            SchemaKind::Type(Type::String(string)) => !string.enumeration.is_empty(),
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
        if Self::needs_definition(schema) {
            let name = self.allocate_type_name(hint, pointer, warnings);
            self.define(&name, &ReferenceOr::Item(schema.clone()), pointer, warnings);
            return TypeRef::Named(name);
        }
        self.anonymous(schema, hint, pointer, warnings)
    }

    /// A schema that maps onto a Rust type without a definition of its own.
    fn anonymous(
        &mut self,
        schema: &Schema,
        hint: &str,
        pointer: &str,
        warnings: &mut Warnings,
    ) -> TypeRef {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
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
                let docs = schema.schema_data.description.clone();
                let kind = match &schema.schema_kind {
                    SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => {
                        let mut field_names = NameAllocator::default();
                        let mut fields = Vec::with_capacity(object.properties.len());
                        for (wire_name, property) in &object.properties {
                            let property_pointer = child(&child(pointer, "properties"), wire_name);
                            let (field_name, renamed) =
                                field_names.allocate(&names::snake_name(wire_name));
                            if renamed {
                                warnings.push(&property_pointer, format!("field named `{field_name}`: another property has the same Rust name"));
                            }
                            let hint = format!("{name}{}", names::type_name(wire_name));
                            let ty =
                                self.reference_boxed(property, &hint, &property_pointer, warnings);
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
                                name: field_name,
                                wire_name: wire_name.clone(),
                                docs,
                                ty,
                                required: object.required.contains(wire_name),
                                nullable,
                            });
                        }
                        let constructor_args = object
                            .required
                            .iter()
                            .filter_map(|wire| fields.iter().find(|f| &f.wire_name == wire))
                            .map(|f| f.name.clone())
                            .collect();
                        TypeKind::Struct(Struct {
                            fields,
                            constructor_args,
                        })
                    }
                    SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                        let mut variant_names = NameAllocator::with_reserved(&["Unknown"]);
                        let variants = string
                            .enumeration
                            .iter()
                            .flatten()
                            .map(|value| EnumVariant {
                                name: variant_names.allocate(&names::type_name(value)).0,
                                wire_value: value.clone(),
                            })
                            .collect();
                        TypeKind::Enum(StringEnum { variants })
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
                source: pointer.to_owned(),
                docs,
                kind,
            },
        );
    }

    /// The description of the component schema a `$ref` points at.
    fn referenced_description(&self, reference: &str) -> Option<String> {
        let name = reference.strip_prefix(SCHEMA_REF_PREFIX)?;
        match self.spec.components.as_ref()?.schemas.get(name)? {
            ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// The spec being lowered.
    pub fn spec(&self) -> &'a OpenAPI {
        self.spec
    }
}
