//! Which types a set of operations and webhooks reaches: the roots their
//! calls take and give, and every type those hold, transitively. What a
//! selection keeps, and what each Cargo feature of a crate compiles.

use std::collections::BTreeSet;

use super::{Api, Operation, Webhook};

impl Api {
    /// The names of the types `operations` and `webhooks` reach.
    pub fn types_reached_from<'a>(
        &self,
        operations: impl IntoIterator<Item = &'a Operation>,
        webhooks: impl IntoIterator<Item = &'a Webhook>,
    ) -> BTreeSet<String> {
        let mut pending = BTreeSet::new();
        for op in operations {
            for ty in op.type_refs() {
                ty.collect_named(&mut pending);
            }
        }
        for webhook in webhooks {
            webhook.payload.collect_named(&mut pending);
        }
        let mut reached = BTreeSet::new();
        while let Some(name) = pending.pop_first() {
            let Some(def) = self.types.get(&name) else {
                continue;
            };
            reached.insert(name);
            let mut mentioned = BTreeSet::new();
            for ty in def.kind.type_refs() {
                ty.collect_named(&mut mentioned);
            }
            pending.extend(mentioned.into_iter().filter(|n| !reached.contains(n)));
        }
        reached
    }
}
