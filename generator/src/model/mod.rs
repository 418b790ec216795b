//! The generator's own model of an API: what the lowering stage decides and
//! the emit stage prints. Every name here is final and valid Rust; nothing
//! downstream looks at the spec again.

mod features;
mod http_method;
mod path_template;
mod reach;
mod rust_name;
mod scheme_name;
mod webhook_signature;

use std::collections::BTreeMap;

use crate::diagnostics::Warning;

pub use features::{FULL_FEATURE, Feature, Features};
pub use http_method::HttpMethod;
pub use path_template::{PathTemplate, Segment, TemplateError};
pub use rust_name::RustName;
pub use scheme_name::SchemeName;
pub use webhook_signature::WebhookSignature;

/// An API, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// Every named type, by Rust name.
    pub types: BTreeMap<String, TypeDef>,
    /// Every operation, sorted by Rust name.
    pub operations: Vec<Operation>,
    /// The operations grouped by tag, sorted by accessor name. Empty when
    /// no operation has a tag: the API is then flat only.
    pub tag_groups: Vec<TagGroup>,
    /// The security schemes, sorted by their name in the spec.
    pub security_schemes: Vec<SecurityScheme>,
    /// The spec declares security schemes but no operation names one (its
    /// authentication is left to the deployment): every operation then
    /// sends whichever credential the user configured.
    pub security_left_to_deployment: bool,
    /// The alternatives of more than one scheme that operations accept,
    /// each settable in one call; sorted by setter.
    pub credential_sets: Vec<CredentialSet>,
    /// The servers that can be chosen as an `Environment`, in spec order
    /// (the first is the default).
    pub servers: Vec<Server>,
    /// The webhooks the API sends, in spec order: the `webhooks` module.
    pub webhooks: Vec<Webhook>,
    /// How the provider signs its webhooks, from a generator setting or
    /// the spec's `x-webhook-signature`; `None`: not said.
    pub webhook_signature: Option<WebhookSignature>,
    /// Where the generator degraded or renamed something.
    pub warnings: Vec<Warning>,
    /// The path by which code outside the generated crate names it
    /// (`flowwise`, `sdk_tests::cashfree_pg`), for doc examples; `None`:
    /// the docs have no compiled examples. A setting of the generator
    /// ([`crate::Generator::doc_path`]), not of the spec.
    pub doc_path: Option<String>,
    /// What of the spec this is, when not all of it: each selector as the
    /// user gave it (`tag `Orders``), for the docs
    /// ([`crate::Generator::select`]). Empty: the whole API.
    pub selection: Vec<String>,
    /// Only the types are emitted, with the part of the runtime they use:
    /// no client, operations or webhooks module ([`crate::Generator::types_only`]).
    pub types_only: bool,
    /// The Cargo features of a standalone crate, one per tag group: each
    /// item is compiled only with a feature that needs it
    /// ([`crate::Generator::tag_features`]); `None`: everything always.
    pub features: Option<Features>,
}

impl Api {
    /// The security scheme `name` refers to.
    pub fn scheme(&self, name: &SchemeName) -> Option<&SecurityScheme> {
        self.security_schemes
            .iter()
            .find(|scheme| &scheme.name == name)
    }
}

/// A named Rust type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust name (unique among types).
    pub name: String,
    /// The JSON pointer of the schema it comes from.
    pub pointer: String,
    /// The schema's description.
    pub docs: Option<String>,
    /// What it is.
    pub kind: TypeKind,
    /// An example value from the spec, checked to decode into this type:
    /// shown in the docs and decoded by the generated tests.
    pub example: Option<serde_json::Value>,
}

/// The shapes a named type can take.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string enum; values the spec does not list decode as `Unknown`.
    Enum(StringEnum),
    /// A `oneOf` or `anyOf`: one of several types.
    OneOf(OneOf),
    /// Another name for a type (a map, a list, a primitive, a reference).
    Alias(TypeRef),
}

/// An object schema's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// In the order the spec lists the properties.
    pub fields: Vec<Field>,
    /// The Rust names of the required fields, in the order of the schema's
    /// `required` list: the arguments of the type's constructor.
    pub constructor_args: Vec<RustName>,
    /// `additionalProperties` next to `properties`: the other keys, kept in
    /// a map field with this Rust name and value type.
    pub additional_properties: Option<(RustName, TypeRef)>,
}

/// One of several types (`oneOf`/`anyOf`).
#[derive(Debug, Clone, PartialEq)]
pub struct OneOf {
    /// The alternatives, in spec order.
    pub variants: Vec<Variant>,
    /// The property whose value names the variant, if the spec gives one.
    pub discriminator: Option<Discriminator>,
}

/// One alternative of a [`OneOf`].
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The Rust variant name.
    pub name: String,
    /// What it holds.
    pub ty: TypeRef,
    /// How it looks in JSON, for telling the variants apart.
    pub shape: VariantShape,
}

/// The JSON form of a variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantShape {
    /// An object, with its required and known property names.
    Object {
        /// Properties that must be present.
        required: Vec<String>,
        /// Every property it knows.
        properties: Vec<String>,
    },
    /// A string.
    String,
    /// An integer.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Bool,
    /// An array.
    Array,
    /// Anything.
    Any,
}

/// A `discriminator`: the property and which value selects which variant.
#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator {
    /// The property's wire name.
    pub property: String,
    /// Property value -> variant name.
    pub mapping: Vec<(String, String)>,
    /// The variant for a value no mapping names, or no value (OpenAPI 3.2
    /// `defaultMapping`); without one, such a payload goes to the first
    /// variant that fits.
    pub default_variant: Option<String>,
}

/// One property of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust name (a raw identifier such as `r#type` for keywords).
    pub name: RustName,
    /// The property's name on the wire.
    pub wire_name: String,
    /// The property's description.
    pub docs: Option<String>,
    /// The value's type, not counting optionality.
    pub ty: TypeRef,
    /// Whether the spec lists the property as required.
    pub required: bool,
    /// Whether the spec allows `null`.
    pub nullable: bool,
    /// A map field that also accepts an empty JSON array as an empty map:
    /// PHP servers (Razorpay's among them) encode an empty map as `[]`.
    pub empty_array_as_map: bool,
}

/// A string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    /// The listed values, in spec order.
    pub variants: Vec<EnumVariant>,
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// The Rust variant name.
    pub name: String,
    /// The value on the wire.
    pub wire_value: String,
}

/// A reference to a type, as used by fields, parameters and bodies.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32` (`format: int32`).
    I32,
    /// `i64` (other integers).
    I64,
    /// An exact decimal (`type: number`, whatever its `format`: money must
    /// not pass through binary floating point).
    Decimal,
    /// `format: date-time`.
    DateTime,
    /// `format: date`.
    Date,
    /// Any JSON value (a schema that cannot be typed better).
    Json,
    /// A JSON object with arbitrary keys and values.
    JsonObject,
    /// A file (`format: binary`), for multipart uploads.
    File,
    /// A named type from [`Api::types`].
    Named(String),
    /// A list.
    List(Box<TypeRef>),
    /// A fixed-length array whose items have types of their own (3.1's
    /// `prefixItems`): a Rust tuple, which serde reads and writes as a JSON
    /// array.
    Tuple(Vec<TypeRef>),
    /// A value held in a `Box`, to break a cycle of types that contain each
    /// other by value.
    Boxed(Box<TypeRef>),
    /// A map from string keys.
    Map(Box<TypeRef>),
}

impl TypeRef {
    /// Adds the names of the named types this reference mentions (through
    /// lists, maps, boxes and tuples) to `out`.
    pub fn collect_named(&self, out: &mut std::collections::BTreeSet<String>) {
        match self {
            TypeRef::Named(name) => {
                out.insert(name.clone());
            }
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => {
                inner.collect_named(out);
            }
            TypeRef::Tuple(items) => items.iter().for_each(|item| item.collect_named(out)),
            _ => {}
        }
    }
}

impl TypeKind {
    /// The types a type of this kind holds: its fields', its variants', or
    /// the one it is another name for.
    pub fn type_refs(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(object) => object
                .fields
                .iter()
                .map(|field| &field.ty)
                .chain(object.additional_properties.iter().map(|(_, ty)| ty))
                .collect(),
            TypeKind::OneOf(one_of) => one_of.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(target) => vec![target],
            TypeKind::Enum(_) => Vec::new(),
        }
    }
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The Rust method name, e.g. `get_order`.
    pub name: RustName,
    /// The call builder the method returns, e.g. `GetOrderCall`.
    pub builder_name: String,
    /// The JSON pointer of the operation.
    pub pointer: String,
    /// The spec's `operationId`, as written.
    pub operation_id: Option<String>,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path template, e.g. `/orders/{order_id}`.
    pub path: PathTemplate,
    /// Its tags, in spec order, as the spec writes them.
    pub tags: Vec<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Path, query and header parameters, path parameters first in template
    /// order, then the rest in spec order.
    pub params: Vec<Parameter>,
    /// The request body, if any.
    pub body: Option<RequestBody>,
    /// What a successful response decodes into.
    pub success: ResponseBody,
    /// The declared error responses.
    pub errors: ErrorResponses,
    /// Alternatives (any one suffices) of scheme sets (all needed), by the
    /// schemes' names in the spec. Empty: no credentials are sent.
    pub security: Vec<Vec<SchemeName>>,
}

impl Operation {
    /// Every type the operation's call takes or gives: its parameters',
    /// its request body's, its success and its error bodies'.
    pub fn type_refs(&self) -> Vec<&TypeRef> {
        let mut refs: Vec<&TypeRef> = self.params.iter().map(|p| &p.ty).collect();
        if let Some(body) = &self.body {
            match &body.kind {
                BodyKind::Json(ty) | BodyKind::Form(ty) | BodyKind::Multipart { ty, .. } => {
                    refs.push(ty);
                }
                BodyKind::Text | BodyKind::Bytes => {}
            }
        }
        if let ResponseBody::Json(ty) = &self.success {
            refs.push(ty);
        }
        refs.extend(self.errors.cases.iter().filter_map(|c| c.body.as_ref()));
        refs.extend(self.errors.default.iter().filter_map(|d| d.body.as_ref()));
        refs
    }
}

/// The operations of one tag, reachable as `client.<accessor>().<name>(..)`
/// as well as flat (`client.<operation>(..)`).
#[derive(Debug, Clone, PartialEq)]
pub struct TagGroup {
    /// The tag as the spec writes it, e.g. `Payment Links`.
    pub tag: String,
    /// The `Client` method that returns the group, e.g. `payment_links`.
    pub accessor: RustName,
    /// The group's type, e.g. `PaymentLinksApi`.
    pub type_name: String,
    /// The tag's description from the spec's `tags` list.
    pub docs: Option<String>,
    /// The operations, sorted by their name in the group.
    pub members: Vec<GroupMember>,
    /// The groups of the tags whose `parent` (OpenAPI 3.2) is this one,
    /// reachable from it as well as from `Client`.
    pub subgroups: Vec<Subgroup>,
}

/// A tag group nested in another (OpenAPI 3.2 tag `parent`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subgroup {
    /// The parent group's method that returns it, e.g. `refunds`.
    pub accessor: RustName,
    /// The nested group's type, e.g. `RefundsApi`.
    pub type_name: String,
    /// Its tag as the spec writes it.
    pub tag: String,
}

/// One operation as a method of a [`TagGroup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMember {
    /// The method name in the group, e.g. `create` for `pg_create_order`
    /// under `Orders`.
    pub name: RustName,
    /// The operation's flat name ([`Operation::name`]).
    pub operation: RustName,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
    /// The whole query string (OpenAPI 3.2 `in: querystring`): one value,
    /// serialized as its media type says, percent-encoded.
    QueryString,
}

/// One parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The Rust argument name.
    pub name: RustName,
    /// The name in the path template, query string or header (headers in
    /// lower case).
    pub wire_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type.
    pub ty: TypeRef,
    /// Whether the caller must give it.
    pub required: bool,
    /// How the value is spelled in the query string.
    pub style: ParamStyle,
    /// The value sent when the caller gives none, for a parameter the spec
    /// requires but gives a default (Cashfree's `x-api-version`): such a
    /// parameter is optional for the caller.
    pub default: Option<String>,
    /// An idempotency-key header: optional for the caller, since the client
    /// makes a fresh key when none is given (and reuses it on retries).
    pub idempotency_key: bool,
    /// The spec's example value, checked to be of the parameter's type.
    pub example: Option<serde_json::Value>,
    /// Its description.
    pub docs: Option<String>,
}

/// How a parameter's value is written (`style`/`explode` in the spec).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// One value, as text.
    Simple,
    /// A list: repeated (`explode`) or comma-separated.
    List {
        /// Whether each item is its own `name=value`.
        explode: bool,
    },
    /// An object as `name[key]=value`.
    DeepObject,
    /// An object as `key=value` pairs (`explode`) or `name=key,value,...`.
    FormObject {
        /// Whether each property is its own pair.
        explode: bool,
    },
    /// The value as JSON text: a parameter whose `content` is JSON.
    Json,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// The media type sent.
    pub content_type: String,
    /// How the body is given.
    pub kind: BodyKind,
    /// Whether the spec requires a body.
    pub required: bool,
    /// Its description.
    pub docs: Option<String>,
}

/// How a request body is given and encoded.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// Serialized as JSON.
    Json(TypeRef),
    /// Encoded as `application/x-www-form-urlencoded`.
    Form(TypeRef),
    /// Encoded as `multipart/form-data`, one part per property.
    Multipart {
        /// The body's type (a struct).
        ty: TypeRef,
        /// Its properties, in order.
        parts: Vec<MultipartField>,
    },
    /// Sent as text.
    Text,
    /// Sent as the caller's bytes.
    Bytes,
}

/// One property of a multipart body.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartField {
    /// The struct field's Rust name.
    pub field: RustName,
    /// The part's name.
    pub wire_name: String,
    /// How the part is written.
    pub kind: PartKind,
    /// Whether the field is an `Option` (absent: no part).
    pub optional: bool,
}

/// How a multipart part is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A value as text.
    Text,
    /// A file with its name and media type.
    File,
    /// Any other value, as JSON.
    Json,
}

/// What a response body decodes into.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// JSON into this type.
    Json(TypeRef),
    /// Nothing (the body, if any, is ignored).
    Empty,
    /// Text (`text/*`).
    Text,
    /// The raw bytes.
    Bytes,
}

/// The error responses an operation declares, as one enum.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorResponses {
    /// The Rust name of the enum, e.g. `GetOrderError`; `None` when the
    /// operation declares no error responses.
    pub type_name: Option<String>,
    /// One case per declared status, by status.
    pub cases: Vec<ErrorCase>,
    /// The spec's `default` response: every other error status.
    pub default: Option<DefaultError>,
}

/// The `default` response, as the error enum's `Other` variant.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultError {
    /// The body type, when the response has a JSON body.
    pub body: Option<TypeRef>,
    /// The response's description.
    pub docs: Option<String>,
}

/// One declared error status.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCase {
    /// The HTTP status.
    pub status: u16,
    /// The enum variant, e.g. `NotFound`.
    pub variant: String,
    /// The body type, when the response has a JSON body.
    pub body: Option<TypeRef>,
    /// The response's description.
    pub docs: Option<String>,
}

/// A way to authenticate, from `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// The scheme's name in the spec.
    pub name: SchemeName,
    /// The `ClientBuilder` method that sets it.
    pub setter: RustName,
    /// Its description.
    pub docs: Option<String>,
    /// How it is sent.
    pub kind: SchemeKind,
    /// The OAuth2 `clientCredentials` flow, when the scheme has one: the
    /// client can then fetch its own tokens.
    pub client_credentials: Option<ClientCredentialsFlow>,
}

/// An OAuth2 client credentials flow: where the client trades its id and
/// secret for access tokens, and which scopes it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCredentialsFlow {
    /// The `ClientBuilder` method that takes the client id and secret, e.g.
    /// `oauth2_client_credentials`.
    pub setter: RustName,
    /// The `tokenUrl` as the spec writes it: absolute, or relative to the
    /// server URL (resolved when the client is built).
    pub token_url: String,
    /// The flow's scopes, in spec order.
    pub scopes: Vec<String>,
}

/// A set of credentials that together satisfy an operation's security
/// alternative (Cashfree's client id + client secret), set with one
/// `ClientBuilder` method so that none of it can be forgotten.
#[derive(Debug, Clone, PartialEq)]
pub struct CredentialSet {
    /// The `ClientBuilder` method, e.g. `x_client_id_and_x_client_secret`.
    pub setter: RustName,
    /// The schemes' names in the spec, sorted (as in [`Operation::security`]).
    pub schemes: Vec<SchemeName>,
    /// How many operations accept this set.
    pub operations: usize,
}

/// How a credential is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// An API key in a header (name in lower case).
    ApiKeyHeader(String),
    /// An API key in the query string.
    ApiKeyQuery(String),
    /// An API key in a cookie.
    ApiKeyCookie(String),
    /// HTTP basic authentication.
    Basic,
    /// A bearer token (HTTP bearer, OAuth2, OpenID Connect).
    Bearer,
}

/// A server the client can be pointed at.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The `Environment` variant name.
    pub variant: String,
    /// The absolute URL.
    pub url: String,
    /// Its description.
    pub docs: Option<String>,
}

/// One webhook (a 3.1 `webhooks` entry, or a callback).
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// Its name in the spec (the `webhooks` key, or the callback's name).
    pub name: String,
    /// The Rust variant of the event enum.
    pub variant: String,
    /// The method the provider sends it with.
    pub method: HttpMethod,
    /// The JSON body's type.
    pub payload: TypeRef,
    /// The operation's summary, or its description.
    pub docs: Option<String>,
    /// Where it was declared.
    pub pointer: String,
    /// What in a request says it is this webhook.
    pub selector: WebhookSelector,
}

/// What tells one webhook from the others. Empty: its payload's shape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebhookSelector {
    /// A header and the value it has for this webhook (GitHub's
    /// `X-GitHub-Event: check_run`).
    pub header: Option<(String, String)>,
    /// Required body properties and the one value each has (a `const` or
    /// an `enum` of one value: GitHub's `action: completed`).
    pub tags: Vec<(String, String)>,
}
