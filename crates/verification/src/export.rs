//! One verification spreadsheet per provider, as XLSX and CSV.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use coursemap_records::Record;

use crate::columns;
use crate::sheet::Sheet;
use crate::{Error, Result};

/// The "How to fill in" worksheet.
pub(crate) const INSTRUCTIONS: [&str; 12] = [
    "How to fill in this sheet",
    "",
    "Each row is one course, module, short course or fellowship we found on your website.",
    "In the Status column write one of:",
    "  confirm       - everything in the row is right;",
    "  correct       - something is wrong: write the right value in that field's \"(correction)\" column;",
    "  discontinued  - the course no longer runs;",
    "  add           - a course we missed: fill in a new row (Source URL, Title and Kind at least).",
    "Leave Status empty for rows you have not checked. Leave correction columns empty where the value is right.",
    "Write values in the same words as the sheet uses, e.g. FHEQ level \"6 or 7\", Delivery \"Taught on campus only\",",
    "Fees \"£9,250 per year (home, full-time)\" (several fees separated by \";\"). \"Not known\" clears a value.",
    "Please return the file with its name unchanged.",
];

/// What [`export`] wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportSummary {
    /// Every file written, XLSX and CSV.
    pub files: Vec<PathBuf>,
    /// Providers given a sheet (records without a provider share one).
    pub providers: usize,
    /// Rows written over all sheets: one per record.
    pub records: usize,
}

/// Writes `<dir>/<provider>.xlsx` and `<dir>/<provider>.csv` for each provider in `records`,
/// one row per record (sorted by kind, then title), every contract field in plain words with an
/// empty correction column beside it.
pub fn export(records: &[Record], dir: &Path) -> Result<ExportSummary> {
    fs::create_dir_all(dir).map_err(|error| Error::Io { path: dir.to_owned(), error })?;
    let mut by_provider: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for record in records {
        by_provider.entry(file_stem(record)).or_default().push(record);
    }
    let mut summary =
        ExportSummary { files: Vec::new(), providers: by_provider.len(), records: records.len() };
    for (stem, mut group) in by_provider {
        group.sort_by(|a, b| (a.kind, &a.title, &a.id).cmp(&(b.kind, &b.title, &b.id)));
        let xlsx = dir.join(format!("{stem}.xlsx"));
        let sheet = Sheet {
            path: xlsx.clone(),
            header: columns::header(),
            rows: group.iter().map(|r| columns::row(r)).collect(),
        };
        sheet.write_xlsx(&xlsx)?;
        let csv = dir.join(format!("{stem}.csv"));
        sheet.write_csv(&csv)?;
        summary.files.extend([xlsx, csv]);
    }
    Ok(summary)
}

/// The provider's seeds id, else its name made file-safe, else "unknown-provider".
fn file_stem(record: &Record) -> String {
    let name = record.provider_id.as_deref().or(record.provider.as_deref()).unwrap_or_default();
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-').to_owned();
    if stem.is_empty() { "unknown-provider".to_owned() } else { stem }
}
