//! The router: every route, and the layers every request passes through.

use std::any::Any;

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower::limit::ConcurrencyLimitLayer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::api_error::status_response;
use crate::config::{DEFAULT_CONCURRENCY_LIMIT, DEFAULT_REQUEST_TIMEOUT, ServerConfig};
use crate::security::with_security_headers;
use crate::state::AppState;
use crate::{assets, course, search, tables};

/// The application with the default limits (tests call this).
pub fn router(state: AppState) -> Router {
    router_with_limits(state, DEFAULT_CONCURRENCY_LIMIT, DEFAULT_REQUEST_TIMEOUT)
}

/// The application with the limits `config` sets.
pub fn configured_router(state: AppState, config: &ServerConfig) -> Router {
    router_with_limits(state, config.max_concurrent_requests(), config.timeout())
}

fn router_with_limits(state: AppState, concurrency: usize, timeout: std::time::Duration) -> Router {
    // Only GET (and so HEAD) routes: nothing here changes the catalogue, and any other
    // method on a known path is a 405.
    let routes = Router::new()
        .route("/", get(assets::index_html))
        .route("/app.js", get(assets::app_js))
        .route("/app.css", get(assets::app_css))
        .route("/healthz", get(healthz))
        .route("/api/search", get(search::search_json))
        .route("/api/search.csv", get(search::search_csv))
        .route("/api/courses/{id}", get(course::course))
        .route("/api/tables", get(tables::tables_json_route))
        .route("/tables", get(tables::tables_html))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    with_security_headers(routes)
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, timeout))
        .layer(ConcurrencyLimitLayer::new(concurrency))
        .layer(TraceLayer::new_for_http())
}

async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    axum::Json(serde_json::json!({ "status": "ok", "records": state.current().record_count() }))
        .into_response()
}

async fn not_found() -> Response {
    status_response(StatusCode::NOT_FOUND, "no such page")
}

async fn method_not_allowed() -> Response {
    status_response(StatusCode::METHOD_NOT_ALLOWED, "read-only: only GET and HEAD are allowed")
}

/// A panic is a bug: log it, and tell the client nothing about it.
fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "a request handler panicked");
    status_response(StatusCode::INTERNAL_SERVER_ERROR, "internal error (logged on the server)")
}
