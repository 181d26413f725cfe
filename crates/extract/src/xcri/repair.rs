//! Cheap repairs of the damage feeds are most often published with, applied to the whole
//! text when it does not parse:
//!
//! - text before the XML declaration or the root element (a blank line, a byte-order mark
//!   after a blank line, a PHP notice) and text after the root element: blanked out;
//! - HTML entities XML does not know (`&nbsp;`, `&pound;`, `&eacute;`): the character they
//!   name; unknown ones and bare ampersands (`R&D`, `?a=1&b=2`): escaped, so the words stay;
//! - characters XML forbids (control characters pasted from word processors, references to
//!   them): a space.
//!
//! Every repair keeps every newline where it was, so a line number in the repaired text is
//! the same line in the feed as published, and each repair is reported with the line it was
//! first needed on. CDATA sections, comments, processing instructions and the DTD are copied
//! as they are (an ampersand means nothing there).

use std::ops::Range;

use super::Damage;
use super::lines::{LineIndex, line_at};
use crate::normalise::{Pattern, re};
use crate::warning::WarningKind;

/// The five entities XML predefines.
const PREDEFINED: &[&str] = &["amp", "lt", "gt", "quot", "apos"];

static DECLARATION: Pattern = Pattern::new(|| re(r"<\?xml\s"));
/// A start tag of an element XCRI-CAP allows as the root.
static ROOT_START: Pattern =
    Pattern::new(|| re(r"<(?:[A-Za-z_][\w.-]*:)?(?:catalog|provider|course)[\s>/]"));
static CATALOG_END: Pattern = Pattern::new(|| re(r"</(?:[A-Za-z_][\w.-]*:)?catalog\s*>"));
static DTD_ENTITY: Pattern = Pattern::new(|| re(r"<!ENTITY\s+(?:%\s*)?([A-Za-z_][\w.-]*)"));

/// The repaired text and what was repaired where.
#[derive(Debug)]
pub(crate) struct Repaired {
    pub text: String,
    pub notes: Vec<Damage>,
}

/// Applies every repair that is needed.
pub(crate) fn repair(text: &str) -> Repaired {
    let mut notes = Vec::new();
    let text = strip_leading_junk(text, &mut notes);
    let text = strip_trailing_junk(text, &mut notes);
    let text = fix_references_and_characters(&text, &mut notes);
    Repaired { text, notes }
}

fn note(notes: &mut Vec<Damage>, line: usize, detail: impl Into<String>) {
    notes.push(Damage { line, kind: WarningKind::FeedRepaired, detail: detail.into() });
}

/// `text` with `range` replaced by spaces, newlines kept.
fn blank(text: &str, range: Range<usize>) -> String {
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..range.start]);
    out.extend(text[range.clone()].chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
    out.push_str(&text[range.end..]);
    out
}

/// The line of the first character of `range` that is not whitespace or a byte-order mark
/// (else its first line: a blank line is damage on the line it is).
fn first_content_line(text: &str, range: Range<usize>) -> usize {
    let part = &text[range.clone()];
    let skipped =
        part.len() - part.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').len();
    let at = if skipped == range.len() { range.start } else { range.start + skipped };
    line_at(text, at)
}

fn strip_leading_junk(text: &str, notes: &mut Vec<Damage>) -> String {
    let mut text = text.to_owned();
    // The declaration is only allowed as the very first thing; dropping it loses nothing (the
    // text is already decoded, and XML 1.0 is assumed anyway).
    if let Some(m) = DECLARATION.find(&text).filter(|m| m.start() > 0) {
        let end = text[m.start()..].find("?>").map_or(m.end(), |e| m.start() + e + 2);
        let line = first_content_line(&text, 0..m.start());
        text = blank(&text, 0..end);
        note(notes, line, "text before the XML declaration removed");
    }
    if let Some(m) = ROOT_START.find(&text)
        && let Some(junk) = content_outside_markup(&text[..m.start()])
    {
        let line = line_at(&text, junk);
        text = blank(&text, 0..m.start());
        note(notes, line, "text before the root element removed");
    }
    text
}

fn strip_trailing_junk(text: String, notes: &mut Vec<Damage>) -> String {
    let Some(end) = CATALOG_END.find_iter(&text).last().map(|m| m.end()) else { return text };
    let Some(junk) = content_outside_markup(&text[end..]) else { return text };
    let line = line_at(&text, end + junk);
    note(notes, line, "text after the root element removed");
    blank(&text, end..text.len())
}

/// Where the first thing that is not whitespace, a comment, a processing instruction or a DTD
/// is, if there is one.
fn content_outside_markup(text: &str) -> Option<usize> {
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else if rest.starts_with("<?") {
            rest.find("?>").map(|e| e + 2)
        } else if rest.starts_with("<!") {
            Some(dtd_end(rest))
        } else {
            None
        };
        match end {
            Some(end) => rest = rest[end..].trim_start(),
            None => return Some(text.len() - rest.len()),
        }
    }
    None
}

/// Where a `<!DOCTYPE …>` (with or without an internal subset) or other `<!…>` ends.
fn dtd_end(text: &str) -> usize {
    let close = text.find('>').unwrap_or(text.len());
    match text.find('[') {
        Some(open) if open < close => text.find("]>").map_or(text.len(), |e| e + 2),
        _ => (close + 1).min(text.len()),
    }
}

/// How many different repairs are reported one by one; a feed with more (hostile, or using
/// a hundred entity names) gets the rest counted together.
const MAX_KINDS: usize = 16;

/// Repairs of one kind, counted, with the line of the first.
#[derive(Debug)]
struct Tally {
    lines: LineIndex,
    entries: Vec<(String, usize, usize)>,
}

impl Tally {
    fn new(text: &str) -> Self {
        Tally { lines: LineIndex::new(text), entries: Vec::new() }
    }

    fn add(&mut self, what: String, at: usize) {
        let what =
            if self.entries.len() >= MAX_KINDS && !self.entries.iter().any(|(w, ..)| *w == what) {
                "other repairs".to_owned()
            } else {
                what
            };
        match self.entries.iter_mut().find(|(w, _, _)| *w == what) {
            Some((_, _, count)) => *count += 1,
            None => self.entries.push((what, self.lines.line(at), 1)),
        }
    }

    fn into_notes(self, notes: &mut Vec<Damage>) {
        for (what, line, count) in self.entries {
            let detail = if count > 1 { format!("{what} ({count} times)") } else { what };
            note(notes, line, detail);
        }
    }
}

/// What an `&` starts.
enum Reference<'t> {
    /// A reference XML reads as it is; its length in bytes.
    Keep(usize),
    /// `&name;` that XML does not know; the name and the reference's length.
    Named(&'t str, usize),
    /// `&#…;` naming a character XML forbids; its length.
    ForbiddenCharacter(usize),
    /// An ampersand that starts no reference.
    Bare,
}

fn reference(rest: &str) -> Reference<'_> {
    let body = &rest[1..];
    if let Some(number) = body.strip_prefix('#') {
        let (digits, radix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (number, 10),
        };
        let len = digits.bytes().take_while(u8::is_ascii_alphanumeric).count();
        if len == 0 || len > 8 || !digits[len..].starts_with(';') {
            return Reference::Bare;
        }
        let total = 1 + (number.len() - digits.len()) + 1 + len + 1;
        return match u32::from_str_radix(&digits[..len], radix).ok().and_then(char::from_u32) {
            Some(c) if is_xml_char(c) => Reference::Keep(total),
            Some(_) => Reference::ForbiddenCharacter(total),
            None => Reference::Bare,
        };
    }
    let len = body
        .char_indices()
        .take_while(|(i, c)| {
            c.is_ascii_alphabetic()
                || *c == '_'
                || (*i > 0 && (c.is_ascii_digit() || *c == '.' || *c == '-'))
        })
        .count();
    if len == 0 || len > 32 || !body[len..].starts_with(';') {
        return Reference::Bare;
    }
    Reference::Named(&body[..len], len + 2)
}

/// Characters XML 1.0 allows (Rust `char`s are never surrogates).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

/// Text escaped for XML content or an attribute value.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn fix_references_and_characters(text: &str, notes: &mut Vec<Damage>) -> String {
    let declared: Vec<&str> =
        DTD_ENTITY.captures_iter(text).filter_map(|c| c.get(1).map(|m| m.as_str())).collect();
    let mut tally = Tally::new(text);
    let mut out = String::with_capacity(text.len() + 64);
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        // Regions where an ampersand is only a character: copied, forbidden characters aside.
        let verbatim_end = if rest.starts_with("<![CDATA[") {
            Some(rest.find("]]>").map_or(rest.len(), |e| e + 3))
        } else if rest.starts_with("<!--") {
            Some(rest.find("-->").map_or(rest.len(), |e| e + 3))
        } else if rest.starts_with("<?") {
            Some(rest.find("?>").map_or(rest.len(), |e| e + 2))
        } else if rest.starts_with("<!") {
            Some(dtd_end(rest))
        } else {
            None
        };
        if let Some(len) = verbatim_end {
            for (j, c) in rest[..len].char_indices() {
                if is_xml_char(c) {
                    out.push(c);
                } else {
                    out.push(' ');
                    tally.add("character XML forbids replaced by a space".into(), i + j);
                }
            }
            i += len;
            continue;
        }
        if c == '&' {
            match reference(rest) {
                Reference::Keep(len) => {
                    out.push_str(&rest[..len]);
                    i += len;
                }
                Reference::Named(name, len)
                    if PREDEFINED.contains(&name) || declared.contains(&name) =>
                {
                    out.push_str(&rest[..len]);
                    i += len;
                }
                Reference::Named(name, len) => {
                    let token = &rest[..len];
                    let decoded = html_escape::decode_html_entities(token);
                    if decoded != token {
                        out.push_str(&escape(&decoded));
                        tally.add(format!("undeclared entity &{name}; read as HTML"), i);
                    } else {
                        out.push_str("&amp;");
                        out.push_str(&token[1..]);
                        tally.add(format!("unknown entity &{name}; kept as text"), i);
                    }
                    i += len;
                }
                Reference::ForbiddenCharacter(len) => {
                    out.push(' ');
                    tally.add("reference to a character XML forbids replaced by a space".into(), i);
                    i += len;
                }
                Reference::Bare => {
                    out.push_str("&amp;");
                    tally.add("bare & escaped".into(), i);
                    i += 1;
                }
            }
            continue;
        }
        if is_xml_char(c) {
            out.push(c);
        } else {
            out.push(' ');
            tally.add("character XML forbids replaced by a space".into(), i);
        }
        i += c.len_utf8();
    }
    tally.into_notes(notes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(r: &Repaired) -> Vec<(usize, &str)> {
        r.notes.iter().map(|n| (n.line, n.detail.as_str())).collect()
    }

    #[test]
    fn leading_junk_goes_and_lines_stay() {
        let r = repair("\n<?xml version=\"1.0\"?>\n<catalog/>");
        assert_eq!(r.text.trim_start(), "<catalog/>");
        assert_eq!(r.text.lines().count(), 3);
        assert_eq!(details(&r), vec![(1, "text before the XML declaration removed")]);

        let r = repair("<br />\n<b>Notice</b>: x on line <b>3</b><br />\n<catalog/>");
        assert_eq!(r.text.trim(), "<catalog/>");
        assert_eq!(details(&r), vec![(1, "text before the root element removed")]);

        // Comments and a DTD before the root are not junk.
        let r =
            repair("<?xml version=\"1.0\"?><!-- x --><!DOCTYPE c [<!ENTITY a \"b\">]><catalog/>");
        assert!(r.notes.is_empty());
    }

    #[test]
    fn trailing_junk_goes() {
        let r = repair("<catalog/>\n<catalog></catalog>\n<!-- ok -->\nPHP error");
        assert_eq!(details(&r), vec![(4, "text after the root element removed")]);
        assert!(r.text.ends_with("</catalog>\n           \n         "));
    }

    #[test]
    fn entities_and_characters() {
        let text = "<c a=\"?x=1&y=2\">\n&nbsp;&pound;5 R&D &foo; &amp; &#233; &#1;\u{1}&nbsp;<![CDATA[a & b]]></c>";
        let r = repair(text);
        assert_eq!(
            r.text,
            "<c a=\"?x=1&amp;y=2\">\n\u{a0}£5 R&amp;D &amp;foo; &amp; &#233;   \u{a0}<![CDATA[a & b]]></c>"
        );
        assert_eq!(
            details(&r),
            vec![
                (1, "bare & escaped (2 times)"),
                (2, "undeclared entity &nbsp; read as HTML (2 times)"),
                (2, "undeclared entity &pound; read as HTML"),
                (2, "unknown entity &foo; kept as text"),
                (2, "reference to a character XML forbids replaced by a space"),
                (2, "character XML forbids replaced by a space"),
            ]
        );
        assert!(roxmltree::Document::parse(&r.text).is_ok());
    }

    #[test]
    fn declared_entities_and_markup_entities_survive() {
        let text = "<!DOCTYPE c [<!ENTITY college \"Kelpie\">]><c>&college; &LT;b&GT;</c>";
        let r = repair(text);
        assert!(r.text.contains("&college;"));
        assert!(r.text.contains("&lt;b&gt;"));
        let doc = roxmltree::Document::parse_with_options(
            &r.text,
            roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() },
        )
        .expect("repaired text parses");
        assert_eq!(doc.root_element().text(), Some("Kelpie <b>"));
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for text in ["&", "&#", "&#x;", "&#99999999999;", "<![CDATA[", "<!", "é&é;", "<?xml"] {
            let _ = repair(text);
        }
    }
}
