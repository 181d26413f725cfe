//! Where a record's source page is archived: one WARC record in the catalogue's `warc/`.

use serde::{Deserialize, Serialize};

/// A pointer to the WARC `response` record that captured a page: the file (a name inside the
/// catalogue's `warc/` directory), the byte offset of the record's gzip member in that file,
/// and the record's `WARC-Record-ID`. The crawler writes it on each page-store entry; the
/// build copies it onto the records read from that page (a feed's courses point at the feed).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Archived {
    /// The WARC file's name, e.g. `coursemap-20261127T030000Z-00000.warc.gz`.
    pub warc_file: String,
    /// Offset in bytes of the record's gzip member from the start of the file.
    pub warc_offset: u64,
    /// The record's `WARC-Record-ID`, `<urn:uuid:…>` with its angle brackets.
    pub warc_record_id: String,
}
