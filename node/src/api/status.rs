//! The node's state: `/v1/status` and `/v1/peers`.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use vetnet_views as views;

use super::{ApiError, ApiResult, ApiState, ok};

pub fn routes() -> Router<ApiState> {
    Router::new().route("/v1/status", get(status)).route("/v1/peers", get(peers))
}

fn stopping(e: crate::network::NetworkError) -> ApiError {
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "stopping", e.to_string())
}

/// The node's status: network, records, gossip, sync, reachability.
pub async fn node_status(state: &ApiState) -> Result<views::StatusView, ApiError> {
    let network = state.network.status().await.map_err(stopping)?;
    let (accepted, ignored, rejected) = state.stats.snapshot();
    let institution_name = state.publisher.profile()?.and_then(|p| p.name.best(&[]).map(str::to_owned));
    let addrs = |addrs: &[libp2p::Multiaddr]| addrs.iter().map(ToString::to_string).collect::<Vec<_>>();
    Ok(views::StatusView {
        peer_id: network.peer_id.to_string(),
        listen_addrs: addrs(&network.listen_addrs),
        institution: state.publisher.institution().to_did(),
        institution_name,
        network: state.info.network.clone(),
        peers: network.connected_peers,
        topic_peers: network.topic_peers,
        mesh_peers: network.mesh_peers,
        banned_peers: network.banned_peers,
        records: state.store.counts()?,
        gossip: views::GossipStats { accepted, ignored, rejected },
        ignored: state
            .stats
            .ignored_by_reason()
            .into_iter()
            .map(|(reason, gossip, sync)| views::IgnoredCount { reason: reason.as_str().to_owned(), gossip, sync })
            .collect(),
        outbox: state.store.outbox()?.len(),
        sync: super::sync::sync_peers(state),
        reachability: views::ReachabilityView {
            status: network.reachability.clone(),
            external_addrs: addrs(&network.external_addrs),
            relayed_addrs: addrs(&network.relayed_addrs),
            relay_server: network.relay_server,
        },
        routing_table_peers: network.routing_table_peers,
        database: database_check(&state.store.check_state()),
        disk: {
            let space = state.store.disk_space();
            views::DiskView { free_bytes: space.free_bytes, reserve_bytes: space.reserve_bytes, full: space.is_full() }
        },
        data_format: crate::upgrade::DATA_FORMAT,
        api: state.info.api_addr.to_string(),
        data_dir: state.info.data_dir.display().to_string(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}

fn database_check(state: &crate::store::CheckState) -> views::DatabaseCheckView {
    use crate::store::CheckState;
    let (check, check_ms, damage) = match state {
        CheckState::Running => ("running", None, None),
        CheckState::Passed { millis } => ("passed", Some(*millis), None),
        CheckState::Damaged { what } => ("damaged", None, Some(what.clone())),
        CheckState::Stopped => ("stopped", None, None),
    };
    views::DatabaseCheckView { check: check.to_owned(), check_ms, damage }
}

/// The connected peers.
pub async fn list_peers(state: &ApiState) -> Result<Vec<views::PeerView>, ApiError> {
    let peers = state.network.peers().await.map_err(stopping)?;
    Ok(peers
        .into_iter()
        .map(|p| views::PeerView {
            peer_id: p.peer_id.to_string(),
            addrs: p.addrs.iter().map(ToString::to_string).collect(),
            agent: p.agent,
            score: p.score,
            on_topic: p.on_topic,
            connected_secs: p.connected_secs,
        })
        .collect())
}

/// The node's status.
#[utoipa::path(
    get,
    path = "/v1/status",
    tag = "status",
    operation_id = "status",
    responses(
        (status = 200, description = "The node's network, records, gossip, sync and reachability.", body = views::StatusView),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 503, response = super::openapi::Unavailable),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn status(State(state): State<ApiState>) -> ApiResult {
    ok(&node_status(&state).await?)
}

/// The connected peers.
#[utoipa::path(
    get,
    path = "/v1/peers",
    tag = "status",
    operation_id = "list_peers",
    responses(
        (status = 200, description = "Every connected peer.", body = Vec<views::PeerView>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 503, response = super::openapi::Unavailable),
    )
)]
async fn peers(State(state): State<ApiState>) -> ApiResult {
    ok(&list_peers(&state).await?)
}
