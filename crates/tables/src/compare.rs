//! Each computed table beside the report's figures, equal or not.

use std::fmt;

use crate::report::{Deviation, ReportFigures, ReportTable};
use crate::table::Table;

/// How a table compares with the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every compared row has the report's count (a row the report lacks counts as 0).
    Equal,
    /// Differs from the report exactly as a documented deviation says it must.
    DocumentedDeviation,
    /// Some row differs and no documented deviation accounts for it, or the catalogue has
    /// no such table.
    Differs,
}

impl Verdict {
    /// "equal", "equal (documented deviation)" or "differs".
    pub fn describe(self) -> &'static str {
        match self {
            Verdict::Equal => "equal",
            Verdict::DocumentedDeviation => "equal (documented deviation)",
            Verdict::Differs => "differs",
        }
    }
}

/// One row of both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowComparison {
    /// The row's key, shared by the computed table and the report's figures.
    pub key: String,
    /// The computed row's label, else the report's wording, else the key.
    pub label: String,
    /// The catalogue's count (0 when the computed table has no such row).
    pub ours: u64,
    /// `None` when the report has no such row (it is then taken as 0).
    pub report: Option<u64>,
}

/// One table of both.
#[derive(Debug, Clone, PartialEq)]
pub struct TableComparison {
    /// The table's key (`table5`, `delivery`).
    pub key: String,
    /// The report's title for the table.
    pub title: String,
    /// Whether the table matches the report.
    pub verdict: Verdict,
    /// The report's rows in its order, then (unless the report's table is partial) the
    /// catalogue's rows the report lacks.
    pub rows: Vec<RowComparison>,
    /// The documented reason, when the verdict is a deviation.
    pub reason: Option<String>,
}

/// Every table the report has figures for.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// One per table in the report's figures, in their order.
    pub tables: Vec<TableComparison>,
}

impl Comparison {
    /// True when no table differs (documented deviations aside).
    pub fn all_equal(&self) -> bool {
        self.tables.iter().all(|t| t.verdict != Verdict::Differs)
    }

    /// The comparison of table `key`.
    pub fn table(&self, key: &str) -> Option<&TableComparison> {
        self.tables.iter().find(|t| t.key == key)
    }
}

/// Compares `tables` with the report's `figures`, table by table.
pub fn compare(tables: &[Table], figures: &ReportFigures) -> Comparison {
    let tables = figures
        .tables
        .iter()
        .map(|report| {
            let ours = tables.iter().find(|t| t.key == report.key);
            compare_table(ours, report, figures.deviation(&report.key))
        })
        .collect();
    Comparison { tables }
}

fn compare_table(
    ours: Option<&Table>,
    report: &ReportTable,
    deviation: Option<&Deviation>,
) -> TableComparison {
    let mut rows: Vec<RowComparison> = report
        .rows
        .iter()
        .map(|row| RowComparison {
            key: row.key.clone(),
            label: ours
                .and_then(|t| t.rows.iter().find(|r| r.key == row.key))
                .map(|r| r.label.clone())
                .or_else(|| row.label.clone())
                .unwrap_or_else(|| row.key.clone()),
            ours: ours.map_or(0, |t| t.count(&row.key)),
            report: Some(row.count),
        })
        .collect();
    if !report.partial {
        for row in ours.iter().flat_map(|t| &t.rows) {
            if !rows.iter().any(|r| r.key == row.key) {
                rows.push(RowComparison {
                    key: row.key.clone(),
                    label: row.label.clone(),
                    ours: row.count,
                    report: None,
                });
            }
        }
    }
    let matches_report = ours.is_some() && rows.iter().all(|r| r.ours == r.report.unwrap_or(0));
    let verdict = match deviation {
        _ if matches_report => Verdict::Equal,
        Some(deviation) if ours.is_some() && satisfies(deviation, &rows) => {
            Verdict::DocumentedDeviation
        }
        _ => Verdict::Differs,
    };
    TableComparison {
        key: report.key.clone(),
        title: report.title.clone(),
        reason: (verdict == Verdict::DocumentedDeviation)
            .then(|| deviation.map(|d| d.reason.clone()))
            .flatten(),
        verdict,
        rows,
    }
}

/// Whether the computed rows are what the deviation says the catalogue must show.
fn satisfies(deviation: &Deviation, rows: &[RowComparison]) -> bool {
    if !deviation.expected.is_empty() {
        let expected =
            |key: &str| deviation.expected.iter().find(|e| e.key == key).map_or(0, |e| e.count);
        let every_expected_row_present =
            deviation.expected.iter().all(|e| rows.iter().any(|r| r.key == e.key));
        return every_expected_row_present && rows.iter().all(|r| r.ours == expected(&r.key));
    }
    match deviation.catalogue_total {
        Some(total) => {
            let ours: u64 = rows.iter().map(|r| r.ours).sum();
            let difference: u64 = rows.iter().map(|r| r.ours.abs_diff(r.report.unwrap_or(0))).sum();
            ours == total && difference <= deviation.max_difference
        }
        None => false,
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for table in &self.tables {
            writeln!(f, "{}: {}", table.title, table.verdict.describe())?;
            let width = table.rows.iter().map(|r| r.label.chars().count()).max().unwrap_or(0);
            writeln!(f, "  {:width$}  {:>6}  {:>6}", "", "ours", "2014")?;
            for row in &table.rows {
                let report = row.report.map_or_else(|| "-".to_owned(), |n| n.to_string());
                let mark = if row.ours == row.report.unwrap_or(0) { "" } else { "  <>" };
                writeln!(f, "  {:width$}  {:>6}  {:>6}{mark}", row.label, row.ours, report)?;
            }
            if let Some(reason) = &table.reason {
                writeln!(f, "  deviation: {reason}")?;
            }
            writeln!(f)?;
        }
        let differing = self.tables.iter().filter(|t| t.verdict == Verdict::Differs).count();
        if differing == 0 {
            writeln!(f, "every table equals the 2014 report (documented deviations aside)")
        } else {
            writeln!(f, "{differing} of {} tables differ from the 2014 report", self.tables.len())
        }
    }
}
