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

use crate::provider::TERM_PLACEHOLDER;
use crate::{Error, Location, Problem, Provider, ProviderKind, Region, Result, Scope};

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
    region: Region,
    #[serde(default)]
    scope: Option<Scope>,
    homepage: Spanned<String>,
    start_urls: Spanned<Vec<Spanned<String>>>,
    allowed_hosts: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    search: Option<Spanned<String>>,
    #[serde(default)]
    rate: Option<Spanned<f64>>,
    #[serde(default)]
    sitemaps: Vec<Spanned<String>>,
    #[serde(default)]
    successor_of: Option<String>,
    #[serde(default)]
    notes: Option<String>,
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
        let provider = file.provider(raw)?;
        for (host, span) in provider.allowed_hosts.iter().zip(host_spans) {
            if let Some(other) = owner_of_host.insert(host.clone(), provider.id.clone()) {
                let problem = Problem::HostClaimedTwice { host: host.clone(), other };
                return Err(file.invalid(span, problem));
            }
        }
        providers.push(provider);
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
        let on_allowed_host = |field: &'static str, value: &Spanned<String>| -> Result<Url> {
            let url = self.web_url(field, value)?;
            let host = url.host_str().unwrap_or_default();
            if allowed_hosts.iter().any(|h| h == host) {
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
            if !search.get_ref().contains(TERM_PLACEHOLDER) {
                let problem = Problem::TemplateWithoutTerm { template: search.get_ref().clone() };
                return Err(self.invalid(search.span(), problem));
            }
            // A sample term must make a URL on one of the provider's hosts.
            let sample = search.get_ref().replace(TERM_PLACEHOLDER, "term");
            on_allowed_host("search", &Spanned::new(search.span(), sample))?;
        }

        if let Some(spanned) = &raw.rate {
            let rate = *spanned.get_ref();
            if !(rate.is_finite() && rate > 0.0) {
                return Err(self.invalid(spanned.span(), Problem::BadRate { rate }));
            }
        }

        Ok(Provider {
            id: raw.id.into_inner(),
            name: raw.name,
            kind: raw.kind,
            region: raw.region,
            scope: raw.scope,
            homepage,
            start_urls,
            allowed_hosts,
            search: raw.search.map(Spanned::into_inner),
            rate: raw.rate.map(Spanned::into_inner),
            sitemaps,
            successor_of: raw.successor_of,
            notes: raw.notes,
        })
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
