//! The seeds: which providers to crawl, where to start, and which search terms to look for.
//!
//! `seeds/providers.toml` lists every provider in the 2014 report's scope (universities, online
//! providers, funders, networks) with its real homepage, course-finder or fellowship start URLs,
//! the hosts the crawler may fetch from, its region and kind, and optional site-search template,
//! per-host rate, sitemaps and fellowship scope, a JSON search API, prefixes on shared hosts,
//! and the month a provider closed. `seeds/terms.txt` holds the report's 13 search
//! terms, one per line. [`Seeds::load`] reads both and validates them, so a typo is an error
//! naming the file and line rather than a crawl that silently skips a provider.
//! [`Seeds::built_in`] is the same two files compiled into the binary, so `coursemap` run
//! outside the checkout still knows its providers.
//!
//! [`national_seeds`] generates the national providers file (`seeds/uk-providers.toml`) from
//! the Discover Uni institution table joined with the project's own file, placing each
//! provider by its nation and, in England, by the postcode of its address.
//!
//! Dependencies: `toml` + `serde` to read the providers file (toml's spans give the lines for
//! error messages) and to quote the generated one, `csv` to read the Discover Uni table (its
//! addresses are quoted and hold commas), `url` for the URLs, `thiserror` for the error type,
//! `coursemap-records` for the project's one vocabulary (the regions, and the macro every
//! closed vocabulary uses).

mod discovery;
mod error;
mod national;
mod postcode;
mod provider;
mod providers_file;
mod terms_file;

use std::path::Path;

use url::Url;

pub use discovery::{
    JsonPath, JsonStep, PathPattern, SearchApi, SharedPrefix, YearMonth, fill_template,
};
pub use error::{Error, Location, Problem, Result};
pub use national::{NationalSeeds, NationalSummary, national_seeds};
pub use postcode::{Outward, english_region, last_postcode, town_region};
pub use provider::{
    Nation, Provider, ProviderKind, Region, Scope, TERM_PLACEHOLDER, UkRegion, UnknownName,
};
pub use providers_file::parse_providers;
pub use terms_file::parse_terms;

/// The providers and search terms, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Seeds {
    /// Every provider, in the order of the providers file; ids and hosts are unique.
    pub providers: Vec<Provider>,
    /// The search terms, in file order, trimmed and distinct (the report's 13).
    pub terms: Vec<String>,
}

/// `seeds/providers.toml` as this binary was built with it.
pub const BUILT_IN_PROVIDERS: &str = include_str!("../../../seeds/providers.toml");
/// `seeds/terms.txt` as this binary was built with it.
pub const BUILT_IN_TERMS: &str = include_str!("../../../seeds/terms.txt");

/// Where one of the two seeds files comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedsFile<'a> {
    /// A file on disk, read when the seeds load.
    Path(&'a Path),
    /// The copy compiled into the binary ([`BUILT_IN_PROVIDERS`], [`BUILT_IN_TERMS`]).
    BuiltIn,
}

impl Seeds {
    /// Reads and validates the providers file and the terms file.
    pub fn load(providers_toml: &Path, terms_txt: &Path) -> Result<Seeds> {
        Seeds::from_files(SeedsFile::Path(providers_toml), SeedsFile::Path(terms_txt))
    }

    /// The seeds compiled into the binary.
    pub fn built_in() -> Result<Seeds> {
        Seeds::from_files(SeedsFile::BuiltIn, SeedsFile::BuiltIn)
    }

    /// Reads and validates each file from where it comes.
    pub fn from_files(providers: SeedsFile<'_>, terms: SeedsFile<'_>) -> Result<Seeds> {
        let providers = match providers {
            SeedsFile::Path(path) => parse_providers(&read(path)?, path)?,
            SeedsFile::BuiltIn => {
                parse_providers(BUILT_IN_PROVIDERS, Path::new("seeds/providers.toml (built in)"))?
            }
        };
        let terms = match terms {
            SeedsFile::Path(path) => parse_terms(&read(path)?, path)?,
            SeedsFile::BuiltIn => {
                parse_terms(BUILT_IN_TERMS, Path::new("seeds/terms.txt (built in)"))?
            }
        };
        Ok(Seeds { providers, terms })
    }

    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// The provider whose `allowed_hosts` include `host` (ignoring ASCII case). Loading
    /// guarantees at most one provider claims a host.
    pub fn provider_for_host(&self, host: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.allows_host(host))
    }

    /// The provider a page at `url` belongs to: by its host, else by a shared-host prefix.
    /// Loading guarantees at most one provider claims a host or an overlapping prefix, and
    /// that no prefix lies on a host a provider owns.
    pub fn provider_for_url(&self, url: &Url) -> Option<&Provider> {
        self.providers.iter().find(|p| p.in_scope(url))
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|error| Error::Read { path: path.to_owned(), error })
}
