//! Disjunctive facet counts in one pass over the query's matches ("drill sideways", as
//! Lucene calls it).
//!
//! A dimension with a filter is counted under the query and every filter but its own, so
//! counting it by search costs a pass of its own over the query's matches; with two such
//! dimensions a broad query over a million records paid three passes. Here the query runs
//! once without the filters: each filter's matches are read first into a bitset per segment
//! (a filter is a few facet terms or a range over a fast field, cheap beside the query), and
//! each match of the query is then sorted by the filters it fails. Passing all, it is a hit:
//! collected, counted in the total and in every dimension. Failing exactly one dimension's
//! filter, it counts for that dimension only. Failing more, or a filter that is not a
//! dimension (a fee or length bound), it counts for none.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::schema::Field;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED};

use crate::facet_bits::{Bits, Counts, FacetBitsets, SegmentValues, merge_counts};
use crate::facets::Dimension;

/// The filters of a search, split as the counting needs them.
pub(crate) struct SplitFilters {
    /// Each dimension with a filter, and the filter (any of its values).
    pub(crate) dimensions: Vec<(Dimension, Box<dyn Query>)>,
    /// Every other filter (fee, length, study mode), all of which a hit must pass.
    pub(crate) rest: Vec<Box<dyn Query>>,
}

/// Wraps the collector of hits (`inner`) so that it sees only the matches passing every
/// filter, and counts the facets as described in the module's documentation. Its fruit is
/// the inner fruit, the number of hits and the facet counts.
pub(crate) struct Sideways<'a, C> {
    inner: C,
    bitsets: &'a FacetBitsets,
    facets: Field,
    /// Invariant: the dimensions of `filters`, in the same order.
    filtered: Vec<Dimension>,
    filters: Vec<Box<dyn Weight>>,
    rest: Vec<Box<dyn Weight>>,
    /// The dimensions without a filter.
    unfiltered: Vec<Dimension>,
}

impl<'a, C> Sideways<'a, C> {
    pub(crate) fn new(
        inner: C,
        searcher: &Searcher,
        bitsets: &'a FacetBitsets,
        facets: Field,
        split: SplitFilters,
    ) -> tantivy::Result<Self> {
        let weight =
            |query: &dyn Query| query.weight(EnableScoring::disabled_from_searcher(searcher));
        let filtered: Vec<Dimension> = split.dimensions.iter().map(|(d, _)| *d).collect();
        let filters = split
            .dimensions
            .iter()
            .map(|(_, query)| weight(query.as_ref()))
            .collect::<Result<_, _>>()?;
        let rest =
            split.rest.iter().map(|query| weight(query.as_ref())).collect::<Result<_, _>>()?;
        let unfiltered = Dimension::ALL.iter().copied().filter(|d| !filtered.contains(d)).collect();
        Ok(Sideways { inner, bitsets, facets, filtered, filters, rest, unfiltered })
    }
}

/// The documents of `segment` that `weight` matches.
fn matches(weight: &dyn Weight, segment: &SegmentReader) -> tantivy::Result<Bits> {
    let mut bits = Bits::new(segment.max_doc());
    let mut scorer = weight.scorer(segment, 1.0)?;
    let mut doc = scorer.doc();
    while doc != TERMINATED {
        bits.insert(doc);
        doc = scorer.advance();
    }
    Ok(bits)
}

/// One segment's part of [`Sideways`].
pub(crate) struct SidewaysInSegment<S> {
    inner: S,
    values: Arc<SegmentValues>,
    filtered: Vec<Dimension>,
    unfiltered: Vec<Dimension>,
    /// Per filtered dimension, the documents its filter admits (same order as `filtered`).
    admitted: Vec<Bits>,
    /// The documents every other filter admits; None when there is no other filter.
    rest: Option<Bits>,
    /// The hits: matches every filter admits.
    hits: Bits,
    total: usize,
    /// Per filtered dimension, the matches its filter alone refused.
    refused_by_one: Vec<Bits>,
}

impl<C: Collector> Collector for Sideways<'_, C> {
    type Fruit = (C::Fruit, usize, Counts);
    type Child = SidewaysInSegment<C::Child>;

    fn for_segment(
        &self,
        ordinal: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let mut rest: Option<Bits> = None;
        for weight in &self.rest {
            let admitted = matches(weight.as_ref(), segment)?;
            rest = Some(match rest {
                Some(before) => before.and(&admitted),
                None => admitted,
            });
        }
        let admitted = self
            .filters
            .iter()
            .map(|weight| matches(weight.as_ref(), segment))
            .collect::<tantivy::Result<Vec<Bits>>>()?;
        Ok(SidewaysInSegment {
            inner: self.inner.for_segment(ordinal, segment)?,
            values: self.bitsets.segment(segment, self.facets)?,
            filtered: self.filtered.clone(),
            unfiltered: self.unfiltered.clone(),
            refused_by_one: self.filtered.iter().map(|_| Bits::new(segment.max_doc())).collect(),
            admitted,
            rest,
            hits: Bits::new(segment.max_doc()),
            total: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        segments: Vec<(<C::Child as SegmentCollector>::Fruit, usize, Counts)>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut inner = Vec::with_capacity(segments.len());
        let mut total = 0;
        let mut counts = Vec::with_capacity(segments.len());
        for (fruit, hits, segment_counts) in segments {
            inner.push(fruit);
            total += hits;
            counts.push(segment_counts);
        }
        Ok((self.inner.merge_fruits(inner)?, total, merge_counts(counts)))
    }
}

impl<S: SegmentCollector> SegmentCollector for SidewaysInSegment<S> {
    type Fruit = (S::Fruit, usize, Counts);

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.rest.as_ref().is_some_and(|rest| !rest.contains(doc)) {
            return;
        }
        let mut refused = None;
        for (dimension, admitted) in self.admitted.iter().enumerate() {
            if !admitted.contains(doc) {
                if refused.is_some() {
                    return; // refused by two: counted nowhere
                }
                refused = Some(dimension);
            }
        }
        match refused {
            None => {
                self.hits.insert(doc);
                self.total += 1;
                self.inner.collect(doc, score);
            }
            Some(dimension) => {
                if let Some(bits) = self.refused_by_one.get_mut(dimension) {
                    bits.insert(doc);
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut counts = Counts::new();
        self.values.count(&self.unfiltered, &self.hits, &mut counts);
        for (dimension, refused) in self.filtered.iter().zip(&self.refused_by_one) {
            // Under every filter but its own: the hits, and the matches only it refused.
            self.values.count(&[*dimension], &self.hits, &mut counts);
            self.values.count(&[*dimension], refused, &mut counts);
        }
        (self.inner.harvest(), self.total, counts)
    }
}
