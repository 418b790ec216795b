//! Helpers shared by the integration tests.
pub mod capture;
pub mod prism;
