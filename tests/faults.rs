//! `coursemap crawl` against the fault web: hosts that stall, trickle, hang, reset, bomb,
//! loop, rate-limit and serve broken robots.txt, sitemaps, charsets and markup. The crawl
//! must finish, keep every good page, name a reason for every bad URL, stay polite, and keep
//! its memory bounded.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use coursemap_crawl::CrawlSummary;
use coursemap_faultweb::{AccessLogEntry, FaultWeb};

use crate::fixture::{coursemap, repo_root, runtime};

/// Requests per second per host: the spacing the access log must show.
const RATE: f64 = 10.0;
/// A ceiling far below what the hostile bodies would take if held (a 1 GiB gzip bomb, two
/// 50 MB bodies, a sitemap of a million URLs), and far above what the crawl needs.
const MEMORY_CEILING: u64 = 256 * 1024 * 1024;

#[test]
fn the_fault_web_is_crawled_to_the_end_keeping_every_good_page() {
    let web = runtime()
        .block_on(FaultWeb::builder().stall(Duration::from_secs(4)).start())
        .expect("the fault web starts");
    let dir = tempfile::tempdir().expect("tempdir");
    let providers = dir.path().join("providers.toml");
    std::fs::write(&providers, web.providers_toml()).expect("write providers");
    let catalogue = dir.path().join("catalogue");

    let mut command = coursemap();
    command
        .args(["crawl", "--resolved-only", "--rate", &RATE.to_string()])
        // Short timeouts keep the test near a minute; the default would spend 30 s on each
        // stalled request. Retries stay at the default, which the 503 bursts need.
        .args(["--timeout", "1", "--robots-retry", "0.2"])
        .arg("--seeds")
        .arg(&providers)
        .arg("--terms")
        .arg(repo_root().join("seeds/terms.txt"))
        .arg("--catalogue")
        .arg(&catalogue)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (host, addr) in web.resolve_overrides() {
        command.arg("--resolve").arg(format!("{host}={addr}"));
    }
    let started = Instant::now();
    let output = command.output().expect("the crawl runs");
    let elapsed = started.elapsed();
    let log = web.access_log();
    let good = web.good_urls();
    let bad = web.bad_urls();
    runtime().block_on(web.shutdown());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let summary: CrawlSummary = serde_json::from_slice(
        &std::fs::read(catalogue.join("crawl-summary.json")).expect("summary written"),
    )
    .expect("summary parses");
    assert!(summary.complete, "{summary}");

    let collected = collected_urls(&catalogue.join("pages"));
    let lost: Vec<&String> = good.iter().filter(|url| !collected.contains(*url)).collect();
    assert!(lost.is_empty(), "good pages not collected: {lost:?}");

    let failures: BTreeSet<(String, String)> = summary
        .hosts
        .values()
        .flat_map(|host| host.failures.iter().map(|f| (f.url.clone(), f.kind.clone())))
        .collect();
    let unexplained: Vec<&(String, &str)> = bad
        .iter()
        .filter(|(url, kind)| !failures.contains(&(url.clone(), (*kind).to_owned())))
        .collect();
    assert!(unexplained.is_empty(), "bad URLs without their reason: {unexplained:?}\n{summary}");

    assert_polite(&log);

    let peak = summary.peak_rss_bytes.expect("Linux reports the peak RSS");
    println!(
        "fault web: {} pages, {} failures, {elapsed:.1?}, peak RSS {:.1} MiB",
        summary.pages(),
        summary.errors(),
        peak as f64 / (1024.0 * 1024.0)
    );
    let mut slowest: Vec<(&String, f64, usize)> =
        summary.hosts.iter().map(|(host, s)| (host, s.time.as_secs_f64(), s.requests)).collect();
    slowest.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!("slowest hosts (host, seconds, requests): {:?}", &slowest[..3.min(slowest.len())]);
    assert!(peak < MEMORY_CEILING, "peak RSS {peak} bytes");
}

/// Every URL stored with a body, under the URL requested and the URL it landed on.
fn collected_urls(pages: &Path) -> BTreeSet<String> {
    let store = coursemap_pages::PageStore::open(pages).expect("page store opens");
    store
        .pages()
        .expect("page store lists")
        .into_iter()
        .filter(|page| page.entry.body_sha256.is_some() && !page.entry.gone)
        .flat_map(|page| [page.entry.url, page.entry.final_url])
        .collect()
}

/// Requests per host spaced by the rate; nothing robots.txt forbids; and nothing but
/// robots.txt from the host whose robots.txt never loads.
fn assert_polite(log: &[AccessLogEntry]) {
    let interval = Duration::from_secs_f64(1.0 / RATE);
    let mut starts: BTreeMap<&str, Vec<Instant>> = BTreeMap::new();
    for entry in log {
        starts.entry(entry.host.as_str()).or_default().push(entry.instant);
        // Every robots.txt but the binary one (no rule parses, so RFC 9309 allows all)
        // disallows /private/, which every home page links to.
        if !entry.host.starts_with("robots-binary.") {
            assert!(
                !entry.path.starts_with("/private/"),
                "robots.txt disallowed {}{}",
                entry.host,
                entry.path
            );
        }
        if entry.host.starts_with("robots-500.") {
            assert_eq!(entry.path, "/robots.txt", "fetched past a robots.txt that never loaded");
        }
    }
    assert!(starts.len() >= 15, "every host was visited: {:?}", starts.keys());
    for (host, starts) in &starts {
        let closest = starts.windows(2).map(|pair| pair[1] - pair[0]).min();
        if let Some(gap) = closest {
            assert!(gap >= interval, "{host}: requests {gap:?} apart, less than {interval:?}");
        }
    }
}
