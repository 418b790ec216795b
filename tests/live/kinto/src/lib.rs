//! The client generated from a running Kinto server's own Swagger 2.0
//! document (see `build.rs`). Nothing here but this file is written by hand.
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/kinto.rs"));
