//! A verification sheet in memory, and its two file forms: XLSX (what people open) and CSV
//! (what scripts and any spreadsheet read).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};
use coursemap_files::write_atomically;
use rust_xlsxwriter::{DataValidation, Format, Workbook, XlsxError};

use crate::columns::{CORRECTION_SUFFIX, STATUS, STATUSES};
use crate::{Error, Result};

/// XLSX cells hold at most this many characters.
const XLSX_CELL_LIMIT: usize = 32_767;

/// Leading characters a spreadsheet would take for a formula when opening a CSV.
const FORMULA_STARTS: [char; 4] = ['=', '+', '-', '@'];

/// One sheet: a header row and data rows of text cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The file the sheet was read from (named in every error).
    pub path: PathBuf,
    /// The column headers, trimmed; empty for an empty sheet.
    pub header: Vec<String>,
    /// The data rows under the header, trailing empty rows dropped; a row may be shorter
    /// than the header.
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// The index of the column with header `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// The cell of data row `row` (0-based) in column `name`; "" when absent.
    pub fn cell(&self, row: usize, name: &str) -> &str {
        self.column(name)
            .and_then(|col| self.rows.get(row).and_then(|r| r.get(col)))
            .map_or("", String::as_str)
    }

    /// Sets a cell, growing the row as needed.
    pub fn set(&mut self, row: usize, name: &str, value: &str) -> Result<()> {
        let col = self.column(name).ok_or_else(|| Error::NoSuchColumn {
            path: self.path.clone(),
            column: name.to_owned(),
        })?;
        let width = self.header.len();
        let cells = self
            .rows
            .get_mut(row)
            .ok_or_else(|| Error::NoSuchRow { path: self.path.clone(), row })?;
        cells.resize(width.max(cells.len()), String::new());
        cells[col] = value.to_owned();
        Ok(())
    }

    /// Appends an empty row and returns its index.
    pub fn push_row(&mut self) -> usize {
        self.rows.push(vec![String::new(); self.header.len()]);
        self.rows.len() - 1
    }

    /// Reads an `.xlsx` (first worksheet) or `.csv` file.
    pub fn read(path: &Path) -> Result<Sheet> {
        let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let mut rows = match extension.as_deref() {
            Some("xlsx") => read_xlsx(path)?,
            Some("csv") => read_csv(path)?,
            _ => return Err(Error::UnknownSheetType(path.to_owned())),
        };
        // Trailing empty rows are what spreadsheets leave behind, not data.
        while rows.last().is_some_and(|r| r.iter().all(|c| c.trim().is_empty())) {
            rows.pop();
        }
        let header = if rows.is_empty() { Vec::new() } else { rows.remove(0) };
        let header = header.into_iter().map(|h| h.trim().to_owned()).collect();
        Ok(Sheet { path: path.to_owned(), header, rows })
    }

    /// Writes the sheet as XLSX: a bold frozen header, a drop-down of statuses, correction
    /// columns shaded, and a second worksheet saying how to fill it in.
    pub fn write_xlsx(&self, path: &Path) -> Result<()> {
        let xlsx =
            |source: XlsxError| Error::Xlsx { path: path.to_owned(), message: source.to_string() };
        let mut workbook = Workbook::new();
        let bold = Format::new().set_bold().set_text_wrap();
        let correction = Format::new().set_background_color(0xFFF4CE);
        let sheet = workbook.add_worksheet();
        sheet.set_name("Courses").map_err(xlsx)?;
        for (col, name) in self.header.iter().enumerate() {
            let col = u16::try_from(col).map_err(|_| Error::TooLarge(path.to_owned()))?;
            sheet.write_string_with_format(0, col, name, &bold).map_err(xlsx)?;
            sheet.set_column_width(col, if name == STATUS { 14 } else { 28 }).map_err(xlsx)?;
            if name.ends_with(CORRECTION_SUFFIX) {
                sheet.set_column_format(col, &correction).map_err(xlsx)?;
            }
        }
        for (index, cells) in self.rows.iter().enumerate() {
            let row = u32::try_from(index + 1).map_err(|_| Error::TooLarge(path.to_owned()))?;
            for (col, value) in cells.iter().enumerate() {
                if value.is_empty() {
                    continue;
                }
                let col = u16::try_from(col).map_err(|_| Error::TooLarge(path.to_owned()))?;
                sheet.write_string(row, col, clip(value, XLSX_CELL_LIMIT)).map_err(xlsx)?;
            }
        }
        sheet.set_freeze_panes(1, 3).map_err(xlsx)?;
        if let Some(col) = self.column(STATUS).and_then(|c| u16::try_from(c).ok()) {
            let statuses = DataValidation::new().allow_list_strings(&STATUSES).map_err(xlsx)?;
            let last = u32::try_from(self.rows.len() + 200).unwrap_or(u32::MAX);
            sheet.add_data_validation(1, col, last, col, &statuses).map_err(xlsx)?;
        }
        let help = workbook.add_worksheet();
        help.set_name("How to fill in").map_err(xlsx)?;
        help.set_column_width(0, 110).map_err(xlsx)?;
        for (row, line) in crate::export::INSTRUCTIONS.iter().enumerate() {
            help.write_string(row as u32, 0, *line).map_err(xlsx)?;
        }
        let bytes = workbook.save_to_buffer().map_err(xlsx)?;
        write_atomically(path, |out| out.write_all(&bytes))?;
        Ok(())
    }

    /// Writes the sheet as UTF-8 CSV with a byte-order mark (so spreadsheets read "£" right);
    /// cells that a spreadsheet would run as formulas are prefixed with `'`.
    pub fn write_csv(&self, path: &Path) -> Result<()> {
        let mut writer = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
        let csv_error =
            |err: csv::Error| Error::Csv { path: path.to_owned(), message: err.to_string() };
        writer.write_record(&self.header).map_err(csv_error)?;
        for row in &self.rows {
            // Every line as wide as the header, so readers that insist on it are satisfied.
            let padding = self.header.len().saturating_sub(row.len());
            let cells = row
                .iter()
                .map(|cell| defuse(cell))
                .chain(std::iter::repeat_n(String::new(), padding));
            writer.write_record(cells).map_err(csv_error)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|err| Error::Csv { path: path.to_owned(), message: err.to_string() })?;
        write_atomically(path, |out| out.write_all(&bytes))?;
        Ok(())
    }
}

fn clip(text: &str, limit: usize) -> &str {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}

fn defuse(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) { format!("'{cell}") } else { cell.to_owned() }
}

fn restore(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

fn read_xlsx(path: &Path) -> Result<Vec<Vec<String>>> {
    let xlsx = |message: String| Error::Xlsx { path: path.to_owned(), message };
    let mut workbook = open_workbook_auto(path).map_err(|err| xlsx(err.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| xlsx("the workbook has no worksheet".to_owned()))?
        .map_err(|err| xlsx(err.to_string()))?;
    // The range starts at the first used cell; pad so column and row numbers stay true.
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); first_row as usize];
    for cells in range.rows() {
        let mut row = vec![String::new(); first_col as usize];
        row.extend(cells.iter().map(cell_text));
        rows.push(row);
    }
    Ok(rows)
}

/// A cell as the text a person sees: numbers typed into a text column come back as numbers.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{}", *number as i64)
        }
        Data::Bool(true) => "Yes".to_owned(),
        Data::Bool(false) => "No".to_owned(),
        other => other.to_string(),
    }
}

fn read_csv(path: &Path) -> Result<Vec<Vec<String>>> {
    let bytes = fs::read(path).map_err(|error| Error::Io { path: path.to_owned(), error })?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|err| Error::Csv { path: path.to_owned(), message: err.to_string() })?;
        rows.push(record.iter().map(restore).collect());
    }
    Ok(rows)
}
