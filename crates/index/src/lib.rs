//! The catalogue's search index: a tantivy index of [`Record`]s with the query language,
//! filters and facet counts staff expect, plus export for engines beyond one machine.
//!
//! - [`CatalogueIndex`] (`catalogue`): create or rebuild, open (checking the schema version),
//!   upsert and delete by id, read records back;
//! - [`CatalogueIndex::search`] (`search`): query AND filters, hits with snippets, facet counts
//!   per dimension under the query and the *other* filters;
//! - `query`: the query language (words AND-ed, phrases, `-exclusion`, `field:word`, typo
//!   tolerance, prefix of the last word) and its [`QueryError`]s;
//! - `filters`: [`Filters`] and the string parsing the CLI and HTTP API share;
//! - `schema` / `document` / `facets`: the schema, record -> document, facet dimensions;
//!   `facet_bits`: facet counts as intersections of per-value bitsets, whatever the matches;
//! - [`vocabulary`]: the field's vocabulary (`vocabulary.txt`): synonyms and facet words;
//!   [`reading`]: a query read with it (facet words become filters, synonyms alternatives);
//! - `title_order`: the by-title listing of a search without words;
//! - `snippet`: matched-word snippets; [`export`]: NDJSON and `_bulk` documents.
//!
//! Dependencies: `tantivy` is the search engine; `coursemap-records` the record type (and the
//! only serialiser of records); `serde`/`serde_json` for stored records, hits, facets and
//! export documents; `html-escape` for snippets' HTML; `thiserror` for [`Error`]; `tracing`
//! for skipped input.
//!
//! [`Record`]: coursemap_records::Record

mod catalogue;
mod document;
pub mod export;
mod facet_bits;
pub mod facets;
pub mod filters;
pub mod query;
pub mod reading;
mod schema;
mod search;
mod sideways;
mod snippet;
mod title_order;
pub mod vocabulary;

use std::path::PathBuf;

pub use catalogue::CatalogueIndex;
pub use document::home_fee_gbp;
pub use facets::{Dimension, Facets, NOT_KNOWN};
pub use filters::{
    EntryYear, FilterError, Filters, Level, Nation, Place, Region, Status, UkRegion,
};
pub use query::QueryError;
pub use reading::QueryFilter;
pub use schema::{SCHEMA_VERSION, SCHEMA_VERSION_FILE};
pub use search::{Hit, MAX_HITS, SearchRequest, SearchResults};
pub use vocabulary::{Vocabulary, VocabularyError};

/// What can go wrong with the index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// [`CatalogueIndex::open`] found no index in the directory (no `meta.json`).
    #[error("no search index in {}: run `coursemap build` to create it", dir.display())]
    Missing {
        /// The directory where the index was looked for.
        dir: PathBuf,
    },
    /// The index on disk was built with another schema version (or none, or other fields),
    /// so this build cannot search it; [`CatalogueIndex::rebuild`] also returns it for an
    /// index without stored records.
    #[error(
        "the search index in {} has schema version {found}, this coursemap needs {}: \
         run `coursemap build` to rebuild it",
        dir.display(),
        schema::version_stamp()
    )]
    SchemaMismatch {
        /// The index directory.
        dir: PathBuf,
        /// The version found (`none` without a version file, `?` when the schema lacks a
        /// field this build needs), or what else was wrong.
        found: String,
    },
    /// The query text does not parse (a user error).
    #[error("bad query: {0}")]
    Query(QueryError),
    /// A filter, or a filter a facet word of the query asked for, is not valid, or names a
    /// provider the catalogue does not know (a user error).
    #[error("bad filter: {0}")]
    Filter(FilterError),
    /// tantivy failed to read, write or search the index.
    #[error("search index: {0}")]
    Tantivy(tantivy::TantivyError),
    /// tantivy could not open the index directory.
    #[error("search index: {0}")]
    OpenDirectory(tantivy::directory::error::OpenDirectoryError),
    /// A file or directory beside the index (the version file, the known-providers file,
    /// the build and retired directories of a rebuild) could not be read, made or renamed.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        error: std::io::Error,
    },
    /// Reading or writing a records file failed. Nothing in this crate returns it; it lets
    /// callers that read `records.jsonl` and then search use one error type.
    #[error(transparent)]
    Records(#[from] coursemap_records::Error),
    /// Writing a file (atomically) failed.
    #[error(transparent)]
    Write(#[from] coursemap_files::Error),
    /// A document in the index has no stored record, or one that no longer parses as a
    /// [`coursemap_records::Record`].
    #[error("stored record does not read back: {detail}")]
    StoredRecord {
        /// Which document, or the JSON parser's message.
        detail: String,
    },
    /// Writing export documents ([`export::write_ndjson`], [`export::write_es_bulk`]) to the
    /// output failed.
    #[error("export: {0}")]
    Export(std::io::Error),
    /// The vocabulary compiled into this build does not read; a bug caught by the tests.
    #[error(transparent)]
    Vocabulary(#[from] VocabularyError),
}

// By hand rather than `#[from]`, which would also return the error from `source()`:
// the message already prints it (CONTRIBUTING.md, "Style").
impl From<QueryError> for Error {
    fn from(error: QueryError) -> Self {
        Error::Query(error)
    }
}

impl From<FilterError> for Error {
    fn from(error: FilterError) -> Self {
        Error::Filter(error)
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(error: tantivy::TantivyError) -> Self {
        Error::Tantivy(error)
    }
}

impl From<tantivy::directory::error::OpenDirectoryError> for Error {
    fn from(error: tantivy::directory::error::OpenDirectoryError) -> Self {
        Error::OpenDirectory(error)
    }
}

impl Error {
    /// True for errors in what the user typed (query or filters): usage errors to a CLI,
    /// `400 Bad Request` to an HTTP API.
    pub fn is_user_error(&self) -> bool {
        matches!(self, Error::Query(_) | Error::Filter(_))
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
