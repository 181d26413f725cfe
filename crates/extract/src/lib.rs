//! Course pages and XCRI-CAP feeds into catalogue [`Record`]s, with the 2014 report's
//! categories (levels, entry, length, delivery, cost, focus) read from the page's own words.
//!
//! Everything here is pure: [`extract`] takes a URL, a body and a content type and returns
//! records plus warnings; fetching, storing and hashing belong to other crates.
//!
//! How a page becomes a record:
//! 1. `page` parses the HTML once (scraper) and walks the tree once, skipping boilerplate
//!    (navigation, headers, footers, asides, cookie banners, related-course boxes) and
//!    collecting blocks of visible text, JSON-LD scripts, labelled key facts and meta tags.
//! 2. Each source (`jsonld`, `microdata`, `keyfacts`, `maintext`) turns what it found
//!    into `facts::Facts`: raw wording per field, tagged with its source.
//! 3. `assemble` normalises each field best-source-first (`normalise`) and keeps the
//!    wording it used as the field's `evidence`.
//!
//! XCRI-CAP feeds, 1.2 and 1.1 (detected by content, not by URL), go through `xcri`: one
//! record per `course`, presentations merged, named after the course's own page. A feed that
//! is not well-formed is repaired where that is cheap and otherwise read course by course, so
//! one damaged byte costs at most its course, and each repair or loss is a warning with a line.
//!
//! `eval` scores extraction against hand-made labels (the real-pages set), so the test suite
//! and `coursemap eval` measure the same thing.
//!
//! Dependencies: `coursemap-records` for the record contract; `scraper` to parse HTML (html5ever,
//! the browsers' algorithm, so messy real pages parse as browsers see them); `ego-tree` (scraper's
//! tree type) to walk that tree iteratively, so hostile nesting cannot overflow the stack;
//! `roxmltree` for
//! XCRI-CAP XML (read-only, namespace-aware, no unsafe); `html-escape` for the HTML entities
//! damaged feeds use without declaring; `coursemap-urlcanon` so a feed names a course's page
//! exactly as the crawler does; `serde_json` for JSON-LD and the evaluation labels; `serde` to
//! derive label parsing; `regex` for the normalisers' phrase patterns; `thiserror` for the
//! error type; `tracing` to log skipped input. Dev-only:
//! `criterion` for the speed bench, `coursemap-sampleweb` for its answer-key test,
//! `coursemap-pages` to decode a UTF-16 feed as a build would.

mod assemble;
pub mod eval;
mod facts;
mod intake;
mod jsonld;
mod keyfacts;
mod labels;
mod maintext;
mod microdata;
pub mod normalise;
mod page;
mod prose;
mod text;
mod verdict;
mod warning;
mod xcri;

use std::sync::LazyLock;

use coursemap_records::Record;
use normalise::classify::TermMatcher;

pub use normalise::classify::DEFAULT_TERMS;
pub use warning::{Warning, WarningKind};
pub use xcri::looks_like_xcri;

/// What can go wrong inside this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A label line in an evaluation file is not valid JSON of the expected shape.
    #[error("label line {line}: {error}")]
    Label {
        /// The 1-based number of the bad line.
        line: usize,
        /// Why the line does not parse as a label.
        error: serde_json::Error,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Extraction with configurable options; [`extract`] uses [`Extractor::default`].
#[derive(Debug, Clone)]
pub struct Extractor {
    terms: Vec<String>,
    matcher: TermMatcher,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::with_terms(DEFAULT_TERMS.iter().map(|t| (*t).to_string()).collect())
    }
}

impl Extractor {
    /// A builder starting from the defaults (the 13 search terms of the 2014 report).
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder { terms: DEFAULT_TERMS.iter().map(|t| (*t).to_string()).collect() }
    }

    fn with_terms(terms: Vec<String>) -> Self {
        let matcher = TermMatcher::new(&terms);
        Extractor { terms, matcher }
    }

    /// The search terms `matched_terms` is drawn from.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Turns one fetched body into records. Never panics on bad input: what cannot be read is
    /// skipped and reported as a [`Warning`].
    pub fn extract(
        &self,
        url: &str,
        body: &str,
        content_type: Option<&str>,
    ) -> (Vec<Record>, Vec<Warning>) {
        let mut warnings = Vec::new();
        if looks_like_xcri(body, content_type) {
            // A damaged feed still gives every course the damage spares, with warnings.
            return xcri::extract_feed(url, body, &self.matcher);
        }
        let page = page::Page::parse(body);
        let records = assemble::records_from_page(url, &page, &self.matcher, &mut warnings);
        (records, warnings)
    }
}

/// Builder for [`Extractor`].
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    terms: Vec<String>,
}

impl ExtractorBuilder {
    /// Replaces the search terms (spelled as in `seeds/terms.txt`). Terms the classifier knows
    /// variants for ("Improvement Science" also matches "quality improvement", ...) keep them;
    /// other terms match their own words.
    pub fn terms<I, S>(mut self, terms: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.terms = terms.into_iter().map(Into::into).collect();
        self
    }

    /// The extractor, with its term matchers compiled.
    pub fn build(self) -> Extractor {
        Extractor::with_terms(self.terms)
    }
}

/// Extracts with the default options; see [`Extractor::extract`].
pub fn extract(url: &str, body: &str, content_type: Option<&str>) -> (Vec<Record>, Vec<Warning>) {
    static DEFAULT: LazyLock<Extractor> = LazyLock::new(Extractor::default);
    DEFAULT.extract(url, body, content_type)
}
