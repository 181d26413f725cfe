//! `coursemap serve`: the JSON search API and the search page over the catalogue index.
//!
//! This is the only crate that knows HTTP on the server side. It opens a built catalogue
//! read-only, answers `GET /api/search`, `/api/search.csv`, `/api/courses/{id}`,
//! `/api/tables`, `/tables` and `/healthz` (documented in `openapi.yaml` beside this crate's
//! manifest), and serves one search page whose HTML, script and style are compiled into the
//! binary, so it works offline and no request path can reach the file system. A catalogue
//! rebuilt while the server runs is picked up within the reload interval, between requests.
//!
//! Every query parameter is hostile until the `params` module has checked it (lengths, ranges, repeats, unknown names): bad input is a 400 with a
//! JSON body naming the parameter, never a 500 and never a panic (a panic in a handler is
//! caught and logged, and the client sees a plain 500).
//!
//! Dependencies: `axum` (routing) on `tokio` (runtime, listener, blocking pool for the
//! index); `tower` for the concurrency limit and `tower-http` for request tracing, security
//! headers, timeouts and panic catching; `coursemap-index` to search and `coursemap-tables` for
//! the report tables; `coursemap-records` for the record type; `coursemap-files` for where the index lives; `serde`/`serde_json` for JSON
//! bodies; `csv` for the CSV export; `url` for its form-urlencoded parser (so repeated
//! parameters can be seen and rejected); `tracing` for logs; `thiserror` for [`Error`].

mod api_error;
mod assets;
mod config;
mod course;
mod csv_export;
mod hit;
mod params;
mod routes;
mod search;
mod security;
mod server;
mod state;
mod tables;

use std::net::SocketAddr;
use std::path::PathBuf;

pub use config::{
    DEFAULT_ADDR, DEFAULT_CONCURRENCY_LIMIT, DEFAULT_RELOAD_INTERVAL, DEFAULT_REQUEST_TIMEOUT,
    ServerConfig,
};
pub use params::{MAX_CSV_ROWS, MAX_LIMIT, MAX_OFFSET, MAX_QUERY_CHARS};
pub use routes::router;
pub use server::{Server, serve};
pub use state::{AppState, Catalogue};

/// What can stop the server from starting or running.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The search index is missing or cannot be opened (at start-up, or on a reload).
    #[error("opening the catalogue index in {}: {error}", path.display())]
    OpenIndex {
        /// The index directory (the catalogue's `tantivy/`).
        path: PathBuf,
        /// Why the index would not open.
        error: coursemap_index::Error,
    },
    /// The index opened, but its records could not be read back to compute the tables.
    #[error("reading the catalogue's records for the tables: {0}")]
    ReadRecords(coursemap_index::Error),
    /// The summary tables could not be rendered as HTML.
    #[error("rendering the summary tables: {0}")]
    Tables(coursemap_tables::Error),
    /// The summary tables could not be serialised as JSON (not expected in practice).
    #[error("writing the summary tables as JSON: {0}")]
    TablesJson(serde_json::Error),
    /// The blocking task opening the catalogue panicked or was cancelled.
    #[error("opening the catalogue was interrupted: {0}")]
    Interrupted(tokio::task::JoinError),
    /// The address could not be bound (in use, or not allowed), or its bound address read.
    #[error("binding {addr}: {error}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the operating system reported.
        error: std::io::Error,
    },
    /// The listener failed while serving requests.
    #[error("serving HTTP: {0}")]
    Serve(std::io::Error),
}

// By hand rather than `#[from]`, which would also return the error from `source()`:
// the message already prints it (CONTRIBUTING.md, "Style").
impl From<coursemap_tables::Error> for Error {
    fn from(error: coursemap_tables::Error) -> Self {
        Error::Tables(error)
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Error::TablesJson(error)
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(error: tokio::task::JoinError) -> Self {
        Error::Interrupted(error)
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
