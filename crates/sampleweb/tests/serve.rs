//! The server over loopback: every answer-key page under its real hostname over HTTPS, and
//! the crawler furniture (robots.txt, sitemaps, redirects, 410, 304, trap, editions).

use std::collections::BTreeSet;
use std::io::Read;

use coursemap_sampleweb::{Edition, RunningSampleWeb, SampleWeb, truth, truth_for};
use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION};

fn client(web: &RunningSampleWeb) -> reqwest::Client {
    let ca = reqwest::Certificate::from_pem(web.ca_cert_pem().as_bytes()).expect("CA PEM parses");
    let mut builder = reqwest::Client::builder()
        .tls_certs_only([ca])
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("coursemap-sampleweb-test/0.1");
    for (host, addr) in web.resolve_overrides() {
        builder = builder.resolve(&host, addr);
    }
    builder.build().expect("client builds")
}

async fn start(edition: Edition) -> RunningSampleWeb {
    SampleWeb::builder().edition(edition).start().await.expect("sample web starts")
}

async fn get(client: &reqwest::Client, url: &str) -> reqwest::Response {
    client.get(url).send().await.unwrap_or_else(|e| panic!("GET {url}: {e}"))
}

#[tokio::test]
async fn every_answer_key_page_is_served_over_https() {
    let web = start(Edition::Report2014).await;
    let client = client(&web);
    let urls: BTreeSet<String> = truth().expect("truth loads").into_iter().map(|r| r.url).collect();
    assert!(urls.len() > 150, "{} distinct URLs", urls.len());
    for url in &urls {
        let response = get(&client, url).await;
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        let body = response.text().await.expect("body");
        assert!(body.len() > 500, "{url} has a real body");
    }
    let log = web.access_log();
    assert_eq!(log.len(), urls.len());
    assert!(log.iter().all(|e| e.tls
        && e.status == 200
        && e.user_agent.as_deref() == Some("coursemap-sampleweb-test/0.1")));
    let hosts: BTreeSet<&str> = log.iter().map(|e| e.host.as_str()).collect();
    assert!(
        hosts.contains("www.lsbu.ac.uk")
            && hosts.contains("www.open.ac.uk")
            && hosts.contains("www.ihi.org")
    );
    web.shutdown().await;
}

#[tokio::test]
async fn robots_sitemaps_and_hidden_page() {
    let web = start(Edition::Report2014).await;
    let client = client(&web);
    let robots =
        get(&client, "https://www.lsbu.ac.uk/robots.txt").await.text().await.expect("robots");
    assert!(robots.contains("Disallow: /study/course/archive/"), "{robots}");
    assert!(robots.contains("Sitemap: https://www.lsbu.ac.uk/sitemap.xml"), "{robots}");
    let kcl = get(&client, "https://www.kcl.ac.uk/robots.txt").await.text().await.expect("robots");
    assert!(kcl.contains("Crawl-delay: 0.2"), "{kcl}");
    // The 46 providers' hosts, BMJ Learning's second host, the CPD portal, LSBU's search API
    // host, and City's old host.
    assert_eq!(web.hosts().len(), 50);

    // Index -> two urlsets, one gzipped; the gzipped one lists the course pages.
    let index =
        get(&client, "https://www.lsbu.ac.uk/sitemap.xml").await.text().await.expect("index");
    assert!(index.contains("<sitemapindex"), "{index}");
    let gz = get(&client, "https://www.lsbu.ac.uk/sitemap-courses.xml.gz").await;
    assert_eq!(gz.headers()["content-type"], "application/gzip");
    let bytes = gz.bytes().await.expect("gz body");
    let mut xml = String::new();
    flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut xml).expect("gunzip");
    assert!(xml.contains("<urlset"));
    let lsbu_truth: Vec<String> = truth()
        .expect("truth")
        .into_iter()
        .filter(|r| r.provider_id.as_deref() == Some("lsbu"))
        .map(|r| r.url)
        .filter(|url| url.starts_with("https://www.lsbu.ac.uk/"))
        .collect();
    assert!(lsbu_truth.len() >= 15);
    for url in &lsbu_truth {
        assert!(xml.contains(&format!("<loc>{url}</loc>")), "{url} in sitemap");
    }
    // The page behind Disallow exists (a crawler that ignores robots.txt would find it) but
    // is not in the answer key.
    let hidden = "https://www.lsbu.ac.uk/study/course/archive/msc-quality-improvement-leadership";
    assert!(xml.contains(hidden));
    assert!(!truth().expect("truth").iter().any(|r| r.url == hidden));
    let pages = get(&client, "https://www.lsbu.ac.uk/sitemap-pages.xml")
        .await
        .text()
        .await
        .expect("urlset");
    assert!(pages.contains("<loc>https://www.lsbu.ac.uk/about/</loc>"));
    web.shutdown().await;
}

#[tokio::test]
async fn redirects_gone_pdf_and_unknown_host() {
    let web = start(Edition::Report2014).await;
    let client = client(&web);
    // Trailing slash.
    let r = get(&client, "https://www.uwl.ac.uk/courses/msc-improvement-science").await;
    assert_eq!(r.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(r.headers()[LOCATION], "https://www.uwl.ac.uk/courses/msc-improvement-science/");
    // A 301 chain of two hops ending at the course.
    let mut url = "https://www.uwl.ac.uk/msc-improvement-science".to_string();
    let mut hops = 0;
    loop {
        let r = get(&client, &url).await;
        if r.status() != StatusCode::MOVED_PERMANENTLY {
            assert_eq!(r.status(), StatusCode::OK);
            break;
        }
        url = r.headers()[LOCATION].to_str().expect("location").to_string();
        hops += 1;
    }
    assert_eq!(hops, 2);
    assert_eq!(url, "https://www.uwl.ac.uk/courses/msc-improvement-science/");
    // Plain HTTP on the same port redirects to HTTPS.
    let r = get(&client, "http://www.city.ac.uk/courses/postgraduate/").await;
    assert_eq!(r.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(r.headers()[LOCATION], "https://www.city.ac.uk/courses/postgraduate/");
    // Duplicates: tracking parameters and index.html serve the same page.
    let canonical = get(&client, "https://www.uwl.ac.uk/courses/msc-improvement-science/")
        .await
        .text()
        .await
        .expect("body");
    let tracked = get(
        &client,
        "https://www.uwl.ac.uk/courses/msc-improvement-science/?utm_source=x&utm_medium=y",
    )
    .await
    .text()
    .await
    .expect("body");
    let index = get(&client, "https://www.uwl.ac.uk/courses/msc-improvement-science/index.html")
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(canonical, tracked);
    assert_eq!(canonical, index);
    // Discontinued course.
    let r = get(
        &client,
        "https://www.citystgeorges.ac.uk/courses/postgraduate/msc-clinical-governance/",
    )
    .await;
    assert_eq!(r.status(), StatusCode::GONE);
    // PDF brochure.
    let r = get(&client, "https://www.gre.ac.uk/media/postgraduate-brochure-2014.pdf").await;
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(r.bytes().await.expect("pdf").starts_with(b"%PDF-1.4"));
    // Unknown host: misdirected.
    let other = reqwest::Client::builder()
        .tls_certs_only(
            [reqwest::Certificate::from_pem(web.ca_cert_pem().as_bytes()).expect("pem")],
        )
        .resolve("www.example.org", web.addr())
        .build()
        .expect("client");
    let r = other.get("http://www.example.org/").send().await.expect("response");
    assert_eq!(r.status(), StatusCode::MISDIRECTED_REQUEST);
    web.shutdown().await;
}

#[tokio::test]
async fn access_log_file_gets_a_line_per_request() {
    let dir = std::env::temp_dir().join(format!("coursemap-sampleweb-log-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("access.log");
    let web = SampleWeb::builder().access_log_file(path.clone()).start().await.expect("starts");
    let client = client(&web);
    get(&client, "https://www.ihi.org/robots.txt").await;
    get(&client, "https://www.ihi.org/no-such-page").await;
    let log = web.access_log();
    web.shutdown().await;
    let text = std::fs::read_to_string(&path).expect("log file");
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(&lines[0][1..5], ["GET", "www.ihi.org", "/robots.txt", "200"]);
    assert_eq!(&lines[1][3..5], ["/no-such-page", "404"]);
    assert!(log[1].instant >= log[0].instant);
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[tokio::test]
async fn revalidation_gets_304() {
    let web = start(Edition::Report2014).await;
    let client = client(&web);
    let url = "https://www.lsbu.ac.uk/study/course/executive-mba";
    let first = get(&client, url).await;
    assert_eq!(first.status(), StatusCode::OK);
    let etag = first.headers()[ETAG].clone();
    let last_modified = first.headers()[LAST_MODIFIED].clone();
    let r = client.get(url).header(IF_NONE_MATCH, etag.clone()).send().await.expect("response");
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(r.headers()[ETAG], etag);
    let r =
        client.get(url).header(IF_MODIFIED_SINCE, last_modified).send().await.expect("response");
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    let r = client.get(url).header(IF_NONE_MATCH, "\"stale\"").send().await.expect("response");
    assert_eq!(r.status(), StatusCode::OK);
    web.shutdown().await;
}

#[tokio::test]
async fn calendar_trap_and_search() {
    let web = start(Edition::Report2014).await;
    let client = client(&web);
    let mut url = "https://www.ucl.ac.uk/events".to_string();
    for _ in 0..30 {
        let body = get(&client, &url).await.text().await.expect("events page");
        let next = body
            .split("href=\"")
            .filter_map(|s| s.split('"').next())
            .find(|h| h.contains("month=") && body.contains(&format!("{h}\">Next month")));
        url = format!("https://www.ucl.ac.uk{}", next.expect("a next-month link"));
    }
    assert!(url.ends_with("month=2017-04"), "{url}");
    let body = get(&client, "https://www.imperial.ac.uk/study/courses/?keywords=improvement")
        .await
        .text()
        .await
        .expect("search");
    assert!(body.contains("class=\"search-results\"") && body.contains("<li><a href="), "{body}");
    let listing = get(&client, "https://www.lsbu.ac.uk/study/course/?page=2").await;
    assert_eq!(listing.status(), StatusCode::OK);
    assert!(listing.text().await.expect("listing").contains("rel=\"prev\""));
    web.shutdown().await;
}

#[tokio::test]
async fn the_changed_edition_differs_by_three_courses() {
    let web = start(Edition::Changed).await;
    let client = client(&web);
    let old = truth().expect("2014 truth");
    let new = truth_for(Edition::Changed).expect("changed truth");
    let removed: Vec<_> = old.iter().filter(|r| !new.iter().any(|n| n.id == r.id)).collect();
    let added: Vec<_> = new.iter().filter(|r| !old.iter().any(|o| o.id == r.id)).collect();
    let changed: Vec<_> =
        new.iter().filter(|n| old.iter().any(|o| o.id == n.id && o != *n)).collect();
    assert_eq!((removed.len(), added.len(), changed.len()), (1, 1, 1));
    assert_eq!(removed[0].title, "MSc Podiatric medicine");
    assert_eq!(get(&client, &removed[0].url).await.status(), StatusCode::NOT_FOUND);
    let body = get(&client, &added[0].url).await.text().await.expect("added page");
    assert!(body.contains("MSc Quality Improvement in Health Care"));
    let body = get(&client, &changed[0].url).await.text().await.expect("changed page");
    assert!(body.contains("£7,600"), "the new fee is on the page");
    web.shutdown().await;
}

/// The structures of the real web the sample web grew from the providers' evidence: an old
/// host redirecting to a new one, a bot challenge, a soft 404, robots.txt closing a search, a
/// JavaScript finder over a JSON search API, and course pages on a shared CPD portal.
#[tokio::test]
async fn real_web_structures() {
    let web = start(Edition::Report2014).await;
    let client = client(&web);

    let r = get(&client, "https://www.city.ac.uk/prospective-students/courses/postgraduate").await;
    assert_eq!(r.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        r.headers()["location"],
        "https://www.citystgeorges.ac.uk/prospective-students/courses/postgraduate"
    );

    let r = get(&client, "https://www.ucl.ac.uk/short-courses/search-courses").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(r.headers()["cf-mitigated"], "challenge");
    assert!(r.text().await.expect("body").contains("<title>Just a moment...</title>"));

    let r = get(&client, "https://www.mdx.ac.uk/courses-and-study/msc-health-informatics/").await;
    assert_eq!(r.status(), StatusCode::OK, "a soft 404 answers 200");
    assert!(r.text().await.expect("body").contains("<h1>Page not found</h1>"));

    let robots =
        get(&client, "https://www.kcl.ac.uk/robots.txt").await.text().await.expect("robots");
    assert!(robots.contains("Disallow: /search/\n") && robots.contains("Disallow: *page=*\n"));

    let finder = get(&client, "https://www.lsbu.ac.uk/study/course-finder?query=leadership").await;
    let finder = finder.text().await.expect("finder");
    assert!(finder.contains("data-api=\"https://lsbu-search.funnelback.squiz.cloud/s/search.json"));
    let course_links: Vec<&str> = finder
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| {
            href.strip_prefix("/study/course/")
                .is_some_and(|slug| !slug.is_empty() && !slug.starts_with('?'))
        })
        .collect();
    assert!(course_links.is_empty(), "the finder's HTML links to no course: {course_links:?}");
    let api = "https://lsbu-search.funnelback.squiz.cloud/s/search.json?collection=lsbu~sp-courses-meta&query=Evidence-based%20practice";
    let r = get(&client, api).await;
    assert_eq!(r.headers()["content-type"], "application/json");
    let json: serde_json::Value =
        serde_json::from_str(&r.text().await.expect("body")).expect("JSON");
    let urls: Vec<&str> = json["response"]["resultPacket"]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|hit| hit["liveUrl"].as_str())
        .collect();
    assert!(urls.contains(&"https://applycpd.com/LSBU/courses/118342"), "{urls:?}");
    assert!(urls.iter().any(|u| u.starts_with("https://www.lsbu.ac.uk/study/course/")), "{urls:?}");
    let r = get(&client, "https://applycpd.com/LSBU/courses/118211").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.expect("body").contains("Facilitating Change in the Workplace"));

    let r = get(&client, "https://www.roehampton.ac.uk/postgraduate-courses/").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "the old finder is gone");
    let r = get(&client, "https://www.roehampton.ac.uk/study/postgraduate-taught-courses/").await;
    assert_eq!(r.status(), StatusCode::OK);
    web.shutdown().await;
}
