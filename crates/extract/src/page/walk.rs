//! The one walk of a parsed page: visible text into blocks, label elements and class-named
//! sections noted, microdata roots found, boilerplate subtrees skipped whole. Iterative, so
//! deeply nested input cannot overflow the stack.

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::boilerplate::is_boilerplate;
use super::labels::{resolve_labels, section_value};
use super::{Block, Labelled, LabelledBy, MAX_VALUE, Page};
use crate::labels::{Field, field_for_class, field_for_label};
use crate::text::collapse_ws;

/// Elements at whose edges a run of visible text ends.
pub(super) const BLOCK_TAGS: &[&str] = &[
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

/// Class names of badges that name a delivery mode.
const DELIVERY_BADGES: &[&str] =
    &["on campus", "online", "distance learning", "blended", "distance"];

/// An open element whose class or id names a field: its blocks become that field's value.
struct HintFrame {
    node: NodeId,
    field: Field,
    label: String,
    block_start: usize,
}

/// The walk's state between one edge of the tree and the next.
#[derive(Default)]
pub(super) struct Walk {
    buffer: String,
    heading: Option<u8>,
    hints: Vec<HintFrame>,
    label_nodes: Vec<(NodeId, Field, String)>,
    microdata_roots: Vec<NodeId>,
    list_depth: usize,
    heading_has_link: bool,
    /// How many `<main>` or `<article>` elements are open.
    content_depth: usize,
    /// The microdata course item being walked, if any (items inside it are its own).
    open_microdata: Option<NodeId>,
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

    /// Walks the whole document into `page`, then resolves the label elements' values and
    /// reads the microdata items found.
    pub(super) fn run(&mut self, html: &Html, page: &mut Page) {
        let mut skip_until: Option<NodeId> = None;
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip_until.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.buffer.push_str(t),
                        Node::Element(el) => {
                            if is_boilerplate(el, self.content_depth > 0) {
                                skip_until = Some(node.id());
                                continue;
                            }
                            self.open_element(node, el, page);
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
                        self.close_element(node, el, page);
                    }
                }
            }
        }
        self.flush(page);
        resolve_labels(html, std::mem::take(&mut self.label_nodes), page);
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
    ) {
        let tag = el.name();
        if tag == "main" || tag == "article" {
            self.content_depth += 1;
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
        if self.open_microdata.is_none()
            && el.attr("itemscope").is_some()
            && el.attr("itemtype").is_some_and(crate::microdata::is_course_type)
        {
            self.open_microdata = Some(node.id());
            self.microdata_roots.push(node.id());
        }
        self.read_class_names(node, el, page);
        if could_be_label(tag)
            && let Some(text) = short_text(node, 60)
            && let Some(field) = field_for_label(&text)
                .or_else(|| crate::labels::is_mode_label(&text).then_some(Field::Length))
        {
            self.label_nodes.push((node.id(), field, text));
        }
    }

    /// Class names and ids that name a delivery badge (`course-data__online`) or a field's
    /// section (`key-info__duration`; the first such name counts).
    fn read_class_names(
        &mut self,
        node: NodeRef<'_, Node>,
        el: &scraper::node::Element,
        page: &mut Page,
    ) {
        let names = el.attr("class").into_iter().chain(el.attr("id"));
        let mut hinted = false;
        for token in names.flat_map(str::split_whitespace) {
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
                    label: words,
                    block_start: page.blocks.len(),
                });
                hinted = true;
            }
        }
    }

    fn close_element(
        &mut self,
        node: NodeRef<'_, Node>,
        el: &scraper::node::Element,
        page: &mut Page,
    ) {
        let tag = el.name();
        let closes_hint = self.hints.last().is_some_and(|h| h.node == node.id());
        if BLOCK_TAGS.contains(&tag) || closes_hint {
            self.flush(page);
        }
        if heading_level(tag).is_some() {
            self.close_heading(tag, page);
        }
        if tag == "li" {
            self.list_depth = self.list_depth.saturating_sub(1);
        }
        if (tag == "main" || tag == "article") && self.content_depth > 0 {
            self.content_depth -= 1;
        }
        if self.open_microdata == Some(node.id()) {
            self.open_microdata = None;
        }
        if closes_hint
            && let Some(frame) = self.hints.pop()
            && let Some(value) = section_value(frame.field, &page.blocks[frame.block_start..])
        {
            page.labelled.push(Labelled {
                field: frame.field,
                label: frame.label,
                value,
                by: LabelledBy::ClassName,
            });
        }
    }

    fn close_heading(&mut self, tag: &str, page: &mut Page) {
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
}

/// Elements whose short text may be a label ("Duration", "<strong>Fees:</strong>").
fn could_be_label(tag: &str) -> bool {
    matches!(
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
    )
}

/// The level of an `<hn>` heading tag.
pub(super) fn heading_level(tag: &str) -> Option<u8> {
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
    let mut skip: Option<NodeId> = None;
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
