//! The swarm's behaviours and how the swarm is built: transport, the
//! gossipsub configuration of `docs/PROTOCOL.md`, the peer score parameters,
//! request-response for sync and direct messages, Kademlia, mDNS, AutoNAT,
//! relay, DCUtR and the connection limits (inbound ones in
//! `inbound_limits`).

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use futures::StreamExt;
use libp2p::gossipsub::{self, IdentTopic, MessageId};
use libp2p::request_response::{self, ProtocolSupport};
use libp2p::swarm::behaviour::toggle::Toggle;
use libp2p::swarm::{NetworkBehaviour, SwarmEvent};
use libp2p::{
    Multiaddr, StreamProtocol, Swarm, allow_block_list, autonat, connection_limits, dcutr, identify, kad, mdns, noise,
    ping, relay, tcp, yamux,
};
use vetnet_protocol::RecordHash;
use vetnet_protocol::limits::MAX_GOSSIP_MESSAGE_BYTES;
use vetnet_protocol::mobility::direct_protocol;
use vetnet_protocol::sync::SYNC_PROTOCOL;

use super::{NetworkConfig, NetworkError, NetworkTiming, inbound_limits};
use crate::direct_codec::DirectCodec;
use crate::sync_codec::SyncCodec;

/// How long a peer has to answer one sync request.
const SYNC_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Sync requests in flight per connection, each way.
const SYNC_CONCURRENT_STREAMS: usize = 8;
/// How long a direct message (a mobility step) may take to be answered.
const DIRECT_REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// Direct messages in flight per connection.
const DIRECT_CONCURRENT_STREAMS: usize = 4;
/// How long `start` waits for the listeners to come up.
const LISTEN_TIMEOUT: Duration = Duration::from_secs(10);

/// Outbound connection limits: enough for a well-connected node, bounded
/// against a runaway discovery. Inbound ones are settings
/// ([`PeerConnectionLimits`](crate::config::PeerConnectionLimits)).
const MAX_ESTABLISHED_OUTGOING: u32 = 48;
const MAX_PENDING_OUTGOING: u32 = 32;
const MAX_PER_PEER: u32 = 2;
/// Below this gossip score a peer's messages are dropped unread, and the
/// node disconnects and bans it.
pub const GRAYLIST_THRESHOLD: f64 = -80.0;
/// Weight of the application-specific score (P5), which carries the penalty
/// for gossip messages over the per-peer rate: each dropped message counts
/// -1, so about 80 dropped messages in a short time graylist a peer.
const RATE_PENALTY_WEIGHT: f64 = 1.0;

#[derive(NetworkBehaviour)]
pub(super) struct Behaviour {
    /// First, so over-limit inbound connections (per address and in total)
    /// are refused before anything else runs.
    pub(super) inbound: inbound_limits::Behaviour,
    /// Outbound connections and connections per peer.
    pub(super) limits: connection_limits::Behaviour,
    /// Banned peers: their connections are closed and new ones refused.
    pub(super) banned: allow_block_list::Behaviour<allow_block_list::BlockedPeers>,
    pub(super) gossipsub: gossipsub::Behaviour,
    pub(super) identify: identify::Behaviour,
    pub(super) ping: ping::Behaviour,
    pub(super) sync: request_response::Behaviour<SyncCodec>,
    pub(super) direct: request_response::Behaviour<DirectCodec>,
    pub(super) kad: kad::Behaviour<kad::store::MemoryStore>,
    pub(super) mdns: Toggle<mdns::tokio::Behaviour>,
    pub(super) autonat: autonat::Behaviour,
    pub(super) relay_client: relay::client::Behaviour,
    pub(super) relay_server: Toggle<relay::Behaviour>,
    pub(super) dcutr: dcutr::Behaviour,
}

/// The Kademlia protocol of a network: never the public IPFS DHT.
pub fn kad_protocol(network: &str) -> String {
    format!("/vetnet/{network}/kad/1")
}

/// The gossipsub configuration of `docs/PROTOCOL.md`.
fn gossipsub_config(timing: &NetworkTiming) -> Result<gossipsub::Config, NetworkError> {
    gossipsub::ConfigBuilder::default()
        .validation_mode(gossipsub::ValidationMode::Anonymous)
        .message_id_fn(|message: &gossipsub::Message| MessageId::from(RecordHash::of(&message.data).0.to_vec()))
        .validate_messages()
        .max_transmit_size(MAX_GOSSIP_MESSAGE_BYTES)
        .mesh_n(6)
        .mesh_n_low(4)
        .mesh_n_high(12)
        .mesh_outbound_min(2)
        .heartbeat_interval(timing.heartbeat)
        .heartbeat_initial_delay(timing.heartbeat)
        .duplicate_cache_time(Duration::from_secs(60))
        .flood_publish(true)
        .build()
        .map_err(|e| NetworkError::Gossip(e.to_string()))
}

/// Peer scoring: a peer sending invalid records loses score fast (P4 is
/// -10 × count², so three or four invalid records take it below the graylist
/// threshold of -80, after which its messages are dropped unread and the
/// event loop bans it); messages over the per-peer rate count -1 each
/// through the application score (P5). On a quiet topic, mesh-delivery
/// penalties would punish honest peers, so they are off. Loopback is exempt
/// from the IP colocation penalty.
fn peer_score(topic: &IdentTopic) -> (gossipsub::PeerScoreParams, gossipsub::PeerScoreThresholds) {
    let mut params = gossipsub::PeerScoreParams {
        app_specific_weight: RATE_PENALTY_WEIGHT,
        ip_colocation_factor_whitelist: HashSet::from([
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ]),
        ..Default::default()
    };
    let topic_params = gossipsub::TopicScoreParams {
        topic_weight: 1.0,
        // Time in the mesh earns at most +36 (0.01 a second for an hour). The
        // default (1 a millisecond) earns thousands within seconds and would
        // let a peer send a score's worth of invalid records unpunished.
        time_in_mesh_weight: 0.01,
        time_in_mesh_quantum: Duration::from_secs(1),
        time_in_mesh_cap: 3_600.0,
        mesh_message_deliveries_weight: 0.0,
        mesh_failure_penalty_weight: 0.0,
        first_message_deliveries_weight: 1.0,
        first_message_deliveries_cap: 100.0,
        invalid_message_deliveries_weight: -10.0,
        invalid_message_deliveries_decay: 0.99,
        ..Default::default()
    };
    params.topics.insert(topic.hash(), topic_params);
    let thresholds = gossipsub::PeerScoreThresholds {
        gossip_threshold: -10.0,
        publish_threshold: -50.0,
        graylist_threshold: GRAYLIST_THRESHOLD,
        accept_px_threshold: 10.0,
        opportunistic_graft_threshold: 20.0,
    };
    (params, thresholds)
}

/// The resolver of `/dns*/` and `/dnsaddr/` addresses: the name servers
/// of the settings (UDP, then TCP, on their ports), or the system's.
fn dns_config(
    nameservers: Option<&[std::net::SocketAddr]>,
) -> Result<(libp2p::dns::ResolverConfig, libp2p::dns::ResolverOpts), NetworkError> {
    use hickory_resolver::config::{NameServerConfig, ResolverConfig, ResolverOpts};
    let Some(nameservers) = nameservers else {
        return hickory_resolver::system_conf::read_system_conf().map_err(|e| NetworkError::SystemDns(e.to_string()));
    };
    let servers = nameservers
        .iter()
        .map(|addr| {
            let mut server = NameServerConfig::udp_and_tcp(addr.ip());
            for connection in &mut server.connections {
                connection.port = addr.port();
            }
            server
        })
        .collect();
    Ok((ResolverConfig::from_name_servers(servers), ResolverOpts::default()))
}

/// Gossipsub's own metrics, for the one topic (no series for topics others
/// make up). OpenMetrics forbids a histogram with negative buckets to carry
/// a sum, and gossipsub always writes one, so the score buckets start at 0:
/// `le="0"` counts the peers at or below zero (those near a ban show in
/// `vetnet_bans_total`).
fn gossip_metrics_config() -> gossipsub::MetricsConfig {
    gossipsub::MetricsConfig {
        max_topics: 1,
        max_never_subscribed_topics: 0,
        score_buckets: vec![0.0, 1.0, 5.0, 10.0, 20.0, 50.0],
    }
}

/// Builds the swarm (TCP + noise + yamux, DNS, the relay transport) with
/// every behaviour, subscribed to the records topic; gossipsub's metrics go
/// into `registry`.
pub(super) fn build_swarm(
    config: &NetworkConfig,
    topic: &IdentTopic,
    registry: &mut prometheus_client::registry::Registry,
) -> Result<Swarm<Behaviour>, NetworkError> {
    let gossip_config = gossipsub_config(&config.timing)?;
    let (score_params, score_thresholds) = peer_score(topic);
    let gossip_metrics = gossip_metrics_config();
    let (dns, dns_options) = dns_config(config.nameservers.as_deref())?;
    let transport_err = |e: &dyn std::fmt::Display| NetworkError::Transport(e.to_string());
    let mut swarm = libp2p::SwarmBuilder::with_existing_identity(config.keypair.clone())
        .with_tokio()
        .with_tcp(tcp::Config::default().nodelay(true), noise::Config::new, yamux::Config::default)
        .map_err(|e| transport_err(&e))?
        .with_dns_config(dns, dns_options)
        .with_relay_client(noise::Config::new, yamux::Config::default)
        .map_err(|e| transport_err(&e))?
        .with_behaviour(|key, relay_client| {
            let mut gossipsub = gossipsub::Behaviour::new(gossipsub::MessageAuthenticity::Anonymous, gossip_config)?
                .with_metrics(registry.sub_registry_with_prefix("libp2p_gossipsub"), gossip_metrics);
            gossipsub.with_peer_score(score_params, score_thresholds)?;
            new_behaviour(key, relay_client, gossipsub, config)
        })
        .map_err(|e| transport_err(&e))?
        .with_swarm_config(|c| c.with_idle_connection_timeout(config.timing.idle_timeout))
        .with_connection_timeout(Duration::from_secs(config.connections.handshake_timeout_secs))
        .build();
    swarm.behaviour_mut().gossipsub.subscribe(topic).map_err(|e| NetworkError::Gossip(e.to_string()))?;
    Ok(swarm)
}

/// Every behaviour but gossipsub (built first, because its errors differ),
/// with the settings of `config`.
fn new_behaviour(
    key: &libp2p::identity::Keypair,
    relay_client: relay::client::Behaviour,
    gossipsub: gossipsub::Behaviour,
    config: &NetworkConfig,
) -> Result<Behaviour, Box<dyn std::error::Error + Send + Sync>> {
    let peer_id = key.public().to_peer_id();
    let network = &config.network;
    let identify = identify::Behaviour::new(
        identify::Config::new("/vetnet/1.0.0".into(), key.public())
            .with_agent_version(format!("vetnet/{}", env!("CARGO_PKG_VERSION")))
            // A relayed address (behind NAT) reaches the peers at once, so
            // that others can find this node through them.
            .with_push_listen_addr_updates(true),
    );
    let sync = request_response::Behaviour::with_codec(
        SyncCodec,
        [(StreamProtocol::new(SYNC_PROTOCOL), ProtocolSupport::Full)],
        request_response::Config::default()
            .with_request_timeout(SYNC_REQUEST_TIMEOUT)
            .with_max_concurrent_streams(SYNC_CONCURRENT_STREAMS),
    );
    let direct = request_response::Behaviour::with_codec(
        DirectCodec,
        [(StreamProtocol::try_from_owned(direct_protocol(network))?, ProtocolSupport::Full)],
        request_response::Config::default()
            .with_request_timeout(DIRECT_REQUEST_TIMEOUT)
            .with_max_concurrent_streams(DIRECT_CONCURRENT_STREAMS),
    );
    let kad_protocol = StreamProtocol::try_from_owned(kad_protocol(network))?;
    // Kademlia finds peers only: records and provider entries peers
    // try to store here are filtered out (and never applied).
    let mut kad_config = kad::Config::new(kad_protocol);
    kad_config.set_record_filtering(kad::StoreInserts::FilterBoth);
    let mut kad = kad::Behaviour::with_config(peer_id, kad::store::MemoryStore::new(peer_id), kad_config);
    kad.set_mode(Some(kad::Mode::Server));
    let mdns = if config.mdns { Some(mdns::tokio::Behaviour::new(mdns::Config::default(), peer_id)?) } else { None };
    let limits = connection_limits::ConnectionLimits::default()
        .with_max_established_outgoing(Some(MAX_ESTABLISHED_OUTGOING))
        .with_max_pending_outgoing(Some(MAX_PENDING_OUTGOING))
        .with_max_established_per_peer(Some(MAX_PER_PEER));
    let known_addrs = config.bootstrap.iter().chain(config.known_peers.iter().flat_map(|(_, addrs)| addrs));
    Ok(Behaviour {
        inbound: inbound_limits::Behaviour::new(config.connections.clone(), known_addrs),
        limits: connection_limits::Behaviour::new(limits),
        banned: allow_block_list::Behaviour::default(),
        gossipsub,
        identify,
        ping: ping::Behaviour::new(ping::Config::new()),
        sync,
        direct,
        kad,
        mdns: mdns.into(),
        autonat: autonat::Behaviour::new(peer_id, autonat::Config::default()),
        relay_client,
        relay_server: config.relay_server.then(|| relay::Behaviour::new(peer_id, relay::Config::default())).into(),
        dcutr: dcutr::Behaviour::new(peer_id),
    })
}

/// Starts listening on every address of `listen` and waits until each
/// listener has an address (port 0 resolves here); returns them.
pub(super) async fn listen(swarm: &mut Swarm<Behaviour>, listen: &[Multiaddr]) -> Result<Vec<Multiaddr>, NetworkError> {
    let mut pending = HashMap::new();
    for addr in listen {
        let id = swarm
            .listen_on(addr.clone())
            .map_err(|e| NetworkError::Listen { addr: addr.clone(), reason: e.to_string() })?;
        pending.insert(id, addr.clone());
    }
    let mut listen_addrs = Vec::new();
    let deadline = tokio::time::sleep(LISTEN_TIMEOUT);
    tokio::pin!(deadline);
    while !pending.is_empty() {
        tokio::select! {
            event = swarm.select_next_some() => match event {
                SwarmEvent::NewListenAddr { listener_id, address } => {
                    pending.remove(&listener_id);
                    listen_addrs.push(address);
                }
                SwarmEvent::ListenerClosed { listener_id, reason, .. } => {
                    if let Some(addr) = pending.remove(&listener_id) {
                        let reason = reason.err().map_or("closed".to_owned(), |e| e.to_string());
                        return Err(NetworkError::Listen { addr, reason });
                    }
                }
                SwarmEvent::ListenerError { listener_id, error } => {
                    if let Some(addr) = pending.remove(&listener_id) {
                        return Err(NetworkError::Listen { addr, reason: error.to_string() });
                    }
                }
                _ => {}
            },
            () = &mut deadline => {
                let addr = pending.into_values().next().unwrap_or_else(Multiaddr::empty);
                return Err(NetworkError::Listen { addr, reason: "no address after 10 s".into() });
            }
        }
    }

    Ok(listen_addrs)
}
