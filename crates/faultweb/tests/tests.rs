//! Integration tests of `coursemap-faultweb`: the fault web and the generated web behave as
//! documented.
//!
//! One test binary per crate (each module was a binary of its own): every binary links the
//! whole dependency tree, so fewer of them build faster and take far less disk.

mod faults;
mod generated;
