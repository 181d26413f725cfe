//! Crawls a generated web shaped like the UK's universities (`GeneratedWeb::national`: about
//! 450 hosts of 200 to 2,000 pages, three of 20,000 with 50,000-URL sitemaps, 1% of course
//! pages on the terms, a site search on every home page) with the default page budget, and
//! prints, in one run:
//!
//! - wall time against the politeness bound (max over hosts of (requests - 1) x interval);
//! - the process's peak RSS (VmHWM; the web is served from this process too, but renders
//!   every page from its number and holds none);
//! - the checkpoints: bytes written to `crawl-state/` (snapshots and appended change sets,
//!   sampled every 200 ms), against the largest snapshot times the checkpoints taken (one
//!   per 2 s interval), which is what they cost when each checkpoint was a full snapshot;
//! - the needles: the share of on-term course pages fetched within the budget, and the
//!   pages spent per needle found.
//!
//! `COURSEMAP_BENCH_HOSTS` (default 450) and `COURSEMAP_BENCH_RATE` (requests per second per
//! host, default 2) size it. Run with `cargo bench -p coursemap-crawl --bench national`.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use coursemap_crawl::{CrawlConfig, crawl};
use coursemap_faultweb::GeneratedWeb;
use coursemap_files::CatalogueDir;
use coursemap_pages::PageStore;
use coursemap_seeds::{parse_providers, parse_terms};

/// The allocator the `coursemap` binary runs on, so peak RSS here is what a crawl costs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_number(name: &str, default: f64) -> f64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let hosts = env_number("COURSEMAP_BENCH_HOSTS", 450.0) as usize;
    let rate = env_number("COURSEMAP_BENCH_RATE", 2.0);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let terms_path = root.join("seeds/terms.txt");
    let terms_text = std::fs::read_to_string(&terms_path).expect("seeds/terms.txt");
    let terms = parse_terms(&terms_text, &terms_path).expect("terms parse");

    let web = GeneratedWeb::builder().national().hosts(hosts).start().await.expect("web starts");
    let providers_toml = web.providers_toml();
    let providers = parse_providers(&providers_toml, Path::new("generated.toml")).expect("seeds");
    let sizes = web.host_pages();
    println!(
        "web: {} hosts, {} linked pages (smallest {}, largest {}), {} needles",
        sizes.len(),
        sizes.iter().sum::<usize>(),
        sizes.iter().min().copied().unwrap_or(0),
        sizes.iter().max().copied().unwrap_or(0),
        web.needle_urls().len()
    );

    let catalogue = tempfile::tempdir().expect("tempdir");
    let mut config = CrawlConfig::builder(catalogue.path())
        .providers(providers)
        .terms(terms)
        .rate(rate)
        .resolved_only(true)
        .progress(false);
    for (host, addr) in web.resolve_overrides() {
        config = config.resolve(&host, addr);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = tokio::spawn(sample_checkpoints(
        CatalogueDir::new(catalogue.path()).crawl_state(),
        stop.clone(),
    ));
    let started = Instant::now();
    let summary =
        crawl(config.build().expect("config"), std::future::pending()).await.expect("crawl");
    let wall = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let written = sampler.await.expect("the sampler ends");
    let peak_rss_kib = peak_rss_kib();

    let mut per_host: BTreeMap<String, usize> = BTreeMap::new();
    for entry in &web.access_log() {
        *per_host.entry(entry.host.clone()).or_default() += 1;
    }
    let interval = Duration::from_secs_f64(1.0 / rate);
    let busiest = per_host.values().copied().max().unwrap_or(0);
    let bound = interval * u32::try_from(busiest.saturating_sub(1)).unwrap_or(u32::MAX);
    let requests: usize = per_host.values().sum();

    let layout = CatalogueDir::new(catalogue.path());
    let store = PageStore::open(layout.pages()).expect("page store");
    let stored: HashSet<String> = store
        .pages()
        .expect("pages")
        .into_iter()
        .filter(|page| page.entry.body_sha256.is_some())
        .map(|page| page.entry.url)
        .collect();
    let needles = web.needle_urls();
    let found = needles.iter().filter(|url| stored.contains(url.as_str())).count();

    println!(
        "requests: {requests}, pages stored: {}, complete: {}",
        stored.len(),
        summary.complete
    );
    println!(
        "wall time: {:.1}s; politeness bound: {:.1}s (busiest host {busiest} requests at {rate}/s); ratio {:.3}x (goal <= 1.05x)",
        wall.as_secs_f64(),
        bound.as_secs_f64(),
        wall.as_secs_f64() / bound.as_secs_f64().max(f64::EPSILON)
    );
    println!("peak RSS: {:.1} MiB (goal <= 300 MiB)", peak_rss_kib as f64 / 1024.0);
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    let intervals = (wall.as_secs_f64() / 2.0).floor() as u64;
    println!(
        "checkpoints: {:.1} MiB written in all ({} snapshots, the largest {:.1} MiB); as full snapshots every 2 s: {:.1} MiB ({:.2}x)",
        mib(written.bytes),
        written.snapshots,
        mib(written.largest_snapshot),
        mib(written.largest_snapshot * intervals),
        written.bytes as f64 / (written.largest_snapshot * intervals).max(1) as f64
    );
    println!(
        "needles: {found} of {} fetched ({:.1}%); {:.1} pages fetched per needle found",
        needles.len(),
        100.0 * found as f64 / needles.len().max(1) as f64,
        stored.len() as f64 / found.max(1) as f64
    );
    web.shutdown().await;
}

/// Bytes written to the crawl state directory, as sampled.
#[derive(Debug, Default, Clone, Copy)]
struct CheckpointBytes {
    bytes: u64,
    snapshots: usize,
    largest_snapshot: u64,
}

/// Samples `crawl-state/` every 200 ms until `stop`: a snapshot counts whole each time
/// `state.json` changes, the file of change sets by what it grew.
async fn sample_checkpoints(dir: PathBuf, stop: Arc<AtomicBool>) -> CheckpointBytes {
    let mut written = CheckpointBytes::default();
    let mut last_snapshot = None;
    let mut last_appended = 0;
    loop {
        let finishing = stop.load(Ordering::Relaxed);
        if let Ok(meta) = std::fs::metadata(dir.join("state.json")) {
            let stamp = (meta.modified().ok(), meta.len());
            if last_snapshot != Some(stamp) {
                last_snapshot = Some(stamp);
                written.snapshots += 1;
                written.bytes += meta.len();
                written.largest_snapshot = written.largest_snapshot.max(meta.len());
            }
        }
        let appended = std::fs::metadata(dir.join("checkpoints.jsonl")).map_or(0, |m| m.len());
        // Grown since the last sample; emptied by a snapshot and grown again: all of it new.
        written.bytes +=
            if appended >= last_appended { appended - last_appended } else { appended };
        last_appended = appended;
        if finishing {
            return written;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The process's peak resident set (VmHWM), in KiB; 0 where /proc is not there.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                line.strip_prefix("VmHWM:")?.trim().strip_suffix("kB")?.trim().parse().ok()
            })
        })
        .unwrap_or(0)
}
