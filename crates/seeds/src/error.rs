//! Errors, each pointing at the file and line to fix.

use std::fmt;
use std::path::{Path, PathBuf};

/// What can go wrong loading seeds.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: cannot read: {error}", path.display())]
    Read { path: PathBuf, error: std::io::Error },
    /// Not valid TOML, or not the providers schema (unknown key, missing field, wrong type).
    #[error("{at}: {message}")]
    Syntax { at: Location, message: String },
    /// Well-formed, but wrong: a bad URL, a duplicate id, a host outside `allowed_hosts`...
    #[error("{at}: {problem}")]
    Invalid { at: Location, problem: Problem },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A file and, when known, a 1-based line in it. Displays as `path:line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
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
    #[error("no [[provider]] tables")]
    NoProviders,
    #[error("provider id `{id}` must be lowercase ASCII letters, digits and `_`")]
    BadId { id: String },
    #[error("duplicate provider id `{id}` (first defined on line {first_line})")]
    DuplicateId { id: String, first_line: usize },
    #[error("`{field}` = \"{value}\" is not a usable URL: {reason}")]
    BadUrl { field: &'static str, value: String, reason: String },
    #[error("`{field}` is empty")]
    EmptyList { field: &'static str },
    #[error("allowed_hosts entry `{host}` is not a bare lowercase host name (like www.ucl.ac.uk)")]
    BadHost { host: String },
    #[error("host `{host}` is already claimed by provider `{other}`")]
    HostClaimedTwice { host: String, other: String },
    #[error("`{field}` URL {url} is on host `{host}`, which is not in allowed_hosts")]
    HostNotAllowed { field: &'static str, url: String, host: String },
    #[error("search template \"{template}\" has no {{term}} placeholder")]
    TemplateWithoutTerm { template: String },
    #[error("`{path}` is not a path to the result URLs (like results[].url): {reason}")]
    BadJsonPath { path: String, reason: String },
    #[error("`{field}`: {reason}")]
    BadMonth { field: &'static str, reason: String },
    #[error(
        "shared prefix {prefix} is on a host provider `{other}` owns (list the host there, or drop the prefix)"
    )]
    PrefixOnOwnedHost { prefix: String, other: String },
    #[error("shared prefix {prefix} overlaps {other}, claimed by provider `{other_provider}`")]
    PrefixesOverlap { prefix: String, other: String, other_provider: String },
    #[error("rate = {rate} must be a positive, finite number of requests per second")]
    BadRate { rate: f64 },
    #[error("no search terms (the file is empty)")]
    NoTerms,
    #[error("duplicate search term \"{term}\" (first on line {first_line})")]
    DuplicateTerm { term: String, first_line: usize },
}
