//! What a crawler meets besides course pages: robots.txt, sitemaps, site search, the
//! calendar trap, a PDF brochure, a discontinued course, plain information pages.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::catalogue::{JsFinder, SiteInfo};
use crate::html::{Chrome, escape, page};
use crate::web::Web;

/// robots.txt: a few ordinary `Disallow` rules, the hidden course folder where there is one,
/// `Crawl-delay` where the site asks for it, and the sitemap index.
pub(crate) fn robots_txt(site: &SiteInfo) -> String {
    let mut out = String::from(
        "# robots.txt\nUser-agent: *\nDisallow: /admin/\nDisallow: /cgi-bin/\nDisallow: /*?print=\n",
    );
    if let Some(hidden) = &site.hidden_path {
        // The folder, not the page: the crawler must apply the prefix rule.
        let folder = hidden.rsplit_once('/').map_or(hidden.as_str(), |(dir, _)| dir);
        out.push_str(&format!("Disallow: {folder}/\n"));
    }
    if site.search.is_none() {
        out.push_str("Disallow: /search\n");
    }
    for rule in &site.robots_disallow {
        out.push_str(&format!("Disallow: {rule}\n"));
    }
    if let Some(delay) = &site.crawl_delay {
        out.push_str(&format!("Crawl-delay: {delay}\n"));
    }
    out.push_str("\nUser-agent: BadBot\nDisallow: /\n\n");
    out.push_str(&format!("Sitemap: https://{}/sitemap.xml\n", site.host));
    out
}

/// The sitemap index, pointing at a gzipped course urlset and a plain page urlset.
pub(crate) fn sitemap_index(site: &SiteInfo) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
<sitemap><loc>https://{h}/sitemap-courses.xml.gz</loc><lastmod>2014-10-01</lastmod></sitemap>\n\
<sitemap><loc>https://{h}/sitemap-pages.xml</loc><lastmod>2014-10-01</lastmod></sitemap>\n</sitemapindex>\n",
        h = site.host
    )
}

/// A urlset of `urls`.
pub(crate) fn urlset(urls: &[String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        out.push_str(&format!(
            "<url><loc>{}</loc><lastmod>2014-10-01</lastmod></url>\n",
            escape(url)
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// Gzip of `data` (the `.xml.gz` sitemap is a gzip file, not a content encoding).
pub(crate) fn gzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data)?;
    encoder.finish()
}

/// A plain information page (about, news, contact...).
pub(crate) fn info_page(site: &SiteInfo, title: &str, paragraphs: &[&str]) -> String {
    let mut main = format!("<h1>{}</h1>\n", escape(title));
    for p in paragraphs {
        main.push_str(&format!("<p>{}</p>\n", escape(p)));
    }
    page(site, &Chrome { title, ..Chrome::default() }, &main)
}

/// A "page not found" page, as a site serves it with 200 by mistake (a soft 404).
pub(crate) fn not_found_page(site: &SiteInfo) -> String {
    let main = "<h1>Page not found</h1>\n<p>Sorry, we can't find the page you are looking for. It may have been moved or deleted.</p>\n<p>Try our course finder or go back to the home page.</p>\n";
    page(site, &Chrome { title: "Page not found", ..Chrome::default() }, main)
}

/// A course finder drawn in the browser: the HTML holds a script that calls the search API
/// and an empty results list, so a crawler reading links finds no course here.
pub(crate) fn js_finder_page(site: &SiteInfo, finder: &JsFinder) -> String {
    let main = format!(
        "<h1>Course finder</h1>\n<form id=\"finder\"><input name=\"query\" placeholder=\"Search courses\"></form>\n<div id=\"results\" data-api=\"{api}\"></div>\n<noscript><p>Please enable JavaScript to search our courses.</p></noscript>\n<script>\nfetch(document.getElementById('results').dataset.api + '&query=' + encodeURIComponent(new URLSearchParams(location.search).get('query') || ''))\n  .then(r => r.json())\n  .then(j => {{ for (const hit of j.response.resultPacket.results) {{ const a = document.createElement('a'); a.href = hit.liveUrl; a.textContent = hit.title; document.getElementById('results').append(a); }} }});\n</script>\n",
        api = escape(&finder.api)
    );
    page(site, &Chrome { title: "Course finder", ..Chrome::default() }, &main)
}

/// A bot challenge page, modelled on Cloudflare's "Just a moment..." (served with 403 and
/// `cf-mitigated: challenge`).
pub(crate) fn challenge_page(host: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title><meta http-equiv=\"refresh\" content=\"360\"><meta name=\"robots\" content=\"noindex,nofollow\"></head><body><div class=\"main-wrapper\" role=\"main\"><div class=\"main-content\"><h1>{}</h1><p id=\"challenge-body-text\">Verifying you are human. This may take a few seconds.</p><noscript><div class=\"h2\">Enable JavaScript and cookies to continue</div></noscript></div></div><script>(function(){{window._cf_chl_opt={{cType: 'managed'}};var a=document.createElement('script');a.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1';document.getElementsByTagName('head')[0].appendChild(a);}}());</script></body></html>\n",
        escape(host)
    )
}

/// The home page: links to the course finder, information pages, and the odd URLs a
/// crawler must cope with (`links`: href and anchor text).
pub(crate) fn home_page(site: &SiteInfo, links: &[(String, String)]) -> String {
    let mut main = format!(
        "<h1>Welcome to {}</h1>\n<p>Study with us: browse our courses, meet our staff and find out about life on campus.</p>\n<ul class=\"home-links\">\n",
        escape(&site.name)
    );
    for (href, text) in links {
        main.push_str(&format!("<li><a href=\"{}\">{}</a></li>\n", escape(href), escape(text)));
    }
    main.push_str("</ul>\n");
    page(site, &Chrome { title: "Home", ..Chrome::default() }, &main)
}

/// Site search results for `query` over (title, href, text) entries.
pub(crate) fn search_page(
    site: &SiteInfo,
    query: &str,
    entries: &[(String, String, String)],
) -> String {
    let needle = query.trim().to_lowercase();
    let hits: Vec<&(String, String, String)> = entries
        .iter()
        .filter(|(title, _, text)| {
            !needle.is_empty()
                && (title.to_lowercase().contains(&needle) || text.to_lowercase().contains(&needle))
        })
        .collect();
    let mut main = format!(
        "<h1>Search results</h1>\n<form action=\"/search\"><input name=\"q\" value=\"{}\"></form>\n<p>{} results for \"{}\"</p>\n<ol class=\"search-results\">\n",
        escape(query),
        hits.len(),
        escape(query)
    );
    for (title, href, _) in hits {
        main.push_str(&format!("<li><a href=\"{}\">{}</a></li>\n", escape(href), escape(title)));
    }
    main.push_str("</ol>\n");
    page(site, &Chrome { title: "Search", ..Chrome::default() }, &main)
}

/// One month of the events calendar; every month links to the next, forever (a trap).
/// `month` is `YYYY-MM`; anything else is `None` (404).
pub(crate) fn events_page(site: &SiteInfo, month: Option<&str>) -> Option<String> {
    let (year, mon) = match month {
        None => (2014, 10),
        Some(text) => {
            let (y, m) = text.split_once('-')?;
            let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
            if !(1..=12).contains(&m) {
                return None;
            }
            (y, m)
        }
    };
    let (next_y, next_m) = if mon == 12 { (year + 1, 1) } else { (year, mon + 1) };
    let (prev_y, prev_m) = if mon == 1 { (year - 1, 12) } else { (year, mon - 1) };
    let main = format!(
        "<h1>Events: {year}-{mon:02}</h1>\n<p>No events are listed for this month.</p>\n\
<nav class=\"calendar\"><a href=\"/events?month={prev_y}-{prev_m:02}\">Previous month</a> \
<a href=\"/events?month={next_y}-{next_m:02}\">Next month</a></nav>\n"
    );
    Some(page(site, &Chrome { title: "Events", ..Chrome::default() }, &main))
}

/// A small, valid one-page PDF brochure.
pub(crate) fn brochure_pdf(site: &SiteInfo) -> Vec<u8> {
    let text = format!("{} postgraduate prospectus 2014", site.name).replace(['(', ')', '\\'], "");
    let stream = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{object}\nendobj\n", n + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for offset in offsets {
        pdf.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.into_bytes()
}

/// A Funnelback-style `search.json` answer: the course pages of `hosts` whose title or text
/// holds any word of `query` of four letters or more (as a finder's loose matching does).
pub(crate) fn search_api_answer(web: &Web, hosts: &[String], query: &str) -> String {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect();
    let mut results = Vec::new();
    for host in hosts {
        let Some(site) = web.sites.get(host) else { continue };
        for (title, path, text) in &site.search_entries {
            let haystack = format!("{title} {text}").to_lowercase();
            if words.iter().any(|w| haystack.contains(w.as_str())) {
                results.push(serde_json::json!({
                    "rank": results.len() + 1,
                    "title": title,
                    "liveUrl": format!("https://{host}{path}"),
                    "summary": text,
                }));
            }
        }
    }
    serde_json::json!({
        "question": { "query": query },
        "response": { "resultPacket": {
            "resultsSummary": { "totalMatching": results.len() },
            "results": results,
        } },
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;

    fn site(host: &str) -> SiteInfo {
        let sites = catalogue::load().expect("catalogue loads").sites;
        sites.into_iter().find(|s| s.host == host).expect("site exists")
    }

    #[test]
    fn calendar_always_has_a_next_month() {
        let ucl = site("www.ucl.ac.uk");
        let december = events_page(&ucl, Some("2099-12")).expect("a page");
        assert!(december.contains("href=\"/events?month=2100-01\">Next month"));
        assert!(events_page(&ucl, None).expect("a page").contains("month=2014-11"));
        assert!(events_page(&ucl, Some("2014-13")).is_none());
        assert!(events_page(&ucl, Some("soon")).is_none());
    }

    #[test]
    fn robots_rules_follow_the_site() {
        let lsbu = robots_txt(&site("www.lsbu.ac.uk"));
        assert!(lsbu.contains("Disallow: /study/course/archive/\n"));
        assert!(!lsbu.contains("Crawl-delay"));
        // KCL's real rules: its search and every paged listing are off limits.
        let kcl = robots_txt(&site("www.kcl.ac.uk"));
        assert!(kcl.contains("Crawl-delay: 0.2\n"));
        assert!(kcl.contains("Disallow: /search/\n") && kcl.contains("Disallow: *page=*\n"));
        let mdx = robots_txt(&site("www.mdx.ac.uk"));
        assert!(mdx.contains("Disallow: /search\n"), "a site without search keeps crawlers out");
    }

    #[test]
    fn brochure_is_a_pdf_with_a_correct_xref() {
        let pdf = brochure_pdf(&site("www.gre.ac.uk"));
        let text = String::from_utf8(pdf).expect("ASCII");
        let xref: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert!(text[xref..].starts_with("xref\n"));
        assert!(text.ends_with("%%EOF\n"));
    }

    #[test]
    fn search_finds_titles_and_text() {
        let lsbu = site("www.lsbu.ac.uk");
        let entries = vec![
            (
                "Clinical Leadership".to_string(),
                "/a".to_string(),
                "quality improvement tools".to_string(),
            ),
            ("MSc Finance".to_string(), "/b".to_string(), "asset pricing".to_string()),
        ];
        let page = search_page(&lsbu, "Quality Improvement", &entries);
        assert!(page.contains("1 results") && page.contains("href=\"/a\""));
        assert!(search_page(&lsbu, " ", &entries).contains("0 results"));
    }
}
