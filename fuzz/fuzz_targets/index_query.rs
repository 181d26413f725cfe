//! The search box's query parser on any text: a user query must parse or give a
//! `QueryError`, never panic (byte offsets, quotes, `field:` prefixes, `-`/`+`); and reading a
//! parsed query with the vocabulary (facet words, synonyms) never panics either.

#![no_main]

use coursemap_index::Vocabulary;
use coursemap_index::query::ParsedQuery;
use coursemap_index::reading::{expand_synonyms, read_facet_words};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(parsed) = ParsedQuery::parse(text) {
        let _ = parsed.has_positive_terms();
        // Parsing is deterministic.
        assert_eq!(ParsedQuery::parse(text).ok(), Some(parsed.clone()));
        if let Ok(vocabulary) = Vocabulary::built_in() {
            let (read, filters) = read_facet_words(parsed, vocabulary);
            let expanded = expand_synonyms(read, vocabulary);
            // Reading never invents clauses: at most one per clause typed.
            assert!(expanded.clauses.len() <= ParsedQuery::parse(text).map_or(0, |p| p.clauses.len()));
            let _ = filters;
        }
    }
});
