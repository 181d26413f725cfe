//! Reading a parsed query with the field's vocabulary ([`crate::vocabulary`]), before it is
//! built into a tantivy query:
//!
//! 1. facet words ("part time", "MSc", "level 7", "online") become [`QueryFilter`]s the
//!    caller applies and shows; their words stay in the query as an optional clause, so a
//!    record that says them ranks higher but one that does not still matches;
//! 2. synonyms: words naming a vocabulary group ("QI", "PG Cert") become a clause matching
//!    any name of the group.
//!
//! Only plain words are read: a quoted phrase, a `field:` clause or an exclusion is taken as
//! typed, which is how a user (or the page's chip) keeps a facet word as text only.

use serde::Serialize;

use crate::query::{Body, Clause, ParsedQuery};
use crate::vocabulary::{Name, QueryWord, Vocabulary, longest_match};

/// A filter the query's own words asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryFilter {
    /// The words, as typed ("part time").
    pub words: String,
    /// A filter name of [`crate::Filters::apply`] and its value.
    pub filter: String,
    /// The filter's value, as [`crate::Filters::apply`] takes it (`true`, `7`, `MSc`).
    pub value: String,
}

/// A run of the query's words that names a vocabulary entry: clauses `first..=last`.
struct Found {
    entry: usize,
    first: usize,
    last: usize,
}

/// Finds, left to right and longest first, where the entries' names occur among the plain
/// word clauses of `clauses` that `eligible` admits. Runs never cross an ineligible clause.
fn find(clauses: &[Clause], eligible: impl Fn(&Clause) -> bool, entries: &[&[Name]]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut index = 0;
    while index < clauses.len() {
        // The run of eligible clauses starting here.
        let run_end =
            (index..clauses.len()).find(|&i| !eligible(&clauses[i])).unwrap_or(clauses.len());
        let typed: Vec<(usize, &str)> = (index..run_end)
            .filter_map(|i| match &clauses[i].body {
                Body::Word(word) => Some((i, word.as_str())),
                _ => None,
            })
            .collect();
        let words: Vec<QueryWord<'_>> = Vocabulary::query_words(&typed);
        let mut at = 0;
        while at < words.len() {
            let best = entries
                .iter()
                .enumerate()
                .filter_map(|(entry, names)| Some((longest_match(names, &words, at)?, entry)))
                .max_by_key(|&(len, entry)| (len, std::cmp::Reverse(entry)));
            match best {
                Some((len, entry)) => {
                    found.push(Found {
                        entry,
                        first: words[at].clause,
                        last: words[at + len - 1].clause,
                    });
                    at += len;
                }
                None => at += 1,
            }
        }
        index = run_end.max(index + 1);
    }
    found
}

fn plain_word(clause: &Clause) -> bool {
    !clause.exclude && clause.field.is_none() && matches!(clause.body, Body::Word(_))
}

/// The typed words of clauses `first..=last`, joined by spaces.
fn typed_words(clauses: &[Clause], first: usize, last: usize) -> String {
    clauses[first..=last]
        .iter()
        .filter_map(|c| match &c.body {
            Body::Word(word) => Some(word.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Replaces each found run by what `replace` makes of it, keeping the other clauses.
fn rewrite(
    clauses: Vec<Clause>,
    found: &[Found],
    mut replace: impl FnMut(&Found, String, &Clause) -> Clause,
) -> Vec<Clause> {
    let mut out = Vec::with_capacity(clauses.len());
    let mut runs = found.iter().peekable();
    let mut index = 0;
    while index < clauses.len() {
        match runs.peek() {
            Some(run) if run.first == index => {
                let typed = typed_words(&clauses, run.first, run.last);
                out.push(replace(run, typed, &clauses[index]));
                index = run.last + 1;
                runs.next();
            }
            _ => {
                out.push(clauses[index].clone());
                index += 1;
            }
        }
    }
    out
}

/// Step 1: the query without its facet words' need to match, and the filters they stand for.
pub fn read_facet_words(
    parsed: ParsedQuery,
    vocabulary: &Vocabulary,
) -> (ParsedQuery, Vec<QueryFilter>) {
    let entries: Vec<&[Name]> = vocabulary.facets.iter().map(|f| f.names.as_slice()).collect();
    let eligible = |c: &Clause| plain_word(c) && !c.optional;
    let found = find(&parsed.clauses, eligible, &entries);
    if found.is_empty() {
        return (parsed, Vec::new());
    }
    let mut filters = Vec::new();
    let clauses = rewrite(parsed.clauses, &found, |run, typed, _| {
        for (filter, value) in &vocabulary.facets[run.entry].filters {
            filters.push(QueryFilter {
                words: typed.clone(),
                filter: filter.clone(),
                value: value.clone(),
            });
        }
        Clause { exclude: false, optional: true, field: None, body: Body::Word(typed) }
    });
    (ParsedQuery { clauses, ..parsed }, filters)
}

/// Step 2: words naming a synonym group match any of its names.
pub fn expand_synonyms(parsed: ParsedQuery, vocabulary: &Vocabulary) -> ParsedQuery {
    let entries: Vec<&[Name]> = vocabulary.synonyms.iter().map(|g| g.triggers.as_slice()).collect();
    // Optional and required words are separate runs: one clause cannot be both.
    let mut found = find(&parsed.clauses, |c| plain_word(c) && !c.optional, &entries);
    found.extend(find(&parsed.clauses, |c| plain_word(c) && c.optional, &entries));
    if found.is_empty() {
        return parsed;
    }
    found.sort_by_key(|f| f.first);
    let clauses = rewrite(parsed.clauses, &found, |run, typed, first| {
        let names = vocabulary.synonyms[run.entry]
            .expansion
            .iter()
            // A capitals-only name ('IS') would match the word in any case in the index.
            .filter(|name| !name.exact_case)
            .map(|name| name.stems.clone())
            .collect();
        Clause {
            exclude: false,
            optional: first.optional,
            field: None,
            body: Body::Synonyms { typed, names, group: run.entry },
        }
    });
    ParsedQuery { clauses, ..parsed }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(query: &str) -> (ParsedQuery, Vec<QueryFilter>) {
        let vocabulary = Vocabulary::built_in().expect("vocabulary");
        let parsed = ParsedQuery::parse(query).expect("parses");
        let (parsed, filters) = read_facet_words(parsed, vocabulary);
        (expand_synonyms(parsed, vocabulary), filters)
    }

    fn filter_pairs(filters: &[QueryFilter]) -> Vec<(&str, &str, &str)> {
        filters.iter().map(|f| (f.words.as_str(), f.filter.as_str(), f.value.as_str())).collect()
    }

    #[test]
    fn facet_words_become_filters_and_stay_as_optional_text() {
        let (parsed, filters) = read("part time msc quality improvement");
        assert_eq!(
            filter_pairs(&filters),
            vec![("part time", "part_time", "true"), ("msc", "award", "MSc")]
        );
        let optional: Vec<bool> = parsed.clauses.iter().map(|c| c.optional).collect();
        assert_eq!(optional, vec![true, true, false]);
        let Body::Synonyms { typed, names, .. } = &parsed.clauses[2].body else {
            panic!("quality improvement is a synonym group: {:?}", parsed.clauses[2]);
        };
        assert_eq!(typed, "quality improvement");
        assert!(names.contains(&vec!["qi".to_owned()]), "{names:?}");
    }

    #[test]
    fn quoted_fielded_and_excluded_words_are_taken_as_typed() {
        let (parsed, filters) = read(r#""part time" title:msc -online"#);
        assert!(filters.is_empty(), "{filters:?}");
        assert!(parsed.clauses.iter().all(|c| !matches!(c.body, Body::Synonyms { .. })));
    }

    #[test]
    fn the_three_spellings_of_a_pgcert_ask_for_the_same_filter() {
        for query in ["postgraduate certificate", "PG Cert", "pgcert", "PgCert"] {
            let (_, filters) = read(query);
            assert_eq!(filter_pairs(&filters), vec![(query, "award", "PGCert")], "{query}");
        }
    }

    #[test]
    fn level_words_and_capitals_only_abbreviations() {
        let (_, filters) = read("level 7 module");
        assert_eq!(
            filter_pairs(&filters),
            vec![("level 7", "level", "7"), ("module", "kind", "module")]
        );
        let (parsed, _) = read("IS");
        assert!(matches!(parsed.clauses[0].body, Body::Synonyms { .. }));
        let (parsed, _) = read("what is improvement");
        assert!(parsed.clauses.iter().any(|c| c.body == Body::Word("is".into())));
    }
}
