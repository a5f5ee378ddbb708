//! The node's state: `GET /v1/status`, `/v1/peers` and `/v1/sync`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `GET /v1/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StatusView {
    pub peer_id: String,
    pub listen_addrs: Vec<String>,
    /// This institution's `did:key`.
    pub institution: String,
    /// Its name from its profile, if it has one.
    pub institution_name: Option<String>,
    /// The network name every record is signed for.
    pub network: String,
    /// Connected peers.
    pub peers: usize,
    /// Peers subscribed to the records topic.
    pub topic_peers: usize,
    /// Peers in this node's gossip mesh.
    pub mesh_peers: usize,
    pub banned_peers: usize,
    /// Live records per kind.
    pub records: BTreeMap<String, u64>,
    pub gossip: GossipStats,
    /// Records ignored since the node started, per reason (only reasons
    /// seen), by gossip and by sync: neither stored nor forwarded, and their
    /// senders not penalised.
    pub ignored: Vec<IgnoredCount>,
    /// Own records waiting for a peer.
    pub outbox: usize,
    /// Per-peer sync state, newest first.
    pub sync: Vec<SyncPeerView>,
    pub reachability: ReachabilityView,
    pub routing_table_peers: usize,
    /// The check of the record database that runs after the node started.
    pub database: DatabaseCheckView,
    /// Free space on the file system holding the database.
    pub disk: DiskView,
    /// The data directory's format version (`data-format`).
    pub data_format: u32,
    /// The admin API's address.
    pub api: String,
    pub data_dir: String,
    pub version: String,
}

/// Free space where the database lives. Below the reserve the node refuses
/// new records and private writes (`507 disk_full`) and keeps serving
/// searches and status, until space is freed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DiskView {
    pub free_bytes: u64,
    /// `disk_reserve_mb` in bytes.
    pub reserve_bytes: u64,
    /// Whether writes are refused now.
    pub full: bool,
}

/// What became of the records that arrived by gossip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct GossipStats {
    pub accepted: u64,
    pub ignored: u64,
    pub rejected: u64,
}

/// How many records were ignored for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct IgnoredCount {
    /// `stale` (a newer version is held), `same_seq` (a different record
    /// with the same seq is held), `duplicate`, `key_retired` (signed by a
    /// rotated or revoked key after its cut-off), `from_the_future`,
    /// `author_daily_limit`, `store_error` or `internal`.
    pub reason: String,
    /// Arrived by gossip.
    pub gossip: u64,
    /// Fetched by sync.
    pub sync: u64,
}

/// Whether other nodes can reach this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReachabilityView {
    /// `public`, `private` or `unknown`, as AutoNAT found.
    pub status: String,
    pub external_addrs: Vec<String>,
    pub relayed_addrs: Vec<String>,
    /// Whether this node relays for others.
    pub relay_server: bool,
}

/// The sync state with one peer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncPeerView {
    pub peer_id: String,
    pub running: bool,
    /// Records fetched so far in the running session.
    pub fetched: usize,
    /// Records the running session needs.
    pub needed: usize,
    /// Unix seconds of the last finished session.
    pub last_finished: Option<u64>,
    pub last_report: Option<SyncReportView>,
    pub last_error: Option<String>,
}

/// What one sync session did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncReportView {
    pub rounds: usize,
    pub fetches: usize,
    pub bytes_sent: usize,
    pub bytes_received: usize,
    pub needed: usize,
    pub have: usize,
    pub stored: usize,
    pub stale: usize,
}

/// `GET /v1/sync`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncStateView {
    pub peers: Vec<SyncPeerView>,
}

/// One peer's result of `POST /v1/sync`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncResultView {
    pub peer_id: String,
    pub ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<SyncReportView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A connected peer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PeerView {
    pub peer_id: String,
    pub addrs: Vec<String>,
    /// Its identify agent string.
    pub agent: Option<String>,
    /// Its gossipsub score.
    pub score: Option<f64>,
    /// Whether it is subscribed to the records topic.
    pub on_topic: bool,
    pub connected_secs: u64,
}

/// `POST /v1/dashboard/sign-in-links`: a one-time link that opens a
/// dashboard session (what `vetnet open` prints).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SignInLinkView {
    /// `http://127.0.0.1:<admin port>/sign-in?token=…`; works once.
    pub url: String,
    /// How long the link stays valid.
    pub expires_in_secs: u64,
}

/// The full check of the record database (every page's checksum, every
/// record's hash and encoding, the counts), which a node runs in the
/// background after it started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DatabaseCheckView {
    /// `running`, `passed`, `damaged` (record writes are refused until the
    /// database is repaired with `vetnet repair`) or `stopped`.
    pub check: String,
    /// How long the check took, once it passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_ms: Option<u64>,
    /// What the check found damaged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage: Option<String>,
}

/// `GET /health` (no token): whether the node is live and ready, and
/// nothing else, so a monitoring agent learns no more than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HealthView {
    /// The process answers (always true in an answer).
    pub live: bool,
    /// The record store takes writes and the network's event loop answers
    /// within its deadline.
    pub ready: bool,
}
