//! What the coordinator does with each finished request: asks what it means (`robots::decide`,
//! `decision::decide`) and applies the answer, in one place, to the store, the frontier, the
//! tallies and the host's state.

use std::time::Instant;

use chrono::Utc;
use coursemap_pages::{PageEntry, decode_body};
use coursemap_records::Archived;
use url::Url;

use crate::Result;
use crate::crawler::{Crawler, Done, Found, SEARCH_SCORE};
use crate::decision::{self, Decision, PageContext, ResponseHead, RetryLimits, Stored};
use crate::discover;
use crate::failure::FailureKind;
use crate::fetch::{FetchError, FetchedResponse};
use crate::frontier::{FrontierItem, ItemKind, Offer};
use crate::host::{GiveUpReason, RobotsState};
use crate::robots::{self, RobotsDecision, RobotsRequest, Rules};
use crate::site_search::{self, SiteSearch};
use crate::summary::Encounter;

/// Note on entries written for a 304, so a resumed run counts them as such.
pub(crate) const NOT_MODIFIED_NOTE: &str = "revalidated: 304 Not Modified";

impl Crawler {
    /// Handles a finished request: decides what its answer means, then applies that.
    pub(crate) fn handle(&mut self, done: Done) -> Result<()> {
        match done {
            Done::Robots { host, url, result } => {
                if let Ok(response) = &result {
                    self.archive(&url, url.as_str(), response)?;
                }
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
                if let Err(err) = &result {
                    tracing::debug!(url = %item.url, kind = %err.kind, error = %err.message, "request failed");
                }
                let answered = result.is_ok();
                let archived = match &result {
                    Ok(response) => self.archive(&item.url, item.store_key().as_str(), response)?,
                    Err(_) => None,
                };
                let decision = decision::decide(&item, result, &self.page_context(&host, &item));
                // Any answer to a page but a challenge ends a run of challenges.
                if answered
                    && item.kind.is_page()
                    && !matches!(decision, Decision::Challenge { .. })
                    && let Some(state) = self.hosts.get_mut(&host)
                {
                    state.challenges_in_a_row = 0;
                }
                self.apply(&host, item, decision, archived)
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

    /// What a decision about `item` reads of the crawl: providers, what the store holds for
    /// it, the host's run of challenges, the retry limits.
    fn page_context(&self, host: &str, item: &FrontierItem) -> PageContext<'_> {
        let stored = match self.store.latest_fetch(item.store_key().as_str()) {
            None => Stored::Nothing,
            Some(fetch) if fetch.gone => Stored::Gone,
            Some(fetch) if fetch.crawl_run == Some(self.run_id.as_str()) => Stored::ByThisRun,
            Some(_) => Stored::ByEarlierRun,
        };
        PageContext {
            providers: &self.providers,
            stored,
            challenges_in_a_row: self.hosts.get(host).map_or(0, |h| h.challenges_in_a_row),
            retry: RetryLimits {
                max_retries: self.config.max_retries,
                base: self.config.retry_base,
                max_wait: self.config.max_retry_wait,
            },
            now: Utc::now(),
        }
    }

    /// Carries out `decision` about `item`: the one place a page request changes the store,
    /// the frontier, the tallies and the host's state.
    /// `archived` is the capture of the answer (none without an archive); entries written for
    /// it point there.
    fn apply(
        &mut self,
        host: &str,
        item: FrontierItem,
        decision: Decision,
        archived: Option<Archived>,
    ) -> Result<()> {
        match decision {
            Decision::Store { head, body } => {
                let mut entry = self.page_entry(&item, &head, archived);
                entry.content_type = head.content_type;
                self.store.append(entry.clone(), &body)?;
                self.tally(host).fetched += 1;
                self.discover(host, &item, &body, entry.content_type.as_deref());
            }
            Decision::RecordWithoutBody { head, note } => {
                let mut entry = self.page_entry(&item, &head, archived);
                entry.content_type = head.content_type;
                entry.note = Some(note);
                self.store.append_metadata(entry)?;
                self.tally(host).not_stored += 1;
            }
            Decision::TooLarge { head, cap } => {
                tracing::warn!(url = %item.url, cap, "body larger than the cap; skipped");
                let mut entry = self.page_entry(&item, &head, archived);
                entry.content_type = head.content_type;
                entry.note = Some(format!("body larger than {cap} bytes; skipped"));
                self.store.append_metadata(entry)?;
                self.tally(host).fail(item.url.as_str(), FailureKind::BodyTooLarge);
            }
            Decision::ReadSearchResults { body } => self.search_api_results(host, &item, &body),
            Decision::ReadSearchDescription { body } => {
                self.search_description(host, &item, &body);
            }
            Decision::NotModified => self.not_modified(host, &item)?,
            Decision::Gone { head } => {
                tracing::info!(url = %item.store_key(), status = head.status, "page gone; marked");
                let mut entry = self.page_entry(&item, &head, archived);
                entry.gone = true;
                self.store.append_metadata(entry)?;
                self.tally(host).gone += 1;
            }
            Decision::NoSitemap => tracing::debug!(url = %item.url, "no sitemap there"),
            Decision::Soft404 { head, wording } => {
                let key = item.store_key().as_str();
                tracing::info!(
                    url = key,
                    wording,
                    "soft 404: a 200 page saying the page is not there; marked gone"
                );
                let mut entry = self.page_entry(&item, &head, archived);
                entry.gone = true;
                entry.note = Some(format!("soft 404: \"{wording}\""));
                self.store.append_metadata(entry)?;
                let tally = self.tally(host);
                tally.gone += 1;
                tally.encounter(key, Encounter::Soft404, wording);
            }
            Decision::Challenge { marker, in_a_row, give_up_host } => {
                tracing::warn!(url = %item.url, marker, "bot challenge instead of the page; not stored");
                self.tally(host).encounter(item.store_key().as_str(), Encounter::Challenge, marker);
                let Some(state) = self.hosts.get_mut(host) else { return Ok(()) };
                state.challenges_in_a_row = in_a_row;
                if give_up_host {
                    // Asking again is neither useful nor polite.
                    tracing::warn!(
                        host,
                        in_a_row,
                        "host answers with bot challenges; given up (ask the provider)"
                    );
                    state.robots = RobotsState::GivenUp(GiveUpReason::Challenges);
                }
            }
            Decision::FollowRedirect { next } => {
                let url = next.url.clone();
                // The next hop may be on another of the provider's hosts.
                let room = next.url.host_str().map_or(1, |to| self.queue_room(to));
                if self.frontier.offer(*next, room) == Offer::AlreadySeen {
                    // A trailing-slash or canonical redirect to a URL queued on its own: that
                    // fetch stores it, once.
                    tracing::debug!(%url, "redirect to a URL already seen");
                }
            }
            Decision::Moved { target, detail } => {
                tracing::warn!(from = %item.store_key(), to = %target, "moved off the provider's hosts; not followed (check the seeds)");
                self.tally(host).encounter(item.store_key().as_str(), Encounter::Moved, detail);
            }
            Decision::Retry { kind, wait } => {
                tracing::debug!(url = %item.url, %kind, ?wait, "will retry");
                if let Some(state) = self.hosts.get_mut(host) {
                    state.limiter.hold_until(Instant::now() + wait);
                }
                self.tally(host).retries += 1;
                self.frontier.put_back(FrontierItem { attempt: item.attempt + 1, ..item });
            }
            Decision::GiveUp { kind, attempts } => {
                tracing::warn!(url = %item.url, %kind, attempts, "giving up");
                self.tally(host).fail(item.store_key().as_str(), kind);
            }
            Decision::Fail { kind, url } => {
                if matches!(kind, FailureKind::TooManyRedirects | FailureKind::RedirectLoop) {
                    tracing::warn!(%url, %kind, hops = item.redirects, "redirects not followed");
                } else {
                    tracing::debug!(%url, %kind, "not fetched");
                }
                self.tally(host).fail(url.as_str(), kind);
            }
        }
        Ok(())
    }

    /// The entry recording `item`'s answer `head` in this run (no body, no content type: the
    /// caller adds what the answer has).
    fn page_entry(
        &self,
        item: &FrontierItem,
        head: &ResponseHead,
        archived: Option<Archived>,
    ) -> PageEntry {
        let mut entry = PageEntry::new(item.store_key().as_str(), head.status, Utc::now());
        entry.final_url = item.url.to_string();
        entry.headers = head.headers.clone();
        entry.crawl_run = Some(self.run_id.clone());
        entry.depth = Some(item.depth);
        entry.archived = archived;
        entry
    }

    fn not_modified(&mut self, host: &str, item: &FrontierItem) -> Result<()> {
        let key = item.store_key().as_str();
        let Some(previous) = self.store.page(key)? else {
            // Decided with the store holding the page; kept in case that ever changes.
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

    /// On resume: if this run already stored `item` (after the last checkpoint), use the
    /// stored page instead of fetching it again. True when it did.
    pub(crate) fn reuse_if_stored(&mut self, item: &FrontierItem) -> Result<bool> {
        let key = item.store_key().as_str();
        let by_this_run = self
            .store
            .latest_fetch(key)
            .is_some_and(|fetch| fetch.crawl_run == Some(self.run_id.as_str()));
        if !by_this_run {
            return Ok(false);
        }
        let Some(page) = self.store.page(key)? else { return Ok(false) };
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
    fn search_api_results(&mut self, host: &str, item: &FrontierItem, body: &[u8]) {
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
        self.find_site_search(item, &text);
        for link in discover::links(&text, &item.url) {
            let score = self.relevance.score(&link.anchor, link.url.as_str(), &link.context);
            let found = Found::Linked { host };
            self.offer(found, &provider, link.url, ItemKind::Page, item.depth + 1, score);
        }
    }

    /// On the home page of a provider whose seeds name no site search or search API: the
    /// search the page advertises, queued for each term (or its OpenSearch description, to
    /// read first). Other pages' forms are left alone: a home page's search box is the
    /// site's, a course page's may search one department.
    fn find_site_search(&mut self, item: &FrontierItem, html: &str) {
        let Some(provider) = self.providers.get(&item.provider) else { return };
        let is_home = item.depth == 0
            && *item.store_key() == coursemap_urlcanon::canonicalize(&provider.homepage);
        if !is_home || provider.search.is_some() || provider.search_api.is_some() {
            return;
        }
        let provider = provider.id.clone();
        match site_search::site_search(html, &item.url) {
            Some(SiteSearch::Description(url)) => {
                tracing::debug!(%provider, %url, "home page names an OpenSearch description");
                let found = Found::InSeeds;
                self.offer(found, &provider, url, ItemKind::SearchDescription, 0, SEARCH_SCORE);
            }
            Some(SiteSearch::Form(template)) => self.queue_site_search(&provider, &template),
            None => tracing::debug!(%provider, "home page shows no site search"),
        }
    }

    /// Reads the site-search template from an OpenSearch description and queues it.
    fn search_description(&mut self, host: &str, item: &FrontierItem, body: &[u8]) {
        self.tally(host).not_stored += 1;
        match site_search::opensearch_template(body) {
            Some(template) => self.queue_site_search(&item.provider, &template),
            None => {
                tracing::warn!(url = %item.url, "OpenSearch description has no usable template");
                self.tally(host).fail(item.url.as_str(), FailureKind::BadSearchDescription);
            }
        }
    }

    /// Queues the site search `template` found on the site itself, once per term, as a seeded
    /// `search` template would be (the same scope, robots and budget checks).
    fn queue_site_search(&mut self, provider: &str, template: &str) {
        tracing::info!(%provider, %template, "site search found on the home page");
        let urls = coursemap_seeds::fill_template(template, &self.config.terms);
        for url in urls {
            self.offer(Found::InSeeds, provider, url, ItemKind::Search, 0, SEARCH_SCORE);
        }
    }
}
