//! `coursemap crawl`: fetch every page that may describe a relevant course or fellowship
//! into `<catalogue>/pages/`, politely and resumably.

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use coursemap_crawl::{CrawlConfig, CrawlConfigBuilder};

use crate::cmd::seeds_args::SeedsArgs;
use crate::usage_bail;

#[derive(Debug, Args)]
pub struct CrawlArgs {
    #[command(flatten)]
    pub seeds: SeedsArgs,
    /// The catalogue directory; pages go to `pages/`, state to `crawl-state/`.
    #[arg(long, default_value = "index")]
    pub catalogue: PathBuf,
    /// Send requests for HOST to ADDR (IP:PORT) without looking it up; repeatable. Only
    /// such hosts may be on private or loopback addresses.
    #[arg(long, value_name = "HOST=ADDR")]
    pub resolve: Vec<String>,
    /// Trust this PEM root certificate (only it) for TLS, e.g. the sample web's CA.
    #[arg(long, value_name = "PEMFILE")]
    pub ca_cert: Option<PathBuf>,
    /// Requests per second per host, overriding the seeds (default: the provider's rate, else 1).
    #[arg(long, value_name = "PER_SECOND")]
    pub rate: Option<f64>,
    /// Page budget per host.
    #[arg(long, value_name = "N", default_value_t = coursemap_crawl::DEFAULT_MAX_PAGES_PER_HOST)]
    pub max_pages_per_host: usize,
    /// Links followed from a start URL at most.
    #[arg(long, value_name = "N", default_value_t = coursemap_crawl::DEFAULT_MAX_DEPTH)]
    pub max_depth: usize,
    /// Links without relevance (no search term or course word near them) followed per URL
    /// pattern and host: what stops an events calendar from spending the page budget.
    #[arg(long, value_name = "N", default_value_t = coursemap_crawl::DEFAULT_MAX_LINKS_PER_PATTERN)]
    pub max_links_per_pattern: usize,
    /// Continue the crawl saved in `<catalogue>/crawl-state/`.
    #[arg(long)]
    pub resume: bool,
    /// Skip hosts without a --resolve address, never looking them up.
    #[arg(long)]
    pub resolved_only: bool,
    /// Crawl providers the seeds mark `closed` too (by default they are skipped and listed).
    #[arg(long)]
    pub include_closed: bool,
    /// Seconds allowed for one request, body included.
    #[arg(long, value_name = "SECONDS", default_value_t = coursemap_crawl::DEFAULT_REQUEST_TIMEOUT.as_secs_f64())]
    pub timeout: f64,
    /// Retries after a network error, a 5xx, a 408 or a 429.
    #[arg(long, value_name = "N", default_value_t = coursemap_crawl::DEFAULT_MAX_RETRIES)]
    pub retries: u32,
    /// Seconds to wait before asking again for a robots.txt that failed (a host is given up
    /// after three failures; until then nothing else is fetched from it).
    #[arg(long, value_name = "SECONDS", default_value_t = coursemap_crawl::DEFAULT_ROBOTS_RETRY.as_secs_f64())]
    pub robots_retry: f64,
    /// The User-Agent header; its first token is the name robots.txt groups are matched
    /// against. Say who is crawling and how to reach them.
    #[arg(long, value_name = "TEXT", default_value = coursemap_crawl::DEFAULT_USER_AGENT)]
    pub user_agent: String,
    /// Requests in flight at once across all hosts (still one at a time per host).
    #[arg(long, value_name = "N", default_value_t = coursemap_crawl::DEFAULT_CONCURRENCY)]
    pub concurrency: usize,
    /// Largest body kept, in bytes; a longer one is skipped and recorded as `body_too_large`.
    #[arg(long, value_name = "BYTES", default_value_t = coursemap_crawl::DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
    /// Keep no WARC archive (`<catalogue>/warc/`): only the page store, which is all the
    /// catalogue is built from. Records then carry no `archived` pointer.
    #[arg(long)]
    pub no_warc: bool,
}

/// `value` seconds as a `Duration`, or a usage error naming `flag`.
/// Applies `--resolve`, `--ca-cert` and `--rate`, which `crawl` and `seeds check` share.
pub fn network_options(
    mut config: CrawlConfigBuilder,
    resolve: &[String],
    ca_cert: Option<&Path>,
    rate: Option<f64>,
) -> anyhow::Result<CrawlConfigBuilder> {
    for resolve in resolve {
        let Some((host, addr)) = resolve.split_once('=') else {
            usage_bail!(
                "--resolve {resolve}: expected HOST=ADDR, e.g. www.uwl.ac.uk=127.0.0.1:8443"
            );
        };
        let Ok(addr) = addr.parse::<SocketAddr>() else {
            usage_bail!("--resolve {resolve}: `{addr}` is not an IP:PORT address");
        };
        config = config.resolve(host, addr);
    }
    if let Some(path) = ca_cert {
        let pem = std::fs::read_to_string(path)
            .with_context(|| format!("reading the CA certificate {}", path.display()))?;
        config = config.root_certificate_pem(pem);
    }
    if let Some(rate) = rate {
        if !(rate.is_finite() && rate > 0.0) {
            usage_bail!("--rate {rate}: must be a positive number of requests per second");
        }
        config = config.rate(rate);
    }
    Ok(config)
}

fn seconds(flag: &str, value: f64) -> anyhow::Result<Duration> {
    match Duration::try_from_secs_f64(value) {
        Ok(duration) if !duration.is_zero() => Ok(duration),
        _ => usage_bail!("{flag} {value}: must be a positive number of seconds"),
    }
}

pub async fn run(args: CrawlArgs, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
    let seeds = args.seeds.load()?;
    let mut config = CrawlConfig::builder(&args.catalogue)
        .providers(seeds.providers)
        .terms(seeds.terms)
        .max_pages_per_host(args.max_pages_per_host)
        .max_depth(args.max_depth)
        .max_links_per_pattern(args.max_links_per_pattern)
        .resume(args.resume)
        .resolved_only(args.resolved_only)
        .include_closed(args.include_closed)
        .request_timeout(seconds("--timeout", args.timeout)?)
        .max_retries(args.retries)
        .robots_retry(
            seconds("--robots-retry", args.robots_retry)?,
            coursemap_crawl::DEFAULT_ROBOTS_ATTEMPTS,
        )
        .user_agent(args.user_agent)
        .concurrency(args.concurrency)
        .max_body_bytes(args.max_body_bytes)
        .warc(!args.no_warc);
    config = network_options(config, &args.resolve, args.ca_cert.as_deref(), args.rate)?;
    let config = match config.build() {
        Ok(config) => config,
        Err(err) => usage_bail!("{err}"),
    };
    let summary_path = config.summary_path();
    let summary = coursemap_crawl::crawl(config, shutdown).await.context("crawling")?;
    println!("{summary}");
    println!("summary written to {}", summary_path.display());
    Ok(())
}
