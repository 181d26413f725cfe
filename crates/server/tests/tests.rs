//! Integration tests of `coursemap-server`: the HTTP API, reload and the browser tests.
//!
//! One test binary per crate (each module was a binary of its own): every binary links the
//! whole dependency tree, so fewer of them build faster and take far less disk.

mod support;

mod api;
mod browser;
mod reload;
