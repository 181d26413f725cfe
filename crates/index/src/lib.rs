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
mod snippet;
mod title_order;
pub mod vocabulary;

use std::path::PathBuf;

pub use catalogue::CatalogueIndex;
pub use document::home_fee_gbp;
pub use facets::{Dimension, Facets, NOT_KNOWN};
pub use filters::{FilterError, Filters, Level, Region};
pub use query::QueryError;
pub use reading::QueryFilter;
pub use schema::{SCHEMA_VERSION, SCHEMA_VERSION_FILE};
pub use search::{Hit, MAX_HITS, SearchRequest, SearchResults};
pub use vocabulary::{Vocabulary, VocabularyError};

/// What can go wrong with the index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no search index in {}: run `coursemap build` to create it", dir.display())]
    Missing { dir: PathBuf },
    #[error(
        "the search index in {} has schema version {found}, this coursemap needs {}: \
         run `coursemap build` to rebuild it",
        dir.display(),
        schema::version_stamp()
    )]
    SchemaMismatch { dir: PathBuf, found: String },
    #[error("bad query: {0}")]
    Query(QueryError),
    #[error("bad filter: {0}")]
    Filter(FilterError),
    #[error("search index: {0}")]
    Tantivy(tantivy::TantivyError),
    #[error("search index: {0}")]
    OpenDirectory(tantivy::directory::error::OpenDirectoryError),
    #[error("{}: {error}", path.display())]
    Io { path: PathBuf, error: std::io::Error },
    #[error(transparent)]
    Records(#[from] coursemap_records::Error),
    /// Writing a file (atomically) failed.
    #[error(transparent)]
    Write(#[from] coursemap_files::Error),
    #[error("stored record does not read back: {detail}")]
    StoredRecord { detail: String },
    #[error("export: {0}")]
    Export(std::io::Error),
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
