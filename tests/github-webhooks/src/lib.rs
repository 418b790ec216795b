//! The webhooks of GitHub's own OpenAPI 3.1 description, generated (see
//! `build.rs`). Nothing here but this file is written by hand.
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/api_github_com.rs"));
