//! Scoring extraction against hand-made labels of real pages nobody on this project wrote,
//! exactly as the labels' own READMEs say, so the test suite and `coursemap eval` report the
//! same figures. No I/O: callers read the files.
//!
//! - [`findamasters`]: saved aggregator pages (`../shared/real-pages/findamasters/`).
//! - [`realtext`]: the text of course pages from many providers' own sites
//!   (`../shared/real-pages/realtext/dev.jsonl`, and the project's held-out set in
//!   `crates/extract/tests/data/realtext-holdout/`), given back the structure the text implies
//!   before extraction, as the reference scorer `score.py` does.
//! - [`feeds`]: real XCRI-CAP feeds (`../shared/real-pages/xcri-cap/`), unlabelled: scored on
//!   what their README requires (no course lost, each record on its own page, fields stated).

pub mod feeds;
pub mod findamasters;
pub mod realtext;

use std::collections::BTreeMap;
use std::fmt;

use coursemap_records::{Delivery, MonthRange};

pub use findamasters::{FIELDS, Label, LabelFee, LabelRange, parse_labels, pick, score};

/// One JSON object per line (blank lines skipped); a bad line is an error naming it.
fn parse_jsonl<T: serde::de::DeserializeOwned>(text: &str) -> crate::Result<Vec<T>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|error| crate::Error::Label { line: i + 1, error })
        })
        .collect()
}

/// A labelled month range; `min` is `None` when only a maximum was stated.
fn range_right(label: Option<LabelRange>, got: Option<MonthRange>) -> bool {
    // A route stated without a length is "not known" in the contract: null.
    let label = label.filter(|l| l.max.is_some() || l.min.is_some());
    match (label, got) {
        (None, None) => true,
        (Some(l), Some(g)) => l.max == Some(g.max) && (l.min.is_none() || l.min == g.min),
        _ => false,
    }
}

/// The labels' three-way delivery classes.
fn delivery_class(d: Option<Delivery>) -> Option<&'static str> {
    d.map(|d| match d {
        Delivery::Campus | Delivery::CampusAndWorkBased => "on_site",
        Delivery::Distance | Delivery::ELearning => "remote",
        Delivery::Blended => "blended",
    })
}

/// A contract enum's JSON spelling ("part_time").
fn enum_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// One page's result.
#[derive(Debug, Clone)]
pub struct PageScore {
    /// The page's file name or id.
    pub page: String,
    /// Fields that were wrong.
    pub wrong: Vec<&'static str>,
    /// The extractor gave no record for the page.
    pub no_record: bool,
    /// The label says the page describes a course (a page labelled `other`, such as a fee
    /// policy covering a whole catalogue, is scored field by field but owes no record).
    pub describes_course: bool,
}

/// Per-field and overall accuracy over a set of pages.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Field names in the order they were first scored (the report's order).
    order: Vec<&'static str>,
    /// Field → (right, total).
    fields: BTreeMap<&'static str, (usize, usize)>,
    /// Each page scored field by field, in the order added.
    pub pages: Vec<PageScore>,
    /// Pages labelled as describing no course, and how many of them gave no record (held-out
    /// sets only; the reference scoring scores such pages field by field).
    pub non_course: (usize, usize),
}

impl Report {
    /// Adds one page's field results.
    pub fn add_scores(
        &mut self,
        page: &str,
        scores: &[(&'static str, bool)],
        no_record: bool,
        describes_course: bool,
    ) {
        let mut wrong = Vec::new();
        for &(field, right) in scores {
            if !self.order.contains(&field) {
                self.order.push(field);
            }
            let entry = self.fields.entry(field).or_default();
            entry.1 += 1;
            if right {
                entry.0 += 1;
            } else {
                wrong.push(field);
            }
        }
        self.pages.push(PageScore { page: page.to_string(), wrong, no_record, describes_course });
    }

    /// Adds one FindAMasters page: its label and the records extracted from it.
    pub fn add(&mut self, label: &Label, records: &[coursemap_records::Record]) {
        let record = pick(label, records);
        self.add_scores(&label.file, &score(label, record), record.is_none(), true);
    }

    /// Counts a page labelled as no course: right when it gave no record.
    pub fn add_non_course(&mut self, gave_none: bool) {
        self.non_course.1 += 1;
        if gave_none {
            self.non_course.0 += 1;
        }
    }

    /// The fields scored, in report order.
    pub fn field_names(&self) -> &[&'static str] {
        &self.order
    }

    /// Pages that gave no record at all.
    pub fn pages_without_record(&self) -> usize {
        self.pages.iter().filter(|p| p.no_record).count()
    }

    /// Pages describing a course that gave no record (the goal is none).
    pub fn course_pages_without_record(&self) -> usize {
        self.pages.iter().filter(|p| p.no_record && p.describes_course).count()
    }

    fn totals(&self) -> (usize, usize) {
        self.fields.values().fold((0, 0), |(r, t), (fr, ft)| (r + fr, t + ft))
    }

    /// Right fields over all fields of all pages (0 when nothing was scored).
    pub fn overall(&self) -> f64 {
        let (right, total) = self.totals();
        if total == 0 { 0.0 } else { right as f64 / total as f64 }
    }

    /// One field's accuracy (0 when the field was never scored).
    pub fn field(&self, name: &str) -> f64 {
        match self.fields.get(name) {
            Some((right, total)) if *total > 0 => *right as f64 / *total as f64,
            _ => 0.0,
        }
    }

    /// The fields below `floor`, in report order.
    pub fn fields_below(&self, floor: f64) -> Vec<&'static str> {
        self.order.iter().copied().filter(|f| self.field(f) < floor).collect()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<16} {:>7} {:>9}", "field", "right", "accuracy")?;
        for name in &self.order {
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
        let (right, total) = self.totals();
        writeln!(
            f,
            "{:<16} {:>3}/{:<3} {:>8.1}%",
            "overall",
            right,
            total,
            100.0 * self.overall()
        )?;
        let courses = self.pages.iter().filter(|p| p.describes_course).count();
        writeln!(
            f,
            "pages with no record: {}/{} ({}/{courses} describing a course)",
            self.pages_without_record(),
            self.pages.len(),
            self.course_pages_without_record()
        )?;
        if self.non_course.1 > 0 {
            writeln!(
                f,
                "pages describing no course that gave none: {}/{}",
                self.non_course.0, self.non_course.1
            )?;
        }
        for page in self.pages.iter().filter(|p| !p.wrong.is_empty()) {
            let how = if page.no_record { " (no record)" } else { "" };
            writeln!(f, "  {}: wrong {}{how}", page.page, page.wrong.join(", "))?;
        }
        Ok(())
    }
}
