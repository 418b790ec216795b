//! Generates the Kinto client from the Swagger 2.0 document the running
//! server served (`scripts/live-servers kinto` fetches `/v1/__api__` into the
//! file that `KINTO_OPENAPI` names). Kinto's document has warnings (a 304
//! status, a 201 beside a 200, repeated inline response types); cargo shows them.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=KINTO_OPENAPI");
    let Some(spec) = std::env::var_os("KINTO_OPENAPI").map(PathBuf::from) else {
        eprintln!(
            "error: KINTO_OPENAPI is not set: run these tests with scripts/live-servers kinto, \
             which starts a Kinto server and fetches the Swagger 2.0 document it serves"
        );
        std::process::exit(1);
    };
    generator::BuildScript::new(spec).run();
}
