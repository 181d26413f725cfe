//! A site's own search, found on its home page, for providers whose seeds name none.
//!
//! The national seeds start most providers at the home page alone. A university's search
//! box reaches course pages that its listings bury several clicks deep, so a crawl asks the
//! site's search for each term, as a seeded `search` template would. Two ways a home page
//! advertises its search, both read here:
//!
//! - an OpenSearch description (`<link rel="search" type="application/opensearchdescription+xml">`),
//!   the site's own statement of its search URL: preferred, at the cost of one request;
//! - the search form: a `GET` form marked as search (`role="search"`, a `search` class, id or
//!   action, or an `<input type="search">`) with one text field for the words. Its hidden
//!   fields (a Funnelback `collection`, say) are kept, since the search needs them.
//!
//! Forms that post, log in or need more than one text field are not searches a crawler
//! should fill.

use scraper::{ElementRef, Html, Selector};
use url::Url;

use crate::discover::{base_url, select};

use coursemap_seeds::TERM_PLACEHOLDER;

/// What a home page says about its site's search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteSearch {
    /// An OpenSearch description to fetch; its template is then read by [`opensearch_template`].
    Description(Url),
    /// A results-page URL template with [`TERM_PLACEHOLDER`] where the words go.
    Form(String),
}

/// Names a search form's words field commonly has, best first, for forms whose field is a
/// plain text input rather than `type="search"`.
const WORD_FIELDS: [&str; 10] =
    ["q", "query", "search", "s", "keywords", "keyword", "term", "terms", "searchterm", "k"];

/// The site search a home page advertises, the OpenSearch description first.
pub fn site_search(html: &str, page_url: &Url) -> Option<SiteSearch> {
    let document = Html::parse_document(html);
    let base = base_url(&document, page_url);
    let description = select(&document, "link[rel][href]").find_map(|link| {
        let rel = link.value().attr("rel")?;
        let kind = link.value().attr("type").unwrap_or_default();
        let is_opensearch = rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("search"))
            && kind.trim().eq_ignore_ascii_case("application/opensearchdescription+xml");
        is_opensearch.then(|| base.join(link.value().attr("href")?.trim()).ok()).flatten()
    });
    if let Some(url) = description.filter(|url| matches!(url.scheme(), "http" | "https")) {
        return Some(SiteSearch::Description(url));
    }
    select(&document, "form").find_map(|form| form_template(form, &base)).map(SiteSearch::Form)
}

/// The results-page template of a `GET` search form, if `form` is one.
fn form_template(form: ElementRef<'_>, base: &Url) -> Option<String> {
    let attrs = form.value();
    if attrs.attr("method").is_some_and(|m| !m.trim().eq_ignore_ascii_case("get")) {
        return None;
    }
    let action = attrs.attr("action").map(str::trim).unwrap_or_default();
    let mut target = if action.is_empty() { base.clone() } else { base.join(action).ok()? };
    if !matches!(target.scheme(), "http" | "https") {
        return None;
    }
    let inputs: Vec<ElementRef<'_>> = select_in(form, "input[name]").collect();
    let type_of = |input: &ElementRef<'_>| {
        input.value().attr("type").map(|t| t.trim().to_ascii_lowercase()).unwrap_or_default()
    };
    if inputs.iter().any(|input| type_of(input) == "password") {
        return None;
    }
    let words: Vec<&ElementRef<'_>> = inputs
        .iter()
        .filter(|input| matches!(type_of(input).as_str(), "" | "text" | "search"))
        .collect();
    let field = match words.as_slice() {
        [only] => *only,
        _ => {
            let by_type = words.iter().find(|input| type_of(input) == "search");
            let by_name = || {
                WORD_FIELDS.iter().find_map(|name| {
                    words.iter().find(|input| {
                        input.value().attr("name").is_some_and(|n| n.eq_ignore_ascii_case(name))
                    })
                })
            };
            *by_type.or_else(by_name)?
        }
    };
    let name = field.value().attr("name")?.trim();
    let marked =
        |value: Option<&str>| value.is_some_and(|v| v.to_ascii_lowercase().contains("search"));
    let is_search = attrs.attr("role").is_some_and(|r| r.trim().eq_ignore_ascii_case("search"))
        || marked(attrs.attr("class"))
        || marked(attrs.attr("id"))
        || marked(Some(target.path()))
        || type_of(field) == "search"
        || form.ancestors().filter_map(ElementRef::wrap).any(|parent| {
            parent.value().attr("role").is_some_and(|r| r.eq_ignore_ascii_case("search"))
        });
    if !is_search || name.is_empty() {
        return None;
    }
    let hidden: Vec<(&str, &str)> = inputs
        .iter()
        .filter(|input| type_of(input) == "hidden")
        .filter_map(|input| Some((input.value().attr("name")?, input.value().attr("value")?)))
        .collect();
    // A GET form replaces the action's query with its fields.
    target.set_query(None);
    target.set_fragment(None);
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in hidden {
        query.append_pair(key, value);
    }
    let fixed = query.finish();
    let words_pair = url::form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>();
    let separator = if fixed.is_empty() { "" } else { "&" };
    Some(format!("{target}?{fixed}{separator}{words_pair}={TERM_PLACEHOLDER}"))
}

/// The HTML results template of an OpenSearch description, with [`TERM_PLACEHOLDER`] for
/// `{searchTerms}`; optional parameters (`{startPage?}`) are left empty. `None` when the
/// description has no HTML template, or one that needs a parameter a crawler cannot know.
pub fn opensearch_template(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    // html5ever reads the XML leniently; element and attribute names come out lower-cased.
    let document = Html::parse_document(&text);
    let template = select(&document, "url[template]").find_map(|url| {
        let kind = url.value().attr("type").unwrap_or("text/html").trim().to_ascii_lowercase();
        let html = kind == "text/html" || kind == "application/xhtml+xml";
        html.then(|| url.value().attr("template")).flatten()
    })?;
    let template = template.trim();
    if !template.contains("{searchTerms}") {
        return None;
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}')?;
        let parameter = &rest[open + 1..close];
        if parameter == "searchTerms" {
            out.push_str(TERM_PLACEHOLDER);
        } else if !parameter.ends_with('?') {
            return None; // a required parameter (a count, a language) we cannot fill
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    let sample = out.replace(TERM_PLACEHOLDER, "x");
    Url::parse(&sample).ok().filter(|url| matches!(url.scheme(), "http" | "https"))?;
    Some(out)
}

fn select_in<'a>(
    element: ElementRef<'a>,
    css: &'static str,
) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    let selector = Selector::parse(css).unwrap_or_else(|err| panic!("selector {css}: {err}"));
    element.select(&selector).collect::<Vec<_>>().into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home() -> Url {
        Url::parse("https://www.example.ac.uk/").expect("test url")
    }

    fn form(html: &str) -> Option<String> {
        match site_search(html, &home()) {
            Some(SiteSearch::Form(template)) => Some(template),
            other => {
                assert!(other.is_none(), "{other:?}");
                None
            }
        }
    }

    #[test]
    fn an_opensearch_description_is_preferred_to_the_form() {
        let html = r#"<html><head><link rel="search" type="application/opensearchdescription+xml"
            title="Search" href="/opensearch.xml"></head><body><form role="search" action="/search">
            <input name="q"></form></body></html>"#;
        assert_eq!(
            site_search(html, &home()),
            Some(SiteSearch::Description(
                Url::parse("https://www.example.ac.uk/opensearch.xml").expect("test url")
            ))
        );
    }

    #[test]
    fn search_forms_as_universities_write_them() {
        // A plain header search box.
        assert_eq!(
            form(
                r#"<form action="/search" method="get"><input type="text" name="query"><button>Go</button></form>"#
            ),
            Some("https://www.example.ac.uk/search?query={term}".to_owned())
        );
        // Funnelback: a hidden collection the search needs, and a role on a wrapper.
        assert_eq!(
            form(r#"<div role="search"><form action="https://search.example.ac.uk/s/search.html">
                <input type="hidden" name="collection" value="uni~sp-courses">
                <input name="query" type="text"></form></div>"#),
            Some("https://search.example.ac.uk/s/search.html?collection=uni%7Esp-courses&query={term}".to_owned())
        );
        // WordPress: the form posts back to the home page with `s`.
        assert_eq!(
            form(r#"<form class="search-form" action="/"><input type="search" name="s"></form>"#),
            Some("https://www.example.ac.uk/?s={term}".to_owned())
        );
        // Two text fields: the words are the one typed as search.
        assert_eq!(
            form(
                r#"<form action="/courses/find"><input name="subject"><input type="search" name="kw"></form>"#
            ),
            Some("https://www.example.ac.uk/courses/find?kw={term}".to_owned())
        );
    }

    #[test]
    fn forms_that_are_not_a_site_search_are_left_alone() {
        // Posted, logging in, or not marked as search anywhere.
        assert_eq!(form(r#"<form action="/search" method="post"><input name="q"></form>"#), None);
        assert_eq!(
            form(
                r#"<form action="/search"><input name="user"><input type="password" name="pw"></form>"#
            ),
            None
        );
        assert_eq!(form(r#"<form action="/newsletter"><input name="email"></form>"#), None);
        assert_eq!(
            form(r#"<form action="javascript:void(0)" role="search"><input name="q"></form>"#),
            None
        );
        assert_eq!(form("<p>No form at all</p>"), None);
    }

    #[test]
    fn opensearch_templates_are_read_and_unfillable_ones_refused() {
        let description = br#"<?xml version="1.0" encoding="UTF-8"?>
            <OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
              <ShortName>Example</ShortName>
              <Url type="application/rss+xml" template="https://www.example.ac.uk/rss?q={searchTerms}"/>
              <Url type="text/html" method="get"
                   template="https://www.example.ac.uk/search?q={searchTerms}&amp;page={startPage?}"/>
            </OpenSearchDescription>"#;
        assert_eq!(
            opensearch_template(description).as_deref(),
            Some("https://www.example.ac.uk/search?q={term}&page=")
        );
        let needs_count = br#"<OpenSearchDescription><Url type="text/html"
            template="https://www.example.ac.uk/search?q={searchTerms}&amp;n={count}"/></OpenSearchDescription>"#;
        assert_eq!(opensearch_template(needs_count), None);
        assert_eq!(opensearch_template(b"not xml at all {searchTerms"), None);
        assert_eq!(opensearch_template(&[0xff, 0xfe, 0x00]), None);
    }
}
