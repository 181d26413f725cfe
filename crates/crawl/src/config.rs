//! What a crawl is asked to do, built with [`CrawlConfig::builder`].

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use coursemap_files::CatalogueDir;
use coursemap_seeds::Provider;

use crate::{Error, Result};

/// The user agent sent when none is configured: a product token robots.txt groups can name,
/// and a URL where a webmaster can find out who is crawling and how to reach us.
pub const DEFAULT_USER_AGENT: &str =
    "coursemap/0.1 (+https://github.com/coursemap/coursemap; course catalogue research crawler)";

/// Requests in flight at once across all hosts when none is configured.
pub const DEFAULT_CONCURRENCY: usize = 16;

/// Page fetches per host when no budget is configured.
pub const DEFAULT_MAX_PAGES_PER_HOST: usize = 500;

/// Links followed from a start URL at most, when not configured.
pub const DEFAULT_MAX_DEPTH: usize = 6;

/// Time allowed for one request, body included, when not configured.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Retries after a network error, 5xx, 408 or 429, when not configured.
pub const DEFAULT_MAX_RETRIES: u32 = 3;

/// Wait before asking again for a robots.txt that failed, when not configured.
pub const DEFAULT_ROBOTS_RETRY: Duration = Duration::from_secs(60);

/// Tries at a robots.txt that fails (5xx or no answer) before its host is given up, when
/// none is configured.
pub const DEFAULT_ROBOTS_ATTEMPTS: u32 = 3;

/// Largest body kept when none is configured (5 MiB); a longer one is skipped with a reason.
pub const DEFAULT_MAX_BODY_BYTES: usize = 5 * 1024 * 1024;

/// Everything a crawl needs; see the builder methods for the defaults.
#[derive(Debug, Clone)]
pub struct CrawlConfig {
    pub(crate) catalogue: CatalogueDir,
    pub(crate) providers: Vec<Provider>,
    pub(crate) terms: Vec<String>,
    pub(crate) resolve: HashMap<String, Vec<SocketAddr>>,
    pub(crate) root_certificates_pem: Vec<String>,
    pub(crate) rate: Option<f64>,
    pub(crate) max_pages_per_host: usize,
    pub(crate) max_sitemaps_per_host: usize,
    pub(crate) max_depth: usize,
    pub(crate) max_links_per_pattern: usize,
    pub(crate) user_agent: String,
    pub(crate) resume: bool,
    pub(crate) resolved_only: bool,
    pub(crate) concurrency: usize,
    pub(crate) connect_timeout: Duration,
    pub(crate) request_timeout: Duration,
    pub(crate) max_body_bytes: usize,
    pub(crate) max_retries: u32,
    pub(crate) retry_base: Duration,
    pub(crate) max_retry_wait: Duration,
    pub(crate) max_crawl_delay: Duration,
    pub(crate) robots_retry: Duration,
    pub(crate) robots_attempts: u32,
    pub(crate) checkpoint_interval: Duration,
    pub(crate) progress: bool,
    pub(crate) include_closed: bool,
    pub(crate) warc: bool,
    pub(crate) warc_max_file_bytes: u64,
}

impl CrawlConfig {
    /// Starts a configuration for a crawl writing into `catalogue_dir`.
    pub fn builder(catalogue_dir: impl AsRef<Path>) -> CrawlConfigBuilder {
        CrawlConfigBuilder {
            config: CrawlConfig {
                catalogue: CatalogueDir::new(catalogue_dir.as_ref()),
                providers: Vec::new(),
                terms: Vec::new(),
                resolve: HashMap::new(),
                root_certificates_pem: Vec::new(),
                rate: None,
                max_pages_per_host: DEFAULT_MAX_PAGES_PER_HOST,
                max_sitemaps_per_host: 50,
                max_depth: DEFAULT_MAX_DEPTH,
                max_links_per_pattern: crate::trap::DEFAULT_MAX_LINKS_PER_PATTERN,
                user_agent: DEFAULT_USER_AGENT.to_owned(),
                resume: false,
                resolved_only: false,
                concurrency: DEFAULT_CONCURRENCY,
                connect_timeout: Duration::from_secs(10),
                request_timeout: DEFAULT_REQUEST_TIMEOUT,
                max_body_bytes: DEFAULT_MAX_BODY_BYTES,
                max_retries: DEFAULT_MAX_RETRIES,
                retry_base: Duration::from_millis(500),
                max_retry_wait: Duration::from_secs(60),
                max_crawl_delay: Duration::from_secs(30),
                robots_retry: DEFAULT_ROBOTS_RETRY,
                robots_attempts: DEFAULT_ROBOTS_ATTEMPTS,
                checkpoint_interval: Duration::from_secs(2),
                progress: true,
                include_closed: false,
                warc: true,
                warc_max_file_bytes: coursemap_warc::DEFAULT_MAX_FILE_BYTES,
            },
        }
    }

    /// The page store directory.
    pub fn pages_dir(&self) -> PathBuf {
        self.catalogue.pages()
    }

    /// The WARC archive directory.
    pub fn warc_dir(&self) -> PathBuf {
        self.catalogue.warc()
    }

    /// The crawl state directory (frontier and seen set).
    pub fn state_dir(&self) -> PathBuf {
        self.catalogue.crawl_state()
    }

    /// Where the per-host summary is written.
    pub fn summary_path(&self) -> PathBuf {
        self.catalogue.crawl_summary()
    }

    /// The robots.txt product token: the user agent up to its first `/` or space.
    pub(crate) fn robots_agent(&self) -> &str {
        self.user_agent.split(['/', ' ']).next().unwrap_or("coursemap")
    }

    /// The interval between requests to a host of `provider` before any Crawl-delay: `--rate`
    /// wins, then the provider's own rate, then 1 request per second.
    pub(crate) fn interval_for(&self, provider: &Provider) -> Duration {
        let rate = self.rate.or(provider.rate).filter(|r| r.is_finite() && *r > 0.0).unwrap_or(1.0);
        Duration::from_secs_f64(1.0 / rate)
    }
}

/// Builds a [`CrawlConfig`]; every setting has a default except the providers.
#[derive(Debug)]
pub struct CrawlConfigBuilder {
    config: CrawlConfig,
}

impl CrawlConfigBuilder {
    /// The providers to crawl (their start URLs, sitemaps, search templates and hosts).
    pub fn providers(mut self, providers: Vec<Provider>) -> Self {
        self.config.providers = providers;
        self
    }

    /// The search terms: run through site search and used to rank links.
    pub fn terms(mut self, terms: Vec<String>) -> Self {
        self.config.terms = terms;
        self
    }

    /// Sends requests for `host` to `addr` (no DNS lookup). Such hosts may be on loopback or
    /// private addresses; nothing else may. Repeat for more hosts.
    pub fn resolve(mut self, host: impl AsRef<str>, addr: SocketAddr) -> Self {
        self.config.resolve.entry(host.as_ref().to_ascii_lowercase()).or_default().push(addr);
        self
    }

    /// Trusts only this PEM root certificate (repeatable) instead of the system's roots: for
    /// the sample web's private CA.
    pub fn root_certificate_pem(mut self, pem: String) -> Self {
        self.config.root_certificates_pem.push(pem);
        self
    }

    /// Requests per second per host for every provider, overriding the seeds (default: the
    /// provider's `rate`, else 1).
    pub fn rate(mut self, per_second: f64) -> Self {
        self.config.rate = Some(per_second);
        self
    }

    /// Page budget per host (default 500): a crawler trap cannot grow the crawl past it.
    pub fn max_pages_per_host(mut self, pages: usize) -> Self {
        self.config.max_pages_per_host = pages;
        self
    }

    /// Sitemap files fetched per host at most (default 50).
    pub fn max_sitemaps_per_host(mut self, sitemaps: usize) -> Self {
        self.config.max_sitemaps_per_host = sitemaps;
        self
    }

    /// Link depth from the start URLs beyond which links are not followed (default 6).
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.config.max_depth = depth;
        self
    }

    /// Links without relevance (no term or course word in anchor, URL or context) followed
    /// per URL pattern and host (default [`DEFAULT_MAX_LINKS_PER_PATTERN`]): what stops an
    /// events calendar from spending the page budget. See the crate docs on traps.
    ///
    /// [`DEFAULT_MAX_LINKS_PER_PATTERN`]: crate::DEFAULT_MAX_LINKS_PER_PATTERN
    pub fn max_links_per_pattern(mut self, links: usize) -> Self {
        self.config.max_links_per_pattern = links;
        self
    }

    /// The User-Agent header (default [`DEFAULT_USER_AGENT`]); its first token is the name
    /// robots.txt groups are matched against.
    pub fn user_agent(mut self, user_agent: String) -> Self {
        self.config.user_agent = user_agent;
        self
    }

    /// Continue the crawl saved in `crawl-state/` instead of starting afresh (default false).
    pub fn resume(mut self, resume: bool) -> Self {
        self.config.resume = resume;
        self
    }

    /// Skip (with a logged reason) every host without a [`resolve`](Self::resolve) override,
    /// never looking its name up: no packet can leave for an address we were not given
    /// (default false).
    pub fn resolved_only(mut self, resolved_only: bool) -> Self {
        self.config.resolved_only = resolved_only;
        self
    }

    /// Requests in flight at once across all hosts (default 16; one per host regardless).
    pub fn concurrency(mut self, requests: usize) -> Self {
        self.config.concurrency = requests;
        self
    }

    /// Time allowed to connect (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        self
    }

    /// Time allowed for a whole request, body included (default 30 s).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.config.request_timeout = timeout;
        self
    }

    /// Largest body kept, after decompression (default 5 MiB); larger ones are skipped.
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.config.max_body_bytes = bytes;
        self
    }

    /// Retries after a network error, 5xx, 408 or 429 (default 3).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.config.max_retries = retries;
        self
    }

    /// First retry back-off, doubled each time, with jitter (default 500 ms).
    pub fn retry_base(mut self, base: Duration) -> Self {
        self.config.retry_base = base;
        self
    }

    /// Longest wait for a retry, Retry-After included (default 60 s).
    pub fn max_retry_wait(mut self, wait: Duration) -> Self {
        self.config.max_retry_wait = wait;
        self
    }

    /// Longest Crawl-delay honoured; longer ones are capped with a warning (default 30 s).
    pub fn max_crawl_delay(mut self, delay: Duration) -> Self {
        self.config.max_crawl_delay = delay;
        self
    }

    /// Wait before asking again for a robots.txt that failed with 5xx or no answer
    /// (default 60 s), and how many tries before the host is given up (default 3).
    pub fn robots_retry(mut self, wait: Duration, attempts: u32) -> Self {
        self.config.robots_retry = wait;
        self.config.robots_attempts = attempts;
        self
    }

    /// How often the crawl state is saved (default 2 s).
    pub fn checkpoint_interval(mut self, interval: Duration) -> Self {
        self.config.checkpoint_interval = interval;
        self
    }

    /// Show the progress bar when stderr is a terminal (default true).
    pub fn progress(mut self, show: bool) -> Self {
        self.config.progress = show;
        self
    }

    /// Crawls providers the seeds mark `closed` too (default: skipped, and listed in the
    /// summary). For a web that models a time before they closed, such as the sample web's
    /// 2014 edition.
    pub fn include_closed(mut self, include: bool) -> Self {
        self.config.include_closed = include;
        self
    }

    /// Archive every response, with its request, as WARC in `<catalogue>/warc/` (default
    /// true). Off, the crawl keeps only the page store and page entries point at no capture.
    pub fn warc(mut self, archive: bool) -> Self {
        self.config.warc = archive;
        self
    }

    /// Start a new WARC file before one would pass this many bytes (default 1 GiB; tests
    /// set it small to see rotation).
    pub fn warc_max_file_bytes(mut self, bytes: u64) -> Self {
        self.config.warc_max_file_bytes = bytes;
        self
    }

    /// Checks the settings and returns the configuration.
    pub fn build(self) -> Result<CrawlConfig> {
        let config = self.config;
        let invalid = |reason: String| Err(Error::Config(reason));
        if let Some(rate) = config.rate
            && !(rate.is_finite() && rate > 0.0)
        {
            return invalid(format!(
                "rate must be a positive number of requests per second, not {rate}"
            ));
        }
        for provider in &config.providers {
            if let Some(rate) = provider.rate
                && !(rate.is_finite() && rate > 0.0)
            {
                return invalid(format!(
                    "provider {}: rate must be positive, not {rate}",
                    provider.id
                ));
            }
        }
        if config.concurrency == 0 {
            return invalid("concurrency must be at least 1".to_owned());
        }
        if config.max_body_bytes == 0 {
            return invalid("the body cap must be at least 1 byte".to_owned());
        }
        if config.user_agent.trim().is_empty() {
            return invalid("the user agent must not be empty".to_owned());
        }
        if config.robots_attempts == 0 {
            return invalid("robots.txt needs at least one attempt".to_owned());
        }
        Ok(config)
    }
}
