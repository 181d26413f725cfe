//! Courses read one by one from a feed that does not parse as a whole.
//!
//! Each course cut out by [`outline`](super::outline) is parsed on its own, inside a synthetic
//! root that declares the namespaces the original root and provider declared (and a stand-in
//! for any prefix nobody declared, since only local names are read) and carries the
//! enclosing provider's name, so the course reads exactly as it would in the whole feed. A
//! course that still does not parse is skipped with a warning naming its damaged line; every
//! other course survives.

use roxmltree::{Document, Node, ParsingOptions};

use super::Damage;
use super::lines::LineIndex;
use super::outline::{CourseChunk, Declaration, Outline, ProviderHead, declarations, merge};
use crate::normalise::{Pattern, re};
use crate::warning::WarningKind;

/// How many undeclared prefixes get a stand-in namespace; real feeds use a handful, and
/// text like "Note:this" matches too.
const MAX_STAND_INS: usize = 64;

/// Prefixes used on element and attribute names.
static PREFIX: Pattern = Pattern::new(|| re(r"(?:</?|\s)([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*"));

/// Parsing options for feeds: a DTD is allowed (some feeds declare entities in one).
pub(crate) fn options() -> ParsingOptions {
    ParsingOptions { allow_dtd: true, ..ParsingOptions::default() }
}

/// roxmltree's message without its position (which would point into the synthetic text).
pub(crate) fn describe(err: &roxmltree::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at ") {
        Some(at) if message[at + 4..].chars().all(|c| c.is_ascii_digit() || c == ':') => {
            message[..at].to_owned()
        }
        _ => message,
    }
}

/// Reads every course of the outline that parses with `read`, numbered by its place among
/// all the feed's courses; reports the others in `damage`.
pub(crate) fn courses<T>(
    text: &str,
    outline: &Outline<'_>,
    read: impl Fn(Node<'_, '_>) -> T,
    damage: &mut Vec<Damage>,
) -> Vec<(usize, T)> {
    let lines = LineIndex::new(text);
    let names: Vec<Option<String>> =
        outline.providers.iter().map(|p| provider_name(p, &outline.namespaces)).collect();
    let mut found = Vec::new();
    for (i, chunk) in outline.courses.iter().enumerate() {
        let provider = chunk.provider.and_then(|p| outline.providers.get(p));
        let mut namespaces = outline.namespaces.clone();
        if let Some(p) = provider {
            merge(&mut namespaces, &p.namespaces);
        }
        let name = chunk.provider.and_then(|p| names.get(p).cloned().flatten());
        let wrapped = wrap(chunk.text, &namespaces, name.as_deref());
        match Document::parse_with_options(&wrapped, options()) {
            Ok(doc) => {
                if let Some(course) = doc.descendants().find(|n| n.tag_name().name() == "course") {
                    found.push((i, read(course)));
                }
            }
            Err(err) => damage.push(Damage {
                line: damaged_line(chunk, &err, &lines),
                kind: WarningKind::CourseSkipped,
                detail: describe(&err),
            }),
        }
    }
    found
}

/// The line of the damage in the feed. The synthetic prefix is on the chunk's first line, so
/// rows count from there; an error past the chunk (in the synthetic suffix) or in a course
/// with no end tag is at the chunk's end, where the feed was cut or the tag went missing.
fn damaged_line(chunk: &CourseChunk<'_>, err: &roxmltree::Error, lines: &LineIndex) -> usize {
    let first = lines.line(chunk.start);
    let trimmed = chunk.text.trim_end().len().max(1);
    let last = lines.line(chunk.start + trimmed - 1);
    let row = usize::try_from(err.pos().row).unwrap_or(usize::MAX);
    if !chunk.closed || matches!(err, roxmltree::Error::UnclosedRootNode) {
        return last;
    }
    first.saturating_add(row.saturating_sub(1)).min(last)
}

/// `<catalog …><provider><title>…</title>` + the course + `</provider></catalog>`, with no
/// newline before the course so rows in errors map straight to the feed's lines.
fn wrap(course: &str, namespaces: &[Declaration], provider: Option<&str>) -> String {
    let mut out = String::with_capacity(course.len() + 512);
    out.push_str("<catalog");
    for (name, value) in namespaces {
        push_attribute(&mut out, name, value);
    }
    let mut undeclared: Vec<&str> = Vec::new();
    for c in PREFIX.captures_iter(course) {
        let Some(prefix) = c.get(1).map(|m| m.as_str()) else { continue };
        if undeclared.len() >= MAX_STAND_INS {
            break;
        }
        let declared = prefix == "xml"
            || prefix == "xmlns"
            || undeclared.contains(&prefix)
            || namespaces.iter().any(|(n, _)| n.strip_prefix("xmlns:") == Some(prefix));
        if !declared {
            undeclared.push(prefix);
        }
    }
    for prefix in undeclared {
        push_attribute(
            &mut out,
            &format!("xmlns:{prefix}"),
            &format!("urn:coursemap:undeclared:{prefix}"),
        );
    }
    out.push_str("><provider>");
    if let Some(name) = provider {
        out.push_str("<title>");
        out.push_str(&escape(name));
        out.push_str("</title>");
    }
    out.push_str(course);
    out.push_str("</provider></catalog>");
    out
}

fn push_attribute(out: &mut String, name: &str, value: &str) {
    let quote = if value.contains('"') { '\'' } else { '"' };
    out.push(' ');
    out.push_str(name);
    out.push('=');
    out.push(quote);
    out.push_str(value);
    out.push(quote);
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace(['\n', '\r'], " ")
}

/// A title element's words, found without parsing.
static TITLE_TEXT: Pattern =
    Pattern::new(|| re(r"<(?:[A-Za-z_][\w.-]*:)?title(?:\s[^<>]*)?>([^<]+)<"));

/// The provider's name, from its start up to its first course, read on its own; when that
/// part is itself damaged, the words of its first title.
fn provider_name(provider: &ProviderHead<'_>, root: &[Declaration]) -> Option<String> {
    if provider.head.is_empty() {
        return None;
    }
    let mut namespaces = root.to_vec();
    merge(&mut namespaces, &declarations(provider.head));
    let closed = format!("{}</{}>", provider.head, provider.qname);
    let wrapped = wrap(&closed, &namespaces, None);
    let parsed = Document::parse_with_options(&wrapped, options()).ok().and_then(|doc| {
        let element = doc.descendants().filter(|n| n.tag_name().name() == "provider").nth(1)?;
        let title =
            element.children().find(|c| c.is_element() && c.tag_name().name() == "title")?;
        Some(super::plain::inline(title))
    });
    let name = parsed.or_else(|| {
        let words = TITLE_TEXT.captures(provider.head)?.get(1)?.as_str();
        Some(crate::text::collapse_ws(&html_escape::decode_html_entities(words)))
    });
    name.filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xcri::outline::outline;

    /// (place in the feed or line, text) pairs.
    type Numbered = Vec<(usize, String)>;

    fn titles(text: &str) -> (Numbered, Numbered) {
        let mut damage = Vec::new();
        let found = courses(
            text,
            &outline(text),
            |course| {
                let title = course
                    .children()
                    .find(|c| c.tag_name().name() == "title")
                    .and_then(|t| t.text())
                    .unwrap_or_default();
                let provider = course
                    .ancestors()
                    .find(|a| a.tag_name().name() == "provider")
                    .and_then(|p| p.children().find(|c| c.tag_name().name() == "title"))
                    .and_then(|t| t.text())
                    .unwrap_or_default();
                format!("{title} @ {provider}")
            },
            &mut damage,
        );
        (found, damage.into_iter().map(|d| (d.line, d.detail)).collect())
    }

    #[test]
    fn damaged_courses_are_skipped_alone() {
        let text = "<catalog xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
            <provider><dc:title>Uni &amp; Co</dc:title>\n\
            <course><dc:title>A</dc:title></course>\n\
            <course><dc:title\">B</dc:title></course>\n\
            <course><dc:title>C</dc:title><mlo:url>x</mlo:url></course>\n\
            <course><dc:title>D</dc:titel>\n\
            </course>\n\
            <course><dc:title>E</dc:title>\n\
            <presentation>";
        let (found, damage) = titles(text);
        assert_eq!(found, vec![(0, "A @ Uni & Co".to_owned()), (2, "C @ Uni & Co".to_owned())]);
        assert_eq!(damage.len(), 3, "{damage:?}");
        assert_eq!(damage[0].0, 4);
        assert!(damage[0].1.starts_with("expected"), "{damage:?}");
        assert_eq!(damage[1].0, 6);
        assert_eq!(damage[2].0, 9);
    }

    #[test]
    fn positions_are_dropped_from_messages() {
        let Err(err) = Document::parse("<a>\n<b></a>") else { panic!("must fail") };
        assert_eq!(describe(&err), "expected 'b' tag, not 'a'");
    }
}
