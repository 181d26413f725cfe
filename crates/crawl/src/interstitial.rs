//! Responses that stand in for the page asked for: bot challenges and soft 404s.
//!
//! Real sites answer a crawler with pages that are not the page: a bot-protection service's
//! challenge ("Just a moment…", served as 403 or 503, sometimes 200), or a "page not found"
//! page served with 200. Stored as content, the first would be extracted as a course page and
//! the second would keep a withdrawn course alive. [`recognise`] looks at the status, headers
//! and HTML and says which, if either; the crawler decides what to do. It never tries to get
//! past a challenge: it reports it, so the researcher can ask the provider.
//!
//! The markers are each vendor's own (Cloudflare, Imperva/Incapsula, Akamai, PerimeterX,
//! DataDome, Sucuri, AWS WAF, DDoS-Guard, Distil); the not-found wording is how UK sites
//! phrase it. Both are read only where they are decisive: a title, the first heading, or the
//! opening of the page's main text, so a course page mentioning "not found" or a Cloudflare
//! script in passing is left alone. `tests/data/interstitial/` holds real pages of each kind.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Selector};

/// Characters of the main text, from its start, read for not-found wording.
const LEAD_CHARS: usize = 600;
/// A page with less visible text than this is an interstitial if it asks for JavaScript and
/// cookies: a real page says more.
const BARE_PAGE_CHARS: usize = 400;

/// What stands in for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Interstitial {
    /// A bot challenge or block page; `marker` says what gave it away.
    Challenge {
        /// What was found: a vendor's marker, refusal wording, a title, a request to enable
        /// JavaScript on a bare page, or the `cf-mitigated` header.
        marker: String,
    },
    /// A 200 page saying the page or course is not found or no longer available; `wording`
    /// quotes it.
    SoftNotFound {
        /// The not-found phrase as found in the title, the first heading or the lead text.
        wording: String,
    },
}

/// Markers that make a response a challenge whatever its status: each appears only on a
/// vendor's challenge or block page.
const DECISIVE_MARKERS: &[&str] = &[
    "window._cf_chl_opt",
    "cf-browser-verification",
    "cf_chl_prog",
    "captcha-delivery.com",
    "px-captcha",
    "Incapsula incident ID",
    "Request unsuccessful. Incapsula",
    "Sucuri WebSite Firewall",
    "sucuri_cloudproxy_js",
    "awsWafCookieDomainList",
    "AwsWafIntegration",
    "ddos-guard.net/",
    "Reference&#32;&#35;",
    "errors&#46;edgesuite&#46;net",
    "_pxAppId",
    "/px/captcha/",
    "distil_r_captcha",
    "sucuri-firewall-block.css",
];

/// Markers that make a 403, 429 or 503 a challenge: too common on ordinary pages to count
/// with a 200 (Cloudflare injects its challenge-platform script into normal pages).
const REFUSAL_MARKERS: &[&str] = &[
    "/cdn-cgi/challenge-platform/",
    "_Incapsula_Resource",
    "challenge-form",
    "Checking your browser",
    "Enable JavaScript and cookies to continue",
    "Please enable JavaScript and cookies",
    "Please turn JavaScript on",
    "captcha",
    "You don't have permission to access",
    "Access denied",
    "bot protection",
];

/// Titles of challenge and block pages.
static CHALLENGE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(just a moment|one moment, please|checking your browser|attention required! \| cloudflare|pardon our interruption|ddos-guard|access denied|sucuri website firewall|please wait\.{0,3}$|security check|human verification|are you a robot)",
    )
    .unwrap_or_else(|err| panic!("challenge title pattern: {err}"))
});

/// A bare page asking for JavaScript and cookies: the shape of a JavaScript-only interstitial.
static ASKS_FOR_JAVASCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)enable (javascript|js) and cookies|turn javascript on and reload|javascript (is )?(required|must be enabled) to (continue|proceed|view)|checking (if the site connection is secure|your browser)")
        .unwrap_or_else(|err| panic!("javascript pattern: {err}"))
});

/// A title or first heading saying the page is not there.
static NOT_FOUND_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(page|course|programme|program|content|file|document|item|resource)s? (was |is |has been )?(not found|cannot be found|can't be found|could not be found|couldn't be found|no longer available|no longer exists|does not exist|doesn't exist|unavailable|missing)\b|^\W*(error )?404\b|\b404\W*(error|page|not found)\b|^\W*not found\W*$|^\W*(sorry|oops)\W.{0,40}\b(can't|cannot|could not|couldn't) find\b|\bwe (can't|cannot|could not|couldn't) find (that|the|this) page",
    )
    .unwrap_or_else(|err| panic!("not-found heading pattern: {err}"))
});

/// The opening of the main text saying the page or course is not there.
static NOT_FOUND_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(the|this) (page|course|programme|url|link) (you (are|were) looking for|you (have )?requested|you tried to (access|reach)|you followed)( (is|was|has|may|might|could))?.{0,30}?\b(not (be )?found|cannot be found|can't be found|could not be found|does not exist|doesn't exist|no longer (exists|available)|(been )?(removed|deleted))\b|\b(this|the) (course|programme|module|page) (is|has been) no longer available\b|\bwe (can't|cannot|could not|couldn't) find (that|the|this) page\b",
    )
    .unwrap_or_else(|err| panic!("not-found lead pattern: {err}"))
});

/// Says whether the response stands in for the page. `body` is what was read of it (empty
/// when nothing was); only HTML is judged.
pub fn recognise(
    status: u16,
    headers: &[(String, String)],
    content_type: Option<&str>,
    body: &[u8],
) -> Option<Interstitial> {
    // Cloudflare marks every challenge response so; the header is decisive on any status.
    let mitigated = headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("cf-mitigated"));
    if let Some((_, value)) = mitigated.filter(|(_, v)| v.eq_ignore_ascii_case("challenge")) {
        return Some(Interstitial::Challenge { marker: format!("cf-mitigated: {value}") });
    }
    let is_html = content_type.is_none_or(|ct| ct.to_ascii_lowercase().contains("html"));
    if body.is_empty() || !is_html {
        return None;
    }
    let html = String::from_utf8_lossy(body);
    let refused = matches!(status, 403 | 429 | 503);
    if let Some(marker) = DECISIVE_MARKERS.iter().find(|m| html.contains(*m)) {
        return Some(Interstitial::Challenge { marker: (*marker).to_owned() });
    }
    if refused
        && let Some(marker) = REFUSAL_MARKERS.iter().find(|m| contains_ignoring_case(&html, m))
    {
        return Some(Interstitial::Challenge { marker: (*marker).to_owned() });
    }
    let page = PageText::read(&html);
    if let Some(title) = page.title.as_deref().filter(|t| CHALLENGE_TITLE.is_match(t)) {
        return Some(Interstitial::Challenge { marker: format!("title \"{title}\"") });
    }
    if page.visible_chars < BARE_PAGE_CHARS
        && let Some(found) = ASKS_FOR_JAVASCRIPT.find(&page.lead)
    {
        return Some(Interstitial::Challenge { marker: found.as_str().to_owned() });
    }
    if !(200..300).contains(&status) {
        return None;
    }
    let headings = page.title.iter().chain(page.first_heading.iter());
    if let Some(found) = headings.filter_map(|h| NOT_FOUND_HEADING.find(h)).next() {
        return Some(Interstitial::SoftNotFound { wording: found.as_str().trim().to_owned() });
    }
    NOT_FOUND_LEAD
        .find(&page.lead)
        .map(|found| Interstitial::SoftNotFound { wording: found.as_str().to_owned() })
}

fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    haystack.to_ascii_lowercase().contains(&needle.to_ascii_lowercase())
}

/// The parts of a page that say what it is.
struct PageText {
    title: Option<String>,
    first_heading: Option<String>,
    /// The opening of the main text (the `main` element's, else the body's), squeezed.
    lead: String,
    /// Characters of visible text in the body, scripts and styles left out.
    visible_chars: usize,
}

impl PageText {
    fn read(html: &str) -> PageText {
        let document = Html::parse_document(html);
        let text_of = |css: &str| -> Option<String> {
            let selector = Selector::parse(css).ok()?;
            let element = document.select(&selector).next()?;
            let text = squeeze(&element.text().collect::<Vec<_>>().join(" "));
            (!text.is_empty()).then_some(text)
        };
        let title = text_of("title");
        let first_heading = text_of("h1");
        let main = text_of("main, [role=main], article, #content, #main")
            .or_else(|| text_of("body"))
            .unwrap_or_default();
        let visible_chars = text_of("body").map_or(0, |t| visible_len(&t, &document));
        let lead = main.chars().take(LEAD_CHARS).collect();
        PageText { title, first_heading, lead, visible_chars }
    }
}

/// Body text length without what sits in `script`/`style`/`noscript` elements (scraper's text
/// includes them; a challenge page is mostly script).
fn visible_len(body_text: &str, document: &Html) -> usize {
    let hidden: usize = Selector::parse("script, style, noscript")
        .map(|selector| {
            document
                .select(&selector)
                .map(|e| squeeze(&e.text().collect::<Vec<_>>().join(" ")).chars().count())
                .sum()
        })
        .unwrap_or(0);
    body_text.chars().count().saturating_sub(hidden)
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(status: u16, html: &str) -> Option<Interstitial> {
        recognise(status, &[], Some("text/html; charset=utf-8"), html.as_bytes())
    }

    #[test]
    fn the_cloudflare_header_is_decisive() {
        let headers = [("cf-mitigated".to_owned(), "challenge".to_owned())];
        let found = recognise(403, &headers, Some("text/html"), b"<html></html>");
        assert_eq!(
            found,
            Some(Interstitial::Challenge { marker: "cf-mitigated: challenge".into() })
        );
    }

    #[test]
    fn a_challenge_title_is_a_challenge_on_any_status() {
        let page = "<html><head><title>Just a moment...</title></head><body><p>Verifying you are human.</p></body></html>";
        assert!(matches!(judge(200, page), Some(Interstitial::Challenge { .. })));
        assert!(matches!(judge(503, page), Some(Interstitial::Challenge { .. })));
    }

    #[test]
    fn refusal_markers_count_only_with_a_refusal() {
        let page = "<html><head><title>MSc Public Health</title></head><body><main><h1>MSc Public Health</h1><p>Full-time, one year.</p></main><script src=\"/cdn-cgi/challenge-platform/scripts/jsd/main.js\"></script></body></html>";
        assert_eq!(judge(200, page), None, "Cloudflare injects this script into normal pages");
        assert!(matches!(judge(403, page), Some(Interstitial::Challenge { .. })));
    }

    #[test]
    fn not_found_wording_is_read_in_the_title_heading_or_lead() {
        let soft = "<html><head><title>Page not found | University of Somewhere</title></head><body><main><h1>Sorry</h1><p>Try our course finder.</p></main></body></html>";
        assert!(matches!(judge(200, soft), Some(Interstitial::SoftNotFound { .. })));
        let lead = "<html><head><title>Courses</title></head><body><main><h1>Courses</h1><p>This course is no longer available. See our other courses.</p></main></body></html>";
        assert!(matches!(judge(200, lead), Some(Interstitial::SoftNotFound { .. })));
        let course = format!(
            "<html><head><title>MSc Nursing</title></head><body><main><h1>MSc Nursing</h1><p>{}</p><p>The module Leadership is no longer available to new students.</p></main></body></html>",
            "You will study evidence-based nursing practice. ".repeat(20)
        );
        assert_eq!(judge(200, &course), None);
        assert_eq!(judge(404, soft), None, "a real 404 is the crawler's business already");
    }
}
