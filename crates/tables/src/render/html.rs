//! One self-contained HTML page: per table, an inline SVG bar chart and the numbers beside it.
//! No scripts, fonts or images are fetched; every piece of text is escaped.

use std::fmt::Write as _;

use super::{report_figure, report_total};
use crate::compare::Comparison;
use crate::table::Table;

const CHART_WIDTH: u64 = 460;
const BAR_SPACE: u64 = 380;
const ROW_HEIGHT: u64 = 38;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}\
section{margin-bottom:2.5rem}.pair{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}\
td.n{text-align:right}.equal{color:#1a7f37}.differs{color:#b42318}details{margin-top:.75rem}.legend{font-size:.85rem;color:#555}";

pub(super) fn render(tables: &[Table], comparison: Option<&Comparison>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>coursemap summary tables</title><style>{STYLE}</style></head><body>\n\
         <h1>Summary tables</h1>\n"
    );
    for table in tables {
        section(&mut out, table, comparison);
    }
    out.push_str("</body></html>\n");
    out
}

fn section(out: &mut String, table: &Table, comparison: Option<&Comparison>) {
    let verdict = comparison.and_then(|c| c.table(table.key));
    let _ =
        writeln!(out, "<section id=\"{}\"><h2>{}</h2>", escape(table.key), escape(&table.title));
    if let Some(verdict) = verdict {
        let class = if verdict.verdict == crate::Verdict::Differs { "differs" } else { "equal" };
        let _ = writeln!(
            out,
            "<p class=\"{class}\">Compared with the 2014 report: {}</p>",
            escape(verdict.verdict.describe())
        );
        out.push_str(
            "<p class=\"legend\">Blue bars: the catalogue; grey bars: the 2014 report.</p>",
        );
    }
    out.push_str("<div class=\"pair\">");
    chart(out, table, verdict.is_some().then_some(comparison).flatten());
    numbers(out, table, verdict.is_some().then_some(comparison).flatten());
    out.push_str("</div>");
    if let Some(reason) = verdict.and_then(|v| v.reason.as_deref()) {
        let _ = write!(out, "<p>Documented deviation: {}</p>", escape(reason));
    }
    if !table.listing.is_empty() {
        let _ =
            write!(out, "<details><summary>{} listed</summary><table><tr>", table.listing.len());
        for header in &table.listing_header {
            let _ = write!(out, "<th>{}</th>", escape(header));
        }
        out.push_str("</tr>");
        for line in &table.listing {
            out.push_str("<tr>");
            for value in line {
                let _ = write!(out, "<td>{}</td>", escape(value));
            }
            out.push_str("</tr>");
        }
        out.push_str("</table></details>");
    }
    for note in &table.notes {
        let _ = write!(out, "<p>{}</p>", escape(note));
    }
    out.push_str("</section>\n");
}

/// A horizontal bar per row, label above the bar; with a comparison, a thin grey bar under it
/// shows the report's figure.
fn chart(out: &mut String, table: &Table, comparison: Option<&Comparison>) {
    let report = |key: &str| {
        report_figure(comparison, table.key, key).and_then(|text| text.parse::<u64>().ok())
    };
    let max = table
        .rows
        .iter()
        .map(|row| row.count.max(report(&row.key).unwrap_or(0)))
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW_HEIGHT * table.rows.len() as u64 + 4;
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{CHART_WIDTH}\" height=\"{height}\" \
         role=\"img\" aria-label=\"{}\" font-size=\"12\">",
        escape(&table.title)
    );
    for (index, row) in table.rows.iter().enumerate() {
        let y = index as u64 * ROW_HEIGHT;
        let width = row.count * BAR_SPACE / max;
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"0\" y=\"{}\" width=\"{width}\" height=\"12\" \
             fill=\"#3b6ea5\"/><text x=\"{}\" y=\"{}\">{}</text>",
            y + 12,
            escape(&row.label),
            y + 16,
            width + 4,
            y + 26,
            row.count
        );
        if let Some(figure) = report(&row.key) {
            let _ = write!(
                out,
                "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"5\" fill=\"#999\"><title>2014 report: {figure}</title></rect>",
                y + 30,
                figure * BAR_SPACE / max
            );
        }
    }
    out.push_str("</svg>");
}

fn numbers(out: &mut String, table: &Table, comparison: Option<&Comparison>) {
    let _ = write!(
        out,
        "<table><tr><th>{}</th><th>{}</th>{}</tr>",
        escape(&table.label_header),
        escape(&table.count_header),
        if comparison.is_some() { "<th>2014 report</th>" } else { "" }
    );
    for row in &table.rows {
        let _ =
            write!(out, "<tr><td>{}</td><td class=\"n\">{}</td>", escape(&row.label), row.count);
        if let Some(report) = report_figure(comparison, table.key, &row.key) {
            let _ = write!(out, "<td class=\"n\">{}</td>", escape(&report));
        }
        out.push_str("</tr>");
    }
    let _ = write!(out, "<tr><th>Total</th><th class=\"n\">{}</th>", table.total());
    if let Some(report) = report_total(comparison, table.key) {
        let _ = write!(out, "<th class=\"n\">{report}</th>");
    }
    out.push_str("</tr></table>");
}

/// Escapes text for HTML element content and quoted attribute values alike (`&<>"'`).
pub(crate) fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}
