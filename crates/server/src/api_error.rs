//! The API's error answers: a status and a small JSON body that names the bad parameter.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answered to the client. Internal details are logged, never sent.
#[derive(Debug)]
pub enum ApiError {
    /// The request was wrong: 400 naming `parameter`.
    BadParameter { parameter: String, message: String },
    /// No such course (or page): 404.
    NotFound(String),
    /// Our fault (the index failed): 500 with no details.
    Internal,
}

impl ApiError {
    pub fn bad(parameter: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::BadParameter { parameter: parameter.into(), message: message.into() }
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter: Option<&'a str>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, error, parameter) = match &self {
            ApiError::BadParameter { parameter, message } => {
                (StatusCode::BAD_REQUEST, message.as_str(), Some(parameter.as_str()))
            }
            ApiError::NotFound(message) => (StatusCode::NOT_FOUND, message.as_str(), None),
            ApiError::Internal => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error (logged on the server)", None)
            }
        };
        (status, Json(ErrorBody { error, parameter })).into_response()
    }
}

/// A bare status with the same JSON shape, for the router's fallbacks.
pub fn status_response(status: StatusCode, error: &str) -> Response {
    (status, Json(ErrorBody { error, parameter: None })).into_response()
}
