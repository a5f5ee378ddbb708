//! The admin address: the dashboard and the admin API on one loopback
//! listener, every request behind the Host check (`dashboard::guard`).
//! Paths under `/v1/` are the API (bearer token); everything else is the
//! dashboard (session cookie).
//!
//! The address is hardened against a local client that holds connections
//! or sends slowly (`listener`: a connection cap and a header-read timeout;
//! `request_limits`: the body limit checked against `Content-Length`
//! before reading, and a deadline for the body), and every error under
//! `/v1/` is JSON whatever layer made it (`api::json_errors`).
//!
//! One path needs no token and no session: `GET /health` (`health`), which
//! says live and ready and nothing else.

pub mod health;
mod listener;
mod request_limits;

use axum::Router;
use tokio::sync::watch;

pub use listener::AdminLimits;

use crate::api::{self, ApiState};
use crate::dashboard::{self, Dashboard};

/// The dashboard and the API, composed, behind the Host check and the
/// request limits; errors under `/v1/` in JSON.
pub fn router(state: ApiState, limits: &AdminLimits) -> Router {
    let metrics = api::metrics::router(state.clone());
    let health = health::routes(state.clone());
    let dash = Dashboard::new(state.clone(), api::router(state));
    let hosts = dash.hosts();
    let body = request_limits::BodyLimits { max_bytes: api::MAX_REQUEST_BYTES, timeout: limits.body_timeout };
    dashboard::router(dash)
        .merge(metrics)
        .merge(health)
        .layer(axum::middleware::from_fn_with_state(hosts, dashboard::guard::check_host))
        .layer(axum::middleware::from_fn_with_state(body, request_limits::limit_body))
        .layer(axum::middleware::from_fn(api::json_errors::json_errors))
}

/// Serves the admin address on `listener` until `shutdown` changes, with
/// the default [`AdminLimits`].
pub async fn serve(listener: tokio::net::TcpListener, state: ApiState, shutdown: watch::Receiver<bool>) {
    serve_with(listener, state, AdminLimits::default(), shutdown).await;
}

/// Serves the admin address on `listener` with `limits` until `shutdown`
/// changes.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    state: ApiState,
    limits: AdminLimits,
    shutdown: watch::Receiver<bool>,
) {
    let app = router(state, &limits);
    listener::serve_router(listener, app, limits, shutdown).await;
}
