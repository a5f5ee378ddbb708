//! `GET /metrics`: the node's metrics in the OpenMetrics text format, for
//! Prometheus, behind the API's bearer token (the counts tell how busy the
//! node is and who bothers it; Prometheus sends the token with
//! `authorization: { credentials_file: … }`). Outside `/v1/` because
//! scrapers expect it there; errors are JSON all the same.
//!
//! Also the API's latency layer: every request under `/v1/` is timed by its
//! route template (`/v1/offers/{id}`), never its raw path.

use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::{ApiError, ApiState, has_api_token};

/// What Prometheus asks for and prometheus-client writes.
pub const OPENMETRICS_CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The `/metrics` route, to merge beside the dashboard on the admin address.
pub fn router(state: ApiState) -> Router {
    Router::new().route("/metrics", get(metrics)).with_state(state)
}

#[utoipa::path(
    get,
    path = "/metrics",
    tag = "status",
    operation_id = "metrics",
    responses(
        (status = 200, description = "The node's metrics and libp2p's, in the OpenMetrics text format (ends with `# EOF`); docs/OPERATIONS.md (\"Monitoring\") lists them.", content_type = "application/openmetrics-text", body = String),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn metrics(State(state): State<ApiState>, headers: HeaderMap) -> Response {
    if !has_api_token(&headers, &state.token) {
        return ApiError::unauthorized().into_response();
    }
    match metrics_text(&state) {
        Ok(text) => {
            let mut response = (StatusCode::OK, text).into_response();
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(OPENMETRICS_CONTENT_TYPE));
            response
        }
        Err(e) => e.into_response(),
    }
}

/// Reads the gauges of state (records by kind, outbox depths), then encodes
/// the registry.
fn metrics_text(state: &ApiState) -> Result<String, ApiError> {
    let outboxes = [
        ("records", state.store.outbox()?.len()),
        ("mobility", state.mobility.outbox_len()),
        ("letters", state.networks.outbox_len()),
    ];
    state.metrics.set_state(&state.store.counts()?, outboxes);
    state.metrics.encode().map_err(ApiError::internal)
}

/// Times each API request by method and route template (`unmatched` for a
/// path no route has).
pub async fn record_latency(State(state): State<ApiState>, request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_owned();
    let method = request.method().clone();
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.observe_api(method.as_str(), &route, started.elapsed().as_secs_f64());
    response
}
