//! Generates the Prefect client from the document the running server served
//! (`scripts/live-servers prefect` fetches `/api/openapi.json` into the file that
//! `PREFECT_OPENAPI` names). Prefect's document has warnings (`prefixItems`
//! tuples and `propertyNames` the generator does not type yet); cargo shows them.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=PREFECT_OPENAPI");
    let Some(spec) = std::env::var_os("PREFECT_OPENAPI").map(PathBuf::from) else {
        eprintln!(
            "error: PREFECT_OPENAPI is not set: run these tests with scripts/live-servers prefect, \
             which starts a Prefect server and fetches the OpenAPI document it serves"
        );
        std::process::exit(1);
    };
    generator::BuildScript::new(spec).run();
}
