//! Texts of real course pages from many providers' own sites, labelled by hand
//! (`../shared/real-pages/realtext/`), scored as its reference scorer `score.py` scores them:
//! each text is given back the structure it implies ([`as_html`]), extracted with the page's
//! real URL, and the record whose title matches the label's (else the first) is scored field
//! by field with the folder README's mappings onto the record contract.

use coursemap_records::{Fee, FeePer, Record, Requirement, Student, StudyMode};
use serde::Deserialize;

use super::{LabelRange, delivery_class, enum_name, range_right};
use crate::Result;

/// The fields scored, in report order (`kind` only where the label gives a contract kind).
pub const FIELDS: [&str; 9] = [
    "kind",
    "awards",
    "fheq_levels",
    "ft",
    "pt",
    "delivery_class",
    "home_fee",
    "requires",
    "academic",
];

/// The kinds the contract knows; a label may also say `other` (no course).
const CONTRACT_KINDS: [&str; 4] = ["programme", "module", "short_course", "fellowship"];

/// One labelled page text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Page {
    /// The page's id in the file (`d001`).
    pub id: String,
    /// The page's real URL, given to the extractor.
    pub url: String,
    /// The start of the page as text, blank lines between blocks (see [`as_html`]).
    pub text: String,
    /// What the labeller read from the text.
    pub label: PageLabel,
}

/// A labelled fee or stipend amount.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LabelAmount {
    /// The amount in pounds; 0 for a free or fully funded course.
    pub amount: f64,
    /// What it is charged or paid per, as the contract spells it (`year`, `course`).
    pub per: String,
}

/// What the labeller read from the text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PageLabel {
    /// The title as the page states it; `None` when the text never names it.
    pub title: Option<String>,
    /// A contract kind (`programme`, `module`, `short_course`, `fellowship`), or `other`
    /// for a page that describes no course.
    pub kind: String,
    /// The stated awards, in the folder's normalised spellings (`PgCert`); empty when none.
    #[serde(default)]
    pub awards: Vec<String>,
    /// The FHEQ levels stated or implied; empty when none.
    #[serde(default)]
    pub fheq_levels: Vec<u8>,
    /// Full-time length; `None` when no full-time length is stated.
    pub ft: Option<LabelRange>,
    /// Part-time length; `None` when no part-time length is stated.
    pub pt: Option<LabelRange>,
    /// The length in words for short courses, modules and fellowships (not scored).
    #[serde(default)]
    pub duration_text: Option<String>,
    /// `on_site`, `remote` or `blended`; `None` when not stated.
    pub delivery_class: Option<String>,
    /// The UK/home fee (full-time where both are given); free is 0 per course.
    pub home_fee: Option<LabelAmount>,
    /// A stipend or salary paid to the learner (not scored).
    #[serde(default)]
    pub stipend: Option<LabelAmount>,
    /// The kinds of entry criterion, in the folder's vocabulary (which adds `employment` and
    /// `english` to the contract's); `Some(vec![])` when none is stated to be needed, `None`
    /// when the text says nothing.
    pub requires: Option<Vec<String>>,
    /// The academic minimum, in the folder's vocabulary (`degree_1st`, `degree_unspecified`
    /// besides the contract's values); `None` when not stated.
    pub academic: Option<String>,
    /// The year a fee or entry applies to (`2025/26`), if stated (not scored).
    #[serde(default)]
    pub fees_year: Option<String>,
    /// Why the labeller decided as they did, where the text needed judgement (not scored).
    #[serde(default)]
    pub note: Option<String>,
}

impl PageLabel {
    /// Does the label say the page describes no course?
    pub fn is_non_course(&self) -> bool {
        !CONTRACT_KINDS.contains(&self.kind.as_str())
    }
}

/// Parses a `.jsonl` file of labelled pages (blank lines skipped).
pub fn parse_pages(text: &str) -> Result<Vec<Page>> {
    super::parse_jsonl(text)
}

/// Lines as Python's `str.splitlines` cuts them (the reference scorer's rule).
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split([
        '\n', '\r', '\u{0b}', '\u{0c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}',
        '\u{2029}',
    ])
}

/// HTML escaping as Python's `html.escape` does it (quotes included).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

static BLANK_LINE: crate::normalise::Pattern =
    crate::normalise::Pattern::new(|| crate::normalise::re(r"\n\s*\n"));

/// The page a text implies, as `score.py` builds it: blocks between blank lines; in a block,
/// a short line ending in a colon joins the line after it ("Duration:" + "1 year"); a block
/// of one short line without closing punctuation is a heading; lines starting "•" are list
/// items; other lines paragraphs. The label's title, when known, is the `<title>`.
pub fn as_html(title: Option<&str>, text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for block in BLANK_LINE.split(text) {
        let lines: Vec<&str> =
            split_lines(block).map(str::trim).filter(|l| !l.is_empty()).collect();
        let mut merged: Vec<String> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let next = lines.get(i + 1);
            if line.ends_with(':')
                && line.chars().count() <= 60
                && next.is_some_and(|n| !n.starts_with('•'))
            {
                merged.push(format!("{line} {}", next.copied().unwrap_or_default()));
                i += 2;
            } else {
                merged.push(line.to_string());
                i += 1;
            }
        }
        if merged.is_empty() {
            continue;
        }
        if let [only] = merged.as_slice()
            && only.chars().count() <= 80
            && !only.ends_with(['.', '!', '?', ':', ';', ','])
            && !only.starts_with('•')
        {
            out.push(format!("<h3>{}</h3>", escape(only)));
            continue;
        }
        let mut items: Vec<String> = Vec::new();
        for line in &merged {
            if line.starts_with('•') {
                let item = line.trim_start_matches(['•', ' ']).trim();
                items.push(format!("<li>{}</li>", escape(item)));
            } else {
                if !items.is_empty() {
                    out.push(format!("<ul>{}</ul>", items.concat()));
                    items.clear();
                }
                out.push(format!("<p>{}</p>", escape(line)));
            }
        }
        if !items.is_empty() {
            out.push(format!("<ul>{}</ul>", items.concat()));
        }
    }
    let head = title.filter(|t| !t.is_empty()).map(|t| format!("<title>{}</title>", escape(t)));
    format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8>{}</head><body><main>\n{}\n</main></body></html>",
        head.unwrap_or_default(),
        out.join("\n")
    )
}

/// Lower-case words of a title, punctuation as spaces (`score.py`'s `norm_title`).
fn norm_title(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut gap = false;
    for c in t.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// The record a label is about: the same title, else a title containing or contained in the
/// label's, else the first.
pub fn pick<'r>(label: &PageLabel, records: &'r [Record]) -> Option<&'r Record> {
    let want = norm_title(label.title.as_deref().unwrap_or(""));
    if !want.is_empty() {
        if let Some(r) = records.iter().find(|r| norm_title(&r.title) == want) {
            return Some(r);
        }
        if let Some(r) = records.iter().find(|r| {
            let got = norm_title(&r.title);
            !got.is_empty() && (want.contains(&got) || got.contains(&want))
        }) {
            return Some(r);
        }
    }
    records.first()
}

/// The label's requirements in contract terms: employment is work experience, an English
/// test is no requirement; a label left with only English counts as not stated.
fn label_requires(label: &PageLabel) -> Option<Vec<String>> {
    let req = label.requires.as_ref()?;
    let mut out: Vec<String> = Vec::new();
    for r in req {
        let mapped = match r.as_str() {
            "employment" => "work_experience",
            "english" => continue,
            other => other,
        };
        if !out.iter().any(|o| o == mapped) {
            out.push(mapped.to_string());
        }
    }
    if !req.is_empty() && out.is_empty() {
        return None;
    }
    out.sort();
    Some(out)
}

/// The label's academic minimum in contract terms.
fn label_academic(label: &PageLabel) -> Option<&str> {
    match label.academic.as_deref() {
        Some("degree_1st") => Some("degree_2_1"),
        Some("degree_unspecified") => Some("degree"),
        other => other,
    }
}

/// The record's UK/home fee: full-time or unstated mode first, else any home fee.
pub fn home_fee(record: &Record) -> Option<&Fee> {
    let home = |f: &&Fee| matches!(f.student, Student::Home | Student::Any);
    record
        .cost
        .fees
        .iter()
        .filter(home)
        .find(|f| matches!(f.mode, Some(StudyMode::FullTime) | None))
        .or_else(|| record.cost.fees.iter().find(home))
}

fn fee_right(label: &PageLabel, record: &Record) -> bool {
    let got = home_fee(record);
    match &label.home_fee {
        None => got.is_none() && !record.cost.free,
        Some(want) if want.amount == 0.0 => {
            record.cost.free || got.is_some_and(|f| f.amount == 0.0)
        }
        Some(want) => got.is_some_and(|f| {
            (f.amount - want.amount).abs() <= 1.0 && enum_name::<FeePer>(&f.per) == want.per
        }),
    }
}

/// Whether each scored field of `record` (or of no record) is right for `label`, in
/// [`FIELDS`] order (`kind` left out where the label's kind is not a contract kind).
pub fn score(label: &PageLabel, record: Option<&Record>) -> Vec<(&'static str, bool)> {
    let fields = FIELDS.iter().copied().filter(|f| *f != "kind" || !label.is_non_course());
    let Some(r) = record else {
        return fields.map(|f| (f, false)).collect();
    };
    fields
        .map(|field| {
            let right = match field {
                "kind" => enum_name(&r.kind) == label.kind,
                "awards" => {
                    let norm = |v: &[String]| {
                        let mut v: Vec<String> = v.iter().map(|a| a.to_uppercase()).collect();
                        v.sort();
                        v.dedup();
                        v
                    };
                    norm(r.awards.as_deref().unwrap_or_default()) == norm(&label.awards)
                }
                "fheq_levels" => {
                    let mut want = label.fheq_levels.clone();
                    want.sort_unstable();
                    want.dedup();
                    r.fheq_levels.clone().unwrap_or_default() == want
                }
                "ft" => range_right(label.ft, r.length.full_time_months),
                "pt" => range_right(label.pt, r.length.part_time_months),
                "delivery_class" => delivery_class(r.delivery) == label.delivery_class.as_deref(),
                "home_fee" => fee_right(label, r),
                "requires" => {
                    let got = r.entry.requires.as_ref().map(|g| {
                        let mut g: Vec<String> = g.iter().map(enum_name::<Requirement>).collect();
                        g.sort();
                        g.dedup();
                        g
                    });
                    got == label_requires(label)
                }
                "academic" => {
                    r.entry.academic.as_ref().map(enum_name).as_deref() == label_academic(label)
                }
                _ => false,
            };
            (field, right)
        })
        .collect()
}

/// How pages labelled as describing no course are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonCourse {
    /// Field by field, as any page (the reference scorer's rule, for `dev.jsonl`).
    ScoreFields,
    /// Right when the page gives no record; left out of the field figures (held-out sets).
    ExpectNoRecord,
}

impl super::Report {
    /// Adds one labelled page text and the records extracted from it.
    pub fn add_text(&mut self, page: &Page, records: &[Record], non_course: NonCourse) {
        if non_course == NonCourse::ExpectNoRecord && page.label.is_non_course() {
            self.add_non_course(records.is_empty());
            return;
        }
        let record = pick(&page.label, records);
        let describes_course = !page.label.is_non_course();
        self.add_scores(&page.id, &score(&page.label, record), record.is_none(), describes_course);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_is_given_back_as_score_py_does() {
        let html = as_html(
            Some("MSc X & Y"),
            "MSc X\n\nDuration:\n1 year\nFees: £9,250\n\n• one\n• two\nAfter.\n\nA sentence.",
        );
        assert!(html.contains("<title>MSc X &amp; Y</title>"), "{html}");
        assert!(html.contains("<h3>MSc X</h3>"), "{html}");
        assert!(html.contains("<p>Duration: 1 year</p>\n<p>Fees: £9,250</p>"), "{html}");
        assert!(html.contains("<ul><li>one</li><li>two</li></ul>\n<p>After.</p>"), "{html}");
        assert!(html.contains("<p>A sentence.</p>"), "{html}");
    }

    #[test]
    fn titles_match_loosely() {
        assert_eq!(norm_title("  MSc: Public-Health (2025) "), "msc public health 2025");
    }

    #[test]
    fn label_mappings() {
        let page = parse_pages(
            r#"{"id": "x", "url": "u", "text": "t", "label": {"title": null, "kind": "other", "awards": [], "fheq_levels": [], "ft": null, "pt": {"min": null, "max": null}, "delivery_class": null, "home_fee": null, "requires": ["employment", "english"], "academic": "degree_1st"}}"#,
        )
        .expect("parses");
        let label = &page[0].label;
        assert!(label.is_non_course());
        assert_eq!(label_requires(label), Some(vec!["work_experience".to_string()]));
        assert_eq!(label_academic(label), Some("degree_2_1"));
        let scores = score(label, None);
        assert_eq!(scores.len(), 8, "no kind for a non-course label");
        assert!(scores.iter().all(|(_, right)| !right));
    }
}
