//! Stage 1: read a spec (YAML or JSON) into `openapiv3`'s typed model.
//!
//! The document is read as a generic value first, so that a type mismatch
//! can be reported with the JSON pointer of the offending node.

use std::path::Path;

use openapiv3::OpenAPI;

use crate::diagnostics::{Error, Location, Warning, Warnings, child};

/// A spec read and typed, with where it came from.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// The typed document.
    pub openapi: OpenAPI,
    /// The file it was read from, if any.
    pub file: Option<std::path::PathBuf>,
    /// What had to be changed for `openapiv3` to read the document.
    pub warnings: Vec<Warning>,
}

/// Reads and types the spec at `path`.
pub fn load_file(path: &Path) -> Result<LoadedSpec, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut spec = load_str(&text, Some(path))?;
    spec.file = Some(path.to_owned());
    Ok(spec)
}

/// Types a spec given as YAML or JSON text (JSON is a subset of YAML).
pub fn load_str(text: &str, file: Option<&Path>) -> Result<LoadedSpec, Error> {
    let at = |pointer: &str| Location {
        file: file.map(Path::to_owned),
        pointer: pointer.to_owned(),
    };
    if text.trim().is_empty() {
        return Err(Error::invalid(at("#"), "the file is empty"));
    }
    // JSON is YAML, but not every JSON document is valid YAML (YAML forbids
    // some control characters JSON strings may hold), and serde_json is faster.
    let json = text
        .trim_start()
        .starts_with('{')
        .then(|| serde_json::from_str::<serde_json::Value>(text).ok())
        .flatten();
    let parsed = match json {
        Some(document) => Ok(document),
        None => serde_yaml::from_str(text),
    };
    let mut document: serde_json::Value = parsed.map_err(|e| {
        let position = e
            .location()
            .map(|l| format!(" (line {}, column {})", l.line(), l.column()))
            .unwrap_or_default();
        Error::invalid(at("#"), format!("not valid YAML or JSON{position}: {e}"))
    })?;
    let Some(object) = document.as_object() else {
        return Err(Error::invalid(
            at("#"),
            "the document is not an object; an OpenAPI document starts with `openapi: 3.0.x`",
        ));
    };
    match object.get("openapi").and_then(|v| v.as_str()) {
        Some(version) if version.starts_with("3.0") => {}
        Some(version) => {
            return Err(Error::invalid(
                at("#/openapi"),
                format!("OpenAPI {version} is not supported; this generator reads OpenAPI 3.0.x"),
            ));
        }
        None if object.contains_key("swagger") => {
            return Err(Error::invalid(
                at("#/swagger"),
                "this is a Swagger 2.0 document; convert it to OpenAPI 3.0 first (e.g. with `npx swagger2openapi spec.yaml -o openapi.yaml`)",
            ));
        }
        None => {
            return Err(Error::invalid(
                at("#"),
                "no `openapi` version field; this does not look like an OpenAPI 3.0 document",
            ));
        }
    }
    let mut warnings = Warnings::default();
    normalize(&mut document, &mut warnings);
    // Each round that fails removes at least one node, so this ends.
    let openapi: OpenAPI = loop {
        let typed = type_in_parallel(&document).map_or_else(
            || serde_path_to_error::deserialize(&document),
            Ok::<OpenAPI, serde_path_to_error::Error<serde_json::Error>>,
        );
        let error = match typed {
            Ok(openapi) => break openapi,
            Err(error) => error,
        };
        let pointer = path_to_pointer(error.path());
        let (pointer, message) = locate_in_flattened(&document, pointer).unwrap_or_else(|| {
            (
                path_to_pointer(error.path()),
                error.into_inner().to_string(),
            )
        });
        if !drop_mistyped_annotations(&mut document, &pointer, &mut warnings) {
            return Err(Error::invalid(at(&pointer), message));
        }
    };
    Ok(LoadedSpec {
        openapi,
        file: file.map(Path::to_owned),
        warnings: warnings.into_sorted(),
    })
}

/// Keys that only describe (or, for `pattern` and `format`, only
/// constrain) and that OpenAPI says are strings.
const ANNOTATIONS: [&str; 5] = ["description", "format", "pattern", "summary", "title"];

/// Keys whose values are data, not spec: nothing under them is touched.
const DATA_KEYS: [&str; 5] = ["default", "enum", "example", "examples", "const"];

/// Real specs sometimes hold a number where an annotation must be a string
/// (api.video: `pattern: 0`). Such a value says nothing the generator can
/// use, and refusing the whole spec for it would be worse: under the node
/// that failed to type (`at`), each annotation whose value is a number,
/// boolean, null or array is dropped, with a warning naming it. A property
/// named like an annotation holds an object (its schema), so it is never
/// taken for one; examples, defaults, enums and extensions are data and are
/// left alone. Returns whether anything was dropped.
fn drop_mistyped_annotations(
    document: &mut serde_json::Value,
    at: &str,
    warnings: &mut Warnings,
) -> bool {
    fn walk(value: &mut serde_json::Value, at: &str, warnings: &mut Warnings) -> bool {
        let mut dropped = false;
        match value {
            serde_json::Value::Object(object) => {
                let mistyped: Vec<String> = object
                    .iter()
                    .filter(|(key, value)| {
                        ANNOTATIONS.contains(&key.as_str())
                            && !value.is_string()
                            && !value.is_object()
                    })
                    .map(|(key, _)| key.clone())
                    .collect();
                for key in mistyped {
                    if let Some(value) = object.remove(&key) {
                        warnings.push(
                            child(at, &key),
                            format!("`{key}` must be a string, not `{value}`; ignored"),
                        );
                        dropped = true;
                    }
                }
                for (key, value) in object.iter_mut() {
                    if !DATA_KEYS.contains(&key.as_str()) && !key.starts_with("x-") {
                        dropped |= walk(value, &child(at, key), warnings);
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    dropped |= walk(item, &child(at, &index.to_string()), warnings);
                }
            }
            _ => {}
        }
        dropped
    }
    let json_pointer = at.trim_start_matches('#');
    match document.pointer_mut(json_pointer) {
        Some(node) => walk(node, at, warnings),
        None => false,
    }
}

/// Fewer paths and schemas than this are typed on one thread: a thread costs
/// more than it saves.
const MIN_ENTRIES_FOR_THREADS: usize = 256;

/// Types the document on several threads, or returns `None` to leave it to
/// the one-thread path (which also locates errors). Typing into
/// `openapiv3` is most of loading a large spec, and nearly all of a large
/// document is its paths and its schemas, whose entries are independent:
/// they are typed in chunks on their own threads, by reference, and the
/// small rest of the document on this one. When anything fails to type,
/// the one-thread path types the whole document again, so errors are
/// reported exactly as they would be without threads.
fn type_in_parallel(document: &serde_json::Value) -> Option<OpenAPI> {
    use indexmap::IndexMap;
    use openapiv3::{PathItem, ReferenceOr, Schema};
    use serde::Deserialize;
    use serde::de::value::MapDeserializer;

    type Entries<'a> = Vec<(&'a str, &'a serde_json::Value)>;
    // A panic while typing is openapiv3's: pass it on as it is.
    fn join<T>(job: std::thread::ScopedJoinHandle<'_, T>) -> T {
        job.join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
    fn type_chunk<T: for<'de> Deserialize<'de>>(
        chunk: &[(&str, &serde_json::Value)],
    ) -> Option<IndexMap<String, T>> {
        let entries = chunk.iter().map(|(key, value)| (*key, *value));
        IndexMap::deserialize(MapDeserializer::<_, serde_json::Error>::new(entries)).ok()
    }

    let object = document.as_object()?;
    let paths = object.get("paths").and_then(|p| p.as_object());
    let components = object.get("components").and_then(|c| c.as_object());
    let schemas = components
        .and_then(|c| c.get("schemas"))
        .and_then(|s| s.as_object());
    let path_entries: Entries<'_> = paths
        .into_iter()
        .flatten()
        .filter(|(key, _)| key.starts_with('/'))
        .map(|(key, value)| (key.as_str(), value))
        .collect();
    let schema_entries: Entries<'_> = schemas
        .into_iter()
        .flatten()
        .map(|(key, value)| (key.as_str(), value))
        .collect();
    if path_entries.len() + schema_entries.len() < MIN_ENTRIES_FOR_THREADS {
        return None;
    }
    // The rest: everything but the paths and the schemas, copied (it is small).
    let mut rest = serde_json::Map::new();
    for (key, value) in object {
        let value = match (key.as_str(), value.as_object()) {
            ("paths", Some(paths)) => serde_json::Value::Object(
                paths
                    .iter()
                    .filter(|(key, _)| !key.starts_with('/'))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
            ("components", Some(components)) => serde_json::Value::Object(
                components
                    .iter()
                    .map(|(k, v)| {
                        let v = if k == "schemas" {
                            serde_json::Value::Object(serde_json::Map::new())
                        } else {
                            v.clone()
                        };
                        (k.clone(), v)
                    })
                    .collect(),
            ),
            _ => value.clone(),
        };
        rest.insert(key.clone(), value);
    }

    let threads = crate::worker_threads();
    let path_chunk_size = path_entries.len().div_ceil(threads).max(1);
    let schema_chunk_size = schema_entries.len().div_ceil(threads).max(1);
    let (mut openapi, typed_paths, typed_schemas) = std::thread::scope(|scope| {
        let path_jobs: Vec<_> = path_entries
            .chunks(path_chunk_size)
            .map(|chunk| scope.spawn(|| type_chunk::<ReferenceOr<PathItem>>(chunk)))
            .collect();
        let schema_jobs: Vec<_> = schema_entries
            .chunks(schema_chunk_size)
            .map(|chunk| scope.spawn(|| type_chunk::<ReferenceOr<Schema>>(chunk)))
            .collect();
        let openapi = OpenAPI::deserialize(serde_json::Value::Object(rest)).ok();
        let paths: Option<Vec<_>> = path_jobs.into_iter().map(join).collect();
        let schemas: Option<Vec<_>> = schema_jobs.into_iter().map(join).collect();
        (openapi, paths, schemas)
    });
    let openapi_ref = openapi.as_mut()?;
    for chunk in typed_paths? {
        openapi_ref.paths.paths.extend(chunk);
    }
    let typed_schemas = typed_schemas?;
    if !schema_entries.is_empty() {
        let components = openapi_ref.components.get_or_insert_with(Default::default);
        for chunk in typed_schemas {
            components.schemas.extend(chunk);
        }
    }
    openapi
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Rewrites what real specs contain but `openapiv3` cannot express, so the
/// rest of the document can still be typed. Each rewrite is a warning.
fn normalize(document: &mut serde_json::Value, warnings: &mut Warnings) {
    // `Operation.callbacks` has no `ReferenceOr` in openapiv3: inline each
    // `$ref` callback from `components.callbacks`. Callbacks describe
    // requests the *server* makes (webhooks), so a client never calls them;
    // what cannot be inlined is dropped.
    let components_callbacks = document
        .pointer("/components/callbacks")
        .and_then(|c| c.as_object())
        .cloned()
        .unwrap_or_default();
    let Some(paths) = document.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for method in METHODS {
            let Some(operation) = item.get_mut(method).and_then(|o| o.as_object_mut()) else {
                continue;
            };
            let Some(callbacks) = operation
                .get_mut("callbacks")
                .and_then(|c| c.as_object_mut())
            else {
                continue;
            };
            let operation_pointer = child(&child("#/paths", path), method);
            callbacks.retain(|name, callback| {
                let Some(reference) = callback.get("$ref").and_then(|r| r.as_str()) else {
                    return true;
                };
                let pointer = child(&child(&operation_pointer, "callbacks"), name);
                let target = reference
                    .strip_prefix("#/components/callbacks/")
                    .and_then(|target| components_callbacks.get(target))
                    .filter(|target| {
                        target.as_object().is_some_and(|items| {
                            items.values().all(|item| item.get("$ref").is_none())
                        })
                    });
                match target {
                    Some(target) => {
                        *callback = target.clone();
                        true
                    }
                    None => {
                        warnings.push(
                            pointer,
                            format!("callback `$ref: {reference}` cannot be resolved; callbacks are not part of the client, so it is ignored"),
                        );
                        false
                    }
                }
            });
        }
    }
}

/// `openapiv3` deserializes paths, path items and operations through
/// `#[serde(flatten)]`, which hides where inside them a value is wrong. When
/// the error points at one of those, type its parts one by one to find the
/// node at fault.
fn locate_in_flattened(document: &serde_json::Value, pointer: String) -> Option<(String, String)> {
    use openapiv3::{Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response};
    use serde::de::DeserializeOwned;

    fn check<T: DeserializeOwned>(value: &serde_json::Value, at: &str) -> Option<(String, String)> {
        let error = serde_path_to_error::deserialize::<_, T>(value).err()?;
        let inner = path_to_pointer(error.path());
        Some((
            format!("{at}{}", inner.trim_start_matches('#')),
            error.into_inner().to_string(),
        ))
    }
    fn first_failing<'a>(
        entries: impl Iterator<Item = (String, &'a serde_json::Value)>,
        at: &str,
        check_one: impl Fn(&serde_json::Value, &str) -> Option<(String, String)>,
    ) -> Option<(String, String)> {
        entries
            .filter_map(|(key, value)| check_one(value, &crate::diagnostics::child(at, &key)))
            .next()
    }
    let check_operation = |operation: &serde_json::Value, at: &str| -> Option<(String, String)> {
        let object = operation.as_object()?;
        let fields = object.iter().map(|(k, v)| (k.clone(), v));
        first_failing(fields, at, |value, at| {
            let key = at.rsplit('/').next().unwrap_or_default();
            match key {
                "responses" => {
                    let codes = value.as_object()?.iter().map(|(k, v)| (k.clone(), v));
                    first_failing(codes, at, check::<ReferenceOr<Response>>).or_else(|| {
                        value.as_object().is_none().then(|| {
                            (
                                at.to_owned(),
                                "expected a map of status codes to responses".to_owned(),
                            )
                        })
                    })
                }
                "parameters" => {
                    let items = value
                        .as_array()?
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (i.to_string(), v));
                    first_failing(items, at, check::<ReferenceOr<Parameter>>)
                }
                "requestBody" => check::<ReferenceOr<RequestBody>>(value, at),
                _ => None,
            }
        })
        .or_else(|| check::<Operation>(operation, at))
    };
    if pointer != "#/paths" {
        return None;
    }
    let paths = document.get("paths")?.as_object()?;
    let items = paths.iter().map(|(k, v)| (k.clone(), v));
    first_failing(items, "#/paths", |item, at| {
        let methods = item.as_object()?.iter().filter(|(k, _)| {
            matches!(
                k.as_str(),
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
            )
        });
        first_failing(methods.map(|(k, v)| (k.clone(), v)), at, check_operation)
            .or_else(|| check::<ReferenceOr<PathItem>>(item, at))
    })
}

/// Turns serde_path_to_error's `a.b[0].c` path into a JSON pointer.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    let segments: Vec<String> = path
        .iter()
        .filter_map(|segment| match segment {
            serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
            serde_path_to_error::Segment::Map { key } => Some(key.clone()),
            serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
            serde_path_to_error::Segment::Unknown => None,
        })
        .collect();
    let refs: Vec<&str> = segments.iter().map(String::as_str).collect();
    crate::diagnostics::pointer(&refs)
}
