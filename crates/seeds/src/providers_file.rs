//! Reading and validating `providers.toml`.
//!
//! The file is first deserialised into `Raw*` structs that keep toml's byte spans on every
//! value worth complaining about, then checked and converted into [`Provider`]s. Spans become
//! line numbers only when an error is reported.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use url::Url;

use crate::discovery::{JsonPath, PathPattern, SearchApi, SharedPrefix, YearMonth};
use crate::provider::TERM_PLACEHOLDER;
use crate::{Error, Location, Problem, Provider, ProviderKind, Region, Result, Scope, UkRegion};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    provider: Vec<RawProvider>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvider {
    id: Spanned<String>,
    name: String,
    kind: ProviderKind,
    #[serde(default)]
    region: Option<Spanned<Region>>,
    #[serde(default)]
    uk_region: Option<Spanned<UkRegion>>,
    #[serde(default)]
    ukprn: Option<Spanned<String>>,
    #[serde(default)]
    scope: Option<Scope>,
    homepage: Spanned<String>,
    start_urls: Spanned<Vec<Spanned<String>>>,
    allowed_hosts: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    search: Option<Spanned<String>>,
    #[serde(default)]
    search_api: Option<RawSearchApi>,
    #[serde(default)]
    shared_prefixes: Vec<Spanned<String>>,
    #[serde(default)]
    rate: Option<Spanned<f64>>,
    #[serde(default)]
    sitemaps: Vec<Spanned<String>>,
    #[serde(default)]
    course_paths: Vec<Spanned<String>>,
    #[serde(default)]
    successor_of: Option<String>,
    #[serde(default)]
    closed: Option<Spanned<String>>,
    #[serde(default)]
    notes: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearchApi {
    url: Spanned<String>,
    results: Spanned<String>,
}

/// Parses and validates the text of a providers file; `path` is only used in errors.
pub fn parse_providers(text: &str, path: &Path) -> Result<Vec<Provider>> {
    let file = FileText { text, path };
    let raw: RawFile = toml::from_str(text).map_err(|err| Error::Syntax {
        at: match err.span() {
            Some(span) => file.location(span),
            None => Location { path: path.to_owned(), line: None },
        },
        message: err.message().trim().to_owned(),
    })?;
    if raw.provider.is_empty() {
        return Err(file.invalid(0..0, Problem::NoProviders));
    }
    let mut first_line_of_id: HashMap<String, usize> = HashMap::new();
    let mut owner_of_host: HashMap<String, String> = HashMap::new();
    // Each provider's prefixes with their spans, checked once every host's owner is known.
    let mut prefixes: Vec<(String, SharedPrefix, Range<usize>)> = Vec::new();
    let mut providers = Vec::with_capacity(raw.provider.len());
    for raw in raw.provider {
        let id_line = file.line(raw.id.span());
        if let Some(&first_line) = first_line_of_id.get(raw.id.get_ref()) {
            let id = raw.id.get_ref().clone();
            return Err(file.invalid(raw.id.span(), Problem::DuplicateId { id, first_line }));
        }
        first_line_of_id.insert(raw.id.get_ref().clone(), id_line);
        let host_spans: Vec<Range<usize>> =
            raw.allowed_hosts.get_ref().iter().map(Spanned::span).collect();
        let prefix_spans: Vec<Range<usize>> =
            raw.shared_prefixes.iter().map(Spanned::span).collect();
        let provider = file.provider(raw)?;
        for (prefix, span) in provider.shared_prefixes.iter().zip(prefix_spans) {
            prefixes.push((provider.id.clone(), prefix.clone(), span));
        }
        for (host, span) in provider.allowed_hosts.iter().zip(host_spans) {
            if let Some(other) = owner_of_host.insert(host.clone(), provider.id.clone()) {
                let problem = Problem::HostClaimedTwice { host: host.clone(), other };
                return Err(file.invalid(span, problem));
            }
        }
        providers.push(provider);
    }
    for (n, (id, prefix, span)) in prefixes.iter().enumerate() {
        if let Some(other) = owner_of_host.get(&prefix.host) {
            let problem =
                Problem::PrefixOnOwnedHost { prefix: prefix.to_string(), other: other.clone() };
            return Err(file.invalid(span.clone(), problem));
        }
        let earlier = prefixes[..n]
            .iter()
            .find(|(other_id, other, _)| other_id != id && other.overlaps(prefix));
        if let Some((other_id, other, _)) = earlier {
            let problem = Problem::PrefixesOverlap {
                prefix: prefix.to_string(),
                other: other.to_string(),
                other_provider: other_id.clone(),
            };
            return Err(file.invalid(span.clone(), problem));
        }
    }
    Ok(providers)
}

/// The file being checked, for turning spans into locations.
struct FileText<'a> {
    text: &'a str,
    path: &'a Path,
}

impl FileText<'_> {
    /// The 1-based line on which `span` starts.
    fn line(&self, span: Range<usize>) -> usize {
        let before = self.text.get(..span.start).unwrap_or(self.text);
        before.matches('\n').count() + 1
    }

    fn location(&self, span: Range<usize>) -> Location {
        Location::line(self.path, self.line(span))
    }

    fn invalid(&self, span: Range<usize>, problem: Problem) -> Error {
        Error::Invalid { at: self.location(span), problem }
    }

    fn provider(&self, raw: RawProvider) -> Result<Provider> {
        let id = raw.id.get_ref();
        if id.is_empty()
            || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(self.invalid(raw.id.span(), Problem::BadId { id: id.clone() }));
        }

        let allowed_hosts = self.allowed_hosts(&raw.allowed_hosts)?;
        let shared_prefixes = raw
            .shared_prefixes
            .iter()
            .map(|value| self.shared_prefix(value))
            .collect::<Result<Vec<_>>>()?;
        let on_allowed_host = |field: &'static str, value: &Spanned<String>| -> Result<Url> {
            let url = self.web_url(field, value)?;
            let host = url.host_str().unwrap_or_default();
            if allowed_hosts.iter().any(|h| h == host)
                || shared_prefixes.iter().any(|prefix| prefix.contains(&url))
            {
                Ok(url)
            } else {
                let problem =
                    Problem::HostNotAllowed { field, url: url.to_string(), host: host.to_owned() };
                Err(self.invalid(value.span(), problem))
            }
        };

        let homepage = on_allowed_host("homepage", &raw.homepage)?;
        if raw.start_urls.get_ref().is_empty() {
            let problem = Problem::EmptyList { field: "start_urls" };
            return Err(self.invalid(raw.start_urls.span(), problem));
        }
        let start_urls = raw
            .start_urls
            .get_ref()
            .iter()
            .map(|u| on_allowed_host("start_urls", u))
            .collect::<Result<Vec<_>>>()?;
        let sitemaps =
            raw.sitemaps.iter().map(|u| on_allowed_host("sitemaps", u)).collect::<Result<_>>()?;

        if let Some(search) = &raw.search {
            self.template("search", search, &on_allowed_host)?;
        }
        let search_api = match raw.search_api {
            Some(api) => {
                self.template("search_api.url", &api.url, &on_allowed_host)?;
                let results = api.results.get_ref().parse::<JsonPath>().map_err(|reason| {
                    let path = api.results.get_ref().clone();
                    self.invalid(api.results.span(), Problem::BadJsonPath { path, reason })
                })?;
                Some(SearchApi { template: api.url.into_inner(), results })
            }
            None => None,
        };
        let course_paths = raw
            .course_paths
            .iter()
            .map(|value| {
                value.get_ref().parse::<PathPattern>().map_err(|reason| {
                    let problem = Problem::BadUrl {
                        field: "course_paths",
                        value: value.get_ref().clone(),
                        reason,
                    };
                    self.invalid(value.span(), problem)
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let closed = match &raw.closed {
            Some(value) => Some(value.get_ref().parse::<YearMonth>().map_err(|reason| {
                self.invalid(value.span(), Problem::BadMonth { field: "closed", reason })
            })?),
            None => None,
        };

        if let Some(spanned) = &raw.rate {
            let rate = *spanned.get_ref();
            if !(rate.is_finite() && rate > 0.0) {
                return Err(self.invalid(spanned.span(), Problem::BadRate { rate }));
            }
        }

        let region = raw.region.as_ref().map(|r| *r.get_ref());
        // A London region of the report is in London: the file need not say so twice, and may
        // not say otherwise.
        let uk_region = match (&raw.region, &raw.uk_region) {
            (Some(region), Some(uk)) => {
                if region.get_ref().uk_region().is_some_and(|within| within != *uk.get_ref()) {
                    let problem = Problem::RegionOutside {
                        region: *region.get_ref(),
                        uk_region: *uk.get_ref(),
                    };
                    return Err(self.invalid(uk.span(), problem));
                }
                Some(*uk.get_ref())
            }
            (Some(region), None) => region.get_ref().uk_region(),
            (None, uk) => uk.as_ref().map(|uk| *uk.get_ref()),
        };
        if let Some(ukprn) = &raw.ukprn {
            let digits = ukprn.get_ref();
            if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(self.invalid(ukprn.span(), Problem::BadUkprn { ukprn: digits.clone() }));
            }
        }

        Ok(Provider {
            id: raw.id.into_inner(),
            name: raw.name,
            kind: raw.kind,
            region,
            uk_region,
            ukprn: raw.ukprn.map(Spanned::into_inner),
            scope: raw.scope,
            homepage,
            start_urls,
            allowed_hosts,
            search: raw.search.map(Spanned::into_inner),
            search_api,
            shared_prefixes,
            rate: raw.rate.map(Spanned::into_inner),
            sitemaps,
            course_paths,
            successor_of: raw.successor_of,
            closed,
            notes: raw.notes,
        })
    }

    /// A URL template: it holds `{term}`, and a sample term makes a URL the provider may fetch.
    fn template(
        &self,
        field: &'static str,
        template: &Spanned<String>,
        on_allowed_host: &dyn Fn(&'static str, &Spanned<String>) -> Result<Url>,
    ) -> Result<()> {
        if !template.get_ref().contains(TERM_PLACEHOLDER) {
            let problem = Problem::TemplateWithoutTerm { template: template.get_ref().clone() };
            return Err(self.invalid(template.span(), problem));
        }
        let sample = template.get_ref().replace(TERM_PLACEHOLDER, "term");
        on_allowed_host(field, &Spanned::new(template.span(), sample)).map(drop)
    }

    /// `https://host/path/`: an http(s) URL with a path ending in `/`, no query or fragment.
    fn shared_prefix(&self, value: &Spanned<String>) -> Result<SharedPrefix> {
        let url = self.web_url("shared_prefixes", value)?;
        let bad = |reason: &str| {
            let problem = Problem::BadUrl {
                field: "shared_prefixes",
                value: value.get_ref().clone(),
                reason: reason.to_owned(),
            };
            self.invalid(value.span(), problem)
        };
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad("a prefix has no query or fragment"));
        }
        if !url.path().ends_with('/') || url.path() == "/" {
            return Err(bad("a prefix is a path below the host's root, ending in `/`"));
        }
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        Ok(SharedPrefix { host, path: url.path().to_owned() })
    }

    fn allowed_hosts(&self, hosts: &Spanned<Vec<Spanned<String>>>) -> Result<Vec<String>> {
        if hosts.get_ref().is_empty() {
            return Err(self.invalid(hosts.span(), Problem::EmptyList { field: "allowed_hosts" }));
        }
        hosts
            .get_ref()
            .iter()
            .map(|host| {
                let name = host.get_ref();
                // A bare host is exactly what the URL parser gives back as the host.
                let parsed = Url::parse(&format!("https://{name}/")).ok();
                if parsed.as_ref().and_then(Url::host_str) == Some(name.as_str()) {
                    Ok(name.clone())
                } else {
                    Err(self.invalid(host.span(), Problem::BadHost { host: name.clone() }))
                }
            })
            .collect()
    }

    /// An absolute http(s) URL with a host.
    fn web_url(&self, field: &'static str, value: &Spanned<String>) -> Result<Url> {
        let text = value.get_ref();
        let bad = |reason: String| {
            let problem = Problem::BadUrl { field, value: text.clone(), reason };
            self.invalid(value.span(), problem)
        };
        let url = Url::parse(text).map_err(|err| bad(err.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(bad(format!("scheme `{}` is not http or https", url.scheme())));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(bad("no host".to_owned()));
        }
        Ok(url)
    }
}
