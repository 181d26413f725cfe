//! The catalogue directory and the build step that fills it.
//!
//! A catalogue is one directory (default `index/`). The crawler fills `pages/`; `build` turns
//! the page store into records and an index:
//!
//! ```text
//! pages/ --extract--> records --link providers, merge duplicates, apply overrides-->
//!     records.jsonl (previous one kept under snapshots/) --> tantivy/
//! ```
//!
//! Build is a pure function of the page store, the seeds and `overrides.jsonl`: run twice on
//! the same inputs it writes the same records, which is what lets an interrupted build simply
//! run again, and lets `diff` compare two builds.
//!
//! Dependencies: the stage crates it joins (`pages`, `extract`, `records` with the overrides,
//! `index`, `seeds`), `coursemap-files` for the layout it re-exports, `chrono` for snapshot
//! names, `indicatif` for the progress bar, `thiserror` for errors, `tracing` for skip reasons.
//! Not `verification`: applying overrides needs nothing of the spreadsheets.

mod build;

pub use build::{BuildOptions, BuildSummary, build};
pub use coursemap_files::CatalogueDir;

use std::path::PathBuf;

/// What can go wrong building a catalogue.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing the snapshot of the previous records (its directory or file, or the rename
    /// to its final name) failed.
    #[error("{}: {error}", path.display())]
    Io {
        /// The snapshot directory or file concerned.
        path: PathBuf,
        /// What the operating system reported.
        error: std::io::Error,
    },
    /// The page store could not be read.
    #[error("page store: {0}")]
    Pages(coursemap_pages::Error),
    /// The current records could not be read, or the new records not written.
    #[error("records: {0}")]
    Records(coursemap_records::Error),
    /// The researcher's verification overrides could not be read.
    #[error("verification overrides: {0}")]
    Overrides(coursemap_records::Error),
    /// The search index could not be created or rebuilt.
    #[error("index: {0}")]
    Index(coursemap_index::Error),
    /// The catalogue has no `pages/` directory (the path in it): nothing has been crawled.
    #[error("no page store at {}: run `coursemap crawl` first", .0.display())]
    NoPages(PathBuf),
}

// By hand rather than `#[from]`, which would also return the error from `source()`:
// the message already prints it (CONTRIBUTING.md, "Style").
impl From<coursemap_pages::Error> for Error {
    fn from(error: coursemap_pages::Error) -> Self {
        Error::Pages(error)
    }
}

impl From<coursemap_records::Error> for Error {
    fn from(error: coursemap_records::Error) -> Self {
        Error::Records(error)
    }
}

impl From<coursemap_index::Error> for Error {
    fn from(error: coursemap_index::Error) -> Self {
        Error::Index(error)
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
