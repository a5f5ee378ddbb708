//! The vetnet node: an institution's copy of the network's public records.
//!
//! From the bottom up (`tests/module_cycles.rs` keeps the modules free of
//! import cycles and writes the layering down):
//! - [`store`]: the sled record store, one folder: `store/index.rs` (the
//!   in-memory search index), `store/key_ledger.rs` (key rotations and
//!   revocations, consulted before every insert), the write path, the outbox,
//!   the address book, and per-kind change counters for caches of derived data.
//! - [`network`]: the libp2p swarm in one event-loop task, driven through a
//!   cloneable [`network::NetworkClient`]. Only this module touches the swarm.
//!   One folder: `behaviour.rs` (the behaviours and the swarm's construction),
//!   `event_loop.rs` (the task and its commands), `gossip.rs`, `requests.rs`
//!   (sync and direct messages), `discovery.rs` (bootstrap, Kademlia, mDNS,
//!   AutoNAT, relay, DCUtR) and `peers.rs` (connected peers, bans).
//! - [`search`]: offer, need, institution, achievement and event queries over
//!   the store's index.
//! - [`trust`]: trust levels from the anchors and endorsements, with the
//!   cache of the last trust graph ([`trust::TrustCache`]).
//! - [`matching`]: the institution's own offers and needs against the others'.
//! - [`regional`]: one NUTS region as a whole, and the schools that teach
//!   what a skills need asks for.
//! - [`ingest`]: records arriving by gossip or sync, and the verdict on each.
//! - [`rate_limit`]: per-peer gossip and per-author record limits (`[limits]`).
//! - [`publish`]: signing and publishing the institution's own records.
//! - [`credentials`]: issuing, revoking and verifying micro-credentials
//!   (kept in a private tree; never gossiped).
//! - [`sync`]: catch-up sync with peers (Negentropy over the live set).
//! - [`mobility`]: a learner's placement with another institution, in
//!   signed steps sent directly to the other node.
//! - [`api`]: the loopback HTTP/JSON admin API. Only this module (and the
//!   credential documents it carries) knows JSON.
//! - [`dashboard`]: the web interface on the admin address, beside the API.
//! - [`calendar`]: events as iCalendar (RFC 5545), times in UTC.
//! - [`clock`]: the wall clock the rules read (system, or manual in tests).
//! - [`repair`]: `vetnet repair`, a new record database from what a damaged
//!   one still holds (the node stopped).
//! - [`backup`]: `vetnet backup` (a consistent, encrypted archive of a
//!   running node) and `vetnet restore` (a data directory brought back from one).
//! - [`upgrade`]: the data directory's format version and its migrations.
//! - [`node`]: starts and stops all of the above on a [`data_dir::DataDir`];
//!   [`info`] holds the facts about a running node ([`NodeInfo`]).
//! - [`config`], [`data_dir`], [`keys`]: settings, files on disk, and the keys.
//! - [`metrics`]: the node's metrics (`GET /metrics`, OpenMetrics text),
//!   one registry with libp2p's own; a leaf every part that counts may use.
//!
//! See `ARCHITECTURE.md` at the repository root for the map and invariants.

mod admin;
pub mod api;
pub mod backup;
pub mod calendar;
pub mod clock;
pub mod config;
pub mod credentials;
pub mod dashboard;
pub mod data_dir;
mod direct_codec;
pub mod info;
pub mod ingest;
pub mod keys;
pub mod matching;
pub mod metrics;
pub mod mobility;
pub mod network;
pub mod networks;
pub mod node;
pub mod publish;
pub mod rate_limit;
pub mod regional;
pub mod repair;
pub mod search;
pub mod store;
pub mod sync;
mod sync_codec;
pub mod trust;
pub mod upgrade;

pub use clock::Clock;
pub use config::Config;
pub use data_dir::DataDir;
pub use info::NodeInfo;
pub use network::NetworkTiming;
pub use node::{Node, NodeError, NodeOptions, initialize};
