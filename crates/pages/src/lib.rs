//! The page store: every page the crawler fetched, kept under `<catalogue>/pages/` so that
//! extraction can run again and again without touching the network.
//!
//! # Layout, and why bodies are kept here as well as in the WARC
//!
//! ```text
//! pages/index.jsonl          one JSON line per fetch (append-only; the latest line per URL wins)
//! pages/bodies/ab/abcdef…    each distinct body once, named by its SHA-256
//! pages/bodies/.partial/     bodies being written, renamed into place when whole
//! ```
//!
//! The crawl also archives every response in `warc/` (`coursemap-warc`), and each entry points
//! at its capture (`archived`). The store still keeps its own bodies, because the crawl's two
//! hot questions are "what is the latest fetch of this URL, and its validators?" (refresh,
//! resume) and "give me every current page" (extract, on every build). The index answers both
//! with one sequential read of a small text file and a body is one `read` of an uncompressed
//! file; through the WARC each would be a seek and a gzip member to inflate, and a refresh
//! that changed nothing would have no body of its own (a revisit record). Identical bodies
//! are stored once here, so the copy costs little; the WARC is the archival, replayable copy
//! and can be switched off (`--no-warc`) without the catalogue losing anything it builds
//! from. The failure mode after `kill -9` is simple: a body file is written to a temporary
//! name and renamed, so it is whole or absent; an index line is written with one `write`
//! call, so at worst the *last* line is torn, which is detected, logged and ignored (and cut
//! off when the store is next opened for writing).
//!
//! Durability: each index line is handed to the operating system as it is appended, so a
//! killed process loses nothing it appended; [`PageStore::sync`] additionally flushes to the
//! disk (the crawler calls it at checkpoints) to survive a power cut.
//!
//! Dependencies: `serde`/`serde_json` for index lines, `chrono` for RFC 3339 fetch times,
//! `encoding_rs` + `chardetng` to turn bodies into text (declared charset, else detection),
//! `coursemap-records` for the [`coursemap_records::Archived`] pointer to an entry's WARC
//! capture, `coursemap-files` for the shared SHA-256 helper and the clean-up of interrupted writes,
//! `tracing` for the logged reasons, `thiserror` for the error type.

mod charset;
mod entry;
mod store;

use std::path::PathBuf;

pub use charset::decode_body;
pub use entry::{CorruptEntry, PageEntry, StoredPage, Validators};
pub use store::{LatestFetch, PageStore, Scan};

/// What can go wrong reading or writing the page store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Creating, reading, appending to, syncing or cutting a store file failed.
    #[error("{}: {error}", path.display())]
    Io {
        /// The index file, body file or directory concerned.
        path: PathBuf,
        /// What the operating system reported.
        error: std::io::Error,
    },
    /// A body file read back does not hash to the name it is stored under: the file was
    /// damaged or changed on disk after it was written.
    #[error("{}: body does not match its hash {expected} (found {found})", path.display())]
    BodyHashMismatch {
        /// The body file under `bodies/`.
        path: PathBuf,
        /// The hex SHA-256 the entry names (and the file is named by).
        expected: String,
        /// The hex SHA-256 of the bytes actually in the file.
        found: String,
    },
    /// A body was asked for, or named by a new entry, but none is stored: the entry has no
    /// `body_sha256` (a PDF, a gone page), or names a body that is not in `bodies/`.
    #[error("page {url} has no stored body ({reason})")]
    NoBody {
        /// The entry's canonical URL.
        url: String,
        /// The entry's note, "not stored", or which hash is missing.
        reason: String,
    },
    /// An index line read back for an entry no longer parses: the index was changed on disk
    /// while the store had it open.
    #[error("{}: the entry at byte {offset} no longer reads: {error}", path.display())]
    Reread {
        /// The index file.
        path: PathBuf,
        /// Where the line starts.
        offset: u64,
        /// What `serde_json` reported.
        error: serde_json::Error,
    },
    /// An entry could not be turned into an index line (not expected in practice).
    #[error("cannot serialise the index entry for {url}: {error}")]
    Serialise {
        /// The entry's canonical URL.
        url: String,
        /// What `serde_json` reported.
        error: serde_json::Error,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io_error(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |error| Error::Io { path, error }
}
