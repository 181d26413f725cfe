//! The search box's query parser on any text: a user query must parse or give a
//! `QueryError`, never panic (byte offsets, quotes, `field:` prefixes, `-`/`+`).

#![no_main]

use coursemap_index::query::ParsedQuery;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(parsed) = ParsedQuery::parse(text) {
        let _ = parsed.has_positive_terms();
        // Parsing is deterministic.
        assert_eq!(ParsedQuery::parse(text).ok(), Some(parsed));
    }
});
