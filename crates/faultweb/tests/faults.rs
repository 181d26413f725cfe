//! The fault web really misbehaves as documented: each fault checked with a reqwest client
//! that resolves every host to the loopback listeners.

use std::time::{Duration, Instant};

use coursemap_faultweb::{FaultWeb, RunningFaultWeb};
use reqwest::{Client, StatusCode};

/// A stall long enough to see, short enough for a test.
const STALL: Duration = Duration::from_secs(3);

async fn start() -> RunningFaultWeb {
    FaultWeb::builder().stall(STALL).start().await.expect("fault web starts")
}

/// No redirects followed, no gzip decoding unless asked, every host on loopback.
fn client(web: &RunningFaultWeb, timeout: Option<Duration>, gzip: bool) -> Client {
    let mut builder = Client::builder().no_proxy().redirect(reqwest::redirect::Policy::none());
    if !gzip {
        builder = builder.no_gzip();
    }
    if let Some(timeout) = timeout {
        builder = builder.timeout(timeout);
    }
    for (host, addr) in web.resolve_overrides() {
        assert!(addr.ip().is_loopback(), "{host} resolves to {addr}");
        builder = builder.resolve(&host, addr);
    }
    builder.build().expect("client")
}

async fn get(client: &Client, url: &str) -> reqwest::Response {
    client.get(url).send().await.unwrap_or_else(|e| panic!("GET {url}: {e}"))
}

async fn body(client: &Client, url: &str) -> (StatusCode, Vec<u8>) {
    let response = get(client, url).await;
    let status = response.status();
    (status, response.bytes().await.unwrap_or_else(|e| panic!("body of {url}: {e}")).to_vec())
}

/// Streams a body to its end, counting bytes without keeping them.
async fn count_body(mut response: reqwest::Response) -> Result<u64, reqwest::Error> {
    let mut total = 0u64;
    while let Some(chunk) = response.chunk().await? {
        total += chunk.len() as u64;
    }
    Ok(total)
}

#[tokio::test]
async fn every_good_url_is_served_once_retries_are_honoured() {
    let web = start().await;
    let client = client(&web, Some(Duration::from_secs(10)), true);
    let good = web.good_urls();
    assert!(good.len() >= 40, "{} good URLs", good.len());
    for url in &good {
        // The 429 and the 503 bursts recover within two retries, as a polite client sees.
        let mut statuses = Vec::new();
        for _ in 0..3 {
            let status = get(&client, url).await.status();
            statuses.push(status.as_u16());
            if status == StatusCode::OK {
                break;
            }
            assert!(matches!(status.as_u16(), 429 | 503), "{url}: {statuses:?}");
        }
        assert_eq!(statuses.last(), Some(&200), "{url}: {statuses:?}");
    }
    // Every host but robots-500 has good pages, and each host's home links to its faults.
    let hosts_with_good: std::collections::BTreeSet<&str> =
        good.iter().filter_map(|u| u.strip_prefix("http://")?.split('/').next()).collect();
    assert_eq!(hosts_with_good.len(), web.hosts().len() - 1);
    assert!(!hosts_with_good.contains("robots-500.fault.test"));
    let (_, home) = body(&client, "http://big.fault.test/").await;
    let home = String::from_utf8(home).expect("utf-8 home");
    for link in ["/good/1", "/50mb", "/50mb-chunked", "/private/do-not-fetch"] {
        assert!(home.contains(&format!("href=\"{link}\"")), "home lacks {link}");
    }
    web.shutdown().await;
}

#[tokio::test]
async fn bad_urls_name_a_known_reason() {
    let web = start().await;
    let bad = web.bad_urls();
    let kinds: std::collections::BTreeSet<&str> = bad.iter().map(|(_, kind)| *kind).collect();
    let known = [
        "bad_sitemap",
        "body",
        "body_too_large",
        "redirect_loop",
        "robots_unavailable",
        "timeout",
        "too_many_redirects",
    ];
    assert_eq!(kinds, known.into_iter().collect());
    assert_eq!(bad.len(), 13);
    for (url, _) in &bad {
        assert!(!web.good_urls().contains(url), "{url} is both good and bad");
    }
    web.shutdown().await;
}

#[tokio::test]
async fn slow_response_and_trickle_outlast_a_timeout() {
    let web = start().await;
    let impatient = client(&web, Some(Duration::from_secs(1)), true);
    let started = Instant::now();
    let slow = impatient.get("http://slow.fault.test/slow").send().await;
    assert!(slow.is_err_and(|e| e.is_timeout()));
    assert!(started.elapsed() < STALL);

    let patient = client(&web, None, true);
    let started = Instant::now();
    let trickle = get(&patient, "http://slow.fault.test/trickle").await;
    let head_after = started.elapsed();
    assert_eq!(trickle.status(), StatusCode::OK);
    assert!(head_after < Duration::from_secs(1), "head after {head_after:?}");
    let bytes = count_body(trickle).await.expect("trickle ends");
    let lasted = started.elapsed();
    assert!(lasted >= STALL && lasted < STALL * 2, "trickled for {lasted:?}");
    // A few bytes a second: under 10 per second of the stall, besides the opening and end.
    assert!(bytes < 100 + 10 * STALL.as_secs(), "{bytes} bytes");

    let cut =
        impatient.get("http://slow.fault.test/trickle").send().await.expect("head comes at once");
    assert!(count_body(cut).await.is_err_and(|e| e.is_timeout()));
    web.shutdown().await;
}

#[tokio::test]
async fn hung_request_is_never_answered_and_then_dropped() {
    let web = start().await;
    let patient = client(&web, None, true);
    let started = Instant::now();
    let hung = patient.get("http://hang.fault.test/hang").send().await;
    let waited = started.elapsed();
    assert!(hung.is_err(), "got an answer: {hung:?}");
    assert!(waited >= STALL && waited < STALL * 2, "dropped after {waited:?}");
    let logged = web.access_log().into_iter().find(|e| e.path == "/hang").expect("logged");
    assert_eq!((logged.host.as_str(), logged.status), ("hang.fault.test", 0));
    // The same host's good pages come from the same raw listener.
    let (status, page) = body(&patient, "http://hang.fault.test/good/1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&page).contains("Good page /good/1"));
    web.shutdown().await;
}

#[tokio::test]
async fn reset_breaks_the_body_off() {
    let web = start().await;
    let client = client(&web, Some(Duration::from_secs(10)), true);
    let response = get(&client, "http://hang.fault.test/reset").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.content_length(), Some(200_000));
    let mut received = 0usize;
    let mut response = response;
    let error = loop {
        match response.chunk().await {
            Ok(Some(chunk)) => received += chunk.len(),
            Ok(None) => panic!("body completed after {received} bytes"),
            Err(error) => break error,
        }
    };
    assert!(received < 200_000, "{received} bytes");
    assert!(!error.is_timeout(), "{error}");
    web.shutdown().await;
}

#[tokio::test]
async fn gzip_good_truncated_and_bomb() {
    let web = start().await;
    let decoding = client(&web, Some(Duration::from_secs(30)), true);
    let (status, page) = body(&decoding, "http://gzip.fault.test/gzipped").await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&page).contains("Good page /gzipped"));

    let truncated = get(&decoding, "http://gzip.fault.test/truncated").await;
    assert!(truncated.bytes().await.is_err(), "truncated gzip decoded without error");

    let raw = client(&web, Some(Duration::from_secs(30)), false);
    let bomb = get(&raw, "http://gzip.fault.test/bomb").await;
    assert_eq!(bomb.headers().get("content-encoding").map(|v| v.as_bytes()), Some(&b"gzip"[..]));
    let wire = bomb.bytes().await.expect("bomb bytes");
    assert!(wire.len() < 2 * 1024 * 1024, "{} bytes on the wire", wire.len());
    let inflated =
        std::io::copy(&mut flate2::read::GzDecoder::new(&wire[..]), &mut std::io::sink())
            .expect("inflates");
    assert_eq!(inflated, 1 << 30);
    assert!(inflated / wire.len() as u64 > 500, "ratio {}", inflated / wire.len() as u64);
    web.shutdown().await;
}

#[tokio::test]
async fn fifty_megabyte_bodies_with_and_without_length() {
    let web = start().await;
    let client = client(&web, Some(Duration::from_secs(60)), true);
    let declared = get(&client, "http://big.fault.test/50mb").await;
    assert_eq!(declared.content_length(), Some(50_000_000));
    assert_eq!(count_body(declared).await.expect("50 MB"), 50_000_000);
    let chunked = get(&client, "http://big.fault.test/50mb-chunked").await;
    assert_eq!(chunked.headers().get("content-length"), None);
    assert_eq!(count_body(chunked).await.expect("50 MB"), 50_000_000);
    web.shutdown().await;
}

#[tokio::test]
async fn rate_limit_and_503_bursts_recover() {
    let web = start().await;
    let client = client(&web, Some(Duration::from_secs(10)), true);
    let limited = get(&client, "http://rate.fault.test/limited").await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.headers().get("retry-after").map(|v| v.as_bytes()), Some(&b"2"[..]));
    assert_eq!(get(&client, "http://rate.fault.test/limited").await.status(), StatusCode::OK);

    // robots.txt is outside the bursts; pages get two 503s in every six requests.
    assert_eq!(get(&client, "http://burst.fault.test/robots.txt").await.status(), StatusCode::OK);
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(get(&client, "http://burst.fault.test/good/1").await.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 503, 503, 200, 200, 200, 200, 503, 503, 200, 200]);
    web.shutdown().await;
}

#[tokio::test]
async fn redirect_loop_chain_and_good_redirect() {
    let web = start().await;
    let client = client(&web, Some(Duration::from_secs(10)), true);
    let location = |r: &reqwest::Response| {
        r.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned)
    };
    let a = get(&client, "http://redirect.fault.test/loop/a").await;
    assert_eq!(location(&a).as_deref(), Some("/loop/b"));
    let b = get(&client, "http://redirect.fault.test/loop/b").await;
    assert_eq!(location(&b).as_deref(), Some("/loop/a"));

    let mut url = "http://redirect.fault.test/chain/0".to_owned();
    let mut hops = 0;
    loop {
        let response = get(&client, &url).await;
        match location(&response) {
            Some(next) => {
                assert!(response.status().is_redirection());
                url = format!("http://redirect.fault.test{next}");
                hops += 1;
                assert!(hops <= 20, "chain longer than 20");
            }
            None => {
                assert_eq!(response.status(), StatusCode::OK);
                break;
            }
        }
    }
    assert_eq!(hops, 20);
    let moved = get(&client, "http://redirect.fault.test/moved").await;
    assert_eq!(
        (moved.status(), location(&moved).as_deref()),
        (StatusCode::MOVED_PERMANENTLY, Some("/good/3"))
    );
    web.shutdown().await;
}

#[tokio::test]
async fn robots_files_that_fail() {
    let web = start().await;
    let client = client(&web, Some(Duration::from_secs(10)), true);
    for _ in 0..2 {
        assert_eq!(
            get(&client, "http://robots-500.fault.test/robots.txt").await.status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
    assert_eq!(
        get(&client, "http://robots-flaky.fault.test/robots.txt").await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    let (status, flaky) = body(&client, "http://robots-flaky.fault.test/robots.txt").await;
    assert_eq!(
        (status, flaky.as_slice()),
        (StatusCode::OK, &b"User-agent: *\nDisallow: /private/\n"[..])
    );

    let (_, huge) = body(&client, "http://robots-huge.fault.test/robots.txt").await;
    assert!(huge.len() >= 2 * 1024 * 1024, "{} bytes", huge.len());
    assert!(huge.starts_with(b"User-agent: *\nDisallow: /private/\n"));
    let (_, binary) = body(&client, "http://robots-binary.fault.test/robots.txt").await;
    assert!(
        binary.len() >= 64 * 1024 && binary.contains(&0) && std::str::from_utf8(&binary).is_err()
    );
    web.shutdown().await;
}

#[tokio::test]
async fn malformed_and_million_url_sitemaps() {
    let web = start().await;
    let client = client(&web, Some(Duration::from_secs(120)), true);
    let (_, robots) = body(&client, "http://sitemap-bad.fault.test/robots.txt").await;
    assert!(
        String::from_utf8_lossy(&robots)
            .contains("Sitemap: http://sitemap-bad.fault.test/sitemap.xml")
    );
    let (status, bad) = body(&client, "http://sitemap-bad.fault.test/sitemap.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert!(roxmltree::Document::parse(&String::from_utf8_lossy(&bad)).is_err(), "sitemap parses");

    let (_, robots) = body(&client, "http://sitemap-huge.fault.test/robots.txt").await;
    assert!(
        String::from_utf8_lossy(&robots)
            .contains("Sitemap: http://sitemap-huge.fault.test/sitemap-huge.xml")
    );
    let mut response = get(&client, "http://sitemap-huge.fault.test/sitemap-huge.xml").await;
    assert_eq!(response.content_length(), None, "streamed, length unknown");
    let (mut locs, mut bytes, mut first) = (0usize, 0usize, String::new());
    // Chunks split anywhere: carry the last bytes over so no `<loc>` is cut in two.
    let mut carry: Vec<u8> = Vec::new();
    while let Some(chunk) = response.chunk().await.expect("sitemap chunk") {
        bytes += chunk.len();
        carry.extend_from_slice(&chunk);
        locs += carry.windows(5).filter(|w| w == b"<loc>").count();
        carry.drain(..carry.len().saturating_sub(4));
        if first.len() < 4096 {
            first.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
    assert_eq!(locs, 1_000_000);
    assert!(bytes > 50_000_000, "{bytes} bytes");
    // The good pages come first, so a crawler reading a prefix still finds them.
    let first_loc = first.find("<loc>").expect("a loc");
    assert!(first[first_loc..].starts_with("<loc>http://sitemap-huge.fault.test/</loc>"));
    assert_eq!(
        get(&client, "http://sitemap-huge.fault.test/listed/999996").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        get(&client, "http://sitemap-huge.fault.test/listed/999997").await.status(),
        StatusCode::NOT_FOUND
    );
    web.shutdown().await;
}

#[tokio::test]
async fn pages_in_other_encodings_declare_nothing() {
    let web = start().await;
    let client = client(&web, Some(Duration::from_secs(10)), true);
    let content_type = |r: &reqwest::Response| {
        r.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned)
    };

    let cp1252 = get(&client, "http://charset.fault.test/windows-1252").await;
    assert_eq!(content_type(&cp1252).as_deref(), Some("text/html"));
    let cp1252 = cp1252.bytes().await.expect("body");
    assert!(cp1252.windows(21).any(|w| w == b"\x93Improvement science\x94"));
    assert!(cp1252.contains(&0x80), "euro sign");

    let latin1 = get(&client, "http://charset.fault.test/iso-8859-1").await;
    assert_eq!(content_type(&latin1).as_deref(), Some("text/html"));
    let latin1 = latin1.bytes().await.expect("body");
    assert!(latin1.windows(4).any(|w| w == b"\xA3950"), "pound sign in Latin-1");
    for page in [&cp1252, &latin1] {
        assert!(std::str::from_utf8(page).is_err());
        assert!(!String::from_utf8_lossy(page).to_ascii_lowercase().contains("charset"));
    }

    let (_, invalid) = body(&client, "http://charset.fault.test/invalid-utf8").await;
    assert!(std::str::from_utf8(&invalid).is_err());
    assert!(String::from_utf8_lossy(&invalid).contains("charset=\"utf-8\""));
    let (_, bom) = body(&client, "http://charset.fault.test/bom").await;
    assert!(bom.starts_with(&[0xEF, 0xBB, 0xBF, b'<']));
    assert!(std::str::from_utf8(&bom).is_ok());
    web.shutdown().await;
}

#[tokio::test]
async fn nested_and_unclosed_markup_hide_links() {
    let web = start().await;
    let client = client(&web, Some(Duration::from_secs(10)), true);
    let (_, nested) = body(&client, "http://html.fault.test/nested").await;
    let nested = String::from_utf8(nested).expect("utf-8");
    assert_eq!(nested.matches("<div>").count(), 100_000);
    let link = nested.find("href=\"/found-in-nested\"").expect("deep link");
    assert_eq!(
        nested[..link].matches("<div>").count(),
        100_000,
        "the link is at the deepest level"
    );

    let (_, unclosed) = body(&client, "http://html.fault.test/unclosed").await;
    let unclosed = String::from_utf8(unclosed).expect("utf-8");
    let link = unclosed.find("href=\"/found-in-unclosed\"").expect("link");
    // The title is the one closed element: an open <title> would make the link title text.
    assert!(unclosed.find("</title>").is_some_and(|end| end < link));
    assert!(!unclosed.contains("</html>") && !unclosed.contains("</a>"));
    for target in ["/found-in-nested", "/found-in-unclosed"] {
        assert_eq!(
            get(&client, &format!("http://html.fault.test{target}")).await.status(),
            StatusCode::OK
        );
    }
    // Only the pathological pages lead to them.
    let (_, home) = body(&client, "http://html.fault.test/").await;
    assert!(!String::from_utf8_lossy(&home).contains("found-in"));
    web.shutdown().await;
}

#[tokio::test]
async fn calendar_never_ends() {
    let web = start().await;
    let client = client(&web, Some(Duration::from_secs(10)), true);
    let mut url = "http://calendar.fault.test/calendar/2026/11".to_owned();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..60 {
        let (status, page) = body(&client, &url).await;
        assert_eq!(status, StatusCode::OK, "{url}");
        assert!(seen.insert(url.clone()));
        let page = String::from_utf8(page).expect("utf-8");
        // Links in order: previous month, next month, the days.
        let next = page
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .nth(1)
            .expect("next month link");
        url = format!("http://calendar.fault.test{next}");
    }
    assert!(url.ends_with("/calendar/2031/11"), "{url}");
    web.shutdown().await;
}

#[tokio::test]
async fn seeds_file_loads_and_hosts_are_loopback_only() {
    let web = start().await;
    let text = web.providers_toml();
    let providers = coursemap_seeds::parse_providers(&text, std::path::Path::new("fault-web.toml"))
        .expect("seeds parse");
    let mut hosts: Vec<String> = providers.iter().flat_map(|p| p.allowed_hosts.clone()).collect();
    hosts.sort();
    assert_eq!(hosts, web.hosts());
    assert_eq!(providers.len(), 16);
    assert!(web.addr().ip().is_loopback() && web.raw_addr().ip().is_loopback());

    let refused = FaultWeb::builder().addr("0.0.0.0:0".parse().expect("addr")).start().await;
    assert!(matches!(refused, Err(coursemap_faultweb::Error::Config(_))), "{refused:?}");

    let addr = web.addr();
    web.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "still listening after shutdown");
}
