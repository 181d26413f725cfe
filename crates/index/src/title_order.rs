//! Listing by title, the order of a search without words: a collector for one page of it.
//!
//! tantivy's `TopDocs::order_by_string_fast_field` turns every kept term ordinal back into
//! its string with a lookup of its own, which decompresses the same dictionary block again
//! each time (tantivy issue #2776). Listing from offset 2,000 of 100,000 records cost 74 ms
//! that way, more than the other 29 queries of the load test's mix together. [`ByTitle`]
//! keeps the ordinals of each segment's first `offset + limit` documents, sorts them, and
//! reads their titles in one pass over the dictionary (`sorted_ords_to_term_cb`).

use std::cmp::Ordering;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Term ordinal given to a document without a title: after every real one.
const NO_TITLE: u64 = u64::MAX;

/// Collects the addresses of documents `offset..offset + limit` in the order of a string
/// fast field (byte order, as the field's dictionary is sorted), documents without a value
/// last, ties by address.
pub(crate) struct ByTitle {
    field: String,
    offset: usize,
    limit: usize,
}

impl ByTitle {
    pub(crate) fn new(field: &str, offset: usize, limit: usize) -> ByTitle {
        ByTitle { field: field.to_owned(), offset, limit }
    }
}

/// A segment's candidates: the title's bytes (`None`: no title) and the address.
type Candidates = Vec<(Option<Vec<u8>>, DocAddress)>;

impl Collector for ByTitle {
    type Fruit = Vec<DocAddress>;
    type Child = ByTitleInSegment;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<ByTitleInSegment> {
        Ok(ByTitleInSegment {
            segment_ord,
            column: segment.fast_fields().str(&self.field)?,
            keep: self.offset.saturating_add(self.limit),
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Candidates>) -> tantivy::Result<Vec<DocAddress>> {
        let mut all: Candidates = segments.into_iter().flatten().collect();
        all.sort_unstable_by(|a, b| title_order(&a.0, &b.0).then(a.1.cmp(&b.1)));
        Ok(all.into_iter().skip(self.offset).take(self.limit).map(|(_, address)| address).collect())
    }
}

/// Titles in byte order, a missing title last.
fn title_order(a: &Option<Vec<u8>>, b: &Option<Vec<u8>>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

pub(crate) struct ByTitleInSegment {
    segment_ord: SegmentOrdinal,
    column: Option<StrColumn>,
    /// Candidates worth keeping: no document past `offset + limit` in this segment can be
    /// on the page.
    keep: usize,
    /// (term ordinal, doc); within a segment, ordinal order is title order.
    found: Vec<(u64, DocId)>,
}

impl ByTitleInSegment {
    /// Keeps the `keep` smallest candidates (in no particular order; `harvest` sorts).
    fn shrink(&mut self) {
        if self.found.len() > self.keep {
            self.found.select_nth_unstable(self.keep);
            self.found.truncate(self.keep);
        }
    }
}

impl SegmentCollector for ByTitleInSegment {
    type Fruit = Candidates;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if self.keep == 0 {
            return;
        }
        let ord = self.column.as_ref().and_then(|column| column.ords().first(doc));
        self.found.push((ord.unwrap_or(NO_TITLE), doc));
        // Shrinking at twice the page keeps memory bounded by the page, not the matches,
        // at an amortised linear cost.
        if self.found.len() >= self.keep.saturating_mul(2).max(1024) {
            self.shrink();
        }
    }

    fn harvest(mut self) -> Candidates {
        self.shrink();
        self.found.sort_unstable();
        let segment_ord = self.segment_ord;
        let address = |doc_id| DocAddress { segment_ord, doc_id };
        let titled = self.found.partition_point(|&(ord, _)| ord != NO_TITLE);
        let mut titles: Vec<Vec<u8>> = Vec::with_capacity(titled);
        if let Some(column) = &self.column {
            let ords: Vec<u64> = self.found[..titled].iter().map(|&(ord, _)| ord).collect();
            let read = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                titles.push(bytes.to_vec());
            });
            if !matches!(read, Ok(true)) {
                // A dictionary that does not hold its own column's ordinals is a damaged
                // index; list what could be read and the rest as untitled, never panic.
                tracing::warn!(segment = segment_ord, ?read, "title dictionary lookup failed");
            }
        }
        let mut titles = titles.into_iter();
        self.found
            .into_iter()
            .enumerate()
            .map(|(i, (_, doc))| (if i < titled { titles.next() } else { None }, address(doc)))
            .collect()
    }
}
