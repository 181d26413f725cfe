//! Normalisers: the wording of real UK course pages into the record's categories. Each is a
//! small module with one job and its own tests; every phrase the design names is a test case.

pub mod awards;
pub mod classify;
pub mod cost;
pub mod delivery;
pub mod entry;
pub mod length;

use std::sync::LazyLock;

use regex::Regex;

/// Compiles a pattern written in this crate; a typo is a programming error caught by tests.
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("normaliser patterns are valid regexes (checked by the tests)")
}

/// A lazily compiled pattern.
pub(crate) type Pattern = LazyLock<Regex>;
