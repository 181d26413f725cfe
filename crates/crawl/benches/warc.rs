//! What the WARC archive costs: bytes of WARC per page against the page store's bytes per
//! page, and the crawl of the sample web with and without the archive, side by side in one
//! run (alternating, so drift in the machine's load falls on both). The crawl runs at a rate
//! high enough that politeness spacing is not the whole of its time; the time spent writing
//! the archive is also measured alone, by archiving every stored page again.
//!
//! Run with `cargo bench -p coursemap-crawl --bench warc`.

use std::path::Path;
use std::time::{Duration, Instant};

use coursemap_crawl::{CrawlConfig, crawl};
use coursemap_files::CatalogueDir;
use coursemap_pages::PageStore;
use coursemap_sampleweb::{RunningSampleWeb, SampleWeb};
use coursemap_seeds::Seeds;
use coursemap_warc::{Exchange, WarcOptions, WarcWriter, request_head, response_head, warc_files};

/// Requests per second per host: high, so the crawl's own work shows beside the spacing.
const RATE: f64 = 200.0;
/// Crawls of each kind.
const ROUNDS: usize = 3;

#[tokio::main]
async fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seeds = Seeds::load(&root.join("seeds/providers.toml"), &root.join("seeds/terms.txt"))
        .expect("the repository's seeds load");
    let web = SampleWeb::builder().start().await.expect("sample web starts");

    let mut with = Vec::new();
    let mut without = Vec::new();
    let mut sizes = None;
    for round in 0..ROUNDS {
        // Alternate which goes first.
        for archive in if round % 2 == 0 { [true, false] } else { [false, true] } {
            let dir = tempfile::tempdir().expect("tempdir");
            let (wall, pages) = crawl_once(&web, &seeds, dir.path(), archive).await;
            if archive {
                with.push(wall);
                sizes.get_or_insert_with(|| Sizes::of(&CatalogueDir::new(dir.path()), pages));
            } else {
                without.push(wall);
            }
        }
    }
    let sizes = sizes.expect("measured");
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (with_median, without_median) = (median(&mut with), median(&mut without));
    println!(
        "sample web, {} stored pages, {RATE} requests/s per host, {ROUNDS} crawls each",
        sizes.pages
    );
    println!("{:<34} {:>12} {:>12}", "", "with WARC", "without");
    println!(
        "{:<34} {:>12.2} {:>12.2}",
        "crawl wall time, median (s)",
        with_median.as_secs_f64(),
        without_median.as_secs_f64()
    );
    println!("{:<34} {:>12?} {:>12?}", "all crawls (s)", secs(&with), secs(&without));
    println!("{:<34} {:>12} {:>12}", "WARC bytes per page", sizes.warc_bytes / sizes.pages, "-");
    println!(
        "{:<34} {:>12} {:>12}",
        "page store bytes per page",
        sizes.store_bytes / sizes.pages,
        sizes.store_bytes / sizes.pages
    );
    println!(
        "{:<34} {:>12} {:>12}",
        "WARC records (files)",
        format!("{} ({})", sizes.warc_records, sizes.warc_files),
        "-"
    );

    // The archive's own cost: every stored page archived again, alone.
    let dir = tempfile::tempdir().expect("tempdir");
    let crawled = tempfile::tempdir().expect("tempdir");
    crawl_once(&web, &seeds, crawled.path(), false).await;
    let (elapsed, pages) = archive_again(&CatalogueDir::new(crawled.path()), dir.path());
    println!(
        "archiving {pages} pages alone: {:.1} ms ({:.0} us a page)",
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_secs_f64() * 1e6 / pages.max(1) as f64
    );
    web.shutdown().await;
}

fn secs(times: &[Duration]) -> Vec<String> {
    times.iter().map(|t| format!("{:.2}", t.as_secs_f64())).collect()
}

async fn crawl_once(
    web: &RunningSampleWeb,
    seeds: &Seeds,
    dir: &Path,
    archive: bool,
) -> (Duration, u64) {
    let mut config = CrawlConfig::builder(dir)
        .providers(seeds.providers.clone())
        .terms(seeds.terms.clone())
        .root_certificate_pem(web.ca_cert_pem())
        .rate(RATE)
        .resolved_only(true)
        .include_closed(true)
        .warc(archive)
        .progress(false);
    for (host, addr) in web.resolve_overrides() {
        config = config.resolve(&host, addr);
    }
    let config = config.build().expect("config");
    let started = Instant::now();
    let summary = crawl(config, std::future::pending()).await.expect("crawl");
    let pages = summary.hosts.values().map(|h| h.fetched as u64).sum();
    (started.elapsed(), pages)
}

struct Sizes {
    pages: u64,
    warc_bytes: u64,
    warc_records: u64,
    warc_files: usize,
    store_bytes: u64,
}

impl Sizes {
    fn of(catalogue: &CatalogueDir, pages: u64) -> Self {
        let files = warc_files(&catalogue.warc()).expect("listed");
        let warc_bytes = files.iter().map(|f| std::fs::metadata(f).map_or(0, |m| m.len())).sum();
        let warc_records = files
            .iter()
            .map(|f| coursemap_warc::read_records(f).map_or(0, |r| r.len() as u64))
            .sum();
        Sizes {
            pages: pages.max(1),
            warc_bytes,
            warc_records,
            warc_files: files.len(),
            store_bytes: dir_bytes(&catalogue.pages()),
        }
    }
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| match entry.file_type() {
                    Ok(kind) if kind.is_dir() => dir_bytes(&entry.path()),
                    _ => entry.metadata().map_or(0, |m| m.len()),
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Archives every stored page of `catalogue` into a new archive in `into`, as the crawler
/// would have: the writing alone, timed.
fn archive_again(catalogue: &CatalogueDir, into: &Path) -> (Duration, usize) {
    let pages: Vec<_> = PageStore::scan_dir(catalogue.pages())
        .expect("scans")
        .pages
        .into_iter()
        .filter_map(|page| page.body().ok().map(|body| (page.entry, body)))
        .collect();
    let started = Instant::now();
    let mut writer = WarcWriter::open(into, WarcOptions::default()).expect("opens");
    for (entry, body) in &pages {
        let request = request_head("GET", "/", &[("Host".to_owned(), "example".to_owned())]);
        let head = response_head(entry.status, "OK", &entry.headers, body.len());
        let exchange = Exchange {
            target_uri: &entry.final_url,
            date: entry.fetched_at,
            ip: None,
            request: &request,
            response_head: &head,
            body,
            truncated: None,
        };
        writer.write_exchange(&exchange).expect("written");
    }
    writer.sync().expect("synced");
    (started.elapsed(), pages.len())
}
