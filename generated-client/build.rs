//! Generates the Flowwise client from the spec. Warnings are errors here:
//! the SDK that moves money must never silently degrade a type or rename
//! something because the spec changed.
fn main() {
    generator::BuildScript::new("specs/flowwise.yaml")
        .deny_warnings(true)
        .run();
}
