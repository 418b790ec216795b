//! JSON pointers (RFC 6901) in the `#/a/b` form diagnostics and `$ref`s
//! use: building them from keys, and reading their segments back.
//!
//! A leaf: diagnostics, the source map, the checks and the lowering all
//! name spec nodes this way, and none of them is needed to do it.

/// Builds a pointer from unescaped segments: `["paths", "/a"]` gives
/// `#/paths/~1a`.
pub fn pointer(segments: &[&str]) -> String {
    let mut out = String::from("#");
    for segment in segments {
        push_segment(&mut out, segment);
    }
    out
}

/// Appends one key to a pointer.
pub fn child(parent: &str, key: &str) -> String {
    let mut pointer = String::with_capacity(parent.len() + key.len() + 1);
    pointer.push_str(parent);
    push_segment(&mut pointer, key);
    pointer
}

/// Appends `/key` to a pointer, escaped. Most keys need no escaping: they
/// are copied as they are, without a temporary string.
pub(crate) fn push_segment(pointer: &mut String, key: &str) {
    pointer.push('/');
    if key.contains(['~', '/']) {
        pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
    } else {
        pointer.push_str(key);
    }
}

/// The key one escaped segment names (`~1` is `/`, `~0` is `~`; in that
/// order, so that `~01` stays `~1`).
pub(crate) fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// A `$ref`'s fragment with its percent escapes (`%7B`) decoded; `None`
/// when it has none, or they do not decode to text.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = match byte {
            b'%' => text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok()),
            _ => None,
        };
        match escaped {
            Some(decoded) => {
                out.push(decoded);
                i += 3;
            }
            None => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_escaped_and_read_back() {
        assert_eq!(pointer(&[]), "#");
        assert_eq!(pointer(&["paths", "/a/{b}", "get"]), "#/paths/~1a~1{b}/get");
        assert_eq!(child("#/x", "a~b"), "#/x/a~0b");
        for key in ["plain", "/a/b", "a~b", "~1", "~0/"] {
            let escaped = child("#", key);
            assert_eq!(unescape(&escaped["#/".len()..]), key);
        }
    }
}
