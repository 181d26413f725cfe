//! Integration tests of `coursemap-index`: the index over hand-made, sample-web and judged
//! catalogues, and export.
//!
//! One test binary per crate (each module was a binary of its own): every binary links the
//! whole dependency tree, so fewer of them build faster and take far less disk.

#[path = "../benches/relevance/judging.rs"]
mod judging;

mod export;
mod fixture;
mod relevance;
mod truth;
