//! A crawl cut off mid-way and resumed ends with the same pages, none fetched twice; a
//! refresh revalidates with 304 and marks a 410 page gone.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use crate::support::{Reply, Server, links, never, provider, serve};
use coursemap_crawl::{CrawlConfig, CrawlConfigBuilder, crawl};
use coursemap_pages::PageStore;

const HOSTS: [&str; 2] = ["www.uwl.ac.uk", "www.gre.ac.uk"];

/// Two hosts, each a tree of pages three wide and three deep (1 + 3 + 9 + 27 = 40 pages).
async fn tree_web() -> Server {
    tree_web_answering_after(Duration::ZERO).await
}

/// [`tree_web`] with every page answered after `delay`.
async fn tree_web_answering_after(delay: Duration) -> Server {
    let server = serve().await;
    for host in HOSTS {
        server.site.page(host, "/robots.txt", Reply::text("User-agent: *\nAllow: /\n"));
        server.site.page(host, "/sitemap.xml", Reply::status(404));
        server.site.generator(host, "/", move |path| {
            let depth = path.matches('/').count() - usize::from(path == "/");
            let base = path.trim_end_matches('/');
            let children: Vec<(String, String)> = if depth < 3 {
                (0..3).map(|i| (format!("{base}/{i}"), format!("MSc course {base}/{i}"))).collect()
            } else {
                vec![("/".to_owned(), "Home".to_owned())]
            };
            let refs: Vec<(&str, &str)> =
                children.iter().map(|(h, t)| (h.as_str(), t.as_str())).collect();
            links(&format!("Page {path}"), &refs).with_etag(&format!("\"{path}\"")).after(delay)
        });
    }
    server
}

fn config(catalogue: &Path, server: &Server, resume: bool) -> CrawlConfig {
    config_checkpointing(catalogue, server, resume, Duration::from_millis(40))
}

fn config_checkpointing(
    catalogue: &Path,
    server: &Server,
    resume: bool,
    checkpoint_interval: Duration,
) -> CrawlConfig {
    builder(catalogue, server, resume, checkpoint_interval).build().expect("config")
}

fn config_with_budget(
    catalogue: &Path,
    server: &Server,
    resume: bool,
    budget: usize,
) -> CrawlConfig {
    builder(catalogue, server, resume, Duration::from_millis(40))
        .max_pages_per_host(budget)
        .build()
        .expect("config")
}

/// Both hosts as two providers, at 50 requests a second each.
fn builder(
    catalogue: &Path,
    server: &Server,
    resume: bool,
    checkpoint_interval: Duration,
) -> CrawlConfigBuilder {
    let mut builder = CrawlConfig::builder(catalogue)
        .providers(vec![provider("uwl", &[HOSTS[0]], &[]), provider("greenwich", &[HOSTS[1]], &[])])
        .rate(50.0)
        .checkpoint_interval(checkpoint_interval)
        .resume(resume)
        .resolved_only(true)
        .progress(false);
    for host in HOSTS {
        builder = builder.resolve(host, server.addr);
    }
    builder
}

fn stored_urls(catalogue: &Path) -> BTreeSet<String> {
    let store = PageStore::open(catalogue.join("pages")).expect("store");
    store.pages().expect("pages").into_iter().map(|p| p.entry.url).collect()
}

fn page_requests(server: &Server) -> Vec<String> {
    server
        .site
        .log()
        .into_iter()
        .filter(|h| h.path != "/robots.txt" && h.path != "/sitemap.xml")
        .map(|h| format!("http://{}{}", h.host, h.path))
        .collect()
}

#[tokio::test]
async fn resumed_crawl_matches_an_uninterrupted_one_without_refetching() {
    let whole_server = tree_web().await;
    let whole = tempfile::tempdir().expect("tempdir");
    let summary = crawl(config(whole.path(), &whole_server, false), never()).await.expect("crawl");
    assert!(summary.complete);
    let expected = stored_urls(whole.path());
    assert_eq!(expected.len(), 80, "40 pages per host: {expected:?}");

    for cut in [Duration::from_millis(150), Duration::from_millis(420)] {
        let server = tree_web().await;
        let catalogue = tempfile::tempdir().expect("tempdir");
        // Dropping the crawl future mid-flight, like a kill: no final save, requests cut.
        let cut_short =
            tokio::time::timeout(cut, crawl(config(catalogue.path(), &server, false), never()))
                .await;
        assert!(cut_short.is_err(), "the crawl should still have been running at {cut:?}");
        let before = stored_urls(catalogue.path());
        assert!(!before.is_empty() && before.len() < expected.len(), "{}", before.len());
        let requests_before = page_requests(&server).len();

        let summary =
            crawl(config(catalogue.path(), &server, true), never()).await.expect("resume");
        assert!(summary.complete);
        assert_eq!(stored_urls(catalogue.path()), expected);
        let after: Vec<String> = page_requests(&server).split_off(requests_before);
        let refetched: Vec<&String> = after.iter().filter(|url| before.contains(*url)).collect();
        assert!(refetched.is_empty(), "completed pages fetched again: {refetched:?}");
        // Every page was stored exactly once across both parts.
        let store = PageStore::open(catalogue.path().join("pages")).expect("store");
        let pages = store.pages().expect("pages");
        assert_eq!(summary.pages(), pages.iter().filter(|p| p.entry.body_sha256.is_some()).count());
    }
}

#[tokio::test]
async fn refresh_revalidates_with_304_and_marks_gone_pages() {
    let server = tree_web().await;
    let catalogue = tempfile::tempdir().expect("tempdir");
    let first =
        crawl(config(catalogue.path(), &server, false), never()).await.expect("first crawl");
    let first_pages = first.pages();
    assert_eq!(first_pages, 80);
    let kept_url = format!("http://{}/1/1", HOSTS[0]);
    let first_fetch = {
        let store = PageStore::open(catalogue.path().join("pages")).expect("store");
        store.latest(&kept_url).expect("readable").expect("stored").fetched_at
    };

    // A course is withdrawn between the crawls.
    server.site.page(HOSTS[0], "/1/2", Reply::status(410));
    let second = crawl(config(catalogue.path(), &server, false), never()).await.expect("refresh");
    let not_modified: usize = second.hosts.values().map(|h| h.not_modified).sum();
    let gone: usize = second.hosts.values().map(|h| h.gone).sum();
    // Every page sent an ETag; all but the withdrawn one came back 304. Its three children
    // are no longer linked, but a refresh revisits every stored page, so they are too.
    assert_eq!(not_modified, 80 - 1, "{second:#?}");
    assert_eq!(gone, 1);
    assert_eq!(second.hosts.values().map(|h| h.fetched).sum::<usize>(), 0);

    let store = PageStore::open(catalogue.path().join("pages")).expect("store");
    let withdrawn =
        store.latest(&format!("http://{}/1/2", HOSTS[0])).expect("readable").expect("entry");
    assert!(withdrawn.gone);
    assert_eq!(withdrawn.status, 410);
    let kept = store.page(&kept_url).expect("readable").expect("entry");
    assert!(kept.entry.fetched_at > first_fetch);
    assert!(kept.text().expect("body reused").contains("Page /1/1"));
}

/// One host whose home page links to an endless calendar: every month links to the next.
async fn calendar_web() -> Server {
    let server = serve().await;
    let host = HOSTS[0];
    server.site.page(host, "/robots.txt", Reply::text("User-agent: *\nAllow: /\n"));
    server.site.page(host, "/sitemap.xml", Reply::status(404));
    server.site.page(host, "/", links("Home", &[("/events?month=0", "Events")]));
    server.site.generator(host, "/events", |path| {
        let month: u32 = path.rsplit('=').next().and_then(|m| m.parse().ok()).unwrap_or(0);
        let next = format!("/events?month={}", month + 1);
        links(&format!("Events, month {month}"), &[(next.as_str(), "Next month")])
            .with_etag(&format!("\"{month}\""))
    });
    server
}

fn calendar_config(catalogue: &Path, server: &Server, resume: bool) -> CrawlConfig {
    CrawlConfig::builder(catalogue)
        .providers(vec![provider("uwl", &[HOSTS[0]], &[])])
        .rate(50.0)
        .max_depth(4)
        .resume(resume)
        .resolved_only(true)
        .resolve(HOSTS[0], server.addr)
        .progress(false)
        .build()
        .expect("config")
}

#[tokio::test]
async fn a_refresh_goes_no_deeper_into_a_crawler_trap_than_the_first_crawl() {
    let server = calendar_web().await;
    let catalogue = tempfile::tempdir().expect("tempdir");
    let config = || calendar_config(catalogue.path(), &server, false);
    crawl(config(), never()).await.expect("first crawl");
    let first = stored_urls(catalogue.path());
    // The home page (depth 0) and months 0 to 3 (depths 1 to 4).
    let months: Vec<&String> = first.iter().filter(|url| url.contains("month=")).collect();
    assert_eq!(months.len(), 4, "{first:?}");

    for refresh in 1..=2 {
        crawl(config(), never()).await.expect("refresh");
        assert_eq!(stored_urls(catalogue.path()), first, "refresh {refresh} went deeper");
    }
}

#[tokio::test]
async fn a_crawl_cut_before_its_first_checkpoint_resumes_the_same_run() {
    let server = tree_web().await;
    let catalogue = tempfile::tempdir().expect("tempdir");
    let slow_checkpoints =
        |resume| config_checkpointing(catalogue.path(), &server, resume, Duration::from_secs(3600));
    let cut_short =
        tokio::time::timeout(Duration::from_millis(300), crawl(slow_checkpoints(false), never()))
            .await;
    assert!(cut_short.is_err(), "the crawl should still have been running");
    let before = stored_urls(catalogue.path());
    assert!(!before.is_empty() && before.len() < 80, "{}", before.len());
    let requests_before = page_requests(&server).len();

    let summary = crawl(slow_checkpoints(true), never()).await.expect("resume");
    assert!(summary.complete);
    assert_eq!(stored_urls(catalogue.path()).len(), 80);
    let after: Vec<String> = page_requests(&server).split_off(requests_before);
    let refetched: Vec<&String> = after.iter().filter(|url| before.contains(*url)).collect();
    assert!(refetched.is_empty(), "completed pages fetched again: {refetched:?}");
}

/// A kill while a request is in flight costs no page of the host's budget: the checkpoint
/// saves the item as queued, and the resumed crawl charges it when it takes it again, so the
/// charge made before the kill must not be saved too. Pages answer slowly here, so a request
/// is in flight at most checkpoints; three kills then store what one uninterrupted crawl does.
#[tokio::test]
async fn kills_mid_request_cost_no_page_of_the_budget() {
    const BUDGET: usize = 12;
    let slow = Duration::from_millis(30);
    let whole_server = tree_web_answering_after(slow).await;
    let whole = tempfile::tempdir().expect("tempdir");
    let config = config_with_budget(whole.path(), &whole_server, false, BUDGET);
    assert!(crawl(config, never()).await.expect("crawl").complete);
    let expected = stored_urls(whole.path());
    assert_eq!(expected.len(), 2 * BUDGET, "the budget binds: {expected:?}");

    let server = tree_web_answering_after(slow).await;
    let catalogue = tempfile::tempdir().expect("tempdir");
    let mut kills = 0;
    for part in 0..3 {
        let config = config_with_budget(catalogue.path(), &server, part > 0, BUDGET);
        let cut = Duration::from_millis(230);
        if tokio::time::timeout(cut, crawl(config, never())).await.is_err() {
            kills += 1;
        }
    }
    assert!(kills >= 2, "the crawl should have been cut at least twice, not {kills} times");
    let config = config_with_budget(catalogue.path(), &server, true, BUDGET);
    assert!(crawl(config, never()).await.expect("resume").complete);
    assert_eq!(stored_urls(catalogue.path()), expected);
}
