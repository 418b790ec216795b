//! The client generated from a running Prefect server's own OpenAPI 3.1
//! document (see `build.rs`). Nothing here but this file is written by hand.
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/prefect.rs"));
