//! Helpers shared by the integration tests.
pub mod capture;
pub mod faults;
pub mod prism;
pub mod trace;
