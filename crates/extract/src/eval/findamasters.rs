//! The FindAMasters pages (`../shared/real-pages/findamasters/labels.jsonl`), scored exactly
//! as that folder's README says.

use coursemap_records::{FeePer, Record, Student, StudyMode};
use serde::Deserialize;

use super::{delivery_class, enum_name, range_right};
use crate::Result;

/// The fields scored, in report order.
pub const FIELDS: [&str; 8] =
    ["awards", "fheq_levels", "ft", "pt", "delivery_class", "home_fee", "requires", "academic"];

/// A month range as labelled; `min` is `None` when only a maximum was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct LabelRange {
    /// The shortest time in months; `None` for "up to".
    pub min: Option<u32>,
    /// `None` only where a label gives a route without a length (scored as not stated).
    pub max: Option<u32>,
}

/// The labelled UK/home full-time fee.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LabelFee {
    /// The amount in pounds.
    pub amount: f64,
    /// What it is charged per, as the contract spells it (`year`, `course`).
    pub per: String,
}

/// One labelled page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Label {
    /// The saved page's file name in the folder (`fam03.html`).
    pub file: String,
    /// The page's real URL, given to the extractor.
    pub url: String,
    /// The course's title, which picks the record scored (see [`pick`]).
    pub title: String,
    /// The provider's name (not scored).
    #[serde(default)]
    pub provider: Option<String>,
    /// The awards, compared as a set ignoring case.
    pub awards: Vec<String>,
    /// The FHEQ levels, compared as a set.
    pub fheq_levels: Vec<u8>,
    /// Full-time length; `None` when the page states no full-time route.
    pub ft: Option<LabelRange>,
    /// Part-time length ("flexible" counts as part-time); `None` when none is stated.
    pub pt: Option<LabelRange>,
    /// `on_site`, `remote` or `blended`; `None` when not stated.
    pub delivery_class: Option<String>,
    /// The UK/home full-time fee; `None` when no amount is stated.
    pub home_fee: Option<LabelFee>,
    /// The kinds of entry criterion, as the contract spells them; `None` when not stated.
    pub requires: Option<Vec<String>>,
    /// The academic minimum, as the contract spells it; `None` when not stated.
    pub academic: Option<String>,
    /// Why the labeller decided as they did, where the page was ambiguous (not scored).
    #[serde(default)]
    pub note: Option<String>,
}

/// Parses a labels file (one JSON object per line; blank lines skipped).
pub fn parse_labels(text: &str) -> Result<Vec<Label>> {
    super::parse_jsonl(text)
}

/// The record a label is about: the one whose title matches, else the first.
pub fn pick<'r>(label: &Label, records: &'r [Record]) -> Option<&'r Record> {
    let want = normalise_title(&label.title);
    records.iter().find(|r| normalise_title(&r.title) == want).or_else(|| records.first())
}

fn normalise_title(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether each field of `record` (or of no record) is right for `label`, in [`FIELDS`] order.
pub fn score(label: &Label, record: Option<&Record>) -> [(&'static str, bool); 8] {
    let Some(r) = record else {
        return FIELDS.map(|f| (f, false));
    };
    let awards_right = r.awards.as_ref().is_some_and(|got| {
        let mut a: Vec<String> = got.iter().map(|s| s.to_lowercase()).collect();
        let mut b: Vec<String> = label.awards.iter().map(|s| s.to_lowercase()).collect();
        a.sort();
        a.dedup();
        b.sort();
        b.dedup();
        a == b
    });
    let levels_right = {
        let mut want = label.fheq_levels.clone();
        want.sort_unstable();
        want.dedup();
        r.fheq_levels.clone().unwrap_or_default() == want
    };
    let fee = r.cost.fees.iter().find(|f| {
        matches!(f.student, Student::Home | Student::Any) && f.mode != Some(StudyMode::PartTime)
    });
    let fee_right = match (&label.home_fee, fee) {
        (None, None) => true,
        (Some(l), Some(f)) => {
            (l.amount - f.amount).abs() <= 1.0 && l.per == enum_name::<FeePer>(&f.per)
        }
        _ => false,
    };
    let requires_right = match (&label.requires, &r.entry.requires) {
        (None, None) => true,
        (Some(l), Some(g)) => {
            let mut a: Vec<String> = g.iter().map(enum_name).collect();
            let mut b = l.clone();
            a.sort();
            b.sort();
            a == b
        }
        _ => false,
    };
    let academic_right =
        label.academic.as_deref() == r.entry.academic.as_ref().map(enum_name).as_deref();
    [
        ("awards", awards_right),
        ("fheq_levels", levels_right),
        ("ft", range_right(label.ft, r.length.full_time_months)),
        ("pt", range_right(label.pt, r.length.part_time_months)),
        ("delivery_class", label.delivery_class.as_deref() == delivery_class(r.delivery)),
        ("home_fee", fee_right),
        ("requires", requires_right),
        ("academic", academic_right),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use crate::eval::Report;

    #[test]
    fn parses_a_label_line() {
        let labels = parse_labels(
            r#"{"file": "a.html", "url": "https://x/", "title": "T", "awards": ["MSc"], "fheq_levels": [7], "ft": {"min": 12, "max": 12}, "pt": {"min": null, "max": 48}, "delivery_class": "on_site", "home_fee": {"amount": 9600, "per": "year"}, "requires": ["academic"], "academic": "degree_2_2", "note": "n"}

            not json"#,
        );
        assert!(matches!(labels, Err(Error::Label { line: 3, .. })), "{labels:?}");
        let labels = parse_labels(
            r#"{"file": "a.html", "url": "https://x/", "title": "T", "awards": ["MSc"], "fheq_levels": [7], "ft": null, "pt": {"min": null, "max": 48}, "delivery_class": null, "home_fee": null, "requires": null, "academic": null}"#,
        )
        .expect("label parses");
        assert_eq!(labels[0].pt, Some(LabelRange { min: None, max: Some(48) }));
    }

    #[test]
    fn missing_record_scores_nothing() {
        let label = parse_labels(
            r#"{"file": "a.html", "url": "u", "title": "T", "awards": [], "fheq_levels": [], "ft": null, "pt": null, "delivery_class": null, "home_fee": null, "requires": null, "academic": null}"#,
        )
        .expect("label parses");
        let mut report = Report::default();
        report.add(&label[0], &[]);
        assert_eq!(report.overall(), 0.0);
        assert_eq!(report.pages[0].wrong.len(), 8);
    }
}
