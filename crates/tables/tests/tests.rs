//! Integration tests of `coursemap-tables`: the 2014 tables over report-shaped and sample-web
//! catalogues.
//!
//! One test binary per crate (each module was a binary of its own): every binary links the
//! whole dependency tree, so fewer of them build faster and take far less disk.

mod report_figures_copy;
mod report_tables;
mod sample_web_truth;
