//! The selections of real specs that the test package compiles
//! (`build.rs`, as `sdk_tests::selections::<module>`) and snapshots
//! (`tests/snapshots.rs`, under `tests/snapshots/selections/<module>/`):
//! one list, so that the snapshots are of the compiled code.

/// Module name, spec (relative to the repository), selection.
pub fn selections() -> Vec<(&'static str, &'static str, generator::Selection)> {
    vec![(
        // What a checkout service uses of Cashfree: its orders, and the
        // payment webhook that tells it an order was paid.
        "cashfree_orders",
        "../shared/specs/cashfree-pg.yaml",
        generator::Selection::new()
            .tag("Orders")
            .webhook("PaymentWebhook"),
    )]
}
