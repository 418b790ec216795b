//! Stage 1: read a spec (YAML or JSON) into `openapiv3`'s typed model.
//!
//! The document is read as a generic value first, so that a type mismatch
//! can be reported with the JSON pointer of the offending node.

use std::path::Path;

use openapiv3::OpenAPI;

use crate::diagnostics::{Error, Problem, Source, Warning, Warnings};
use crate::json_pointer::{child, unescape};
use crate::source_map::Position;
use crate::spec_walk::{self, Descend, Step, Visitor, pointer_of};

/// A spec read and typed, with where it came from.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// The typed document.
    pub openapi: OpenAPI,
    /// The text it was read from and its file, if any: for showing
    /// diagnostics, and naming the spec in generated files.
    pub source: Source,
    /// What had to be changed for `openapiv3` to read the document.
    pub warnings: Vec<Warning>,
    /// What is broken in the spec but could be worked around by guessing
    /// (a `$ref` to nothing, an undeclared path parameter, ...). The
    /// [`Generator`](crate::Generator) refuses such a spec unless told to
    /// be lenient.
    pub problems: Vec<Problem>,
}

/// How deep YAML and JSON documents may nest: the parsers' own limit, which
/// keeps every later stage's recursion well within a thread's stack. Real
/// specs nest a few dozen levels at most.
pub const MAX_NESTING: usize = 128;

/// Reads and types the spec at `path`.
pub fn load_file(path: &Path) -> Result<LoadedSpec, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    load_str(&text, Some(path))
}

/// Types a spec given as YAML or JSON text (JSON is a subset of YAML).
///
/// Every problem found is reported at once: all the nodes that do not
/// type, and all the broken references and path templates.
pub fn load_str(text: &str, file: Option<&Path>) -> Result<LoadedSpec, Error> {
    let source = Source::new(file, text);
    let refuse = |problem: Problem| Error::invalid(&source, vec![problem]);
    if text.trim().is_empty() {
        return Err(refuse(Problem::at("#", "the file is empty").with_help(
            "an OpenAPI document is a YAML or JSON object that starts with `openapi: 3.0.3`",
        )));
    }
    let mut document = parse(text).map_err(refuse)?;
    let Some(object) = document.as_object() else {
        let found = match &document {
            serde_json::Value::Array(_) => "a list",
            serde_json::Value::String(_) => "a string",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::Bool(_) => "a boolean",
            _ => "null",
        };
        return Err(refuse(
            Problem::at("#", format!("the document is {found}, not an object"))
                .with_help("an OpenAPI document is an object that starts with `openapi: 3.0.3`"),
        ));
    };
    let version = crate::versions::declared_version(object).map_err(refuse)?;
    let mut warnings = Warnings::default();
    let mut origins = crate::versions::bring_to_3_0(&mut document, version, &mut warnings);
    crate::local_refs::hoist_nested_schemas(&mut document, &mut origins);
    crate::loader_extensions::carry_operations(&mut document);
    crate::loader_extensions::carry_webhooks(&mut document);
    let source = source.with_origins(origins);
    normalize(&mut document, &mut warnings);
    // Schemas that would not type are found first (typing them is
    // exponential in their depth). Their offending keys are taken out so
    // that the rest can be typed and its problems reported in this run too.
    let shapes = crate::validate::schema_shapes(&document);
    for pointer in &shapes.mistyped_annotations {
        if let Some(value) = remove_node(&mut document, pointer) {
            let key = pointer.rsplit('/').next().unwrap_or_default();
            warnings.push(
                pointer,
                format!("`{key}` must be a string, not `{value}`; ignored"),
            );
        }
    }
    let mut refused = shapes.problems;
    for problem in &refused {
        remove_node(&mut document, &problem.pointer);
    }
    let (problems, typed_at_once) = check_while_typing(&document);
    let typed = match typed_at_once {
        Some(openapi) => Ok(openapi),
        None => on_deep_stack(|| type_document(&mut document, &mut warnings)),
    };
    match typed {
        Ok(_) if !refused.is_empty() => {}
        Ok(openapi) => {
            return Ok(LoadedSpec {
                openapi,
                source,
                warnings: warnings.into_sorted(),
                problems,
            });
        }
        Err(typing) => refused.extend(typing),
    }
    // The spec is refused: say everything that is wrong with it.
    refused.extend(problems);
    Err(Error::invalid(&source, refused))
}

/// Runs the reference, cycle and path-template checks on a thread of their
/// own while the document is typed: they only read it, and on two cores
/// this hides most of their time behind the typing's. The typing here is a
/// first attempt; a document that does not type as it is goes through
/// [`type_document`], which finds what is wrong and what can be dropped.
fn check_while_typing(document: &serde_json::Value) -> (Vec<Problem>, Option<OpenAPI>) {
    std::thread::scope(|scope| {
        let checking = std::thread::Builder::new()
            .name("generator-checks".to_owned())
            .stack_size(TYPING_STACK_BYTES)
            .spawn_scoped(scope, || crate::validate::check(document));
        let typed = on_deep_stack(|| {
            type_in_parallel(document).or_else(|| serde::Deserialize::deserialize(document).ok())
        });
        let problems = match checking {
            // A panic in the checks is a bug: pass it on as it is.
            Ok(checking) => checking
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => crate::validate::check(document),
        };
        (problems, typed)
    })
}

/// The stack typing runs on. `openapiv3` types nested schemas by recursion,
/// several frames per level: a spec nested as deep as the parsers allow
/// needs 3 to 4 MiB in a debug build, more than the 2 MiB of a thread std
/// or Tokio spawns. The stack is only reserved, not used, until needed.
const TYPING_STACK_BYTES: usize = 64 << 20;

/// Runs `typing` on a thread with [`TYPING_STACK_BYTES`] of stack, whatever
/// thread the caller is on (or on this one, if no thread can be made).
fn on_deep_stack<T: Send>(typing: impl FnOnce() -> T + Send) -> T {
    let mut typing = Some(typing);
    let mut result = None;
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("generator-typing".to_owned())
            .stack_size(TYPING_STACK_BYTES)
            .spawn_scoped(scope, || typing.take().map(|typing| typing()));
        if let Ok(worker) = spawned {
            // A panic while typing is openapiv3's: pass it on as it is.
            result = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
    });
    match (result, typing) {
        (Some(result), _) => result,
        (None, Some(typing)) => typing(),
        (None, None) => unreachable!("the typing ran on its thread or is still here"),
    }
}

/// Takes the node at `pointer` out of the document: removed from its
/// object, or replaced by an empty object (an empty schema) in a list, so
/// that the other items keep their positions.
fn remove_node(document: &mut serde_json::Value, pointer: &str) -> Option<serde_json::Value> {
    let (parent, key) = pointer.trim_start_matches('#').rsplit_once('/')?;
    let key = unescape(key);
    match document.pointer_mut(parent)? {
        serde_json::Value::Object(object) => object.shift_remove(&key),
        serde_json::Value::Array(items) => {
            let item = items.get_mut(key.parse::<usize>().ok()?)?;
            Some(std::mem::replace(
                item,
                serde_json::Value::Object(Default::default()),
            ))
        }
        _ => None,
    }
}

/// Parses the text as JSON or YAML into a generic value.
fn parse(text: &str) -> Result<serde_json::Value, Problem> {
    // JSON is YAML, but not every JSON document is valid YAML (YAML forbids
    // some control characters JSON strings may hold), and serde_json is faster.
    if text.trim_start().starts_with('{') {
        if let Ok(document) = serde_json::from_str::<serde_json::Value>(text) {
            return Ok(document);
        }
    }
    serde_yaml::from_str(text).map_err(|e| {
        let position = e.location().map(|l| Position {
            line: l.line(),
            column: l.column(),
        });
        let text = e.to_string();
        // serde_yaml's message ends with its own "at line L column C".
        let reason = text.split(" at line ").next().unwrap_or(&text);
        let (message, help) = if reason.contains("recursion limit exceeded") {
            (
                format!("the document nests deeper than {MAX_NESTING} levels"),
                "no real spec nests this deep; it is refused rather than risking the generator's stack".to_owned(),
            )
        } else if reason.contains("repetition limit exceeded") {
            (
                "the document expands YAML aliases into too many nodes".to_owned(),
                "this looks like an alias bomb (\"billion laughs\"); write the repeated parts out, or use `$ref`".to_owned(),
            )
        } else {
            (
                format!("not valid YAML or JSON: {reason}"),
                "fix the syntax at this position".to_owned(),
            )
        };
        Problem {
            pointer: "#".to_owned(),
            position,
            message,
            help: Some(help),
        }
    })
}

/// Types the document into `openapiv3`'s model. When it does not type,
/// every part that fails is reported, each at the node at fault; an
/// annotation of the wrong type is dropped with a warning instead.
fn type_document(
    document: &mut serde_json::Value,
    warnings: &mut Warnings,
) -> Result<OpenAPI, Vec<Problem>> {
    // Each round that fails removes at least one node, so this ends.
    loop {
        let typed = type_in_parallel(document).map_or_else(
            || serde_path_to_error::deserialize(&*document),
            Ok::<OpenAPI, serde_path_to_error::Error<serde_json::Error>>,
        );
        let whole_error = match typed {
            Ok(openapi) => return Ok(openapi),
            Err(error) => error,
        };
        let mut problems = typing_problems(document);
        if problems.is_empty() {
            // Every part types on its own but the whole does not: report
            // what the whole says.
            let pointer = path_to_pointer(whole_error.path());
            problems.push(Problem::at(pointer, whole_error.into_inner().to_string()));
        }
        let mut dropped = false;
        let mut remaining = Vec::new();
        for problem in problems {
            if drop_mistyped_annotations(document, &problem.pointer, warnings) {
                dropped = true;
            } else {
                remaining.push(problem);
            }
        }
        if !remaining.is_empty() || !dropped {
            return Err(remaining);
        }
    }
}

/// Keys that only describe (or, for `pattern` and `format`, only
/// constrain) and that OpenAPI says are strings.
const ANNOTATIONS: [&str; 5] = ["description", "format", "pattern", "summary", "title"];

/// Real specs sometimes hold a number where an annotation must be a string
/// (api.video: `pattern: 0`). Such a value says nothing the generator can
/// use, and refusing the whole spec for it would be worse: under the node
/// that failed to type (`at`), each annotation whose value is a number,
/// boolean, null or array is dropped, with a warning naming it. A property
/// named like an annotation holds an object (its schema), so it is never
/// taken for one; examples, defaults, enums and extensions are data and are
/// left alone (the walk in `spec_walk` decides what is spec). Returns
/// whether anything was dropped.
fn drop_mistyped_annotations(
    document: &mut serde_json::Value,
    at: &str,
    warnings: &mut Warnings,
) -> bool {
    /// The mistyped annotations below the start, as (pointer relative to
    /// it, key, value shown).
    #[derive(Default)]
    struct Mistyped(Vec<(String, String, String)>);

    impl<'a> Visitor<'a> for Mistyped {
        fn node(&mut self, node: &'a serde_json::Value, path: &[Step<'a>]) -> Descend {
            if let serde_json::Value::Object(object) = node {
                for (key, value) in object {
                    if ANNOTATIONS.contains(&key.as_str())
                        && !value.is_string()
                        && !value.is_object()
                    {
                        let pointer = child(&pointer_of(path), key);
                        self.0.push((pointer, key.clone(), value.to_string()));
                    }
                }
            }
            Descend::Into
        }
    }

    let Some(start) = document.pointer(at.trim_start_matches('#')) else {
        return false;
    };
    let mut mistyped = Mistyped::default();
    spec_walk::walk(start, &mut Vec::new(), &mut mistyped);
    let mut dropped = false;
    for (relative, key, value) in mistyped.0 {
        // `#/a/b` below `#/x` is `#/x/a/b`.
        let pointer = format!("{at}{}", relative.trim_start_matches('#'));
        if remove_node(document, &pointer).is_some() {
            warnings.push(
                pointer,
                format!("`{key}` must be a string, not `{value}`; ignored"),
            );
            dropped = true;
        }
    }
    dropped
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
    /// Starts a job on a thread with as deep a stack as typing on one gets.
    fn spawn_deep<'scope, T: Send + 'scope>(
        scope: &'scope std::thread::Scope<'scope, '_>,
        job: impl FnOnce() -> T + Send + 'scope,
    ) -> Option<std::thread::ScopedJoinHandle<'scope, T>> {
        std::thread::Builder::new()
            .stack_size(TYPING_STACK_BYTES)
            .spawn_scoped(scope, job)
            .ok()
    }
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

    let threads = crate::parallel::worker_threads();
    let path_chunk_size = path_entries.len().div_ceil(threads).max(1);
    let schema_chunk_size = schema_entries.len().div_ceil(threads).max(1);
    let (mut openapi, typed_paths, typed_schemas) = std::thread::scope(|scope| {
        let path_jobs: Vec<_> = path_entries
            .chunks(path_chunk_size)
            .map(|chunk| spawn_deep(scope, || type_chunk::<ReferenceOr<PathItem>>(chunk)))
            .collect();
        let schema_jobs: Vec<_> = schema_entries
            .chunks(schema_chunk_size)
            .map(|chunk| spawn_deep(scope, || type_chunk::<ReferenceOr<Schema>>(chunk)))
            .collect();
        let openapi = OpenAPI::deserialize(serde_json::Value::Object(rest)).ok();
        // A job that failed to type, or to start, leaves the work to the
        // one-thread path.
        let paths: Option<Vec<_>> = path_jobs
            .into_iter()
            .map(|job| job.and_then(join))
            .collect();
        let schemas: Option<Vec<_>> = schema_jobs
            .into_iter()
            .map(|job| job.and_then(join))
            .collect();
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
        for method in crate::path_item_operations::methods_of(item) {
            let Some(operation) = crate::path_item_operations::operation_mut(item, &method)
                .and_then(|o| o.as_object_mut())
            else {
                continue;
            };
            let Some(callbacks) = operation
                .get_mut("callbacks")
                .and_then(|c| c.as_object_mut())
            else {
                continue;
            };
            let operation_pointer =
                crate::path_item_operations::pointer_in(&child("#/paths", path), &method);
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

/// Types the document part by part to find every node that does not
/// type: each path item, each entry of each `components` section, and the
/// rest of the document on its own. `openapiv3` deserializes paths, path
/// items and operations through `#[serde(flatten)]`, which hides where
/// inside them a value is wrong, so an operation's parts are typed one by
/// one too.
fn typing_problems(document: &serde_json::Value) -> Vec<Problem> {
    use openapiv3::{
        Callback, Example, Header, Link, Parameter, RequestBody, Response, Schema, SecurityScheme,
    };

    let Some(object) = document.as_object() else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    // The rest: the document without the entries typed one by one below.
    let mut rest = object.clone();
    if let Some(serde_json::Value::Object(paths)) = rest.get_mut("paths") {
        paths.retain(|key, _| !key.starts_with('/'));
    }
    if let Some(serde_json::Value::Object(components)) = rest.get_mut("components") {
        for section in components.values_mut() {
            if let serde_json::Value::Object(entries) = section {
                entries.clear();
            }
        }
    }
    problems.extend(check::<OpenAPI>(&serde_json::Value::Object(rest), "#"));

    if let Some(paths) = object.get("paths").and_then(|p| p.as_object()) {
        for (path, item) in paths.iter().filter(|(key, _)| key.starts_with('/')) {
            problems.extend(path_item_problems(item, &child("#/paths", path)));
        }
    }
    let Some(components) = object.get("components").and_then(|c| c.as_object()) else {
        return problems;
    };
    for (section, entries) in components {
        let Some(entries) = entries.as_object() else {
            continue;
        };
        let at = child("#/components", section);
        for (name, entry) in entries {
            let at = child(&at, name);
            let problem = match section.as_str() {
                "schemas" => check::<ReferenceOr<Schema>>(entry, &at),
                "responses" => check::<ReferenceOr<Response>>(entry, &at),
                "parameters" => check::<ReferenceOr<Parameter>>(entry, &at),
                "examples" => check::<ReferenceOr<Example>>(entry, &at),
                "requestBodies" => check::<ReferenceOr<RequestBody>>(entry, &at),
                "headers" => check::<ReferenceOr<Header>>(entry, &at),
                "securitySchemes" => check::<ReferenceOr<SecurityScheme>>(entry, &at),
                "links" => check::<ReferenceOr<Link>>(entry, &at),
                "callbacks" => check::<ReferenceOr<Callback>>(entry, &at),
                _ => None,
            };
            problems.extend(problem);
        }
    }
    problems
}

use openapiv3::ReferenceOr;

/// Types `value` as `T`; on failure, the problem at the node at fault
/// (`at` is the pointer of `value`). `ReferenceOr<T>` is an untagged enum,
/// which hides where inside a `T` the fault is, so a value that is not a
/// reference is typed as a `T`.
fn check<T: serde::de::DeserializeOwned + IsReferenceOr>(
    value: &serde_json::Value,
    at: &str,
) -> Option<Problem> {
    if value.get("$ref").is_none() {
        if let Some(problem) = T::check_item(value, at) {
            return Some(problem);
        }
    }
    check_as::<T>(value, at)
}

/// Types that may be `ReferenceOr<T>`, so that [`check`] can type the `T`.
trait IsReferenceOr {
    fn check_item(_value: &serde_json::Value, _at: &str) -> Option<Problem> {
        None
    }
}

impl<T: serde::de::DeserializeOwned> IsReferenceOr for ReferenceOr<T> {
    fn check_item(value: &serde_json::Value, at: &str) -> Option<Problem> {
        check_as::<T>(value, at)
    }
}

impl IsReferenceOr for OpenAPI {}
impl IsReferenceOr for openapiv3::Operation {}

fn check_as<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    at: &str,
) -> Option<Problem> {
    let error = serde_path_to_error::deserialize::<_, T>(value).err()?;
    let inner = path_to_pointer(error.path());
    let pointer = format!(
        "{}{}",
        at.trim_end_matches('#'),
        inner.trim_start_matches('#')
    );
    let pointer = if pointer.is_empty() {
        "#".to_owned()
    } else {
        pointer
    };
    Some(Problem::at(pointer, error.into_inner().to_string()))
}

/// For each operation of a path item, the first node that does not type,
/// looking inside its responses, parameters and request bodies; else the
/// path item's own problem, if any.
fn path_item_problems(item: &serde_json::Value, at: &str) -> Vec<Problem> {
    use openapiv3::{Operation, Parameter, PathItem, RequestBody, Response};

    let operation_problem = |operation: &serde_json::Value, at: &str| -> Option<Problem> {
        let object = operation.as_object()?;
        object
            .iter()
            .find_map(|(key, value)| {
                let at = child(at, key);
                match key.as_str() {
                    "responses" => match value.as_object() {
                        Some(codes) => codes.iter().find_map(|(code, response)| {
                            check::<ReferenceOr<Response>>(response, &child(&at, code))
                        }),
                        None => Some(Problem::at(
                            at,
                            "expected a map of status codes to responses",
                        )),
                    },
                    "parameters" => value.as_array()?.iter().enumerate().find_map(|(i, p)| {
                        check::<ReferenceOr<Parameter>>(p, &child(&at, &i.to_string()))
                    }),
                    "requestBody" => check::<ReferenceOr<RequestBody>>(value, &at),
                    _ => None,
                }
            })
            .or_else(|| check::<Operation>(operation, at))
    };
    let in_operations: Vec<Problem> = crate::path_item_operations::operations_of(item)
        .into_iter()
        .filter_map(|op| {
            operation_problem(
                op.operation,
                &crate::path_item_operations::pointer_in(at, &op.method),
            )
        })
        .collect();
    if in_operations.is_empty() {
        check::<ReferenceOr<PathItem>>(item, at)
            .into_iter()
            .collect()
    } else {
        in_operations
    }
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
    crate::json_pointer::pointer(&refs)
}
