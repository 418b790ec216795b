//! Unique names within one namespace.

use std::collections::BTreeSet;

use super::raw::unraw;

/// Hands out unique names within one namespace.
#[derive(Debug, Default, Clone)]
pub struct NameAllocator {
    taken: BTreeSet<String>,
}

impl NameAllocator {
    /// A namespace in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Takes `wanted`, or `wanted` with the first free numeric suffix
    /// (`wanted_2` for snake case, `Wanted2` for camel case). Returns the
    /// name and whether it had to change.
    pub fn allocate(&mut self, wanted: &str) -> (String, bool) {
        if self.taken.insert(unraw(wanted).to_owned()) {
            return (wanted.to_owned(), false);
        }
        let base = unraw(wanted);
        let snake = base.starts_with(|c: char| c.is_ascii_lowercase());
        for n in 2.. {
            let candidate = if snake {
                format!("{base}_{n}")
            } else {
                format!("{base}{n}")
            };
            if self.taken.insert(candidate.clone()) {
                return (candidate, true);
            }
        }
        unreachable!("the suffixes are unbounded")
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(unraw(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocator_suffixes_collisions() {
        let mut names = NameAllocator::with_reserved(&["Error"]);
        assert_eq!(names.allocate("Error"), ("Error2".to_owned(), true));
        assert_eq!(names.allocate("order_id"), ("order_id".to_owned(), false));
        assert_eq!(names.allocate("order_id"), ("order_id_2".to_owned(), true));
        assert_eq!(names.allocate("r#type"), ("r#type".to_owned(), false));
        assert_eq!(names.allocate("r#type"), ("type_2".to_owned(), true));
    }
}
