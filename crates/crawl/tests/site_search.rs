//! A provider seeded with its home page alone is searched through the search its home page
//! advertises: a search form, or an OpenSearch description. A seeded template wins, and a
//! discovered search obeys robots.txt like a seeded one.

use coursemap_crawl::{CrawlConfig, Encounter, crawl};
use coursemap_seeds::Provider;

use crate::support::{Reply, links, never, provider, serve};

const FORM_HOST: &str = "www.uwl.ac.uk";
const OPENSEARCH_HOST: &str = "www.lsbu.ac.uk";
const SEEDED_HOST: &str = "www.kcl.ac.uk";
const BLOCKED_HOST: &str = "www.roehampton.ac.uk";

#[tokio::test]
async fn home_page_search_forms_and_opensearch_descriptions_are_searched() {
    let server = serve().await;
    let site = &server.site;
    let form = r#"<html><body><div role="search"><form action="/search">
        <input type="hidden" name="collection" value="pg"><input name="q" type="text">
        </form></div><p>Welcome.</p></body></html>"#;
    site.page(FORM_HOST, "/", Reply::html(form));
    site.page(
        FORM_HOST,
        "/search?collection=pg&q=Improvement%20Science",
        links("Results", &[("/course/msc-improvement-science", "MSc Improvement Science")]),
    );
    site.page(FORM_HOST, "/course/msc-improvement-science", links("MSc", &[]));

    let described = r#"<html><head><link rel="search" href="/opensearch.xml"
        type="application/opensearchdescription+xml" title="LSBU"></head><body>Hello</body></html>"#;
    site.page(OPENSEARCH_HOST, "/", Reply::html(described));
    site.page(
        OPENSEARCH_HOST,
        "/opensearch.xml",
        Reply::text(
            r#"<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/"><ShortName>LSBU</ShortName>
            <Url type="text/html" template="http://www.lsbu.ac.uk/find?words={searchTerms}&amp;p={startPage?}"/>
            </OpenSearchDescription>"#,
        )
        .header("content-type", "application/opensearchdescription+xml"),
    );
    // Asked for with its query in the crawler's canonical (sorted) order.
    site.page(
        OPENSEARCH_HOST,
        "/find?p=&words=Improvement%20Science",
        links("Results", &[("/course/pgcert-improvement-science", "PGCert Improvement Science")]),
    );
    site.page(OPENSEARCH_HOST, "/course/pgcert-improvement-science", links("PGCert", &[]));

    // Seeded search: the home page's own form is not used as well.
    site.page(SEEDED_HOST, "/", Reply::html(form));
    site.page(
        SEEDED_HOST,
        "/seeded?term=Improvement%20Science",
        links("Results", &[("/course/seeded-result", "Seeded result")]),
    );
    site.page(SEEDED_HOST, "/course/seeded-result", links("Course", &[]));

    // Found, but disallowed: reported once, never fetched.
    site.page(BLOCKED_HOST, "/robots.txt", Reply::text("User-agent: *\nDisallow: /search\n"));
    site.page(BLOCKED_HOST, "/", Reply::html(form));

    let seeded = Provider {
        search: Some(format!("http://{SEEDED_HOST}/seeded?term={{term}}")),
        ..provider("kcl", &[SEEDED_HOST], &[])
    };
    let catalogue = tempfile::tempdir().expect("tempdir");
    let mut config = CrawlConfig::builder(catalogue.path())
        .providers(vec![
            provider("uwl", &[FORM_HOST], &[]),
            provider("lsbu", &[OPENSEARCH_HOST], &[]),
            seeded,
            provider("roehampton", &[BLOCKED_HOST], &[]),
        ])
        .terms(vec!["Improvement Science".to_owned()])
        .rate(50.0)
        .resolved_only(true)
        .progress(false);
    for host in [FORM_HOST, OPENSEARCH_HOST, SEEDED_HOST, BLOCKED_HOST] {
        config = config.resolve(host, server.addr);
    }
    let summary = crawl(config.build().expect("config"), never()).await.expect("crawl");
    assert!(summary.complete);

    let paths = |host: &str| {
        let mut paths = site.paths(host);
        paths.retain(|p| p != "/robots.txt" && p != "/sitemap.xml");
        paths.sort();
        paths
    };
    assert_eq!(
        paths(FORM_HOST),
        ["/", "/course/msc-improvement-science", "/search?collection=pg&q=Improvement%20Science"]
    );
    assert_eq!(
        paths(OPENSEARCH_HOST),
        [
            "/",
            "/course/pgcert-improvement-science",
            "/find?p=&words=Improvement%20Science",
            "/opensearch.xml"
        ]
    );
    assert_eq!(
        paths(SEEDED_HOST),
        ["/", "/course/seeded-result", "/seeded?term=Improvement%20Science"]
    );
    assert_eq!(paths(BLOCKED_HOST), ["/"]);
    // The description is read, not stored as a page.
    assert_eq!(summary.hosts[OPENSEARCH_HOST].fetched, 3, "{:?}", summary.hosts[OPENSEARCH_HOST]);
    let blocked = &summary.hosts[BLOCKED_HOST];
    assert_eq!(blocked.encounters.get(&Encounter::RobotsBlocked), Some(&1), "{blocked:?}");
    assert_eq!(
        blocked.encountered[0].url,
        format!("http://{BLOCKED_HOST}/search?collection=pg&q=Improvement%20Science")
    );
}
