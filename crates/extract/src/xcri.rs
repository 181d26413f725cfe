//! XCRI-CAP 1.2 course feeds: a whole catalogue in one XML file. Every `course` element
//! becomes one record (none lost); its presentations (runs) are merged: study and attendance
//! modes, durations, costs, prerequisites. Feeds are recognised by content, not by URL.

use coursemap_records::{Record, Source};
use roxmltree::{Document, Node, ParsingOptions};

use crate::facts::Facts;
use crate::labels::Field;
use crate::normalise::awards::scqf_to_fheq;
use crate::normalise::classify::TermMatcher;
use crate::normalise::{Pattern, re};

/// Does this body look like an XCRI-CAP feed? An XML content type or an XML prologue, and a
/// `catalog` root or the XCRI namespace near the top.
pub fn looks_like_xcri(body: &str, content_type: Option<&str>) -> bool {
    let head = body.trim_start_matches('\u{feff}').trim_start();
    let xmlish = content_type.is_some_and(|c| c.to_ascii_lowercase().contains("xml"))
        || head.starts_with("<?xml")
        || head.starts_with("<catalog");
    if !xmlish {
        return false;
    }
    let mut end = head.len().min(4096);
    while !head.is_char_boundary(end) {
        end -= 1;
    }
    let top = &head[..end];
    top.contains("xcri.org/profiles") || top.contains("<catalog")
}

static NLD_CODE: Pattern = Pattern::new(|| re(r"(?i);?\s*NLD [A-Za-z ]*Code:\s*\S+"));

fn local<'a>(n: &Node<'a, '_>) -> &'a str {
    n.tag_name().name()
}

fn children<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn child_text(n: Node<'_, '_>, name: &'static str) -> Option<String> {
    children(n, name).map(text).find(|t| !t.is_empty())
}

/// All text under a node (XHTML descriptions included), whitespace collapsed.
fn text(n: Node<'_, '_>) -> String {
    let mut out = String::new();
    for d in n.descendants() {
        if let Some(t) = d.text()
            && d.is_text()
        {
            out.push_str(t);
            out.push(' ');
        }
    }
    crate::text::collapse_ws(&out)
}

/// "2013-05-11" → days since an epoch, enough to subtract two dates.
fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.trim().get(..10)?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe)
}

/// One course element's facts.
fn course_facts(course: Node<'_, '_>) -> Facts {
    let mut f = Facts::default();
    let src = Source::XcriCap;
    if let Some(t) = child_text(course, "title") {
        f.push(Field::Title, src, "dc:title", &t);
    }
    f.identifier = children(course, "identifier").map(text).find(|t| !t.is_empty());
    if let Some(p) = course.ancestors().find(|a| a.is_element() && local(a) == "provider")
        && let Some(name) = child_text(p, "title")
    {
        f.push(Field::Provider, src, "provider", &name);
    }
    let descriptions: Vec<String> = children(course, "description")
        .chain(children(course, "abstract"))
        .map(text)
        .filter(|d| d.len() >= 40 && !d.contains("Code:"))
        .collect();
    if let Some(d) = descriptions.first() {
        f.push(Field::Description, src, "description", d);
    }
    if let Some(o) = child_text(course, "objective") {
        f.push(Field::Description, src, "mlo:objective", &o);
    }
    for s in children(course, "subject").map(text) {
        if s.chars().any(char::is_lowercase) && !s.contains(':') {
            f.push(Field::Topics, src, "dc:subject", &s);
        }
    }
    for q in children(course, "qualification") {
        let words: Vec<String> =
            ["title", "abbr"].iter().filter_map(|k| child_text(q, k)).collect();
        f.push(Field::Awards, src, "mlo:qualification", &words.join(" "));
        if let Some(level) = child_text(q, "educationLevel") {
            f.push(Field::Level, src, "dcterms:educationLevel", &level);
        }
    }
    if let Some(level) = child_text(course, "educationLevel") {
        f.push(Field::Level, src, "dcterms:educationLevel", &level);
    }
    credits(course, &mut f);
    for p in children(course, "prerequisite").map(text) {
        f.push(Field::Entry, src, "mlo:prerequisite", &p);
    }
    presentations(course, &mut f);
    f
}

/// `mlo:credit`: SCQF levels map to FHEQ; CATS-style levels 1-3 are FHEQ 4-6.
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

/// Presentations merged: every run's modes, durations and costs, in feed order.
fn presentations(course: Node<'_, '_>, f: &mut Facts) {
    let src = Source::XcriCap;
    let mut attendance: Vec<String> = Vec::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut modes: Vec<String> = Vec::new();
    let mut lengths: Vec<(String, String)> = Vec::new();
    for p in children(course, "presentation") {
        let study_mode = child_text(p, "studyMode")
            .map(|s| NLD_CODE.replace_all(&s, "").trim().to_string())
            .filter(|s| !s.is_empty());
        let pattern = child_text(p, "attendancePattern");
        // The study mode says full- or part-time; the attendance pattern only when it is absent.
        let mode_text = study_mode.clone().or_else(|| pattern.clone()).unwrap_or_default();
        if !mode_text.is_empty() && !modes.contains(&mode_text) {
            modes.push(mode_text.clone());
        }
        for a in children(p, "attendanceMode").map(text) {
            if !a.is_empty() && !attendance.contains(&a) {
                attendance.push(a);
            }
        }
        if let Some(pat) = pattern
            && !patterns.contains(&pat)
        {
            patterns.push(pat);
        }
        let duration = child_text(p, "duration").map(|d| NLD_CODE.replace_all(&d, "").into_owned());
        let spelled = match duration.filter(|d| !d.trim().is_empty()) {
            Some(d) => Some(d),
            None => {
                let start = child_text(p, "start").and_then(|s| day_number(&s));
                let end = child_text(p, "end").and_then(|s| day_number(&s));
                match (start, end) {
                    (Some(s), Some(e)) if e >= s => {
                        let days = e - s + 1;
                        Some(if days < 56 {
                            format!("{days} days")
                        } else {
                            format!("{} weeks", days / 7)
                        })
                    }
                    _ => None,
                }
            }
        };
        if let Some(d) = spelled {
            let line = (d, mode_text.clone());
            if !lengths.contains(&line) {
                lengths.push(line);
            }
        }
        for c in children(p, "cost").map(text) {
            f.push(Field::Cost, src, "mlo:cost", &c);
        }
        for e in children(p, "prerequisite").map(text) {
            f.push(Field::Entry, src, "mlo:prerequisite", &e);
        }
    }
    if !attendance.is_empty() {
        f.push(Field::Delivery, src, "attendanceMode", &attendance.join(", "));
    }
    if !patterns.is_empty() {
        f.push(Field::Delivery, src, "attendancePattern", &patterns.join(", "));
    }
    if !modes.is_empty() {
        f.push(Field::StudyMode, src, "studyMode", &modes.join(", "));
    }
    // Runs in one mode: the duration as written (the mode is a study-mode fact); runs in
    // several: each duration with its mode.
    let one_mode = lengths.iter().all(|(_, m)| Some(m) == lengths.first().map(|(_, m)| m));
    let text: Vec<String> = lengths
        .iter()
        .map(|(d, m)| if one_mode || m.is_empty() { d.clone() } else { format!("{d} {m}") })
        .collect();
    let mut seen = Vec::new();
    for t in text {
        if !seen.contains(&t) {
            seen.push(t);
        }
    }
    if !seen.is_empty() {
        f.push(Field::Length, src, "mlo:duration", &seen.join(", "));
    }
}

/// Every `course` of the feed as a record, in feed order.
pub(crate) fn extract_feed(
    url: &str,
    body: &str,
    matcher: &TermMatcher,
) -> crate::Result<Vec<Record>> {
    let body = body.trim_start_matches('\u{feff}');
    let options = ParsingOptions { allow_dtd: true, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(body, options)?;
    let mut records = Vec::new();
    let courses = doc
        .descendants()
        .filter(|n| n.is_element() && local(n) == "course")
        .filter(|n| !n.ancestors().skip(1).any(|a| a.is_element() && local(&a) == "course"));
    for (i, course) in courses.enumerate() {
        let facts = course_facts(course);
        let part = facts.identifier.clone().unwrap_or_else(|| format!("course-{i}"));
        let mut record = crate::assemble::build(url, &facts, matcher, "", Some(&part));
        if record.title.is_empty() {
            tracing::debug!(url, part, "XCRI-CAP course without a title");
            record.title = part;
        }
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_feeds_by_content() {
        assert!(looks_like_xcri(
            "\u{feff}<?xml version=\"1.0\"?><catalog xmlns=\"http://xcri.org/profiles/1.2/catalog\">",
            None
        ));
        assert!(looks_like_xcri("<catalog></catalog>", Some("application/xml")));
        assert!(!looks_like_xcri("<!doctype html><html>", Some("text/html")));
        assert!(!looks_like_xcri("<?xml version=\"1.0\"?><rss></rss>", None));
    }

    #[test]
    fn dates_subtract() {
        assert_eq!(
            day_number("2013-03-20").zip(day_number("2013-01-09")).map(|(a, b)| a - b),
            Some(70)
        );
        assert_eq!(day_number("2013-13-01"), None);
        assert_eq!(day_number("x"), None);
    }
}
