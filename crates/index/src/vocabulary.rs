//! The field's vocabulary (`crates/index/vocabulary.txt`): synonyms, and the words of a query
//! that are filters ("facet words"). The file documents its own format.
//!
//! Names are compared as the stemmed index sees words, so the vocabulary needs one spelling
//! per name, not one per inflection; a name in single quotes is also compared as typed, for
//! abbreviations that are English words in lower case ('IS').

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use tantivy::tokenizer::TextAnalyzer;

use crate::filters::{FilterError, Filters};
use crate::query::tokens;
use crate::schema;

/// The vocabulary compiled into this build.
const BUILT_IN: &str = include_str!("../vocabulary.txt");

/// A line of the vocabulary that does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VocabularyError {
    /// A line breaks the file's format: an unknown `[section]`, a line before any section,
    /// a facet line without `=>` or without filters, a filter not written `name=value`, or
    /// a name that is empty (or has no words once tokenised).
    #[error("vocabulary line {line}: {reason}")]
    Line {
        /// The 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A facet line's `name=value` is not a filter [`Filters::apply`] accepts.
    #[error("vocabulary line {line}: {error}")]
    Filter {
        /// The 1-based line number.
        line: usize,
        /// Why the filter was refused.
        error: FilterError,
    },
}

/// One name of a group: the stems it is compared by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// As written in the file, for messages and the index's alias text.
    pub written: String,
    /// Stemmed words, as the stemmed fields index them.
    pub stems: Vec<String>,
    /// Matches only when the query spells it exactly so ('IS', not "is").
    pub exact_case: bool,
}

/// A synonym line: a query naming a trigger also searches every name of the expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymGroup {
    /// The names that set the group off: every name of a `a | b` line, the left-hand side
    /// of an `a -> b` line.
    pub triggers: Vec<Name>,
    /// Every name searched; includes the triggers.
    pub expansion: Vec<Name>,
}

/// A facet line: the words, and the `(filter, value)` pairs they stand for.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetWords {
    /// The names on the left of `=>`; any of them in a query asks for the filters.
    pub names: Vec<Name>,
    /// The `(filter, value)` pairs on the right, in line order, as [`Filters::apply`] takes
    /// them.
    pub filters: Vec<(String, String)>,
    /// `filters` applied to no filters: what a record must meet to carry these names.
    pub as_filters: Filters,
}

/// The whole vocabulary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    /// The `[synonyms]` lines, in file order; a group's index is its place here.
    pub synonyms: Vec<SynonymGroup>,
    /// The `[facets]` lines, in file order.
    pub facets: Vec<FacetWords>,
}

/// A word of a query as the matcher sees it.
#[derive(Debug, Clone)]
pub struct QueryWord<'a> {
    /// One stem of the word, as the stemmed fields index it.
    pub stem: String,
    /// The whitespace-separated word it came from, as typed.
    pub typed: &'a str,
    /// Index of the query clause it came from.
    pub clause: usize,
}

impl Vocabulary {
    /// The vocabulary compiled in, read once.
    pub fn built_in() -> Result<&'static Vocabulary, VocabularyError> {
        static BUILT: OnceLock<Result<Vocabulary, VocabularyError>> = OnceLock::new();
        BUILT.get_or_init(|| Vocabulary::parse(BUILT_IN)).as_ref().map_err(Clone::clone)
    }

    /// Reads a vocabulary file's text.
    pub fn parse(text: &str) -> Result<Vocabulary, VocabularyError> {
        #[derive(PartialEq)]
        enum Section {
            None,
            Synonyms,
            Facets,
        }
        let mut analyzer = schema::stemmed_analyzer();
        let mut vocabulary = Vocabulary::default();
        let mut section = Section::None;
        for (at, raw) in text.lines().enumerate() {
            let line = at + 1;
            let content = raw.trim();
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            let bad = |reason: &str| VocabularyError::Line { line, reason: reason.to_owned() };
            match content {
                "[synonyms]" => section = Section::Synonyms,
                "[facets]" => section = Section::Facets,
                _ if content.starts_with('[') => return Err(bad("unknown section")),
                _ if section == Section::Synonyms => {
                    let group = match content.split_once("->") {
                        Some((from, to)) => {
                            let triggers = names(&mut analyzer, from, line)?;
                            let mut expansion = triggers.clone();
                            expansion.extend(names(&mut analyzer, to, line)?);
                            SynonymGroup { triggers, expansion }
                        }
                        None => {
                            let all = names(&mut analyzer, content, line)?;
                            SynonymGroup { triggers: all.clone(), expansion: all }
                        }
                    };
                    vocabulary.synonyms.push(group);
                }
                _ if section == Section::Facets => {
                    let (words, assignments) =
                        content.split_once("=>").ok_or_else(|| bad("a facet line needs `=>`"))?;
                    let mut filters = Vec::new();
                    let mut as_filters = Filters::default();
                    for assignment in assignments.split_whitespace() {
                        let (name, value) = assignment
                            .split_once('=')
                            .ok_or_else(|| bad("filters are written name=value"))?;
                        as_filters
                            .apply(name, value)
                            .map_err(|error| VocabularyError::Filter { line, error })?;
                        filters.push((name.to_owned(), value.to_owned()));
                    }
                    if filters.is_empty() {
                        return Err(bad("a facet line needs at least one filter"));
                    }
                    let names = names(&mut analyzer, words, line)?;
                    vocabulary.facets.push(FacetWords { names, filters, as_filters });
                }
                _ => return Err(bad("a line before any [section]")),
            }
        }
        Ok(vocabulary)
    }

    /// The query's words, stemmed, with the clause each came from.
    pub fn query_words<'a>(typed: &[(usize, &'a str)]) -> Vec<QueryWord<'a>> {
        let mut analyzer = schema::stemmed_analyzer();
        let mut out = Vec::new();
        for &(clause, word) in typed {
            for stem in tokens(&mut analyzer, word) {
                out.push(QueryWord { stem, typed: word, clause });
            }
        }
        out
    }
}

fn names(
    analyzer: &mut TextAnalyzer,
    list: &str,
    line: usize,
) -> Result<Vec<Name>, VocabularyError> {
    let mut out = Vec::new();
    for part in list.split('|') {
        let part = part.trim();
        let (written, exact_case) = match part.strip_prefix('\'').and_then(|p| p.strip_suffix('\''))
        {
            Some(inner) => (inner, true),
            None => (part, false),
        };
        let stems = tokens(analyzer, written);
        if stems.is_empty() {
            return Err(VocabularyError::Line { line, reason: format!("empty name in `{list}`") });
        }
        out.push(Name { written: written.to_owned(), stems, exact_case });
    }
    Ok(out)
}

impl Name {
    /// How many query words this name covers when it starts at `words[start]`: it must match
    /// word for word and end where a typed word ends (a name never covers half of
    /// "evidence-based").
    pub fn matches_at(&self, words: &[QueryWord<'_>], start: usize) -> Option<usize> {
        let end = start + self.stems.len();
        let window = words.get(start..end)?;
        if window.iter().zip(&self.stems).any(|(word, stem)| word.stem != *stem) {
            return None;
        }
        let starts_clean = start == 0 || words[start - 1].clause != words[start].clause;
        let ends_clean = words.get(end).is_none_or(|next| next.clause != words[end - 1].clause);
        if !starts_clean || !ends_clean {
            return None;
        }
        if self.exact_case {
            let typed: Vec<&str> = window.iter().map(|w| w.typed).collect();
            let mut distinct = typed.clone();
            distinct.dedup();
            if distinct.join(" ") != self.written {
                return None;
            }
        }
        Some(self.stems.len())
    }
}

/// A short fingerprint of the vocabulary compiled in (FNV-1a of the file): part of the
/// index's version stamp, since records are indexed under the groups it defines.
pub fn fingerprint() -> String {
    let hash = BUILT_IN.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:08x}", hash >> 32)
}

/// Finds which synonym groups a record's text names, at index time: a query naming a group
/// then needs one term (see [`concept_term`]), not a phrase per name and field.
pub struct ConceptFinder {
    analyzer: TextAnalyzer,
    /// First stem of a name -> (group, the name's stems).
    by_first: HashMap<String, Vec<(usize, Vec<String>)>>,
}

impl std::fmt::Debug for ConceptFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConceptFinder").field("names", &self.by_first.len()).finish_non_exhaustive()
    }
}

impl ConceptFinder {
    /// A finder for the names of every synonym group of `vocabulary` (except names that
    /// match only in capitals, which lower-cased text cannot show).
    pub fn new(vocabulary: &Vocabulary) -> ConceptFinder {
        let mut by_first: HashMap<String, Vec<(usize, Vec<String>)>> = HashMap::new();
        for (group, synonyms) in vocabulary.synonyms.iter().enumerate() {
            // A capitals-only name cannot be told from the word in lower-cased text.
            for name in synonyms.expansion.iter().filter(|name| !name.exact_case) {
                if let Some(first) = name.stems.first() {
                    by_first.entry(first.clone()).or_default().push((group, name.stems.clone()));
                }
            }
        }
        ConceptFinder { analyzer: schema::stemmed_analyzer(), by_first }
    }

    /// The groups any of `texts` names, each text read word by word.
    pub fn concepts<'a>(&mut self, texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<usize> {
        let mut found = BTreeSet::new();
        for text in texts {
            let stems = tokens(&mut self.analyzer, text);
            for (at, stem) in stems.iter().enumerate() {
                for (group, name) in self.by_first.get(stem).into_iter().flatten() {
                    if stems.get(at..at + name.len()) == Some(name.as_slice()) {
                        found.insert(*group);
                    }
                }
            }
        }
        found
    }
}

/// The term of the `concepts` field standing for synonym group `group`.
pub fn concept_term(group: usize) -> String {
    format!("synonyms-{group}")
}

/// The longest name of `names` matching at `start`, as a count of words.
pub fn longest_match(names: &[Name], words: &[QueryWord<'_>], start: usize) -> Option<usize> {
    names.iter().filter_map(|name| name.matches_at(words, start)).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_vocabulary_reads_and_names_what_the_issue_asks_for() {
        let vocabulary = Vocabulary::built_in().expect("vocabulary.txt reads");
        let group_of = |written: &str| {
            vocabulary
                .synonyms
                .iter()
                .find(|g| g.triggers.iter().any(|n| n.written == written))
                .unwrap_or_else(|| panic!("no group for {written}"))
        };
        let qi = group_of("QI");
        assert!(qi.expansion.iter().any(|n| n.written == "quality improvement"));
        let pgcert = group_of("PG Cert");
        assert!(pgcert.expansion.iter().any(|n| n.stems == ["pgcert"]));
        assert!(group_of("IS").triggers.iter().any(|n| n.exact_case));
        let part_time = vocabulary
            .facets
            .iter()
            .find(|f| f.names.iter().any(|n| n.written == "part-time"))
            .expect("part-time is a facet word");
        assert!(part_time.as_filters.part_time);
    }

    #[test]
    fn malformed_lines_are_errors_naming_the_line() {
        let err = Vocabulary::parse("[facets]\nfree => max_fee=cheap\n").expect_err("bad fee");
        assert!(matches!(err, VocabularyError::Filter { line: 2, .. }), "{err:?}");
        let err = Vocabulary::parse("qi | quality improvement\n").expect_err("no section");
        assert_eq!(
            err,
            VocabularyError::Line { line: 1, reason: "a line before any [section]".into() }
        );
        let err = Vocabulary::parse("[synonyms]\nqi | &\n").expect_err("empty name");
        assert!(matches!(err, VocabularyError::Line { line: 2, .. }), "{err:?}");
        assert!(Vocabulary::parse("[facets]\nfree\n").is_err());
        assert!(Vocabulary::parse("[colours]\n").is_err());
    }

    #[test]
    fn names_match_whole_typed_words_and_quoted_names_match_capitals_only() {
        let vocabulary = Vocabulary::parse(
            "[synonyms]\nevidence based practice | EBP\n'IS' | implementation science\n",
        )
        .expect("reads");
        let typed = [(0, "evidence-based"), (1, "practice")];
        let words = Vocabulary::query_words(&typed);
        let ebp = &vocabulary.synonyms[0].triggers;
        assert_eq!(longest_match(ebp, &words, 0), Some(3));
        let half = [(0, "based"), (1, "practice")];
        assert_eq!(longest_match(ebp, &Vocabulary::query_words(&half), 0), None);
        let is = &vocabulary.synonyms[1].triggers;
        assert_eq!(longest_match(is, &Vocabulary::query_words(&[(0, "IS")]), 0), Some(1));
        assert_eq!(longest_match(is, &Vocabulary::query_words(&[(0, "is")]), 0), None);
    }

    #[test]
    fn concepts_are_the_groups_a_text_names_in_whole_words() {
        let vocabulary = Vocabulary::parse(
            "[synonyms]\nquality improvement | QI\n'IS' | implementation science\nmasters -> MSc\n",
        )
        .expect("reads");
        let mut finder = ConceptFinder::new(&vocabulary);
        let found = finder.concepts(["Leading quality improvements in care", "is it"]);
        assert_eq!(found, BTreeSet::from([0]), "stems match; the capitals-only name does not");
        assert_eq!(finder.concepts(["An MSc in Nursing"]), BTreeSet::from([2]));
        assert!(finder.concepts(["quality of improvement"]).is_empty());
        assert_ne!(fingerprint(), "", "the index stamp carries it");
    }
}
