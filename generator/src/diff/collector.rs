//! What a comparison has found so far, gathered as the rules run.

use super::report::Change;

/// The changes found so far, and whether any documentation differs.
#[derive(Default)]
pub(super) struct Collector {
    pub(super) changes: Vec<Change>,
    pub(super) docs_changed: bool,
}

impl Collector {
    pub(super) fn push(&mut self, change: Change) {
        self.changes.push(change);
    }

    pub(super) fn docs<T: PartialEq>(&mut self, old: &T, new: &T) {
        if old != new {
            self.docs_changed = true;
        }
    }
}
