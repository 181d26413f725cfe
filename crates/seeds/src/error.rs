//! Errors, each pointing at the file and line to fix.

use crate::{Region, UkRegion};
use std::fmt;
use std::path::{Path, PathBuf};

/// What can go wrong loading seeds.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A seeds file could not be read from disk (missing, unreadable, not UTF-8).
    #[error("{}: cannot read: {error}", path.display())]
    Read {
        /// The providers or terms file.
        path: PathBuf,
        /// The operating system's error.
        error: std::io::Error,
    },
    /// Not valid TOML, or not the providers schema (unknown key, missing field, wrong type).
    #[error("{at}: {message}")]
    Syntax {
        /// Where toml found the fault; without a line when toml gives no position.
        at: Location,
        /// toml's own message, trimmed.
        message: String,
    },
    /// The Discover Uni table does not read as CSV with the columns the national seeds need.
    #[error("{}: {error}", path.display())]
    Csv {
        /// The CSV file.
        path: PathBuf,
        /// csv's message, with the record and line where it has them.
        error: csv::Error,
    },
    /// Well-formed, but wrong: a bad URL, a duplicate id, a host outside `allowed_hosts`...
    #[error("{at}: {problem}")]
    Invalid {
        /// The file and the line of the offending value.
        at: Location,
        /// What is wrong with it.
        problem: Problem,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A file and, when known, a 1-based line in it. Displays as `path:line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The seeds file (for the built-in copy, its name with "(built in)" after it).
    pub path: PathBuf,
    /// The 1-based line; `None` when the fault has no position (toml gave no span).
    pub line: Option<usize>,
}

impl Location {
    pub(crate) fn line(path: &Path, line: usize) -> Location {
        Location { path: path.to_owned(), line: Some(line) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path.display()),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// Why a well-formed seeds file is still wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    /// The providers file has no `[[provider]]` table at all.
    #[error("no [[provider]] tables")]
    NoProviders,
    /// A provider's `uk_region` is not the region its report `region` lies in (a London
    /// region of the report outside London).
    #[error("uk_region `{uk_region}` is not where region `{region}` is")]
    RegionOutside {
        /// The report region as written.
        region: Region,
        /// The UK region as written.
        uk_region: UkRegion,
    },
    /// A `ukprn` that is not the eight digits of a UK provider reference number.
    #[error("ukprn `{ukprn}` is not eight digits")]
    BadUkprn {
        /// The value as written.
        ukprn: String,
    },
    /// A provider's `id` is empty or has a character other than `a-z`, `0-9` and `_`.
    #[error("provider id `{id}` must be lowercase ASCII letters, digits and `_`")]
    BadId {
        /// The id as written.
        id: String,
    },
    /// Two providers have the same `id`.
    #[error("duplicate provider id `{id}` (first defined on line {first_line})")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// The 1-based line of the first provider with it.
        first_line: usize,
    },
    /// A URL (or a course path pattern) does not parse, is not http(s), has no host, or is
    /// not the shape its field needs (a shared prefix with a query, or not ending in `/`).
    #[error("`{field}` = \"{value}\" is not a usable URL: {reason}")]
    BadUrl {
        /// The key the value is under (`homepage`, `start_urls`, `shared_prefixes`, ...).
        field: &'static str,
        /// The value as written.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A list that needs at least one entry (`start_urls`, `allowed_hosts`) is empty.
    #[error("`{field}` is empty")]
    EmptyList {
        /// The key of the empty list.
        field: &'static str,
    },
    /// An `allowed_hosts` entry is not exactly a host name as a URL parser gives it back: it
    /// has a scheme, a port, a path or upper-case letters.
    #[error("allowed_hosts entry `{host}` is not a bare lowercase host name (like www.ucl.ac.uk)")]
    BadHost {
        /// The entry as written.
        host: String,
    },
    /// A host is in the `allowed_hosts` of two providers.
    #[error("host `{host}` is already claimed by provider `{other}`")]
    HostClaimedTwice {
        /// The host claimed twice.
        host: String,
        /// The id of the provider that claimed it first.
        other: String,
    },
    /// A provider's URL (homepage, start URL, sitemap, search template) is on none of its
    /// `allowed_hosts` and under none of its shared prefixes.
    #[error("`{field}` URL {url} is on host `{host}`, which is not in allowed_hosts")]
    HostNotAllowed {
        /// The key the URL is under.
        field: &'static str,
        /// The URL (a search template with a sample term filled in).
        url: String,
        /// The URL's host.
        host: String,
    },
    /// A `search` or `search_api.url` template lacks the `{term}` placeholder.
    #[error("search template \"{template}\" has no {{term}} placeholder")]
    TemplateWithoutTerm {
        /// The template as written.
        template: String,
    },
    /// A `search_api.results` path is not a [`crate::JsonPath`].
    #[error("`{path}` is not a path to the result URLs (like results[].url): {reason}")]
    BadJsonPath {
        /// The path as written.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A month (`closed`) is not written `YYYY-MM` with a month from 1 to 12.
    #[error("`{field}`: {reason}")]
    BadMonth {
        /// The key the month is under (`closed`).
        field: &'static str,
        /// What is wrong with it, quoting the value.
        reason: String,
    },
    /// A shared prefix lies on a host that some provider lists in its `allowed_hosts`.
    #[error(
        "shared prefix {prefix} is on a host provider `{other}` owns (list the host there, or drop the prefix)"
    )]
    PrefixOnOwnedHost {
        /// The prefix, as a URL.
        prefix: String,
        /// The id of the provider that owns the host.
        other: String,
    },
    /// Two providers' shared prefixes overlap: one contains the other.
    #[error("shared prefix {prefix} overlaps {other}, claimed by provider `{other_provider}`")]
    PrefixesOverlap {
        /// The later prefix, as a URL.
        prefix: String,
        /// The earlier prefix it overlaps, as a URL.
        other: String,
        /// The id of the provider that claimed the earlier prefix.
        other_provider: String,
    },
    /// A `rate` is zero, negative, infinite or not a number.
    #[error("rate = {rate} must be a positive, finite number of requests per second")]
    BadRate {
        /// The rate as written.
        rate: f64,
    },
    /// The terms file has no terms (it is empty or blank).
    #[error("no search terms (the file is empty)")]
    NoTerms,
    /// A term appears twice in the terms file (compared after trimming, case kept).
    #[error("duplicate search term \"{term}\" (first on line {first_line})")]
    DuplicateTerm {
        /// The repeated term.
        term: String,
        /// The 1-based line of its first appearance.
        first_line: usize,
    },
}
