//! `seeds check` against the sample web: one provider for each status, from a seeds file
//! (`tests/data/seeds_check.toml`) that keeps the mistakes the real seeds had.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;

use coursemap_crawl::{CheckStatus, CrawlConfig, UrlRole, check_seeds};
use coursemap_sampleweb::SampleWeb;
use coursemap_seeds::Seeds;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_status_is_reached_politely() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds =
        Seeds::load(&dir.join("tests/data/seeds_check.toml"), &dir.join("../../seeds/terms.txt"))
            .expect("test seeds load");
    let web = SampleWeb::builder().start().await.expect("sample web starts");
    // Nothing listens on port 1 of loopback: connections are refused.
    let refused: SocketAddr = "127.0.0.1:1".parse().expect("address");
    let mut config = CrawlConfig::builder(dir)
        .providers(seeds.providers.clone())
        .terms(seeds.terms.clone())
        .root_certificate_pem(web.ca_cert_pem())
        .rate(20.0)
        .resolved_only(true)
        .resolve("www.unreachable.ac.uk", refused)
        .progress(false);
    for (host, addr) in web.resolve_overrides() {
        config = config.resolve(&host, addr);
    }
    let checks = check_seeds(&config.build().expect("config")).await.expect("check");

    let status: BTreeMap<&str, CheckStatus> =
        checks.iter().map(|c| (c.provider.as_str(), c.status)).collect();
    assert_eq!(
        status,
        BTreeMap::from([
            ("lsbu", CheckStatus::Ok),
            ("city", CheckStatus::Moved),
            ("roehampton", CheckStatus::NotFound),
            ("kcl", CheckStatus::RobotsBlocked),
            ("ucl", CheckStatus::Challenge),
            ("nowhere", CheckStatus::Unreachable),
            ("bmj_quality", CheckStatus::Closed),
        ])
    );
    let check = |id: &str| checks.iter().find(|c| c.provider == id).expect("checked");
    assert!(
        check("city").detail.contains("www.citystgeorges.ac.uk is not allowed"),
        "{}",
        check("city").detail
    );
    assert!(check("kcl").detail.contains("/search/courses?"), "{}", check("kcl").detail);
    assert!(check("ucl").detail.contains("cf-mitigated"), "{}", check("ucl").detail);
    assert!(check("bmj_quality").urls.is_empty(), "a closed provider is not contacted");
    let lsbu_roles: Vec<UrlRole> = check("lsbu").urls.iter().map(|u| u.role).collect();
    assert!(lsbu_roles.contains(&UrlRole::SearchApi) && lsbu_roles.contains(&UrlRole::Robots));
    assert!(check("lsbu").urls.iter().all(|u| u.status == CheckStatus::Ok));

    // Politely: robots.txt first on every host, and one search term only.
    let log = web.access_log();
    assert!(!log.iter().any(|hit| hit.host == "quality.bmj.com"));
    let mut first_path: BTreeMap<&str, &str> = BTreeMap::new();
    for hit in &log {
        first_path.entry(hit.host.as_str()).or_insert(hit.path.as_str());
    }
    assert!(first_path.values().all(|p| *p == "/robots.txt"), "{first_path:?}");
    let kcl_searches =
        log.iter().filter(|h| h.host == "www.kcl.ac.uk" && h.path.starts_with("/search/")).count();
    assert_eq!(kcl_searches, 0, "a disallowed search is never requested");
    let api_calls = log.iter().filter(|h| h.path.starts_with("/s/search.json")).count();
    assert_eq!(api_calls, 1);
    web.shutdown().await;
}
