//! Lowering paths and operations: names, parameters, bodies, responses,
//! security.

use std::collections::BTreeMap;

use openapiv3::{
    MediaType, Parameter as SpecParameter, ParameterSchemaOrContent, ReferenceOr,
    RequestBody as SpecRequestBody, Response as SpecResponse, StatusCode,
};

use super::names::{self, NameAllocator};
use super::operation_names::{self, NamedOperation};
use super::refs;
use super::schema::TypeSpace;
use super::security;
use crate::diagnostics::{Warnings, child, pointer};
use crate::model::{
    BodyKind, DefaultError, ErrorCase, ErrorResponses, HttpMethod, MultipartField, Operation,
    ParamLocation, ParamStyle, Parameter, PartKind, PathTemplate, RequestBody, ResponseBody,
    RustName, SecurityScheme, TypeRef,
};

struct PendingOperation<'a> {
    path: PathTemplate,
    method: HttpMethod,
    item: &'a openapiv3::PathItem,
    operation: &'a openapiv3::Operation,
    pointer: String,
}

pub fn lower_operations(
    types: &mut TypeSpace<'_>,
    schemes: &[SecurityScheme],
    warnings: &mut Warnings,
) -> Vec<Operation> {
    let spec = types.spec();
    let carried_operations = carried_operations(spec, warnings);
    let mut pending = Vec::new();
    for (path, item) in &spec.paths.paths {
        let item_pointer = pointer(&["paths", path]);
        let ReferenceOr::Item(item) = item else {
            warnings.push(
                &item_pointer,
                "path item `$ref`s are not supported; path skipped",
            );
            continue;
        };
        let template = match PathTemplate::parse(path) {
            Ok(template) => template,
            // Validation refuses malformed templates before lowering runs;
            // a path that got past it anyway is skipped, not guessed at.
            Err(problem) => {
                warnings.push(
                    &item_pointer,
                    format!("the path template {problem}; path skipped"),
                );
                continue;
            }
        };
        for (key, operation) in item.iter() {
            let Some(method) = HttpMethod::from_path_item_key(key) else {
                // `openapiv3` yields only the eight method keys.
                continue;
            };
            pending.push(PendingOperation {
                path: template.clone(),
                method,
                item,
                operation,
                pointer: child(&item_pointer, key),
            });
        }
        for (method, operation) in carried_operations.get(path.as_str()).into_iter().flatten() {
            pending.push(PendingOperation {
                path: template.clone(),
                method: method.clone(),
                item,
                operation,
                pointer: crate::path_item_operations::pointer_in(&item_pointer, method),
            });
        }
    }
    // Names are handed out in path-and-method order, so that they do not
    // depend on the order of the file.
    pending.sort_by(|a, b| {
        (a.path.as_str(), a.method.path_item_key())
            .cmp(&(b.path.as_str(), b.method.path_item_key()))
    });
    let naming: Vec<NamedOperation<'_>> = pending
        .iter()
        .map(|op| NamedOperation {
            operation: op.operation,
            path: &op.path,
            method: op.method.clone(),
        })
        .collect();
    let natural_names = operation_names::natural_names(&naming);
    let mut operation_names = NameAllocator::with_reserved(names::reserved::CLIENT_METHODS);
    let mut operations: Vec<Operation> = pending
        .iter()
        .zip(&natural_names)
        .map(|(op, natural)| {
            lower_operation(op, natural, types, schemes, &mut operation_names, warnings)
        })
        .collect();
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    operations
}

/// Each path's OpenAPI 3.2 `query` and additional operations, which the
/// loader carries as extensions of its path item (`openapiv3` has no field
/// for them), in path-item order.
fn carried_operations<'s>(
    spec: &'s openapiv3::OpenAPI,
    warnings: &mut Warnings,
) -> BTreeMap<&'s str, Vec<(HttpMethod, openapiv3::Operation)>> {
    let mut operations: BTreeMap<&str, Vec<(HttpMethod, openapiv3::Operation)>> = BTreeMap::new();
    for (path, item) in &spec.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let item_pointer = pointer(&["paths", path]);
        let query = item
            .extensions
            .get(crate::loader_extensions::QUERY_OPERATION)
            .map(|operation| (HttpMethod::Query, operation));
        let additional = item
            .extensions
            .get(crate::loader_extensions::ADDITIONAL_OPERATIONS)
            .and_then(serde_json::Value::as_object)
            .into_iter()
            .flatten()
            // The 3.2 rewrite has warned of the keys that are no method.
            .filter(|(name, _)| {
                crate::path_item_operations::additional_method_problem(name).is_none()
            })
            .map(|(name, operation)| (HttpMethod::Additional(name.clone()), operation));
        for (method, carried) in query.into_iter().chain(additional) {
            match serde_json::from_value::<openapiv3::Operation>(carried.clone()) {
                Ok(operation) => operations
                    .entry(path.as_str())
                    .or_default()
                    .push((method, operation)),
                Err(error) => warnings.push(
                    crate::path_item_operations::pointer_in(&item_pointer, &method),
                    format!("the `{method}` operation does not type ({error}); left out"),
                ),
            }
        }
    }
    operations
}

fn lower_operation(
    op: &PendingOperation<'_>,
    natural_name: &str,
    types: &mut TypeSpace<'_>,
    schemes: &[SecurityScheme],
    operation_names: &mut NameAllocator,
    warnings: &mut Warnings,
) -> Operation {
    let spec = types.spec();
    let (name, renamed) = operation_names.allocate(natural_name);
    if renamed {
        warnings.push(
            &op.pointer,
            format!("operation named `{name}`: its natural name is taken"),
        );
    }
    let type_prefix = names::type_name(&name);
    let builder_name =
        types.allocate_type_name(&format!("{type_prefix}Call"), &op.pointer, warnings);
    let params = lower_parameters(op, &type_prefix, types, warnings);
    let body = op.operation.request_body.as_ref().and_then(|body| {
        let body_pointer = child(&op.pointer, "requestBody");
        let Some(body) = refs::resolve(spec, body) else {
            warnings.push(
                &body_pointer,
                "the request body `$ref` does not resolve; body ignored",
            );
            return None;
        };
        lower_request_body(
            body,
            &format!("{type_prefix}Request"),
            &body_pointer,
            types,
            warnings,
        )
    });
    let (success, errors) = lower_responses(op, &type_prefix, types, warnings);
    let security = security::lower_security(op.operation, &op.pointer, spec, schemes, warnings);
    Operation {
        name: RustName::new(name),
        builder_name,
        pointer: op.pointer.clone(),
        operation_id: op.operation.operation_id.clone(),
        method: op.method.clone(),
        path: op.path.clone(),
        tags: op.operation.tags.clone(),
        summary: op.operation.summary.clone(),
        description: op.operation.description.clone(),
        params,
        body,
        success,
        errors,
        security,
    }
}

fn lower_parameters(
    op: &PendingOperation<'_>,
    type_prefix: &str,
    types: &mut TypeSpace<'_>,
    warnings: &mut Warnings,
) -> Vec<Parameter> {
    let spec = types.spec();
    // Operation-level parameters override path-level ones with the same name
    // and location.
    let mut by_key: BTreeMap<(String, &'static str), (usize, String, &SpecParameter)> =
        BTreeMap::new();
    let declared = op
        .item
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                p,
                format!(
                    "{}/parameters/{i}",
                    op.pointer.rsplit_once('/').map_or("", |x| x.0)
                ),
            )
        })
        .chain(
            op.operation
                .parameters
                .iter()
                .enumerate()
                .map(|(i, p)| (p, format!("{}/parameters/{i}", op.pointer))),
        );
    for (order, (parameter, param_pointer)) in declared.enumerate() {
        let Some(resolved) = refs::resolve(spec, parameter) else {
            warnings.push(
                &param_pointer,
                "the parameter `$ref` does not resolve; parameter ignored",
            );
            continue;
        };
        let location = match resolved {
            SpecParameter::Path { .. } => "path",
            SpecParameter::Query { .. } => "query",
            SpecParameter::Header { .. } => "header",
            SpecParameter::Cookie { .. } => "cookie",
        };
        let name = resolved.parameter_data_ref().name.clone();
        by_key.insert((name, location), (order, param_pointer, resolved));
    }
    let mut declared: Vec<_> = by_key.into_values().collect();
    declared.sort_by_key(|(order, _, _)| *order);

    // Parameters become arguments, builder fields and setters: they must not
    // clash with the builder's own names.
    let mut arg_names = NameAllocator::with_reserved(names::reserved::CALL_BUILDER_NAMES);
    let mut params = Vec::new();
    for (_, param_pointer, parameter) in declared {
        let data = parameter.parameter_data_ref();
        let (location, wire_name) = match parameter {
            SpecParameter::Path { .. } => (ParamLocation::Path, data.name.clone()),
            SpecParameter::Query { .. }
                if data
                    .extensions
                    .contains_key(crate::loader_extensions::QUERY_STRING) =>
            {
                (ParamLocation::QueryString, data.name.clone())
            }
            SpecParameter::Query { .. } => (ParamLocation::Query, data.name.clone()),
            SpecParameter::Header { .. } => match super::header_name::header_name(&data.name) {
                Some(header) => (ParamLocation::Header, header),
                None => {
                    warnings.push(
                        &param_pointer,
                        format!(
                            "{:?} is not a valid header name; parameter ignored",
                            data.name
                        ),
                    );
                    continue;
                }
            },
            SpecParameter::Cookie { .. } => (ParamLocation::Cookie, data.name.clone()),
        };
        if location == ParamLocation::Path && !op.path.has_parameter(&data.name) {
            warnings.push(
                &param_pointer,
                format!(
                    "path parameter `{}` is not in the path template; ignored",
                    data.name
                ),
            );
            continue;
        }
        let hint = format!("{type_prefix}{}", names::type_name(&data.name));
        let mut content_json = false;
        let ty = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                types.reference(schema, &hint, &child(&param_pointer, "schema"), warnings)
            }
            ParameterSchemaOrContent::Content(content) => {
                match content_parameter_schema(content) {
                    // JSON content: the value is typed, and sent as its JSON text.
                    Some((media_type, schema)) if is_json(media_type) => {
                        let at = child(
                            &child(&child(&param_pointer, "content"), media_type),
                            "schema",
                        );
                        let ty = types.reference(schema, &hint, &at, warnings);
                        content_json = true;
                        ty
                    }
                    // A whole query string of another media type is text the
                    // caller writes in that type: exactly what is sent.
                    _ if location == ParamLocation::QueryString => TypeRef::String,
                    _ => {
                        warnings.push(
                            &param_pointer,
                            "a parameter whose `content` is not JSON is sent as the string given",
                        );
                        TypeRef::String
                    }
                }
            }
        };
        // `form` with `explode: true` is the default for query parameters.
        let explode = data.explode.unwrap_or(true);
        let deep_object = matches!(
            parameter,
            SpecParameter::Query {
                style: openapiv3::QueryStyle::DeepObject,
                ..
            }
        );
        let (ty, style) = match ty {
            json if content_json => (json, ParamStyle::Json),
            // A date-time is sent in RFC 3339 (the emitter formats it).
            scalar if types.is_scalar(&scalar) || scalar == TypeRef::DateTime => {
                (scalar, ParamStyle::Simple)
            }
            TypeRef::List(item) if location == ParamLocation::Query && types.is_scalar(&item) => {
                (TypeRef::List(item), ParamStyle::List { explode })
            }
            object
            @ (TypeRef::Named(_) | TypeRef::Map(_) | TypeRef::JsonObject | TypeRef::Json)
                if location == ParamLocation::Query =>
            {
                let style = if deep_object {
                    ParamStyle::DeepObject
                } else {
                    ParamStyle::FormObject { explode }
                };
                (object, style)
            }
            other => {
                warnings.push(
                    &param_pointer,
                    format!("a {location:?} parameter of type {other:?} cannot be encoded; it is taken as a string"),
                );
                (TypeRef::String, ParamStyle::Simple)
            }
        };
        // A required string with a default: the client sends the default.
        let default = match &data.format {
            ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema))
                if ty == TypeRef::String =>
            {
                schema
                    .schema_data
                    .default
                    .as_ref()
                    .and_then(|d| d.as_str())
                    .map(str::to_owned)
            }
            _ => None,
        };
        let required = data.required || location == ParamLocation::Path;
        let default = default.filter(|_| required && location != ParamLocation::Path);
        let (name, _) = arg_names.allocate(&names::snake_name(&data.name));
        let idempotency_key = location == ParamLocation::Header
            && wire_name.ends_with("idempotency-key")
            && ty == TypeRef::String;
        let example = parameter_example(data, &ty, types);
        params.push(Parameter {
            name: RustName::new(name),
            wire_name,
            location,
            ty,
            required: required && !idempotency_key && default.is_none(),
            style,
            default,
            idempotency_key,
            example,
            docs: data.description.clone(),
        });
    }
    // Every `{name}` of the template needs a value.
    for template_name in op.path.parameters() {
        let declared = params
            .iter()
            .any(|p| p.location == ParamLocation::Path && p.wire_name == template_name);
        if !declared {
            warnings.push(&op.pointer, format!("path template parameter `{template_name}` is not declared; taken as a required string"));
            let (name, _) = arg_names.allocate(&names::snake_name(template_name));
            params.push(Parameter {
                name: RustName::new(name),
                wire_name: template_name.to_owned(),
                location: ParamLocation::Path,
                ty: TypeRef::String,
                required: true,
                style: ParamStyle::Simple,
                default: None,
                idempotency_key: false,
                example: None,
                docs: None,
            });
        }
    }
    // Path parameters first, in template order: that is how callers read the URL.
    let template_position = |p: &Parameter| match p.location {
        ParamLocation::Path => op.path.position(&p.wire_name).unwrap_or(usize::MAX),
        _ => usize::MAX,
    };
    params.sort_by_key(|p| (p.location != ParamLocation::Path, template_position(p)));
    params
}

/// The one media type of a parameter's `content`, with its schema.
fn content_parameter_schema(
    content: &openapiv3::Content,
) -> Option<(&str, &ReferenceOr<openapiv3::Schema>)> {
    let mut media_types = content.iter();
    let (media_type, media) = media_types.next()?;
    if media_types.next().is_some() {
        return None;
    }
    Some((media_type.as_str(), media.schema.as_ref()?))
}

/// Whether a media type is JSON (`application/json`, `application/*+json`).
pub(super) fn is_json(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

fn json_media(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&String, &MediaType)> {
    content.iter().find(|(media_type, _)| is_json(media_type))
}

fn media_essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn lower_request_body(
    body: &SpecRequestBody,
    hint: &str,
    body_pointer: &str,
    types: &mut TypeSpace<'_>,
    warnings: &mut Warnings,
) -> Option<RequestBody> {
    // The media types a client can send, best first.
    let rank = |media_type: &str| match media_essence(media_type).as_str() {
        essence if is_json(essence) => 0,
        "application/x-www-form-urlencoded" => 1,
        "multipart/form-data" => 2,
        essence if essence.starts_with("text/") => 3,
        _ => 4,
    };
    let Some((media_type, media)) = body
        .content
        .iter()
        .min_by_key(|(media_type, _)| rank(media_type))
    else {
        warnings.push(
            body_pointer,
            "the request body has no content; body ignored",
        );
        return None;
    };
    let pointer = child(&child(body_pointer, "content"), media_type);
    let schema_type = |types: &mut TypeSpace<'_>, warnings: &mut Warnings| match &media.schema {
        Some(schema) => types.reference(schema, hint, &child(&pointer, "schema"), warnings),
        None => TypeRef::Json,
    };
    let (content_type, kind) = match rank(media_type) {
        0 => (
            "application/json".to_owned(),
            BodyKind::Json(schema_type(types, warnings)),
        ),
        1 => (
            media_essence(media_type),
            BodyKind::Form(schema_type(types, warnings)),
        ),
        2 => {
            let ty = schema_type(types, warnings);
            match multipart_fields(types, &ty) {
                Some(parts) => (media_essence(media_type), BodyKind::Multipart { ty, parts }),
                None => {
                    warnings.push(&pointer, "a multipart body that is not an object with properties is sent as raw bytes");
                    (media_type.clone(), BodyKind::Bytes)
                }
            }
        }
        3 => (media_essence(media_type), BodyKind::Text),
        _ => (media_essence(media_type), BodyKind::Bytes),
    };
    Some(RequestBody {
        content_type,
        kind,
        required: body.required,
        docs: body.description.clone(),
    })
}

/// The parts of a multipart body whose schema is an object.
fn multipart_fields(types: &TypeSpace<'_>, ty: &TypeRef) -> Option<Vec<MultipartField>> {
    let object = types.struct_of(ty)?;
    let parts = object
        .fields
        .iter()
        .map(|field| {
            let kind = if field.nullable {
                PartKind::Json
            } else if field.ty == TypeRef::File {
                PartKind::File
            } else if types.is_scalar(&field.ty) {
                PartKind::Text
            } else {
                PartKind::Json
            };
            MultipartField {
                field: field.name.clone(),
                wire_name: field.wire_name.clone(),
                kind,
                optional: !field.required || field.nullable,
            }
        })
        .collect();
    Some(parts)
}

fn lower_response_body(
    response: &SpecResponse,
    hint: &str,
    response_pointer: &str,
    types: &mut TypeSpace<'_>,
    warnings: &mut Warnings,
) -> ResponseBody {
    if let Some((media_type, media)) = json_media(&response.content) {
        let pointer = child(&child(response_pointer, "content"), media_type);
        return match &media.schema {
            Some(schema) => ResponseBody::Json(types.reference(
                schema,
                hint,
                &child(&pointer, "schema"),
                warnings,
            )),
            None => ResponseBody::Json(TypeRef::Json),
        };
    }
    if response.content.is_empty() {
        ResponseBody::Empty
    } else if response
        .content
        .keys()
        .any(|media_type| media_essence(media_type).starts_with("text/"))
    {
        ResponseBody::Text
    } else {
        ResponseBody::Bytes
    }
}

fn lower_responses(
    op: &PendingOperation<'_>,
    type_prefix: &str,
    types: &mut TypeSpace<'_>,
    warnings: &mut Warnings,
) -> (ResponseBody, ErrorResponses) {
    let spec = types.spec();
    let responses_pointer = child(&op.pointer, "responses");
    let mut success: Option<(u16, ResponseBody)> = None;
    let mut cases = Vec::new();
    let mut codes: Vec<(&StatusCode, &ReferenceOr<SpecResponse>)> =
        op.operation.responses.responses.iter().collect();
    codes.sort_by_key(|(code, _)| code.to_string());
    for (code, response) in codes {
        let response_pointer = child(&responses_pointer, &code.to_string());
        let Some(response) = refs::resolve(spec, response) else {
            warnings.push(
                &response_pointer,
                "the response `$ref` does not resolve; response ignored",
            );
            continue;
        };
        let status = match code {
            StatusCode::Code(status) => *status,
            StatusCode::Range(_) => {
                warnings.push(&response_pointer, "status ranges are not typed yet; such responses are reported as unexpected statuses");
                continue;
            }
        };
        match status {
            200..=299 => {
                let hint = if status == 200 || status == 201 {
                    format!("{type_prefix}Response")
                } else {
                    format!("{type_prefix}Response{status}")
                };
                let body = lower_response_body(response, &hint, &response_pointer, types, warnings);
                match &success {
                    None => success = Some((status, body)),
                    Some((first, first_body)) if *first_body != body => warnings.push(
                        &response_pointer,
                        format!("only the {first} response is typed; a {status} response decodes as that too"),
                    ),
                    Some(_) => {}
                }
            }
            400..=599 => {
                let hint = format!("{type_prefix}{}", status_variant(status));
                let body = match lower_response_body(
                    response,
                    &hint,
                    &response_pointer,
                    types,
                    warnings,
                ) {
                    ResponseBody::Json(ty) => Some(ty),
                    // Without a JSON body, the variant carries nothing; the
                    // raw body stays readable on the error.
                    ResponseBody::Empty | ResponseBody::Bytes | ResponseBody::Text => None,
                };
                cases.push(ErrorCase {
                    status,
                    variant: status_variant(status),
                    body,
                    docs: Some(response.description.clone()).filter(|d| !d.trim().is_empty()),
                });
            }
            _ => warnings.push(
                &response_pointer,
                format!("status {status} is neither success nor error; reported as unexpected"),
            ),
        }
    }
    let default = op
        .operation
        .responses
        .default
        .as_ref()
        .and_then(|response| {
            let response_pointer = child(&responses_pointer, "default");
            let Some(response) = refs::resolve(spec, response) else {
                warnings.push(
                    &response_pointer,
                    "the response `$ref` does not resolve; response ignored",
                );
                return None;
            };
            let hint = format!("{type_prefix}DefaultError");
            let body =
                match lower_response_body(response, &hint, &response_pointer, types, warnings) {
                    ResponseBody::Json(ty) => Some(ty),
                    ResponseBody::Empty | ResponseBody::Bytes | ResponseBody::Text => None,
                };
            Some(DefaultError {
                body,
                docs: Some(response.description.clone()).filter(|d| !d.trim().is_empty()),
            })
        });
    let type_name = (!cases.is_empty() || default.is_some()).then(|| {
        types.allocate_type_name(&format!("{type_prefix}Error"), &responses_pointer, warnings)
    });
    (
        success.map(|(_, body)| body).unwrap_or(ResponseBody::Empty),
        ErrorResponses {
            type_name,
            cases,
            default,
        },
    )
}

/// The enum variant for an error status, from its reason phrase.
fn status_variant(status: u16) -> String {
    let reason = match status {
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        423 => "Locked",
        425 => "TooEarly",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{status}"),
    };
    reason.to_owned()
}

/// The parameter's example (its own, else its schema's), if it is a value
/// of the parameter's type: for the operation's doc example.
fn parameter_example(
    data: &openapiv3::ParameterData,
    ty: &TypeRef,
    types: &TypeSpace<'_>,
) -> Option<serde_json::Value> {
    let schema_example = match &data.format {
        ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => {
            schema.schema_data.example.as_ref()
        }
        _ => None,
    };
    let example = data.example.as_ref().or(schema_example)?;
    super::examples::check(example, ty, types.types())
        .is_ok()
        .then(|| example.clone())
}
