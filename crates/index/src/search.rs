//! Running a search: the text query AND the filters, top hits with snippets, facet counts.
//!
//! Facet counts are "disjunctive": each dimension is counted under the query and every filter
//! but its own. One pass (query AND all filters) collects the hits, the total and the counts
//! of every dimension without a filter; each dimension with a filter costs one more pass.
//! With two or more such dimensions the query runs once instead, unfiltered, and each match
//! is sorted by the filters it fails (`sideways`); with one, that would score every match
//! of the query to save one unscored pass, which is no saving.

use std::ops::Bound;

use coursemap_records::Record;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, ExistsQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, Term};

use crate::Result;
use crate::catalogue::CatalogueIndex;
use crate::facet_bits::Counts;
use crate::facets::{Dimension, Facets};
use crate::filters::{FilterError, Filters, contract_name};
use crate::query::{Matching, ParsedQuery, QueryBuilder};
use crate::reading::{self, QueryFilter};
use crate::schema;
use crate::sideways::{Sideways, SplitFilters};
use crate::snippet::Highlighter;
use crate::title_order::ByTitle;
use crate::vocabulary::Vocabulary;

/// Most hits one request may ask for.
pub const MAX_HITS: usize = 1_000;

/// A search: query text (see [`crate::query`]), filters and the page of hits wanted.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SearchRequest {
    /// The query as typed; empty (or only exclusions) lists every match by title.
    pub query: String,
    /// The filters asked for, before any the query's facet words add.
    pub filters: Filters,
    /// Hits to return (at most [`MAX_HITS`]); 0 returns only the total and facets.
    pub limit: usize,
    /// Hits to skip, for paging.
    pub offset: usize,
    /// Take every word as text: no facet word becomes a filter (synonyms still apply).
    pub literal: bool,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The matching record, as stored in the index.
    pub record: Record,
    /// BM25 relevance; 0 when the query has no words (results are then listed by title).
    pub score: f32,
    /// The best-matching passage, matched words in `<b>`, everything else HTML-escaped.
    pub snippet_html: String,
    /// The same passage as plain text.
    pub snippet_text: String,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Records matching the query and filters.
    pub total: usize,
    /// The page of hits asked for, best first (by title when the query has no words).
    pub hits: Vec<Hit>,
    /// Counts per facet value, each dimension under every filter but its own.
    pub facets: Facets,
    /// Exact matching found nothing, so every long word was also matched fuzzily.
    pub fuzzy_retry: bool,
    /// Not even that found anything, so these are the records matching any of the words.
    pub any_word: bool,
    /// Filters the query's own words asked for ("part time" -> `part_time=true`), applied on
    /// top of the request's; the caller shows them and lets the user remove them (quoting
    /// the words, or `literal`).
    pub query_filters: Vec<QueryFilter>,
}

/// Dimensions a filter can restrict, with whether `filters` restricts them.
fn filtered_dimensions(filters: &Filters) -> Vec<Dimension> {
    [
        (Dimension::Level, !filters.levels.is_empty()),
        (Dimension::Delivery, !filters.delivery.is_empty()),
        (Dimension::Kind, !filters.kind.is_empty()),
        (Dimension::Provider, !filters.provider.is_empty()),
        (Dimension::Region, !filters.region.is_empty()),
        (Dimension::Nation, !filters.nation.is_empty()),
        (Dimension::EntryYear, !filters.entry_year.is_empty()),
        (Dimension::Status, !filters.status.is_empty()),
        (Dimension::Focus, !filters.focus.is_empty()),
        (Dimension::Length, !filters.length.is_empty()),
        (Dimension::Award, !filters.award.is_empty()),
    ]
    .into_iter()
    .filter_map(|(dimension, active)| active.then_some(dimension))
    .collect()
}

impl CatalogueIndex {
    /// Runs `request`. Malformed queries and unknown filter values are errors
    /// ([`crate::Error::is_user_error`]), never panics.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let vocabulary = Vocabulary::built_in()?;
        let parsed = ParsedQuery::parse(&request.query)?;
        let (parsed, query_filters) = if request.literal {
            (parsed, Vec::new())
        } else {
            reading::read_facet_words(parsed, vocabulary)
        };
        let parsed = reading::expand_synonyms(parsed, vocabulary);
        let mut filters = request.filters.clone();
        for wanted in &query_filters {
            filters.apply(&wanted.filter, &wanted.value)?;
        }
        let searcher = self.reader.searcher();
        for provider in &filters.provider {
            let term = facet_term(self.fields.facets, &Dimension::Provider.facet(provider));
            if searcher.doc_freq(&term)? == 0 && !self.known_providers.contains(provider) {
                return Err(FilterError::UnknownProvider(provider.clone()).into());
            }
        }
        let mut builder = QueryBuilder::new(&self.fields, &searcher);
        let (text_query, highlight) = builder.build(&parsed, Matching::Exact)?;
        let mut results = self.run(&searcher, &parsed, text_query, &filters, request)?;
        let mut highlight = highlight;
        let required = parsed.clauses.iter().filter(|c| !c.exclude && !c.optional).count();
        let retries: &[Matching] = match (parsed.has_positive_terms(), required) {
            (false, _) => &[],
            (true, 0 | 1) => &[Matching::Fuzzy],
            (true, _) => &[Matching::Fuzzy, Matching::AnyWord],
        };
        for &matching in retries {
            if results.total > 0 {
                break;
            }
            let (query, retry_highlight) = builder.build(&parsed, matching)?;
            let retry = self.run(&searcher, &parsed, query, &filters, request)?;
            if retry.total > 0 {
                results = retry;
                results.fuzzy_retry = true;
                results.any_word = matching == Matching::AnyWord;
                highlight = retry_highlight;
            }
        }
        let mut highlighter = Highlighter::new(highlight);
        for hit in &mut results.hits {
            let snippet = highlighter.snippet(&hit.record);
            hit.snippet_html = snippet.html;
            hit.snippet_text = snippet.text;
        }
        results.query_filters = query_filters;
        Ok(results)
    }

    fn run(
        &self,
        searcher: &Searcher,
        parsed: &ParsedQuery,
        text_query: Box<dyn Query>,
        filters: &Filters,
        request: &SearchRequest,
    ) -> Result<SearchResults> {
        let active = filtered_dimensions(filters);
        let main_query = self.with_filters(text_query.box_clone(), filters, None);
        self.facet_bitsets.retain(searcher);
        let unfiltered: Vec<Dimension> =
            Dimension::ALL.iter().copied().filter(|d| !active.contains(d)).collect();
        let facet_collector = self.facet_bitsets.counter(self.fields.facets, unfiltered);
        let limit = request.limit.min(MAX_HITS);
        // No page starts past the last record; clamping keeps offset + limit from overflowing.
        let offset = request.offset.min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
        let sideways = active.len() >= 2;
        let (addresses, total, counts): (Vec<(f32, DocAddress)>, usize, Counts) =
            if parsed.has_positive_terms() {
                // TopDocs needs a limit of at least one; a limit of 0 just drops the hit.
                // The text score plus what the record knows about itself (`lift`, see
                // `document::rank_lift`), read from a fast field for matching records only.
                let top = TopDocs::with_limit(limit.max(1)).and_offset(offset).tweak_score(
                    |segment: &SegmentReader| {
                        let lift = segment
                            .fast_fields()
                            .f64(schema::LIFT)
                            .ok()
                            .map(|column| column.first_or_default_col(0.0));
                        move |doc: DocId, score: Score| {
                            score + lift.as_ref().map_or(0.0, |column| column.get_val(doc) as f32)
                        }
                    },
                );
                if sideways {
                    let collector = self.sideways(top, searcher, filters)?;
                    searcher.search(text_query.as_ref(), &collector)?
                } else {
                    searcher.search(&main_query, &(top, Count, facet_collector))?
                }
            } else {
                let by_title = ByTitle::new("title_sort", offset, limit);
                let (found, total, counts) = if sideways {
                    let collector = self.sideways(by_title, searcher, filters)?;
                    searcher.search(text_query.as_ref(), &collector)?
                } else {
                    searcher.search(&main_query, &(by_title, Count, facet_collector))?
                };
                (found.into_iter().map(|address| (0.0, address)).collect(), total, counts)
            };
        let mut facets = Facets::default();
        fill(&mut facets, counts);
        for &dimension in active.iter().filter(|_| !sideways) {
            let query = self.with_filters(text_query.box_clone(), filters, Some(dimension));
            let collector = self.facet_bitsets.counter(self.fields.facets, vec![dimension]);
            fill(&mut facets, searcher.search(&query, &collector)?);
        }
        let hits = addresses
            .into_iter()
            .take(limit)
            .map(|(score, address)| {
                Ok(Hit {
                    record: self.record_at(searcher, address)?,
                    score,
                    snippet_html: String::new(),
                    snippet_text: String::new(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(SearchResults {
            total,
            hits,
            facets,
            fuzzy_retry: false,
            any_word: false,
            query_filters: Vec::new(),
        })
    }

    /// `text_query` AND every filter except `except`'s dimension; filters add no score.
    fn with_filters(
        &self,
        text_query: Box<dyn Query>,
        filters: &Filters,
        except: Option<Dimension>,
    ) -> Box<dyn Query> {
        let split = self.split_filters(filters);
        let clauses: Vec<Box<dyn Query>> = split
            .dimensions
            .into_iter()
            .filter(|(dimension, _)| except != Some(*dimension))
            .map(|(_, query)| query)
            .chain(split.rest)
            .collect();
        if clauses.is_empty() {
            return text_query;
        }
        let mut all: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query)];
        all.extend(
            clauses
                .into_iter()
                .map(|q| (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>)),
        );
        Box::new(BooleanQuery::new(all))
    }

    /// `hits` wrapped to see only the matches every filter admits, counting the facets.
    fn sideways<'a, C: tantivy::collector::Collector>(
        &'a self,
        hits: C,
        searcher: &Searcher,
        filters: &Filters,
    ) -> Result<Sideways<'a, C>> {
        let split = self.split_filters(filters);
        Ok(Sideways::new(hits, searcher, &self.facet_bitsets, self.fields.facets, split)?)
    }

    /// The filters as queries: one per dimension with a filter, and the rest.
    fn split_filters(&self, filters: &Filters) -> SplitFilters {
        let facets = self.fields.facets;
        let any_of = |dimension: Dimension, values: Vec<String>| {
            if values.is_empty() {
                return None;
            }
            let terms: Vec<(Occur, Box<dyn Query>)> = values
                .iter()
                .map(|value| {
                    let term = facet_term(facets, &dimension.facet(value));
                    let query: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, query)
                })
                .collect();
            Some((dimension, Box::new(BooleanQuery::new(terms)) as Box<dyn Query>))
        };
        let dimensions: Vec<(Dimension, Box<dyn Query>)> = [
            any_of(Dimension::Level, filters.levels.iter().map(|l| l.to_string()).collect()),
            any_of(Dimension::Delivery, filters.delivery.iter().map(contract_name).collect()),
            any_of(Dimension::Kind, filters.kind.iter().map(contract_name).collect()),
            any_of(Dimension::Provider, filters.provider.clone()),
            any_of(
                Dimension::Region,
                filters.region.iter().map(|r| r.as_str().to_owned()).collect(),
            ),
            any_of(
                Dimension::Nation,
                filters.nation.iter().map(|n| n.as_str().to_owned()).collect(),
            ),
            any_of(
                Dimension::EntryYear,
                filters.entry_year.iter().map(ToString::to_string).collect(),
            ),
            any_of(
                Dimension::Status,
                filters.status.iter().map(|s| s.as_str().to_owned()).collect(),
            ),
            any_of(Dimension::Focus, filters.focus.iter().map(contract_name).collect()),
            any_of(Dimension::Length, filters.length.iter().map(contract_name).collect()),
            any_of(Dimension::Award, filters.award.clone()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut rest: Vec<Box<dyn Query>> = Vec::new();
        if let Some(max_fee) = filters.max_fee {
            rest.push(Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_f64(self.fields.home_fee_gbp, max_fee)),
            )));
        }
        let route_max: Field =
            if filters.part_time { self.fields.pt_months_max } else { self.fields.ft_months_max };
        if let Some(max_months) = filters.max_months {
            let within: Box<dyn Query> = Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_u64(route_max, u64::from(max_months))),
            ));
            let short = facet_term(facets, &Dimension::Length.facet("short"));
            let short: Box<dyn Query> = Box::new(TermQuery::new(short, IndexRecordOption::Basic));
            rest.push(Box::new(BooleanQuery::new(vec![
                (Occur::Should, within),
                (Occur::Should, short),
            ])));
        } else if filters.part_time {
            rest.push(Box::new(ExistsQuery::new("pt_months_max".to_owned(), false)));
        }
        if filters.full_time {
            rest.push(Box::new(ExistsQuery::new("ft_months_max".to_owned(), false)));
        }
        SplitFilters { dimensions, rest }
    }
}

fn facet_term(field: Field, facet: &Facet) -> Term {
    Term::from_facet(field, facet)
}

fn fill(facets: &mut Facets, counts: Counts) {
    for ((dimension, value), count) in counts {
        facets.dimension_mut(dimension).insert(value, count);
    }
}
