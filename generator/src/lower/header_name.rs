//! Header names as `http` wants them.

/// A header name in the lower case `http` wants, if it is a valid token.
pub fn header_name(raw: &str) -> Option<String> {
    let valid = !raw.is_empty()
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    valid.then(|| raw.to_ascii_lowercase())
}
