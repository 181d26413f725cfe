//! The crawler: the only part of coursemap that touches the network.
//!
//! [`crawl`] visits every provider in the seeds and fetches every page that may describe a
//! relevant course or fellowship, politely, into the page store (`coursemap-pages`).
//!
//! - **Discovery** (`discover`, `crawler::seed`): start URLs, seed sitemaps, sitemaps named in
//!   robots.txt and `/sitemap.xml` (indexes and gzip too), the site-search template and a
//!   course finder's JSON search API run for each term, and links in pages. Only the
//!   provider's allowed hosts (and its prefixes on shared hosts) are followed; other links are
//!   counted and sampled in the summary, never requested. Closed providers are skipped.
//! - **The real web's stand-ins** (`interstitial`): bot challenges are counted, never stored;
//!   soft 404s are stored as gone; redirects off the provider's hosts are reported as moved;
//!   each is an `Encounter` in the summary. `seeds_check` asks each provider's site whether
//!   the seeds still hold before a crawl.
//! - **Priority** (`frontier`, `relevance`): per host, sitemaps first, then links scored by
//!   anchor text, URL and surrounding text against the terms and course words, then depth;
//!   page budget and depth limit per host.
//! - **Traps** (`trap`): links from pages with overlong, over-deep or self-repeating paths
//!   are skipped, and links without relevance get a quota per URL pattern, so an endless
//!   calendar cannot spend a host's budget.
//! - **Politeness** (`robots`, `limiter`): robots.txt per RFC 9309; one request at a time per
//!   host, spaced by the host's interval (1/s, the provider's `rate`, `--rate`, or a longer
//!   Crawl-delay); many hosts in parallel under a global bound.
//! - **Safety** (`address`): no private, loopback or link-local address is ever contacted
//!   unless the host was given an explicit address; `resolved_only` never looks a name up.
//! - **Robustness** (`fetch`, `retry`, `decision`, `responses`): canonical URLs, manual
//!   redirects re-checked per hop, timeouts, retries with back-off and Retry-After, a body
//!   cap. What each answer means is decided apart from the coordinator, as data, then applied;
//!   failures are counted by a typed `FailureKind`.
//! - **Resumable** (`state`): the frontier and seen set are checkpointed; pages are durable
//!   in the store as they arrive; a resumed crawl neither loses nor refetches a page.
//! - **Refresh**: conditional requests; 304 reuses the stored page; 404/410 marks it gone.
//! - **Archive** (`archive`): every response, with its request, goes into the catalogue's
//!   WARC files before the page store hears of it (304s as revisits), and each page entry
//!   points at its capture; `--no-warc` (`CrawlConfigBuilder::warc`) keeps none.
//! - **Reporting** (`summary`, `progress`): a progress bar and a per-host summary.
//!
//! Dependencies: `reqwest` (HTTP with rustls and gzip; its pluggable resolver carries the
//! address guard), `tokio` (tasks, timers), `governor` (per-host GCRA rate limiting),
//! `texting_robots` (RFC 9309 parser), `scraper` (links from HTML, and the title and headings
//! that reveal an interstitial), `regex` (not-found and challenge wording), `flate2` (gzipped
//! sitemaps, inflated under a cap), `url` + `coursemap-urlcanon` (URL canonicalisation),
//! `coursemap-seeds` (providers and terms), `coursemap-pages` (the page store),
//! `coursemap-warc` (the WARC archive), `coursemap-records` (its `Archived` pointer),
//! `coursemap-files` (where the crawl writes, atomically), `indicatif` (progress bar), `rand`
//! (back-off jitter),
//! `chrono` (fetch times, Retry-After dates), `serde`/`serde_json` (state and summary files),
//! `siphasher` (the seen set's URL fingerprints: SipHash with fixed keys hashes alike in every
//! process and version, which std's randomly keyed hasher does not, and checkpoints save them),
//! `tracing` (logged reasons), `thiserror` (the error type).

mod address;
mod archive;
mod config;
mod crawler;
mod decision;
mod discover;
mod failure;
mod fetch;
mod frontier;
mod host;
mod interstitial;
mod limiter;
mod progress;
mod relevance;
mod responses;
mod retry;
mod robots;
mod seeds_check;
mod site_search;
mod state;
mod summary;
mod trap;

use std::path::PathBuf;

pub use address::is_public;
pub use config::{
    CrawlConfig, CrawlConfigBuilder, DEFAULT_CONCURRENCY, DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_DEPTH, DEFAULT_MAX_PAGES_PER_HOST, DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT,
    DEFAULT_ROBOTS_ATTEMPTS, DEFAULT_ROBOTS_RETRY, DEFAULT_USER_AGENT,
};
pub use crawler::crawl;
pub use failure::FailureKind;
pub use interstitial::{Interstitial, recognise};
pub use relevance::Relevance;
pub use seeds_check::{CheckStatus, ProviderCheck, UrlCheck, UrlRole, check_seeds};
pub use summary::{ClosedProvider, CrawlSummary, Encounter, Encountered, HostSummary, Skipped};
pub use trap::{
    DEFAULT_MAX_LINKS_PER_PATTERN, MAX_PATH_SEGMENTS, MAX_SEGMENT_REPEATS, MAX_URL_BYTES,
};

/// What can stop a crawl. Problems with single pages are not errors: they are counted in the
/// summary and logged.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A setting is out of range (a rate that is not positive, no concurrency, an empty user
    /// agent, …) or a root certificate does not parse; the text says which.
    #[error("invalid crawl configuration: {0}")]
    Config(String),
    /// The HTTP client could not be built (the TLS back end would not start).
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
    /// The saved crawl state exists but could not be read.
    #[error("{}: {error}", path.display())]
    Io {
        /// The state file.
        path: PathBuf,
        /// What the operating system reported.
        error: std::io::Error,
    },
    /// The saved crawl state does not parse (the reason says how to start afresh), or the
    /// state or the summary could not be serialised.
    #[error("crawl state {}: {reason}", path.display())]
    State {
        /// The state or summary file.
        path: PathBuf,
        /// What `serde_json` reported, with any advice.
        reason: String,
    },
    /// The page store could not be opened, written or synced.
    #[error(transparent)]
    Pages(#[from] coursemap_pages::Error),
    /// The WARC archive could not be opened, written or synced.
    #[error(transparent)]
    Warc(#[from] coursemap_warc::Error),
    /// Writing a file (atomically) failed.
    #[error(transparent)]
    Write(#[from] coursemap_files::Error),
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
