//! The 2014 report's summary tables, recomputed from the catalogue's records.
//!
//! [`summary_tables`] counts the records into the report's tables (3-8, delivery, cost,
//! fellowships, HEIs by region and the counts the report quotes), using the report's row
//! labels ([`labels`]). [`render`] writes them as Markdown, CSV or one self-contained HTML page
//! with an SVG chart per table. [`compare`] sets them beside the report's own figures, kept as
//! data in `data/report-2014.toml` ([`ReportFigures`]), and says per table whether they are
//! equal, differ, or differ only as a documented deviation says they must.
//!
//! Dependencies: `coursemap-records` for the record type; `coursemap-seeds` for what records
//! do not carry (provider region and fellowship scope); `serde` and `toml` to read the
//! report's figures; `csv` to quote CSV correctly; `html-escape` to escape text in the HTML report;
//! `thiserror` for the error type.

mod compare;
mod cost;
mod directory;
mod entry_years;
mod filter;
pub mod labels;
mod render;
mod report;
mod summary;
mod table;

pub use compare::{Comparison, RowComparison, TableComparison, Verdict, compare};
pub use cost::{mode_word, per_word, student_word};
pub use directory::{FellowshipScope, ProviderDirectory, ProviderInfo};
pub use filter::TableFilter;
pub use render::{Format, render};
pub use report::{Deviation, ExpectedRow, ReportFigures, ReportRow, ReportTable};
pub use summary::summary_tables;
pub use table::{Row, Table};

/// What can go wrong making tables.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The report's figures file does not parse (a bug in `data/report-2014.toml`).
    #[error("the 2014 report's figures do not parse: {0}")]
    Figures(String),
    /// A format name (the text given) is none of `md`, `markdown`, `csv` or `html`.
    #[error("unknown table format {0:?} (use md, csv or html)")]
    UnknownFormat(String),
    /// The CSV writer failed, or its output was not UTF-8 (not expected in practice).
    #[error("cannot render the tables: {0}")]
    Render(String),
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
