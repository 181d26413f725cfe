//! What the coordinator does with each finished request: store, follow, retry or give up.

use std::time::{Duration, Instant};

use chrono::Utc;
use coursemap_pages::{PageEntry, decode_body};
use url::Url;

use crate::Result;
use crate::crawler::{Crawler, Done, Found, SEARCH_SCORE};
use crate::discover;
use crate::failure::FailureKind;
use crate::fetch::{Body, FetchError, FetchedResponse};
use crate::frontier::{FrontierItem, ItemKind, Offer};
use crate::host::{CHALLENGES_BEFORE_GIVING_UP, GiveUpReason, RobotsState};
use crate::interstitial::{self, Interstitial};
use crate::retry::{backoff, is_retryable_status, retry_after};
use crate::robots::{self, RobotsDecision, RobotsRequest, Rules};
use crate::summary::Encounter;

/// Redirect hops followed for one URL.
const MAX_REDIRECTS: u8 = 10;
/// Note on entries written for a 304, so a resumed run counts them as such.
const NOT_MODIFIED_NOTE: &str = "revalidated: 304 Not Modified";

impl Crawler {
    pub(crate) fn handle(&mut self, done: Done) -> Result<()> {
        match done {
            Done::Robots { host, url, result } => {
                let at = match &result {
                    Ok(response) => response.head_at,
                    Err(err) => err.at,
                };
                // Rules first: a Crawl-delay must already count for the spacing after this
                // very request.
                self.on_robots(&host, &url, result);
                self.request_finished(&host, at);
                Ok(())
            }
            Done::Page { item, result } => {
                let Some(host) = item.url.host_str().map(str::to_owned) else { return Ok(()) };
                let at = match &result {
                    Ok(response) => response.head_at,
                    Err(err) => err.at,
                };
                self.request_finished(&host, at);
                match result {
                    Ok(response) => self.on_response(&host, item, response),
                    Err(err) => {
                        tracing::debug!(url = %item.url, kind = %err.kind, error = %err.message, "request failed");
                        self.retry_or_fail(&host, item, err.kind, None);
                        Ok(())
                    }
                }
            }
        }
    }

    /// Applies what a robots.txt answer means: the host's rules, the next hop, a later try,
    /// or giving the host up.
    fn on_robots(&mut self, host: &str, url: &Url, result: Result<FetchedResponse, FetchError>) {
        let Some(state) = self.hosts.get(host) else { return };
        let asked = match &state.robots {
            RobotsState::Pending(asked) => asked.clone(),
            // Only a pending robots.txt is requested; should that change, start afresh.
            _ => RobotsRequest::first(url.clone()),
        };
        let agent = self.config.robots_agent();
        let decision =
            robots::decide(agent, host, &asked, result.as_ref(), self.config.robots_attempts);
        match decision {
            RobotsDecision::Obey { rules, sitemaps } => self.robots_ready(host, rules, sitemaps),
            RobotsDecision::Follow(next) => {
                if let Some(state) = self.hosts.get_mut(host) {
                    state.robots = RobotsState::Pending(next);
                }
            }
            RobotsDecision::AskAgain { reason, attempts } => {
                let retry_at = Instant::now() + self.config.robots_retry;
                tracing::warn!(host, %reason, retry_in = ?self.config.robots_retry, "robots.txt unavailable; nothing fetched from the host until it is");
                if let Some(state) = self.hosts.get_mut(host) {
                    state.robots = RobotsState::Unavailable { retry_at, attempts };
                }
            }
            RobotsDecision::GiveUp { reason, attempts } => {
                tracing::warn!(host, %reason, attempts, "robots.txt unavailable; host given up");
                if let Some(state) = self.hosts.get_mut(host) {
                    state.robots = RobotsState::GivenUp(GiveUpReason::RobotsUnavailable);
                }
            }
        }
    }

    /// The host's rules are known: its Crawl-delay (capped) spaces its requests from now on,
    /// and the sitemaps robots.txt names are queued.
    fn robots_ready(&mut self, host: &str, rules: Rules, sitemaps: Vec<Url>) {
        let provider = self.tallies.get(host).map(|t| t.provider.clone()).unwrap_or_default();
        let Some(state) = self.hosts.get_mut(host) else { return };
        if let Some(delay) = rules.crawl_delay() {
            let max = self.config.max_crawl_delay;
            if delay > max {
                tracing::warn!(host, ?delay, cap = ?max, "Crawl-delay capped");
            }
            let interval = state.base_interval.max(delay.min(max));
            state.limiter.set_interval(interval);
        }
        state.robots = RobotsState::Ready(rules);
        for sitemap in sitemaps {
            self.offer(Found::Listed { host }, &provider, sitemap, ItemKind::Sitemap, 0, 0);
        }
    }

    fn on_response(
        &mut self,
        host: &str,
        item: FrontierItem,
        response: FetchedResponse,
    ) -> Result<()> {
        let status = response.status;
        if item.kind.is_page() {
            let body = match &response.body {
                Body::Kept(body) => body.as_slice(),
                _ => &[],
            };
            let content_type = response.content_type.as_deref();
            let found = interstitial::recognise(status, &response.headers, content_type, body);
            let challenged = matches!(found, Some(Interstitial::Challenge { .. }));
            if let Some(state) = self.hosts.get_mut(host)
                && !challenged
            {
                state.challenges_in_a_row = 0;
            }
            match found {
                Some(Interstitial::Challenge { marker }) => {
                    self.challenged(host, &item, &marker);
                    return Ok(());
                }
                Some(Interstitial::SoftNotFound { wording }) => {
                    return self.soft_not_found(host, &item, &response, &wording);
                }
                None => {}
            }
        }
        match status {
            304 => self.not_modified(host, &item),
            300..=399 => {
                self.redirect(host, item, response.header("location"));
                Ok(())
            }
            404 | 410 => self.missing(host, &item, &response),
            _ if is_retryable_status(status) => {
                let wait = response.header("retry-after").and_then(|v| retry_after(v, Utc::now()));
                self.retry_or_fail(host, item, FailureKind::Http(status), wait);
                Ok(())
            }
            200..=299 => self.keep(host, &item, response),
            _ => {
                tracing::debug!(url = %item.url, status, "not fetched");
                self.tally(host).fail(item.url.as_str(), FailureKind::Http(status));
                Ok(())
            }
        }
    }

    /// A bot challenge instead of the page: counted, never stored; the host is given up after
    /// a run of them, since asking again is neither useful nor polite.
    fn challenged(&mut self, host: &str, item: &FrontierItem, marker: &str) {
        tracing::warn!(url = %item.url, marker, "bot challenge instead of the page; not stored");
        self.tally(host).encounter(item.store_key().as_str(), Encounter::Challenge, marker);
        let Some(state) = self.hosts.get_mut(host) else { return };
        state.challenges_in_a_row += 1;
        if state.challenges_in_a_row >= CHALLENGES_BEFORE_GIVING_UP {
            tracing::warn!(
                host,
                in_a_row = state.challenges_in_a_row,
                "host answers with bot challenges; given up (ask the provider)"
            );
            state.robots = RobotsState::GivenUp(GiveUpReason::Challenges);
        }
    }

    /// A 200 page saying the page is not there: stored as gone, like a 410, so it never gives
    /// a record and a course it replaced leaves the catalogue.
    fn soft_not_found(
        &mut self,
        host: &str,
        item: &FrontierItem,
        response: &FetchedResponse,
        wording: &str,
    ) -> Result<()> {
        let key = item.store_key().as_str();
        tracing::info!(
            url = key,
            wording,
            "soft 404: a 200 page saying the page is not there; marked gone"
        );
        let mut entry = PageEntry::new(key, response.status, Utc::now());
        entry.final_url = item.url.to_string();
        entry.headers = response.headers.clone();
        entry.gone = true;
        entry.note = Some(format!("soft 404: \"{wording}\""));
        entry.crawl_run = Some(self.run_id.clone());
        entry.depth = Some(item.depth);
        self.store.append_metadata(entry)?;
        let tally = self.tally(host);
        tally.gone += 1;
        tally.encounter(key, Encounter::Soft404, wording);
        Ok(())
    }

    fn keep(&mut self, host: &str, item: &FrontierItem, response: FetchedResponse) -> Result<()> {
        if item.kind == ItemKind::SearchApi {
            self.search_api_results(host, item, &response.body);
            return Ok(());
        }
        let mut entry = PageEntry::new(item.store_key().as_str(), response.status, Utc::now());
        entry.final_url = item.url.to_string();
        entry.headers = response.headers;
        entry.content_type = response.content_type;
        entry.crawl_run = Some(self.run_id.clone());
        entry.depth = Some(item.depth);
        match response.body {
            Body::Kept(body) => {
                self.store.append(entry.clone(), &body)?;
                self.tally(host).fetched += 1;
                self.discover(host, item, &body, entry.content_type.as_deref());
            }
            Body::TooLarge(cap) => {
                tracing::warn!(url = %item.url, cap, "body larger than the cap; skipped");
                entry.note = Some(format!("body larger than {cap} bytes; skipped"));
                self.store.append_metadata(entry)?;
                self.tally(host).fail(item.url.as_str(), FailureKind::BodyTooLarge);
            }
            Body::NotKept(reason) => {
                entry.note = Some(reason);
                self.store.append_metadata(entry)?;
                self.tally(host).not_stored += 1;
            }
            Body::NotRead => {
                entry.note = Some("no body".to_owned());
                self.store.append_metadata(entry)?;
                self.tally(host).not_stored += 1;
            }
        }
        Ok(())
    }

    fn not_modified(&mut self, host: &str, item: &FrontierItem) -> Result<()> {
        let key = item.store_key().as_str();
        let Some(previous) = self.store.page(key) else {
            self.tally(host).fail(key, FailureKind::Unexpected304);
            return Ok(());
        };
        let mut entry = previous.entry.clone();
        entry.fetched_at = Utc::now();
        entry.crawl_run = Some(self.run_id.clone());
        entry.note = Some(NOT_MODIFIED_NOTE.to_owned());
        entry.depth = Some(item.depth);
        self.store.append_metadata(entry)?;
        self.tally(host).not_modified += 1;
        // The page is unchanged, but its links must still be followed for the refresh to
        // reach every page the first crawl did.
        match previous.body() {
            Ok(body) => self.discover(host, item, &body, previous.entry.content_type.as_deref()),
            Err(err) => {
                tracing::warn!(url = key, error = %err, "stored body unreadable; links not followed")
            }
        }
        Ok(())
    }

    fn missing(
        &mut self,
        host: &str,
        item: &FrontierItem,
        response: &FetchedResponse,
    ) -> Result<()> {
        let key = item.store_key().as_str();
        let stored_before = self
            .store
            .latest(key)
            .is_some_and(|e| e.crawl_run.as_deref() != Some(self.run_id.as_str()) && !e.gone);
        // 410 says the page is gone for good (a withdrawn course); a 404 only says so for
        // a page we had before — otherwise it is just a broken link.
        if stored_before || response.status == 410 {
            tracing::info!(url = key, status = response.status, "page gone; marked");
            let mut entry = PageEntry::new(key, response.status, Utc::now());
            entry.final_url = item.url.to_string();
            entry.headers = response.headers.clone();
            entry.gone = true;
            entry.crawl_run = Some(self.run_id.clone());
            entry.depth = Some(item.depth);
            self.store.append_metadata(entry)?;
            self.tally(host).gone += 1;
        } else if item.kind == ItemKind::Sitemap {
            tracing::debug!(url = %item.url, "no sitemap there");
        } else {
            self.tally(host).fail(item.url.as_str(), FailureKind::Http(response.status));
        }
        Ok(())
    }

    /// Queues the redirect target as the continuation of `item`, after the same scope and
    /// address checks as any link; robots.txt is checked when it is taken from the queue.
    fn redirect(&mut self, host: &str, item: FrontierItem, location: Option<&str>) {
        let Some(target) = location.and_then(|l| item.url.join(l.trim()).ok()) else {
            self.tally(host).fail(item.store_key().as_str(), FailureKind::BadRedirect);
            return;
        };
        if item.redirects >= MAX_REDIRECTS {
            tracing::warn!(url = %item.store_key(), hops = item.redirects, "too many redirects");
            self.tally(host).fail(item.store_key().as_str(), FailureKind::TooManyRedirects);
            return;
        }
        let target = coursemap_urlcanon::canonicalize(&target);
        let target_host = target.host_str().unwrap_or_default().to_owned();
        if !matches!(target.scheme(), "http" | "https") {
            self.tally(host).fail(item.store_key().as_str(), FailureKind::BadRedirect);
            return;
        }
        if !self.in_scope(&item.provider, &target) {
            let owner = self.providers.values().find(|p| p.in_scope(&target)).map(|p| p.id.clone());
            let detail = match owner {
                Some(owner) => format!(
                    "to {target}: host {target_host} is provider {owner}'s, not {}'s",
                    item.provider
                ),
                None => format!(
                    "to {target}: host {target_host} is not among provider {}'s hosts",
                    item.provider
                ),
            };
            tracing::warn!(from = %item.store_key(), to = %target, "moved off the provider's hosts; not followed (check the seeds)");
            self.tally(host).encounter(item.store_key().as_str(), Encounter::Moved, detail);
            return;
        }
        let origin = item.store_key().clone();
        if item.redirects > 0 && target.as_str() == origin.as_str() {
            // Back to where the chain started: a loop, which no number of hops resolves.
            tracing::warn!(url = %origin, "redirect loop");
            self.tally(host).fail(origin.as_str(), FailureKind::RedirectLoop);
            return;
        }
        let next = FrontierItem {
            url: target,
            redirects: item.redirects + 1,
            redirected_from: Some(origin),
            attempt: 0,
            ..item
        };
        if self.frontier.offer(next) == Offer::AlreadySeen {
            // A trailing-slash or canonical redirect to a URL queued on its own: that fetch
            // stores it, once.
            tracing::debug!(
                location = location.unwrap_or_default(),
                "redirect to a URL already seen"
            );
        }
    }

    fn retry_or_fail(
        &mut self,
        host: &str,
        mut item: FrontierItem,
        kind: FailureKind,
        wait: Option<Duration>,
    ) {
        if item.attempt >= self.config.max_retries {
            tracing::warn!(url = %item.url, %kind, attempts = item.attempt + 1, "giving up");
            self.tally(host).fail(item.store_key().as_str(), kind);
            return;
        }
        let wait = wait
            .unwrap_or_else(|| {
                backoff(item.attempt, self.config.retry_base, self.config.max_retry_wait)
            })
            .min(self.config.max_retry_wait);
        tracing::debug!(url = %item.url, %kind, ?wait, "will retry");
        if let Some(state) = self.hosts.get_mut(host) {
            state.limiter.hold_until(Instant::now() + wait);
        }
        item.attempt += 1;
        self.tally(host).retries += 1;
        self.frontier.put_back(item);
    }

    /// On resume: if this run already stored `item` (after the last checkpoint), use the
    /// stored page instead of fetching it again. True when it did.
    pub(crate) fn reuse_if_stored(&mut self, item: &FrontierItem) -> Result<bool> {
        let key = item.store_key().as_str();
        let Some(page) = self.store.page(key) else { return Ok(false) };
        if page.entry.crawl_run.as_deref() != Some(self.run_id.as_str()) {
            return Ok(false);
        }
        let host = item.url.host_str().unwrap_or_default().to_owned();
        let tally = self.tally(&host);
        if page.entry.gone {
            tally.gone += 1;
        } else if page.entry.note.as_deref() == Some(NOT_MODIFIED_NOTE) {
            tally.not_modified += 1;
        } else if page.entry.body_sha256.is_some() {
            tally.fetched += 1;
        } else {
            tally.not_stored += 1;
        }
        if page.entry.body_sha256.is_some() && !page.entry.gone {
            let body = page.body()?;
            self.discover(&host, item, &body, page.entry.content_type.as_deref());
        }
        Ok(true)
    }

    /// Queues the page URLs a search API's JSON answer lists, where the provider's seeds say
    /// they sit. The answer is a listing, not a page: it is not stored.
    fn search_api_results(&mut self, host: &str, item: &FrontierItem, body: &Body) {
        let Body::Kept(body) = body else {
            self.tally(host).fail(item.url.as_str(), FailureKind::BadSearchApi);
            return;
        };
        let path = self
            .providers
            .get(&item.provider)
            .and_then(|p| p.search_api.as_ref())
            .map(|api| api.results.clone());
        let Some(path) = path else { return };
        match discover::search_api(body, &path) {
            Ok(urls) => {
                tracing::debug!(url = %item.url, results = urls.len(), "search API answered");
                self.tally(host).not_stored += 1;
                let provider = item.provider.clone();
                for url in urls.iter().filter_map(|u| item.url.join(u).ok()) {
                    let found = Found::Listed { host };
                    self.offer(found, &provider, url, ItemKind::Page, item.depth + 1, SEARCH_SCORE);
                }
            }
            Err(reason) => {
                tracing::warn!(url = %item.url, %reason, "search API answer unreadable");
                self.tally(host).fail(item.url.as_str(), FailureKind::BadSearchApi);
            }
        }
    }

    /// Queues what a stored body points to: sitemap entries, or the links of an HTML page.
    fn discover(
        &mut self,
        host: &str,
        item: &FrontierItem,
        body: &[u8],
        content_type: Option<&str>,
    ) {
        let provider = item.provider.clone();
        if item.kind == ItemKind::Sitemap {
            match discover::sitemap(body, self.config.max_body_bytes) {
                Ok(found) => {
                    if found.malformed {
                        tracing::warn!(url = %item.url, "sitemap malformed; read what it could");
                        self.tally(host).fail(item.url.as_str(), FailureKind::BadSitemap);
                    }
                    for url in found.sitemaps.iter().filter_map(|s| Url::parse(s).ok()) {
                        let found = Found::Listed { host };
                        self.offer(found, &provider, url, ItemKind::Sitemap, item.depth, 0);
                    }
                    for url in found.pages.iter().filter_map(|s| Url::parse(s).ok()) {
                        let score = self.relevance.score("", url.as_str(), "");
                        self.offer(
                            Found::Listed { host },
                            &provider,
                            url,
                            ItemKind::Page,
                            item.depth + 1,
                            score,
                        );
                    }
                }
                Err(reason) => {
                    tracing::warn!(url = %item.url, %reason, "sitemap unreadable");
                    self.tally(host).fail(item.url.as_str(), FailureKind::BadSitemap);
                }
            }
            return;
        }
        let is_html = content_type.is_none_or(|ct| ct.to_ascii_lowercase().contains("html"));
        if !is_html {
            return;
        }
        let text = decode_body(body, content_type);
        for link in discover::links(&text, &item.url) {
            let score = self.relevance.score(&link.anchor, link.url.as_str(), &link.context);
            let found = Found::Linked { host };
            self.offer(found, &provider, link.url, ItemKind::Page, item.depth + 1, score);
        }
    }
}
