//! The node's settings file (`config.toml` in the data directory), merged
//! with command-line flags by the CLI.

use std::net::SocketAddr;

use serde::{Deserialize, Serialize};

use crate::data_dir::{DataDir, DataDirError, write_atomic};
use crate::rate_limit::RateLimits;

/// Default admin API address: loopback only.
pub const DEFAULT_API_ADDR: &str = "127.0.0.1:7300";
/// Default libp2p listen address.
pub const DEFAULT_LISTEN_ADDR: &str = "/ip4/0.0.0.0/tcp/7301";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    DataDir(#[from] DataDirError),
    /// A setting breaks a rule (the reason names the setting).
    #[error("{path}: {reason}")]
    Invalid { path: String, reason: String },
    /// The file is not TOML of the expected shape. The message is the
    /// parser's, without the snippet of the file it quotes.
    #[error("{path}: {}", .source.message())]
    Parse {
        path: String,
        #[source]
        source: toml::de::Error,
    },
    /// The settings file is outside the data directory (the packaged
    /// service's `/etc/vetnet/config.toml`): it is the operator's, and
    /// vetnet only reads it.
    #[error(
        "{path} is the operator's settings file, which vetnet only reads: edit the setting there as root, then restart the node (`systemctl restart vetnet`)"
    )]
    ReadOnly { path: String },
    #[error("{path}: {source}")]
    Serialize {
        path: String,
        #[source]
        source: toml::ser::Error,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Network name: records of other networks are refused.
    #[serde(default = "default_network")]
    pub network: String,
    /// libp2p listen multiaddrs.
    #[serde(default = "default_listen")]
    pub listen: Vec<String>,
    /// The admin API address; must be a loopback address.
    #[serde(default = "default_api")]
    pub api: String,
    /// Peers to join the network through (multiaddrs, ideally with `/p2p/`,
    /// or `/dnsaddr/` names the network's coordinator publishes). A new
    /// data directory starts with the network's default list
    /// ([`default_bootstrap`]); `vetnet peers add|remove` change it.
    #[serde(default)]
    pub bootstrap: Vec<String>,
    /// sled page cache, in megabytes.
    #[serde(default = "default_cache_mb")]
    pub cache_mb: u64,
    /// Free space, in megabytes, the node keeps on the file system that
    /// holds its database: below it, it refuses new records (publishes,
    /// gossip, sync) and private writes with "the disk is full", instead of
    /// letting sled run out of space in the middle of a write.
    #[serde(default = "default_disk_reserve_mb")]
    pub disk_reserve_mb: u64,
    /// Find other nodes on the local network with mDNS.
    #[serde(default)]
    pub mdns: bool,
    /// Relay connections for nodes behind NAT (only on a publicly reachable server).
    #[serde(default)]
    pub relay_server: bool,
    /// Addresses others can reach this node on, when they differ from the
    /// listen addresses (a public IP, a port forward).
    #[serde(default)]
    pub external: Vec<String>,
    /// The node dials peers it discovers (Kademlia, mDNS) while it has fewer
    /// connections than this; 0 keeps it to its bootstrap peers, its address
    /// book and the peers that dial it.
    #[serde(default = "default_target_peers")]
    pub target_peers: usize,
    /// Institutions this node trusts outright (`did:key:z6Mk…`), such as a
    /// national agency or the network's coordinator: trust levels start
    /// from them. Managed with `vetnet trust add|remove|list`.
    #[serde(default)]
    pub trust_anchors: Vec<String>,
    /// Rate limits against floods (`[limits]`); see `SECURITY.md`.
    #[serde(default)]
    pub limits: RateLimits,
    /// Limits on the peer connections others open to this node
    /// (`[connections]`); see `SECURITY.md`.
    #[serde(default)]
    pub connections: PeerConnectionLimits,
    /// Which DNS servers resolve `/dns*/` and `/dnsaddr/` addresses (`[dns]`).
    #[serde(default, skip_serializing_if = "DnsSettings::is_default")]
    pub dns: DnsSettings,
    /// How `vetnet node run` writes its log to stderr: `text` for people,
    /// `json` (one object per line) for log shippers. `--log-format`
    /// overrides it.
    #[serde(default)]
    pub log_format: LogFormat,
}

/// The log's format on stderr.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Lines for people (with colours on a terminal).
    #[default]
    Text,
    /// One JSON object per line (`timestamp`, `level`, `fields.message`,
    /// `target`), for journald exporters, Vector, Fluent Bit and the like.
    Json,
}

/// The `[dns]` table of `config.toml`: the DNS servers the node asks for
/// the addresses of `/dns4/`, `/dns6/`, `/dns/` and `/dnsaddr/` multiaddrs
/// (a bootstrap list is usually `/dnsaddr/`). Empty: the system's servers
/// (`/etc/resolv.conf`). Set it on a split-DNS server whose system resolver
/// does not see the public names, or to a resolver of one's own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DnsSettings {
    /// `IP` or `IP:PORT` (`[IPv6]:PORT`), asked over UDP, then TCP.
    pub nameservers: Vec<String>,
}

/// DNS servers a node may name: a handful in practice.
pub const MAX_NAMESERVERS: usize = 8;

impl DnsSettings {
    fn is_default(&self) -> bool {
        self.nameservers.is_empty()
    }

    /// The name servers as socket addresses (port 53 when none is given),
    /// or `None` for the system's; the error names the bad entry.
    pub fn servers(&self) -> Result<Option<Vec<SocketAddr>>, String> {
        if self.nameservers.is_empty() {
            return Ok(None);
        }
        if self.nameservers.len() > MAX_NAMESERVERS {
            return Err(format!("dns.nameservers: at most {MAX_NAMESERVERS} servers (got {})", self.nameservers.len()));
        }
        self.nameservers
            .iter()
            .enumerate()
            .map(|(i, text)| {
                text.parse::<SocketAddr>()
                    .or_else(|_| text.parse::<std::net::IpAddr>().map(|ip| SocketAddr::new(ip, 53)))
                    .map_err(|_| {
                        format!("dns.nameservers[{i}]: {text:?} is not an address like 192.0.2.53, 192.0.2.53:53 or [2001:db8::53]:53")
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}

/// The default bootstrap list of a network: the `/dnsaddr/` name
/// `bootstrap.<network>.vetnet.example`, whose `_dnsaddr.` TXT records list
/// the addresses of the nodes the network's members run. `vetnet.example`
/// is a placeholder: a network's coordinator publishes the records under a
/// domain of its own and gives its members the list (see
/// `docs/OPERATIONS.md`, "Joining: bootstrap lists and dnsaddr").
pub fn default_bootstrap(network: &str) -> Vec<String> {
    vec![format!("/dnsaddr/bootstrap.{network}.vetnet.example")]
}

/// The `[connections]` table of `config.toml`: how many inbound peer
/// connections the node takes, in total and from one address, and how long
/// a handshake may take. The defaults suit a school server that talks to
/// tens of institutions: far above honest use, far below what exhausts it.
///
/// "One address" is one IPv4 address or one IPv6 /64 (one site: an attacker
/// usually holds a whole /64). Connections through a circuit relay carry the
/// relay's address and count only in the totals. The IPs of the bootstrap
/// peers and of the address book are "known": they may use the slots of the
/// totals reserved for them (the per-address limits hold for every address).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PeerConnectionLimits {
    /// Inbound connections still in their handshake (noise, yamux) from one
    /// address. A real node opens one at a time; idle sockets held open by
    /// an attacker stop here, and only lock out their own address.
    pub max_pending_per_ip: u32,
    /// Established inbound connections from one address: room for several
    /// nodes behind one institution's NAT.
    pub max_established_per_ip: u32,
    /// Inbound connections in their handshake, in total.
    pub max_pending_incoming: u32,
    /// Established inbound connections, in total.
    pub max_established_incoming: u32,
    /// Slots of each of the two totals that only known peers may take, so
    /// an attacker on many addresses still cannot lock them out.
    pub reserved_for_known_peers: u32,
    /// How long a new connection has to finish its handshake (TCP connect,
    /// noise, yamux), in seconds; an idle socket is closed after it. A few
    /// round trips take well under a second even on a poor school link.
    pub handshake_timeout_secs: u64,
}

pub const DEFAULT_MAX_PENDING_PER_IP: u32 = 8;
pub const DEFAULT_MAX_ESTABLISHED_PER_IP: u32 = 16;
pub const DEFAULT_MAX_PENDING_INCOMING: u32 = 64;
pub const DEFAULT_MAX_ESTABLISHED_INCOMING: u32 = 96;
pub const DEFAULT_RESERVED_FOR_KNOWN_PEERS: u32 = 16;
pub const DEFAULT_HANDSHAKE_TIMEOUT_SECS: u64 = 5;
/// Above this many connections a limit no longer protects a small server.
const MAX_CONNECTIONS_LIMIT: u32 = 10_000;
/// The longest handshake timeout: a minute.
const MAX_HANDSHAKE_TIMEOUT_SECS: u64 = 60;

impl Default for PeerConnectionLimits {
    fn default() -> Self {
        Self {
            max_pending_per_ip: DEFAULT_MAX_PENDING_PER_IP,
            max_established_per_ip: DEFAULT_MAX_ESTABLISHED_PER_IP,
            max_pending_incoming: DEFAULT_MAX_PENDING_INCOMING,
            max_established_incoming: DEFAULT_MAX_ESTABLISHED_INCOMING,
            reserved_for_known_peers: DEFAULT_RESERVED_FOR_KNOWN_PEERS,
            handshake_timeout_secs: DEFAULT_HANDSHAKE_TIMEOUT_SECS,
        }
    }
}

impl PeerConnectionLimits {
    /// The rules of the table; the message names the setting.
    pub fn check(&self) -> Result<(), String> {
        let counts = [
            ("max_pending_per_ip", self.max_pending_per_ip),
            ("max_established_per_ip", self.max_established_per_ip),
            ("max_pending_incoming", self.max_pending_incoming),
            ("max_established_incoming", self.max_established_incoming),
        ];
        for (name, value) in counts {
            if !(1..=MAX_CONNECTIONS_LIMIT).contains(&value) {
                return Err(format!("connections.{name}: must be 1 to {MAX_CONNECTIONS_LIMIT} (got {value})"));
            }
        }
        let smallest_total = self.max_pending_incoming.min(self.max_established_incoming);
        if self.reserved_for_known_peers >= smallest_total {
            return Err(format!(
                "connections.reserved_for_known_peers: must be below both totals ({smallest_total}; got {})",
                self.reserved_for_known_peers
            ));
        }
        if !(1..=MAX_HANDSHAKE_TIMEOUT_SECS).contains(&self.handshake_timeout_secs) {
            return Err(format!(
                "connections.handshake_timeout_secs: must be 1 to {MAX_HANDSHAKE_TIMEOUT_SECS} (got {})",
                self.handshake_timeout_secs
            ));
        }
        Ok(())
    }
}

fn default_network() -> String {
    vetnet_protocol::DEFAULT_NETWORK.to_owned()
}
fn default_listen() -> Vec<String> {
    vec![DEFAULT_LISTEN_ADDR.to_owned()]
}
fn default_api() -> String {
    DEFAULT_API_ADDR.to_owned()
}
fn default_cache_mb() -> u64 {
    64
}
/// The default free-space reserve: room for sled to finish what it has
/// started (its log segments, a flush, the search index at shutdown).
pub const DEFAULT_DISK_RESERVE_MB: u64 = 64;
/// A reserve above this (1 TiB) is a typo, not a plan.
const MAX_DISK_RESERVE_MB: u64 = 1 << 20;
fn default_disk_reserve_mb() -> u64 {
    DEFAULT_DISK_RESERVE_MB
}
/// Discovered peers a node connects to: enough for a well-knit gossip mesh
/// (mesh_n is 6), few enough for a small server.
pub const DEFAULT_TARGET_PEERS: usize = 8;
/// The most `target_peers` may be (outgoing connections are limited to 48).
pub const MAX_TARGET_PEERS: usize = 32;
fn default_target_peers() -> usize {
    DEFAULT_TARGET_PEERS
}

impl Default for Config {
    fn default() -> Self {
        Self {
            network: default_network(),
            listen: default_listen(),
            api: default_api(),
            bootstrap: default_bootstrap(vetnet_protocol::DEFAULT_NETWORK),
            cache_mb: default_cache_mb(),
            disk_reserve_mb: DEFAULT_DISK_RESERVE_MB,
            mdns: false,
            relay_server: false,
            external: Vec::new(),
            target_peers: DEFAULT_TARGET_PEERS,
            trust_anchors: Vec::new(),
            limits: RateLimits::default(),
            connections: PeerConnectionLimits::default(),
            dns: DnsSettings::default(),
            log_format: LogFormat::Text,
        }
    }
}

impl Config {
    /// The defaults for a node of `network`, with that network's default
    /// bootstrap list.
    pub fn for_network(network: &str) -> Self {
        Self { network: network.to_owned(), bootstrap: default_bootstrap(network), ..Self::default() }
    }
}

impl Config {
    /// Reads `config.toml`, or the defaults if there is none.
    pub fn load(dir: &DataDir) -> Result<Self, ConfigError> {
        let path = dir.config_path();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let config: Config = toml::from_str(&text)
                    .map_err(|source| ConfigError::Parse { path: path.display().to_string(), source })?;
                config.check().map_err(|reason| ConfigError::Invalid { path: path.display().to_string(), reason })?;
                Ok(config)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(source) => Err(DataDirError::Io { path, source }.into()),
        }
    }

    /// Writes `config.toml` in the data directory. An external settings
    /// file ([`DataDir::settings_are_external`]) is never written:
    /// [`ConfigError::ReadOnly`] names it.
    pub fn save(&self, dir: &DataDir) -> Result<(), ConfigError> {
        if dir.settings_are_external() {
            return Err(ConfigError::ReadOnly { path: dir.config_path().display().to_string() });
        }
        let text = toml::to_string_pretty(self)
            .map_err(|source| ConfigError::Serialize { path: dir.config_path().display().to_string(), source })?;
        let text = format!("# vetnet node settings. Command-line flags override these.\n{text}");
        write_atomic(&dir.config_path(), text.as_bytes(), 0o600)?;
        Ok(())
    }

    /// The rules a config must follow; the message names the setting.
    pub fn check(&self) -> Result<(), String> {
        let name_ok = !self.network.is_empty()
            && self.network.len() <= 32
            && self.network.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !name_ok {
            return Err(format!(
                "network: must be 1-32 lower-case letters, digits or hyphens (got {:?})",
                self.network
            ));
        }
        api_addr(&self.api)?;
        if self.cache_mb == 0 {
            return Err("cache_mb: must be at least 1".into());
        }
        if self.disk_reserve_mb > MAX_DISK_RESERVE_MB {
            return Err(format!(
                "disk_reserve_mb: must be at most {MAX_DISK_RESERVE_MB} (got {}); 64 suits a school server",
                self.disk_reserve_mb
            ));
        }
        self.anchors()?;
        if self.target_peers > MAX_TARGET_PEERS {
            return Err(format!("target_peers: must be at most {MAX_TARGET_PEERS} (got {})", self.target_peers));
        }
        self.limits.check()?;
        self.connections.check()?;
        self.dns.servers()?;
        if self.bootstrap.len() > MAX_BOOTSTRAP_PEERS {
            return Err(format!("bootstrap: at most {MAX_BOOTSTRAP_PEERS} addresses (got {})", self.bootstrap.len()));
        }
        Ok(())
    }
}

impl Config {
    /// The trust anchors as institution ids; the error names the bad entry.
    pub fn anchors(&self) -> Result<std::collections::HashSet<vetnet_protocol::InstitutionId>, String> {
        if self.trust_anchors.len() > MAX_TRUST_ANCHORS {
            return Err(format!(
                "trust_anchors: at most {MAX_TRUST_ANCHORS} anchors (got {})",
                self.trust_anchors.len()
            ));
        }
        self.trust_anchors
            .iter()
            .enumerate()
            .map(|(i, did)| {
                did.parse().map_err(|_| {
                    format!("trust_anchors[{i}]: {did:?} is not an institution's did:key:z6Mk… identifier")
                })
            })
            .collect()
    }
}

/// A bootstrap address in its canonical form (what `bootstrap` holds), or
/// why it is not one.
pub fn bootstrap_address(text: &str) -> Result<String, String> {
    text.trim().parse::<libp2p::Multiaddr>().map(|addr| addr.to_string()).map_err(|e| {
        format!(
            "{text:?} is not a multiaddr ({e}); write it like /dnsaddr/bootstrap.example.org or /ip4/192.0.2.1/tcp/7301/p2p/12D3KooW…"
        )
    })
}

/// Bootstrap addresses a node may list; each is kept connected.
pub const MAX_BOOTSTRAP_PEERS: usize = 64;

/// Anchors a node may list: a handful in practice.
pub const MAX_TRUST_ANCHORS: usize = 64;

/// Parses the admin API address and refuses anything but loopback: the API
/// publishes in the institution's name and must not be reachable from other
/// hosts.
pub fn api_addr(text: &str) -> Result<SocketAddr, String> {
    let addr: SocketAddr = text.parse().map_err(|_| format!("api: {text:?} is not an address like 127.0.0.1:7300"))?;
    if !addr.ip().is_loopback() {
        return Err(format!("api: {addr} is not a loopback address; the admin API only listens on 127.0.0.1 or [::1]"));
    }
    Ok(addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked_field_by_field() {
        assert_eq!(Config::default().check(), Ok(()));
        let error = |config: Config| config.check().unwrap_err();
        assert!(error(Config { network: "Baltic Sea".into(), ..Config::default() }).starts_with("network:"));
        assert!(error(Config { api: "0.0.0.0:7300".into(), ..Config::default() }).starts_with("api:"));
        assert!(error(Config { cache_mb: 0, ..Config::default() }).starts_with("cache_mb:"));
        assert!(error(Config { target_peers: 33, ..Config::default() }).starts_with("target_peers:"));
        assert_eq!(Config { target_peers: 0, ..Config::default() }.check(), Ok(()));
        let anchors =
            |list: &[&str]| Config { trust_anchors: list.iter().map(|s| s.to_string()).collect(), ..Config::default() };
        assert!(error(anchors(&["did:key:nope"])).starts_with("trust_anchors[0]:"));
        assert_eq!(anchors(&["did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"]).check(), Ok(()));
        // Files written before `target_peers` existed still load, with the default.
        let old: Config = toml::from_str("network = \"bsr\"\ncache_mb = 32\n").unwrap();
        assert_eq!(old.target_peers, DEFAULT_TARGET_PEERS);
        assert_eq!(old.limits, RateLimits::default());
        assert!(old.bootstrap.is_empty(), "a file without a list keeps none");
    }

    #[test]
    fn a_new_node_has_its_network_s_default_list_and_the_dns_table_is_checked() {
        assert_eq!(Config::default().bootstrap, ["/dnsaddr/bootstrap.bsr.vetnet.example"]);
        assert_eq!(Config::for_network("nordplus").bootstrap, ["/dnsaddr/bootstrap.nordplus.vetnet.example"]);
        assert_eq!(Config::default().dns.servers(), Ok(None));
        let config: Config =
            toml::from_str("[dns]\nnameservers = [\"127.0.0.1:5353\", \"192.0.2.53\", \"[::1]:53\"]\n").unwrap();
        let servers = config.dns.servers().unwrap().unwrap();
        assert_eq!(servers.iter().map(|s| s.port()).collect::<Vec<_>>(), [5353, 53, 53]);
        let bad: Config = toml::from_str("[dns]\nnameservers = [\"resolver.example\"]\n").unwrap();
        assert!(bad.check().unwrap_err().starts_with("dns.nameservers[0]:"));
        assert!(toml::from_str::<Config>("[dns]\nnameserver = []\n").is_err());
        // The table is written only when set, and reads back the same.
        assert!(!toml::to_string_pretty(&Config::default()).unwrap().contains("[dns]"));
        let text = toml::to_string_pretty(&config).unwrap();
        assert_eq!(toml::from_str::<Config>(&text).unwrap(), config);
    }

    #[test]
    fn the_limits_table_is_read_checked_and_strict() {
        let config: Config =
            toml::from_str("[limits]\nrecords_per_author_per_day = 50\npeer_ban_minutes = 5\n").unwrap();
        assert_eq!(config.limits.records_per_author_per_day, 50);
        assert_eq!(config.limits.peer_ban_minutes, 5);
        assert_eq!(config.limits.messages_per_peer_per_minute, RateLimits::default().messages_per_peer_per_minute);
        assert_eq!(config.check(), Ok(()));
        let zero: Config = toml::from_str("[limits]\nmessages_per_peer_per_minute = 0\n").unwrap();
        assert!(zero.check().unwrap_err().starts_with("limits.messages_per_peer_per_minute:"));
        let typo = toml::from_str::<Config>("[limits]\nrecords_per_author_per_dya = 50\n").unwrap_err();
        assert!(typo.message().contains("records_per_author_per_dya"), "{}", typo.message());
        // What `save` writes reads back the same.
        let text = toml::to_string_pretty(&config).unwrap();
        assert_eq!(toml::from_str::<Config>(&text).unwrap(), config);
    }

    #[test]
    fn the_connections_table_is_read_and_checked() {
        let config: Config = toml::from_str("[connections]\nmax_pending_per_ip = 2\n").unwrap();
        assert_eq!(config.connections.max_pending_per_ip, 2);
        assert_eq!(config.connections.handshake_timeout_secs, DEFAULT_HANDSHAKE_TIMEOUT_SECS);
        assert_eq!(config.check(), Ok(()));
        let error = |table: &str| toml::from_str::<Config>(table).unwrap().check().unwrap_err();
        assert!(
            error("[connections]\nmax_established_per_ip = 0\n").starts_with("connections.max_established_per_ip:")
        );
        assert!(
            error("[connections]\nreserved_for_known_peers = 64\n")
                .starts_with("connections.reserved_for_known_peers:")
        );
        assert!(
            error("[connections]\nhandshake_timeout_secs = 0\n").starts_with("connections.handshake_timeout_secs:")
        );
        assert!(toml::from_str::<Config>("[connections]\nmax_pending_per_host = 2\n").is_err());
    }
}
