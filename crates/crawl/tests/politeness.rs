//! Politeness against a loopback server: robots.txt, scope, spacing, Crawl-delay, safety.

use std::time::Duration;

use crate::support::{Reply, links, never, provider, serve};
use coursemap_crawl::{CrawlConfig, crawl};
use coursemap_pages::PageStore;

const UWL: &str = "www.uwl.ac.uk";
const LSBU: &str = "www.lsbu.ac.uk";

#[tokio::test]
async fn robots_scope_spacing_and_crawl_delay_hold() {
    let server = serve().await;
    let site = &server.site;
    site.page(UWL, "/robots.txt", Reply::text(
        "User-agent: *\nDisallow: /\n\nUser-agent: coursemap\nDisallow: /private\nAllow: /private/open\n\
         Disallow: /*.pdf$\nDisallow: /search*term=\nSitemap: http://www.uwl.ac.uk/courses-sitemap.xml\n",
    ));
    site.page(
        UWL,
        "/courses-sitemap.xml",
        Reply::text(
            "<urlset><url><loc>http://www.uwl.ac.uk/course/msc-from-sitemap</loc></url></urlset>",
        )
        .header("content-type", "application/xml"),
    );
    site.page(
        UWL,
        "/",
        links(
            "UWL",
            &[
                ("/course/msc-quality-improvement?utm_source=home#fees", "MSc Quality Improvement"),
                ("/course/msc-quality-improvement", "same page again"),
                ("/private/staff", "Staff"),
                ("/private/open/day", "Open day"),
                ("/files/prospectus.pdf", "Prospectus"),
                ("/files/brochure.pdf?v=2", "Brochure"),
                ("/search?x=1&term=quality", "Search"),
                ("http://www.ucl.ac.uk/elsewhere", "UCL"),
                ("http://cdn.uwl.ac.uk/asset", "CDN, in scope but not resolved"),
                (&format!("http://127.0.0.1:{}/admin", server.addr.port()), "Admin"),
            ],
        ),
    );
    for path in ["/course/msc-quality-improvement", "/course/msc-from-sitemap", "/private/open/day"]
    {
        site.page(UWL, path, links("Course", &[("/", "Home")]));
    }
    site.page(
        UWL,
        "/files/brochure.pdf?v=2",
        Reply::status(200).header("content-type", "application/pdf"),
    );
    // The Crawl-delay host: 0.3 s asked, against 0.05 s from the rate.
    site.page(LSBU, "/robots.txt", Reply::text("User-agent: *\nCrawl-delay: 0.3\n"));
    site.page(LSBU, "/", links("LSBU", &[("/a", "MSc A"), ("/b", "MSc B"), ("/c", "MSc C")]));
    for path in ["/a", "/b", "/c"] {
        site.page(LSBU, path, links("Course", &[]));
    }

    let catalogue = tempfile::tempdir().expect("tempdir");
    let config = CrawlConfig::builder(catalogue.path())
        .providers(vec![
            provider("uwl", &[UWL, "cdn.uwl.ac.uk"], &[]),
            provider("lsbu", &[LSBU], &[]),
        ])
        .terms(vec!["Improvement Science".to_owned()])
        .resolve(UWL, server.addr)
        .resolve(LSBU, server.addr)
        .rate(20.0)
        .resolved_only(true)
        .progress(false)
        .build()
        .expect("config");
    let summary = crawl(config, never()).await.expect("crawl");
    assert!(summary.complete);

    let mut uwl = site.paths(UWL);
    uwl.sort();
    assert_eq!(
        uwl,
        [
            "/",
            "/course/msc-from-sitemap",
            "/course/msc-quality-improvement",
            "/courses-sitemap.xml",
            "/files/brochure.pdf?v=2",
            "/private/open/day",
            "/robots.txt",
            "/sitemap.xml",
        ]
    );
    // Nothing but our two hosts was ever asked for (the 127.0.0.1 literal, UCL and the
    // unresolved CDN host never saw a request).
    assert!(site.log().iter().all(|hit| hit.host == UWL || hit.host == LSBU), "{:?}", site.log());

    let min_uwl = site.min_gap(UWL).expect("several requests");
    assert!(min_uwl >= Duration::from_millis(50), "uwl gap {min_uwl:?}");
    let min_lsbu = site.min_gap(LSBU).expect("several requests");
    assert!(min_lsbu >= Duration::from_millis(300), "lsbu gap {min_lsbu:?}");

    let host = &summary.hosts[UWL];
    assert_eq!(host.robots_blocked, 3, "{host:?}");
    assert_eq!(host.fetched, 5, "{host:?}"); // 4 pages and the sitemap
    assert_eq!(host.not_stored, 1, "{host:?}");
    // UCL and the 127.0.0.1 literal: recorded, never requested.
    assert_eq!(host.out_of_scope, 2, "{host:?}");
    assert_eq!(
        host.out_of_scope_sample,
        [
            "http://www.ucl.ac.uk/elsewhere".to_owned(),
            format!("http://127.0.0.1:{}/admin", server.addr.port()),
        ]
    );
    assert_eq!(summary.hosts["cdn.uwl.ac.uk"].errors.get("address_refused"), Some(&1));
    assert!(!summary.hosts.contains_key("127.0.0.1"));

    let store = PageStore::open(catalogue.path().join("pages")).expect("store");
    let pdf = store
        .latest("http://www.uwl.ac.uk/files/brochure.pdf?v=2")
        .expect("readable")
        .expect("pdf recorded");
    assert_eq!(pdf.body_sha256, None);
    assert!(pdf.note.as_deref().unwrap_or_default().contains("application/pdf"));
    let page = store
        .page("http://www.uwl.ac.uk/course/msc-quality-improvement")
        .expect("readable")
        .expect("stored");
    assert!(page.text().expect("text").contains("<h1>Course</h1>"));
    let written: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(catalogue.path().join("crawl-summary.json"))
            .expect("summary file"),
    )
    .expect("json");
    assert_eq!(written["hosts"][UWL]["robots_blocked"], 3);
}

#[tokio::test]
async fn private_addresses_are_refused_without_an_override() {
    let server = serve().await;
    server.site.page("localhost", "/", Reply::html("<p>internal</p>"));
    let port = server.addr.port();
    let catalogue = tempfile::tempdir().expect("tempdir");
    // `localhost` resolves through the hosts file (no packet leaves the machine) to
    // loopback, which the resolver must refuse; the literal is refused before any request.
    let mut local = provider("local", &["localhost"], &[&format!("http://localhost:{port}/")]);
    local.homepage = url::Url::parse(&format!("http://localhost:{port}/")).expect("url");
    let mut literal = provider("literal", &["127.0.0.1"], &[]);
    literal.homepage = url::Url::parse(&format!("http://127.0.0.1:{port}/")).expect("url");
    let config = CrawlConfig::builder(catalogue.path())
        .providers(vec![local, literal])
        .rate(20.0)
        .max_retries(0)
        .robots_retry(Duration::from_millis(10), 1)
        .progress(false)
        .build()
        .expect("config");
    let summary = crawl(config, never()).await.expect("crawl");
    assert!(server.site.log().is_empty(), "{:?}", server.site.log());
    assert_eq!(summary.hosts["127.0.0.1"].errors.get("address_refused"), Some(&1), "{summary:#?}");
    assert_eq!(
        summary.hosts["localhost"].errors.get("robots_unavailable"),
        Some(&1),
        "{summary:#?}"
    );
}

/// With the budget for one page after the home page, the link under the provider's
/// `course_paths` is the one fetched, though its anchor and URL say nothing of courses.
#[tokio::test]
async fn course_paths_go_first_within_the_budget() {
    let server = serve().await;
    let site = &server.site;
    site.page(UWL, "/robots.txt", Reply::text("User-agent: *\nAllow: /\n"));
    site.page(
        UWL,
        "/",
        links(
            "UWL",
            &[("/news/one", "News one"), ("/p/x7", "Read more"), ("/news/two", "News two")],
        ),
    );
    for path in ["/news/one", "/p/x7", "/news/two"] {
        site.page(UWL, path, links("Page", &[]));
    }
    let mut uwl = provider("uwl", &[UWL], &[]);
    uwl.course_paths = vec!["/p/".parse().expect("pattern")];
    let catalogue = tempfile::tempdir().expect("tempdir");
    let config = CrawlConfig::builder(catalogue.path())
        .providers(vec![uwl])
        .terms(vec!["Improvement Science".to_owned()])
        .resolve(UWL, server.addr)
        .rate(50.0)
        .max_pages_per_host(2)
        .resolved_only(true)
        .progress(false)
        .build()
        .expect("config");
    let summary = crawl(config, never()).await.expect("crawl");
    assert_eq!(summary.hosts[UWL].fetched, 2, "the home page and one more");
    let pages: Vec<String> = site
        .paths(UWL)
        .into_iter()
        .filter(|p| !p.ends_with(".txt") && !p.ends_with(".xml"))
        .collect();
    assert_eq!(pages, ["/", "/p/x7"]);
}
