//! Facet counts by bitsets, at a cost that does not grow with the number of matches.
//!
//! tantivy's `FacetCollector` reads every matching record's facet ordinals, so a broad query
//! ("improvement science" matches four records in ten once its synonyms count) pays for each
//! match in every dimension. Here each segment's facet values are read once, from the
//! inverted index, into one bitset per value (the records that have it); a search collects
//! its matches into a bitset, and a value's count is the popcount of the two ANDed: a few
//! thousand words per value for a 100,000-record segment, whatever the query matches.
//!
//! Segments never change once written, so a segment's bitsets are kept until the segment
//! leaves the searcher (after a merge or a rebuild). Deleted records are in the bitsets but
//! never among the matches, so they are never counted.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED};

use crate::facets::Dimension;

/// A fixed-size set of a segment's document ids. (tantivy's own `BitSet` has no
/// intersection count, which is the one operation this module needs fast.)
#[derive(Debug, Clone)]
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    pub(crate) fn new(max_doc: DocId) -> Bits {
        Bits(vec![0; (max_doc as usize).div_ceil(64)])
    }

    pub(crate) fn insert(&mut self, doc: DocId) {
        if let Some(word) = self.0.get_mut(doc as usize / 64) {
            *word |= 1 << (doc % 64);
        }
    }

    /// The documents in both.
    pub(crate) fn and(mut self, other: &Bits) -> Bits {
        for (word, theirs) in self.0.iter_mut().zip(&other.0) {
            *word &= theirs;
        }
        self
    }

    pub(crate) fn contains(&self, doc: DocId) -> bool {
        self.0.get(doc as usize / 64).is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }

    fn and_count(&self, other: &Bits) -> u64 {
        self.0.iter().zip(&other.0).map(|(a, b)| u64::from((a & b).count_ones())).sum()
    }
}

/// One facet value of a segment and the records that have it.
#[derive(Debug)]
struct Value {
    dimension: Dimension,
    name: String,
    docs: Bits,
}

/// Every facet value of one segment.
#[derive(Debug)]
pub(crate) struct SegmentValues {
    values: Vec<Value>,
}

impl SegmentValues {
    /// Adds to `counts` each value of `dimensions` by how many of `matches` have it.
    pub(crate) fn count(&self, dimensions: &[Dimension], matches: &Bits, counts: &mut Counts) {
        for value in &self.values {
            if !dimensions.contains(&value.dimension) {
                continue;
            }
            let count = value.docs.and_count(matches);
            if count > 0 {
                *counts.entry((value.dimension, value.name.clone())).or_default() += count;
            }
        }
    }

    /// Reads the facet field's terms of `segment`: each `/dimension/value` term's postings
    /// become that value's bitset (the `/dimension` terms above them are skipped).
    fn read(segment: &SegmentReader, field: Field) -> tantivy::Result<SegmentValues> {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream()?;
        let mut values = Vec::new();
        while terms.advance() {
            let Ok(facet) = Facet::from_encoded(terms.key().to_vec()) else { continue };
            let (dimension, name) = match facet.to_path().as_slice() {
                [dimension, name] => match Dimension::from_name(dimension) {
                    Some(dimension) => (dimension, (*name).to_owned()),
                    None => continue,
                },
                _ => continue,
            };
            let mut postings =
                inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut docs = Bits::new(segment.max_doc());
            let mut doc = postings.doc();
            while doc != TERMINATED {
                docs.insert(doc);
                doc = postings.advance();
            }
            values.push(Value { dimension, name, docs });
        }
        Ok(SegmentValues { values })
    }
}

/// The bitsets of every segment searched so far (see the module's documentation).
#[derive(Debug, Default)]
pub(crate) struct FacetBitsets {
    /// Invariant: only segments of the current searcher are kept, after [`Self::retain`].
    segments: Mutex<HashMap<SegmentId, Arc<SegmentValues>>>,
}

impl FacetBitsets {
    /// Forgets the segments `searcher` no longer has.
    pub(crate) fn retain(&self, searcher: &Searcher) {
        let live: Vec<SegmentId> =
            searcher.segment_readers().iter().map(SegmentReader::segment_id).collect();
        let mut segments = self.segments.lock().unwrap_or_else(PoisonError::into_inner);
        segments.retain(|id, _| live.contains(id));
    }

    pub(crate) fn segment(
        &self,
        segment: &SegmentReader,
        field: Field,
    ) -> tantivy::Result<Arc<SegmentValues>> {
        let id = segment.segment_id();
        if let Some(values) = self.segments.lock().unwrap_or_else(PoisonError::into_inner).get(&id)
        {
            return Ok(Arc::clone(values));
        }
        // Read outside the lock: two searches may both read a new segment; one result stays.
        let values = Arc::new(SegmentValues::read(segment, field)?);
        let mut segments = self.segments.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(Arc::clone(segments.entry(id).or_insert(values)))
    }

    /// A collector counting `dimensions` over a search's matches.
    pub(crate) fn counter(&self, field: Field, dimensions: Vec<Dimension>) -> FacetCounter<'_> {
        FacetCounter { bitsets: self, field, dimensions }
    }
}

/// Facet counts: (dimension, value) -> matching records, values with none left out.
pub(crate) type Counts = BTreeMap<(Dimension, String), u64>;

/// The segments' counts added up.
pub(crate) fn merge_counts(segments: impl IntoIterator<Item = Counts>) -> Counts {
    let mut merged = Counts::new();
    for (key, count) in segments.into_iter().flatten() {
        *merged.entry(key).or_default() += count;
    }
    merged
}

/// Counts the facet values of some dimensions over a search's matches.
pub(crate) struct FacetCounter<'a> {
    bitsets: &'a FacetBitsets,
    field: Field,
    dimensions: Vec<Dimension>,
}

pub(crate) struct SegmentFacetCounter {
    values: Arc<SegmentValues>,
    dimensions: Vec<Dimension>,
    matches: Bits,
}

impl Collector for FacetCounter<'_> {
    type Fruit = Counts;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _ordinal: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        Ok(SegmentFacetCounter {
            values: self.bitsets.segment(segment, self.field)?,
            dimensions: self.dimensions.clone(),
            matches: Bits::new(segment.max_doc()),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        Ok(merge_counts(fruits))
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.matches.insert(doc);
    }

    fn harvest(self) -> Counts {
        let mut counts = Counts::new();
        self.values.count(&self.dimensions, &self.matches, &mut counts);
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_count_their_intersection() {
        let mut a = Bits::new(130);
        let mut b = Bits::new(130);
        for doc in [0, 63, 64, 129] {
            a.insert(doc);
        }
        for doc in [63, 64, 100, 129] {
            b.insert(doc);
        }
        assert_eq!(a.and_count(&b), 3);
        // A document past the segment's end is ignored, not a panic.
        a.insert(500);
        assert_eq!(a.and_count(&a), 4);
    }
}
