//! Markdown tables, one per summary table, with the listing under it.

use std::fmt::Write as _;

use super::{report_figure, report_total};
use crate::compare::Comparison;
use crate::table::Table;

pub(super) fn render(tables: &[Table], comparison: Option<&Comparison>) -> String {
    let mut out = String::from("# Summary tables\n\n");
    for table in tables {
        let verdict = comparison.and_then(|c| c.table(table.key));
        let _ = writeln!(out, "## {}\n", cell(&table.title));
        if let Some(verdict) = verdict {
            let _ = writeln!(
                out,
                "Compared with the 2014 report: **{}**\n",
                verdict.verdict.describe()
            );
        }
        if verdict.is_some() {
            let _ = writeln!(
                out,
                "| {} | {} | 2014 report |\n| --- | --- | --- |",
                cell(&table.label_header),
                cell(&table.count_header)
            );
        } else {
            let _ = writeln!(
                out,
                "| {} | {} |\n| --- | --- |",
                cell(&table.label_header),
                cell(&table.count_header)
            );
        }
        for row in &table.rows {
            match report_figure(comparison, table.key, &row.key).filter(|_| verdict.is_some()) {
                Some(report) => {
                    let _ = writeln!(out, "| {} | {} | {} |", cell(&row.label), row.count, report);
                }
                None => {
                    let _ = writeln!(out, "| {} | {} |", cell(&row.label), row.count);
                }
            }
        }
        match report_total(comparison, table.key).filter(|_| verdict.is_some()) {
            Some(report) => {
                let _ = writeln!(out, "| **Total** | **{}** | **{report}** |", table.total());
            }
            None => {
                let _ = writeln!(out, "| **Total** | **{}** |", table.total());
            }
        }
        if let Some(reason) = verdict.and_then(|v| v.reason.as_deref()) {
            let _ = writeln!(out, "\nDocumented deviation: {}", cell(reason));
        }
        if !table.listing.is_empty() {
            let header: Vec<String> = table.listing_header.iter().map(|h| cell(h)).collect();
            let _ =
                writeln!(out, "\n| {} |\n|{}", header.join(" | "), " --- |".repeat(header.len()));
            for line in &table.listing {
                let cells: Vec<String> = line.iter().map(|c| cell(c)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        for note in &table.notes {
            let _ = writeln!(out, "\n{}", cell(note));
        }
        out.push('\n');
    }
    out
}

/// Keeps a value inside its Markdown cell: pipes escaped, line breaks folded.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
