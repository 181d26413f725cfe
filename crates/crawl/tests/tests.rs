//! Integration tests of `coursemap-crawl`: the crawler against loopback servers, real
//! interstitial pages and the sample web.
//!
//! One test binary per crate (each module was a binary of its own): every binary links the
//! whole dependency tree, so fewer of them build faster and take far less disk.

mod support;

mod interstitial;
mod politeness;
mod resume_refresh;
mod robustness;
mod sampleweb;
mod seeds_check;
mod site_search;
