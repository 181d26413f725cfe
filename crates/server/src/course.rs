//! `GET /api/courses/{id}`: the whole record, and its evidence in plain words.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use coursemap_index::filters::contract_name;
use coursemap_records::{Field, Record};
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
    field: &'static str,
    label: &'static str,
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
    let mut views: Vec<(Field, EvidenceView<'_>)> = record
        .evidence
        .iter()
        .map(|(&field, evidence)| {
            let view = EvidenceView {
                field: field.as_str(),
                label: field.label(),
                source: contract_name(&evidence.source),
                source_description: evidence.source.describe(),
                text: &evidence.text,
                url: evidence.url.as_deref().unwrap_or(&record.url),
            };
            (field, view)
        })
        .collect();
    views.sort_by_key(|(field, _)| {
        FIELD_ORDER.iter().position(|f| f == field).unwrap_or(usize::MAX)
    });
    views.into_iter().map(|(_, view)| view).collect()
}

/// The order a person reads a course's facts in; other fields follow.
const FIELD_ORDER: [Field; 10] = [
    Field::Title,
    Field::Awards,
    Field::FheqLevels,
    Field::Entry,
    Field::Length,
    Field::Delivery,
    Field::Cost,
    Field::Topics,
    Field::Description,
    Field::Focus,
];
