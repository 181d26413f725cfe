//! The spreadsheet's columns: every contract field in plain words, and how a correction in
//! plain words becomes new contract values.
//!
//! A correction is kept as contract field names (dotted: `cost.fees`) and JSON values, so it
//! can be stored in `overrides.jsonl` and applied to any later build of the same record.

use coursemap_records::{Field, FieldValues, Focus, Record};
use coursemap_tables::labels::{
    self, ACADEMIC_LABELS, DELIVERY_LABELS, KIND_LABELS, LENGTH_LABELS, NOT_KNOWN,
};
use serde_json::{Value, json};

use crate::plain_words::{self as words, CellResult};

/// The status column's header and its allowed values.
pub const STATUS: &str = "Status";
/// What the status column may say, in the order the sheet's drop-down offers them; an empty
/// cell means the row was not checked.
pub const STATUSES: [&str; 4] = ["confirm", "correct", "discontinued", "add"];
/// The header of the column holding each row's record id (empty on an `add` row).
pub const RECORD_ID: &str = "Record id";
/// The header of the column holding the page each record was read from.
pub const SOURCE_URL: &str = "Source URL";
/// Appended to a field's name for its correction column.
pub const CORRECTION_SUFFIX: &str = " (correction)";

/// One field column.
#[derive(Debug)]
pub(crate) struct Column {
    pub name: &'static str,
    /// Corrections allowed (derived and bookkeeping fields are shown only).
    pub correctable: bool,
    pub show: fn(&Record) -> String,
    pub parse: fn(&str) -> CellResult<FieldValues>,
}

fn one(field: Field, value: Value) -> FieldValues {
    FieldValues::from([(field.as_str().to_owned(), value)])
}

/// A value for one member of an object field (`cost.fees`).
fn member(field: Field, member: &str, value: Value) -> FieldValues {
    FieldValues::from([(format!("{field}.{member}"), value)])
}

fn fixed(_: &str) -> CellResult<FieldValues> {
    Err("this column cannot be corrected".to_owned())
}

fn enum_value<T: serde::Serialize>(value: Option<T>) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The value whose label `text` is, or null for "Not known"; `to` says where it goes.
fn label_or_not_known<T: Copy + serde::Serialize>(
    to: impl Fn(Value) -> FieldValues,
    table: &[(T, &'static str)],
    text: &str,
) -> CellResult<FieldValues> {
    if words::is_not_known(text) {
        return Ok(to(Value::Null));
    }
    match labels::value_of(table, text) {
        Some(value) => Ok(to(enum_value(Some(value)))),
        None => {
            let allowed: Vec<&str> = table.iter().map(|(_, l)| *l).collect();
            Err(format!("expected one of: {}, {NOT_KNOWN}; found {text:?}", allowed.join("; ")))
        }
    }
}

/// The field columns, in sheet order.
pub(crate) const COLUMNS: &[Column] = &[
    Column {
        name: "Title",
        correctable: true,
        show: |r| r.title.clone(),
        parse: |t| match t.trim() {
            "" => Err("a title cannot be empty".to_owned()),
            title => Ok(one(Field::Title, json!(title))),
        },
    },
    Column {
        name: "Provider",
        correctable: true,
        show: |r| words::text(r.provider.as_deref()),
        parse: |t| Ok(one(Field::Provider, json!(words::parse_text(t)))),
    },
    Column {
        name: "Provider id",
        correctable: false,
        show: |r| words::text(r.provider_id.as_deref()),
        parse: |t| Ok(one(Field::ProviderId, json!(words::parse_text(t)))),
    },
    Column {
        name: "Kind",
        correctable: true,
        show: |r| labels::label_of(&KIND_LABELS, r.kind).to_owned(),
        parse: |t| match labels::value_of(&KIND_LABELS, t) {
            Some(kind) => Ok(one(Field::Kind, enum_value(Some(kind)))),
            None => {
                Err(format!("expected Programme, Module, Short course or Fellowship; found {t:?}"))
            }
        },
    },
    Column {
        name: "Awards",
        correctable: true,
        show: |r| words::awards(r.awards.as_deref()),
        parse: |t| Ok(one(Field::Awards, json!(words::parse_awards(t)))),
    },
    Column {
        name: "FHEQ level",
        correctable: true,
        show: |r| labels::fheq_label(r.fheq_levels.as_deref(), r.postgraduate_unspecified),
        parse: |t| match labels::parse_fheq_label(t) {
            Some((levels, postgraduate)) => Ok(FieldValues::from([
                (Field::FheqLevels.as_str().to_owned(), json!(levels)),
                (Field::PostgraduateUnspecified.as_str().to_owned(), json!(postgraduate)),
            ])),
            None => Err(format!(
                "expected levels 3-8 such as \"7\" or \"6 or 7\", \"Postgraduate unspecified\" or \"Not known\"; found {t:?}"
            )),
        },
    },
    Column {
        name: "Entry criteria",
        correctable: true,
        show: |r| labels::entry_type_label(r.entry.requires.as_deref()).to_owned(),
        parse: |t| match labels::parse_entry_type(t) {
            Some(requires) => Ok(member(Field::Entry, "requires", json!(requires))),
            None => {
                let allowed: Vec<&str> =
                    labels::ENTRY_TYPE_LABELS.iter().map(|(_, l)| *l).collect();
                Err(format!("expected one of: {}, {NOT_KNOWN}; found {t:?}", allowed.join("; ")))
            }
        },
    },
    Column {
        name: "Academic entry",
        correctable: true,
        show: |r| labels::academic_label(r.entry.academic).to_owned(),
        parse: |t| label_or_not_known(|v| member(Field::Entry, "academic", v), &ACADEMIC_LABELS, t),
    },
    Column {
        name: "Entry requirements (wording)",
        correctable: true,
        show: |r| words::text(r.entry.text.as_deref()),
        parse: |t| Ok(member(Field::Entry, "text", json!(words::parse_text(t)))),
    },
    Column {
        name: "Full-time length",
        correctable: true,
        show: |r| words::months(r.length.full_time_months),
        parse: |t| Ok(member(Field::Length, "full_time_months", json!(words::parse_months(t)?))),
    },
    Column {
        name: "Part-time length",
        correctable: true,
        show: |r| words::months(r.length.part_time_months),
        parse: |t| Ok(member(Field::Length, "part_time_months", json!(words::parse_months(t)?))),
    },
    Column {
        name: "Short course or standalone module",
        correctable: true,
        show: |r| words::yes_no(r.length.short),
        parse: |t| Ok(member(Field::Length, "short", json!(words::parse_yes_no(t)?))),
    },
    Column {
        name: "No time limit",
        correctable: true,
        show: |r| words::yes_no(r.length.no_time_limit),
        parse: |t| Ok(member(Field::Length, "no_time_limit", json!(words::parse_yes_no(t)?))),
    },
    Column {
        name: "Study hours",
        correctable: true,
        show: |r| words::hours(r.length.hours),
        parse: |t| Ok(member(Field::Length, "hours", json!(words::parse_hours(t)?))),
    },
    Column {
        name: "Length (wording)",
        correctable: true,
        show: |r| words::text(r.length.text.as_deref()),
        parse: |t| Ok(member(Field::Length, "text", json!(words::parse_text(t)))),
    },
    Column {
        name: "Length category",
        correctable: false,
        show: |r| labels::length_label(r.length.category).to_owned(),
        parse: |t| label_or_not_known(|v| member(Field::Length, "category", v), &LENGTH_LABELS, t),
    },
    Column {
        name: "Delivery",
        correctable: true,
        show: |r| labels::delivery_label(r.delivery).to_owned(),
        parse: |t| {
            if t.trim().eq_ignore_ascii_case(labels::DELIVERY_NOT_KNOWN) {
                return Ok(one(Field::Delivery, Value::Null));
            }
            label_or_not_known(|v| one(Field::Delivery, v), &DELIVERY_LABELS, t)
        },
    },
    Column {
        name: "Fees",
        correctable: true,
        show: |r| words::fees(&r.cost.fees),
        parse: |t| Ok(member(Field::Cost, "fees", json!(words::parse_fees(t)?))),
    },
    Column {
        name: "Free of charge",
        correctable: true,
        show: |r| words::yes_no(r.cost.free),
        parse: |t| Ok(member(Field::Cost, "free", json!(words::parse_yes_no(t)?))),
    },
    Column {
        name: "Stipend or salary paid",
        correctable: true,
        show: |r| words::yes_no(r.cost.stipend),
        parse: |t| Ok(member(Field::Cost, "stipend", json!(words::parse_yes_no(t)?))),
    },
    Column {
        name: "Cost (wording)",
        correctable: true,
        show: |r| words::text(r.cost.text.as_deref()),
        parse: |t| Ok(member(Field::Cost, "text", json!(words::parse_text(t)))),
    },
    Column {
        name: "Topics",
        correctable: true,
        show: |r| words::phrases(&r.topics),
        parse: |t| Ok(one(Field::Topics, json!(words::parse_phrases(t)))),
    },
    Column {
        name: "Description",
        correctable: true,
        show: |r| words::text(r.description.as_deref()),
        parse: |t| Ok(one(Field::Description, json!(words::parse_text(t)))),
    },
    Column {
        name: "Matched search terms",
        correctable: true,
        show: |r| words::phrases(&r.matched_terms),
        parse: |t| Ok(one(Field::MatchedTerms, json!(words::parse_phrases(t)))),
    },
    Column {
        name: "Focus",
        correctable: true,
        show: |r| focus_words(r.focus).to_owned(),
        parse: |t| match t.trim().to_ascii_lowercase().as_str() {
            "main" => Ok(one(Field::Focus, enum_value(Some(Focus::Main)))),
            "related" => Ok(one(Field::Focus, enum_value(Some(Focus::Related)))),
            "not relevant" | "none" => Ok(one(Field::Focus, Value::Null)),
            _ => Err(format!("expected Main, Related or Not relevant; found {t:?}")),
        },
    },
    Column {
        name: "Verified",
        correctable: false,
        show: |r| words::yes_no(r.verified),
        parse: fixed,
    },
    Column {
        name: "Where each value came from",
        correctable: false,
        show: evidence_words,
        parse: fixed,
    },
    Column {
        name: "Fetched",
        correctable: false,
        show: |r| words::text(r.fetched_at.as_deref()),
        parse: fixed,
    },
];

fn focus_words(focus: Option<Focus>) -> &'static str {
    match focus {
        Some(Focus::Main) => "Main",
        Some(Focus::Related) => "Related",
        None => "Not relevant",
    }
}

fn evidence_words(record: &Record) -> String {
    record
        .evidence
        .iter()
        .map(|(field, evidence)| {
            format!("{field}: {} ({:?})", evidence.source.describe(), evidence.text)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The header row: status, id, URL, then each field and (when correctable) its correction.
pub(crate) fn header() -> Vec<String> {
    let mut header = vec![STATUS.to_owned(), RECORD_ID.to_owned(), SOURCE_URL.to_owned()];
    for column in COLUMNS {
        header.push(column.name.to_owned());
        if column.correctable {
            header.push(format!("{}{CORRECTION_SUFFIX}", column.name));
        }
    }
    header
}

/// A record's row, matching [`header`], with the status and corrections empty.
pub(crate) fn row(record: &Record) -> Vec<String> {
    let mut row = vec![String::new(), record.id.clone(), record.url.clone()];
    for column in COLUMNS {
        row.push((column.show)(record));
        if column.correctable {
            row.push(String::new());
        }
    }
    row
}
