//! Writing the tables for people: Markdown for documents, CSV for spreadsheets, one
//! self-contained HTML page with a bar chart per table.

mod csv_file;
mod html;
mod markdown;

use std::str::FromStr;

use crate::compare::Comparison;
use crate::table::Table;
use crate::{Error, Result};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Markdown tables, each with its listing under it (`md` or `markdown`); the default.
    #[default]
    Markdown,
    /// One CSV file: a line per counted row, then the listings' lines (`csv`).
    Csv,
    /// One self-contained HTML page with an SVG bar chart per table (`html`).
    Html,
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        match text.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            "html" => Ok(Format::Html),
            other => Err(Error::UnknownFormat(other.to_owned())),
        }
    }
}

/// Renders `tables`; with a comparison, each counted row also shows the report's figure and
/// each table its verdict.
pub fn render(tables: &[Table], comparison: Option<&Comparison>, format: Format) -> Result<String> {
    match format {
        Format::Markdown => Ok(markdown::render(tables, comparison)),
        Format::Csv => csv_file::render(tables, comparison),
        Format::Html => Ok(html::render(tables, comparison)),
    }
}

/// The report's figure for a row, as text ("" when not comparing or the report has none).
/// The report's total for `table`: the sum of its figures (the academic-criteria column's
/// 50 included), when there is a comparison for it.
fn report_total(comparison: Option<&Comparison>, table: &str) -> Option<u64> {
    let table = comparison?.table(table)?;
    Some(table.rows.iter().filter_map(|r| r.report).sum())
}

fn report_figure(comparison: Option<&Comparison>, table: &str, row: &str) -> Option<String> {
    let table = comparison?.table(table)?;
    let row = table.rows.iter().find(|r| r.key == row);
    Some(row.and_then(|r| r.report).map_or_else(|| "-".to_owned(), |n| n.to_string()))
}
