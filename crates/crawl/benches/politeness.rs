//! Crawls the sample web at 20 requests/s per host and prints the wall time as a ratio to
//! the politeness lower bound: max over hosts of (N_h - 1) x interval_h, where N_h is the
//! requests host h received and interval_h its spacing (50 ms, or its Crawl-delay if
//! longer). A ratio near 1 means the hosts ran in parallel with no idle waiting.
//!
//! Run with `cargo bench -p coursemap-crawl --bench politeness`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use coursemap_crawl::{CrawlConfig, crawl};
use coursemap_sampleweb::{Edition, SampleWeb, rendered_pages};
use coursemap_seeds::Seeds;

const RATE: f64 = 20.0;

#[tokio::main]
async fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seeds = Seeds::load(&root.join("seeds/providers.toml"), &root.join("seeds/terms.txt"))
        .expect("the repository's seeds load");
    let web = SampleWeb::builder().start().await.expect("sample web starts");
    let delays = crawl_delays();

    let catalogue = tempfile::tempdir().expect("tempdir");
    let mut config = CrawlConfig::builder(catalogue.path())
        .providers(seeds.providers)
        .terms(seeds.terms)
        .root_certificate_pem(web.ca_cert_pem())
        .rate(RATE)
        .resolved_only(true)
        .include_closed(true)
        .progress(false);
    for (host, addr) in web.resolve_overrides() {
        config = config.resolve(&host, addr);
    }
    let config = config.build().expect("config");
    let started = Instant::now();
    let summary = crawl(config, std::future::pending()).await.expect("crawl");
    let wall = started.elapsed();

    let mut per_host: BTreeMap<String, Vec<Instant>> = BTreeMap::new();
    for entry in &web.access_log() {
        per_host.entry(entry.host.clone()).or_default().push(entry.instant);
    }
    let base = Duration::from_secs_f64(1.0 / RATE);
    let mut bound = Duration::ZERO;
    let mut bound_host = String::new();
    let mut violations = 0;
    println!(
        "{:<36} {:>8} {:>10} {:>12} {:>12}",
        "host", "requests", "interval", "lower bound", "min gap"
    );
    for (host, times) in &per_host {
        let interval = delays.get(host).copied().unwrap_or(Duration::ZERO).max(base);
        let host_bound =
            interval * u32::try_from(times.len().saturating_sub(1)).unwrap_or(u32::MAX);
        let min_gap = times.windows(2).map(|w| w[1] - w[0]).min();
        if min_gap.is_some_and(|gap| gap < interval) {
            violations += 1;
        }
        if host_bound > bound {
            bound = host_bound;
            bound_host = host.clone();
        }
        println!(
            "{host:<36} {:>8} {:>8.0}ms {:>11.2}s {:>10}",
            times.len(),
            interval.as_secs_f64() * 1000.0,
            host_bound.as_secs_f64(),
            min_gap.map_or("-".to_owned(), |g| format!("{:.1}ms", g.as_secs_f64() * 1000.0))
        );
    }
    let requests: usize = per_host.values().map(Vec::len).sum();
    println!();
    println!(
        "pages stored or reused: {}, requests: {requests}, hosts: {}",
        summary.pages(),
        per_host.len()
    );
    println!("hosts with a gap below their interval: {violations}");
    println!("lower bound: {:.2}s ({bound_host})", bound.as_secs_f64());
    println!("wall time:   {:.2}s", wall.as_secs_f64());
    println!(
        "ratio:       {:.3}x (goal <= 1.2x)",
        wall.as_secs_f64() / bound.as_secs_f64().max(f64::EPSILON)
    );
    web.shutdown().await;
}

/// Each host's Crawl-delay for our agent, from the sample web's own robots.txt files.
fn crawl_delays() -> BTreeMap<String, Duration> {
    rendered_pages(Edition::Report2014)
        .expect("sample web pages")
        .into_iter()
        .filter(|page| page.url.ends_with("/robots.txt"))
        .filter_map(|page| {
            let host = url::Url::parse(&page.url).ok()?.host_str()?.to_owned();
            let robot = texting_robots::Robot::new("coursemap", &page.body).ok()?;
            Some((host, Duration::try_from_secs_f32(robot.delay?).ok()?))
        })
        .collect()
}
