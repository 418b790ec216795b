// The request a generated operation assembles: parameters, headers, body,
// and the URL they make. Part of the client runtime (see the runtime
// crate's `lib.rs`).

use std::fmt;

use super::retries::new_idempotency_key;
use super::{InvalidRequest, Operation};

/// One request being assembled by a generated operation.
#[doc(hidden)]
pub struct Request {
    pub(super) operation: &'static Operation,
    pub(super) path_params: Vec<(&'static str, String)>,
    // Keys are owned when built at run time (`filter[name]` for a deepObject).
    pub(super) query: Vec<(std::borrow::Cow<'static, str>, String)>,
    // The whole query string (OpenAPI 3.2 `in: querystring`), before
    // percent-encoding.
    pub(super) query_string: Option<String>,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) cookies: Vec<(&'static str, String)>,
    // The content type is owned when built at run time (a multipart boundary).
    pub(super) body: Option<(std::borrow::Cow<'static, str>, Vec<u8>)>,
    pub(super) problem: Option<String>,
}

impl Request {
    #[doc(hidden)]
    pub fn new(operation: &'static Operation) -> Self {
        Self {
            operation,
            path_params: Vec::new(),
            query: Vec::new(),
            query_string: None,
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            problem: None,
        }
    }

    /// Fills `{name}` in the path template with `value`, percent-encoded.
    #[doc(hidden)]
    pub fn path_param(&mut self, name: &'static str, value: impl fmt::Display) {
        let value = value.to_string();
        // An empty, "." or ".." segment would address a different resource
        // (`/orders/` or `/`) once the URL is normalised.
        if value.is_empty() || value == "." || value == ".." {
            self.problem
                .get_or_insert_with(|| format!("path parameter `{name}` must not be {value:?}"));
        }
        self.path_params.push((name, value));
    }

    #[doc(hidden)]
    pub fn query_param(&mut self, name: &'static str, value: impl fmt::Display) {
        self.query.push((name.into(), value.to_string()));
    }

    /// Sets the whole query string (OpenAPI 3.2 `in: querystring`) to
    /// `value`, percent-encoded; query parameters, if any, follow it.
    #[doc(hidden)]
    pub fn query_string(&mut self, _name: &'static str, value: impl fmt::Display) {
        self.query_string = Some(value.to_string());
    }

    /// The JSON text of a parameter whose `content` is JSON. A value that
    /// cannot be written as JSON makes the request invalid (it is not sent).
    #[doc(hidden)]
    pub fn json_text<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> String {
        match serde_json::to_string(value) {
            Ok(text) => text,
            Err(e) => {
                self.problem.get_or_insert_with(|| {
                    format!("parameter `{name}` cannot be written as JSON: {e}")
                });
                String::new()
            }
        }
    }

    #[doc(hidden)]
    pub fn header_param(&mut self, name: &'static str, value: impl fmt::Display) {
        self.headers.push((name, value.to_string()));
    }

    /// Sends `key`, or a fresh random key when the caller gave none. The
    /// request is prepared once, so every retry carries the same key.
    #[doc(hidden)]
    pub fn idempotency_key(&mut self, name: &'static str, key: Option<&str>) {
        let key = key.map_or_else(new_idempotency_key, str::to_owned);
        self.headers.push((name, key));
    }

    #[doc(hidden)]
    pub fn json_body<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(("application/json".into(), bytes)),
            Err(e) => {
                self.problem
                    .get_or_insert_with(|| format!("the request body cannot be serialized: {e}"));
            }
        }
    }

    #[doc(hidden)]
    pub fn raw_body(&mut self, content_type: &'static str, bytes: Vec<u8>) {
        self.body = Some((content_type.into(), bytes));
    }

    pub(super) fn invalid(&self, reason: String) -> InvalidRequest {
        InvalidRequest {
            operation: self.operation.id,
            reason,
        }
    }

    pub(super) fn url(&self, base_url: &str) -> Result<reqwest::Url, InvalidRequest> {
        let mut path = String::with_capacity(self.operation.path.len() + 16);
        let mut rest = self.operation.path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            path.push_str(&rest[..open]);
            let name = &rest[open + 1..open + close];
            let value = self
                .path_params
                .iter()
                .find(|(param, _)| *param == name)
                .map(|(_, value)| value)
                .ok_or_else(|| self.invalid(format!("path parameter `{name}` has no value")))?;
            path.extend(percent_encoding::utf8_percent_encode(value, PATH_SEGMENT));
            rest = &rest[open + close + 1..];
        }
        path.push_str(rest);
        let mut url = reqwest::Url::parse(&format!("{base_url}{path}"))
            .map_err(|e| self.invalid(format!("the URL is not valid: {e}")))?;
        if let Some(query_string) = &self.query_string {
            let encoded = percent_encoding::utf8_percent_encode(query_string, QUERY_STRING);
            url.set_query(Some(&encoded.to_string()));
        }
        if !self.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(self.query.iter().map(|(k, v)| (k.as_ref(), v.as_str())));
        }
        Ok(url)
    }
}

/// What a whole query string (3.2 `in: querystring`) keeps as written: the
/// unreserved characters of RFC 3986 and the sub-delimiters that give a
/// query its structure (`=`, `&`, `,`, `:`, ...), so that a caller's
/// `a=1&b=2` stays two pairs. The rest (`{`, `"`, space, `#`, `%`, ...) is
/// percent-encoded: JSON text arrives as the server's decoder expects.
const QUERY_STRING: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b'&')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'?');

/// Everything but the unreserved characters of RFC 3986, so that a value such
/// as `a/b?c#d` stays one path segment (`a%2Fb%3Fc%23d`).
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
