//! One parse and one walk of an HTML page: everything the sources need, boilerplate removed.
//!
//! The page is parsed once with scraper and walked once (iteratively, so deeply nested input
//! cannot overflow the stack). Subtrees that are navigation, site headers and footers, asides,
//! cookie banners, forms or "related courses" boxes are skipped whole: their words never reach
//! a fact, the description or the matched terms.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{Html, Node, Selector};

use crate::labels::{Field, field_for_class, field_for_label, is_exact_label};
use crate::text::collapse_ws;

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

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "hr",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "address",
    "details",
    "summary",
    "header",
    "footer",
    "body",
    "caption",
];

/// Elements whose subtree is never content.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "form", "iframe", "select", "option",
    "textarea", "button", "dialog", "canvas", "object", "video", "audio", "map", "nav", "aside",
    "head",
];

/// Class or id fragments that mark boilerplate boxes.
const BOILERPLATE_FRAGMENTS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "related",
    "similar",
    "recommend",
    "breadcrumb",
    "navbar",
    "megamenu",
    "mega-menu",
    "newsletter",
    "modal",
    "popup",
    "site-footer",
    "site-header",
    "skip-link",
    "social",
    "advert",
    "you-may-also",
    "also-like",
    "other-courses",
    "more-courses",
    "share-",
];

/// Class names of badges that name a delivery mode.
const DELIVERY_BADGES: &[&str] =
    &["on campus", "online", "distance learning", "blended", "distance"];

impl Page {
    pub(crate) fn parse(body: &str) -> Page {
        let html = Html::parse_document(body);
        Page::from_html(&html)
    }

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

    pub(crate) fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, v)| k == key && !v.is_empty()).map(|(_, v)| v.as_str())
    }
}

/// Is this element the root of a boilerplate subtree?
fn is_boilerplate(el: &scraper::node::Element, inside_content: bool) -> bool {
    let tag = el.name();
    if SKIP_TAGS.contains(&tag) {
        return true;
    }
    // A <header>/<footer> inside <main> or <article> is the content's own heading or notes.
    if (tag == "header" || tag == "footer") && !inside_content {
        return true;
    }
    // Hidden tab panels and closed accordions are content a click away, so they stay.
    if let Some(role) = el.attr("role") {
        let role = role.to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "navigation" | "contentinfo" | "complementary" | "search" | "dialog" | "alertdialog"
        ) || (role == "banner" && !inside_content)
        {
            return true;
        }
    }
    let names = el.attr("class").into_iter().chain(el.attr("id"));
    for name in names {
        for token in name.split_whitespace() {
            let t = token.to_ascii_lowercase();
            if BOILERPLATE_FRAGMENTS.iter().any(|f| t.contains(f)) {
                return true;
            }
            if matches!(t.as_str(), "nav" | "menu" | "footer" | "masthead" | "share" | "sharing")
                || t.starts_with("nav-")
                || t.starts_with("menu-")
                || t.ends_with("-nav")
                || t.ends_with("-menu")
                || t.ends_with("__nav")
                || t.ends_with("__menu")
            {
                return true;
            }
        }
    }
    false
}

struct HintFrame {
    node: ego_tree::NodeId,
    field: Field,
    label: String,
    block_start: usize,
}

#[derive(Default)]
struct Walk {
    buffer: String,
    heading: Option<u8>,
    hints: Vec<HintFrame>,
    label_nodes: Vec<(ego_tree::NodeId, Field, String)>,
    microdata_roots: Vec<ego_tree::NodeId>,
    list_depth: usize,
    heading_has_link: bool,
}

impl Walk {
    fn flush(&mut self, page: &mut Page) {
        if self.buffer.trim().is_empty() {
            self.buffer.clear();
            return;
        }
        let text = collapse_ws(&self.buffer);
        self.buffer.clear();
        page.blocks.push(Block { text, heading: self.heading, list_item: self.list_depth > 0 });
    }

    fn run(&mut self, html: &Html, page: &mut Page) {
        let mut skip_until: Option<ego_tree::NodeId> = None;
        let mut content_depth = 0usize;
        let mut microdata_depth: Option<ego_tree::NodeId> = None;
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip_until.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.buffer.push_str(t),
                        Node::Element(el) => {
                            if is_boilerplate(el, content_depth > 0) {
                                skip_until = Some(node.id());
                                continue;
                            }
                            self.open_element(
                                node,
                                el,
                                page,
                                &mut content_depth,
                                &mut microdata_depth,
                            );
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = skip_until {
                        if id == node.id() {
                            skip_until = None;
                        }
                        continue;
                    }
                    if let Node::Element(el) = node.value() {
                        self.close_element(
                            node,
                            el,
                            page,
                            &mut content_depth,
                            &mut microdata_depth,
                        );
                    }
                }
            }
        }
        self.flush(page);
        self.resolve_labels(html, page);
        for root in std::mem::take(&mut self.microdata_roots) {
            if let Some(node) = html.tree.get(root) {
                page.microdata.push(crate::microdata::item(node, 0));
            }
        }
    }

    fn open_element(
        &mut self,
        node: NodeRef<'_, Node>,
        el: &scraper::node::Element,
        page: &mut Page,
        content_depth: &mut usize,
        microdata_depth: &mut Option<ego_tree::NodeId>,
    ) {
        let tag = el.name();
        if tag == "main" || tag == "article" {
            *content_depth += 1;
        }
        if BLOCK_TAGS.contains(&tag) {
            self.flush(page);
        }
        if let Some(level) = heading_level(tag) {
            self.heading = Some(level);
        }
        if tag == "li" {
            self.list_depth += 1;
        }
        if tag == "a" && self.heading.is_some() && el.attr("href").is_some() {
            self.heading_has_link = true;
        }
        if microdata_depth.is_none()
            && el.attr("itemscope").is_some()
            && el.attr("itemtype").is_some_and(crate::microdata::is_course_type)
        {
            *microdata_depth = Some(node.id());
            self.microdata_roots.push(node.id());
        }
        let names = el.attr("class").into_iter().chain(el.attr("id"));
        let mut hinted = false;
        for name in names {
            for token in name.split_whitespace() {
                let last = token.rsplit("__").next().unwrap_or(token);
                let words = crate::labels::normalise_label(&last.replace(['-', '_'], " "));
                if DELIVERY_BADGES.contains(&words.as_str())
                    && let Some(text) = short_text(node, 60)
                {
                    page.delivery_badges.push(text);
                }
                if !hinted && let Some(field) = field_for_class(token) {
                    self.flush(page);
                    self.hints.push(HintFrame {
                        node: node.id(),
                        field,
                        // Evidence reads "entry requirements: …", not the class name.
                        label: words.clone(),
                        block_start: page.blocks.len(),
                    });
                    hinted = true;
                }
            }
        }
        if matches!(
            tag,
            "dt" | "th"
                | "td"
                | "strong"
                | "b"
                | "span"
                | "label"
                | "p"
                | "div"
                | "li"
                | "em"
                | "summary"
        ) && let Some(text) = short_text(node, 60)
            && let Some(field) = field_for_label(&text)
                .or_else(|| crate::labels::is_mode_label(&text).then_some(Field::Length))
        {
            self.label_nodes.push((node.id(), field, text));
        }
    }

    fn close_element(
        &mut self,
        node: NodeRef<'_, Node>,
        el: &scraper::node::Element,
        page: &mut Page,
        content_depth: &mut usize,
        microdata_depth: &mut Option<ego_tree::NodeId>,
    ) {
        let tag = el.name();
        if BLOCK_TAGS.contains(&tag) || self.hints.last().is_some_and(|h| h.node == node.id()) {
            self.flush(page);
        }
        if heading_level(tag).is_some() {
            if page.h1.is_none()
                && tag == "h1"
                && let Some(last) = page.blocks.last()
                && last.heading == Some(1)
            {
                page.h1 = Some(last.text.clone());
            }
            self.heading = None;
            if std::mem::take(&mut self.heading_has_link) {
                page.linked_headings += 1;
            }
            if tag != "h1" {
                page.subheadings += 1;
            }
        }
        if tag == "li" {
            self.list_depth = self.list_depth.saturating_sub(1);
        }
        if (tag == "main" || tag == "article") && *content_depth > 0 {
            *content_depth -= 1;
        }
        if *microdata_depth == Some(node.id()) {
            *microdata_depth = None;
        }
        if self.hints.last().is_some_and(|h| h.node == node.id())
            && let Some(frame) = self.hints.pop()
        {
            let mut parts: Vec<&str> = Vec::new();
            for (i, block) in page.blocks[frame.block_start..].iter().enumerate() {
                // The section's own heading ("Entry Requirements") is the label, not the value.
                if i == 0 && block.heading.is_some() && field_for_label(&block.text).is_some() {
                    continue;
                }
                // A description ends at its first sub-heading ("What you will study").
                if frame.field == Field::Description && block.heading.is_some() {
                    if parts.is_empty() {
                        continue;
                    }
                    break;
                }
                if frame.field == Field::Topics && block.heading.is_some() {
                    continue;
                }
                parts.push(&block.text);
            }
            let value = parts.join("\n");
            if !value.trim().is_empty() && value.len() <= MAX_VALUE {
                page.labelled.push(Labelled {
                    field: frame.field,
                    label: frame.label,
                    value,
                    by: LabelledBy::ClassName,
                });
            }
        }
    }

    /// Finds the value of each label element: the next sibling (`dd`, `td`, a value `span`),
    /// the text that follows it inline, or the cell below it in a column table.
    fn resolve_labels(&mut self, html: &Html, page: &mut Page) {
        for (id, field, label) in std::mem::take(&mut self.label_nodes) {
            let Some(node) = html.tree.get(id) else { continue };
            let usable = |v: Option<String>| {
                v.map(|v| v.trim().trim_start_matches(':').trim().to_string())
                    .filter(|v| !v.is_empty() && v.len() <= MAX_VALUE && !is_exact_label(v))
            };
            let mut value = usable(value_after(node));
            if value.is_none()
                && let Some(parent) = node.parent()
                && only_element_child(parent, id)
            {
                value = usable(value_after(parent));
            }
            if value.is_none() {
                value = usable(column_value(node));
            }
            let Some(value) = value else { continue };
            let duplicate = page.labelled.iter().any(|l| l.field == field && l.value == value);
            if !duplicate {
                page.labelled.push(Labelled { field, label, value, by: LabelledBy::Element });
            }
        }
    }
}

fn heading_level(tag: &str) -> Option<u8> {
    match tag {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// The element's whole text if it is at most `limit` bytes, looking at no more than a few
/// dozen nodes (so asking every element costs little).
fn short_text(node: NodeRef<'_, Node>, limit: usize) -> Option<String> {
    let mut out = String::new();
    for (seen, edge) in node.traverse().enumerate() {
        if seen > 40 {
            return None;
        }
        if let Edge::Open(n) = edge {
            match n.value() {
                Node::Text(t) => {
                    out.push_str(t);
                    if out.len() > limit * 2 && collapse_ws(&out).len() > limit {
                        return None;
                    }
                }
                Node::Element(el) if matches!(el.name(), "script" | "style") => return None,
                _ => {}
            }
        }
    }
    let text = collapse_ws(&out);
    (!text.is_empty() && text.len() <= limit).then_some(text)
}

/// Visible text of a subtree with line breaks at block boundaries; scripts and boilerplate
/// skipped.
pub(crate) fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Text(t) => out.push_str(t),
                    Node::Element(el) => {
                        if n.id() != node.id() && is_boilerplate(el, true) {
                            skip = Some(n.id());
                        } else if BLOCK_TAGS.contains(&el.name()) {
                            out.push('\n');
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skip == Some(n.id()) {
                    skip = None;
                } else if skip.is_none()
                    && let Node::Element(el) = n.value()
                    && BLOCK_TAGS.contains(&el.name())
                {
                    out.push('\n');
                }
            }
        }
        if out.len() > MAX_VALUE * 2 {
            break;
        }
    }
    out.lines().map(collapse_ws).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// The text following a label: inline text siblings, or else the next element sibling.
fn value_after(node: NodeRef<'_, Node>) -> Option<String> {
    let mut inline = String::new();
    let mut sib = node.next_sibling();
    while let Some(s) = sib {
        match s.value() {
            Node::Text(t) => inline.push_str(t),
            Node::Element(el) => {
                if inline.trim().is_empty() {
                    // A container with its own labelled heading is a section, read as such.
                    if is_boilerplate(el, true) || has_label_heading(s) {
                        return None;
                    }
                    let text = text_of(s);
                    return (!text.is_empty()).then_some(text);
                }
                if BLOCK_TAGS.contains(&el.name()) {
                    break;
                }
                inline.push_str(&text_of(s));
            }
            _ => {}
        }
        sib = s.next_sibling();
    }
    let text = collapse_ws(&inline);
    (!text.is_empty()).then_some(text)
}

fn has_label_heading(node: NodeRef<'_, Node>) -> bool {
    node.descendants().take(200).any(|d| {
        matches!(d.value(), Node::Element(e) if heading_level(e.name()).is_some())
            && field_for_label(&text_of(d)).is_some()
    })
}

fn only_element_child(parent: NodeRef<'_, Node>, id: ego_tree::NodeId) -> bool {
    parent.children().all(|c| match c.value() {
        Node::Element(_) => c.id() == id,
        Node::Text(t) => t.trim().is_empty(),
        _ => true,
    })
}

/// A header cell's value in a column table: its column in every following row, each line led
/// by the row's first cell when that is another column ("Home: £9,250").
fn column_value(cell: NodeRef<'_, Node>) -> Option<String> {
    fn is_row(n: NodeRef<'_, Node>) -> bool {
        matches!(n.value(), Node::Element(e) if e.name() == "tr")
    }
    fn cells<'a>(r: NodeRef<'a, Node>) -> Vec<NodeRef<'a, Node>> {
        r.children()
            .filter(
                |c| matches!(c.value(), Node::Element(e) if e.name() == "td" || e.name() == "th"),
            )
            .collect()
    }
    let row = cell.parent()?;
    if !is_row(row) {
        return None;
    }
    let header = cells(row);
    let index = header.iter().position(|c| c.id() == cell.id())?;
    // A first column headed by a non-label ("Student") names each row; a table of labels
    // ("Award | Mode of study") has no row names.
    let row_names =
        index > 0 && header.first().is_some_and(|h| field_for_label(&text_of(*h)).is_none());
    // Following rows: siblings, then (header rows often sit in <thead>) the next sections' rows.
    let mut rows: Vec<NodeRef<'_, Node>> = row.next_siblings().filter(|n| is_row(*n)).collect();
    if let Some(section) = row.parent() {
        for next in section.next_siblings() {
            rows.extend(next.children().filter(|c| is_row(*c)));
        }
    }
    let mut lines = Vec::new();
    for r in rows.into_iter().take(50) {
        let cs = cells(r);
        let Some(value) = cs.get(index) else { continue };
        let text = text_of(*value);
        if text.is_empty() {
            continue;
        }
        match cs.first() {
            Some(head) if row_names => lines.push(format!("{}: {}", text_of(*head), text)),
            _ => lines.push(text),
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
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
