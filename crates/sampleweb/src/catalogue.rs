//! The data files: what each site is and what each course page says, in the page's own words.

use serde::Deserialize;

use coursemap_records::{Record, Region};

use crate::{Edition, Error, Result};

const CATALOGUE_JSON: &str = include_str!("../data/catalogue.json");
const TRUTH_2014: &str = include_str!("../data/truth.jsonl");
const TRUTH_CHANGED: &str = include_str!("../data/truth_changed.jsonl");

/// `data/catalogue.json`.
#[derive(Debug, Deserialize)]
pub(crate) struct Catalogue {
    pub sites: Vec<SiteInfo>,
    pub pages: Vec<CoursePage>,
}

/// One provider's site and the crawler furniture it carries.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct SiteInfo {
    pub provider_id: String,
    pub name: String,
    pub host: String,
    pub kind: String,
    pub region: Region,
    /// The course finder: a paged listing of the site's course pages.
    pub listing_path: String,
    /// The site search endpoint, where there is one (as in the seeds' search templates).
    pub search: Option<SearchSpec>,
    /// The seeds' start URLs (paths) that are not the listing: each redirects to the listing,
    /// as old finder URLs do after a redesign.
    pub start_paths: Vec<String>,
    /// Further paths serving the sitemap index (the seeds name `/sitemap_index.xml` for one).
    pub extra_sitemaps: Vec<String>,
    /// Serves the endless `/events?month=` calendar.
    pub trap: bool,
    /// `Crawl-delay` in robots.txt, in seconds as written there.
    pub crawl_delay: Option<String>,
    /// A relevant-looking course page behind a robots.txt `Disallow` (never in the answer key).
    pub hidden_path: Option<String>,
    /// A discontinued course: 410 Gone.
    pub gone_path: Option<String>,
    /// Old URLs that redirect (301) one to the next and finally to the site's first course.
    pub redirect_chain: Vec<String>,
    pub brochure: Option<String>,
    /// Course URLs end in `/`; the bare form redirects there.
    pub trailing_slash: bool,
    /// The site's XCRI-CAP feed (the Open University).
    pub feed: Option<String>,
    /// What the host is: a provider's site (most), a host that only redirects, or a search API.
    #[serde(default)]
    pub role: SiteRole,
    /// Further `Disallow` lines in robots.txt (KCL's `/search/` and `*page=*`).
    #[serde(default)]
    pub robots_disallow: Vec<String>,
    /// Paths under this prefix answer 403 with a bot challenge, as Cloudflare does.
    #[serde(default)]
    pub challenge_prefix: Option<String>,
    /// Paths answering 200 with a "page not found" page (soft 404s), linked from the home page.
    #[serde(default)]
    pub soft_404_paths: Vec<String>,
    /// A course finder drawn in the browser from a JSON search API: no links in its HTML.
    #[serde(default)]
    pub js_finder: Option<JsFinder>,
    /// Paths that redirect (301) to another host's URL, as a merged institution's old finder
    /// does (St George's course finder to City St George's).
    #[serde(default)]
    pub offsite_redirects: std::collections::BTreeMap<String, String>,
}

/// What a host does.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SiteRole {
    /// A provider's site, with its pages and furniture.
    #[default]
    Provider,
    /// An old host: every path redirects (301) to the same path on this host.
    RedirectTo(String),
    /// A Funnelback-style JSON search API over the course pages of some hosts.
    SearchApi(ApiSpec),
}

/// Where a search API answers (`path?param=words`), and whose pages it searches.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ApiSpec {
    pub path: String,
    pub param: String,
    pub hosts: Vec<String>,
}

/// A JavaScript course finder: its path, and the API URL its script calls.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct JsFinder {
    pub path: String,
    pub api: String,
}

/// Where a site's search lives: `path?param=term`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct SearchSpec {
    pub path: String,
    pub param: String,
}

/// Which editions a page is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PageEdition {
    Both,
    Report2014,
    Changed,
}

impl PageEdition {
    pub(crate) fn includes(self, edition: Edition) -> bool {
        match self {
            PageEdition::Both => true,
            PageEdition::Report2014 => edition == Edition::Report2014,
            PageEdition::Changed => edition == Edition::Changed,
        }
    }
}

/// How a course page presents its facts (each modelled on real UK pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Template {
    /// A `dl` key-facts panel.
    Dl,
    /// A two-column facts table.
    Table,
    /// Tabs and accordions (`details`/`summary`).
    Tabs,
    /// "Label: value" lines in paragraphs, nothing structured.
    Prose,
    /// schema.org `Course` in JSON-LD.
    JsonldCourse,
    /// schema.org `EducationalOccupationalProgram` in JSON-LD.
    JsonldProgram,
    /// JSON-LD `@graph` with WebPage, BreadcrumbList, Organization and Course nodes.
    JsonldGraph,
    /// schema.org `Course` in microdata.
    Microdata,
    /// An entry in the site's XCRI-CAP 1.2 feed (no HTML page of its own).
    Xcri,
}

/// One course page (or feed entry) and its wording.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CoursePage {
    pub provider_id: String,
    /// The host the page is on, when not the provider's own site (a CPD portal).
    #[serde(default)]
    pub host: Option<String>,
    /// `None` for feed entries.
    pub path: Option<String>,
    pub template: Template,
    pub edition: PageEdition,
    pub title: String,
    pub overview: String,
    pub topics: Vec<String>,
    pub facts: Facts,
    pub fees: Vec<FeeLine>,
    /// Words about cost that are not a fee ("Funded: ... salary is covered").
    pub cost_note: Option<String>,
    pub iso: IsoDurations,
    /// The "related courses" box: other courses with their own fees (noise to the extractor).
    pub related: Vec<RelatedCourse>,
    /// Whether the navigation menu links to a subject page named with term variants.
    pub nav_terms: bool,
    /// The feed's course identifier, for feed entries.
    pub part: Option<String>,
}

/// Each fact as the page words it; `None` when the page does not say.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Facts {
    pub award: Option<String>,
    pub level: Option<String>,
    pub length: Option<String>,
    pub study_mode: Option<String>,
    pub delivery: Option<String>,
    pub entry: Option<String>,
    pub start: Option<String>,
}

/// One fee row: the label and wording shown, and the figures JSON-LD needs. (The data file
/// also holds `per`, `student` and `mode`, for people reading it; the answer key has them.)
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct FeeLine {
    pub label: String,
    pub text: String,
    pub amount: f64,
    pub currency: String,
}

/// ISO 8601 durations for structured markup, where the length is a single figure.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct IsoDurations {
    pub full_time: Option<String>,
    pub part_time: Option<String>,
}

/// A course named in a related-courses box.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct RelatedCourse {
    pub title: String,
    pub fee: String,
}

/// Parses `data/catalogue.json` (compiled in).
pub(crate) fn load() -> Result<Catalogue> {
    serde_json::from_str(CATALOGUE_JSON)
        .map_err(|error| Error::Data { file: "data/catalogue.json", error })
}

/// Parses the answer key of `edition` (compiled in).
pub(crate) fn truth(edition: Edition) -> Result<Vec<Record>> {
    let (file, text) = match edition {
        Edition::Report2014 => ("data/truth.jsonl", TRUTH_2014),
        Edition::Changed => ("data/truth_changed.jsonl", TRUTH_CHANGED),
    };
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).map_err(|error| Error::Truth { file, line: n + 1, error })
        })
        .collect()
}
