//! `seeds check`: before a real crawl, ask each provider's site whether the seeds still hold.
//!
//! Per provider, politely (robots.txt obeyed, one request at a time per host, spaced by the
//! provider's interval, no crawl): robots.txt of each host, each start URL and sitemap, the
//! site-search template and the search API with the first term. Each URL gets a
//! [`CheckStatus`]; the provider gets the worst of them, with the detail that explains it. A
//! closed provider is not contacted.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use coursemap_seeds::Provider;
use serde::{Deserialize, Serialize};
use tokio::sync::{Mutex, Semaphore};
use tokio::task::JoinSet;
use url::Url;

use crate::address::AddressPolicy;
use crate::fetch::{Body, FetchRequest, FetchedResponse, Fetcher, RequestKind};
use crate::interstitial::{self, Interstitial};
use crate::robots::{self, RobotsAnswer, Rules};
use crate::{CrawlConfig, Result};

/// Same-host redirect hops followed for one URL.
const MAX_HOPS: u8 = 10;

/// What a URL, or a provider, was found to be. Declared best first: a provider's status is
/// the last (worst) of its URLs'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The URL answered 200, at once or after same-host redirects; for a provider, every
    /// URL did.
    Ok,
    /// The provider closed (seeds `closed`): not contacted.
    Closed,
    /// 404 or 410, or a 200 page saying it is not found.
    NotFound,
    /// A redirect to another host (the detail names it and says whether it is allowed).
    Moved,
    /// robots.txt disallows the URL.
    RobotsBlocked,
    /// A bot challenge came back instead of the page.
    Challenge,
    /// No usable answer: a network error, a timeout, or a server error.
    Unreachable,
}

impl CheckStatus {
    /// The snake-case name, as serialised (`ok`, `not_found`, `robots_blocked`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Ok => "ok",
            CheckStatus::Closed => "closed",
            CheckStatus::NotFound => "not_found",
            CheckStatus::Moved => "moved",
            CheckStatus::RobotsBlocked => "robots_blocked",
            CheckStatus::Challenge => "challenge",
            CheckStatus::Unreachable => "unreachable",
        }
    }

    /// Whether the seeds need a person's attention (anything but ok and closed).
    pub fn needs_attention(self) -> bool {
        !matches!(self, CheckStatus::Ok | CheckStatus::Closed)
    }
}

/// What a checked URL is in the seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UrlRole {
    /// A host's `/robots.txt`.
    Robots,
    /// One of the provider's start URLs.
    Start,
    /// A sitemap named in the seeds.
    Sitemap,
    /// The site-search template, filled in with the first term.
    Search,
    /// The course finder's JSON search API, asked for the first term.
    SearchApi,
}

/// One URL's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrlCheck {
    /// The URL as the seeds give it (for robots.txt, the last one asked for).
    pub url: String,
    /// Which seed it comes from.
    pub role: UrlRole,
    /// What it was found to be.
    pub status: CheckStatus,
    /// The last HTTP status received, if any.
    pub http_status: Option<u16>,
    /// What happened, in words for a person ("answered 200 at …", "robots.txt disallows …").
    pub detail: String,
}

/// One provider's answer: the worst of its URLs'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderCheck {
    /// The provider's seeds id.
    pub provider: String,
    /// The worst status among its URLs ([`CheckStatus::Closed`] if it closed).
    pub status: CheckStatus,
    /// The worst URL and its detail, how many URLs answered, or when the provider closed.
    pub detail: String,
    /// Every URL checked, each host's robots.txt before its first URL; empty for a closed
    /// provider.
    pub urls: Vec<UrlCheck>,
}

/// Checks every provider in `config` (its providers, terms, resolve overrides, certificates,
/// rate and user agent), providers in parallel up to the configured concurrency, each host
/// one request at a time. Results are in the seeds' order.
pub async fn check_seeds(config: &CrawlConfig) -> Result<Vec<ProviderCheck>> {
    let policy = AddressPolicy::new(config.resolve.clone(), config.resolved_only);
    let checker = Arc::new(Checker {
        fetcher: Fetcher::new(config, policy)?,
        agent: config.robots_agent().to_owned(),
        term: config.terms.first().cloned().unwrap_or_else(|| "course".to_owned()),
        hosts: Mutex::new(HashMap::new()),
    });
    let limit = Arc::new(Semaphore::new(config.concurrency.max(1)));
    let mut tasks = JoinSet::new();
    for (n, provider) in config.providers.iter().enumerate() {
        let checker = Arc::clone(&checker);
        let limit = Arc::clone(&limit);
        let provider = provider.clone();
        let interval = config.interval_for(&provider);
        tasks.spawn(async move {
            let _permit = limit.acquire_owned().await;
            (n, checker.provider(&provider, interval).await)
        });
    }
    let mut results = Vec::with_capacity(config.providers.len());
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(result) => results.push(result),
            Err(err) => tracing::error!(error = %err, "a seeds check task failed"),
        }
    }
    results.sort_by_key(|(n, _)| *n);
    Ok(results.into_iter().map(|(_, check)| check).collect())
}

/// A host's gate: held for the whole of a request, so a host sees one at a time; holds when
/// the last one finished, so the next waits out the interval.
type HostGate = Arc<Mutex<Option<Instant>>>;

struct Checker {
    fetcher: Fetcher,
    agent: String,
    /// The term the search templates are tried with.
    term: String,
    hosts: Mutex<HashMap<String, HostGate>>,
}

impl Checker {
    async fn provider(&self, provider: &Provider, interval: Duration) -> ProviderCheck {
        if let Some(closed) = provider.closed {
            return ProviderCheck {
                provider: provider.id.clone(),
                status: CheckStatus::Closed,
                detail: format!("closed {closed}: not contacted, not crawled"),
                urls: Vec::new(),
            };
        }
        let mut targets: Vec<(UrlRole, Url, RequestKind)> = Vec::new();
        targets.extend(
            provider.start_urls.iter().map(|u| (UrlRole::Start, u.clone(), RequestKind::Page)),
        );
        targets.extend(
            provider.sitemaps.iter().map(|u| (UrlRole::Sitemap, u.clone(), RequestKind::Sitemap)),
        );
        let term = [self.term.as_str()];
        targets.extend(
            provider.search_urls(term).into_iter().map(|u| (UrlRole::Search, u, RequestKind::Page)),
        );
        if let Some(api) = &provider.search_api {
            targets.extend(
                api.urls(term).into_iter().map(|u| (UrlRole::SearchApi, u, RequestKind::Api)),
            );
        }

        let mut urls = Vec::new();
        let mut rules: HashMap<String, Option<Rules>> = HashMap::new();
        for (role, url, kind) in targets {
            let host = url.host_str().unwrap_or_default().to_owned();
            if !rules.contains_key(&host) {
                let (check, host_rules) = self.robots(&url, interval).await;
                urls.push(check);
                rules.insert(host.clone(), host_rules);
            }
            let check = match rules.get(&host) {
                Some(Some(host_rules)) => {
                    self.url(provider, role, url, kind, host_rules, interval).await
                }
                // robots.txt got no answer: the host is not asked anything else.
                _ => UrlCheck {
                    url: url.to_string(),
                    role,
                    status: CheckStatus::Unreachable,
                    http_status: None,
                    detail: format!("host {host} did not answer for robots.txt"),
                },
            };
            urls.push(check);
        }
        let worst = urls.iter().max_by_key(|c| c.status);
        let (status, detail) = match worst {
            Some(c) if c.status != CheckStatus::Ok => {
                (c.status, format!("{}: {}", c.url, c.detail))
            }
            _ => (CheckStatus::Ok, format!("{} URLs answered", urls.len())),
        };
        ProviderCheck { provider: provider.id.clone(), status, detail, urls }
    }

    /// robots.txt of `url`'s host, following same-host redirects; no answer leaves no rules.
    async fn robots(&self, url: &Url, interval: Duration) -> (UrlCheck, Option<Rules>) {
        let host = url.host_str().unwrap_or_default().to_owned();
        let mut robots_url = url.join("/robots.txt").unwrap_or_else(|_| url.clone());
        let check = |status, http_status, detail: String, at: &Url| UrlCheck {
            url: at.to_string(),
            role: UrlRole::Robots,
            status,
            http_status,
            detail,
        };
        for _ in 0..=MAX_HOPS {
            let request = FetchRequest {
                url: robots_url.clone(),
                kind: RequestKind::Robots,
                validators: None,
            };
            let response = match self.fetch(&host, request, interval).await {
                Ok(response) => response,
                Err(detail) => {
                    return (check(CheckStatus::Unreachable, None, detail, &robots_url), None);
                }
            };
            let status = Some(response.status);
            match robots::interpret(&self.agent, &host, &response) {
                RobotsAnswer::Rules(rules) => {
                    let detail = format!("robots.txt answered {}", response.status);
                    return (check(CheckStatus::Ok, status, detail, &robots_url), Some(rules));
                }
                RobotsAnswer::Redirect(location) => match robots_url.join(&location) {
                    Ok(next) if next.host_str() == Some(host.as_str()) => robots_url = next,
                    // Off-host: RFC 9309 lets a crawler treat it as no rules.
                    _ => {
                        let detail = format!(
                            "robots.txt redirects off the host to {location}; read as no rules"
                        );
                        return (
                            check(CheckStatus::Ok, status, detail, &robots_url),
                            Some(Rules::AllowAll),
                        );
                    }
                },
                RobotsAnswer::Unavailable(reason) => {
                    return (check(CheckStatus::Unreachable, status, reason, &robots_url), None);
                }
            }
        }
        (
            check(
                CheckStatus::Unreachable,
                None,
                "robots.txt redirects too often".into(),
                &robots_url,
            ),
            None,
        )
    }

    /// One seeded URL, following same-host redirects (each hop checked against robots.txt).
    async fn url(
        &self,
        provider: &Provider,
        role: UrlRole,
        url: Url,
        kind: RequestKind,
        rules: &Rules,
        interval: Duration,
    ) -> UrlCheck {
        let seeded = url.to_string();
        let answer = |status, http_status, detail: String| UrlCheck {
            url: seeded.clone(),
            role,
            status,
            http_status,
            detail,
        };
        let host = url.host_str().unwrap_or_default().to_owned();
        let mut at = url;
        for _ in 0..=MAX_HOPS {
            if !rules.allowed(&at) {
                return answer(
                    CheckStatus::RobotsBlocked,
                    None,
                    format!("robots.txt disallows {at}"),
                );
            }
            let request = FetchRequest { url: at.clone(), kind, validators: None };
            let response = match self.fetch(&host, request, interval).await {
                Ok(response) => response,
                Err(detail) => return answer(CheckStatus::Unreachable, None, detail),
            };
            let status = Some(response.status);
            let body = match &response.body {
                Body::Kept(body) => body.as_slice(),
                _ => &[],
            };
            match interstitial::recognise(
                response.status,
                &response.headers,
                response.content_type.as_deref(),
                body,
            ) {
                Some(Interstitial::Challenge { marker }) => {
                    return answer(
                        CheckStatus::Challenge,
                        status,
                        format!("bot challenge ({marker}): ask the provider to let the crawler in"),
                    );
                }
                Some(Interstitial::SoftNotFound { wording }) => {
                    return answer(
                        CheckStatus::NotFound,
                        status,
                        format!("a 200 page saying \"{wording}\""),
                    );
                }
                None => {}
            }
            match response.status {
                200..=299 => {
                    let detail = if at.as_str() == seeded {
                        "answered 200".to_owned()
                    } else {
                        format!("answered 200 at {at}")
                    };
                    return answer(CheckStatus::Ok, status, detail);
                }
                300..=399 => {
                    let Some(next) =
                        response.header("location").and_then(|l| at.join(l.trim()).ok())
                    else {
                        return answer(
                            CheckStatus::Unreachable,
                            status,
                            "a redirect without a usable Location".into(),
                        );
                    };
                    if next.host_str() != Some(host.as_str()) {
                        let allowed =
                            if provider.in_scope(&next) { "allowed" } else { "not allowed" };
                        let to = next.host_str().unwrap_or_default();
                        return answer(
                            CheckStatus::Moved,
                            status,
                            format!(
                                "redirects to {next}: host {to} is {allowed} for this provider"
                            ),
                        );
                    }
                    at = next;
                }
                404 | 410 => {
                    return answer(
                        CheckStatus::NotFound,
                        status,
                        format!("answered {}", response.status),
                    );
                }
                other => {
                    return answer(CheckStatus::Unreachable, status, format!("answered {other}"));
                }
            }
        }
        answer(CheckStatus::Unreachable, None, "redirects too often".into())
    }

    /// One request to `host`, after the previous one finished and the interval passed.
    async fn fetch(
        &self,
        host: &str,
        request: FetchRequest,
        interval: Duration,
    ) -> Result<FetchedResponse, String> {
        let gate = Arc::clone(self.hosts.lock().await.entry(host.to_owned()).or_default());
        let mut last = gate.lock().await;
        if let Some(previous) = *last {
            tokio::time::sleep_until(tokio::time::Instant::from_std(previous + interval)).await;
        }
        let result = self.fetcher.fetch(request).await;
        *last = Some(Instant::now());
        result.map_err(|err| format!("{}: {}", err.kind, err.message))
    }
}
