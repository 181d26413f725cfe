//! Rude and broken servers: retries, Retry-After, a body cap, redirects, a crawler trap.

use std::time::Duration;

use crate::support::{Reply, links, never, provider, serve};
use coursemap_crawl::{CrawlConfig, CrawlConfigBuilder, crawl};
use coursemap_pages::PageStore;

const HOST: &str = "www.kcl.ac.uk";

/// A crawl of KCL alone on `server`, loopback only and quiet; tests add their own limits.
fn kcl_only(catalogue: &std::path::Path, server: &crate::support::Server) -> CrawlConfigBuilder {
    CrawlConfig::builder(catalogue)
        .providers(vec![provider("kcl", &[HOST], &[])])
        .resolve(HOST, server.addr)
        .resolved_only(true)
        .progress(false)
}

#[tokio::test]
async fn retries_back_off_and_honour_retry_after() {
    let server = serve().await;
    let site = &server.site;
    site.page(HOST, "/robots.txt", Reply::status(404));
    site.page(
        HOST,
        "/",
        links("KCL", &[("/busy", "MSc busy"), ("/flaky", "MSc flaky"), ("/down", "MSc down")]),
    );
    site.route(
        HOST,
        "/busy",
        vec![Reply::status(429).header("retry-after", "1"), links("Busy course", &[])],
    );
    site.route(
        HOST,
        "/flaky",
        vec![Reply::status(503), Reply::status(502), links("Flaky course", &[])],
    );
    site.page(HOST, "/down", Reply::status(500));

    let catalogue = tempfile::tempdir().expect("tempdir");
    let config = kcl_only(catalogue.path(), &server)
        .rate(20.0)
        .retry_base(Duration::from_millis(20))
        .max_retries(2)
        .build()
        .expect("config");
    let summary = crawl(config, never()).await.expect("crawl");

    let log = site.log();
    let busy: Vec<_> = log.iter().filter(|h| h.path == "/busy").map(|h| h.at).collect();
    assert_eq!(busy.len(), 2);
    assert!(
        busy[1] - busy[0] >= Duration::from_secs(1),
        "Retry-After ignored: {:?}",
        busy[1] - busy[0]
    );
    assert_eq!(log.iter().filter(|h| h.path == "/flaky").count(), 3);
    assert_eq!(log.iter().filter(|h| h.path == "/down").count(), 3, "first try and two retries");

    let host = &summary.hosts[HOST];
    assert_eq!(host.errors.get("http_500"), Some(&1), "{host:?}");
    assert_eq!(host.retries, 1 + 2 + 2);
    let store = PageStore::open(catalogue.path().join("pages")).expect("store");
    for path in ["/busy", "/flaky"] {
        let page = store
            .page(&format!("http://{HOST}{path}"))
            .expect("readable")
            .expect("stored after retries");
        assert_eq!(page.entry.status, 200);
    }
    assert!(store.latest(&format!("http://{HOST}/down")).expect("readable").is_none());
}

#[tokio::test]
async fn body_cap_redirects_and_trap_are_bounded() {
    let server = serve().await;
    let site = &server.site;
    site.page(HOST, "/robots.txt", Reply::text("User-agent: *\nDisallow: /secret\n"));
    site.page(
        HOST,
        "/",
        links(
            "KCL",
            &[
                ("/huge", "MSc huge"),
                ("/old", "MSc moved"),
                ("/to-secret", "MSc to a disallowed path"),
                ("/away", "MSc moved away"),
                ("/loop-a", "MSc loop"),
                ("/circle-a", "MSc circle"),
                ("/calendar/0", "Events"),
            ],
        ),
    );
    site.page(HOST, "/huge", Reply::html(format!("<p>{}</p>", "x".repeat(50_000))));
    site.page(HOST, "/old", Reply::redirect("/new/"));
    site.page(HOST, "/new/", links("New course page", &[]));
    site.page(HOST, "/to-secret", Reply::redirect("/secret/page"));
    site.page(HOST, "/away", Reply::redirect("http://www.example.org/x"));
    site.page(HOST, "/loop-a", Reply::redirect("/loop-b"));
    site.page(HOST, "/loop-b", Reply::redirect("/loop-a?again=1"));
    site.generator(HOST, "/loop-a?again=", |path| {
        let n: u32 = path.rsplit('=').next().and_then(|n| n.parse().ok()).unwrap_or(0);
        Reply::redirect(&format!("/loop-a?again={}", n + 1))
    });
    // A loop back to where it started: recorded as such after one round.
    site.page(HOST, "/circle-a", Reply::redirect("/circle-b"));
    site.page(HOST, "/circle-b", Reply::redirect("/circle-c"));
    site.page(HOST, "/circle-c", Reply::redirect("/circle-a"));
    // An endless calendar: every day links to the next.
    site.generator(HOST, "/calendar/", |path| {
        let day: u64 = path.rsplit('/').next().and_then(|d| d.parse().ok()).unwrap_or(0);
        links("Calendar", &[(&format!("/calendar/{}", day + 1), "next day")])
    });

    let catalogue = tempfile::tempdir().expect("tempdir");
    let config = kcl_only(catalogue.path(), &server)
        .rate(50.0)
        .max_body_bytes(10_000)
        .max_pages_per_host(25)
        .max_depth(1_000)
        .build()
        .expect("config");
    let summary = crawl(config, never()).await.expect("crawl");
    let paths = site.paths(HOST);
    let host = &summary.hosts[HOST];

    assert!(!paths.iter().any(|p| p.starts_with("/secret")), "{paths:?}");
    assert!(site.log().iter().all(|h| h.host == HOST));
    assert_eq!(host.errors.get("body_too_large"), Some(&1), "{host:?}");
    assert_eq!(host.errors.get("too_many_redirects"), Some(&1), "{host:?}");
    assert_eq!(host.errors.get("redirect_loop"), Some(&1), "{host:?}");
    assert_eq!(paths.iter().filter(|p| p.starts_with("/circle-")).count(), 3, "{paths:?}");
    assert_eq!(host.robots_blocked, 1);
    // A redirect off the provider's hosts is not followed, and is reported as moved.
    assert!(host.out_of_scope_sample.is_empty(), "{host:?}");
    let moved: Vec<(&str, &str)> = host
        .encountered
        .iter()
        .filter(|e| e.kind == coursemap_crawl::Encounter::Moved)
        .map(|e| (e.url.as_str(), e.detail.as_str()))
        .collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert!(moved[0].0.ends_with("/away"), "{moved:?}");
    assert!(
        moved[0].1.starts_with("to http://www.example.org/x: host www.example.org is not among"),
        "{moved:?}"
    );
    // The loop: the first hop and ten redirects followed, then given up.
    assert_eq!(paths.iter().filter(|p| p.starts_with("/loop-")).count(), 11, "{paths:?}");
    // The trap is cut by the budget: 25 pages charged (robots.txt and /sitemap.xml apart).
    let calendar = paths.iter().filter(|p| p.starts_with("/calendar/")).count();
    assert!(calendar < 25, "{calendar}");
    assert!(host.over_budget >= 1, "{host:?}");
    // Redirect hops belong to the fetch that was charged; robots.txt and sitemaps are apart.
    let charged = paths
        .iter()
        .filter(|p| {
            !matches!(
                p.as_str(),
                "/robots.txt" | "/sitemap.xml" | "/new/" | "/loop-b" | "/circle-b" | "/circle-c"
            )
        })
        .filter(|p| !p.starts_with("/loop-a?"))
        .count();
    assert_eq!(charged, 25, "{paths:?}");

    let store = PageStore::open(catalogue.path().join("pages")).expect("store");
    let moved = store
        .page(&format!("http://{HOST}/old"))
        .expect("readable")
        .expect("stored under the URL asked for");
    assert_eq!(moved.entry.final_url, format!("http://{HOST}/new/"));
    assert!(moved.text().expect("text").contains("New course page"));
    let huge = store.latest(&format!("http://{HOST}/huge")).expect("readable").expect("recorded");
    assert!(
        huge.body_sha256.is_none() && huge.note.as_deref().unwrap_or_default().contains("10000")
    );
}

#[tokio::test]
async fn unavailable_robots_txt_holds_the_host_until_it_answers() {
    let server = serve().await;
    let site = &server.site;
    site.route(
        HOST,
        "/robots.txt",
        vec![
            Reply::status(503),
            Reply::status(500),
            Reply::text("User-agent: *\nDisallow: /private\n"),
        ],
    );
    site.page(HOST, "/", links("KCL", &[("/private/x", "Private"), ("/course", "MSc course")]));
    site.page(HOST, "/course", links("Course", &[]));
    // A second host whose robots.txt never recovers: given up, nothing else asked of it.
    site.page("www.sgul.ac.uk", "/robots.txt", Reply::status(502));

    let catalogue = tempfile::tempdir().expect("tempdir");
    let config = CrawlConfig::builder(catalogue.path())
        .providers(vec![provider("kcl", &[HOST], &[]), provider("sgul", &["www.sgul.ac.uk"], &[])])
        .resolve(HOST, server.addr)
        .resolve("www.sgul.ac.uk", server.addr)
        .rate(50.0)
        .robots_retry(Duration::from_millis(150), 3)
        .resolved_only(true)
        .progress(false)
        .build()
        .expect("config");
    let summary = crawl(config, never()).await.expect("crawl");

    let paths = site.paths(HOST);
    assert_eq!(&paths[..3], ["/robots.txt", "/robots.txt", "/robots.txt"], "{paths:?}");
    let log = site.log();
    let robots_times: Vec<_> =
        log.iter().filter(|h| h.host == HOST && h.path == "/robots.txt").map(|h| h.at).collect();
    assert!(robots_times[1] - robots_times[0] >= Duration::from_millis(150));
    assert!(
        paths.contains(&"/course".to_owned()) && !paths.iter().any(|p| p.starts_with("/private"))
    );
    assert_eq!(site.paths("www.sgul.ac.uk"), ["/robots.txt", "/robots.txt", "/robots.txt"]);
    assert_eq!(summary.hosts["www.sgul.ac.uk"].errors.get("robots_unavailable"), Some(&1));
    assert_eq!(summary.hosts[HOST].robots_blocked, 1);
}

/// An events calendar without end is cut by its URL pattern's quota long before the budget,
/// while 30 course pages sharing one pattern are all fetched: their links are relevant.
/// Self-repeating and over-deep paths are never requested.
#[tokio::test]
async fn trap_rules_cut_a_calendar_and_pathological_paths_but_not_course_pages() {
    let server = serve().await;
    let site = &server.site;
    site.page(HOST, "/robots.txt", Reply::status(404));
    let courses: Vec<(String, String)> = (1..=30)
        .map(|n| (format!("/course/{n}"), format!("MSc Improvement Science {n}")))
        .collect();
    let deep: String = (0..=coursemap_crawl::MAX_PATH_SEGMENTS).map(|n| format!("/d{n}")).collect();
    let mut home: Vec<(&str, &str)> =
        courses.iter().map(|(href, text)| (href.as_str(), text.as_str())).collect();
    home.extend([
        ("/events/2026/0", "What's on"),
        ("/a/b/a/b/a/b", "Resources"),
        (deep.as_str(), "Archive"),
    ]);
    site.page(HOST, "/", links("KCL", &home));
    site.generator(HOST, "/course/", |_| links("A course page", &[]));
    site.generator(HOST, "/events/", |path| {
        let parts: Vec<u32> = path.split('/').filter_map(|p| p.parse().ok()).collect();
        match parts.as_slice() {
            [year, month] => {
                let next = format!("/events/{year}/{}", month + 1);
                let day = format!("/events/{year}/{month}/1");
                links("Events", &[(next.as_str(), "Next month"), (day.as_str(), "1")])
            }
            _ => links("Events of the day", &[]),
        }
    });

    let catalogue = tempfile::tempdir().expect("tempdir");
    let quota = 5;
    let config = kcl_only(catalogue.path(), &server)
        .rate(100.0)
        .max_pages_per_host(500)
        .max_depth(1_000)
        .max_links_per_pattern(quota)
        .build()
        .expect("config");
    let summary = crawl(config, never()).await.expect("crawl");
    let paths = site.paths(HOST);
    let host = &summary.hosts[HOST];

    for (href, _) in &courses {
        assert!(paths.contains(href), "{href} not fetched: {paths:?}");
    }
    let depth_of = |p: &&String| p.trim_start_matches("/events/").split('/').count();
    let months = paths.iter().filter(|p| p.starts_with("/events/")).filter(|p| depth_of(p) == 2);
    assert_eq!(months.count(), quota, "{paths:?}");
    let days = paths.iter().filter(|p| p.starts_with("/events/")).filter(|p| depth_of(p) == 3);
    assert_eq!(days.count(), quota, "{paths:?}");
    assert!(!paths.iter().any(|p| p.starts_with("/a/") || p.starts_with("/d0")), "{paths:?}");
    assert_eq!(host.traps.get("repeated_segment"), Some(&1), "{host:?}");
    assert_eq!(host.traps.get("deep_path"), Some(&1), "{host:?}");
    assert!(host.traps.get("pattern_quota").is_some_and(|n| *n >= 1), "{host:?}");
    let next_month = format!("http://{HOST}/events/2026/{quota}");
    assert!(host.trap_sample.iter().any(|s| s.url == next_month && s.kind == "pattern_quota"));
    assert_eq!(host.over_budget, 0, "the budget was never reached: {host:?}");
}
