//! Text elements to plain text, however the feed wrote their HTML.
//!
//! Feeds put HTML in descriptions three ways: real XHTML child elements
//! (`<xhtml:div><xhtml:p>…`), escaped HTML (`&lt;p&gt;Learn &lt;a href=…&gt;more&lt;/a&gt;`),
//! and HTML inside CDATA sections. The XML parser turns the last two into text that still has
//! tags in it, so a text node that looks like HTML is parsed again as an HTML fragment
//! (html5ever, through `scraper`, which also decodes every HTML entity). Either way block
//! elements (`p`, `div`, `li`, `br`, headings, rows) end a line and inline ones (`a`, `em`) do
//! not; whitespace inside a line is collapsed, empty lines dropped.
//!
//! Both walks are iterative, so hostile nesting cannot overflow the stack.

use ego_tree::iter::Edge;
use roxmltree::Node;

use crate::normalise::{Pattern, re};
use crate::text::collapse_ws;

/// Markup inside text: a tag of an HTML element, or an entity reference. Only real HTML
/// element names count, so "IELTS < 6.5 > 5" or "<5 years>" stay words.
static LOOKS_LIKE_HTML: Pattern = Pattern::new(|| {
    re(
        r"(?i)<\s*/?\s*(?:p|br|div|span|a|ul|ol|li|b|i|u|em|strong|h[1-6]|table|tbody|thead|tr|td|th|font|img|sup|sub|blockquote|hr|dl|dt|dd|section|article|small|big|pre|code|center|cite|q|s|strike|del|ins|abbr)\b[^<>]*>|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});",
    )
});

/// HTML elements that do not break a line. Everything else does, including the XCRI-CAP
/// structure elements a text element might (wrongly) contain.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "big", "cite", "code", "em", "font", "i", "q", "s", "small", "span",
    "strike", "strong", "sub", "sup", "u", "del", "ins", "label", "time",
];

/// Elements whose content is not text a reader sees. (Not `title`: XCRI-CAP's titles are text.)
const HIDDEN: &[&str] = &["script", "style", "head", "noscript", "template"];

/// How many times escaped HTML is unescaped: feeds escaped twice (`&amp;lt;p&amp;gt;`) by two
/// layers of a publishing system are common; more layers are not.
const MAX_UNESCAPES: usize = 2;

/// The element's text on one line: titles, modes, costs, codes.
pub(crate) fn inline(node: Node<'_, '_>) -> String {
    collapse_ws(&raw(node))
}

/// The element's text with one line per paragraph or list item: descriptions.
pub(crate) fn blocks(node: Node<'_, '_>) -> String {
    tidy(&raw(node))
}

/// Text with block boundaries as newlines and whitespace not yet collapsed.
fn raw(node: Node<'_, '_>) -> String {
    let mut out = String::new();
    let mut hidden: Option<Node<'_, '_>> = None;
    walk(node, |edge| match edge {
        XmlEdge::Open(_) if hidden.is_some() => {}
        XmlEdge::Open(n) => {
            if n.is_element() {
                let name = n.tag_name().name();
                if is_hidden(name) {
                    hidden = Some(n);
                } else if !is_inline(name) {
                    out.push('\n');
                }
            } else if let Some(t) = n.text().filter(|_| n.is_text()) {
                push_text(t, &mut out, 0);
            }
        }
        XmlEdge::Close(n) => {
            if hidden == Some(n) {
                hidden = None;
            } else if hidden.is_none() && n.is_element() && !is_inline(n.tag_name().name()) {
                out.push('\n');
            }
        }
    });
    out
}

/// Text, or the text of the HTML it carries.
fn push_text(text: &str, out: &mut String, unescapes: usize) {
    if unescapes < MAX_UNESCAPES && LOOKS_LIKE_HTML.is_match(text) {
        html_fragment(text, out, unescapes + 1);
    } else {
        push_words(text, out);
    }
}

/// Text as words: its line breaks are only whitespace (block elements make lines).
fn push_words(text: &str, out: &mut String) {
    out.extend(text.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }));
}

/// An HTML fragment's visible text, block boundaries as newlines.
fn html_fragment(html: &str, out: &mut String, unescapes: usize) {
    let fragment = scraper::Html::parse_fragment(html);
    let mut hidden = 0usize;
    for edge in fragment.tree.root().traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                scraper::Node::Element(e) if hidden > 0 || is_hidden(e.name()) => hidden += 1,
                scraper::Node::Element(e) if !is_inline(e.name()) => out.push('\n'),
                scraper::Node::Text(t) if hidden == 0 => {
                    // Decoded once already; what still looks like HTML was escaped twice.
                    let text: &str = t;
                    if LOOKS_LIKE_HTML.is_match(text) && unescapes < MAX_UNESCAPES {
                        html_fragment(text, out, unescapes + 1);
                    } else {
                        push_words(text, out);
                    }
                }
                _ => {}
            },
            Edge::Close(n) => match n.value() {
                scraper::Node::Element(_) if hidden > 0 => hidden -= 1,
                scraper::Node::Element(e) if !is_inline(e.name()) => out.push('\n'),
                _ => {}
            },
        }
    }
}

fn is_inline(name: &str) -> bool {
    INLINE.iter().any(|i| i.eq_ignore_ascii_case(name))
}

fn is_hidden(name: &str) -> bool {
    HIDDEN.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// One line per block, whitespace collapsed, no empty lines.
fn tidy(raw: &str) -> String {
    let lines: Vec<String> = raw.split('\n').map(collapse_ws).filter(|l| !l.is_empty()).collect();
    lines.join("\n")
}

/// An open or close event of a depth-first walk.
enum XmlEdge<'a, 'i> {
    Open(Node<'a, 'i>),
    Close(Node<'a, 'i>),
}

/// Depth-first over `root` and its descendants, without recursion.
fn walk<'a, 'i>(root: Node<'a, 'i>, mut visit: impl FnMut(XmlEdge<'a, 'i>)) {
    let mut node = root;
    loop {
        visit(XmlEdge::Open(node));
        if let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        loop {
            visit(XmlEdge::Close(node));
            if node == root {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_child_text(xml: &str, f: fn(Node<'_, '_>) -> String) -> String {
        let doc = roxmltree::Document::parse(xml).expect("test XML parses");
        doc.root_element().first_element_child().map(f).unwrap_or_default()
    }

    #[test]
    fn xhtml_children_become_lines() {
        let xml = r#"<c xmlns:x="http://www.w3.org/1999/xhtml"><d><x:div><x:p>Learn
            <x:a href="/m">more</x:a>.</x:p><x:ul><x:li>One</x:li><x:li>Two</x:li></x:ul>A<x:br/>B</x:div></d></c>"#;
        assert_eq!(first_child_text(xml, blocks), "Learn more.\nOne\nTwo\nA\nB");
        assert_eq!(first_child_text(xml, inline), "Learn more. One Two A B");
    }

    #[test]
    fn escaped_html_is_parsed_again() {
        let xml = "<c><d>&lt;p&gt;Learn &lt;a href=\"/x\"&gt;more&lt;/a&gt;&lt;br /&gt;now&amp;nbsp;&amp;pound;5&lt;/p&gt;</d></c>";
        assert_eq!(first_child_text(xml, blocks), "Learn more\nnow £5");
    }

    #[test]
    fn cdata_html_and_double_escaping() {
        let xml = "<c><d><![CDATA[<p>One &amp; two</p><script>x()</script><p>Three</p>]]></d></c>";
        assert_eq!(first_child_text(xml, blocks), "One & two\nThree");
        let xml = "<c><d>&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt; text</d></c>";
        assert_eq!(first_child_text(xml, blocks), "Bold text");
    }

    #[test]
    fn plain_text_is_left_alone() {
        let xml = "<c><d>  IELTS &lt; 6.5 and R&amp;D,\n two   lines </d></c>";
        assert_eq!(first_child_text(xml, blocks), "IELTS < 6.5 and R&D, two lines");
    }
}
