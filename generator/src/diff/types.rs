//! Named types: structs and their fields and constructors, string enums,
//! `oneOf` enums and aliases.

use std::collections::BTreeMap;

use super::collector::Collector;
use super::rendering::{rust, stored};
use super::report::{Change, ChangeKind, Impact, Subject};
use crate::emit::shape::{ONE_OF_NON_EXHAUSTIVE, STRING_ENUMS_NON_EXHAUSTIVE};
use crate::model::{
    Discriminator, Field, OneOf, RustName, StringEnum, Struct, TypeDef, TypeKind, TypeRef,
};

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "string enum",
        TypeKind::OneOf(_) => "oneOf enum",
        TypeKind::Alias(_) => "type alias",
    }
}

fn type_summary(def: &TypeDef) -> String {
    match &def.kind {
        TypeKind::Struct(object) => format!(
            "struct, {} field(s), new({})",
            object.fields.len(),
            RustName::join(&object.constructor_args, ", ")
        ),
        TypeKind::Enum(values) => {
            let names: Vec<&str> = values.variants.iter().map(|v| v.name.as_str()).collect();
            format!("enum {{ {}, Unknown(String) }}", names.join(", "))
        }
        TypeKind::OneOf(one_of) => {
            let variants: Vec<String> = one_of
                .variants
                .iter()
                .map(|v| format!("{}({})", v.name, rust(&v.ty)))
                .collect();
            format!("enum {{ {} }}", variants.join(", "))
        }
        TypeKind::Alias(target) => format!("type = {}", rust(target)),
    }
}

/// The type's shape without its docs or source, for spotting renames.
fn shape(kind: &TypeKind) -> TypeKind {
    match kind {
        TypeKind::Struct(object) => {
            let mut object = object.clone();
            for field in &mut object.fields {
                field.docs = None;
            }
            TypeKind::Struct(object)
        }
        TypeKind::Enum(_) | TypeKind::OneOf(_) | TypeKind::Alias(_) => kind.clone(),
    }
}

pub(super) fn compare_types(
    c: &mut Collector,
    old: &BTreeMap<String, TypeDef>,
    new: &BTreeMap<String, TypeDef>,
) {
    for (name, def) in old {
        match new.get(name) {
            Some(new_def) => compare_type(c, def, new_def),
            None => {
                let twin = new
                    .iter()
                    .find(|(n, d)| !old.contains_key(*n) && shape(&d.kind) == shape(&def.kind))
                    .map(|(n, _)| n);
                let mut reason = format!("code naming `{}` no longer compiles", name);
                if let Some(twin) = twin {
                    reason.push_str(&format!(
                        "; `{}` has the same shape (a rename, which is still breaking)",
                        twin
                    ));
                }
                c.push(
                    Change::new(Impact::Breaking, Subject::Type, name, ChangeKind::Removed)
                        .from(type_summary(def))
                        .why(reason),
                );
            }
        }
    }
    for (name, def) in new {
        if !old.contains_key(name) {
            c.push(
                Change::new(Impact::Addition, Subject::Type, name, ChangeKind::Added)
                    .to(type_summary(def))
                    .why("a new type"),
            );
        }
    }
}

fn compare_type(c: &mut Collector, old: &TypeDef, new: &TypeDef) {
    c.docs(&old.docs, &new.docs);
    let name = new.name.as_str();
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => compare_struct(c, name, a, b),
        (TypeKind::Enum(a), TypeKind::Enum(b)) => compare_enum(c, name, a, b),
        (TypeKind::OneOf(a), TypeKind::OneOf(b)) => compare_one_of(c, name, a, b),
        (TypeKind::Alias(a), TypeKind::Alias(b)) => {
            if a != b {
                c.push(
                    Change::new(Impact::Breaking, Subject::Type, name, ChangeKind::Changed)
                        .from(format!("type = {}", rust(a)))
                        .to(format!("type = {}", rust(b)))
                        .why("the alias names another type: code using it as the old one no longer compiles"),
                );
            }
        }
        // A new shape needs an arm above with its own rules; until then,
        // any difference is breaking.
        (TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::OneOf(_) | TypeKind::Alias(_), _) => c
            .push(
                Change::new(Impact::Breaking, Subject::Type, name, ChangeKind::Changed)
                    .from(format!("{} ({})", kind_name(&old.kind), type_summary(old)))
                    .to(format!("{} ({})", kind_name(&new.kind), type_summary(new)))
                    .why(format!(
                        "a {} became a {}: code using it as the former no longer compiles",
                        kind_name(&old.kind),
                        kind_name(&new.kind)
                    )),
            ),
    }
}

fn compare_struct(c: &mut Collector, name: &str, old: &Struct, new: &Struct) {
    for field in &old.fields {
        let path = format!("{name}::{}", field.name);
        let setter = format!("`with_{}`", field.name.word());
        match new.fields.iter().find(|f| f.name == field.name) {
            Some(new_field) => compare_field(c, &path, field, new_field),
            None => c.push(
                Change::new(Impact::Breaking, Subject::Field, path, ChangeKind::Removed)
                    .from(stored(field))
                    .why(if field.required {
                        format!(
                            "code reading `.{}` no longer compiles, and `{name}::new` loses an argument",
                            field.name
                        )
                    } else {
                        format!(
                            "code reading `.{}` or calling {setter} no longer compiles",
                            field.name
                        )
                    }),
            ),
        }
    }
    for field in &new.fields {
        if old.fields.iter().any(|f| f.name == field.name) {
            continue;
        }
        let path = format!("{name}::{}", field.name);
        let change = Change::new(Impact::Addition, Subject::Field, path, ChangeKind::Added)
            .to(stored(field));
        c.push(if field.required {
            Change {
                impact: Impact::Breaking,
                ..change
            }
            .why(format!(
                "a required field: `{name}::new` takes a new argument, so every call of it breaks"
            ))
        } else {
            change.why(format!(
                "optional: set with `with_{}`; the struct is #[non_exhaustive]",
                field.name.word()
            ))
        });
    }

    // `new` takes the required fields in `required` order.
    let common = |args: &[RustName], other: &[RustName]| -> Vec<RustName> {
        args.iter().filter(|a| other.contains(a)).cloned().collect()
    };
    let (old_args, new_args) = (
        common(&old.constructor_args, &new.constructor_args),
        common(&new.constructor_args, &old.constructor_args),
    );
    if old_args != new_args {
        c.push(
            Change::new(
                Impact::Breaking,
                Subject::Constructor,
                format!("{name}::new"),
                ChangeKind::Changed,
            )
            .from(format!("new({})", RustName::join(&old.constructor_args, ", ")))
            .to(format!("new({})", RustName::join(&new.constructor_args, ", ")))
            .why("the required fields are listed in another order, so `new` takes its arguments in another order"),
        );
    }

    let derives_default = |object: &Struct| object.fields.iter().all(|f| !f.required);
    match (derives_default(old), derives_default(new)) {
        (true, false) => c.push(
            Change::new(Impact::Breaking, Subject::Type, name, ChangeKind::Changed)
                .from("impl Default")
                .to("no Default")
                .why(format!(
                    "a field is now required, so `{name}::default()` no longer compiles"
                )),
        ),
        (false, true) => c.push(
            Change::new(Impact::Addition, Subject::Type, name, ChangeKind::Changed)
                .from("no Default")
                .to("impl Default")
                .why("every field is optional now, so the struct derives `Default`"),
        ),
        _ => {}
    }

    let map = |(field, value): &(RustName, TypeRef)| {
        (
            format!("{name}::{field}"),
            format!("BTreeMap<String, {}>", rust(value)),
        )
    };
    match (&old.additional_properties, &new.additional_properties) {
        (None, None) => {}
        (None, Some(added)) => {
            let (path, ty) = map(added);
            c.push(
                Change::new(Impact::Addition, Subject::Field, path, ChangeKind::Added)
                    .to(ty)
                    .why("keeps the properties not listed (`additionalProperties`); the struct is #[non_exhaustive]"),
            );
        }
        (Some(removed), None) => {
            let (path, ty) = map(removed);
            c.push(
                Change::new(Impact::Breaking, Subject::Field, path, ChangeKind::Removed)
                    .from(ty)
                    .why("code reading the map of other properties no longer compiles"),
            );
        }
        (Some(a), Some(b)) if a != b => {
            let ((old_path, old_ty), (new_path, new_ty)) = (map(a), map(b));
            c.push(
                Change::new(Impact::Breaking, Subject::Field, new_path, ChangeKind::Changed)
                    .from(format!("{old_path}: {old_ty}"))
                    .to(new_ty)
                    .why("the map of other properties is renamed or retyped: code reading it no longer compiles"),
            );
        }
        (Some(_), Some(_)) => {}
    }
}

fn compare_field(c: &mut Collector, path: &str, old: &Field, new: &Field) {
    c.docs(&old.docs, &new.docs);
    let (old_ty, new_ty) = (stored(old), stored(new));
    let role = |f: &Field| match (f.required, f.nullable) {
        (true, false) => "required",
        (true, true) => "required, nullable",
        (false, false) => "optional",
        (false, true) => "optional, nullable",
    };
    let setter = format!("`with_{}`", new.name.word());
    if old.ty != new.ty {
        c.push(
            Change::new(Impact::Breaking, Subject::Field, path, ChangeKind::Changed)
                .from(old_ty)
                .to(new_ty)
                .why("the field's type changed: code reading or setting it no longer compiles"),
        );
    } else if old_ty != new_ty || old.required != new.required {
        let mut effects = Vec::new();
        if old_ty != new_ty {
            effects.push(format!("reads get `{new_ty}`"));
        }
        match (old.required, new.required) {
            (false, true) => {
                effects.push(format!("`new` takes a new argument and {setter} is gone"))
            }
            (true, false) => {
                effects.push(format!("`new` no longer takes it (set it with {setter})"))
            }
            _ => {}
        }
        if !old.required && !new.required && old.nullable != new.nullable {
            let null_setter = format!("`with_{}_null`", new.name.word());
            effects.push(if new.nullable {
                format!("{null_setter} appears")
            } else {
                format!("{null_setter} is gone")
            });
        }
        c.push(
            Change::new(Impact::Breaking, Subject::Field, path, ChangeKind::Changed)
                .from(format!("{old_ty} ({})", role(old)))
                .to(format!("{new_ty} ({})", role(new)))
                .why(format!("now {}: {}", role(new), effects.join("; "))),
        );
    } else if old.nullable != new.nullable {
        // Not a shape the emitter has today (nullability always shows in
        // the stored type), but harmless if it comes to be.
        c.push(
            Change::new(
                Impact::Compatible,
                Subject::Field,
                path,
                ChangeKind::Changed,
            )
            .from(role(old))
            .to(role(new))
            .why(format!(
                "still `{new_ty}`: only whether the server may send `null` changed"
            )),
        );
    }
    if old.wire_name != new.wire_name {
        c.push(
            Change::new(
                Impact::Compatible,
                Subject::Field,
                path,
                ChangeKind::Changed,
            )
            .from(format!("JSON property `{}`", old.wire_name))
            .to(format!("JSON property `{}`", new.wire_name))
            .why("the Rust name is the same; the JSON it maps to is not"),
        );
    }
}

fn compare_enum(c: &mut Collector, name: &str, old: &StringEnum, new: &StringEnum) {
    for variant in &old.variants {
        let path = format!("{name}::{}", variant.name);
        match new.variants.iter().find(|v| v.name == variant.name) {
            None => c.push(
                Change::new(Impact::Breaking, Subject::EnumVariant, path, ChangeKind::Removed)
                    .from(format!("\"{}\"", variant.wire_value))
                    .why(format!(
                        "code naming `{name}::{}` no longer compiles; the value now decodes as `Unknown`",
                        variant.name
                    )),
            ),
            Some(now) if now.wire_value != variant.wire_value => c.push(
                Change::new(Impact::Compatible, Subject::EnumVariant, path, ChangeKind::Changed)
                    .from(format!("\"{}\"", variant.wire_value))
                    .to(format!("\"{}\"", now.wire_value))
                    .why("the Rust name is the same; the value on the wire is not"),
            ),
            Some(_) => {}
        }
    }
    for variant in &new.variants {
        if old.variants.iter().any(|v| v.name == variant.name) {
            continue;
        }
        let change = Change::new(
            Impact::Addition,
            Subject::EnumVariant,
            format!("{name}::{}", variant.name),
            ChangeKind::Added,
        )
        .to(format!("\"{}\"", variant.wire_value));
        c.push(if STRING_ENUMS_NON_EXHAUSTIVE {
            change.why(format!(
                "the enum is #[non_exhaustive]; the value used to decode as `Unknown(\"{}\")`",
                variant.wire_value
            ))
        } else {
            Change {
                impact: Impact::Breaking,
                ..change
            }
            .why("the enum is exhaustive: `match`es without a wildcard no longer compile")
        });
    }
    let order = |values: &StringEnum, other: &StringEnum| -> Vec<String> {
        values
            .variants
            .iter()
            .filter(|v| other.variants.iter().any(|o| o.name == v.name))
            .map(|v| v.name.clone())
            .collect()
    };
    let (old_order, new_order) = (order(old, new), order(new, old));
    if old_order != new_order {
        c.push(
            Change::new(Impact::Compatible, Subject::Type, name, ChangeKind::Changed)
                .from(old_order.join(", "))
                .to(new_order.join(", "))
                .why("the values are listed in another order: the derived `Ord` sorts them differently"),
        );
    }
}

fn discriminator_summary(discriminator: &Option<Discriminator>) -> String {
    match discriminator {
        None => "no discriminator".to_owned(),
        Some(d) => {
            let mapping: Vec<String> = d
                .mapping
                .iter()
                .map(|(value, variant)| format!("{value} => {variant}"))
                .collect();
            format!("`{}`: {}", d.property, mapping.join(", "))
        }
    }
}

fn compare_one_of(c: &mut Collector, name: &str, old: &OneOf, new: &OneOf) {
    for variant in &old.variants {
        let path = format!("{name}::{}", variant.name);
        match new.variants.iter().find(|v| v.name == variant.name) {
            None => c.push(
                Change::new(Impact::Breaking, Subject::Variant, path, ChangeKind::Removed)
                    .from(format!("{}({})", variant.name, rust(&variant.ty)))
                    .why(format!(
                        "code naming `{name}::{}` no longer compiles",
                        variant.name
                    )),
            ),
            Some(now) if now.ty != variant.ty => c.push(
                Change::new(Impact::Breaking, Subject::Variant, path, ChangeKind::Changed)
                    .from(format!("{}({})", variant.name, rust(&variant.ty)))
                    .to(format!("{}({})", now.name, rust(&now.ty)))
                    .why("the variant holds another type: code building or matching it no longer compiles"),
            ),
            // The variant's JSON shape follows from its type, whose own
            // changes are reported where that type is.
            Some(_) => {}
        }
    }
    for variant in &new.variants {
        if old.variants.iter().any(|v| v.name == variant.name) {
            continue;
        }
        let change = Change::new(
            Impact::Breaking,
            Subject::Variant,
            format!("{name}::{}", variant.name),
            ChangeKind::Added,
        )
        .to(format!("{}({})", variant.name, rust(&variant.ty)));
        c.push(if ONE_OF_NON_EXHAUSTIVE {
            Change {
                impact: Impact::Addition,
                ..change
            }
            .why("the enum is #[non_exhaustive]")
        } else {
            change.why(format!(
                "`{name}` is an exhaustive enum: `match`es on it without a wildcard no longer compile"
            ))
        });
    }
    let order = |one_of: &OneOf, other: &OneOf| -> Vec<String> {
        one_of
            .variants
            .iter()
            .filter(|v| other.variants.iter().any(|o| o.name == v.name))
            .map(|v| v.name.clone())
            .collect()
    };
    let (old_order, new_order) = (order(old, new), order(new, old));
    if old_order != new_order {
        c.push(
            Change::new(Impact::Compatible, Subject::Type, name, ChangeKind::Changed)
                .from(old_order.join(", "))
                .to(new_order.join(", "))
                .why("the alternatives are listed in another order: a value that fits several may decode as another variant"),
        );
    }
    if old.discriminator != new.discriminator {
        c.push(
            Change::new(Impact::Compatible, Subject::Type, name, ChangeKind::Changed)
                .from(discriminator_summary(&old.discriminator))
                .to(discriminator_summary(&new.discriminator))
                .why("the discriminator changed: the same Rust API, but JSON may decode as another variant"),
        );
    }
}
