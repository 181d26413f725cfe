//! Normalisers: the wording of real UK course pages into the record's categories. Each is a
//! small module with one job and its own tests; every phrase the design names is a test case.

pub mod awards;
pub mod classify;
pub mod cost;
pub mod delivery;
pub mod entry;
pub mod length;
pub mod status;
pub mod year;

use std::sync::LazyLock;

use regex::Regex;

/// Compiles a pattern written in this crate; a typo is a programming error caught by tests.
///
/// Word boundaries are ASCII ones (`(?-u:\b)`): the patterns read English words, and a
/// Unicode `\b` sends the regex engine from its fast automaton to its slowest path over any
/// text holding one non-ASCII character (a curly quote, a pound sign), which most real pages
/// do; profiling put a twentieth of all extraction time there.
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
        .expect("normaliser patterns are valid regexes (checked by the tests)")
}

/// A lazily compiled pattern.
pub(crate) type Pattern = LazyLock<Regex>;

#[cfg(test)]
mod tests {
    use super::re;

    #[test]
    fn word_boundaries_hold_beside_non_ascii_characters() {
        let course = re(r"(?i)\bcourse\b");
        assert!(course.is_match("This course’s fee is £1,125 – payable upfront."));
        assert!(course.is_match("“Course” (2025/26)"));
        assert!(!course.is_match("coursework"));
        let fee = re(r"\bfee\b");
        assert_eq!(fee.find("£fee£").map(|m| m.as_str()), Some("fee"));
    }
}
