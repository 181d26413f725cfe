//! Validating returned sheets and turning their rows into overrides: every bad cell is
//! named (file, row, column), and nothing is planned unless every cell is good.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use coursemap_records::{
    Evidence, Field, FieldValues, Kind, Override, Record, Source, record_id, top_field,
};

use crate::columns::{self, COLUMNS, CORRECTION_SUFFIX, RECORD_ID, SOURCE_URL, STATUS};
use crate::sheet::Sheet;
use crate::{Error, Result};

/// One cell that cannot be read, named by file, spreadsheet row (1 = header) and column.
#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    /// The sheet's file.
    pub file: PathBuf,
    /// The spreadsheet row as a person sees it: 1 is the header, 2 the first data row.
    pub row: usize,
    /// The column's header.
    pub column: String,
    /// What is wrong with the cell and, where it helps, what it should say.
    pub message: String,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} row {}, column {:?}: {}",
            self.file.display(),
            self.row,
            self.column,
            self.message
        )
    }
}

/// Every bad cell of every sheet (nothing was applied).
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidSheets(pub Vec<CellError>);

impl fmt::Display for InvalidSheets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} bad cell(s); nothing was applied:", self.0.len())?;
        for error in &self.0 {
            writeln!(f, "  {error}")?;
        }
        Ok(())
    }
}

/// Validates `sheets` against `records` and turns them into overrides, or names every bad
/// cell. `previous` are the overrides already saved: a row removed or added by an earlier
/// import of the same sheet is not an error.
pub fn plan_import(
    records: &[Record],
    sheets: &[Sheet],
    previous: &[Override],
) -> Result<Vec<Override>> {
    let by_id: HashMap<&str, &Record> = records.iter().map(|r| (r.id.as_str(), r)).collect();
    let earlier = Earlier {
        removed: previous
            .iter()
            .filter(|p| matches!(p, Override::Remove { .. }))
            .map(|p| p.id().to_owned())
            .collect(),
        added: previous
            .iter()
            .filter(|p| matches!(p, Override::Add { .. }))
            .map(|p| p.id().to_owned())
            .collect(),
    };
    let mut errors = Vec::new();
    let mut overrides = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for sheet in sheets {
        let mut planner = SheetPlanner {
            sheet,
            by_id: &by_id,
            earlier: &earlier,
            errors: &mut errors,
            seen: &mut seen,
        };
        if planner.check_header() {
            for row in 0..sheet.rows.len() {
                overrides.extend(planner.plan_row(row));
            }
        }
    }
    if errors.is_empty() { Ok(overrides) } else { Err(Error::Invalid(InvalidSheets(errors))) }
}

/// Ids removed or added by earlier imports.
struct Earlier {
    removed: HashSet<String>,
    added: HashSet<String>,
}

struct SheetPlanner<'a> {
    sheet: &'a Sheet,
    by_id: &'a HashMap<&'a str, &'a Record>,
    earlier: &'a Earlier,
    errors: &'a mut Vec<CellError>,
    /// Ids already named in this import, with where.
    seen: &'a mut HashMap<String, String>,
}

impl SheetPlanner<'_> {
    fn error(&mut self, row: usize, column: &str, message: impl Into<String>) {
        self.errors.push(CellError {
            file: self.sheet.path.clone(),
            // Data row 0 is the spreadsheet's row 2.
            row: row + 2,
            column: column.to_owned(),
            message: message.into(),
        });
    }

    fn where_(&self, row: usize) -> String {
        let name = self
            .sheet
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("{name} row {}", row + 2)
    }

    /// Every header must be one this crate writes, so a mistyped correction column is an
    /// error rather than a silently ignored correction.
    fn check_header(&mut self) -> bool {
        let known = columns::header();
        let before = self.errors.len();
        for required in [STATUS, RECORD_ID, SOURCE_URL] {
            if self.sheet.column(required).is_none() {
                self.errors.push(CellError {
                    file: self.sheet.path.clone(),
                    row: 1,
                    column: required.to_owned(),
                    message: "required column is missing".to_owned(),
                });
            }
        }
        for name in &self.sheet.header {
            if !name.is_empty() && !known.contains(name) {
                self.errors.push(CellError {
                    file: self.sheet.path.clone(),
                    row: 1,
                    column: name.clone(),
                    message: "unknown column (was the header edited?)".to_owned(),
                });
            }
        }
        self.errors.len() == before
    }

    /// The parsed correction cells of a row, by column name, and whether any correction cell
    /// was filled in at all (parsed or not).
    fn corrections(&mut self, row: usize) -> (Vec<(&'static str, FieldValues)>, bool) {
        let mut found = Vec::new();
        let mut filled = false;
        for column in COLUMNS.iter().filter(|c| c.correctable) {
            let header = format!("{}{CORRECTION_SUFFIX}", column.name);
            let text = self.sheet.cell(row, &header).trim().to_owned();
            if text.is_empty() {
                continue;
            }
            filled = true;
            match (column.parse)(&text) {
                Ok(values) => found.push((column.name, values)),
                Err(message) => self.error(row, &header, message),
            }
        }
        (found, filled)
    }

    /// Checks the row's record id: present, catalogued, and answered only once.
    fn known_id(&mut self, row: usize) -> Option<()> {
        let id = self.sheet.cell(row, RECORD_ID).trim().to_owned();
        if id.is_empty() {
            self.error(row, RECORD_ID, "empty: this status needs the row's record id");
            return None;
        }
        if !self.by_id.contains_key(id.as_str()) && !self.earlier.removed.contains(&id) {
            self.error(row, RECORD_ID, format!("{id:?} is not in the catalogue"));
            return None;
        }
        if let Some(earlier) = self.seen.insert(id.clone(), self.where_(row)) {
            self.error(row, RECORD_ID, format!("{id:?} is already answered in {earlier}"));
            return None;
        }
        Some(())
    }

    /// The overrides of one row: none for an unanswered row; a correction also confirms the
    /// rest of the row, since the provider has checked it.
    fn plan_row(&mut self, row: usize) -> Vec<Override> {
        self.plan_row_inner(row).unwrap_or_default()
    }

    fn plan_row_inner(&mut self, row: usize) -> Option<Vec<Override>> {
        let status = self.sheet.cell(row, STATUS).trim().to_ascii_lowercase();
        let (corrections, any_correction) = self.corrections(row);
        let id = self.sheet.cell(row, RECORD_ID).trim().to_owned();
        let source = self.where_(row);
        match status.as_str() {
            "" => {
                if any_correction {
                    self.error(
                        row,
                        STATUS,
                        "corrections are filled in but Status is empty: write \"correct\"",
                    );
                }
                None
            }
            "confirm" => {
                self.known_id(row)?;
                if let Some((name, _)) = corrections.first() {
                    self.error(row, STATUS, format!("Status is \"confirm\" but \"{name}{CORRECTION_SUFFIX}\" is filled in: write \"correct\""));
                    return None;
                }
                Some(vec![Override::Verify { id, source }])
            }
            "correct" => {
                self.known_id(row)?;
                if !any_correction {
                    self.error(
                        row,
                        STATUS,
                        "Status is \"correct\" but no correction column is filled in",
                    );
                    return None;
                }
                if corrections.is_empty() {
                    return None; // every filled correction was bad, and is reported
                }
                let values = corrections.into_iter().flat_map(|(_, v)| v).collect();
                Some(vec![
                    Override::Correct { id: id.clone(), values, source: source.clone() },
                    Override::Verify { id, source },
                ])
            }
            "discontinued" => {
                self.known_id(row)?;
                Some(vec![Override::Remove { id, source }])
            }
            "add" => self.added_record(row, source).map(|item| vec![item]),
            other => {
                self.error(
                    row,
                    STATUS,
                    format!(
                        "unknown status {other:?}; expected confirm, correct, discontinued or add"
                    ),
                );
                None
            }
        }
    }

    /// A new record from an "add" row: each field from its correction cell, else its value
    /// cell; provider from the sheet's other rows when not given.
    fn added_record(&mut self, row: usize, source: String) -> Option<Override> {
        let before = self.errors.len();
        let url = self.sheet.cell(row, SOURCE_URL).trim().to_owned();
        if !(url.starts_with("https://") || url.starts_with("http://"))
            || url.contains(char::is_whitespace)
        {
            self.error(
                row,
                SOURCE_URL,
                format!(
                    "an added course needs its web address (http:// or https://), found {url:?}"
                ),
            );
        }
        if !self.sheet.cell(row, RECORD_ID).trim().is_empty() {
            self.error(
                row,
                RECORD_ID,
                "leave empty for an added course (the id is made from the Source URL)",
            );
        }
        let id = record_id(&url, None);
        if self.by_id.contains_key(id.as_str()) && !self.earlier.added.contains(&id) {
            self.error(
                row,
                SOURCE_URL,
                format!(
                    "this page is already in the catalogue as {id:?}: use \"correct\" on its row"
                ),
            );
        } else if let Some(earlier) = self.seen.insert(id.clone(), source.clone()) {
            self.error(row, SOURCE_URL, format!("this course is already added in {earlier}"));
        }
        let mut values = FieldValues::new();
        let mut given = Vec::new();
        for column in COLUMNS.iter().filter(|c| c.correctable || c.name == "Provider id") {
            let correction = self
                .sheet
                .cell(row, &format!("{}{CORRECTION_SUFFIX}", column.name))
                .trim()
                .to_owned();
            let value = self.sheet.cell(row, column.name).trim().to_owned();
            let (header, text) = if correction.is_empty() {
                (column.name.to_owned(), value)
            } else {
                (format!("{}{CORRECTION_SUFFIX}", column.name), correction)
            };
            if text.is_empty() {
                continue;
            }
            match (column.parse)(&text) {
                Ok(parsed) => {
                    given.extend(parsed.keys().cloned());
                    values.extend(parsed);
                }
                Err(message) => self.error(row, &header, message),
            }
        }
        for (field, column) in
            [(Field::Title, "Title"), (Field::Kind, "Kind"), (Field::Focus, "Focus")]
        {
            if !values.contains_key(field.as_str()) && self.errors.len() == before {
                self.error(row, column, format!("{column} is required for an added course"));
            }
        }
        if self.errors.len() != before {
            return None;
        }
        let mut record = blank_record(&id, &url);
        if !values.contains_key(Field::Provider.as_str()) {
            // The sheet is one provider's: take the provider from a row already catalogued.
            if let Some(known) = self.sheet_provider() {
                record.provider = known.provider.clone();
                record.provider_id = known.provider_id.clone();
                record.region = known.region;
            }
        }
        let mut record = match coursemap_records::apply_values(&record, &values) {
            Ok(record) => record,
            Err(message) => {
                self.error(row, STATUS, format!("the row does not make a valid record: {message}"));
                return None;
            }
        };
        record.length.refresh_category();
        record.verified = true;
        let mut fields: Vec<Field> = given.iter().filter_map(|path| top_field(path)).collect();
        fields.dedup();
        for field in fields {
            record.evidence.insert(
                field,
                Evidence {
                    source: Source::Manual,
                    text: format!("added in verification ({source})"),
                    url: None,
                },
            );
        }
        Some(Override::Add { record: Box::new(record), source })
    }

    fn sheet_provider(&self) -> Option<&Record> {
        (0..self.sheet.rows.len())
            .find_map(|row| self.by_id.get(self.sheet.cell(row, RECORD_ID).trim()).copied())
    }
}

fn blank_record(id: &str, url: &str) -> Record {
    Record::new(id, url, "", Kind::Programme)
}
