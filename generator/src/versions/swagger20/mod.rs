//! Swagger 2.0 documents converted to OpenAPI 3.0, whole, on load.
//!
//! | Swagger 2.0 | OpenAPI 3.0 |
//! |---|---|
//! | `host`, `basePath`, `schemes` | `servers` (one per scheme; a relative URL without `host`) |
//! | `definitions`, `parameters`, `responses`, `securityDefinitions` | `components.schemas`, `.parameters` (body ones: `.requestBodies`), `.responses`, `.securitySchemes` |
//! | a parameter's `type`, `format`, `items`, bounds, `enum`, `default` | its `schema` |
//! | `collectionFormat` `csv` / `ssv` / `pipes` / `multi` | `style` and `explode` (`tsv` has no 3.0 form: warned, read as `csv`) |
//! | an `in: body` parameter | `requestBody`, one content entry per `consumes` type |
//! | `in: formData` parameters | a `requestBody` object schema, `multipart/form-data` when a part is a file or `consumes` says so, else `application/x-www-form-urlencoded` |
//! | `type: file` | `type: string, format: binary` |
//! | a response's `schema`, `examples`, `headers` | `content` per `produces` type (with its example), headers with a `schema` |
//! | `x-nullable: true` | `nullable: true` |
//! | `discriminator: prop` | `discriminator: {propertyName: prop}` |
//! | `basic`, `apiKey`, `oauth2` (`implicit`, `password`, `application`, `accessCode`) | `http` basic, `apiKey`, `oauth2` flows (`application` is `clientCredentials`, `accessCode` is `authorizationCode`) |
//! | `$ref`s to `#/definitions`, `#/parameters`, `#/responses` | the same targets under `#/components` |
//!
//! Every node moved is recorded in [`PointerOrigins`], so that a problem
//! found later is shown at the line of the 2.0 document the user wrote.

use serde_json::Value;

use crate::diagnostics::Warnings;
use crate::pointer_origins::PointerOrigins;
use conversion::Conversion;

mod conversion;
mod document;
mod parameters;
mod responses;
mod schemas;
#[cfg(test)]
mod tests;

/// Converts a Swagger 2.0 document (an object) to OpenAPI 3.0.
pub(super) fn convert(document: &Value, warnings: &mut Warnings) -> (Value, PointerOrigins) {
    let mut conversion = Conversion {
        source: document.as_object().cloned().unwrap_or_default(),
        origins: PointerOrigins::default(),
        warnings,
    };
    let converted = conversion.document();
    (converted, conversion.origins.of_whole_document())
}
