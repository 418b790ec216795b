// Encoding what is not a flat JSON body: structured query parameters, form
// and multipart bodies, text; and decoding text responses. Part of the client
// runtime; the generator copies this file next to the generated code, into
// the `runtime` module.

use super::retries::new_idempotency_key;
use super::{BodyDecodeFailure, File, Request};

/// How an object-valued query parameter is spelled (`style` in the spec).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `name[key]=value`
    DeepObject,
    /// `key=value` for each property (explode) or `name=key,value,...`.
    Form { explode: bool },
}

/// The parts of a multipart body, in order.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Multipart {
    parts: Vec<(&'static str, MultipartPart)>,
}

#[derive(Debug)]
enum MultipartPart {
    Text(String),
    Json(Vec<u8>),
    File(File),
}

impl Multipart {
    // A reference, not `impl Display`: generated code passes `&body.field`
    // whatever the field's type, and for a `Copy` field a generic parameter
    // makes clippy flag the borrow as needless.
    #[doc(hidden)]
    pub fn text(&mut self, name: &'static str, value: &dyn std::fmt::Display) {
        self.parts
            .push((name, MultipartPart::Text(value.to_string())));
    }

    #[doc(hidden)]
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        // A value serde_json cannot write is a map with non-string keys: such
        // a part is sent empty rather than failing the whole upload.
        let bytes = serde_json::to_vec(value).unwrap_or_default();
        self.parts.push((name, MultipartPart::Json(bytes)));
    }

    #[doc(hidden)]
    pub fn file(&mut self, name: &'static str, file: &File) {
        self.parts.push((name, MultipartPart::File(file.clone())));
    }

    /// The body and its boundary: a random token that no part contains.
    fn encode(&self) -> (String, Vec<u8>) {
        let mut boundary = format!("----runtime-{}", new_idempotency_key());
        while self
            .parts
            .iter()
            .any(|(_, part)| contains(part_bytes(part), boundary.as_bytes()))
        {
            boundary = format!("----runtime-{}", new_idempotency_key());
        }
        let mut body = Vec::new();
        for (name, part) in &self.parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let name = quoted(name);
            match part {
                MultipartPart::Text(_) => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
                MultipartPart::Json(_) => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\nContent-Type: application/json\r\n\r\n")
                        .as_bytes(),
                ),
                MultipartPart::File(file) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                        quoted(&file.file_name),
                        one_line_header(&file.content_type),
                    )
                    .as_bytes(),
                ),
            }
            body.extend_from_slice(part_bytes(part));
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (boundary, body)
    }
}

fn part_bytes(part: &MultipartPart) -> &[u8] {
    match part {
        MultipartPart::Text(text) => text.as_bytes(),
        MultipartPart::Json(bytes) => bytes,
        MultipartPart::File(file) => &file.bytes,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// A name inside a quoted header parameter: no quotes or line breaks.
fn quoted(name: &str) -> String {
    name.chars()
        .map(|c| if c == '"' || c.is_control() { '_' } else { c })
        .collect()
}

fn one_line_header(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

/// `application/x-www-form-urlencoded` escaping.
const FORM: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

fn form_escape(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, FORM)
        .to_string()
        .replace("%20", "+")
}

/// A JSON scalar as parameter text; `None` for null (left out).
fn scalar_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// Flattens a JSON value into `key[sub]=value` pairs (arrays repeat the key).
fn deep_pairs(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(object) => {
            for (key, value) in object {
                deep_pairs(&format!("{prefix}[{key}]"), value, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                deep_pairs(prefix, item, out);
            }
        }
        scalar => {
            if let Some(text) = scalar_text(scalar) {
                out.push((prefix.to_owned(), text));
            }
        }
    }
}

impl Request {
    /// Adds a list-valued query parameter: repeated (`explode`) or
    /// comma-separated.
    #[doc(hidden)]
    pub fn query_list<T: std::fmt::Display>(
        &mut self,
        name: &'static str,
        values: &[T],
        explode: bool,
    ) {
        if explode {
            for value in values {
                self.query_param(name, value);
            }
        } else if !values.is_empty() {
            let joined: Vec<String> = values.iter().map(ToString::to_string).collect();
            self.query_param(name, joined.join(","));
        }
    }

    /// Adds an object-valued query parameter in the spec's style.
    #[doc(hidden)]
    pub fn query_object<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        style: QueryStyle,
    ) {
        let value = match serde_json::to_value(value) {
            Ok(value) => value,
            Err(e) => {
                self.problem.get_or_insert_with(|| {
                    format!("query parameter `{name}` cannot be encoded: {e}")
                });
                return;
            }
        };
        let serde_json::Value::Object(object) = &value else {
            if let Some(text) = scalar_text(&value) {
                self.query_param(name, text);
            }
            return;
        };
        match style {
            QueryStyle::DeepObject => {
                let mut pairs = Vec::new();
                deep_pairs(name, &value, &mut pairs);
                self.query
                    .extend(pairs.into_iter().map(|(k, v)| (k.into(), v)));
            }
            QueryStyle::Form { explode: true } => {
                for (key, value) in object {
                    if let Some(text) = scalar_text(value) {
                        self.query.push((key.clone().into(), text));
                    }
                }
            }
            QueryStyle::Form { explode: false } => {
                let flat: Vec<String> = object
                    .iter()
                    .filter_map(|(key, value)| Some(format!("{key},{}", scalar_text(value)?)))
                    .collect();
                self.query_param(name, flat.join(","));
            }
        }
    }

    /// Sends the body as `application/x-www-form-urlencoded`.
    #[doc(hidden)]
    pub fn form_body<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        let value = match serde_json::to_value(body) {
            Ok(value) => value,
            Err(e) => {
                self.problem
                    .get_or_insert_with(|| format!("the request body cannot be encoded: {e}"));
                return;
            }
        };
        let mut pairs = Vec::new();
        match &value {
            serde_json::Value::Object(object) => {
                for (key, value) in object {
                    deep_pairs(key, value, &mut pairs);
                }
            }
            other => deep_pairs("body", other, &mut pairs),
        }
        let encoded: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", form_escape(k), form_escape(v)))
            .collect();
        self.body = Some((
            "application/x-www-form-urlencoded".into(),
            encoded.join("&").into_bytes(),
        ));
    }

    /// Sends the parts as `multipart/form-data`.
    #[doc(hidden)]
    pub fn multipart_body(&mut self, parts: &Multipart) {
        let (boundary, body) = parts.encode();
        self.body = Some((
            format!("multipart/form-data; boundary={boundary}").into(),
            body,
        ));
    }

    /// Adds a cookie parameter. The value is percent-encoded where a cookie
    /// value cannot hold a character (`;`, `,`, spaces, quotes).
    #[doc(hidden)]
    pub fn cookie_param(&mut self, name: &'static str, value: impl std::fmt::Display) {
        const COOKIE_VALUE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
            .add(b' ')
            .add(b'"')
            .add(b',')
            .add(b';')
            .add(b'\\')
            .add(b'%');
        let value = value.to_string();
        let encoded = percent_encoding::utf8_percent_encode(&value, COOKIE_VALUE).to_string();
        self.cookies.push((name, encoded));
    }

    /// Sends text with its media type (e.g. `text/plain`).
    #[doc(hidden)]
    pub fn text_body(&mut self, content_type: &'static str, text: &str) {
        self.body = Some((content_type.into(), text.as_bytes().to_vec()));
    }
}

/// Decodes a text response (`text/*`), replacing invalid UTF-8.
#[doc(hidden)]
pub fn decode_text(body: &[u8]) -> Result<String, BodyDecodeFailure> {
    Ok(String::from_utf8_lossy(body).into_owned())
}
