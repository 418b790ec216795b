// The HTTP crate the client is built on, and its types that the generated
// code and users name (methods, status codes, header maps), re-exported so
// that users need not depend on it. Part of the client runtime (see the
// runtime crate's `lib.rs`).

pub use reqwest;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};

/// The `QUERY` method (OpenAPI 3.2: a safe, idempotent request whose body
/// says what to find), which `http::Method` has no constant for.
pub fn query_method() -> Method {
    extension_method("QUERY")
}

/// A method beyond the ones `http::Method` has constants for (an OpenAPI
/// 3.2 path item's `additionalOperations`: `PURGE`, `LINK`, ...), sent
/// exactly as the spec writes it.
pub fn extension_method(name: &'static str) -> Method {
    // The generator admits only method tokens (RFC 9110), for which
    // `from_bytes` cannot fail. Were one to slip through, the request goes
    // out as `OPTIONS`, which changes nothing on the server, rather than as
    // a method that might.
    Method::from_bytes(name.as_bytes()).unwrap_or(Method::OPTIONS)
}
