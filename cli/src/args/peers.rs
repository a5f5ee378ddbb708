//! `vetnet peers`: the connected peers, and the bootstrap list.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum PeersCommand {
    /// Add a bootstrap address: saved in config.toml, and dialled at once when the node runs.
    Add {
        /// A multiaddr: /dnsaddr/bootstrap.example.org, or /ip4/192.0.2.1/tcp/7301/p2p/12D3KooW...
        address: String,
    },
    /// Remove a bootstrap address from config.toml (the node stops re-dialling it).
    Remove {
        /// The multiaddr, as `vetnet peers list` shows it.
        address: String,
    },
    /// List the bootstrap addresses (the connected peers: `vetnet peers`).
    List,
}
