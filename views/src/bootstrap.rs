//! The node's bootstrap list: the addresses it keeps connected to, to join
//! its network (`vetnet peers add|remove|list`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `GET /v1/peers/bootstrap`, and the answer to a change of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BootstrapListView {
    /// Multiaddrs, as in `bootstrap` of config.toml: `/dnsaddr/` names the
    /// network's coordinator publishes, or addresses with `/p2p/`.
    pub addresses: Vec<String>,
}

/// The body of `POST /v1/peers/bootstrap`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BootstrapInput {
    /// A multiaddr: `/dnsaddr/bootstrap.example.org`, or
    /// `/ip4/192.0.2.1/tcp/7301/p2p/12D3KooW…`.
    pub address: String,
}
