//! Key facts from the page's own layout: label/value elements (`dl`, tables, label spans),
//! elements whose class names a field, "Label: value" lines, and sections under a heading
//! that names a field ("Entry requirements", "Fees").

use coursemap_records::Source;

use crate::facts::Facts;
use crate::labels::{Field, field_for_label, is_exact_label, is_mode_label};
use crate::page::{Block, LabelledBy, Page};

/// Longest headed section kept as one fact.
const MAX_SECTION: usize = 4000;

static LINE: crate::normalise::Pattern =
    crate::normalise::Pattern::new(|| crate::normalise::re(r"^([^:]{2,60}):\s*(.{1,600})$"));

/// "Fees (UK/EU)": the bracket qualifies the value.
static QUALIFIER: crate::normalise::Pattern =
    crate::normalise::Pattern::new(|| crate::normalise::re(r"\((.{1,40})\)\s*$"));

/// "Topics include leadership, measurement and evaluation."
static TOPICS_SENTENCE: crate::normalise::Pattern = crate::normalise::Pattern::new(|| {
    crate::normalise::re(r"^(?i:topics(?: covered)? include|topics:)\s+([^.]{3,400})")
});

/// The list in a paragraph of its own: "Topics include a, b and c."
pub(crate) fn topics_sentence(text: &str) -> Option<&str> {
    TOPICS_SENTENCE.captures(text).and_then(|c| c.get(1)).map(|m| m.as_str())
}

pub(crate) fn facts(page: &Page) -> Facts {
    let mut facts = Facts::default();
    // Lengths labelled by their study mode ("Full-time" / "1 year", "Part-time" / "2 years")
    // are one length with two routes.
    let mut by_mode: Vec<String> = Vec::new();
    for l in page.labelled.iter().filter(|l| l.by == LabelledBy::Element) {
        let value = line(l.field, &l.label, &l.value, 1).value;
        if l.field == Field::Length && is_mode_label(strip_marker(&l.label)) {
            if by_mode.is_empty() {
                // Keeps its place among the other facts; filled in below.
                facts.push(l.field, Source::KeyFacts, MODE_ROUTES, "-");
            }
            by_mode.push(value);
            continue;
        }
        facts.push(l.field, Source::KeyFacts, &l.label, &value);
    }
    if !by_mode.is_empty() {
        facts.replace(Field::Length, MODE_ROUTES, &by_mode.join("\n"));
    }
    // Consecutive lines under one label ("Fees (UK): …", "Fees (International): …") are one
    // fact; a bracketed qualifier in the label stays with its value.
    let mut run: Option<(Field, String, Vec<String>)> = None;
    let mut i = 0;
    while i < page.blocks.len() {
        let line = labelled_line(&page.blocks, i);
        i += line.as_ref().map_or(1, |l| l.blocks);
        match (line, &mut run) {
            (Some(line), Some((run_field, _, values))) if *run_field == line.field => {
                values.push(line.value)
            }
            (line, run_slot) => {
                if let Some((field, label, values)) = run_slot.take() {
                    facts.push(field, Source::KeyFacts, &label, &values.join("\n"));
                }
                *run_slot = line.map(|l| (l.field, l.label, vec![l.value]));
            }
        }
    }
    if let Some((field, label, values)) = run {
        facts.push(field, Source::KeyFacts, &label, &values.join("\n"));
    }
    for block in page.blocks.iter().filter(|b| b.heading.is_none()) {
        if let Some(list) = topics_sentence(&block.text) {
            facts.push(Field::Topics, Source::KeyFacts, "topics", list);
        }
    }
    for l in page.labelled.iter().filter(|l| l.by == LabelledBy::ClassName) {
        facts.push(l.field, Source::KeyFacts, &l.label, &l.value);
    }
    for (field, label, value) in headed_sections(page) {
        facts.push(field, Source::KeyFacts, &label, &value);
    }
    if !page.delivery_badges.is_empty() {
        facts.push(Field::Delivery, Source::KeyFacts, "badges", &page.delivery_badges.join(", "));
    }
    facts
}

/// The label of a length joined from its study modes' routes.
const MODE_ROUTES: &str = "study modes";

/// A labelled value laid out as lines of text, and how many blocks it took.
struct LabelledLine {
    field: Field,
    label: String,
    value: String,
    blocks: usize,
}

/// Longest block read as a label glued to its value ("Duration12 weeks").
const MAX_GLUED_LINE: usize = 150;
/// Longest label line read as a label with words after the field's name ("Fees for the
/// 2026-27 academic year").
const MAX_LABEL_LINE: usize = 50;
/// Longest value block read after a label block.
const MAX_VALUE_BLOCK: usize = 300;

/// List markers that pages and captures put before key-fact lines ("- Duration").
fn strip_marker(text: &str) -> &str {
    text.trim_start_matches(['-', '•', '*', '–', '·', '|']).trim()
}

/// The labelled value starting at block `i`, in the shapes real key-fact boxes take as
/// text: "Duration: 1 year"; a label glued to its value or followed by a figure ("Duration12
/// weeks", "Fee£550", "Credits 30"); a label line then its value line ("Start date" /
/// "September 2026"), headings included (a facts box of `<h3>`s).
fn labelled_line(blocks: &[Block], i: usize) -> Option<LabelledLine> {
    let block = blocks.get(i)?;
    let text = strip_marker(&block.text);
    // "Points required: 128" may stand alone as a heading; a label with a colon is a key fact.
    if let Some(c) = LINE.captures(text)
        && let Some((label, value)) = c.get(1).zip(c.get(2))
        && let Some(field) = field_for_label(label.as_str().trim())
        && block.heading.is_some()
    {
        return Some(line(field, label.as_str().trim(), value.as_str(), 1));
    }
    if block.heading.is_none() {
        if let Some(c) = LINE.captures(text) {
            let (label, value) = (c.get(1)?.as_str().trim(), c.get(2)?.as_str());
            if let Some(field) = field_for_label(label) {
                let value = match QUALIFIER.captures(label).and_then(|q| q.get(1)) {
                    Some(q) => format!("{}: {value}", q.as_str()),
                    None => value.to_string(),
                };
                return Some(line(field, label, &value, 1));
            }
        }
        if let Some((label, value)) = glued(text) {
            let field = field_for_label(label)?;
            return Some(line(field, label, value, 1));
        }
    }
    // A label alone, then its value: the next block that says something. A study mode alone
    // ("Full-time" / "1 year") labels a length.
    let label = text.trim_end_matches(':').trim();
    let mode = is_mode_label(label);
    let label_like = is_exact_label(label)
        || (label.len() <= MAX_LABEL_LINE && !label.contains(['.', '?', '!', ',']));
    if label.is_empty() || !(label_like || mode) {
        return None;
    }
    let field = if mode { Field::Length } else { field_for_label(label)? };
    if matches!(field, Field::Description | Field::Topics | Field::Title) {
        return None;
    }
    let mut j = i + 1;
    while blocks.get(j).is_some_and(|b| strip_marker(&b.text).is_empty()) {
        j += 1;
    }
    let next = blocks.get(j)?;
    let value = strip_marker(&next.text);
    // A heading that would label the same field is a sub-heading ("Entry requirements" /
    // "Degree requirements"), not the value: its section is read whole elsewhere.
    let value_label = value.trim_end_matches(':').trim();
    let sub_heading = next.heading.is_some()
        && (field_for_label(value_label) == Some(field)
            || (field == Field::Entry && ENTRY_SUB_HEADING.is_match(value_label)));
    let next_is_label = sub_heading
        || is_exact_label(value.trim_end_matches(':'))
        || LINE
            .captures(value)
            .and_then(|c| c.get(1))
            .is_some_and(|l| field_for_label(l.as_str()).is_some());
    // A heading's section (paragraphs under "Entry requirements") is read whole elsewhere;
    // here a label line's value, or a value set as a heading like its label.
    let value_like = match (block.heading, next.heading) {
        (Some(_), Some(_)) => true,
        (Some(_), None) => false,
        (None, _) => value.len() <= MAX_VALUE_BLOCK,
    };
    if next_is_label || !value_like || value.len() > MAX_VALUE_BLOCK {
        return None;
    }
    Some(line(field, label, value, j + 1 - i))
}

/// A labelled line's value as the normalisers read it: a mode label keeps its mode
/// ("Part-time" + "2 years"), a bare level or credit figure its unit ("Level" + "7").
fn line(field: Field, label: &str, value: &str, blocks: usize) -> LabelledLine {
    let value = value.trim();
    // "SCQF level: 09:" (a captured box's colon left on the value, sometimes the next
    // label run on after it: "09: SCQF credit value: 20.00").
    let value = value.trim_end_matches(':').trim_end();
    let value = match LEADING_FIGURE.captures(value) {
        Some(c) if matches!(field, Field::Level | Field::Credits) => {
            c.get(1).map_or(value, |m| m.as_str())
        }
        _ => value,
    };
    // "Level of study: M/7" (a letter for the level's name, then its number).
    let value = match LETTERED_LEVEL.captures(value) {
        Some(c) if field == Field::Level => c.get(1).map_or(value, |m| m.as_str()),
        _ => value,
    };
    let figure = value.chars().all(|c| c.is_ascii_digit() || c == '.');
    let value = match field {
        Field::Length if MODE_LABEL.is_match(label) => format!("{} {value}", strip_marker(label)),
        // Scottish HE levels ("SHE Level 4") are not FHEQ levels.
        Field::Level if figure && SHE_LABEL.is_match(label) => format!("SHE level {value}"),
        Field::Level if figure && SCQF_LABEL.is_match(label) => format!("SCQF level {value}"),
        Field::Level if figure => format!("Level {value}"),
        Field::Credits if figure => format!("{value} credits"),
        // "Points required: 128" is a UCAS tariff.
        Field::Entry if figure => format!("{label}: {value} UCAS points"),
        _ => value.to_string(),
    };
    LabelledLine { field, label: label.to_string(), value, blocks }
}

/// The sub-headings UK pages set under "Entry requirements": "Degree requirements",
/// "English language requirements", "Subject-specific requirements", "Selection criteria".
static ENTRY_SUB_HEADING: crate::normalise::Pattern = crate::normalise::Pattern::new(|| {
    crate::normalise::re(r"(?i)^[\w' -]{0,40}\b(?:requirements?|criteria)$")
});
static LETTERED_LEVEL: crate::normalise::Pattern =
    crate::normalise::Pattern::new(|| crate::normalise::re(r"^\s*[CIHMcihm]\s*/\s*([3-8])\s*$"));
static LEADING_FIGURE: crate::normalise::Pattern =
    crate::normalise::Pattern::new(|| crate::normalise::re(r"^(\d{1,3}(?:\.\d+)?):\s"));
static SCQF_LABEL: crate::normalise::Pattern =
    crate::normalise::Pattern::new(|| crate::normalise::re(r"(?i)\bscqf\b"));
static SHE_LABEL: crate::normalise::Pattern =
    crate::normalise::Pattern::new(|| crate::normalise::re(r"(?i)^she\b"));
static MODE_LABEL: crate::normalise::Pattern =
    crate::normalise::Pattern::new(|| crate::normalise::re(r"(?i)full[- ]?time|part[- ]?time"));

/// A label run into its value, as text captures of key-fact boxes come out: "Duration12
/// weeks", "LevelShort courses and CPD", "Fee£550", "Fees £1,200", "Credits 30".
fn glued(text: &str) -> Option<(&str, &str)> {
    if text.len() > MAX_GLUED_LINE || !text.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    // Longest label first, so "Start dates24 February" is not "Start" + "dates24".
    let mut cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).filter(|i| *i > 0).collect();
    cuts.reverse();
    for cut in cuts {
        let (label, value) = text.split_at(cut);
        if label.len() > 40 {
            continue;
        }
        let Some(first) = value.chars().next() else { continue };
        let last = label.chars().next_back().unwrap_or(' ');
        let glued =
            last.is_lowercase() && (first.is_uppercase() || first.is_ascii_digit() || first == '£');
        let spaced = last == ' ' && value.starts_with(|c: char| c.is_ascii_digit() || c == '£');
        if (glued || spaced) && is_exact_label(label.trim()) {
            return Some((label.trim(), value.trim()));
        }
    }
    None
}

/// Sections under a heading that names a field: the blocks up to the next heading of the same
/// or a higher level. Description sections keep paragraphs only (their sub-headings are
/// questions like "Why choose this course?", not the lead sentence).
fn headed_sections(page: &Page) -> Vec<(Field, String, String)> {
    let mut out = Vec::new();
    for (i, block) in page.blocks.iter().enumerate() {
        let Some(level) = block.heading else { continue };
        let Some(field) = field_for_label(&block.text) else { continue };
        let mut parts: Vec<&str> = Vec::new();
        let mut len = 0;
        for next in &page.blocks[i + 1..] {
            if next.heading.is_some_and(|l| l <= level) || len > MAX_SECTION {
                break;
            }
            // Topics are the list under the heading, not what follows it.
            if field == Field::Topics && (next.heading.is_some() || !next.list_item) {
                if parts.is_empty() {
                    continue;
                }
                break;
            }
            if field == Field::Description {
                // Sub-headings lead into the description ("Why choose this course?") or close it
                // ("What you will study").
                if next.heading.is_some() {
                    if parts.is_empty() {
                        continue;
                    }
                    break;
                }
                if is_link_prompt(&next.text) {
                    continue;
                }
            }
            len += next.text.len();
            parts.push(&next.text);
        }
        if !parts.is_empty() {
            out.push((field, block.text.clone(), parts.join("\n")));
        }
    }
    out
}

/// Is this block a "Label: value" line with a known label?
pub(crate) fn is_label_line(text: &str) -> bool {
    LINE.captures(text)
        .and_then(|c| c.get(1))
        .is_some_and(|l| field_for_label(l.as_str()).is_some())
}

/// "Read more about this course", "Find out more": link prompts, not description.
pub(crate) fn is_link_prompt(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    t.len() < 60
        && (t.starts_with("read more")
            || t.starts_with("find out more")
            || t.starts_with("view website")
            || t.starts_with("see more"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_values_as_catalogues_write_them() {
        let value = |label: &str, value: &str| line(Field::Level, label, value, 1).value;
        assert_eq!(value("Level", "7"), "Level 7");
        assert_eq!(value("Level of study", "M/7"), "Level 7");
        assert_eq!(value("SHE Level", "4"), "SHE level 4");
        assert_eq!(value("SCQF level", "09: SCQF credit value: 20.00"), "SCQF level 09");
        assert_eq!(line(Field::Credits, "Credits", "30", 1).value, "30 credits");
    }

    #[test]
    fn a_sub_heading_under_entry_requirements_is_not_its_value() {
        let heading =
            |text: &str| Block { text: text.to_owned(), heading: Some(3), list_item: false };
        let blocks = [heading("Entry requirements"), heading("Degree requirements")];
        assert!(labelled_line(&blocks, 0).is_none());
        // A facts box of headings still pairs a label with its value.
        let facts = [heading("Duration"), heading("1 year full-time")];
        assert_eq!(labelled_line(&facts, 0).map(|l| l.value), Some("1 year full-time".to_owned()));
    }
}
