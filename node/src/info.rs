//! Facts about a running node that the rest of the node reads (the API, the
//! profile's node addresses): a leaf, so that no module needs `node` for them.

use std::net::SocketAddr;

use libp2p::multiaddr::Protocol;
use libp2p::{Multiaddr, PeerId};
use vetnet_protocol::InstitutionId;
use vetnet_protocol::limits::MAX_ADDRS_PER_NODE;
use vetnet_protocol::profile::NodeAddress;

/// Facts about a running node.
#[derive(Debug, Clone)]
pub struct NodeInfo {
    pub peer_id: PeerId,
    pub institution: InstitutionId,
    pub network: String,
    pub api_addr: SocketAddr,
    /// With `/p2p/`.
    pub listen_addrs: Vec<Multiaddr>,
    pub data_dir: std::path::PathBuf,
    /// The settings file when it is outside the data directory (the
    /// packaged service's `/etc/vetnet/config.toml`).
    pub settings_file: Option<std::path::PathBuf>,
}

impl NodeInfo {
    /// The node's data directory, with its settings file where it is.
    pub fn dir(&self) -> crate::data_dir::DataDir {
        let dir = crate::data_dir::DataDir::new(&self.data_dir);
        match &self.settings_file {
            Some(file) => dir.with_settings(file),
            None => dir,
        }
    }
}

/// Where others reach the node, as its profile's `nodes` lists it: the
/// listen addresses that are not loopback or unspecified (all of them when
/// there is no other), at most [`MAX_ADDRS_PER_NODE`].
pub(crate) fn node_address(info: &NodeInfo) -> NodeAddress {
    let is_loopback = |a: &Multiaddr| {
        a.iter().any(|p| match p {
            Protocol::Ip4(ip) => ip.is_loopback() || ip.is_unspecified(),
            Protocol::Ip6(ip) => ip.is_loopback() || ip.is_unspecified(),
            _ => false,
        })
    };
    let public: Vec<String> = info.listen_addrs.iter().filter(|a| !is_loopback(a)).map(Multiaddr::to_string).collect();
    let mut addrs =
        if public.is_empty() { info.listen_addrs.iter().map(Multiaddr::to_string).collect() } else { public };
    addrs.truncate(MAX_ADDRS_PER_NODE);
    NodeAddress { peer_id: info.peer_id.to_string(), addrs }
}
