//! The admin API: HTTP/JSON on loopback, every call behind the bearer token
//! in the data directory. The CLI is its client. This is the only module that
//! knows JSON: it turns requests into typed calls and records into the
//! typed views of `vetnet-views`.
//!
//! Each area has its file; each answer is built by a pub function returning
//! a view (`offers::list_offers`, `search::search_offers`, …), so that the
//! dashboard renders the same views without HTTP. Errors are
//! `{"error": {"code", "message", "field"?, "rule"?, "rows"?}}` with a 4xx
//! status for the caller's mistakes and 5xx for the node's; errors made
//! below the routes (extractors, the router, the admin address's limits)
//! are rewritten in the same shape by `json_errors`. A body's unknown field
//! is refused with the nearest known one (`unknown_field`).
//!
//! Every route carries a `#[utoipa::path]` annotation; `openapi` collects
//! them into an OpenAPI 3.1 document, served at `GET /v1/openapi.json`
//! (behind the token like every route) and committed as
//! `docs/openapi.json`, which a test keeps equal to the generated one
//! (`VETNET_WRITE_OPENAPI=1 cargo test -p vetnet-node --test openapi`
//! rewrites it).

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::info::NodeInfo;
use crate::ingest::IngestStats;
use crate::network::NetworkClient;
use crate::publish::{PublishError, Publisher};
use crate::store::{RecordStore, StoreError};

pub mod achievements;
pub mod backup;
pub mod bootstrap;
pub mod convert;
pub mod credentials;
pub mod events;
pub mod json_errors;
pub mod matching;
pub mod metrics;
pub mod mobility;
pub mod needs;
pub mod networks;
pub mod offers;
pub mod openapi;
pub mod own;
pub mod params;
pub mod profile;
pub mod regional;
pub mod search;
pub mod status;
pub mod sync;
pub mod trust;
pub mod unknown_field;
pub mod views;

pub use views::ViewBuilder;

/// The largest request body; a record is at most 48 KiB encoded. The
/// admin address refuses a longer body before reading it
/// (`admin::request_limits`).
pub(crate) const MAX_REQUEST_BYTES: usize = 256 * 1024;

#[derive(Clone)]
pub struct ApiState {
    pub info: Arc<NodeInfo>,
    pub store: RecordStore,
    pub network: NetworkClient,
    pub publisher: Publisher,
    pub stats: Arc<IngestStats>,
    pub sync: crate::sync::SyncService,
    pub issuer: crate::credentials::CredentialIssuer,
    pub mobility: crate::mobility::Mobility,
    pub networks: crate::networks::Networks,
    /// Counts the API's latency, and is what `/metrics` serves.
    pub metrics: crate::metrics::NodeMetrics,
    pub token: Arc<str>,
}

impl ApiState {
    /// Today by the node's clock (`YYYY-MM-DD`), the day trust is judged on.
    pub fn today(&self) -> String {
        self.publisher.clock().today()
    }
}

pub fn router(state: ApiState) -> Router {
    Router::new()
        .merge(status::routes())
        .merge(bootstrap::routes())
        .merge(profile::routes())
        .merge(offers::routes())
        .merge(achievements::routes())
        .merge(search::routes())
        .merge(credentials::routes())
        .merge(needs::routes())
        .merge(events::routes())
        .merge(matching::routes())
        .merge(trust::routes())
        .merge(mobility::routes())
        .merge(networks::routes())
        .merge(sync::routes())
        .merge(regional::routes())
        .merge(backup::routes())
        .merge(openapi::routes())
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such API endpoint") })
        .layer(middleware::from_fn_with_state(state.clone(), require_token))
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::record_latency))
        .with_state(state)
}

/// An error response.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<String>,
    rule: Option<String>,
    /// Per-row errors of a batch.
    rows: Option<Vec<vetnet_views::RowError>>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), field: None, rule: None, rows: None }
    }

    pub(crate) fn invalid(field: impl Into<String>, rule: impl Into<String>) -> Self {
        let (field, rule) = (field.into(), rule.into());
        Self {
            status: StatusCode::BAD_REQUEST,
            code: "invalid",
            message: format!("{field}: {rule}"),
            field: Some(field),
            rule: Some(rule),
            rows: None,
        }
    }

    /// The answer to a request without the right bearer token.
    pub(crate) fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing or wrong API token; send `Authorization: Bearer <token>` with the token from api.token in the data directory",
        )
    }

    pub(crate) fn internal(e: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The error body's view.
    pub fn view(&self) -> vetnet_views::ErrorBody {
        vetnet_views::ErrorBody {
            error: vetnet_views::ErrorView {
                code: self.code.to_owned(),
                message: self.message.clone(),
                field: self.field.clone(),
                rule: self.rule.clone(),
                rows: self.rows.clone(),
            },
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        answer(self.status, &self.view())
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        if e.is_disk_full() {
            tracing::warn!(error = %e, "a write was refused: the disk is full");
            let message = match &e {
                StoreError::DiskFull { .. } => e.to_string(),
                // sled met ENOSPC itself (the reserve is 0 or was overrun).
                other => format!(
                    "the disk holding the record database is full ({other}). Free space on that file system, then \
                     restart the node: after a write failed this way the database takes no more writes until the \
                     node restarts. Nothing acknowledged is lost"
                ),
            };
            return ApiError::new(StatusCode::INSUFFICIENT_STORAGE, "disk_full", message);
        }
        tracing::error!(error = %e, "store error in the admin API");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "store", e.to_string())
    }
}

impl From<PublishError> for ApiError {
    fn from(e: PublishError) -> Self {
        match e {
            PublishError::Invalid(rule) => ApiError::invalid(rule.field, rule.rule),
            PublishError::NotFound { .. } | PublishError::Withdrawn { .. } => {
                ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string())
            }
            PublishError::AlreadyExists { .. } => ApiError::new(StatusCode::CONFLICT, "exists", e.to_string()),
            PublishError::KeyRetired(_) => ApiError::new(StatusCode::CONFLICT, "key_retired", e.to_string()),
            PublishError::NotAllowed(_) => ApiError::new(StatusCode::FORBIDDEN, "not_allowed", e.to_string()),
            PublishError::Store(e) => e.into(),
            other => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", other.to_string()),
        }
    }
}

type ApiResult = Result<Response, ApiError>;

/// A view as the JSON answer. The view goes through a `serde_json::Value`
/// so that object keys come out sorted, byte for byte as they always have.
pub(crate) fn answer<T: serde::Serialize>(status: StatusCode, view: &T) -> Response {
    match serde_json::to_value(view) {
        Ok(value) => (status, axum::Json(value)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a view did not serialise");
            let body = serde_json::json!({ "error": { "code": "internal", "message": e.to_string() } });
            (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response()
        }
    }
}

/// A view as a `200 OK` answer.
pub(crate) fn ok<T: serde::Serialize>(view: &T) -> ApiResult {
    Ok(answer(StatusCode::OK, view))
}

async fn require_token(State(state): State<ApiState>, headers: HeaderMap, request: Request, next: Next) -> Response {
    if has_api_token(&headers, &state.token) {
        next.run(request).await
    } else {
        ApiError::unauthorized().into_response()
    }
}

/// Compares two secrets in time that does not depend on where they differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether a request carries the API's bearer token.
pub(crate) fn has_api_token(headers: &HeaderMap, token: &str) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    constant_time_eq(given.as_bytes(), token.as_bytes())
}

/// Parses a JSON body, naming the field that is wrong. An unknown field is
/// named itself (`body.deadlnie`), with the nearest known field.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    if let Value::Object(object) = &value
        && let Some(unknown) = unknown_field::unknown_top_level::<T>(object)
    {
        return Err(ApiError::invalid(format!("body.{}", unknown.name), unknown.rule()));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "body".to_owned() } else { format!("body.{path}") };
        let message = e.inner().to_string();
        match unknown_field::UnknownField::from_serde_message(&message) {
            Some(unknown) => ApiError::invalid(unknown_field_path(&field, &unknown.name), unknown.rule()),
            None => ApiError::invalid(field, message),
        }
    })
}

/// The path of an unknown field `name` met in the object at `field`.
/// serde_path_to_error ends the path with the unknown key itself.
fn unknown_field_path(field: &str, name: &str) -> String {
    if field.rsplit('.').next() == Some(name) { field.to_owned() } else { format!("{field}.{name}") }
}

pub(crate) fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::invalid("body", "must be a JSON object")),
        Err(e) => Err(ApiError::invalid("body", format!("is not valid JSON: {e}"))),
    }
}
