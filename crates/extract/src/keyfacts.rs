//! Key facts from the page's own layout: label/value elements (`dl`, tables, label spans),
//! elements whose class names a field, "Label: value" lines, and sections under a heading
//! that names a field ("Entry requirements", "Fees").

use coursemap_records::Source;

use crate::facts::Facts;
use crate::labels::{Field, field_for_label};
use crate::page::{LabelledBy, Page};

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
    for l in page.labelled.iter().filter(|l| l.by == LabelledBy::Element) {
        facts.push(l.field, Source::KeyFacts, &l.label, &l.value);
    }
    // Consecutive lines under one label ("Fees (UK): …", "Fees (International): …") are one
    // fact; a bracketed qualifier in the label stays with its value.
    let mut run: Option<(Field, String, Vec<String>)> = None;
    for block in page.blocks.iter().filter(|b| b.heading.is_none()) {
        let line = LINE.captures(&block.text).and_then(|c| {
            let (label, value) = (c.get(1)?.as_str().trim(), c.get(2)?.as_str());
            let field = field_for_label(label)?;
            let value = match QUALIFIER.captures(label).and_then(|q| q.get(1)) {
                Some(q) => format!("{}: {value}", q.as_str()),
                None => value.to_string(),
            };
            Some((field, label.to_string(), value))
        });
        match (line, &mut run) {
            (Some((field, _, value)), Some((run_field, _, values))) if *run_field == field => {
                values.push(value)
            }
            (line, run_slot) => {
                if let Some((field, label, values)) = run_slot.take() {
                    facts.push(field, Source::KeyFacts, &label, &values.join("\n"));
                }
                *run_slot = line.map(|(field, label, value)| (field, label, vec![value]));
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
