//! `GET /api/tables` and `GET /tables`: the report's summary tables, computed once at start-up.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use coursemap_records::Record;
use coursemap_tables::{Format, ProviderDirectory, ProviderInfo, Table, TableFilter};
use serde::Serialize;

use crate::Result;
use crate::state::AppState;

/// The HTML report styles its charts inline and runs no script; its policy says exactly that.
const TABLES_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                          base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The tables, rendered ahead: JSON for `/api/tables`, HTML for `/tables`.
#[derive(Debug)]
pub struct TablesView {
    json: Bytes,
    html: Bytes,
}

/// One table as JSON.
#[derive(Serialize)]
struct TableJson<'a> {
    key: &'a str,
    title: &'a str,
    label_header: &'a str,
    count_header: &'a str,
    total: u64,
    rows: Vec<RowJson<'a>>,
    listing_header: &'a [String],
    listing: &'a [Vec<String>],
    notes: &'a [String],
}

#[derive(Serialize)]
struct RowJson<'a> {
    key: &'a str,
    label: &'a str,
    count: u64,
}

impl TablesView {
    /// Counts `records` into the report's tables. Provider facts (region, fellowship scope)
    /// come from `directory`; providers it lacks are filled in from the records themselves.
    pub fn compute(
        records: &[Record],
        directory: Option<&ProviderDirectory>,
    ) -> Result<TablesView> {
        let mut directory = directory.cloned().unwrap_or_default();
        for record in records {
            if let (Some(id), Some(name)) = (&record.provider_id, &record.provider)
                && directory.get(id).is_none()
            {
                directory.insert(
                    id,
                    ProviderInfo {
                        name: name.clone(),
                        region: record.region,
                        uk_region: record.uk_region,
                        scope: None,
                    },
                );
            }
        }
        let tables = coursemap_tables::summary_tables(records, &directory, &TableFilter::default());
        let json = serde_json::to_string(&tables_json(&tables))?;
        let html = coursemap_tables::render(&tables, None, Format::Html)?;
        Ok(TablesView { json: Bytes::from(json), html: Bytes::from(html) })
    }
}

fn tables_json(tables: &[Table]) -> Vec<TableJson<'_>> {
    tables
        .iter()
        .map(|table| TableJson {
            key: table.key,
            title: &table.title,
            label_header: &table.label_header,
            count_header: &table.count_header,
            total: table.total(),
            rows: table
                .rows
                .iter()
                .map(|row| RowJson { key: &row.key, label: &row.label, count: row.count })
                .collect(),
            listing_header: &table.listing_header,
            listing: &table.listing,
            notes: &table.notes,
        })
        .collect()
}

pub async fn tables_json_route(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], state.current().tables().json.clone())
        .into_response()
}

pub async fn tables_html(State(state): State<AppState>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, TABLES_CSP),
        ],
        state.current().tables().html.clone(),
    )
        .into_response()
}
