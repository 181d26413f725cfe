//! The search results as CSV, one row per record, in plain words for a spreadsheet.

use coursemap_index::filters::contract_name as enum_str;
use coursemap_records::{Field, Record};

const HEADER: [&str; 14] = [
    "id",
    "title",
    "provider",
    "provider_id",
    "kind",
    "fheq_levels",
    "delivery",
    "length",
    "length_category",
    "fees",
    "entry_requirements",
    "focus",
    "url",
    "fees_source",
];

/// Writes `records` as CSV (a header row first).
pub fn to_csv<'a>(records: impl IntoIterator<Item = &'a Record>) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(HEADER)?;
    for record in records {
        let levels = record
            .fheq_levels
            .as_ref()
            .map(|levels| levels.iter().map(u8::to_string).collect::<Vec<_>>().join("; "));
        let fees_source = record.evidence.get(&Field::Cost).map(|e| e.source.describe());
        let row = [
            record.id.clone(),
            record.title.clone(),
            record.provider.clone().unwrap_or_default(),
            record.provider_id.clone().unwrap_or_default(),
            enum_str(&record.kind),
            levels.unwrap_or_default(),
            record.delivery.as_ref().map(enum_str).unwrap_or_default(),
            record.length.text.clone().unwrap_or_default(),
            record.length.category.as_ref().map(enum_str).unwrap_or_default(),
            record.cost.text.clone().unwrap_or_default(),
            record.entry.text.clone().unwrap_or_default(),
            record.focus.as_ref().map(enum_str).unwrap_or_default(),
            record.url.clone(),
            fees_source.map(str::to_owned).unwrap_or_default(),
        ];
        out.write_record(row.iter().map(|cell| defuse_formula(cell)))?;
    }
    out.into_inner().map_err(|err| csv::Error::from(err.into_error()))
}

/// Text from a web page must not become a spreadsheet formula when the CSV is opened
/// (`=HYPERLINK(...)`): a cell starting with a formula character gets a leading apostrophe.
fn defuse_formula(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}
