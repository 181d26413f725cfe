//! The user's query language: parsing it, and turning it into a tantivy query.
//!
//! - words are AND-ed: `leadership nursing` needs both (common words such as "and", "of"
//!   are skipped outside phrases, so "leadership and management" behaves);
//! - `"quality improvement"` is a phrase; `-word` / `-"a phrase"` excludes;
//! - `title:leadership`, `topics:"patient safety"` search one field (fields: title, provider,
//!   description, topics, entry);
//! - typo tolerance: a word of 5+ letters that no record contains is also matched fuzzily
//!   (1 edit, 2 from 8 letters) against the unstemmed title and topic words; and when the whole
//!   query finds nothing, every 5+ letter word is;
//! - the last word, unless followed by a space, also matches as a prefix of title and topic
//!   words ("improvement sci" finds "science").
//!
//! tantivy's own `QueryParser` does none of the fuzzy or prefix parts and panics on nothing
//! but reports malformed input in its own terms; this small grammar gives [`QueryError`]s
//! people can act on.

use std::collections::BTreeSet;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use crate::Result;
use crate::schema::{self, Fields};
use crate::vocabulary::concept_term;

/// Longest query accepted, in bytes; a search box never needs more.
pub const MAX_QUERY_LEN: usize = 1_000;
/// Most clauses (words, phrases) in one query.
pub const MAX_CLAUSES: usize = 32;
/// Shortest word that gets typo tolerance.
pub const FUZZY_MIN_CHARS: usize = 5;
/// From this length a word may be two edits away.
pub const FUZZY_TWO_EDITS_CHARS: usize = 8;
/// Shortest last word matched as a prefix.
pub const PREFIX_MIN_CHARS: usize = 2;

/// Words skipped when they stand alone (not in a phrase): requiring "and" would only lose
/// records that happen not to say it.
const SKIPPED_WORDS: &[&str] =
    &["a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"];

/// A query that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A `"` opens a phrase that no later `"` closes.
    #[error("unterminated quote starting at character {at}: close the phrase with \"")]
    UnterminatedQuote {
        /// The 1-based character position of the opening quote.
        at: usize,
    },
    /// A `name:` prefix names no searchable field.
    #[error("unknown field `{field}:` (fields: {FIELD_NAMES}; quote text containing ':')")]
    UnknownField {
        /// The name as typed, without the colon.
        field: String,
    },
    /// A `-`, `+` or `field:` is followed by nothing (a space or the end), or a phrase is
    /// empty (`""`).
    #[error("`{what}` needs something after it")]
    Empty {
        /// What stands alone: `-`, `+`, `title:` or `""`.
        what: String,
    },
    /// The query is longer than [`MAX_QUERY_LEN`] bytes.
    #[error("query is {len} bytes long; the limit is {MAX_QUERY_LEN}")]
    TooLong {
        /// The query's length in bytes.
        len: usize,
    },
    /// The query has more than [`MAX_CLAUSES`] words and phrases.
    #[error("query has {count} words or phrases; the limit is {MAX_CLAUSES}")]
    TooManyClauses {
        /// How many it has.
        count: usize,
    },
}

/// Field names accepted before a `:`.
pub const FIELD_NAMES: &str = "title, provider, description, topics, entry";

/// A field a clause can be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// The course's title (`title:`).
    Title,
    /// The provider's name (`provider:`).
    Provider,
    /// The description (`description:`).
    Description,
    /// The listed topics (`topics:` or `topic:`).
    Topics,
    /// The entry requirements' wording (`entry:`).
    Entry,
}

impl TextField {
    fn parse(name: &str) -> Option<TextField> {
        Some(match name {
            "title" => TextField::Title,
            "provider" => TextField::Provider,
            "description" => TextField::Description,
            "topics" | "topic" => TextField::Topics,
            "entry" => TextField::Entry,
            _ => return None,
        })
    }
}

/// A word or a quoted phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// One word as typed, matched after stemming.
    Word(String),
    /// The words between double quotes, trimmed, matched in order.
    Phrase(String),
    /// Words naming a vocabulary synonym group (see [`crate::reading`]): the words as typed
    /// or any name of the group matches.
    Synonyms {
        /// The query's words that named the group, as typed.
        typed: String,
        /// Stems of every name, for snippets.
        names: Vec<Vec<String>>,
        /// Index of the group in the vocabulary.
        group: usize,
    },
}

/// One word or phrase of a query, with its modifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Written with a leading `-`: matching records are left out.
    pub exclude: bool,
    /// Lifts the records that match without being needed: the words of a facet word, which
    /// became a filter but stay searchable as text.
    pub optional: bool,
    /// The one field it searches (`title:`); `None` searches every text field.
    pub field: Option<TextField>,
    /// The word, phrase or synonym group to match.
    pub body: Body,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    /// The words and phrases in query order, lone common words ("and", "of") dropped
    /// unless nothing else is left.
    pub clauses: Vec<Clause>,
    /// The query ended in whitespace: the last word is complete, so no prefix matching.
    pub ends_with_space: bool,
}

impl ParsedQuery {
    /// Parses a query as typed into a search box or given on the command line.
    pub fn parse(input: &str) -> Result<ParsedQuery, QueryError> {
        if input.len() > MAX_QUERY_LEN {
            return Err(QueryError::TooLong { len: input.len() });
        }
        let chars: Vec<char> = input.chars().collect();
        let mut clauses = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_whitespace() {
                i += 1;
                continue;
            }
            let start = i;
            let exclude = chars[i] == '-';
            if exclude || chars[i] == '+' {
                i += 1;
                if i == chars.len() || chars[i].is_whitespace() {
                    return Err(QueryError::Empty { what: chars[start].to_string() });
                }
            }
            let mut field = None;
            let name_len = chars[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
            if name_len > 0 && chars.get(i + name_len) == Some(&':') {
                let name: String = chars[i..i + name_len].iter().collect();
                field = Some(
                    TextField::parse(&name.to_ascii_lowercase())
                        .ok_or(QueryError::UnknownField { field: name.clone() })?,
                );
                i += name_len + 1;
                if i == chars.len() || chars[i].is_whitespace() {
                    return Err(QueryError::Empty { what: format!("{name}:") });
                }
            }
            let body = if chars[i] == '"' {
                let quote = i;
                let close = chars[i + 1..]
                    .iter()
                    .position(|&c| c == '"')
                    .ok_or(QueryError::UnterminatedQuote { at: quote + 1 })?;
                let phrase: String = chars[i + 1..i + 1 + close].iter().collect();
                i += close + 2;
                if phrase.trim().is_empty() {
                    return Err(QueryError::Empty { what: "\"\"".to_owned() });
                }
                Body::Phrase(phrase.trim().to_owned())
            } else {
                let len = chars[i..].iter().take_while(|c| !c.is_whitespace()).count();
                let word: String = chars[i..i + len].iter().collect();
                i += len;
                Body::Word(word)
            };
            clauses.push(Clause { exclude, optional: false, field, body });
        }
        if clauses.len() > MAX_CLAUSES {
            return Err(QueryError::TooManyClauses { count: clauses.len() });
        }
        // Skip lone common words, unless that would leave nothing to search for.
        let is_skipped = |c: &Clause| {
            matches!(&c.body, Body::Word(w) if !c.exclude && c.field.is_none()
                && SKIPPED_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w)))
        };
        if clauses.iter().any(|c| !is_skipped(c)) {
            clauses.retain(|c| !is_skipped(c));
        }
        let ends_with_space = input.chars().last().is_some_and(char::is_whitespace);
        Ok(ParsedQuery { clauses, ends_with_space })
    }

    /// True when the query has words to score by (otherwise results are listed by title).
    pub fn has_positive_terms(&self) -> bool {
        self.clauses.iter().any(|c| !c.exclude)
    }
}

/// How a word is matched in the unstemmed copies, for snippets to mark the same words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    /// Stemmed terms of positive words and phrases.
    pub stems: BTreeSet<String>,
    /// Unstemmed words matched with this many edits.
    pub fuzzy: Vec<(String, u8)>,
    /// Unstemmed prefix of the last word.
    pub prefix: Option<String>,
}

/// How strictly a query's words must match: each step is the retry when the one before
/// found nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// Every word (typo tolerance only for words no record contains).
    Exact,
    /// Every word, each 5+ letter word also fuzzily.
    Fuzzy,
    /// Any of the words, fuzzily, ranked by how many and how well they match: better some
    /// courses on the subject than an empty page for "clinician scientist fellow".
    AnyWord,
}

/// Builds tantivy queries for one searcher.
pub struct QueryBuilder<'a> {
    fields: &'a Fields,
    searcher: &'a Searcher,
    stemmed: TextAnalyzer,
    words: TextAnalyzer,
}

impl std::fmt::Debug for QueryBuilder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QueryBuilder").finish_non_exhaustive()
    }
}

/// Relative weight of a match in each field; a title match says most about a course.
const TITLE_BOOST: f32 = 3.0;
const TOPICS_BOOST: f32 = 1.5;
const PROVIDER_BOOST: f32 = 1.0;
const DESCRIPTION_BOOST: f32 = 1.0;
const ENTRY_BOOST: f32 = 0.5;
/// The vocabulary's names for what a record is (see [`crate::schema`]'s `aliases`): they
/// say less than the record's own words.
const ALIASES_BOOST: f32 = 0.5;
/// A record naming a synonym group in any of its words (see [`Body::Synonyms`]).
const CONCEPT_BOOST: f32 = 1.0;
/// The words of a facet word (see [`Clause::optional`]) weigh less than the subject's.
const OPTIONAL_BOOST: f32 = 0.3;
/// A fuzzy or prefix match scores a constant; kept below a typical exact match.
const APPROXIMATE_BOOST: f32 = 0.5;

/// The tokens `analyzer` makes of `text`, in order.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

impl<'a> QueryBuilder<'a> {
    /// A builder for queries on `searcher`'s index, whose fields are `fields`.
    pub fn new(fields: &'a Fields, searcher: &'a Searcher) -> Self {
        QueryBuilder {
            fields,
            searcher,
            stemmed: schema::stemmed_analyzer(),
            words: schema::words_analyzer(),
        }
    }

    fn stemmed_fields(&self, field: Option<TextField>) -> Vec<(Field, f32)> {
        let f = self.fields;
        match field {
            None => vec![
                (f.title, TITLE_BOOST),
                (f.topics, TOPICS_BOOST),
                (f.provider, PROVIDER_BOOST),
                (f.description, DESCRIPTION_BOOST),
                (f.entry, ENTRY_BOOST),
            ],
            Some(TextField::Title) => vec![(f.title, 1.0)],
            Some(TextField::Provider) => vec![(f.provider, 1.0)],
            Some(TextField::Description) => vec![(f.description, 1.0)],
            Some(TextField::Topics) => vec![(f.topics, 1.0)],
            Some(TextField::Entry) => vec![(f.entry, 1.0)],
        }
    }

    /// A whole vocabulary name among the record's aliases (only in an unfielded clause).
    fn alias_query(&self, clause: &Clause, stems: &[String]) -> Result<Option<Box<dyn Query>>> {
        if clause.field.is_some() {
            return Ok(None);
        }
        let term = Term::from_field_text(self.fields.aliases, &schema::alias_term(stems));
        if self.searcher.doc_freq(&term)? == 0 {
            return Ok(None);
        }
        let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
        Ok(Some(boosted(Box::new(query), ALIASES_BOOST)))
    }

    fn word_fields(&self, field: Option<TextField>) -> Vec<Field> {
        match field {
            None => vec![self.fields.title_words, self.fields.topics_words],
            Some(TextField::Title) => vec![self.fields.title_words],
            Some(TextField::Topics) => vec![self.fields.topics_words],
            Some(_) => vec![],
        }
    }

    /// The query for `parsed`, matched as `matching` says.
    pub fn build(
        &mut self,
        parsed: &ParsedQuery,
        matching: Matching,
    ) -> Result<(Box<dyn Query>, Highlight)> {
        let fuzzy_everywhere = matching != Matching::Exact;
        let mut highlight = Highlight::default();
        let mut subqueries: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let last = parsed.clauses.len().saturating_sub(1);
        for (index, clause) in parsed.clauses.iter().enumerate() {
            let prefix_ok =
                index == last && !parsed.ends_with_space && !clause.exclude && !clause.optional;
            let query = match &clause.body {
                Body::Word(word) => {
                    self.word_query(clause, word, prefix_ok, fuzzy_everywhere, &mut highlight)?
                }
                Body::Phrase(phrase) => self.phrase_query(clause, phrase, &mut highlight),
                Body::Synonyms { typed, names, group } => {
                    self.synonyms_query(clause, typed, names, *group, &mut highlight)?
                }
            };
            if let Some(query) = query {
                let occur = if clause.exclude {
                    Occur::MustNot
                } else if clause.optional || matching == Matching::AnyWord {
                    Occur::Should
                } else {
                    Occur::Must
                };
                // A facet word's text only orders the records its filter already chose.
                let query = if clause.optional && !clause.exclude {
                    boosted(query, OPTIONAL_BOOST)
                } else {
                    query
                };
                subqueries.push((occur, query));
            }
        }
        // Only optional words (facet words) or only exclusions: every record passing the
        // filters matches, the optional words lift those that say them. Any-word matching
        // needs one of the words instead.
        let any_word = matching == Matching::AnyWord
            && parsed.clauses.iter().any(|c| !c.exclude && !c.optional);
        if !any_word && !subqueries.iter().any(|(occur, _)| *occur == Occur::Must) {
            subqueries.push((Occur::Must, Box::new(AllQuery)));
        }
        Ok((Box::new(BooleanQuery::new(subqueries)), highlight))
    }

    fn word_query(
        &mut self,
        clause: &Clause,
        word: &str,
        prefix_ok: bool,
        fuzzy_everywhere: bool,
        highlight: &mut Highlight,
    ) -> Result<Option<Box<dyn Query>>> {
        let stems = tokens(&mut self.stemmed, word);
        if stems.len() != 1 {
            // "evidence-based" is two words next to each other: a phrase. No words at all
            // ("&") means nothing to match.
            return Ok(self.phrase_of(clause, stems, highlight));
        }
        let stem = &stems[0];
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        let mut doc_freq = 0;
        for (field, boost) in self.stemmed_fields(clause.field) {
            let term = Term::from_field_text(field, stem);
            let in_field = self.searcher.doc_freq(&term)?;
            // A field without the word adds a scorer that matches nothing: skip it.
            if in_field > 0 {
                doc_freq += in_field;
                alternatives.push(boosted(
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                    boost,
                ));
            }
        }
        alternatives.extend(self.alias_query(clause, std::slice::from_ref(stem))?);
        if !clause.exclude {
            highlight.stems.insert(stem.clone());
            let raw = tokens(&mut self.words, word).into_iter().next().unwrap_or_default();
            let chars = raw.chars().count();
            let fuzzy = chars >= FUZZY_MIN_CHARS && (fuzzy_everywhere || doc_freq == 0);
            let prefix = prefix_ok && chars >= PREFIX_MIN_CHARS;
            for field in self.word_fields(clause.field) {
                let term = Term::from_field_text(field, &raw);
                if fuzzy {
                    let distance = if chars >= FUZZY_TWO_EDITS_CHARS { 2 } else { 1 };
                    alternatives.push(boosted(
                        Box::new(FuzzyTermQuery::new(term.clone(), distance, true)),
                        APPROXIMATE_BOOST,
                    ));
                }
                if prefix {
                    alternatives.push(boosted(
                        Box::new(FuzzyTermQuery::new_prefix(term, 0, true)),
                        APPROXIMATE_BOOST,
                    ));
                }
            }
            if fuzzy {
                let distance = if chars >= FUZZY_TWO_EDITS_CHARS { 2 } else { 1 };
                highlight.fuzzy.push((raw.clone(), distance));
            }
            if prefix {
                highlight.prefix = Some(raw);
            }
        }
        Ok(Some(union(alternatives)))
    }

    /// The words as typed, AND-ed as any query's words are ("improvement science" still
    /// finds a record saying "science of quality improvement"), or any name of the group,
    /// which the index found in the record's text (`concepts`): one term however many names.
    fn synonyms_query(
        &mut self,
        clause: &Clause,
        typed: &str,
        names: &[Vec<String>],
        group: usize,
        highlight: &mut Highlight,
    ) -> Result<Option<Box<dyn Query>>> {
        let mut as_typed: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in typed.split_whitespace() {
            let one = Clause { body: Body::Word(word.to_owned()), ..clause.clone() };
            if let Some(query) = self.word_query(&one, word, false, false, highlight)? {
                as_typed.push((Occur::Must, query));
            }
        }
        // Snippets mark whichever name a record uses.
        highlight.stems.extend(names.iter().flatten().cloned());
        let concept = Term::from_field_text(self.fields.concepts, &concept_term(group));
        let mut alternatives: Vec<Box<dyn Query>> = vec![boosted(
            Box::new(TermQuery::new(concept, IndexRecordOption::WithFreqs)),
            CONCEPT_BOOST,
        )];
        if !as_typed.is_empty() {
            alternatives.push(Box::new(BooleanQuery::new(as_typed)));
        }
        Ok(Some(union(alternatives)))
    }

    fn phrase_query(
        &mut self,
        clause: &Clause,
        phrase: &str,
        highlight: &mut Highlight,
    ) -> Option<Box<dyn Query>> {
        let stems = tokens(&mut self.stemmed, phrase);
        self.phrase_of(clause, stems, highlight)
    }

    fn phrase_of(
        &mut self,
        clause: &Clause,
        stems: Vec<String>,
        highlight: &mut Highlight,
    ) -> Option<Box<dyn Query>> {
        if stems.is_empty() {
            return None;
        }
        if !clause.exclude {
            highlight.stems.extend(stems.iter().cloned());
        }
        let alias = self.alias_query(clause, &stems).ok().flatten();
        let alternatives = self
            .stemmed_fields(clause.field)
            .into_iter()
            .map(|(field, boost)| {
                let query: Box<dyn Query> = if stems.len() == 1 {
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, &stems[0]),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    Box::new(PhraseQuery::new(
                        stems.iter().map(|s| Term::from_field_text(field, s)).collect(),
                    ))
                };
                boosted(query, boost)
            })
            .chain(alias)
            .collect();
        Some(union(alternatives))
    }
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 { query } else { Box::new(BoostQuery::new(query, boost)) }
}

fn union(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.remove(0);
    }
    Box::new(BooleanQuery::new(queries.into_iter().map(|q| (Occur::Should, q)).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &ParsedQuery) -> Vec<(bool, Option<TextField>, Body)> {
        q.clauses.iter().map(|c| (c.exclude, c.field, c.body.clone())).collect()
    }

    #[test]
    fn parses_words_phrases_exclusions_and_fields() {
        let q = ParsedQuery::parse(r#"leadership and "quality improvement" -nursing title:msc"#)
            .expect("parses");
        assert_eq!(
            words(&q),
            vec![
                (false, None, Body::Word("leadership".into())),
                (false, None, Body::Phrase("quality improvement".into())),
                (true, None, Body::Word("nursing".into())),
                (false, Some(TextField::Title), Body::Word("msc".into())),
            ]
        );
        assert!(!q.ends_with_space);
        assert!(ParsedQuery::parse("improvement ").expect("parses").ends_with_space);
        assert_eq!(ParsedQuery::parse("the").expect("parses").clauses.len(), 1);
        assert!(!ParsedQuery::parse("").expect("parses").has_positive_terms());
    }

    #[test]
    fn malformed_queries_are_typed_errors() {
        assert_eq!(
            ParsedQuery::parse(r#"a "open phrase"#),
            Err(QueryError::UnterminatedQuote { at: 3 })
        );
        assert_eq!(
            ParsedQuery::parse("colour:red"),
            Err(QueryError::UnknownField { field: "colour".into() })
        );
        assert_eq!(
            ParsedQuery::parse("title: x"),
            Err(QueryError::Empty { what: "title:".into() })
        );
        assert_eq!(ParsedQuery::parse("a -"), Err(QueryError::Empty { what: "-".into() }));
        assert_eq!(ParsedQuery::parse(r#""""#), Err(QueryError::Empty { what: "\"\"".into() }));
        assert!(matches!(
            ParsedQuery::parse(&"x ".repeat(40)),
            Err(QueryError::TooManyClauses { count: 40 })
        ));
        assert!(matches!(
            ParsedQuery::parse(&"x".repeat(2000)),
            Err(QueryError::TooLong { len: 2000 })
        ));
    }
}
