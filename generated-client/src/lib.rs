#![doc = include_str!(concat!(env!("OUT_DIR"), "/flowwise_docs.md"))]
//!
//! Generated at build time from `specs/flowwise.yaml` (the repository's
//! single source of truth) by the `generator` crate; see the README for the
//! workflow. Nothing in this crate but this file is written by hand.
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/flowwise.rs"));
