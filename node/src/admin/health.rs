//! `GET /health` on the admin address, answered without the token, for a
//! service manager, a load balancer's probe or a monitoring agent on the
//! server: `{"live":true,"ready":true}` with 200, or `ready: false` with 503.
//!
//! *Live* is the process answering at all. *Ready* is the two things an
//! institution's node needs to do its work: the record store takes writes
//! (its check found no damage, and a small probe file in the data directory
//! can be written and synced, which a full or read-only disk refuses) and
//! the swarm's event loop answers a command within [`NETWORK_DEADLINE`].
//! The answer says nothing else (no version, peer id or counts), because
//! it needs no token; it passes the Host check like everything on the
//! admin address.
//!
//! One probe runs at a time and its verdict is kept for [`VERDICT_TTL`], so
//! a client polling in a loop costs one small write a second at most.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tokio::sync::Mutex;
use vetnet_views::HealthView;

use crate::api::ApiState;
use crate::store::CheckState;

/// How long the event loop may take to answer a status command before the
/// node counts as not ready. It answers in microseconds when healthy.
pub const NETWORK_DEADLINE: Duration = Duration::from_secs(2);
/// How long the store's write probe may take (a sync on a slow disk).
const STORE_DEADLINE: Duration = Duration::from_secs(5);
/// How long a verdict is reused.
const VERDICT_TTL: Duration = Duration::from_secs(1);
/// The probe file, in the data directory (written, synced and removed).
pub const PROBE_FILE: &str = "health.probe";

#[derive(Clone)]
struct HealthState {
    api: ApiState,
    /// The last verdict and when it was reached; the lock also keeps probes
    /// to one at a time.
    last: Arc<Mutex<Option<(Instant, bool)>>>,
}

/// The `/health` route, with its own state.
pub fn routes(api: ApiState) -> Router {
    Router::new().route("/health", get(health)).with_state(HealthState { api, last: Arc::default() })
}

async fn health(State(state): State<HealthState>) -> Response {
    let ready = {
        let mut last = state.last.lock().await;
        match *last {
            Some((at, ready)) if at.elapsed() < VERDICT_TTL => ready,
            _ => {
                let ready = is_ready(&state.api).await;
                *last = Some((Instant::now(), ready));
                ready
            }
        }
    };
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(HealthView { live: true, ready })).into_response()
}

/// Whether the store takes writes and the event loop answers in time.
/// What failed is logged (at warn), never answered.
async fn is_ready(state: &ApiState) -> bool {
    if let CheckState::Damaged { what } = state.store.check_state() {
        tracing::warn!(damage = %what, "not ready: the record store check found damage");
        return false;
    }
    let probe = state.info.data_dir.join(PROBE_FILE);
    let write = tokio::task::spawn_blocking(move || write_probe(probe));
    match tokio::time::timeout(STORE_DEADLINE, write).await {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(e))) => {
            tracing::warn!(error = %e, "not ready: the data directory does not take writes");
            return false;
        }
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "not ready: the write probe failed");
            return false;
        }
        Err(_) => {
            tracing::warn!(secs = STORE_DEADLINE.as_secs(), "not ready: the write probe took too long");
            return false;
        }
    }
    match tokio::time::timeout(NETWORK_DEADLINE, state.network.status()).await {
        Ok(Ok(_)) => true,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "not ready: the network event loop is gone");
            false
        }
        Err(_) => {
            tracing::warn!(secs = NETWORK_DEADLINE.as_secs(), "not ready: the network event loop did not answer");
            false
        }
    }
}

/// Writes, syncs and removes the probe file (0600, like everything in the
/// data directory).
fn write_probe(path: PathBuf) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)
        .and_then(|mut file| file.write_all(b"vetnet health probe\n").and_then(|()| file.sync_data()));
    let removed = std::fs::remove_file(&path);
    result.and(removed)
}
