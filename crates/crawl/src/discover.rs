//! Where new URLs come from besides the seeds: links in pages, and sitemaps.

use std::io::Read;

use coursemap_seeds::{JsonPath, JsonStep};
use scraper::{ElementRef, Html, Selector};
use url::Url;

/// Most URLs taken from one sitemap file (the sitemap protocol's own limit).
const MAX_SITEMAP_URLS: usize = 50_000;
/// Characters of text around a link used to judge it.
const CONTEXT_CHARS: usize = 300;

/// A link found in a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub url: Url,
    pub anchor: String,
    /// Text of the element around the link (a list item, a card, a paragraph).
    pub context: String,
}

/// Every `http(s)` link in an HTML page, resolved against the page URL (or its `<base>`).
pub fn links(html: &str, page_url: &Url) -> Vec<Link> {
    let document = Html::parse_document(html);
    let base = base_url(&document, page_url);
    select(&document, "a[href], area[href]")
        .filter_map(|anchor| {
            let href = anchor.value().attr("href")?.trim();
            let mut url = base.join(href).ok()?;
            if !matches!(url.scheme(), "http" | "https") {
                return None;
            }
            url.set_fragment(None);
            let context = anchor
                .parent()
                .and_then(ElementRef::wrap)
                .map(|parent| squeeze(parent.text(), CONTEXT_CHARS))
                .unwrap_or_default();
            Some(Link { url, anchor: squeeze(anchor.text(), CONTEXT_CHARS), context })
        })
        .collect()
}

/// What the page's relative URLs are relative to: its `<base href>`, else its own URL.
pub(crate) fn base_url(document: &Html, page_url: &Url) -> Url {
    select(document, "base[href]")
        .next()
        .and_then(|base| base.value().attr("href"))
        .and_then(|href| page_url.join(href.trim()).ok())
        .unwrap_or_else(|| page_url.clone())
}

/// The elements matching `css`, a constant of this crate.
pub(crate) fn select<'a>(
    document: &'a Html,
    css: &'static str,
) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    // The selectors are constants of this crate; failing to parse one is a bug here.
    let selector = Selector::parse(css).unwrap_or_else(|err| panic!("selector {css}: {err}"));
    document.select(&selector).collect::<Vec<_>>().into_iter()
}

/// Collapses whitespace and keeps at most `max` characters.
fn squeeze<'a>(text: impl Iterator<Item = &'a str>, max: usize) -> String {
    let mut out = String::new();
    for word in text.flat_map(str::split_whitespace) {
        if out.len() + word.len() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The URLs a sitemap file lists.
#[derive(Debug, Default, PartialEq)]
pub struct SitemapUrls {
    /// Pages (from a `<urlset>`, or a plain-text sitemap).
    pub pages: Vec<String>,
    /// Further sitemaps (from a `<sitemapindex>`).
    pub sitemaps: Vec<String>,
    /// The XML was cut short or garbled (no closing `</urlset>`/`</sitemapindex>`, or a
    /// `<loc>` that is no URL). What could be read is still used; the flaw is reported.
    pub malformed: bool,
}

/// Reads a sitemap: XML `<urlset>` or `<sitemapindex>`, optionally gzipped, or a plain list
/// of URLs. `max_bytes` bounds the inflated size, so a gzip bomb stops there.
pub fn sitemap(body: &[u8], max_bytes: usize) -> Result<SitemapUrls, String> {
    let inflated;
    let body = if body.starts_with(&[0x1f, 0x8b]) {
        inflated = gunzip(body, max_bytes)?;
        &inflated[..]
    } else {
        body
    };
    let text = String::from_utf8_lossy(body);
    let mut urls = SitemapUrls::default();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with('<') {
        // Plain-text sitemap: one URL per line.
        urls.pages = trimmed
            .lines()
            .map(str::trim)
            .filter(|line| line.starts_with("http://") || line.starts_with("https://"))
            .take(MAX_SITEMAP_URLS)
            .map(str::to_owned)
            .collect();
        return Ok(urls);
    }
    let is_index = text.contains("<sitemapindex");
    let locs = locs(&text);
    let closed = text.contains("</urlset>") || text.contains("</sitemapindex>");
    let all_urls = locs.iter().all(|loc| loc.starts_with("http://") || loc.starts_with("https://"));
    urls.malformed = !closed || !all_urls;
    let locs: Vec<String> = locs
        .into_iter()
        .filter(|loc| loc.starts_with("http://") || loc.starts_with("https://"))
        .collect();
    if is_index {
        urls.sitemaps = locs;
    } else {
        urls.pages = locs;
    }
    Ok(urls)
}

/// The contents of every `<loc>` element, entity-decoded, at most [`MAX_SITEMAP_URLS`].
fn locs(xml: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<loc>") {
        rest = &rest[start + "<loc>".len()..];
        let Some(end) = rest.find("</loc>") else { break };
        let value = unescape(rest[..end].trim());
        if !value.is_empty() {
            found.push(value);
        }
        rest = &rest[end..];
        if found.len() == MAX_SITEMAP_URLS {
            tracing::warn!(
                limit = MAX_SITEMAP_URLS,
                "sitemap lists more URLs than the protocol allows; the rest ignored"
            );
            break;
        }
    }
    found
}

fn unescape(text: &str) -> String {
    let text = text.strip_prefix("<![CDATA[").and_then(|t| t.strip_suffix("]]>")).unwrap_or(text);
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn gunzip(body: &[u8], max_bytes: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX).saturating_add(1);
    flate2::read::MultiGzDecoder::new(body)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|err| format!("gzip: {err}"))?;
    if out.len() > max_bytes {
        return Err(format!("inflates to more than {max_bytes} bytes"));
    }
    Ok(out)
}

/// The URLs a search API's JSON answer holds at `path` (strings only; anything else there is
/// skipped). An answer that is not JSON is an error naming why.
pub fn search_api(body: &[u8], path: &JsonPath) -> Result<Vec<String>, String> {
    let json: serde_json::Value =
        serde_json::from_slice(body).map_err(|err| format!("not JSON: {err}"))?;
    let mut values = vec![&json];
    for step in path.steps() {
        values = values
            .into_iter()
            .flat_map(|value| -> Vec<&serde_json::Value> {
                match step {
                    JsonStep::Key(key) => value.get(key.as_str()).into_iter().collect(),
                    JsonStep::Each => {
                        value.as_array().map(|a| a.iter().collect()).unwrap_or_default()
                    }
                }
            })
            .collect();
    }
    Ok(values.into_iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn links_resolve_against_base_and_carry_text() {
        let page = Url::parse("https://www.uwl.ac.uk/courses/").expect("url");
        let html = r#"<html><head><base href="/study/"></head><body>
            <ul><li>Postgraduate: <a href="msc-qi#fees">MSc <b>Quality</b> Improvement</a></li></ul>
            <a href="mailto:x@y.z">mail</a><a href="javascript:void(0)">js</a>
            <a href="https://www.ucl.ac.uk/x">UCL</a></body></html>"#;
        let found = links(html, &page);
        let urls: Vec<&str> = found.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["https://www.uwl.ac.uk/study/msc-qi", "https://www.ucl.ac.uk/x"]);
        assert_eq!(found[0].anchor, "MSc Quality Improvement");
        assert_eq!(found[0].context, "Postgraduate: MSc Quality Improvement");
    }

    #[test]
    fn sitemap_index_urlset_gzip_and_bombs() {
        let index = "<?xml version=\"1.0\"?><sitemapindex><sitemap><loc> https://a.org/s1.xml.gz </loc></sitemap></sitemapindex>";
        assert_eq!(
            sitemap(index.as_bytes(), 1000).expect("index").sitemaps,
            ["https://a.org/s1.xml.gz"]
        );
        let urlset = "<urlset><url><loc>https://a.org/p?a=1&amp;b=2</loc></url><url><loc>https://a.org/q</loc></url></urlset>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(urlset.as_bytes()).expect("gzip");
        let gz = gz.finish().expect("gzip");
        assert_eq!(
            sitemap(&gz, 1000).expect("urlset").pages,
            ["https://a.org/p?a=1&b=2", "https://a.org/q"]
        );
        let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        bomb.write_all(&vec![b' '; 10_000_000]).expect("gzip");
        let bomb = bomb.finish().expect("gzip");
        assert!(bomb.len() < 100_000);
        assert!(sitemap(&bomb, 1_000_000).expect_err("bomb").contains("inflates to more than"));
        assert!(sitemap(&gz[..gz.len() / 2], 1000).is_err());
    }

    #[test]
    fn malformed_sitemaps_are_flagged_and_still_read() {
        let cut = "<?xml version=\"1.0\"?><urlset><url><loc>https://a.org/1</loc><url><loc>&bogus;<<</urlset";
        let found = sitemap(cut.as_bytes(), 1000).expect("read what can be read");
        assert!(found.malformed);
        assert_eq!(found.pages, ["https://a.org/1"]);
        let good = "<urlset><url><loc>https://a.org/1</loc></url></urlset>";
        assert!(!sitemap(good.as_bytes(), 1000).expect("good").malformed);
    }

    #[test]
    fn search_api_urls_are_read_where_the_path_says() {
        let path: coursemap_seeds::JsonPath =
            "response.resultPacket.results[].liveUrl".parse().expect("valid path");
        let body = br#"{"response":{"resultPacket":{"results":[
            {"title":"MSc A","liveUrl":"https://www.lsbu.ac.uk/study/course/a"},
            {"title":"no URL"},
            {"title":"B","liveUrl":"https://applycpd.com/LSBU/courses/1"},
            {"title":"not a string","liveUrl":7}]}}}"#;
        assert_eq!(
            search_api(body, &path),
            Ok(vec![
                "https://www.lsbu.ac.uk/study/course/a".to_owned(),
                "https://applycpd.com/LSBU/courses/1".to_owned()
            ])
        );
        assert_eq!(search_api(b"{}", &path), Ok(vec![]));
        assert!(search_api(b"<html>", &path).is_err_and(|e| e.starts_with("not JSON")));
    }
}
