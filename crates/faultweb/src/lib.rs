//! Hostile and large webs on loopback, for crawler tests and the crawler benchmark.
//!
//! [`FaultWeb`] serves hosts under `fault.test` that are slow, broken, rude or adversarial in
//! every way issue 8 lists: a response that comes too late and a body that trickles; a request
//! that is never answered and a connection reset mid-body; truncated gzip and a gzip bomb; a
//! 50 MB body; 429 with `Retry-After` and recovering 503 bursts; a redirect loop and a 20-hop
//! chain; robots.txt that is a 500, 2 MB or binary; a malformed sitemap and one of a million
//! URLs; pages in Windows-1252 and ISO-8859-1 without a declared charset, with invalid UTF-8 or
//! a BOM; 100,000-deep and unclosed HTML; an infinite calendar. Every host also has good pages,
//! so a test can check that a crawler still collects [`RunningFaultWeb::good_urls`] and records
//! a reason for each of [`RunningFaultWeb::bad_urls`].
//!
//! [`GeneratedWeb`] serves many course-like sites (default 50 hosts of 200 pages; or shaped
//! like the UK's universities, with a site search and 1% of courses on the terms) with
//! robots.txt, sitemaps, duplicate URLs and disallowed links, for `benches/scrapy/`.
//!
//! Both bind 127.0.0.1 only and route on the Host header (plain HTTP: clients map every host
//! to [`RunningFaultWeb::addr`] with a resolve override, or use the server as an HTTP proxy).
//! Every server loop is bounded: stalls last [`FaultWebBuilder::stall`], huge bodies are
//! streamed from a counter (never held in memory) and end, and per-URL counters exist only for
//! the fixed fault URLs.
//!
//! Dependencies: `tokio` and `hyper`/`hyper-util`/`http-body-util` for the HTTP server (raw
//! `tokio` sockets for the connection-level faults hyper would not commit); `futures` for the
//! streamed bodies; `flate2` to make the gzip bomb and the truncated gzip at start;
//! `coursemap-sampleweb` for the access log both test webs keep; `thiserror` for the error
//! type; `tracing` for connection errors; `url` to read the generated web's search queries.

mod fault_bodies;
mod fault_pages;
mod fault_plan;
mod fault_router;
mod fault_web;
mod generated;
mod raw;
mod reply;
mod seeds_toml;
mod server;

pub use coursemap_sampleweb::access_log::AccessLogEntry;
pub use fault_web::{FaultWeb, FaultWebBuilder, RunningFaultWeb};
pub use generated::{GeneratedWeb, GeneratedWebBuilder, RunningGeneratedWeb};

use std::net::SocketAddr;
use std::path::PathBuf;

/// What can go wrong starting a fault web or a generated web.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A listening address could not be bound (in use, or not allowed).
    #[error("binding {addr}: {error}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the operating system reported.
        error: std::io::Error,
    },
    /// The access log file could not be opened for appending.
    #[error("access log file {}: {error}", path.display())]
    AccessLogFile {
        /// The log file given to the builder.
        path: PathBuf,
        /// What the operating system reported.
        error: std::io::Error,
    },
    /// Compressing the gzip bomb or the truncated gzip at start failed, or its task panicked.
    #[error("building the gzip payloads: {0}")]
    Gzip(std::io::Error),
    /// A builder setting cannot be served: an address that is not loopback, no hosts, or too
    /// few pages per host; the text says which.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// Any other socket error at start, such as reading back a bound listener's address.
    #[error("I/O: {0}")]
    Io(std::io::Error),
}

// By hand rather than `#[from]`, which would also return the error from `source()`:
// the message already prints it (CONTRIBUTING.md, "Style").
impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Error::Io(error)
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
