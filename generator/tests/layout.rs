//! The shape of the code itself: no import circles among the generator's
//! modules, and no source file so long that it likely holds two jobs.
//!
//! The modules are read with `syn`: every path that starts with `crate`,
//! `super` or `self`, or with the name of a child module, in `use` items and
//! in code, is an edge from the module that writes it to the longest module
//! it names. Paths inside macro bodies (the `quote!` templates, which name
//! the *generated* crate's items) are tokens, not paths, so they do not
//! count; nor do `#[cfg(test)]` modules, which may look at their parent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// A module, as the path from the crate root (`["lower", "names"]`).
type ModulePath = Vec<String>;

/// Files allowed past [`MAX_LINES`], with the reason. Empty today: keep it
/// that way where you can.
const LONG_FILES: &[(&str, &str)] = &[];

/// The length past which a file is taken to hold more than one job.
const MAX_LINES: usize = 800;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator sits in the repository")
        .to_path_buf()
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        // The generator's `runtime` is a symbolic link to the runtime crate's
        // sources, which are checked where they live.
        if path.is_symlink() {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// The module a file of `generator/src` is.
fn module_of(src: &Path, file: &Path) -> ModulePath {
    let relative = file.strip_prefix(src).expect("a file under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn is_cfg_test(attributes: &[syn::Attribute]) -> bool {
    attributes.iter().any(|attribute| {
        attribute.path().is_ident("cfg")
            && attribute
                .parse_args::<syn::Meta>()
                .is_ok_and(|meta| meta.path().is_ident("test"))
    })
}

/// Every path a module writes that may name another module of the crate, as
/// its segments (the first is `crate`, `super`, `self` or a plain name).
#[derive(Default)]
struct PathsWritten {
    paths: Vec<Vec<String>>,
    /// Files declared as `#[cfg(test)] mod name;`, skipped as a whole.
    test_modules: Vec<String>,
}

impl PathsWritten {
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(prefix, &path.tree);
                prefix.pop();
            }
            syn::UseTree::Name(name) => {
                let mut path = prefix.clone();
                if name.ident != "self" {
                    path.push(name.ident.to_string());
                }
                self.paths.push(path);
            }
            syn::UseTree::Rename(rename) => {
                let mut path = prefix.clone();
                path.push(rename.ident.to_string());
                self.paths.push(path);
            }
            syn::UseTree::Glob(_) => self.paths.push(prefix.clone()),
            syn::UseTree::Group(group) => {
                for tree in &group.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for PathsWritten {
    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        if is_cfg_test(&module.attrs) {
            if module.content.is_none() {
                self.test_modules.push(module.ident.to_string());
            }
            return;
        }
        syn::visit::visit_item_mod(self, module);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    // `pub(crate)` and `pub(super)` say who may look, not what is used.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() {
            self.paths.push(
                path.segments
                    .iter()
                    .map(|segment| segment.ident.to_string())
                    .collect(),
            );
        }
        syn::visit::visit_path(self, path);
    }
}

/// The module a path written in `from` names: the longest known module its
/// segments reach, or `None` for paths outside the crate (`std::`, a
/// dependency, a local item).
fn target(
    from: &ModulePath,
    path: &[String],
    modules: &BTreeSet<ModulePath>,
) -> Option<ModulePath> {
    let (mut base, rest): (ModulePath, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (from.clone(), &path[1..]),
        Some("super") => {
            let mut base = from.clone();
            let mut rest = path;
            while rest.first().is_some_and(|segment| segment == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
            (base, rest)
        }
        // A child module named without `self::` (uniform paths).
        Some(first) => {
            let mut child = from.clone();
            child.push(first.to_owned());
            if !modules.contains(&child) {
                return None;
            }
            (from.clone(), path)
        }
        None => return None,
    };
    let mut found = base.clone();
    for segment in rest {
        base.push(segment.clone());
        if modules.contains(&base) {
            found = base.clone();
        } else {
            break;
        }
    }
    Some(found)
}

fn name(module: &ModulePath) -> String {
    if module.is_empty() {
        "crate (lib.rs)".to_owned()
    } else {
        module.join("::")
    }
}

/// The import graph of `generator/src`: module -> the modules it names.
fn import_graph() -> BTreeMap<ModulePath, BTreeSet<ModulePath>> {
    let src = repository().join("generator/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut parsed = Vec::new();
    for file in files {
        // The binary is a crate of its own that uses the library.
        if file == src.join("main.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("readable source");
        let syntax = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut written = PathsWritten::default();
        written.visit_file(&syntax);
        parsed.push((module_of(&src, &file), written));
    }
    let test_files: BTreeSet<ModulePath> = parsed
        .iter()
        .flat_map(|(module, written)| {
            written.test_modules.iter().map(move |child| {
                let mut path = module.clone();
                path.push(child.clone());
                path
            })
        })
        .collect();
    let modules: BTreeSet<ModulePath> = parsed
        .iter()
        .map(|(module, _)| module.clone())
        .filter(|module| !test_files.contains(module))
        .collect();
    let mut graph = BTreeMap::new();
    for (module, written) in &parsed {
        if test_files.contains(module) {
            continue;
        }
        let edges: BTreeSet<ModulePath> = written
            .paths
            .iter()
            .filter_map(|path| target(module, path, &modules))
            .filter(|to| to != module && modules.contains(to))
            .collect();
        graph.insert(module.clone(), edges);
    }
    graph
}

/// The strongly connected components of more than one module (Tarjan).
fn circles(graph: &BTreeMap<ModulePath, BTreeSet<ModulePath>>) -> Vec<Vec<ModulePath>> {
    struct State<'g> {
        graph: &'g BTreeMap<ModulePath, BTreeSet<ModulePath>>,
        index: BTreeMap<&'g ModulePath, usize>,
        low: BTreeMap<&'g ModulePath, usize>,
        stack: Vec<&'g ModulePath>,
        on_stack: BTreeSet<&'g ModulePath>,
        found: Vec<Vec<ModulePath>>,
    }
    fn connect<'g>(state: &mut State<'g>, node: &'g ModulePath) {
        let next = state.index.len();
        state.index.insert(node, next);
        state.low.insert(node, next);
        state.stack.push(node);
        state.on_stack.insert(node);
        for to in state.graph.get(node).into_iter().flatten() {
            let Some((to, _)) = state.graph.get_key_value(to) else {
                continue;
            };
            if !state.index.contains_key(to) {
                connect(state, to);
                let low = state.low[node].min(state.low[to]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(to) {
                let low = state.low[node].min(state.index[to]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                component.push(member.clone());
                if member == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node) {
            connect(&mut state, node);
        }
    }
    state.found
}

#[test]
fn no_import_circles_among_the_generators_modules() {
    let graph = import_graph();
    assert!(
        graph.len() > 30,
        "the walk found the modules: {}",
        graph.len()
    );
    let found = circles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|component| {
            let edges: Vec<String> = component
                .iter()
                .flat_map(|from| {
                    graph[from]
                        .iter()
                        .filter(|to| component.contains(to))
                        .map(move |to| format!("{} -> {}", name(from), name(to)))
                })
                .collect();
            edges.join(", ")
        })
        .collect();
    assert!(
        found.is_empty(),
        "modules that import each other (move what both need into a leaf module):\n{}",
        described.join("\n")
    );
}

/// The check sees what it is meant to: a circle written on purpose is found.
#[test]
fn the_circle_check_finds_a_circle() {
    let module = |path: &[&str]| -> ModulePath { path.iter().map(|s| (*s).to_owned()).collect() };
    let modules: BTreeSet<ModulePath> = [
        module(&[]),
        module(&["lower"]),
        module(&["lower", "names"]),
        module(&["emit"]),
    ]
    .into();
    let path = |text: &str| -> Vec<String> { text.split("::").map(str::to_owned).collect() };
    let lower = module(&["lower"]);
    let names = module(&["lower", "names"]);
    assert_eq!(
        target(&names, &path("super::resolve"), &modules),
        Some(lower.clone())
    );
    assert_eq!(
        target(&lower, &path("names::unraw"), &modules),
        Some(names.clone())
    );
    assert_eq!(
        target(&lower, &path("crate::emit::render"), &modules),
        Some(module(&["emit"]))
    );
    assert_eq!(target(&lower, &path("std::fmt"), &modules), None);
    let graph: BTreeMap<ModulePath, BTreeSet<ModulePath>> = [
        (lower.clone(), [names.clone()].into()),
        (names.clone(), [lower.clone()].into()),
        (module(&["emit"]), [lower.clone()].into()),
    ]
    .into();
    assert_eq!(circles(&graph), vec![vec![lower, names]]);
}

#[test]
fn no_source_file_is_too_long_to_hold_one_job() {
    let root = repository();
    let mut files = Vec::new();
    for dir in [
        "generator/src",
        "generator/tests",
        "generator/benches",
        "runtime/src",
    ] {
        let dir = root.join(dir);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
    }
    assert!(
        files.len() > 40,
        "the walk found the sources: {}",
        files.len()
    );
    let allowed: BTreeMap<&str, &str> = LONG_FILES.iter().copied().collect();
    let mut too_long = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&root).expect("under the repository");
        let relative = relative.to_string_lossy().replace('\\', "/");
        let lines = std::fs::read_to_string(file)
            .expect("readable source")
            .lines()
            .count();
        if lines > MAX_LINES && !allowed.contains_key(relative.as_str()) {
            too_long.push(format!("{relative}: {lines} lines"));
        }
    }
    assert!(
        too_long.is_empty(),
        "files over {MAX_LINES} lines (split them by job, or list them in LONG_FILES with the reason):\n{}",
        too_long.join("\n")
    );
}

#[test]
fn the_runtime_carries_the_lints_every_generated_module_carries() {
    let lib =
        std::fs::read_to_string(repository().join("runtime/src/lib.rs")).expect("runtime lib.rs");
    let file = syn::parse_file(&lib).expect("runtime lib.rs parses");
    let warned: Vec<String> = file
        .attrs
        .iter()
        .filter(|attribute| attribute.path().is_ident("warn"))
        .flat_map(|attribute| {
            attribute
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                )
                .expect("a list of lints")
        })
        .filter_map(|lint| {
            let segments: Vec<String> = lint.segments.iter().map(|s| s.ident.to_string()).collect();
            match segments.as_slice() {
                [tool, name] if tool == "clippy" => Some(name.clone()),
                _ => None,
            }
        })
        .collect();
    let expected: Vec<String> = generator::NO_PANIC_LINTS
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    assert_eq!(
        warned, expected,
        "runtime/src/lib.rs's #![warn(clippy::...)] and generator::NO_PANIC_LINTS differ"
    );
}
