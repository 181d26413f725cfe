//! `GET /api/courses/{id}`: the whole record, and its evidence in plain words.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use coursemap_index::filters::contract_name;
use coursemap_records::{Evidence, Record};
use serde::Serialize;

use crate::api_error::ApiError;
use crate::state::AppState;

/// Longest id accepted; record ids are a hash of the URL and much shorter.
const MAX_ID_LEN: usize = 128;

#[derive(Debug, Serialize)]
struct CourseResponse<'a> {
    record: &'a Record,
    /// One entry per field with evidence, in the record's field order, with the source in
    /// words a person can check ("from the key-facts panel").
    evidence: Vec<EvidenceView<'a>>,
}

#[derive(Debug, Serialize)]
struct EvidenceView<'a> {
    field: &'a str,
    label: String,
    source: String,
    source_description: &'static str,
    text: &'a str,
    url: &'a str,
}

pub async fn course(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let well_formed = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !well_formed {
        return Err(ApiError::bad("id", "a course id has only letters, digits, '-' and '_'"));
    }
    let record = state
        .current()
        .course(id.clone())
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no course with id '{id}'")))?;
    let evidence = evidence_views(&record);
    Ok(Json(CourseResponse { record: &record, evidence }).into_response())
}

fn evidence_views(record: &Record) -> Vec<EvidenceView<'_>> {
    let mut views: Vec<EvidenceView<'_>> = record
        .evidence
        .iter()
        .map(|(field, evidence): (&String, &Evidence)| EvidenceView {
            field,
            label: field_label(field),
            source: contract_name(&evidence.source),
            source_description: evidence.source.describe(),
            text: &evidence.text,
            url: evidence.url.as_deref().unwrap_or(&record.url),
        })
        .collect();
    views.sort_by_key(|view| {
        FIELD_ORDER.iter().position(|&f| f == view.field).unwrap_or(usize::MAX)
    });
    views
}

/// The order a person reads a course's facts in.
const FIELD_ORDER: [&str; 10] = [
    "title",
    "awards",
    "fheq_levels",
    "entry",
    "length",
    "delivery",
    "cost",
    "topics",
    "description",
    "focus",
];

/// A field's name for people.
fn field_label(field: &str) -> String {
    let label = match field {
        "title" => "Title",
        "awards" => "Awards",
        "fheq_levels" => "FHEQ level",
        "postgraduate_unspecified" => "Level",
        "entry" => "Entry requirements",
        "length" => "Length",
        "delivery" => "Delivery",
        "cost" => "Fees",
        "topics" => "Topics",
        "description" => "Description",
        "focus" => "Focus",
        "kind" => "Kind",
        "provider" => "Provider",
        other => return other.replace(['_', '.'], " "),
    };
    label.to_owned()
}
