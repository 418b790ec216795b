//! The HTTP methods a path item can hold.

use std::fmt;

/// An operation's HTTP method: one of the keys an OpenAPI path item can
/// hold (the eight of 3.0, and 3.2's `query`), or a method of a 3.2 path
/// item's `additionalOperations`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
    /// `QUERY` (OpenAPI 3.2): a safe, idempotent request with a body.
    /// `openapiv3` has no field for it: the loader carries it to lowering
    /// as an extension of its path item (`loader_extensions::QUERY_OPERATION`).
    Query,
    /// Any other method (OpenAPI 3.2 `additionalOperations`), as written:
    /// methods are case-sensitive, and this one is sent exactly so. The
    /// loader admits only method tokens (RFC 9110) that do not name one of
    /// the methods above.
    Additional(String),
}

impl HttpMethod {
    /// Every method, in the order the OpenAPI specification lists them.
    pub const ALL: [HttpMethod; 9] = [
        Self::Get,
        Self::Put,
        Self::Post,
        Self::Delete,
        Self::Options,
        Self::Head,
        Self::Patch,
        Self::Trace,
        Self::Query,
    ];

    /// The method a path item's key names (`get`, `post`, ...); `None` for
    /// the item's other keys (`parameters`, `summary`, `x-...`).
    pub fn from_path_item_key(key: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|method| method.path_item_key() == key)
    }

    /// The key that holds the operation in a path item: lower case for the
    /// fixed methods (`get`), the method itself in `additionalOperations`
    /// (`PURGE`).
    pub fn path_item_key(&self) -> &str {
        match self {
            Self::Get => "get",
            Self::Put => "put",
            Self::Post => "post",
            Self::Delete => "delete",
            Self::Options => "options",
            Self::Head => "head",
            Self::Patch => "patch",
            Self::Trace => "trace",
            Self::Query => "query",
            Self::Additional(method) => method,
        }
    }

    /// The method as sent on the wire: upper case, which is also the name
    /// of its constant in `http::Method` (but for `QUERY` and additional
    /// methods, which have none).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
            Self::Trace => "TRACE",
            Self::Query => "QUERY",
            Self::Additional(method) => method,
        }
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::HttpMethod;

    #[test]
    fn path_item_keys_round_trip_and_other_keys_are_not_methods() {
        for method in HttpMethod::ALL {
            assert_eq!(
                HttpMethod::from_path_item_key(method.path_item_key()),
                Some(method.clone())
            );
            assert_eq!(method.as_str(), method.path_item_key().to_ascii_uppercase());
        }
        for key in [
            "parameters",
            "summary",
            "GET",
            "x-get",
            "$ref",
            "additionalOperations",
        ] {
            assert_eq!(HttpMethod::from_path_item_key(key), None, "{key}");
        }
    }
}
