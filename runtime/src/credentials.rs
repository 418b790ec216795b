// Credentials: what the client is given for each security scheme, and what
// each becomes on the wire (checked once, when the client is built). Part of
// the client runtime (see the runtime crate's `lib.rs`).

use std::sync::Arc;

use reqwest::header::{HeaderName, HeaderValue};

use super::{ApiDescription, CredentialLocation, SecretString, TokenProvider};

/// A credential value set on the [`ClientBuilder`].
#[derive(Clone, Debug)]
pub(super) enum Credential {
    Secret(SecretString),
    Basic {
        username: SecretString,
        password: SecretString,
    },
}

/// A credential turned into what goes on the wire, checked once at build time.
#[derive(Clone)]
pub(super) enum PreparedCredential {
    Header(HeaderName, HeaderValue),
    Query(&'static str, SecretString),
    Cookie(&'static str, SecretString),
    /// `Authorization: Bearer <token>`, the token asked of the provider
    /// before each request is sent.
    Token(Arc<dyn TokenProvider>),
}

/// A token provider for `scheme`, which must be a bearer-token scheme.
pub(super) fn prepare_token_provider(
    api: &ApiDescription,
    scheme: &'static str,
    provider: Arc<dyn TokenProvider>,
) -> Result<PreparedCredential, String> {
    let Some(description) = api.security_schemes.iter().find(|s| s.name == scheme) else {
        return Err(format!(
            "a token provider is set for {scheme:?}, which is not one of the API's security schemes"
        ));
    };
    match description.location {
        CredentialLocation::Bearer => Ok(PreparedCredential::Token(provider)),
        _ => Err(format!(
            "a token provider is set for {scheme}, which does not take a bearer token (set it with `{}`)",
            description.setter
        )),
    }
}

pub(super) fn prepare_credential(
    api: &ApiDescription,
    scheme: &'static str,
    credential: &Credential,
) -> Result<PreparedCredential, String> {
    let Some(description) = api.security_schemes.iter().find(|s| s.name == scheme) else {
        return Err(format!("unknown security scheme {scheme:?}"));
    };
    let invalid = || {
        format!(
            "the credential for {scheme} (set with `{}`) contains characters not allowed in a header, such as a line break",
            description.setter
        )
    };
    let sensitive = |text: String| {
        let mut value = HeaderValue::from_str(&text).map_err(|_| invalid())?;
        // Keeps the value out of HTTP/2 header compression tables and debug output.
        value.set_sensitive(true);
        Ok::<_, String>(value)
    };
    let no_line_breaks = |secret: &SecretString| {
        if secret.expose_secret().chars().any(char::is_control) {
            Err(invalid())
        } else {
            Ok(secret.clone())
        }
    };
    Ok(match (&description.location, credential) {
        (CredentialLocation::Header(name), Credential::Secret(secret)) => {
            PreparedCredential::Header(
                HeaderName::from_static(name),
                sensitive(secret.expose_secret().to_owned())?,
            )
        }
        (CredentialLocation::Bearer, Credential::Secret(token)) => PreparedCredential::Header(
            reqwest::header::AUTHORIZATION,
            sensitive(format!("Bearer {}", token.expose_secret()))?,
        ),
        (CredentialLocation::Basic, Credential::Basic { username, password }) => {
            use base64_encoding::encode;
            let pair = format!("{}:{}", username.expose_secret(), password.expose_secret());
            PreparedCredential::Header(
                reqwest::header::AUTHORIZATION,
                sensitive(format!("Basic {}", encode(pair.as_bytes())))?,
            )
        }
        (CredentialLocation::Query(name), Credential::Secret(secret)) => {
            PreparedCredential::Query(name, no_line_breaks(secret)?)
        }
        (CredentialLocation::Cookie(name), Credential::Secret(secret)) => {
            PreparedCredential::Cookie(name, no_line_breaks(secret)?)
        }
        _ => return Err(format!("the credential for {scheme} has the wrong shape")),
    })
}

/// Standard base64, for HTTP basic credentials (not worth a dependency).
mod base64_encoding {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub(super) fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
            let n = (byte(0) << 16) | (byte(1) << 8) | byte(2);
            for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
                // Six bits index the 64-letter alphabet: always in range.
                let letter = ALPHABET.get(((n >> shift) & 63) as usize);
                if let (true, Some(&letter)) = (i <= chunk.len(), letter) {
                    out.push(char::from(letter));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}
