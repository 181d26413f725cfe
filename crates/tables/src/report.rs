//! The 2014 report's figures, kept as data (`data/report-2014.toml`) and compiled in, so a
//! comparison needs no file at run time.

use serde::Deserialize;

use crate::{Error, Result};

/// The project's copy of the report's figures.
const REPORT_2014: &str = include_str!("../data/report-2014.toml");

/// Every table the report gives figures for, and the deviations it forces on us.
#[derive(Debug, Clone, Deserialize)]
pub struct ReportFigures {
    /// The `[[table]]` entries, in file order (the order comparisons list them in).
    #[serde(rename = "table")]
    pub tables: Vec<ReportTable>,
    /// The `[[deviation]]` entries; at most one per table is used.
    #[serde(rename = "deviation", default)]
    pub deviations: Vec<Deviation>,
}

/// One table of the report.
#[derive(Debug, Clone, Deserialize)]
pub struct ReportTable {
    /// The key of the computed table it matches (`table3`, `delivery`).
    pub key: String,
    /// The table's title, as comparisons print it.
    pub title: String,
    /// Only the listed rows are compared (the report quotes no others).
    #[serde(default)]
    pub partial: bool,
    /// The report's figures, in the report's order.
    pub rows: Vec<ReportRow>,
}

/// One figure of the report.
#[derive(Debug, Clone, Deserialize)]
pub struct ReportRow {
    /// What the row matches on: the report's label, a provider id from the seeds, or a
    /// region id.
    pub key: String,
    /// The report's wording, when the key is an id.
    pub label: Option<String>,
    /// The report's figure for the row.
    pub count: u64,
}

/// A place where the report disagrees with itself, with the reason and what the catalogue
/// should show instead.
#[derive(Debug, Clone, Deserialize)]
pub struct Deviation {
    /// The key of the table it applies to.
    pub table: String,
    /// Why the report cannot be matched exactly, in words shown beside the verdict.
    pub reason: String,
    /// The catalogue's figures, row by row.
    #[serde(default)]
    pub expected: Vec<ExpectedRow>,
    /// The catalogue's total, with `max_difference` allowed from the report's rows in all.
    pub catalogue_total: Option<u64>,
    /// How far the rows may differ from the report's, as summed absolute differences; used
    /// only with `catalogue_total`.
    #[serde(default)]
    pub max_difference: u64,
}

/// One row of a deviation's expected figures.
#[derive(Debug, Clone, Deserialize)]
pub struct ExpectedRow {
    /// The row's key, as in [`ReportRow::key`].
    pub key: String,
    /// The count the catalogue must show for it.
    pub count: u64,
}

impl ReportFigures {
    /// The figures compiled into this crate.
    pub fn report_2014() -> Result<Self> {
        Self::parse(REPORT_2014)
    }

    /// Parses figures in the `data/report-2014.toml` format.
    pub fn parse(text: &str) -> Result<Self> {
        toml::from_str(text).map_err(|err| Error::Figures(err.to_string()))
    }

    /// The report's table with `key`.
    pub fn table(&self, key: &str) -> Option<&ReportTable> {
        self.tables.iter().find(|t| t.key == key)
    }

    /// The documented deviation for table `key`, if any.
    pub fn deviation(&self, key: &str) -> Option<&Deviation> {
        self.deviations.iter().find(|d| d.table == key)
    }
}

impl ReportTable {
    /// The report's count for row `key`, 0 when the report has no such row.
    pub fn count(&self, key: &str) -> u64 {
        self.rows.iter().find(|row| row.key == key).map_or(0, |row| row.count)
    }
}
