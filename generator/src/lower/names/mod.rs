//! The one place where spec names become Rust names: case conversion,
//! identifier validity and keywords here; uniqueness within a namespace in
//! [`allocator`]; the names the generated code keeps for itself in
//! [`reserved`].

mod allocator;
mod raw;
pub mod reserved;

pub use allocator::NameAllocator;
pub use raw::unraw;
pub use reserved::RESERVED_TYPE_NAMES;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be identifiers as they are, in any edition.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers either.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// `UpperCamelCase`, valid as an identifier (`Self`, the one keyword that
/// can be camel case, becomes `SelfValue`).
pub fn type_name(raw: &str) -> String {
    let camel = clean(raw).to_upper_camel_case();
    let camel = match camel.as_str() {
        "" => "Unnamed".to_owned(),
        // The one camel-case keyword, and it cannot be a raw identifier.
        "Self" => "SelfValue".to_owned(),
        _ => camel,
    };
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{camel}")
    } else {
        camel
    }
}

/// `snake_case`, valid as an identifier: keywords become raw identifiers
/// (`r#type`), or get a trailing `_` where that is impossible (`self_`).
pub fn snake_name(raw: &str) -> String {
    let snake = clean(raw).to_snake_case();
    let snake = if snake.is_empty() {
        "value".to_owned()
    } else {
        snake
    };
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    };
    escape_keyword(snake)
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Keeps letters and digits, turning everything else into word breaks, so
/// that `x-api-version`, `order id` and `$ref` all convert cleanly.
fn clean(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_camel_case_identifiers() {
        assert_eq!(type_name("CreateOrderRequest"), "CreateOrderRequest");
        assert_eq!(type_name("order-tags"), "OrderTags");
        assert_eq!(type_name("2fa config"), "N2faConfig");
        assert_eq!(type_name("$$$"), "Unnamed");
        assert_eq!(type_name("SELF"), "SelfValue");
    }

    #[test]
    fn snake_names_escape_keywords_and_digits() {
        assert_eq!(snake_name("type"), "r#type");
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(snake_name("x-api-version"), "x_api_version");
        assert_eq!(snake_name("orderAmount"), "order_amount");
        assert_eq!(snake_name("3ds"), "n3ds");
        assert_eq!(snake_name("Create Order"), "create_order");
    }
}
