//! End-to-end tests: the whole pipeline against the sample web on loopback.
//!
//! One crawl and build of the sample web (`fixture`) is shared by most tests, because a polite
//! crawl takes seconds; tests that change the web or kill the process make their own.

mod fixture;

mod catalogue;
mod cli;
mod corrupt;
mod crashes;
mod faults;
mod fuzz;
mod refresh;
mod tidy;
mod warc;
