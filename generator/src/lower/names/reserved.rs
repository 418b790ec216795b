//! The names the generated code keeps for itself, by namespace: a name the
//! spec asks for that is in one of these lists is renamed (with a warning),
//! so that nothing the spec says can shadow the client's own items. The
//! tests read the runtime's source, so a new runtime method or type cannot
//! silently collide with a spec's names.

/// Type names the generated code relies on (the prelude, std types it names,
/// and the client's own types): a schema with one of these names is renamed.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "AccessToken",
    "ApiDescription",
    "ApiError",
    "BTreeMap",
    "BodyDecodeFailure",
    "BodyTooLarge",
    "Box",
    "BuildError",
    "CallInfo",
    "Client",
    "ClientBuilder",
    "ClientCredentials",
    "Clone",
    "Copy",
    "CredentialLocation",
    "Date",
    "DateTime",
    "Debug",
    "Decimal",
    "DecodeError",
    "Default",
    "Deserialize",
    "Drop",
    "Environment",
    "Eq",
    "Err",
    "Error",
    "ErrorBody",
    "File",
    "Fn",
    "From",
    "HashMap",
    "HeaderMap",
    "Hook",
    "Into",
    "InvalidRequest",
    "Iterator",
    "Method",
    "Multipart",
    "NoDeclaredErrors",
    "None",
    "Ok",
    "OneOfDescription",
    "Operation",
    "Option",
    "PartialEq",
    "QueryStyle",
    "Request",
    "Response",
    "ResponseInfo",
    "Result",
    "RetryPolicy",
    "SecretString",
    "SecurityScheme",
    "Send",
    "Serialize",
    "SignatureError",
    "SignatureScheme",
    "Sized",
    "Some",
    "StatusCode",
    "String",
    "Sync",
    "ToString",
    "TokenError",
    "TokenFailure",
    "TokenFuture",
    "TokenProvider",
    "TransportError",
    "UnexpectedStatus",
    "UnknownWebhook",
    "Value",
    "VariantShape",
    "Vec",
    "WebhookDescription",
    "WebhookError",
    "WebhookEvent",
    "WebhookVerifier",
];

/// Methods of `Client` that an operation must not shadow.
/// (Every method the runtime defines on `Client`, public or not, and the
/// traits' methods it implements; operations are also methods of the
/// `test-util` feature's `Mock`, so its methods are here too.)
pub const CLIENT_METHODS: &[&str] = &[
    "answer",
    "base_url",
    "bearer_tokens",
    "builder",
    "clone",
    "credentials_for",
    "default",
    "execute",
    "execute_attempts",
    "fmt",
    "lock",
    "new",
    "prepare",
    "push",
    "read_body",
    "requests",
    "send",
    "with_retry_policy",
    "with_timeout",
];

/// `ClientBuilder` methods a credential setter must not shadow.
pub const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "basic_credential",
    "build",
    "client_credentials",
    "clone",
    "connect_timeout",
    "default_header",
    "environment",
    "fmt",
    "hook",
    "http_client",
    "max_response_body_bytes",
    "mock",
    "mock_base_url",
    "new",
    "retry_policy",
    "secret_credential",
    "server_url",
    "timeout",
    "token_provider",
    "user_agent",
];

/// Methods of a group type (and of the test-util `GroupStubs`) that a
/// member must not shadow.
pub const GROUP_METHODS: &[&str] = &["clone", "client", "fmt", "mock", "new"];

/// Names of a call builder's own fields and methods (and `self`): a
/// parameter becomes an argument, a field and a setter, so it must not take
/// one of these.
pub const CALL_BUILDER_NAMES: &[&str] = &["self", "body", "client", "send", "into_future"];

#[cfg(test)]
mod tests {
    //! The names the generated code must not take are the runtime's: these
    //! tests read them off the runtime's source, so a new runtime method or
    //! type cannot silently collide with a spec's names.

    /// The runtime's source, its test-util mocks aside.
    fn runtime() -> String {
        use crate::runtime_files::{Exposure, RUNTIME_FILES};
        RUNTIME_FILES
            .iter()
            .filter(|file| !matches!(file.exposure, Exposure::TestUtil { .. }))
            .map(|file| file.source)
            .collect()
    }

    /// The `fn` names inside `impl <type> {` blocks of the runtime.
    fn methods_of(type_name: &str) -> Vec<String> {
        let header = format!("impl {type_name} {{");
        let mut names = Vec::new();
        let mut inside = false;
        for line in runtime().lines() {
            if line == header {
                inside = true;
            } else if inside && line == "}" {
                inside = false;
            } else if inside {
                let words: Vec<&str> = line.split_whitespace().collect();
                if let Some(position) = words.iter().position(|w| *w == "fn") {
                    let name = words[position + 1]
                        .split(['(', '<'])
                        .next()
                        .unwrap_or_default();
                    names.push(name.to_owned());
                }
            }
        }
        names
    }

    #[test]
    fn every_client_builder_method_is_reserved_for_credential_setters() {
        let methods = methods_of("ClientBuilder");
        assert!(methods.contains(&"build".to_owned()), "{methods:?}");
        for method in methods {
            assert!(
                super::BUILDER_METHODS.contains(&method.as_str()),
                "`{method}` is not in BUILDER_METHODS"
            );
        }
    }

    #[test]
    fn every_client_method_is_reserved_for_operations() {
        let methods = methods_of("Client");
        assert!(methods.contains(&"execute".to_owned()), "{methods:?}");
        for method in methods {
            assert!(
                super::CLIENT_METHODS.contains(&method.as_str()),
                "`{method}` is not in CLIENT_METHODS"
            );
        }
    }

    #[test]
    fn every_public_runtime_type_is_a_reserved_type_name() {
        for line in runtime().lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if let ["pub", "struct" | "enum" | "trait" | "type", name, ..] = words.as_slice() {
                let name = name
                    .split(['<', '(', ';', '{', ':'])
                    .next()
                    .unwrap_or_default();
                assert!(
                    super::RESERVED_TYPE_NAMES.contains(&name),
                    "`{name}` is not in RESERVED_TYPE_NAMES"
                );
            }
        }
    }
}
