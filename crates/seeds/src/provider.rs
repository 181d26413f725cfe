//! A provider and the closed vocabularies that describe it.

pub use coursemap_records::{Nation, Region, UkRegion, UnknownName};
use url::Url;

use crate::discovery::{PathPattern, SearchApi, SharedPrefix, YearMonth, fill_template};

/// The placeholder a site-search template holds for the (percent-encoded) term.
pub const TERM_PLACEHOLDER: &str = "{term}";

/// One organisation whose courses or fellowships are catalogued.
#[derive(Debug, Clone, PartialEq)]
pub struct Provider {
    /// Stable short id (`lsbu`), used in records and on the command line.
    pub id: String,
    /// The provider's current name, as records show it.
    pub name: String,
    /// What sort of organisation it is.
    pub kind: ProviderKind,
    /// The 2014 report's region (London's three, national, online), copied into each of its
    /// records; none for a provider the report's regions do not place (outside London).
    pub region: Option<Region>,
    /// Where in the UK the provider is (England's regions, the other nations), copied into
    /// each of its records; a London report region implies London. None for UK-wide and
    /// online providers.
    pub uk_region: Option<UkRegion>,
    /// The provider's UK provider reference number (eight digits), where it has one: what a
    /// regenerated national seeds file joins on.
    pub ukprn: Option<String>,
    /// Fellowship scope, on providers that offer fellowships.
    pub scope: Option<Scope>,
    /// The site's front page, on one of `allowed_hosts`.
    pub homepage: Url,
    /// Where the crawl starts: course finders, catalogues, fellowship pages.
    pub start_urls: Vec<Url>,
    /// Lower-case host names the crawler may fetch from for this provider.
    pub allowed_hosts: Vec<String>,
    /// Site-search URL template containing `{term}`.
    pub search: Option<String>,
    /// The course finder's JSON search API, where the finder is drawn in the browser.
    pub search_api: Option<SearchApi>,
    /// Path prefixes on shared third-party hosts where this provider's pages also live.
    pub shared_prefixes: Vec<SharedPrefix>,
    /// Requests per second per host, overriding the crawler's default.
    pub rate: Option<f64>,
    /// Sitemap URLs for the crawler to read, each on the provider's hosts or prefixes.
    pub sitemaps: Vec<Url>,
    /// Where the provider's course pages live (path patterns), so the crawler fetches them
    /// first.
    pub course_paths: Vec<PathPattern>,
    /// The 2014 body this provider replaces (`NHS Improving Quality`).
    pub successor_of: Option<String>,
    /// When the provider closed: a real crawl skips it (and says so), while the 2014
    /// comparison still knows it.
    pub closed: Option<YearMonth>,
    /// Free text for people reading the seeds; no code reads it.
    pub notes: Option<String>,
}

impl Provider {
    /// The provider's nation, from its UK region.
    pub fn nation(&self) -> Option<Nation> {
        self.uk_region.map(UkRegion::nation)
    }

    /// Whether `host` is one of this provider's hosts (ignoring ASCII case).
    pub fn allows_host(&self, host: &str) -> bool {
        self.allowed_hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
    }

    /// Whether the crawler may fetch `url` for this provider: on one of its hosts, or under
    /// one of its prefixes on a shared host.
    pub fn in_scope(&self, url: &Url) -> bool {
        url.host_str().is_some_and(|host| self.allows_host(host))
            || self.shared_prefixes.iter().any(|prefix| prefix.contains(url))
    }

    /// Whether `url` is where this provider's course pages live (its `course_paths`).
    pub fn is_course_path(&self, url: &Url) -> bool {
        self.course_paths.iter().any(|pattern| pattern.matches(url.path()))
    }

    /// The site-search URL for each term, the term percent-encoded (every byte but RFC 3986
    /// unreserved ones, so it is safe in a path segment as well as a query). Empty without a
    /// template; a term whose URL does not parse is left out (loading checks the template).
    pub fn search_urls<I, S>(&self, terms: I) -> Vec<Url>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        match &self.search {
            Some(template) => fill_template(template, terms),
            None => Vec::new(),
        }
    }
}

coursemap_records::vocabulary!(
    /// What sort of organisation a provider is.
    ProviderKind {
        /// A higher education institution.
        Hei => "hei",
        /// An organisation that teaches online, such as IHI or BMJ Learning.
        OnlineProvider => "online_provider",
        /// A body that funds fellowships or training, such as NIHR or the Health Foundation.
        Funder => "funder",
        /// A network, collaboration or improvement body, such as an NIHR ARC or AQuA.
        Network => "network",
    }
);

coursemap_records::vocabulary!(
    /// A fellowship's reach: open nationally, or to one area's staff.
    Scope {
        /// Open to applicants from anywhere in the country.
        National => "national",
        /// Open only to the staff of one area (an ARC's, a local network's).
        Local => "local",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(search: Option<&str>) -> Provider {
        let homepage = Url::parse("https://www.lsbu.ac.uk/").expect("valid URL");
        Provider {
            id: "lsbu".into(),
            name: "London South Bank University".into(),
            kind: ProviderKind::Hei,
            region: Some(Region::South),
            uk_region: Some(UkRegion::London),
            ukprn: None,
            scope: None,
            homepage: homepage.clone(),
            start_urls: vec![homepage],
            allowed_hosts: vec!["www.lsbu.ac.uk".into()],
            search: search.map(str::to_owned),
            search_api: None,
            shared_prefixes: Vec::new(),
            rate: None,
            sitemaps: Vec::new(),
            course_paths: Vec::new(),
            successor_of: None,
            closed: None,
            notes: None,
        }
    }

    #[test]
    fn search_urls_encode_the_term() {
        let p = provider(Some("https://www.lsbu.ac.uk/search?q={term}&type=course"));
        let urls =
            p.search_urls(["Masters in Research/Clinical Research", "Evidence-based practice"]);
        let urls: Vec<&str> = urls.iter().map(Url::as_str).collect();
        assert_eq!(
            urls,
            [
                "https://www.lsbu.ac.uk/search?q=Masters%20in%20Research%2FClinical%20Research&type=course",
                "https://www.lsbu.ac.uk/search?q=Evidence-based%20practice&type=course",
            ]
        );
        assert!(provider(None).search_urls(["x"]).is_empty());
    }

    #[test]
    fn vocabularies_round_trip() {
        for region in Region::ALL {
            assert_eq!(region.as_str().parse::<Region>(), Ok(*region));
            assert_eq!(region.to_string(), region.as_str());
        }
        assert_eq!(Region::NorthEastNorthCentral.as_str(), "north_east_north_central");
        assert_eq!(ProviderKind::OnlineProvider.to_string(), "online_provider");
        let err = "sout".parse::<Region>().expect_err("not a region");
        assert_eq!(
            err.to_string(),
            "unknown Region `sout` (expected one of: south, north_west, north_east_north_central, national, online)"
        );
        assert!(provider(None).allows_host("WWW.LSBU.AC.UK"));
    }
}
