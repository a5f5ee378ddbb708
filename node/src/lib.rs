//! The vetnet node: an institution's copy of the network's public records.
//!
//! - [`store`]: the sled record store and its search indexes.
//! - [`search`]: offer and institution queries over the store.
//! - [`network`]: the libp2p swarm in one event-loop task, driven through a
//!   cloneable [`network::NetworkClient`]. Only this module touches the swarm.
//! - [`ingest`]: records arriving by gossip, and the verdict on each.
//! - [`rate_limit`]: per-peer gossip and per-author record limits (`[limits]`).
//! - [`publish`]: signing and publishing the institution's own records.
//! - [`credentials`]: issuing, revoking and verifying micro-credentials
//!   (kept in a private tree; never gossiped).
//! - [`api`]: the loopback HTTP/JSON admin API. Only this module (and the
//!   credential documents it carries) knows JSON.
//! - [`dashboard`]: the web interface on the admin address, beside the API.
//! - [`node`]: starts and stops all of the above on a [`data_dir::DataDir`].
//!
//! See `ARCHITECTURE.md` at the repository root for the map and invariants.

mod admin;
pub mod api;
pub mod config;
pub mod credentials;
pub mod dashboard;
pub mod data_dir;
mod direct_codec;
pub mod ingest;
pub mod key_ledger;
pub mod keys;
pub mod matching;
pub mod mobility;
pub mod network;
pub mod node;
pub mod publish;
pub mod rate_limit;
pub mod search;
pub mod search_index;
pub mod store;
pub mod sync;
mod sync_codec;
pub mod trust;

pub use config::Config;
pub use data_dir::DataDir;
pub use network::NetworkTiming;
pub use node::{Node, NodeError, NodeInfo, NodeOptions, initialize};
