//! The sample web: the 2014 report's provider sites, served on one loopback port.
//!
//! No machine here reaches the internet, so the crawler, extractor and tables are built and
//! tested against this crate. It holds the report's catalogue (49 HEI courses, 19 short
//! courses, 11 fellowships) plus irrelevant courses and non-course pages, on every provider's
//! real hostname, with the furniture a crawler meets on the real web: robots.txt, sitemaps
//! (one gzipped), site search, redirects, duplicate URLs, a calendar trap, a 410, a PDF, and
//! conditional requests; and the structures real sites have that the seeds once missed: an old
//! host redirecting to a new one, robots.txt closing a site search, a JavaScript finder over a
//! JSON search API, pages on a shared CPD portal, a bot challenge and a soft 404. The answer key (`data/truth.jsonl`) is the catalogue in the record
//! contract's shape; `data/catalogue.json` holds the wording each page uses. See
//! `data/README.md` for how the data reproduce the report's tables.
//!
//! One port speaks both plain HTTP and TLS: the first byte of a connection says which (0x16
//! opens a TLS handshake). Seeds hold real `https://` URLs, and reqwest's `resolve` override
//! keeps the URL's (default) port out of the picture, so the crawler runs unchanged here and
//! on the real web once it trusts [`RunningSampleWeb::ca_cert_pem`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use coursemap_sampleweb::{Edition, SampleWeb};
//!
//! let web = SampleWeb::builder().edition(Edition::Report2014).start().await?;
//! let ca = reqwest::Certificate::from_pem(web.ca_cert_pem().as_bytes())?;
//! let mut client = reqwest::Client::builder().tls_certs_only([ca]);
//! for (host, addr) in web.resolve_overrides() {
//!     client = client.resolve(&host, addr);
//! }
//! let page = client.build()?.get("https://www.lsbu.ac.uk/robots.txt").send().await?;
//! assert_eq!(page.status(), 200);
//! println!("{} requests so far", web.access_log().len());
//! web.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! Dependencies: `tokio` and `hyper`/`hyper-util`/`http-body-util` for the server;
//! `tokio-rustls` for TLS and `rcgen` to mint the CA and leaf certificate at start;
//! `serde`/`serde_json` for the data files and JSON-LD; `flate2` for the gzipped sitemap;
//! `httpdate` for `Last-Modified`/`If-Modified-Since`; `coursemap-records` for the record
//! type and ids; `html-escape` for text in pages and feeds; `thiserror` for the error type;
//! `tracing` for connection errors.

pub mod access_log;
mod catalogue;
mod edition;
mod furniture;
mod html;
mod server;
mod templates;
mod tls;
mod web;

use std::path::PathBuf;

pub use access_log::AccessLogEntry;
pub use edition::Edition;
pub use server::{RunningSampleWeb, SampleWeb, SampleWebBuilder};
pub use web::{RenderedPage, SiteSummary};

use coursemap_records::Record;

/// What can go wrong building or serving the sample web.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The compiled-in `data/catalogue.json` does not parse (a bug in the data).
    #[error("sample web data file {file}: {error}")]
    Data {
        /// The data file, relative to this crate.
        file: &'static str,
        /// What `serde_json` reported.
        error: serde_json::Error,
    },
    /// A line of a compiled-in answer key does not parse as a record (a bug in the data).
    #[error("sample web answer key {file}:{line}: {error}")]
    Truth {
        /// The answer key file, relative to this crate.
        file: &'static str,
        /// The 1-based line number.
        line: usize,
        /// What `serde_json` reported.
        error: serde_json::Error,
    },
    /// Minting the CA or the hosts' certificate failed at start.
    #[error("certificate generation: {0}")]
    Certificate(rcgen::Error),
    /// The TLS server configuration would not accept the minted certificate and key.
    #[error("TLS configuration: {0}")]
    Tls(tokio_rustls::rustls::Error),
    /// The listening address could not be bound (in use, or not allowed).
    #[error("binding {addr}: {error}")]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
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
    /// Any other socket error at start, such as reading back the bound listener's address.
    #[error("I/O: {0}")]
    Io(std::io::Error),
}

// By hand rather than `#[from]`, which would also return the error from `source()`:
// the message already prints it (CONTRIBUTING.md, "Style").
impl From<rcgen::Error> for Error {
    fn from(error: rcgen::Error) -> Self {
        Error::Certificate(error)
    }
}

impl From<tokio_rustls::rustls::Error> for Error {
    fn from(error: tokio_rustls::rustls::Error) -> Self {
        Error::Tls(error)
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Error::Io(error)
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The answer key of the 2014 edition: one record per course page (relevant and irrelevant).
pub fn truth() -> Result<Vec<Record>> {
    truth_for(Edition::Report2014)
}

/// The answer key of `edition`.
pub fn truth_for(edition: Edition) -> Result<Vec<Record>> {
    catalogue::truth(edition)
}

/// Every page of `edition` in memory (no HTTP): course pages, listings, feeds, robots.txt,
/// sitemaps, the PDF and the 410 page. Redirects are not pages and are left out, and so are
/// the `index.html` copies of course pages (served, but each page appears here once).
pub fn rendered_pages(edition: Edition) -> Result<Vec<RenderedPage>> {
    Ok(web::Web::build(edition)?.rendered_pages())
}

/// One summary per site (provider id, host, start URL, page count), for `demo` to print.
pub fn sites(edition: Edition) -> Vec<SiteSummary> {
    match web::Web::build(edition) {
        Ok(web) => web.summaries(),
        Err(error) => {
            tracing::error!(%error, "sample web data do not load");
            Vec::new()
        }
    }
}
