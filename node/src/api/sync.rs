//! Sync sessions: their state per peer (`GET /v1/sync`) and running one now
//! (`POST /v1/sync`).

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use vetnet_views as views;

use super::{ApiError, ApiResult, ApiState, ok};

pub fn routes() -> Router<ApiState> {
    Router::new().route("/v1/sync", get(state_of).post(now))
}

fn report_view(report: &crate::sync::SyncReport) -> views::SyncReportView {
    views::SyncReportView {
        rounds: report.rounds,
        fetches: report.fetches,
        bytes_sent: report.bytes_sent,
        bytes_received: report.bytes_received,
        needed: report.needed,
        have: report.have,
        stored: report.stored,
        stale: report.stale,
    }
}

/// Per-peer sync state, newest first.
pub fn sync_peers(state: &ApiState) -> Vec<views::SyncPeerView> {
    let mut peers: Vec<_> = state.sync.states().into_iter().collect();
    peers.sort_by_key(|(_, s)| std::cmp::Reverse(s.last_finished));
    peers
        .into_iter()
        .map(|(peer, s)| views::SyncPeerView {
            peer_id: peer.to_string(),
            running: s.running,
            fetched: s.fetched,
            needed: s.needed,
            last_finished: s.last_finished,
            last_report: s.last_report.as_ref().map(report_view),
            last_error: s.last_error,
        })
        .collect()
}

/// Runs a sync session now with `peer`, or with every connected peer.
pub async fn sync_now(state: &ApiState, peer: Option<String>) -> Result<Vec<views::SyncResultView>, ApiError> {
    let unavailable =
        |e: crate::network::NetworkError| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "stopping", e.to_string());
    let peers: Vec<libp2p::PeerId> = match peer {
        Some(peer) => {
            vec![peer.parse().map_err(|_| ApiError::invalid("peer", format!("{peer:?} is not a libp2p peer id")))?]
        }
        None => state.network.peers().await.map_err(unavailable)?.into_iter().map(|p| p.peer_id).collect(),
    };
    if peers.is_empty() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "no_peers",
            "no peer is connected, so there is nobody to sync with",
        ));
    }
    let mut results = Vec::new();
    for peer in peers {
        let (report, error) = match state.sync.sync_with(peer).await {
            Ok(report) => (Some(report_view(&report)), None),
            Err(e) => (None, Some(e.to_string())),
        };
        results.push(views::SyncResultView { peer_id: peer.to_string(), ok: error.is_none(), report, error });
    }
    Ok(results)
}

#[derive(serde::Deserialize)]
struct SyncParams {
    peer: Option<String>,
}

/// The sync state per peer.
#[utoipa::path(
    get,
    path = "/v1/sync",
    tag = "sync",
    operation_id = "sync_state",
    responses(
        (status = 200, description = "Each peer's sync state, newest first.", body = views::SyncStateView),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn state_of(State(state): State<ApiState>) -> ApiResult {
    ok(&views::SyncStateView { peers: sync_peers(&state) })
}

/// Runs a sync session now.
#[utoipa::path(
    post,
    path = "/v1/sync",
    tag = "sync",
    operation_id = "sync_now",
    description = "Runs a sync session now with the peer given, or with every connected peer, and answers when they end.",
    params(("peer" = Option<String>, Query, description = "A libp2p peer id (`12D3KooW…`); every connected peer if absent.")),
    responses(
        (status = 200, description = "One result per peer: its report, or the error that ended it.", body = Vec<views::SyncResultView>),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "No peer is connected (`no_peers`).", body = views::ErrorBody),
        (status = 503, response = super::openapi::Unavailable),
    )
)]
async fn now(State(state): State<ApiState>, Query(params): Query<SyncParams>) -> ApiResult {
    ok(&sync_now(&state, params.peer).await?)
}
