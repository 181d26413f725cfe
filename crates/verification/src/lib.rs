//! The verification round trip of the 2014 mapping, done by the catalogue.
//!
//! [`export`] writes one spreadsheet per provider (XLSX and CSV): a row per record, every
//! contract field in plain words ("6 or 7", "Taught on campus only", "£9,250 per year (home,
//! full-time)"), a status column (confirm / correct / discontinued / add) and an empty
//! correction column beside each field. [`import`] reads the returned sheets, validates every
//! cell (all or nothing: one bad cell anywhere and nothing is applied), and turns the answers
//! into [`Override`]s kept in `<catalogue>/overrides.jsonl`. The build step calls
//! [`apply_overrides`] after every extraction, so corrections survive later crawls. Overrides
//! are patches to records, so they live in `coursemap-records` (re-exported here): the build
//! applies them without linking this crate's spreadsheet stack.
//!
//! Modules: `plain_words` (values to words and back), `columns` (the sheet's columns and how a
//! correction becomes contract values), `sheet` (XLSX/CSV files), `export`, `plan` (validating
//! returned sheets into overrides), `import`.
//!
//! Dependencies: `coursemap-records` for the record and atomic writes; `coursemap-files` for
//! where the catalogue keeps its records and overrides; `coursemap-tables` for
//! the report's row labels, so sheets and tables use the same words; `rust_xlsxwriter` to write
//! XLSX and `calamine` to read it back; `csv` for correct CSV quoting; `regex` to read fees and
//! lengths written by people; `serde`/`serde_json` for correction values; `thiserror` for the
//! error type; `tracing` to log sheets skipped on import.

mod columns;
mod export;
mod import;
mod plain_words;
mod plan;
mod sheet;

use std::path::PathBuf;

pub use columns::{CORRECTION_SUFFIX, RECORD_ID, SOURCE_URL, STATUS, STATUSES};
/// Overrides are patches to records, kept beside the record; re-exported for the round trip's
/// callers.
pub use coursemap_records::{
    FieldValues, Override, SkipReason, SkippedOverride, apply_overrides, apply_values,
    read_overrides, write_overrides,
};
pub use export::{ExportSummary, export};
pub use import::{Correction, ImportReport, RecordRef, import};
pub use plan::{CellError, InvalidSheets, plan_import};
pub use sheet::Sheet;

/// What can go wrong in the round trip.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The export directory could not be created, the sheets directory listed, or a CSV
    /// sheet read.
    #[error("{}: {error}", path.display())]
    Io {
        /// The directory or sheet concerned.
        path: PathBuf,
        /// What the operating system reported.
        error: std::io::Error,
    },
    /// The catalogue's records or overrides could not be read or written.
    #[error(transparent)]
    Records(#[from] coursemap_records::Error),
    /// Writing a sheet or the overrides (atomically) failed.
    #[error(transparent)]
    Write(#[from] coursemap_files::Error),
    /// A workbook could not be opened, has no worksheet, or could not be built for writing.
    #[error("{}: XLSX: {message}", path.display())]
    Xlsx {
        /// The workbook file.
        path: PathBuf,
        /// What `calamine` (reading) or `rust_xlsxwriter` (writing) reported.
        message: String,
    },
    /// A CSV sheet could not be parsed, or written.
    #[error("{}: CSV: {message}", path.display())]
    Csv {
        /// The CSV file.
        path: PathBuf,
        /// What the `csv` crate reported.
        message: String,
    },
    /// A file to read as a sheet ends in neither `.xlsx` nor `.csv`.
    #[error("{}: not a sheet (use .xlsx or .csv)", .0.display())]
    UnknownSheetType(PathBuf),
    /// A sheet to write as XLSX has more rows or columns than a cell address can number.
    #[error("{}: too many rows or columns for a spreadsheet", .0.display())]
    TooLarge(PathBuf),
    /// [`Sheet::set`] named a column the sheet's header lacks.
    #[error("{}: no column {column:?}", path.display())]
    NoSuchColumn {
        /// The sheet's file.
        path: PathBuf,
        /// The header asked for.
        column: String,
    },
    /// [`Sheet::set`] named a data row past the sheet's last.
    #[error("{}: no data row {row}", path.display())]
    NoSuchRow {
        /// The sheet's file.
        path: PathBuf,
        /// The data row asked for, 0-based (the row under the header is 0).
        row: usize,
    },
    /// One or more returned sheets have bad cells; nothing was applied.
    #[error("{0}")]
    Invalid(InvalidSheets),
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
