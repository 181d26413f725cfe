//! Integration tests of `coursemap-extract`: extraction of test pages, real pages, the sample
//! web and XCRI-CAP feeds.
//!
//! One test binary per crate (each module was a binary of its own): every binary links the
//! whole dependency tree, so fewer of them build faster and take far less disk.

mod pages;
mod real_pages;
mod sampleweb_truth;
mod xcri_feeds;
mod year_status;
