//! Reading returned verification sheets: validated first (see `plan`), then the answers
//! saved as overrides and applied, all or nothing, with a report of exactly what changed.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use coursemap_files::CatalogueDir;
use coursemap_records::{Record, read_jsonl, write_jsonl};

use crate::columns::COLUMNS;
use crate::plan::plan_import;
use crate::sheet::Sheet;
use crate::{Error, Result};
use coursemap_records::{Override, apply_overrides, read_overrides, write_overrides};

/// A record named in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordRef {
    /// The record's id.
    pub id: String,
    /// The record's title, so a person can tell which course it is.
    pub title: String,
}

/// One corrected field, in the sheet's words.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// The corrected record's id.
    pub id: String,
    /// The record's title before the correction.
    pub title: String,
    /// The sheet's column name for the field ("FHEQ level", "Delivery").
    pub field: String,
    /// The value before, in the sheet's words.
    pub old: String,
    /// The value after, in the sheet's words.
    pub new: String,
}

/// Exactly what an import changed (or, in a dry run, would change).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    /// Nothing was written: the report says what an import would change.
    pub dry_run: bool,
    /// Sheets read.
    pub files: Vec<PathBuf>,
    /// CSV files passed over because an XLSX of the same name was read instead.
    pub skipped_files: Vec<PathBuf>,
    /// Records the provider confirmed as they are.
    pub confirmed: Vec<RecordRef>,
    /// Every field changed by a correction, one entry per field.
    pub corrected: Vec<Correction>,
    /// Records removed because the course was marked discontinued.
    pub removed: Vec<RecordRef>,
    /// Records the provider added (courses the crawl missed).
    pub added: Vec<RecordRef>,
    /// The overrides this import appends to `overrides.jsonl`.
    pub overrides: Vec<Override>,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.dry_run { "would be" } else { "were" };
        writeln!(
            f,
            "{} sheet(s) read{}",
            self.files.len(),
            if self.dry_run { " (dry run: nothing written)" } else { "" }
        )?;
        if !self.skipped_files.is_empty() {
            let names: Vec<String> = self
                .skipped_files
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            writeln!(
                f,
                "  passed over (an .xlsx of the same name was read): {}",
                names.join(", ")
            )?;
        }
        writeln!(f, "{} record(s) {verb} confirmed", self.confirmed.len())?;
        for r in &self.confirmed {
            writeln!(f, "  = {}  {}", r.id, r.title)?;
        }
        writeln!(f, "{} field(s) {verb} corrected", self.corrected.len())?;
        for c in &self.corrected {
            writeln!(f, "  ~ {}  {}: {}: {:?} -> {:?}", c.id, c.title, c.field, c.old, c.new)?;
        }
        writeln!(f, "{} record(s) {verb} removed as discontinued", self.removed.len())?;
        for r in &self.removed {
            writeln!(f, "  - {}  {}", r.id, r.title)?;
        }
        writeln!(f, "{} record(s) {verb} added", self.added.len())?;
        for r in &self.added {
            writeln!(f, "  + {}  {}", r.id, r.title)?;
        }
        Ok(())
    }
}

/// Reads every sheet in `sheets_dir`, validates all of them against the catalogue in
/// `catalogue_dir`, and unless `dry_run` appends the results to `overrides.jsonl` and rewrites
/// `records.jsonl` with them applied. Any bad cell anywhere: [`Error::Invalid`], nothing
/// written.
pub fn import(catalogue_dir: &Path, sheets_dir: &Path, dry_run: bool) -> Result<ImportReport> {
    let catalogue = CatalogueDir::new(catalogue_dir);
    let records_path = catalogue.records();
    let (records, bad) = read_jsonl(&records_path)?;
    for line in &bad {
        tracing::warn!(%line, "unreadable record line left out of the import");
    }
    let (files, skipped_files) = sheet_files(sheets_dir)?;
    let sheets = files.iter().map(|path| Sheet::read(path)).collect::<Result<Vec<_>>>()?;
    let overrides_path = catalogue.overrides();
    let previous = read_overrides(&overrides_path)?;
    // Importing the same sheets twice changes nothing the second time.
    let overrides: Vec<Override> = plan_import(&records, &sheets, &previous)?
        .into_iter()
        .filter(|item| !previous.iter().any(|p| p.same_effect(item)))
        .collect();
    let mut report = describe(&records, &overrides);
    report.dry_run = dry_run;
    report.files = files;
    report.skipped_files = skipped_files;
    if !dry_run && !overrides.is_empty() {
        let mut all = previous;
        all.extend(overrides.iter().cloned());
        // What did not apply is the build's to report; here only the records matter.
        let (updated, _skipped) = apply_overrides(records, &overrides);
        // Overrides first: if the records write fails, the next build still applies them.
        write_overrides(&overrides_path, &all)?;
        write_jsonl(&records_path, &updated)?;
    }
    report.overrides = overrides;
    Ok(report)
}

/// The `.xlsx` and `.csv` files of a directory, sorted; a CSV with an XLSX of the same name
/// beside it is skipped (export writes both; people edit one).
fn sheet_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let io = |error| Error::Io { path: dir.to_owned(), error };
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        // Office lock files and hidden files are not returned sheets.
        if name.starts_with("~$") || name.starts_with('.') {
            continue;
        }
        let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        if matches!(extension.as_deref(), Some("xlsx" | "csv")) {
            paths.push(path);
        }
    }
    paths.sort();
    let (csv, xlsx): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    let mut files = xlsx.clone();
    let mut skipped = Vec::new();
    for path in csv {
        if xlsx.iter().any(|x| x.file_stem() == path.file_stem()) {
            skipped.push(path);
        } else {
            files.push(path);
        }
    }
    files.sort();
    Ok((files, skipped))
}

/// The report of what `overrides` do to `records`, field by field in the sheet's words.
fn describe(records: &[Record], overrides: &[Override]) -> ImportReport {
    let mut report = ImportReport::default();
    let find = |id: &str| records.iter().find(|r| r.id == id);
    let reference = |r: &Record| RecordRef { id: r.id.clone(), title: r.title.clone() };
    for item in overrides {
        match item {
            Override::Verify { id, .. } => report.confirmed.extend(find(id).map(reference)),
            Override::Remove { id, .. } => report.removed.extend(find(id).map(reference)),
            Override::Add { record, .. } => report.added.push(reference(record)),
            Override::Correct { id, values, .. } => {
                let Some(old) = find(id) else { continue };
                let Ok(new) = coursemap_records::apply_values(old, values) else { continue };
                for column in COLUMNS.iter().filter(|c| c.correctable) {
                    let (before, after) = ((column.show)(old), (column.show)(&new));
                    if before != after {
                        report.corrected.push(Correction {
                            id: id.clone(),
                            title: old.title.clone(),
                            field: column.name.to_owned(),
                            old: before,
                            new: after,
                        });
                    }
                }
            }
        }
    }
    report
}
