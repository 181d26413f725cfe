//! The crawl loop: one coordinator owns the frontier, the page store and every host's state;
//! requests run as tasks, at most one per host and `concurrency` in all.
//!
//! The coordinator never waits on a host: each turn it starts whatever is ready (robots.txt
//! first, then the host's best URL once its limiter allows), then sleeps until a request
//! finishes or the next host becomes ready. So hosts run in parallel with no idle waiting,
//! while each host sees requests one at a time and no closer than its interval.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use coursemap_pages::PageStore;
use coursemap_seeds::Provider;
use coursemap_warc::WarcWriter;
use tokio::task::JoinSet;
use url::Url;

use crate::address::AddressPolicy;
use crate::fetch::{FetchError, FetchRequest, FetchedResponse, Fetcher, RequestKind};
use crate::frontier::{Frontier, FrontierItem, ItemKind};
use crate::host::{GiveUpReason, HostState, RobotsState};
use crate::progress::CrawlProgress;
use crate::relevance::Relevance;
use crate::robots::RobotsRequest;
use crate::state::{Checkpoint, CheckpointLog, CrawlState, SnapshotView};
use crate::summary::{ClosedProvider, CrawlSummary, Encounter, HostSummary};
use crate::trap::TrapGuard;
use crate::{CrawlConfig, Result};

/// Score of a seed start URL: fetched before anything found on the way.
const START_SCORE: u32 = 10_000;
/// Score of a site-search results page, and of the pages a search API names.
pub(crate) const SEARCH_SCORE: u32 = 5_000;
/// Added to the score of a link under one of the provider's `course_paths`: the site's own
/// layout says it is a course page, which is worth more than a course word in the URL.
const COURSE_PATH_BONUS: u32 = 25;
/// The least slack a host's queue keeps past its budget (see `Crawler::queue_room`).
const QUEUE_SLACK_MIN: usize = 64;

/// Crawls the providers in `config` until the frontier is empty or `shutdown` completes;
/// either way the state is saved (so `resume` continues) and the summary written.
pub async fn crawl(
    config: CrawlConfig,
    shutdown: impl Future<Output = ()>,
) -> Result<CrawlSummary> {
    let crawler = Crawler::start(config)?;
    crawler.run(shutdown).await
}

/// A finished request, back at the coordinator.
#[derive(Debug)]
pub(crate) enum Done {
    Robots { host: String, url: Url, result: Result<FetchedResponse, FetchError> },
    Page { item: FrontierItem, result: Result<FetchedResponse, FetchError> },
}

/// Where a URL offered to the frontier was found.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Found<'a> {
    /// In the seeds, or stored by an earlier crawl.
    InSeeds,
    /// Listed on purpose by `host`: in its robots.txt or a sitemap.
    Listed { host: &'a str },
    /// A link in one of `host`'s pages: the only kind that can lead into a trap.
    Linked { host: &'a str },
}

impl<'a> Found<'a> {
    /// The host whose robots.txt, sitemap or page named the URL.
    fn on_host(self) -> Option<&'a str> {
        match self {
            Found::InSeeds => None,
            Found::Listed { host } | Found::Linked { host } => Some(host),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Crawler {
    pub(crate) config: CrawlConfig,
    fetcher: Fetcher,
    policy: AddressPolicy,
    pub(crate) store: PageStore,
    /// The WARC archive; None when the crawl keeps none.
    pub(crate) warc: Option<WarcWriter>,
    pub(crate) frontier: Frontier,
    pub(crate) relevance: Relevance,
    pub(crate) providers: HashMap<String, Provider>,
    pub(crate) hosts: HashMap<String, HostState>,
    pub(crate) tallies: BTreeMap<String, HostSummary>,
    /// Host time from earlier invocations of this run (a resumed crawl adds to it).
    time_before: BTreeMap<String, Duration>,
    pages_charged: BTreeMap<String, usize>,
    sitemaps_charged: BTreeMap<String, usize>,
    out_of_scope_seen: HashSet<String>,
    /// Providers whose site search (or search API) robots.txt refused, each reported once.
    pub(crate) search_blocked: HashSet<(String, ItemKind)>,
    /// Providers the seeds say closed, not crawled.
    closed_skipped: Vec<ClosedProvider>,
    pub(crate) traps: TrapGuard,
    /// Links already counted as traps, so each is counted once however often it is linked.
    trapped_seen: HashSet<String>,
    /// Items taken from the frontier whose request is running, by host.
    in_flight: HashMap<String, FrontierItem>,
    tasks: JoinSet<Done>,
    pub(crate) run_id: String,
    started_at: DateTime<Utc>,
    progress: CrawlProgress,
    /// The generation of the last full snapshot; checkpoints after it carry the same.
    generation: u64,
    /// Where checkpoints after the last snapshot are appended.
    checkpoints: CheckpointLog,
}

impl Crawler {
    fn start(config: CrawlConfig) -> Result<Self> {
        let policy = AddressPolicy::new(config.resolve.clone(), config.resolved_only);
        let fetcher = Fetcher::new(&config, policy.clone())?;
        let store = PageStore::open(config.pages_dir())?;
        let warc = crate::archive::open(&config)?;
        let saved = if config.resume { CrawlState::load(&config.state_dir())? } else { None };
        if config.resume && saved.is_none() {
            tracing::warn!(dir = %config.state_dir().display(), "no saved crawl to resume; starting afresh");
        }
        let now = Utc::now();
        let mut crawler = Crawler {
            fetcher,
            policy,
            store,
            warc,
            frontier: Frontier::new(),
            relevance: Relevance::new(&config.terms),
            providers: config.providers.iter().map(|p| (p.id.clone(), p.clone())).collect(),
            hosts: HashMap::new(),
            tallies: BTreeMap::new(),
            time_before: BTreeMap::new(),
            pages_charged: BTreeMap::new(),
            sitemaps_charged: BTreeMap::new(),
            out_of_scope_seen: HashSet::new(),
            search_blocked: HashSet::new(),
            closed_skipped: Vec::new(),
            traps: TrapGuard::new(config.max_links_per_pattern, BTreeMap::new()),
            trapped_seen: HashSet::new(),
            in_flight: HashMap::new(),
            tasks: JoinSet::new(),
            run_id: now.format("%Y%m%dT%H%M%S%.3fZ").to_string(),
            started_at: now,
            progress: CrawlProgress::new(config.progress),
            generation: 0,
            checkpoints: CheckpointLog::new(&config.state_dir()),
            config,
        };
        match saved {
            Some(saved) => {
                let state = saved.state;
                tracing::info!(run = %state.run_id, queued = state.frontier.items.len(),
                    checkpoints = saved.later.len(), "resuming crawl");
                crawler.frontier = Frontier::restore(state.frontier, saved.later);
                crawler.generation = state.generation;
                crawler.time_before =
                    state.hosts.iter().map(|(h, s)| (h.clone(), s.time)).collect();
                crawler.tallies = state.hosts;
                crawler.pages_charged = state.pages_charged;
                crawler.sitemaps_charged = state.sitemaps_charged;
                crawler.traps =
                    TrapGuard::new(crawler.config.max_links_per_pattern, state.trap_patterns);
                crawler.run_id = state.run_id;
                crawler.started_at = state.started_at;
                // A new snapshot at once: checkpoints are never appended after a torn one.
                crawler.save_state(false)?;
            }
            None => {
                crawler.seed();
                crawler.seed_known_pages();
                // Saved before the first request, so a crawl killed before its first
                // checkpoint still resumes this run (reusing what it stored) instead of
                // starting a new one that would fetch those pages again.
                crawler.save_state(false)?;
            }
        }
        Ok(crawler)
    }

    /// Queues every provider's start URLs, seed sitemaps and site-search pages.
    fn seed(&mut self) {
        let mut providers: Vec<Provider> = self.providers.values().cloned().collect();
        providers.sort_by(|a, b| a.id.cmp(&b.id));
        for provider in providers {
            if let Some(closed) = provider.closed.filter(|_| !self.config.include_closed) {
                tracing::info!(provider = %provider.id, %closed, "provider closed; not crawled");
                let closed = closed.to_string();
                self.closed_skipped.push(ClosedProvider { provider: provider.id.clone(), closed });
                continue;
            }
            let starts = std::iter::once(provider.homepage.clone())
                .chain(provider.start_urls.iter().cloned());
            for url in starts {
                self.offer(Found::InSeeds, &provider.id, url, ItemKind::Page, 0, START_SCORE);
            }
            for url in &provider.sitemaps {
                self.offer(Found::InSeeds, &provider.id, url.clone(), ItemKind::Sitemap, 0, 0);
            }
            for url in provider.search_urls(&self.config.terms) {
                self.offer(Found::InSeeds, &provider.id, url, ItemKind::Search, 0, SEARCH_SCORE);
            }
            let api_urls: Vec<Url> =
                provider.search_api.iter().flat_map(|api| api.urls(&self.config.terms)).collect();
            for url in api_urls {
                self.offer(Found::InSeeds, &provider.id, url, ItemKind::SearchApi, 0, SEARCH_SCORE);
            }
        }
    }

    /// Queues every page an earlier crawl stored. Without this a refresh would only see what
    /// is still linked, and a course taken off a site would stay in the catalogue for ever;
    /// revisited, it answers 404 or 410 and is marked gone. Each is queued at the depth it
    /// was found at (0 for entries from before depths were recorded), so the depth limit
    /// bounds a refresh exactly as it bounded the first crawl.
    fn seed_known_pages(&mut self) {
        let known = match self.store.pages() {
            Ok(pages) => pages,
            Err(err) => {
                tracing::warn!("cannot list the stored pages to revisit: {err}");
                return;
            }
        };
        for page in known {
            let entry = page.entry;
            if entry.gone || entry.body_sha256.is_none() {
                continue;
            }
            let Ok(url) = Url::parse(&entry.url) else { continue };
            let provider = self.providers.values().find(|p| p.in_scope(&url)).map(|p| p.id.clone());
            if let Some(provider) = provider {
                let depth = entry.depth.unwrap_or(0);
                self.offer(Found::InSeeds, &provider, url, ItemKind::Page, depth, START_SCORE);
            }
        }
    }

    /// Offers a URL to the frontier, if it is within `provider`'s hosts and depth and, when
    /// linked from a page, not a trap; out-of-scope links and traps are recorded, never
    /// queued.
    pub(crate) fn offer(
        &mut self,
        found: Found<'_>,
        provider: &str,
        url: Url,
        kind: ItemKind,
        depth: usize,
        score: u32,
    ) {
        if !matches!(url.scheme(), "http" | "https") {
            return;
        }
        let url = coursemap_urlcanon::canonicalize(&url);
        let Some(host) = url.host_str().map(str::to_owned) else { return };
        if !self.in_scope(provider, &url) {
            match found.on_host() {
                Some(from) => {
                    if self.out_of_scope_seen.insert(url.as_str().to_owned()) {
                        self.tally(from).out_of_scope_link(url.as_str());
                    }
                }
                None => {
                    tracing::warn!(%url, provider, "seed URL outside the provider's allowed hosts; skipped")
                }
            }
            return;
        }
        if kind.is_page() && depth > self.config.max_depth {
            return;
        }
        let on_course_path = self.providers.get(provider).is_some_and(|p| p.is_course_path(&url));
        let score = if on_course_path { score.saturating_add(COURSE_PATH_BONUS) } else { score };
        if matches!(found, Found::Linked { .. })
            && kind.is_page()
            && !self.frontier.has_seen(&url)
            && let Err(trap) = self.traps.admit(&url, score)
        {
            if self.trapped_seen.insert(url.as_str().to_owned()) {
                tracing::debug!(%url, rule = trap.as_str(), "link taken for a crawler trap; not followed");
                self.tally(&host).trap_link(url.as_str(), trap);
            }
            return;
        }
        let item = FrontierItem {
            url,
            kind,
            depth,
            score,
            redirects: 0,
            redirected_from: None,
            attempt: 0,
            provider: provider.to_owned(),
            seq: 0,
        };
        let room = self.queue_room(&host);
        self.frontier.offer(item, room);
    }

    /// The most items worth keeping queued for `host`: what its page and sitemap budgets
    /// have left, and slack for items that end without spending any (refused by robots.txt,
    /// already stored by this run). The frontier drops the lowest ranked past it, which the
    /// budget would never reach; holding them cost a national crawl most of its memory.
    pub(crate) fn queue_room(&self, host: &str) -> usize {
        let left = |charged: &BTreeMap<String, usize>, limit: usize| {
            limit.saturating_sub(charged.get(host).copied().unwrap_or(0))
        };
        let pages = left(&self.pages_charged, self.config.max_pages_per_host);
        let sitemaps = left(&self.sitemaps_charged, self.config.max_sitemaps_per_host);
        let slack = (self.config.max_pages_per_host / 4).max(QUEUE_SLACK_MIN);
        pages.saturating_add(sitemaps).saturating_add(slack)
    }

    /// Whether `url` is on one of `provider`'s hosts or under one of its shared prefixes.
    pub(crate) fn in_scope(&self, provider: &str, url: &Url) -> bool {
        self.providers.get(provider).is_some_and(|p| p.in_scope(url))
    }

    pub(crate) fn tally(&mut self, host: &str) -> &mut HostSummary {
        self.tallies.entry(host.to_owned()).or_default()
    }

    async fn run(mut self, shutdown: impl Future<Output = ()>) -> Result<CrawlSummary> {
        let invocation_start = Instant::now();
        let mut last_checkpoint = Instant::now();
        tokio::pin!(shutdown);
        let complete = loop {
            let wake = self.dispatch()?;
            if self.tasks.is_empty() && wake.is_none() {
                break self.frontier.is_empty();
            }
            if last_checkpoint.elapsed() >= self.config.checkpoint_interval {
                self.checkpoint()?;
                last_checkpoint = Instant::now();
            }
            self.show_progress();
            let sleep_until = wake.map_or_else(
                || tokio::time::Instant::now() + Duration::from_secs(3600),
                tokio::time::Instant::from_std,
            );
            tokio::select! {
                biased;
                () = &mut shutdown => {
                    tracing::info!("shutdown requested; saving the crawl state");
                    break false;
                }
                Some(joined) = self.tasks.join_next(), if !self.tasks.is_empty() => match joined {
                    Ok(done) => self.handle(done)?,
                    Err(err) => tracing::error!(error = %err, "a request task failed"),
                },
                () = tokio::time::sleep_until(sleep_until) => {}
            }
        };
        // Unfinished requests stay in `in_flight`, so the saved state queues them again.
        self.tasks.shutdown().await;
        self.save_state(complete)?;
        self.store.sync()?;
        self.sync_archive()?;
        self.progress.finish();
        let summary = self.summary(complete, invocation_start.elapsed());
        summary.write(&self.config.summary_path())?;
        Ok(summary)
    }

    /// Starts every request that may start now; returns when the next host becomes ready.
    fn dispatch(&mut self) -> Result<Option<Instant>> {
        let now = Instant::now();
        let mut wake: Option<Instant> = None;
        let mut wake_at = |at: Instant| wake = Some(wake.map_or(at, |w: Instant| w.min(at)));
        for host in self.frontier.hosts() {
            if self.tasks.len() >= self.config.concurrency {
                break;
            }
            if let Some(at) = self.dispatch_host(&host, now)? {
                wake_at(at);
            }
        }
        Ok(wake)
    }

    /// Starts the next request for `host` if it may start now, else says when it may.
    fn dispatch_host(&mut self, host: &str, now: Instant) -> Result<Option<Instant>> {
        if self.hosts.get(host).is_some_and(|h| h.busy) {
            return Ok(None);
        }
        if !self.hosts.contains_key(host) {
            self.add_host(host);
        }
        let Some(state) = self.hosts.get_mut(host) else { return Ok(None) };
        match &state.robots {
            RobotsState::GivenUp(reason) => {
                let kind = reason.failure_kind();
                for dropped in self.frontier.drain(host) {
                    self.tally(host).fail(dropped.store_key().as_str(), kind);
                }
                return Ok(None);
            }
            RobotsState::Unavailable { retry_at, .. } if now < *retry_at => {
                return Ok(Some(*retry_at));
            }
            RobotsState::Unavailable { attempts, .. } => {
                let attempts = *attempts;
                let url = robots_url(self.frontier_sample_url(host).as_ref(), host);
                if let Some(state) = self.hosts.get_mut(host) {
                    state.robots = RobotsState::Pending(RobotsRequest { url, hops: 0, attempts });
                }
                return self.start_robots(host, now);
            }
            RobotsState::Pending(_) => return self.start_robots(host, now),
            RobotsState::Ready(_) => {}
        }
        while let Some(item) = self.frontier.pop(host) {
            if !self.charge(host, &item) {
                continue;
            }
            if self.reuse_if_stored(&item)? {
                continue;
            }
            let Some(state) = self.hosts.get_mut(host) else { break };
            let allowed = match &state.robots {
                RobotsState::Ready(rules) => rules.allowed(&item.url),
                _ => true,
            };
            if !allowed {
                tracing::debug!(url = %item.url, "disallowed by robots.txt");
                self.robots_refused(host, &item);
                continue;
            }
            if let Err(at) = state.limiter.try_acquire(now) {
                self.uncharge(host, &item);
                self.frontier.put_back(item);
                return Ok(Some(at));
            }
            self.start_page(host, item, now);
            return Ok(None);
        }
        Ok(None)
    }

    /// Counts a URL robots.txt refused; a seeded one (start URL, site search, search API) is
    /// also reported, site search and API once per provider.
    fn robots_refused(&mut self, host: &str, item: &FrontierItem) {
        self.tally(host).robots_blocked += 1;
        let detail = match item.kind {
            ItemKind::Search | ItemKind::SearchApi | ItemKind::SearchDescription => {
                if !self.search_blocked.insert((item.provider.clone(), item.kind)) {
                    return;
                }
                "robots.txt disallows the site search; discovery goes on through sitemaps and links"
            }
            ItemKind::Page if item.depth == 0 => {
                "robots.txt disallows this seeded URL (a start URL, or a page an earlier crawl stored)"
            }
            ItemKind::Page | ItemKind::Sitemap => return,
        };
        self.tally(host).encounter(item.url.as_str(), Encounter::RobotsBlocked, detail);
    }

    fn add_host(&mut self, host: &str) {
        let sample = self.frontier_sample_url(host);
        let provider = sample.as_ref().and_then(|item| self.providers.get(&item.provider));
        let base_interval =
            provider.map_or(Duration::from_secs(1), |p| self.config.interval_for(p));
        let robots = match sample.as_ref().map(|item| self.policy.check_url(&item.url)) {
            Some(Err(reason)) => {
                tracing::warn!(host, %reason, "host skipped");
                RobotsState::GivenUp(GiveUpReason::AddressRefused)
            }
            _ => RobotsState::Pending(RobotsRequest::first(robots_url(sample.as_ref(), host))),
        };
        let provider_id = sample.map(|item| item.provider).unwrap_or_default();
        self.tally(host).provider = provider_id;
        self.hosts.insert(host.to_owned(), HostState::new(base_interval, robots));
    }

    /// One queued item of `host` (to learn its scheme, port and provider), left in place.
    fn frontier_sample_url(&mut self, host: &str) -> Option<FrontierItem> {
        let item = self.frontier.pop(host)?;
        self.frontier.put_back(item.clone());
        Some(item)
    }

    fn start_robots(&mut self, host: &str, now: Instant) -> Result<Option<Instant>> {
        let Some(state) = self.hosts.get_mut(host) else { return Ok(None) };
        let RobotsState::Pending(asked) = &state.robots else { return Ok(None) };
        let url = asked.url.clone();
        if let Err(at) = state.limiter.try_acquire(now) {
            return Ok(Some(at));
        }
        self.mark_request(host, now);
        let fetcher = self.fetcher.clone();
        let host = host.to_owned();
        self.tasks.spawn(async move {
            let request =
                FetchRequest { url: url.clone(), kind: RequestKind::Robots, validators: None };
            let result = fetcher.fetch(request).await;
            Done::Robots { host, url, result }
        });
        Ok(None)
    }

    fn start_page(&mut self, host: &str, item: FrontierItem, now: Instant) {
        self.mark_request(host, now);
        let key = item.store_key().as_str();
        let stored_earlier = self
            .store
            .latest_fetch(key)
            .is_some_and(|fetch| fetch.crawl_run != Some(self.run_id.as_str()));
        let validators = if stored_earlier {
            self.store.validators(key).unwrap_or_else(|err| {
                tracing::warn!(url = key, error = %err, "stored validators unreadable; fetched unconditionally");
                None
            })
        } else {
            None
        };
        let kind = match item.kind {
            ItemKind::Sitemap | ItemKind::SearchDescription => RequestKind::Sitemap,
            ItemKind::SearchApi => RequestKind::Api,
            ItemKind::Page | ItemKind::Search => RequestKind::Page,
        };
        let request = FetchRequest { url: item.url.clone(), kind, validators };
        self.in_flight.insert(host.to_owned(), item.clone());
        let fetcher = self.fetcher.clone();
        self.tasks.spawn(async move {
            let result = fetcher.fetch(request).await;
            Done::Page { item, result }
        });
    }

    fn mark_request(&mut self, host: &str, now: Instant) {
        if let Some(state) = self.hosts.get_mut(host) {
            state.busy = true;
            state.first_request.get_or_insert(now);
        }
        self.tally(host).requests += 1;
    }

    /// Charges a fresh page or sitemap to the host's budget; false (and counted) when spent.
    fn charge(&mut self, host: &str, item: &FrontierItem) -> bool {
        if item.redirected_from.is_some() || item.attempt > 0 {
            return true; // the rest of a fetch already paid for
        }
        // A search API answer is a listing, like a sitemap: it names pages cheaply.
        let (charged, limit) = match item.kind {
            ItemKind::Page | ItemKind::Search => {
                (&mut self.pages_charged, self.config.max_pages_per_host)
            }
            ItemKind::Sitemap | ItemKind::SearchApi | ItemKind::SearchDescription => {
                (&mut self.sitemaps_charged, self.config.max_sitemaps_per_host)
            }
        };
        let used = charged.entry(host.to_owned()).or_default();
        if *used >= limit {
            tracing::debug!(url = %item.url, "page budget spent; not fetched");
            self.tally(host).over_budget += 1;
            return false;
        }
        *used += 1;
        true
    }

    fn uncharge(&mut self, host: &str, item: &FrontierItem) {
        uncharge(&mut self.pages_charged, &mut self.sitemaps_charged, host, item);
    }

    /// The page and sitemap charges as a checkpoint saves them. Items in flight are saved as
    /// queued, so a resumed crawl takes and charges them again: their charge is left out
    /// here, or each kill would spend a page of the budget of every host it interrupted.
    fn charges_at_rest(&self) -> (BTreeMap<String, usize>, BTreeMap<String, usize>) {
        let mut pages = self.pages_charged.clone();
        let mut sitemaps = self.sitemaps_charged.clone();
        for (host, item) in &self.in_flight {
            uncharge(&mut pages, &mut sitemaps, host, item);
        }
        (pages, sitemaps)
    }

    pub(crate) fn request_finished(&mut self, host: &str, at: Instant) {
        self.in_flight.remove(host);
        if let Some(state) = self.hosts.get_mut(host) {
            state.busy = false;
            state.limiter.response_started(at);
            state.last_response = Some(Instant::now());
        }
    }

    /// A full snapshot of the crawl state, which empties the checkpoints after the last one.
    fn save_state(&mut self, finished: bool) -> Result<()> {
        let hosts = self.tallies_with_time();
        let (pages_charged, sitemaps_charged) = self.charges_at_rest();
        let state = SnapshotView {
            run_id: &self.run_id,
            started_at: self.started_at,
            generation: self.generation + 1,
            finished,
            frontier: self.frontier.view(self.in_flight.values()),
            hosts: &hosts,
            pages_charged: &pages_charged,
            sitemaps_charged: &sitemaps_charged,
            trap_patterns: self.traps.counts(),
        };
        let bytes = state.save(&self.config.state_dir())?;
        self.generation += 1;
        self.frontier.clear_changes(self.in_flight.values().cloned());
        self.checkpoints.snapshot_written(bytes)
    }

    /// A checkpoint: what changed since the last one, or a full snapshot once the
    /// checkpoints have outgrown the last (see `state.rs`).
    fn checkpoint(&mut self) -> Result<()> {
        if self.checkpoints.wants_snapshot() {
            return self.save_state(false);
        }
        let (pages_charged, sitemaps_charged) = self.charges_at_rest();
        let checkpoint = Checkpoint {
            run_id: self.run_id.clone(),
            generation: self.generation,
            frontier: self.frontier.take_changes(self.in_flight.values().cloned()),
            hosts: self.tallies_with_time(),
            pages_charged,
            sitemaps_charged,
            trap_patterns: self.traps.counts().clone(),
        };
        self.checkpoints.append(&checkpoint)
    }

    fn tallies_with_time(&self) -> BTreeMap<String, HostSummary> {
        let mut tallies = self.tallies.clone();
        for (host, tally) in &mut tallies {
            let before = self.time_before.get(host).copied().unwrap_or_default();
            let now = self
                .hosts
                .get(host)
                .and_then(|h| Some(h.last_response?.saturating_duration_since(h.first_request?)))
                .unwrap_or_default();
            tally.time = before + now;
        }
        tallies
    }

    fn summary(&self, complete: bool, elapsed: Duration) -> CrawlSummary {
        CrawlSummary {
            run_id: self.run_id.clone(),
            started_at: self.started_at,
            finished_at: Utc::now(),
            complete,
            elapsed,
            hosts: self.tallies_with_time(),
            closed_providers: self.closed_skipped.clone(),
            peak_rss_bytes: crate::summary::peak_rss_bytes(),
        }
    }

    fn show_progress(&self) {
        let pages = self.tallies.values().map(|t| t.fetched + t.not_modified).sum();
        let errors = self.tallies.values().map(HostSummary::error_count).sum();
        self.progress.update(pages, self.in_flight.len(), self.frontier.len(), errors);
    }
}

/// `/robots.txt` on the scheme and port the host's URLs use.
fn robots_url(sample: Option<&FrontierItem>, host: &str) -> Url {
    sample
        .and_then(|item| item.url.join("/robots.txt").ok())
        .or_else(|| Url::parse(&format!("https://{host}/robots.txt")).ok())
        .expect("a host name from a parsed URL makes a valid robots.txt URL")
}

/// Gives back the charge `item` made to `host`'s budget when it was taken: none for the rest
/// of a fetch already paid for (a redirect hop, a retry).
fn uncharge(
    pages: &mut BTreeMap<String, usize>,
    sitemaps: &mut BTreeMap<String, usize>,
    host: &str,
    item: &FrontierItem,
) {
    if item.redirected_from.is_some() || item.attempt > 0 {
        return;
    }
    let charged = match item.kind {
        ItemKind::Page | ItemKind::Search => pages,
        ItemKind::Sitemap | ItemKind::SearchApi | ItemKind::SearchDescription => sitemaps,
    };
    if let Some(used) = charged.get_mut(host) {
        *used = used.saturating_sub(1);
    }
}
