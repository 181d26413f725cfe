//! The crawl's archive: every response the crawler receives, with its request, as WARC 1.1
//! records in `<catalogue>/warc/*.warc.gz`, so the crawl can be replayed (pywb, any Wayback)
//! and a record's facts checked against the bytes they came from.
//!
//! # Files
//!
//! ```text
//! warc/coursemap-00000-20261127T030000Z.warc.gz   warcinfo, then request/response pairs, revisits
//! warc/coursemap-00001-20261127T041500Z.warc.gz   the next file, once the first passed the size
//! ```
//!
//! Each record is its own gzip member (the convention every WARC tool reads), so a record is
//! found by the offset of its member and read alone: [`Archived`] (file, offset, record id)
//! is the pointer the page store and every record carry. A file is closed at the first record
//! that would take it past [`WarcOptions::max_file_bytes`] (about 1 GiB, as crawlers
//! customarily rotate) and the next one starts with its own `warcinfo`.
//!
//! # Records
//!
//! [`WarcWriter::write_exchange`] writes a `request` and its `response` (`WARC-Concurrent-To`
//! each other); [`WarcWriter::write_revisit`] writes a `request` and a `revisit` with the
//! server-not-modified profile for a 304, naming the capture it revalidated. Blocks are HTTP/1.1
//! messages rebuilt from what the client reports (`http`): the crawler's client decodes
//! `Content-Encoding` and de-chunks, so the response's framing headers are replaced by one
//! `Content-Length` for the body as stored, which is what replay tools then read correctly. A
//! body the crawler chose not to read (a redirect's, a PDF's, one over the cap) is archived
//! empty with `WARC-Truncated`. `WARC-Block-Digest` and `WARC-Payload-Digest` are SHA-256 in
//! base32, as `warcio` writes and checks them.
//!
//! # Kill -9
//!
//! As in the page store: each exchange is compressed in memory and handed to the operating
//! system with one `write` call, so a killed process leaves whole members and at most one torn
//! one at the end of the last file. [`WarcWriter::open`] scans the last file and cuts a torn
//! member off (logging what it dropped), so appends start on a member boundary and nothing
//! written whole is lost. [`WarcWriter::sync`] flushes to the disk itself (the crawler calls it
//! when it syncs the page store); a finished file is synced when the next one starts.
//!
//! # Why not the `warc` crate
//!
//! crates.io's `warc` (0.4) reads and writes records, but its gzip writer compresses a whole
//! stream as one member, so a record has no offset of its own; it computes no digests, reports
//! no offsets, and has no way to find and cut a torn member. What this crate needs of the
//! format (a header block, a gzip member, two digests) is small, so it is written here and
//! checked by `warcio check` in the workspace's tests.
//!
//! Dependencies: `flate2` (one gzip member per record, and reading them back), `sha2` and
//! `data-encoding` (SHA-256 digests in base32), `uuid` (`WARC-Record-ID`s), `chrono` (WARC and
//! CDXJ dates), `coursemap-records` (the [`Archived`] pointer, defined once there),
//! `serde_json` (CDXJ's JSON block), `tracing` (a cut torn tail is logged), `thiserror`.

mod cdxj;
mod http;
mod reader;
mod record;
mod writer;

use std::path::PathBuf;

pub use cdxj::{cdxj_line, surt, write_cdxj};
pub use coursemap_records::Archived;
pub use http::{request_head, response_head};
pub use reader::{HttpResponse, WarcRecord, read_record_at, read_records, warc_files};
pub use record::{Truncation, sha256_base32};
pub use writer::{
    DEFAULT_MAX_FILE_BYTES, Exchange, Revisit, WarcOptions, WarcWriter, WriteSummary,
};

/// What can go wrong writing or reading the archive.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Creating, reading, appending to, syncing or cutting a WARC file failed.
    #[error("{}: {error}", path.display())]
    Io {
        /// The WARC file or directory concerned.
        path: PathBuf,
        /// What the operating system reported.
        error: std::io::Error,
    },
    /// A gzip member or the record inside it is not a readable WARC record.
    #[error("{}: offset {offset}: {reason}", path.display())]
    Malformed {
        /// The WARC file.
        path: PathBuf,
        /// Offset of the member in the file.
        offset: u64,
        /// What is wrong with it.
        reason: String,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io_error(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |error| Error::Io { path, error }
}
