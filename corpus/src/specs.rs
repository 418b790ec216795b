//! Which specs a run covers: the sorted list of spec files under `api/`,
//! and the CI sample taken from it.

use std::path::{Path, PathBuf};

/// One spec of the corpus.
#[derive(Debug, Clone)]
pub struct Spec {
    /// 1-based position in the sorted list of every spec under `api/`.
    pub index: usize,
    /// The path relative to the package root, e.g. `api/stripe.com.json`.
    pub path: String,
    /// Where the file is.
    pub file: PathBuf,
}

impl Spec {
    /// The name of the spec's output directory and of its module in a batch
    /// crate: `s` and its position, e.g. `s0020`.
    pub fn id(&self) -> String {
        format!("s{:04}", self.index)
    }
}

/// Every spec file (`.json`, `.yaml`, `.yml`) under `<package>/api`, sorted
/// by relative path as bytes (the order of `LC_ALL=C sort`), numbered from 1.
pub fn list(package: &Path) -> Result<Vec<Spec>, String> {
    let root = package.join("api");
    let mut paths = Vec::new();
    walk(&root, &mut paths)?;
    let mut relative: Vec<(String, PathBuf)> = paths
        .into_iter()
        .map(|file| {
            let rel = file
                .strip_prefix(package)
                .unwrap_or(&file)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (rel, file)
        })
        .collect();
    relative.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    if relative.is_empty() {
        return Err(format!("no spec files under {}", root.display()));
    }
    Ok(relative
        .into_iter()
        .enumerate()
        .map(|(i, (path, file))| Spec {
            index: i + 1,
            path,
            file,
        })
        .collect())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|e| format!("cannot stat {}: {e}", path.display()))?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("json" | "yaml" | "yml")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

/// The CI sample: every `step`-th spec of the sorted list, starting with
/// the `step`-th (1-based positions `step`, `2 * step`, ...). With a
/// `shift`, each position moves that many places earlier (`step - shift`,
/// `2 * step - shift`, ...): another sample of the same size, disjoint from
/// the CI one, to check that its rate is not a lucky draw.
pub fn sample(all: &[Spec], step: usize, shift: usize) -> Vec<Spec> {
    all.iter()
        .filter(|spec| (spec.index + shift) % step == 0)
        .cloned()
        .collect()
}

/// The OpenAPI (or Swagger) version a spec declares, found by a plain scan
/// of its text for the first `"openapi"`/`openapi:` (or `swagger`) key, so
/// the harness can tell 3.1 specs apart without parsing the document.
pub fn declared_version(text: &str) -> Option<String> {
    ["openapi", "swagger"].iter().find_map(|key| {
        let patterns = [format!("\"{key}\""), format!("\n{key}")];
        patterns.iter().find_map(|pattern| {
            let start = text.find(pattern.as_str())? + pattern.len();
            let rest = text[start..].trim_start().strip_prefix(':')?.trim_start();
            let rest = rest.trim_start_matches(['"', '\'']);
            let version: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
                .collect();
            (!version.is_empty()).then(|| {
                if *key == "swagger" {
                    format!("swagger {version}")
                } else {
                    version
                }
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(index: usize) -> Spec {
        Spec {
            index,
            path: format!("api/{index}.json"),
            file: PathBuf::from(format!("{index}.json")),
        }
    }

    #[test]
    fn the_sample_is_every_twentieth_starting_with_the_twentieth() {
        let all: Vec<Spec> = (1..=65).map(spec).collect();
        let picked: Vec<usize> = sample(&all, 20, 0).iter().map(|s| s.index).collect();
        assert_eq!(picked, [20, 40, 60]);
        let shifted: Vec<usize> = sample(&all, 20, 10).iter().map(|s| s.index).collect();
        assert_eq!(shifted, [10, 30, 50]);
    }

    #[test]
    fn versions_are_read_from_json_and_yaml() {
        assert_eq!(
            declared_version(r#"{"openapi": "3.1.0", "info": {}}"#).as_deref(),
            Some("3.1.0")
        );
        assert_eq!(
            declared_version("info:\n  title: x\nopenapi: 3.0.3\n").as_deref(),
            Some("3.0.3")
        );
        assert_eq!(
            declared_version(r#"{"swagger":"2.0"}"#).as_deref(),
            Some("swagger 2.0")
        );
        assert_eq!(declared_version("{}"), None);
    }

    #[test]
    fn paths_sort_as_bytes() {
        let dir = std::env::temp_dir().join(format!("corpus-specs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for file in [
            "api/b.com/x.json",
            "api/b.com.json",
            "api/a.json",
            "api/_index.js",
        ] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "{}").unwrap();
        }
        let listed: Vec<String> = list(&dir).unwrap().into_iter().map(|s| s.path).collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(listed, ["api/a.json", "api/b.com.json", "api/b.com/x.json"]);
    }
}
