//! The generated web is what the benchmark says it is: every page reachable by links and
//! listed in the sitemap, robots.txt disallowing what pages link to, duplicate URLs, and an
//! access log file the benchmark script can read.

use std::collections::{BTreeSet, VecDeque};

use coursemap_faultweb::{GeneratedWeb, RunningGeneratedWeb};
use reqwest::{Client, StatusCode};

fn client(web: &RunningGeneratedWeb) -> Client {
    let mut builder = Client::builder().no_proxy().redirect(reqwest::redirect::Policy::none());
    for (host, addr) in web.resolve_overrides() {
        assert!(addr.ip().is_loopback());
        builder = builder.resolve(&host, addr);
    }
    builder.build().expect("client")
}

async fn text(client: &Client, url: &str) -> (StatusCode, String) {
    let response = client.get(url).send().await.unwrap_or_else(|e| panic!("GET {url}: {e}"));
    (response.status(), response.text().await.expect("text"))
}

fn hrefs(page: &str) -> Vec<String> {
    page.split("href=\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_owned).collect()
}

#[tokio::test]
async fn links_reach_every_page_and_the_sitemap_lists_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log_path = dir.path().join("access.tsv");
    let web = GeneratedWeb::builder()
        .hosts(3)
        .pages_per_host(47)
        .access_log_file(log_path.clone())
        .start()
        .await
        .expect("start");
    assert_eq!(web.hosts(), ["www.uni-01.ac.uk", "www.uni-02.ac.uk", "www.uni-03.ac.uk"]);
    assert_eq!(web.pages_per_host(), 47);
    let client = client(&web);
    let good: BTreeSet<String> = web.good_urls().into_iter().collect();
    assert_eq!(good.len(), 3 * 47);

    // A breadth-first crawl from each home page: in-host links, query strings dropped,
    // robots.txt's /private/ skipped.
    let mut collected = BTreeSet::new();
    let (mut duplicates, mut disallowed, mut external) = (0, 0, 0);
    for host in web.hosts() {
        let (status, robots) = text(&client, &format!("http://{host}/robots.txt")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            robots.contains("Disallow: /private/")
                && robots.contains(&format!("Sitemap: http://{host}/sitemap.xml"))
        );
        let mut queue = VecDeque::from([format!("http://{host}/")]);
        while let Some(url) = queue.pop_front() {
            if !collected.insert(url.clone()) {
                continue;
            }
            let (status, page) = text(&client, &url).await;
            assert_eq!(status, StatusCode::OK, "{url}");
            for link in hrefs(&page) {
                if link.starts_with("http") {
                    external += 1;
                    continue;
                }
                if link.starts_with("/private/") {
                    disallowed += 1;
                    continue;
                }
                let (path, query) = link.split_once('?').unwrap_or((&link, ""));
                duplicates += usize::from(!query.is_empty());
                queue.push_back(format!("http://{host}{path}"));
            }
        }
        let (_, sitemap) = text(&client, &format!("http://{host}/sitemap.xml")).await;
        let listed: BTreeSet<String> = sitemap
            .split("<loc>")
            .skip(1)
            .filter_map(|s| s.split("</loc>").next())
            .map(str::to_owned)
            .collect();
        let own: BTreeSet<String> = good.iter().filter(|u| u.contains(&host)).cloned().collect();
        assert_eq!(listed, own, "{host} sitemap");
    }
    assert_eq!(collected, good);
    assert!(
        duplicates > 0 && disallowed > 0 && external > 0,
        "{duplicates} {disallowed} {external}"
    );

    let (status, _) = text(&client, "http://www.uni-01.ac.uk/courses/9999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // An unknown host, sent to the loopback server by its Host header (never looked up).
    let misdirected = client
        .get("http://www.uni-01.ac.uk/")
        .header("host", "www.uni-99.ac.uk")
        .send()
        .await
        .expect("sent");
    assert_eq!(misdirected.status(), StatusCode::MISDIRECTED_REQUEST);

    let requests = web.access_log().len();
    web.shutdown().await;
    let log = std::fs::read_to_string(&log_path).expect("log file");
    assert_eq!(log.lines().count(), requests);
    let first: Vec<&str> = log.lines().next().expect("a line").split('\t').collect();
    assert_eq!(first[1..5], ["GET", "www.uni-01.ac.uk", "/robots.txt", "200"]);
    assert!(
        first[0].split_once('.').is_some_and(|(s, us)| s.parse::<u64>().is_ok() && us.len() == 6)
    );
}

#[tokio::test]
async fn default_size_and_seeds() {
    let web = GeneratedWeb::builder().start().await.expect("start");
    assert_eq!(web.hosts().len(), 50);
    assert_eq!(web.good_urls().len(), 50 * 200);
    assert_eq!(web.hosts()[6], "www.uni-07.ac.uk");
    let providers = coursemap_seeds::parse_providers(
        &web.providers_toml(),
        std::path::Path::new("generated.toml"),
    )
    .expect("seeds");
    assert_eq!(providers.len(), 50);
    assert!(providers.iter().zip(web.hosts()).all(|(p, h)| p.allowed_hosts == [h.clone()]));
    assert!(GeneratedWeb::builder().pages_per_host(2).start().await.is_err());
    web.shutdown().await;
}
