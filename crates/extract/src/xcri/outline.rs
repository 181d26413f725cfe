//! The raw text of a feed that does not parse, cut into its courses.
//!
//! A scan over the tags (not a parse: it has to get through the damage) finds each
//! `<course>…</course>` (any prefix, `<xcri:course>` too), the `provider` each course is in,
//! and the namespace declarations of the root and of each provider, which a course cut out of
//! the feed needs to parse on its own. Comments, CDATA sections, processing instructions and
//! the DTD are skipped, so a `<course>` written inside them is not one.
//!
//! XCRI-CAP courses do not nest, so a course start inside an unclosed course means the first
//! one lost its end tag: it ends where the next begins, and the damage stays in it.

use crate::normalise::{Pattern, re};

/// A namespace declaration as written: `xmlns:dc` and its value, still escaped.
pub(crate) type Declaration = (String, String);

static XMLNS: Pattern =
    Pattern::new(|| re(r#"(xmlns(?::[A-Za-z_][\w.-]*)?)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')"#));

/// A feed's courses and what they need to be read alone.
#[derive(Debug, Default)]
pub(crate) struct Outline<'t> {
    /// The root element's namespace declarations.
    pub namespaces: Vec<Declaration>,
    pub providers: Vec<ProviderHead<'t>>,
    pub courses: Vec<CourseChunk<'t>>,
}

/// A provider's start, up to its first course: its name and identifiers are in there.
#[derive(Debug)]
pub(crate) struct ProviderHead<'t> {
    /// The provider's element name as written (`provider`, `xcri:provider`).
    pub qname: &'t str,
    /// From the provider's start tag to its first course (empty until one is found).
    pub head: &'t str,
    /// The provider start tag's namespace declarations.
    pub namespaces: Vec<Declaration>,
    start: usize,
}

/// One course's text as it is in the feed.
#[derive(Debug)]
pub(crate) struct CourseChunk<'t> {
    pub text: &'t str,
    /// Byte offset of the course start tag in the feed.
    pub start: usize,
    /// Whether the course's end tag was found.
    pub closed: bool,
    /// The provider it is in (an index into [`Outline::providers`]).
    pub provider: Option<usize>,
}

/// The local part of a qualified name.
fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

/// The element name at the start of `text` (after `<` or `</`). Stops at quotes and `=` too,
/// so a stray quote inside the tag does not hide which element it is.
fn tag_name(text: &str) -> &str {
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '/' | '>' | '<' | '"' | '\'' | '='))
        .unwrap_or(text.len());
    &text[..end]
}

/// Namespace declarations in a start tag, each name once (the last wins, as a damaged tag may
/// repeat one), without the ones a parser would reject (an empty prefixed namespace, the
/// reserved `xml` and `xmlns` prefixes).
pub(crate) fn declarations(tag: &str) -> Vec<Declaration> {
    let mut out: Vec<Declaration> = Vec::new();
    for c in XMLNS.captures_iter(tag) {
        let (Some(name), Some(value)) = (c.get(1), c.get(2).or_else(|| c.get(3))) else {
            continue;
        };
        let name = name.as_str();
        let value = value.as_str().trim().replace(['\n', '\r', '\t'], " ");
        if matches!(name, "xmlns:xml" | "xmlns:xmlns") || (name != "xmlns" && value.is_empty()) {
            continue;
        }
        merge(&mut out, &[(name.to_owned(), value)]);
    }
    out
}

/// Later declarations replace earlier ones of the same name.
pub(crate) fn merge(into: &mut Vec<Declaration>, more: &[Declaration]) {
    for (name, value) in more {
        match into.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1.clone_from(value),
            None => into.push((name.clone(), value.clone())),
        }
    }
}

/// Where a construct starting at `at` ends (just past `terminator`, or the end of the text).
fn past(text: &str, at: usize, terminator: &str) -> usize {
    text[at..].find(terminator).map_or(text.len(), |e| at + e + terminator.len())
}

/// Cuts `text` into courses.
pub(crate) fn outline(text: &str) -> Outline<'_> {
    let mut out = Outline::default();
    let mut open_course: Option<usize> = None;
    let mut providers_open: Vec<usize> = Vec::new();
    let mut root_seen = false;
    let mut pos = 0;
    while let Some(rel) = text[pos..].find('<') {
        let at = pos + rel;
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            pos = past(text, at, "-->");
            continue;
        }
        if rest.starts_with("<![CDATA[") {
            pos = past(text, at, "]]>");
            continue;
        }
        if rest.starts_with("<?") {
            pos = past(text, at, "?>");
            continue;
        }
        if rest.starts_with("<!") {
            let bracket = rest.find('[');
            let close = rest.find('>');
            pos = match (bracket, close) {
                (Some(b), Some(c)) if b < c => past(text, at, "]>"),
                _ => past(text, at, ">"),
            };
            continue;
        }
        let closing = rest.starts_with("</");
        let name = tag_name(&rest[if closing { 2 } else { 1 }..]);
        let end = past(text, at, ">");
        pos = end.max(at + 1);
        if name.is_empty() {
            continue;
        }
        let provider = providers_open.last().copied();
        if closing {
            match local(name) {
                "course" => {
                    if let Some(start) = open_course.take() {
                        out.courses.push(chunk(text, start, end, true, provider));
                    }
                }
                "provider" if open_course.is_none() => {
                    providers_open.pop();
                }
                _ => {}
            }
            continue;
        }
        let tag = &text[at..end];
        let self_closing = tag.ends_with("/>");
        if !root_seen {
            root_seen = true;
            out.namespaces = declarations(tag);
        }
        match local(name) {
            "course" => {
                if let Some(start) = open_course.take() {
                    out.courses.push(chunk(text, start, at, false, provider));
                }
                if let Some(p) = provider.and_then(|p| out.providers.get_mut(p))
                    && p.head.is_empty()
                {
                    p.head = &text[p.start..at];
                }
                if self_closing {
                    out.courses.push(chunk(text, at, end, true, provider));
                } else {
                    open_course = Some(at);
                }
            }
            "provider" if open_course.is_none() && !self_closing => {
                out.providers.push(ProviderHead {
                    qname: name,
                    head: "",
                    namespaces: declarations(tag),
                    start: at,
                });
                providers_open.push(out.providers.len() - 1);
            }
            _ => {}
        }
    }
    if let Some(start) = open_course {
        let provider = providers_open.last().copied();
        out.courses.push(chunk(text, start, text.len(), false, provider));
    }
    out
}

fn chunk(
    text: &str,
    start: usize,
    end: usize,
    closed: bool,
    provider: Option<usize>,
) -> CourseChunk<'_> {
    CourseChunk { text: &text[start..end], start, closed, provider }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn courses_are_cut_out_with_their_provider() {
        let text = r#"<catalog xmlns="http://xcri.org/profiles/1.2/catalog" xmlns:dc='http://purl.org/dc/elements/1.1/'>
<provider xmlns:mlo="http://purl.org/net/mlo"><dc:title>Uni</dc:title>
<course><dc:title>A</dc:title><!-- <course> --><venue><provider><dc:title>Hall</dc:title></provider></venue></course>
<course"><dc:title>B</dc:title></course>
<xcri:course><dc:title>C</dc:title>
<course/>
<course><![CDATA[</course>]]><dc:title>E</dc:title>"#;
        let o = outline(text);
        assert_eq!(
            o.namespaces,
            vec![
                ("xmlns".to_owned(), "http://xcri.org/profiles/1.2/catalog".to_owned()),
                ("xmlns:dc".to_owned(), "http://purl.org/dc/elements/1.1/".to_owned()),
            ]
        );
        assert_eq!(o.providers.len(), 1);
        assert_eq!(
            o.providers[0].head.trim_end(),
            r#"<provider xmlns:mlo="http://purl.org/net/mlo"><dc:title>Uni</dc:title>"#
        );
        assert_eq!(o.providers[0].namespaces.len(), 1);
        let summary: Vec<(bool, Option<usize>, &str)> = o
            .courses
            .iter()
            .map(|c| (c.closed, c.provider, &c.text[..c.text.len().min(12)]))
            .collect();
        assert_eq!(
            summary,
            vec![
                (true, Some(0), "<course><dc:"),
                (true, Some(0), "<course\"><dc"),
                (false, Some(0), "<xcri:course"),
                (true, Some(0), "<course/>"),
                (false, Some(0), "<course><![C"),
            ]
        );
        assert!(o.courses[0].text.ends_with("</venue></course>"));
    }

    #[test]
    fn hostile_text_does_not_panic() {
        for text in ["<", "</", "<course", "<!--", "<![CDATA[", "<!DOCTYPE [", "<é<course>é"] {
            let _ = outline(text);
        }
    }
}
