//! The admin address: the dashboard and the admin API on one loopback
//! listener, every request behind the Host check (`dashboard::guard`).
//! Paths under `/v1/` are the API (bearer token); everything else is the
//! dashboard (session cookie).

use axum::Router;
use tokio::sync::watch;

use crate::api::{self, ApiState};
use crate::dashboard::{self, Dashboard};

/// The dashboard and the API, composed, behind the Host check.
pub fn router(state: ApiState) -> Router {
    let dash = Dashboard::new(state.clone(), api::router(state));
    let hosts = dash.hosts();
    dashboard::router(dash).layer(axum::middleware::from_fn_with_state(hosts, dashboard::guard::check_host))
}

/// Serves the admin address on `listener` until `shutdown` changes.
pub async fn serve(listener: tokio::net::TcpListener, state: ApiState, mut shutdown: watch::Receiver<bool>) {
    let stop = async move {
        let _ = shutdown.changed().await;
    };
    if let Err(e) = axum::serve(listener, router(state)).with_graceful_shutdown(stop).await {
        tracing::error!(error = %e, "admin address stopped");
    }
}
