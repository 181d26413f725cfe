//! Scoring extraction against hand-made labels (`../shared/real-pages/findamasters/
//! labels.jsonl`), exactly as that folder's README says, so the test suite and
//! `coursemap eval` report the same figures. No I/O: callers read the files.

use std::collections::BTreeMap;
use std::fmt;

use coursemap_records::{Delivery, FeePer, Record, Student, StudyMode};
use serde::Deserialize;

use crate::{Error, Result};

/// The fields scored, in report order.
pub const FIELDS: [&str; 8] =
    ["awards", "fheq_levels", "ft", "pt", "delivery_class", "home_fee", "requires", "academic"];

/// A month range as labelled; `min` is `None` when only a maximum was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct LabelRange {
    pub min: Option<u32>,
    pub max: u32,
}

/// The labelled UK/home full-time fee.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LabelFee {
    pub amount: f64,
    pub per: String,
}

/// One labelled page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Label {
    pub file: String,
    pub url: String,
    pub title: String,
    #[serde(default)]
    pub provider: Option<String>,
    pub awards: Vec<String>,
    pub fheq_levels: Vec<u8>,
    pub ft: Option<LabelRange>,
    pub pt: Option<LabelRange>,
    pub delivery_class: Option<String>,
    pub home_fee: Option<LabelFee>,
    pub requires: Option<Vec<String>>,
    pub academic: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Parses a labels file (one JSON object per line; blank lines skipped).
pub fn parse_labels(text: &str) -> Result<Vec<Label>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|source| Error::Label { line: i + 1, source })
        })
        .collect()
}

/// The record a label is about: the one whose title matches, else the first.
pub fn pick<'r>(label: &Label, records: &'r [Record]) -> Option<&'r Record> {
    let want = normalise_title(&label.title);
    records.iter().find(|r| normalise_title(&r.title) == want).or_else(|| records.first())
}

fn normalise_title(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn enum_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn range_right(label: Option<LabelRange>, got: Option<coursemap_records::MonthRange>) -> bool {
    match (label, got) {
        (None, None) => true,
        (Some(l), Some(g)) => l.max == g.max && (l.min.is_none() || l.min == g.min),
        _ => false,
    }
}

fn delivery_class(d: Option<Delivery>) -> Option<&'static str> {
    d.map(|d| match d {
        Delivery::Campus | Delivery::CampusAndWorkBased => "on_site",
        Delivery::Distance | Delivery::ELearning => "remote",
        Delivery::Blended => "blended",
    })
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

/// One page's result.
#[derive(Debug, Clone)]
pub struct PageScore {
    pub file: String,
    /// Fields that were wrong.
    pub wrong: Vec<&'static str>,
}

/// Per-field and overall accuracy over a set of pages.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Field → (right, total).
    pub fields: BTreeMap<&'static str, (usize, usize)>,
    pub pages: Vec<PageScore>,
}

impl Report {
    /// Adds one page: its label and the records extracted from it.
    pub fn add(&mut self, label: &Label, records: &[Record]) {
        let scores = score(label, pick(label, records));
        let mut wrong = Vec::new();
        for (field, right) in scores {
            let entry = self.fields.entry(field).or_default();
            entry.1 += 1;
            if right {
                entry.0 += 1;
            } else {
                wrong.push(field);
            }
        }
        self.pages.push(PageScore { file: label.file.clone(), wrong });
    }

    /// Right fields over all fields of all pages (0 when nothing was scored).
    pub fn overall(&self) -> f64 {
        let (right, total) = self.fields.values().fold((0, 0), |(r, t), (fr, ft)| (r + fr, t + ft));
        if total == 0 { 0.0 } else { right as f64 / total as f64 }
    }

    /// One field's accuracy (0 when the field was never scored).
    pub fn field(&self, name: &str) -> f64 {
        match self.fields.get(name) {
            Some((right, total)) if *total > 0 => *right as f64 / *total as f64,
            _ => 0.0,
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<16} {:>7} {:>9}", "field", "right", "accuracy")?;
        for name in FIELDS {
            if let Some((right, total)) = self.fields.get(name) {
                writeln!(
                    f,
                    "{name:<16} {:>3}/{:<3} {:>8.1}%",
                    right,
                    total,
                    100.0 * self.field(name)
                )?;
            }
        }
        let (right, total) = self.fields.values().fold((0, 0), |(r, t), (fr, ft)| (r + fr, t + ft));
        writeln!(
            f,
            "{:<16} {:>3}/{:<3} {:>8.1}%",
            "overall",
            right,
            total,
            100.0 * self.overall()
        )?;
        for page in self.pages.iter().filter(|p| !p.wrong.is_empty()) {
            writeln!(f, "  {}: wrong {}", page.file, page.wrong.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(labels[0].pt, Some(LabelRange { min: None, max: 48 }));
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
