// Describing the API: the parts of the spec the runtime needs, which the
// generated code writes as constants. Part of the client runtime (see the
// runtime crate's `lib.rs`).

use super::Method;

/// The parts of the spec the runtime needs, generated as a constant.
#[doc(hidden)]
#[derive(Debug)]
pub struct ApiDescription {
    pub crate_name: &'static str,
    pub crate_version: &'static str,
    pub default_base_url: Option<&'static str>,
    pub security_schemes: &'static [SecurityScheme],
}

/// A security scheme from `components.securitySchemes`.
#[doc(hidden)]
#[derive(Debug)]
pub struct SecurityScheme {
    /// The scheme's name in the spec.
    pub name: &'static str,
    /// The `ClientBuilder` method that sets it.
    pub setter: &'static str,
    pub location: CredentialLocation,
}

/// Where a credential goes in the request.
#[doc(hidden)]
#[derive(Debug)]
pub enum CredentialLocation {
    Header(&'static str),
    Query(&'static str),
    Cookie(&'static str),
    /// `Authorization: Basic ...`
    Basic,
    /// `Authorization: Bearer ...`
    Bearer,
}

/// One operation, generated as a constant.
#[doc(hidden)]
#[derive(Debug)]
pub struct Operation {
    /// The Rust name of the operation, e.g. `get_order`.
    pub id: &'static str,
    pub method: Method,
    /// The path template from the spec, e.g. `/orders/{order_id}`.
    pub path: &'static str,
    /// Alternatives (any one will do) of credential sets (all are needed),
    /// by scheme name. Empty: no credentials.
    pub security: &'static [&'static [&'static str]],
}
