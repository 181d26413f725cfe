//! One `course` element into facts: the same reading for XCRI-CAP 1.2 and 1.1.
//!
//! Elements are matched by local name, so `dc:title` (1.2) and `title` (1.1) read alike, as
//! do `mlo:url` and `url`, `mlo:qualification` and `qualification`, `mlo:credit` and `credit`.
//! Where the versions differ, both are read:
//!
//! | 1.2 | 1.1 |
//! | --- | --- |
//! | `dc:description`, `dcterms:description`, `abstract` | `description` (`xsi:type` from XCRI Terms 1.1) |
//! | `mlo:objective` | `description xsi:type="…:aim"` |
//! | `mlo:prerequisite` | `description xsi:type="…:prerequisites"`, presentation `entryRequirements`, `entryProfile` |
//! | `mlo:qualification/dcterms:educationLevel` | `qualification/level` |
//! | `mlo:credit` (`credit:scheme`, `level`, `value`) | `credit` (`scheme`, `level`, `value`) |
//!
//! Presentations are read by [`presentation`](super::presentation).

use coursemap_records::Source;
use roxmltree::Node;

use super::vocab::{DescriptionKind, description_kind};
use super::{link, plain, presentation};
use crate::facts::Facts;
use crate::labels::Field;
use crate::normalise::awards::{self, scqf_to_fheq};

/// The XML Schema instance namespace, whose `type` attribute types descriptions.
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Descriptions shorter than this are codes or headings ("NLD Target Group Code: G").
const MIN_DESCRIPTION: usize = 40;

/// What one course says, and the page it names.
#[derive(Debug)]
pub(crate) struct Course {
    pub facts: Facts,
    /// The course's own page, canonical (see [`link`]).
    pub url: Option<String>,
}

pub(crate) fn children<'a, 'i>(
    n: Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The first child `name` with text, on one line.
pub(crate) fn child_text(n: Node<'_, '_>, name: &'static str) -> Option<String> {
    children(n, name).map(plain::inline).find(|t| !t.is_empty())
}

fn xsi_type<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    n.attribute((XSI, "type"))
}

/// Reads one course.
pub(crate) fn read(course: Node<'_, '_>) -> Course {
    let mut f = Facts::default();
    let src = Source::XcriCap;
    if let Some(t) = child_text(course, "title") {
        f.push(Field::Title, src, "dc:title", &t);
    }
    // The default identifier has no scheme; typed ones are third parties' codes.
    let identifiers: Vec<Node<'_, '_>> = children(course, "identifier").collect();
    f.identifier = identifiers
        .iter()
        .filter(|i| xsi_type(**i).is_none())
        .chain(identifiers.iter())
        .map(|i| plain::inline(*i))
        .find(|t| !t.is_empty());
    if let Some(p) =
        course.ancestors().find(|a| a.is_element() && a.tag_name().name() == "provider")
        && let Some(name) = child_text(p, "title")
    {
        f.push(Field::Provider, src, "provider", &name);
    }
    descriptions(course, &mut f);
    // Words, not classification codes ("LDCS1: DB.", "KC.3"); one fact, one subject a line, as
    // a record's topics come from the first fact that lists any.
    let subjects: Vec<String> = children(course, "subject")
        .map(plain::inline)
        .filter(|s| s.chars().any(char::is_lowercase) && !s.contains(':'))
        .collect();
    f.push(Field::Topics, src, "dc:subject", &subjects.join("\n"));
    qualifications(course, &mut f);
    if let Some(level) = child_text(course, "educationLevel") {
        f.push(Field::Level, src, "dcterms:educationLevel", &level);
    }
    credits(course, &mut f);
    for name in ["prerequisite", "entryRequirements", "entryProfile"] {
        for p in children(course, name).map(plain::blocks) {
            f.push(Field::Entry, src, "mlo:prerequisite", &p);
        }
    }
    presentation::read_all(course, &mut f);
    Course { url: link::course_url(course), facts: f }
}

/// Descriptions (untyped first, then typed ones about the course), abstracts, objectives;
/// prerequisite descriptions are entry wording.
fn descriptions(course: Node<'_, '_>, f: &mut Facts) {
    let src = Source::XcriCap;
    let all: Vec<(DescriptionKind, bool, Node<'_, '_>)> = children(course, "description")
        .map(|d| (description_kind(xsi_type(d)), xsi_type(d).is_none(), d))
        .collect();
    let general = all
        .iter()
        .filter(|(k, untyped, _)| *k == DescriptionKind::General && *untyped)
        .chain(all.iter().filter(|(k, untyped, _)| *k == DescriptionKind::General && !*untyped))
        .map(|(_, _, d)| *d)
        .chain(children(course, "abstract"))
        .map(plain::blocks)
        .find(|d| d.len() >= MIN_DESCRIPTION && !d.contains("Code:"));
    if let Some(d) = general {
        f.push(Field::Description, src, "description", &d);
    }
    if let Some(o) = children(course, "objective").map(plain::blocks).find(|t| !t.is_empty()) {
        f.push(Field::Description, src, "mlo:objective", &o);
    }
    for (_, _, d) in all.iter().filter(|(k, _, _)| *k == DescriptionKind::Prerequisites) {
        f.push(Field::Entry, src, "description (prerequisites)", &plain::blocks(*d));
    }
}

/// Awards from each qualification's title and abbreviation; levels from 1.2's
/// `educationLevel` or 1.1's `level`.
fn qualifications(course: Node<'_, '_>, f: &mut Facts) {
    let src = Source::XcriCap;
    for q in children(course, "qualification") {
        let words: Vec<String> =
            ["title", "abbr"].iter().filter_map(|k| child_text(q, k)).collect();
        let words = words.join(" ");
        f.push(Field::Awards, src, "mlo:qualification", &words);
        if let Some(level) = child_text(q, "educationLevel") {
            f.push(Field::Level, src, "dcterms:educationLevel", &level);
        }
        // A named award says its level better than a bare number in an unnamed framework
        // ("HNC" with level "7" is SCQF 7, not FHEQ 7).
        let award_has_level = awards::parse(&words).is_some_and(|a| !a.levels.is_empty());
        let level = child_text(q, "level").filter(|_| !award_has_level);
        if let Some(level) = level.and_then(|l| qualification_level(&l)) {
            f.push(Field::Level, src, "qualification level", &level);
        }
    }
}

/// A 1.1 qualification level in the words the award normaliser reads. The specification
/// recommends the national framework's level: a bare 4-8 is FHEQ, 9-12 only exists in SCQF
/// (Scottish colleges write "9" for an ordinary degree); lower numbers are further-education
/// levels the record has no place for. Words are passed on as written.
fn qualification_level(level: &str) -> Option<String> {
    match level.trim().parse::<u8>() {
        Ok(n @ 4..=8) => Some(format!("FHEQ level {n}")),
        Ok(n @ 9..=12) => Some(format!("SCQF level {n}")),
        Ok(_) => None,
        Err(_) => Some(level.to_owned()),
    }
}

/// `mlo:credit` / `credit`: SCQF levels map to FHEQ; CATS-style levels 1-3 are FHEQ 4-6.
fn credits(course: Node<'_, '_>, f: &mut Facts) {
    let credits: Vec<(String, String, String)> = children(course, "credit")
        .map(|c| {
            let scheme = child_text(c, "scheme").unwrap_or_default();
            let level = child_text(c, "level").unwrap_or_default();
            let value = child_text(c, "value").unwrap_or_default();
            (scheme, level, value)
        })
        .collect();
    let has_scqf = credits.iter().any(|(s, l, _)| s.eq_ignore_ascii_case("SCQF") && !l.is_empty());
    for (scheme, level, value) in &credits {
        if !value.is_empty() {
            f.push(
                Field::Credits,
                Source::XcriCap,
                "mlo:credit",
                &format!("{value} credits ({scheme})"),
            );
        }
        let fheq = if scheme.eq_ignore_ascii_case("SCQF") {
            level.parse().ok().and_then(scqf_to_fheq)
        } else if has_scqf {
            None
        } else {
            match level.trim() {
                "1" => Some(4),
                "2" => Some(5),
                "3" => Some(6),
                "M" | "m" => Some(7),
                "D" | "d" => Some(8),
                other => other.parse::<u8>().ok().filter(|l| (4..=8).contains(l)),
            }
        };
        if let Some(l) = fheq {
            f.push(Field::Level, Source::XcriCap, "mlo:credit level", &format!("FHEQ level {l}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualification_levels_read_by_framework() {
        assert_eq!(qualification_level("7").as_deref(), Some("FHEQ level 7"));
        assert_eq!(qualification_level(" 9 ").as_deref(), Some("SCQF level 9"));
        assert_eq!(qualification_level("0"), None);
        assert_eq!(qualification_level("Postgraduate").as_deref(), Some("Postgraduate"));
    }
}
