//! One parse and one walk of an HTML page: everything the sources need, boilerplate removed.
//!
//! The page is parsed once with scraper and walked once (`walk`, iteratively, so deeply
//! nested input cannot overflow the stack). Subtrees that are navigation, site headers and
//! footers, asides, cookie banners, forms or "related courses" boxes (`boilerplate`) are
//! skipped whole: their words never reach a fact, the description or the matched terms.
//! Labelled values are read by `labels`.

mod boilerplate;
mod labels;
mod walk;

use scraper::{Html, Selector};

use crate::labels::Field;
use crate::text::collapse_ws;

use walk::Walk;
pub(crate) use walk::text_of;

/// A run of visible text between block boundaries.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub text: String,
    /// `Some(n)` for an `<hn>` heading.
    pub heading: Option<u8>,
    /// The block is (inside) a list item.
    pub list_item: bool,
}

/// How a labelled value was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelledBy {
    /// A label element followed by its value (`dt`/`dd`, `th`/`td`, `<strong>Fees:</strong> …`).
    Element,
    /// An element whose class or id names the field (`key-info__duration`).
    ClassName,
}

/// A value the page labels as one of the record's fields.
#[derive(Debug, Clone)]
pub(crate) struct Labelled {
    pub field: Field,
    pub label: String,
    pub value: String,
    pub by: LabelledBy,
}

/// What one walk of a page found.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// The first `<h1>` outside boilerplate.
    pub h1: Option<String>,
    /// The `<title>` element.
    pub html_title: Option<String>,
    /// `<link rel="canonical">`, when absolute.
    pub canonical: Option<String>,
    /// `<meta>` name or property (lower case) and content.
    pub meta: Vec<(String, String)>,
    /// Bodies of `application/ld+json` scripts.
    pub jsonld: Vec<String>,
    /// Visible text blocks in document order, boilerplate removed.
    pub blocks: Vec<Block>,
    pub labelled: Vec<Labelled>,
    /// Texts of badges whose class names a delivery mode (`course-data__online`).
    pub delivery_badges: Vec<String>,
    /// schema.org Course items written as microdata, as JSON-LD-shaped objects.
    pub microdata: Vec<serde_json::Value>,
    /// Headings whose text is a link: course cards on a listing page.
    pub linked_headings: usize,
    /// All headings below `<h1>`.
    pub subheadings: usize,
}

/// Longest value kept from one labelled element; sections longer than this are prose.
const MAX_VALUE: usize = 4000;

impl Page {
    /// Parses a page's HTML and walks it.
    pub(crate) fn parse(body: &str) -> Page {
        let html = Html::parse_document(body);
        Page::from_html(&html)
    }

    /// Walks a page already parsed.
    pub(crate) fn from_html(html: &Html) -> Page {
        let mut page = Page::default();
        page.read_head(html);
        let mut walk = Walk::default();
        walk.run(html, &mut page);
        page
    }

    /// Title, meta tags and JSON-LD live in `<head>` (JSON-LD sometimes in the body).
    fn read_head(&mut self, html: &Html) {
        if let Ok(sel) = Selector::parse("title") {
            self.html_title = html
                .select(&sel)
                .next()
                .map(|t| collapse_ws(&t.text().collect::<String>()))
                .filter(|t| !t.is_empty());
        }
        if let Ok(sel) = Selector::parse("link[rel=canonical][href]") {
            self.canonical = html
                .select(&sel)
                .filter_map(|l| l.value().attr("href"))
                .map(str::trim)
                .find(|h| h.starts_with("https://") || h.starts_with("http://"))
                .map(str::to_string);
        }
        if let Ok(sel) = Selector::parse("meta[content]") {
            for m in html.select(&sel) {
                let el = m.value();
                let key =
                    el.attr("property").or_else(|| el.attr("name")).or_else(|| el.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, el.attr("content")) {
                    self.meta.push((key.to_ascii_lowercase(), collapse_ws(content)));
                }
            }
        }
        if let Ok(sel) = Selector::parse("script") {
            for s in html.select(&sel) {
                let is_ld = s
                    .value()
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_ld {
                    self.jsonld.push(s.text().collect());
                }
            }
        }
    }

    /// The first non-empty content of a `<meta>` with this name or property (lower case).
    pub(crate) fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, v)| k == key && !v.is_empty()).map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_never_reaches_blocks() {
        let page = Page::parse(
            r#"<html><body><nav>Quality improvement courses</nav>
            <div class="cookie-banner">We use cookies</div>
            <main><header><h1>MSc Nursing</h1></header><p>Learn nursing.</p></main>
            <aside>Fees: £1</aside><div class="related-courses">Implementation science MSc</div>
            <footer>Improvement</footer></body></html>"#,
        );
        let all: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(all, vec!["MSc Nursing", "Learn nursing."]);
        assert_eq!(page.h1.as_deref(), Some("MSc Nursing"));
        assert!(page.labelled.is_empty());
    }

    #[test]
    fn label_value_shapes() {
        let page = Page::parse(
            r#"<main><dl><dt>Duration</dt><dd>1 year full-time</dd></dl>
            <table><tr><th>Fees</th><td>£9,250</td></tr></table>
            <table><thead><tr><th>Award</th><th>Mode of study</th></tr></thead>
            <tbody><tr><td>MSc</td><td>Part-time</td></tr></tbody></table>
            <p><strong>Entry requirements:</strong> A 2:1 degree</p>
            <div class="facts"><div><span>Location</span></div><div>Online</div></div>
            <span class="key-info__duration">2 years</span></main>"#,
        );
        let got: Vec<(Field, &str)> =
            page.labelled.iter().map(|l| (l.field, l.value.as_str())).collect();
        assert!(got.contains(&(Field::Length, "1 year full-time")), "{got:?}");
        assert!(got.contains(&(Field::Cost, "£9,250")), "{got:?}");
        assert!(got.contains(&(Field::Awards, "MSc")), "{got:?}");
        assert!(got.contains(&(Field::StudyMode, "Part-time")), "{got:?}");
        assert!(got.contains(&(Field::Entry, "A 2:1 degree")), "{got:?}");
        assert!(got.contains(&(Field::Delivery, "Online")), "{got:?}");
        assert!(got.contains(&(Field::Length, "2 years")), "{got:?}");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let body = "<div>".repeat(50_000) + "deep" + &"</div>".repeat(50_000);
        let page = Page::parse(&body);
        assert!(page.blocks.iter().any(|b| b.text == "deep"));
    }
}
