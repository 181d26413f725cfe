//! HTML escaping and the chrome every page shares (cookie banner, navigation, footer).

use crate::catalogue::SiteInfo;

/// Escapes text for HTML element content and quoted attribute values alike (`&<>"'`).
pub(crate) fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

/// What goes around a page's main content.
#[derive(Debug, Default)]
pub(crate) struct Chrome<'a> {
    pub title: &'a str,
    /// `https://host/path`, for `<link rel="canonical">`.
    pub canonical: Option<&'a str>,
    /// Extra `<head>` content (JSON-LD scripts).
    pub head: String,
    /// Navigation also links a subject page whose name holds term variants.
    pub nav_terms: bool,
    /// Rendered "related courses" box.
    pub aside: String,
    /// Put the box at the end of `<main>` (as many CMS templates do) rather than after it.
    pub aside_in_main: bool,
}

/// Wraps `main` in the site's chrome.
///
/// Cookie banner and footer never contain the search terms' variants; the navigation does
/// when `nav_terms` is set, and so may the site's own name (the Institute for Healthcare
/// Improvement, King's Improvement Science): the extractor must not count either.
pub(crate) fn page(site: &SiteInfo, chrome: &Chrome<'_>, main: &str) -> String {
    let name = escape(&site.name);
    let listing = escape(&site.listing_path);
    let canonical = chrome
        .canonical
        .map(|url| format!("<link rel=\"canonical\" href=\"{}\">\n", escape(url)))
        .unwrap_or_default();
    let subject = if chrome.nav_terms {
        format!(
            "<li><a href=\"{listing}?subject=quality-improvement\">Quality improvement and implementation science courses</a></li>"
        )
    } else {
        String::new()
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title} | {name}</title>\n{canonical}{head}</head>\n<body>\n\
<div id=\"cookie-banner\" class=\"cookie-banner\" role=\"dialog\" aria-label=\"Cookies\">\
<p>We use cookies to make this website work and to understand how you use it. \
You can accept all cookies or manage your preferences.</p>\
<button type=\"button\">Accept all cookies</button> <a href=\"/cookies/\">Cookie settings</a></div>\n\
<header class=\"site-header\"><a class=\"logo\" href=\"/\">{name}</a>\n\
<nav class=\"main-nav\" aria-label=\"Main\"><ul><li><a href=\"/\">Home</a></li>\
<li><a href=\"{listing}\">Courses</a></li>{subject}<li><a href=\"/about/\">About us</a></li>\
<li><a href=\"/news/\">News</a></li><li><a href=\"/contact/\">Contact us</a></li></ul></nav></header>\n\
<main id=\"main-content\">\n{main}\n{inner}</main>\n{outer}\
<footer class=\"site-footer\"><p>&copy; 2014 {name}. All rights reserved.</p>\
<ul><li><a href=\"/privacy/\">Privacy notice</a></li><li><a href=\"/accessibility/\">Accessibility</a></li>\
<li><a href=\"/cookies/\">Cookies</a></li><li><a href=\"/contact/\">Contact us</a></li></ul>\
<p>Follow us on social media for news and events.</p></footer>\n</body>\n</html>\n",
        title = escape(chrome.title),
        head = chrome.head,
        inner = if chrome.aside_in_main { chrome.aside.as_str() } else { "" },
        outer = if chrome.aside_in_main { "" } else { chrome.aside.as_str() },
    )
}
