//! The whole sample web, crawled at 20 requests/s per host: every course page of the answer
//! key fetched exactly once, robots.txt and scope never broken, spacing kept.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::Duration;

use coursemap_crawl::{CrawlConfig, Encounter, crawl};
use coursemap_pages::PageStore;
use coursemap_sampleweb::{Edition, RunningSampleWeb, SampleWeb, rendered_pages, truth};
use coursemap_seeds::Seeds;
use texting_robots::Robot;

/// The crawl of the whole sample web at 20 requests/s per host, loopback only.
fn config(catalogue: &Path, web: &RunningSampleWeb, seeds: &Seeds) -> CrawlConfig {
    let mut config = CrawlConfig::builder(catalogue)
        .providers(seeds.providers.clone())
        .terms(seeds.terms.clone())
        .root_certificate_pem(web.ca_cert_pem())
        .rate(20.0)
        .resolved_only(true)
        // The 2014 edition is the web before BMJ Quality and King's Improvement Science closed.
        .include_closed(true)
        .progress(false);
    for (host, addr) in web.resolve_overrides() {
        config = config.resolve(&host, addr);
    }
    config.build().expect("config")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawls_the_sample_web_completely_and_politely() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seeds = Seeds::load(&root.join("seeds/providers.toml"), &root.join("seeds/terms.txt"))
        .expect("the repository's seeds load");
    let web = SampleWeb::builder().start().await.expect("sample web starts");
    let catalogue = tempfile::tempdir().expect("tempdir");
    let summary =
        crawl(config(catalogue.path(), &web, &seeds), std::future::pending()).await.expect("crawl");
    assert!(summary.complete);
    // The sample web has no dead links: its one withdrawn course answers 410 and its one
    // soft 404 answers 200; both are counted as gone, not as errors.
    let failures: Vec<_> = summary.hosts.values().flat_map(|h| &h.failures).collect();
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(summary.hosts.values().map(|h| h.gone).sum::<usize>(), 2);

    // Each real-web structure is met where the sample web has it, and said so.
    let met = |host: &str, kind: Encounter| -> Vec<(String, String)> {
        let host = summary.hosts.get(host).unwrap_or_else(|| panic!("{host} crawled"));
        host.encountered
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| (e.url.clone(), e.detail.clone()))
            .collect()
    };
    let moved = met("www.sgul.ac.uk", Encounter::Moved);
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(moved[0].0, "https://www.sgul.ac.uk/study/courses");
    assert!(
        moved[0].1.contains("www.citystgeorges.ac.uk") && moved[0].1.contains("provider city's"),
        "{moved:?}"
    );
    let challenges = met("www.ucl.ac.uk", Encounter::Challenge);
    assert!(
        !challenges.is_empty()
            && challenges
                .iter()
                .all(|(url, _)| url
                    .starts_with("https://www.ucl.ac.uk/short-courses/search-courses")),
        "{challenges:?}"
    );
    assert!(summary.hosts["www.ucl.ac.uk"].challenged());
    let soft = met("www.mdx.ac.uk", Encounter::Soft404);
    assert_eq!(
        soft.iter().map(|(u, _)| u.as_str()).collect::<Vec<_>>(),
        ["https://www.mdx.ac.uk/courses-and-study/msc-health-informatics/"]
    );
    let blocked = met("www.kcl.ac.uk", Encounter::RobotsBlocked);
    assert_eq!(blocked.len(), 1, "the blocked search is reported once: {blocked:?}");
    assert!(blocked[0].0.starts_with("https://www.kcl.ac.uk/search/courses?"), "{blocked:?}");
    for kind in
        [Encounter::Moved, Encounter::Challenge, Encounter::Soft404, Encounter::RobotsBlocked]
    {
        assert_eq!(
            summary.encounters(kind),
            summary
                .hosts
                .values()
                .map(|h| h.encounters.get(&kind).copied().unwrap_or(0))
                .sum::<usize>()
        );
    }
    let log = web.access_log();

    // Every course page of the answer key is in the store.
    let store = PageStore::open(catalogue.path().join("pages")).expect("store");
    let pages = store.pages().expect("pages");
    let stored: HashSet<&str> = pages
        .iter()
        .filter(|p| p.entry.body_sha256.is_some())
        .flat_map(|p| [p.entry.url.as_str(), p.entry.final_url.as_str()])
        .collect();
    let key = truth().expect("answer key");
    let missing: Vec<&str> =
        key.iter().map(|r| r.url.as_str()).filter(|url| !stored.contains(url)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} answer-key pages missing: {missing:?}",
        missing.len(),
        key.len()
    );

    // Exactly once: no URL was requested twice.
    let mut requested: BTreeMap<(String, String), usize> = BTreeMap::new();
    for hit in &log {
        *requested.entry((hit.host.clone(), hit.path.clone())).or_default() += 1;
    }
    let twice: Vec<_> = requested.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "{twice:?}");

    // Never out of scope, never against robots.txt.
    let robots: BTreeMap<String, Robot> = rendered_pages(Edition::Report2014)
        .expect("pages")
        .into_iter()
        .filter(|p| p.url.ends_with("/robots.txt"))
        .filter_map(|p| {
            let host = url::Url::parse(&p.url).ok()?.host_str()?.to_owned();
            Some((host, Robot::new("coursemap", &p.body).ok()?))
        })
        .collect();
    for hit in &log {
        let url = url::Url::parse(&format!("https://{}{}", hit.host, hit.path)).expect("URL");
        assert!(
            hit.path == "/robots.txt" || seeds.provider_for_url(&url).is_some(),
            "out of scope: {url}"
        );
        let rules = robots.get(&hit.host).expect("every host has robots.txt");
        assert!(rules.allowed(&hit.path), "robots.txt broken: {}{}", hit.host, hit.path);
    }

    // Spacing, with the Crawl-delay host slower as asked.
    let mut times: BTreeMap<&str, Vec<std::time::Instant>> = BTreeMap::new();
    for hit in &log {
        times.entry(hit.host.as_str()).or_default().push(hit.instant);
    }
    for (host, times) in &times {
        let delay = robots.get(*host).and_then(|r| r.delay).map(Duration::from_secs_f32);
        let interval = delay.unwrap_or_default().max(Duration::from_millis(50));
        let min_gap = times.windows(2).map(|w| w[1] - w[0]).min().expect("several requests");
        assert!(min_gap >= interval, "{host}: {min_gap:?} < {interval:?}");
    }
    assert!(robots.values().any(|r| r.delay.is_some()), "the sample web has a Crawl-delay host");

    // The calendar trap stayed within the budget (500 pages per host by default).
    let busiest = times.values().map(Vec::len).max().unwrap_or_default();
    assert!(busiest < 500 + 10, "{busiest}");
    let with_validators: Vec<String> = pages
        .iter()
        .filter(|p| p.entry.body_sha256.is_some() && !p.entry.validators().is_empty())
        .map(|p| p.entry.url.clone())
        .collect();
    assert!(!with_validators.is_empty());
    drop(store);

    // A second crawl of the unchanged web: 304 for every page that sent validators, and the
    // withdrawn (410) page marked gone.
    let second = crawl(config(catalogue.path(), &web, &seeds), std::future::pending())
        .await
        .expect("refresh");
    let store = PageStore::open(catalogue.path().join("pages")).expect("store");
    for url in &with_validators {
        let entry = store.latest(url).expect("readable").expect("still there");
        assert_eq!(entry.note.as_deref(), Some("revalidated: 304 Not Modified"), "{url}");
    }
    let not_modified: usize = second.hosts.values().map(|h| h.not_modified).sum();
    assert!(not_modified >= with_validators.len());
    let gone: Vec<_> = store
        .pages()
        .expect("pages")
        .into_iter()
        .filter(|p| p.entry.gone)
        .map(|p| p.entry)
        .collect();
    assert!(
        !gone.is_empty()
            && gone.iter().all(|e| e.status == 410
                || e.status == 404
                || e.note.as_deref().is_some_and(|n| n.starts_with("soft 404"))),
        "{gone:?}"
    );
    web.shutdown().await;
}

/// Providers the seeds mark closed are not crawled (unless asked), and the summary says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_providers_are_skipped_and_listed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut seeds = Seeds::load(&root.join("seeds/providers.toml"), &root.join("seeds/terms.txt"))
        .expect("the repository's seeds load");
    seeds.providers.retain(|p| ["bmj_quality", "kis", "saasoft"].contains(&p.id.as_str()));
    let web = SampleWeb::builder().start().await.expect("sample web starts");
    let catalogue = tempfile::tempdir().expect("tempdir");
    let mut config = CrawlConfig::builder(catalogue.path())
        .providers(seeds.providers.clone())
        .terms(seeds.terms.clone())
        .root_certificate_pem(web.ca_cert_pem())
        .rate(20.0)
        .resolved_only(true)
        .progress(false);
    for (host, addr) in web.resolve_overrides() {
        config = config.resolve(&host, addr);
    }
    let summary =
        crawl(config.build().expect("config"), std::future::pending()).await.expect("crawl");
    let closed: Vec<(&str, &str)> =
        summary.closed_providers.iter().map(|c| (c.provider.as_str(), c.closed.as_str())).collect();
    assert_eq!(closed, [("bmj_quality", "2017-12"), ("kis", "2025-09")]);
    let hosts: HashSet<String> = web.access_log().into_iter().map(|hit| hit.host).collect();
    assert_eq!(hosts, HashSet::from(["www.improvementscience.net".to_owned()]));
    assert!(summary.to_string().contains("provider bmj_quality not crawled: closed 2017-12"));
    web.shutdown().await;
}
