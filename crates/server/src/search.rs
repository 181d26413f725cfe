//! `GET /api/search` and `GET /api/search.csv`.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use coursemap_index::{Facets, QueryFilter};
use serde::Serialize;

use crate::api_error::ApiError;
use crate::csv_export;
use crate::hit::HitView;
use crate::params::{Purpose, SearchParams};
use crate::state::AppState;

/// The body of `/api/search`.
#[derive(Debug, Serialize)]
struct SearchResponse<'a> {
    query: &'a str,
    total: usize,
    /// Exact matching found nothing, so longer words were matched with typo tolerance.
    fuzzy: bool,
    /// Not even typo tolerance found every word: these hits match some of the words.
    any_word: bool,
    limit: usize,
    offset: usize,
    /// Filters the words of `query` asked for ("part time" -> `part_time=true`), applied on
    /// top of the request's own; `literal=true` (or quoting the words) turns them off.
    query_filters: &'a [QueryFilter],
    hits: Vec<HitView<'a>>,
    /// Per dimension, value -> matching records, each dimension counted without its own
    /// filter (so ticking level 7 still shows how many level-6 courses there are).
    facets: &'a Facets,
    /// Display names for the provider ids in `facets.provider`.
    provider_names: BTreeMap<&'a str, &'a str>,
}

pub async fn search_json(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = SearchParams::parse(raw.as_deref(), Purpose::Json)?;
    let catalogue = state.current();
    let results = catalogue.search(&params).await?;
    let names = catalogue.provider_names();
    let provider_names = results
        .facets
        .provider
        .keys()
        .filter_map(|id| names.get_key_value(id.as_str()))
        .map(|(id, name)| (id.as_str(), name.as_str()))
        .collect();
    let body = SearchResponse {
        query: &params.q,
        total: results.total,
        fuzzy: results.fuzzy_retry,
        any_word: results.any_word,
        limit: params.limit,
        offset: params.offset,
        query_filters: &results.query_filters,
        hits: results.hits.iter().map(HitView::from).collect(),
        facets: &results.facets,
        provider_names,
    };
    Ok(Json(body).into_response())
}

pub async fn search_csv(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = SearchParams::parse(raw.as_deref(), Purpose::Csv)?;
    let results = state.current().search(&params).await?;
    let body = csv_export::to_csv(results.hits.iter().map(|hit| &hit.record)).map_err(|err| {
        tracing::error!(error = %err, "writing CSV");
        ApiError::Internal
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"coursemap-search.csv\""),
        ],
        body,
    )
        .into_response())
}

/// Sorts an index failure into the client's fault (an unparsable query: 400 naming `q`)
/// and ours (anything else: logged, 500 without details).
pub fn index_error(err: coursemap_index::Error) -> ApiError {
    use coursemap_index::{Error, FilterError};
    match err {
        Error::Query(err) => ApiError::bad("q", err.to_string()),
        Error::Filter(err @ FilterError::UnknownProvider(_)) => {
            ApiError::bad("provider", err.to_string())
        }
        Error::Filter(err) => ApiError::bad("filter", err.to_string()),
        other => {
            tracing::error!(error = %other, "index failure");
            ApiError::Internal
        }
    }
}
