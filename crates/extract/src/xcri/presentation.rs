//! A course's presentations (its runs) merged into the course's facts: every run's study and
//! attendance modes, durations, costs and entry wording, in feed order.
//!
//! Modes may be words, a code in the `identifier` attribute (`<studyMode identifier="PT"/>`),
//! or both; the words win, the code's words stand in when there are none. Durations are the
//! `duration` text, its `interval` attribute (ISO 8601), or the span between `start` and `end`.

use coursemap_records::Source;
use roxmltree::Node;

use super::course::children;
use super::vocab::{self, ATTENDANCE_MODE, ATTENDANCE_PATTERN, STUDY_MODE, Vocabulary};
use super::{dates, plain};
use crate::facts::Facts;
use crate::labels::Field;
use crate::normalise::{Pattern, re};

/// The Open University's vocabulary codes appended to words ("; NLD Duration Code: F").
static NLD_CODE: Pattern = Pattern::new(|| re(r"(?i);?\s*NLD [A-Za-z ]*Code:\s*\S+"));

/// The words of a coded element: its text (less NLD codes), else its code's words.
fn coded(node: Node<'_, '_>, vocabulary: Vocabulary) -> Option<String> {
    let words = NLD_CODE.replace_all(&plain::inline(node), "").trim().to_owned();
    if !words.is_empty() {
        return Some(words);
    }
    node.attribute("identifier").and_then(|c| vocab::words(vocabulary, c)).map(str::to_owned)
}

fn first_coded(p: Node<'_, '_>, name: &'static str, vocabulary: Vocabulary) -> Option<String> {
    children(p, name).find_map(|n| coded(n, vocabulary))
}

fn push_new(list: &mut Vec<String>, item: String) {
    if !item.is_empty() && !list.contains(&item) {
        list.push(item);
    }
}

/// A presentation's length in words.
fn length(p: Node<'_, '_>) -> Option<String> {
    let written = children(p, "duration").find_map(|d| {
        let words = NLD_CODE.replace_all(&plain::inline(d), "").trim().to_owned();
        if words.is_empty() { d.attribute("interval").map(str::to_owned) } else { Some(words) }
    });
    written.or_else(|| {
        let start = children(p, "start").find_map(dates::element_day);
        let end = children(p, "end").find_map(dates::element_day);
        dates::span(start, end)
    })
}

/// Every presentation of `course`, merged into `f`.
pub(crate) fn read_all(course: Node<'_, '_>, f: &mut Facts) {
    let src = Source::XcriCap;
    let mut attendance: Vec<String> = Vec::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut modes: Vec<String> = Vec::new();
    let mut lengths: Vec<(String, String)> = Vec::new();
    for p in children(course, "presentation") {
        let study_mode = first_coded(p, "studyMode", STUDY_MODE);
        let pattern = first_coded(p, "attendancePattern", ATTENDANCE_PATTERN);
        // The study mode says full- or part-time; the attendance pattern only when it is absent.
        let mode_text = study_mode.or_else(|| pattern.clone()).unwrap_or_default();
        push_new(&mut modes, mode_text.clone());
        for a in children(p, "attendanceMode").filter_map(|a| coded(a, ATTENDANCE_MODE)) {
            push_new(&mut attendance, a);
        }
        if let Some(pat) = pattern {
            push_new(&mut patterns, pat);
        }
        if let Some(d) = length(p) {
            let line = (d, mode_text);
            if !lengths.contains(&line) {
                lengths.push(line);
            }
        }
        // The machine date where the feed gives one, else the words.
        for start in children(p, "start") {
            let date =
                start.attribute("dtf").map(str::to_owned).unwrap_or_else(|| plain::inline(start));
            f.push(Field::Start, src, "mlo:start", &date);
        }
        for c in children(p, "cost").map(plain::inline) {
            f.push(Field::Cost, src, "mlo:cost", &c);
        }
        for name in ["prerequisite", "entryRequirements", "entryProfile"] {
            for e in children(p, name).map(plain::blocks) {
                f.push(Field::Entry, src, "mlo:prerequisite", &e);
            }
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
    let mut seen: Vec<String> = Vec::new();
    for (d, m) in &lengths {
        let text = if one_mode || m.is_empty() { d.clone() } else { format!("{d} {m}") };
        push_new(&mut seen, text);
    }
    if !seen.is_empty() {
        f.push(Field::Length, src, "mlo:duration", &seen.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_coded_words(xml: &str) -> Option<String> {
        let doc = roxmltree::Document::parse(xml).expect("test XML parses");
        doc.root_element().first_element_child().and_then(|n| coded(n, STUDY_MODE))
    }

    #[test]
    fn codes_stand_in_for_missing_words() {
        assert_eq!(
            first_coded_words("<p><m identifier=\"PT\"/></p>").as_deref(),
            Some("Part time")
        );
        assert_eq!(
            first_coded_words("<p><m identifier=\"PT\">Part-time day</m></p>").as_deref(),
            Some("Part-time day")
        );
        assert_eq!(first_coded_words("<p><m>NLD Study Mode Code: C</m></p>"), None);
    }

    #[test]
    fn lengths_from_words_interval_or_dates() {
        let len = |xml: &str| {
            let doc = roxmltree::Document::parse(xml).expect("test XML parses");
            length(doc.root_element())
        };
        assert_eq!(
            len("<p><duration>1 year; NLD Duration Code: F</duration></p>").as_deref(),
            Some("1 year")
        );
        assert_eq!(len("<p><duration interval=\"P1Y\"/></p>").as_deref(), Some("P1Y"));
        assert_eq!(
            len("<p><start dtf=\"2013-05-11\">11 May</start><end>2013-05-11T00:00:00</end></p>")
                .as_deref(),
            Some("1 day")
        );
        assert_eq!(len("<p/>"), None);
    }
}
