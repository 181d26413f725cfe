//! CSV for spreadsheets: one line per counted row, then the listings.
//!
//! Columns: table, section (`count` or `listing`), label, count, 2014 report (when comparing),
//! then the listing's cells.

use super::report_figure;
use crate::compare::Comparison;
use crate::table::Table;
use crate::{Error, Result};

pub(super) fn render(tables: &[Table], comparison: Option<&Comparison>) -> Result<String> {
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let csv_error = |err: csv::Error| Error::Render(err.to_string());
    writer
        .write_record(["table", "section", "label", "count", "report_2014", "details"])
        .map_err(csv_error)?;
    for table in tables {
        for row in &table.rows {
            let report = report_figure(comparison, table.key, &row.key).unwrap_or_default();
            writer
                .write_record([table.key, "count", &row.label, &row.count.to_string(), &report])
                .map_err(csv_error)?;
        }
        for line in &table.listing {
            let mut record = vec![
                table.key.to_owned(),
                "listing".into(),
                String::new(),
                String::new(),
                String::new(),
            ];
            record.extend(line.iter().cloned());
            writer.write_record(&record).map_err(csv_error)?;
        }
    }
    let bytes = writer.into_inner().map_err(|err| Error::Render(err.to_string()))?;
    String::from_utf8(bytes).map_err(|err| Error::Render(err.to_string()))
}
