//! The libp2p side of the node. The only module that touches the `Swarm`.
//!
//! [`start`] builds the swarm (TCP + noise + yamux; gossipsub, identify,
//! ping), starts listening and returns three things: a cloneable
//! [`NetworkClient`] that sends typed commands with oneshot replies, a
//! receiver of [`NetworkEvent`]s, and the [`EventLoop`] to spawn. Every
//! channel is bounded.
//!
//! Gossip settings are those of `docs/PROTOCOL.md` ("Gossip"): records carry
//! their own signatures, so gossipsub messages are anonymous and the message
//! id is the SHA-256 of the data (the record hash). Validation is manual: a
//! message is forwarded only after the node reports it accepted.
//!
//! Abuse limits enforced here (`SECURITY.md` lists them all): connection
//! limits; a token bucket of gossip messages per peer
//! ([`PeerMessageLimit`]), checked before a message reaches the ingest queue;
//! gossipsub peer scoring; and bans: a peer whose score falls below the
//! graylist threshold is disconnected and refused for `limits.peer_ban_minutes`.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::{Duration, Instant};

use futures::StreamExt;
use libp2p::core::ConnectedPoint;
use libp2p::gossipsub::{self, IdentTopic, MessageAcceptance, MessageId, PublishError};
use libp2p::multiaddr::Protocol;
use libp2p::request_response::{self, OutboundRequestId, ProtocolSupport};
use libp2p::swarm::behaviour::toggle::Toggle;
use libp2p::swarm::dial_opts::DialOpts;
use libp2p::swarm::{ConnectionId, NetworkBehaviour, SwarmEvent};
use libp2p::{
    Multiaddr, PeerId, StreamProtocol, Swarm, allow_block_list, autonat, connection_limits, dcutr, identify, identity,
    kad, mdns, noise, ping, relay, tcp, yamux,
};
use tokio::sync::{mpsc, oneshot, watch};
use vetnet_protocol::limits::MAX_GOSSIP_MESSAGE_BYTES;
use vetnet_protocol::mobility::direct_protocol;
use vetnet_protocol::sync::{SYNC_PROTOCOL, SyncRequest, SyncResponse};
use vetnet_protocol::{RecordHash, records_topic};

use crate::direct_codec::DirectCodec;
use crate::rate_limit::{PeerMessageLimit, RateLimits};
use crate::sync_codec::SyncCodec;

/// Where a sync response to a peer goes.
pub type SyncChannel = request_response::ResponseChannel<SyncResponse>;
/// Where the receipt for a direct message goes.
pub type DirectChannel = request_response::ResponseChannel<Vec<u8>>;

/// Commands waiting for the event loop.
const COMMAND_QUEUE: usize = 256;
/// Gossip messages waiting for validation; when full, new ones are ignored
/// (not forwarded, no penalty) rather than buffered without bound.
const EVENT_QUEUE: usize = 1_024;
/// How long a peer has to answer one sync request.
const SYNC_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Sync requests in flight per connection, each way.
const SYNC_CONCURRENT_STREAMS: usize = 8;
/// How long a direct message (a mobility step) may take to be answered.
const DIRECT_REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// Direct messages in flight per connection.
const DIRECT_CONCURRENT_STREAMS: usize = 4;
/// The direct-message penalty that bans a peer: ten malformed or forged
/// steps, or about fifty over the rate (each halves within a minute).
const DIRECT_BAN_PENALTY: f64 = 50.0;
/// What one malformed or forged direct message adds to the penalty.
const DIRECT_GARBAGE_PENALTY: f64 = 5.0;
/// How long `start` waits for the listeners to come up.
const LISTEN_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    #[error("cannot set up the libp2p transport: {0}")]
    Transport(String),
    #[error("cannot listen on {addr}: {reason}")]
    Listen { addr: Multiaddr, reason: String },
    #[error("invalid gossip settings: {0}")]
    Gossip(String),
    #[error("cannot dial {addr}: {reason}")]
    Dial { addr: Multiaddr, reason: String },
    #[error("the gossip layer refused the record: {0}")]
    Publish(String),
    #[error("the network task has stopped")]
    Stopped,
    #[error("the peer does not support the sync protocol")]
    UnsupportedProtocol,
    #[error("sync request failed: {0}")]
    Sync(String),
    #[error("the other node could not be reached: {0}")]
    Direct(String),
}

/// Timings that tests shorten; production uses [`NetworkTiming::default`].
#[derive(Debug, Clone, Copy)]
pub struct NetworkTiming {
    /// Gossipsub heartbeat (mesh maintenance and gossip).
    pub heartbeat: Duration,
    /// Close connections idle for this long.
    pub idle_timeout: Duration,
    /// First and longest wait before re-dialling a lost bootstrap peer.
    pub redial_min: Duration,
    pub redial_max: Duration,
    /// Catch-up sync with a random connected peer this often.
    pub sync_interval: Duration,
    /// A Kademlia random walk this often, to find more peers.
    pub discovery_interval: Duration,
    /// First and longest wait before a direct message (a mobility step) the
    /// other node did not take is sent again; a new connection retries at once.
    pub outbox_retry_min: Duration,
    pub outbox_retry_max: Duration,
}

impl Default for NetworkTiming {
    fn default() -> Self {
        Self {
            heartbeat: Duration::from_secs(1),
            idle_timeout: Duration::from_secs(60),
            redial_min: Duration::from_secs(1),
            redial_max: Duration::from_secs(120),
            sync_interval: Duration::from_secs(300),
            discovery_interval: Duration::from_secs(60),
            outbox_retry_min: Duration::from_secs(5),
            outbox_retry_max: Duration::from_secs(600),
        }
    }
}

impl NetworkTiming {
    /// Short heartbeats and redials for tests on loopback.
    pub fn fast() -> Self {
        Self {
            heartbeat: Duration::from_millis(100),
            idle_timeout: Duration::from_secs(30),
            redial_min: Duration::from_millis(100),
            redial_max: Duration::from_secs(2),
            sync_interval: Duration::from_secs(1),
            discovery_interval: Duration::from_millis(500),
            outbox_retry_min: Duration::from_millis(200),
            outbox_retry_max: Duration::from_secs(2),
        }
    }
}

pub struct NetworkConfig {
    pub keypair: identity::Keypair,
    /// Network name; selects the gossip topic.
    pub network: String,
    pub listen: Vec<Multiaddr>,
    pub bootstrap: Vec<Multiaddr>,
    /// Addresses others can reach this node on, announced as confirmed.
    pub external: Vec<Multiaddr>,
    /// Peers met before (the persisted address book), to reconnect after a restart.
    pub known_peers: Vec<(PeerId, Vec<Multiaddr>)>,
    /// Find nodes on the local network with mDNS.
    pub mdns: bool,
    /// Offer circuit relay v2 to nodes that cannot be dialled directly.
    pub relay_server: bool,
    /// Below this many connected peers, the node dials peers it discovers.
    pub target_peers: usize,
    /// The per-peer gossip rate and the ban duration.
    pub limits: RateLimits,
    pub timing: NetworkTiming,
}

/// What the network reports to the rest of the node.
#[derive(Debug)]
pub enum NetworkEvent {
    /// A gossip message to validate. Exactly one
    /// [`NetworkClient::report_validation`] must follow, within a few seconds.
    Record { message_id: MessageId, source: PeerId, bytes: Vec<u8> },
    /// A peer joined the records topic: own records still in the outbox can
    /// now reach it.
    PeerSubscribed { peer: PeerId },
    /// A first connection to a peer opened: time to sync with it.
    PeerConnected { peer: PeerId },
    /// Addresses a peer listens on (from identify), for the address book.
    PeerAddresses { peer: PeerId, addrs: Vec<Multiaddr> },
    /// A peer asks for sync; answer with [`NetworkClient::respond_sync`].
    SyncRequest { peer: PeerId, request: SyncRequest, channel: SyncChannel },
    /// A peer's gossip score fell below the graylist threshold (invalid
    /// records, or messages over its rate): it was disconnected and is
    /// refused until the ban ends.
    PeerBanned { peer: PeerId, score: f64, ban: Duration },
    /// A peer sent a direct message (a mobility step); answer with
    /// [`NetworkClient::respond_direct`].
    DirectMessage { peer: PeerId, bytes: Vec<u8>, channel: DirectChannel },
}

/// The gossip verdict on a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Valid and new: stored, and forwarded to the mesh.
    Accept,
    /// Not forwarded, no penalty (stale, duplicate, clock skew, overload).
    Ignore,
    /// Invalid: not forwarded, and the sending peer is penalised.
    Reject,
}

/// What became of a record handed to [`NetworkClient::publish`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishOutcome {
    /// Sent to at least one peer.
    Sent,
    /// The same bytes were sent moments ago.
    AlreadySent,
    /// No peer is on the topic yet; try again when one subscribes.
    NoPeers,
}

/// A connected peer, as `vetnet peers` shows it.
#[derive(Debug, Clone)]
pub struct PeerInfo {
    pub peer_id: PeerId,
    /// Addresses of the open connections.
    pub addrs: Vec<Multiaddr>,
    /// The peer's software, from identify.
    pub agent: Option<String>,
    /// Its gossipsub score as this node sees it (negative after invalid records).
    pub score: Option<f64>,
    /// Whether it is subscribed to the records topic.
    pub on_topic: bool,
    pub connected_secs: u64,
}

/// A summary of the network side.
#[derive(Debug, Clone)]
pub struct NetworkStatus {
    pub peer_id: PeerId,
    /// Listen addresses with the `/p2p/` suffix, ready to give to others.
    pub listen_addrs: Vec<Multiaddr>,
    pub connected_peers: usize,
    pub topic_peers: usize,
    pub mesh_peers: usize,
    /// What AutoNAT found: `public`, `private` (behind NAT) or `unknown`.
    pub reachability: String,
    /// Addresses others confirmed they can dial.
    pub external_addrs: Vec<Multiaddr>,
    /// Peers in the Kademlia routing table.
    pub routing_table_peers: usize,
    /// Whether this node offers circuit relay to others.
    pub relay_server: bool,
    /// The relayed address this node listens on, when behind NAT.
    pub relayed_addrs: Vec<Multiaddr>,
    /// Peers banned now (disconnected and refused until their ban ends).
    pub banned_peers: usize,
}

/// A peer refused for misbehaving, as [`NetworkClient::banned_peers`] shows it.
#[derive(Debug, Clone)]
pub struct BannedPeer {
    pub peer_id: PeerId,
    /// Time left until the peer may connect again.
    pub remaining: Duration,
}

enum Command {
    Publish {
        bytes: Vec<u8>,
        reply: oneshot::Sender<Result<PublishOutcome, NetworkError>>,
    },
    ReportValidation {
        message_id: MessageId,
        source: PeerId,
        verdict: Verdict,
    },
    Dial {
        addr: Multiaddr,
        reply: oneshot::Sender<Result<(), NetworkError>>,
    },
    Status {
        reply: oneshot::Sender<NetworkStatus>,
    },
    Peers {
        reply: oneshot::Sender<Vec<PeerInfo>>,
    },
    BannedPeers {
        reply: oneshot::Sender<Vec<BannedPeer>>,
    },
    Sync {
        peer: PeerId,
        request: SyncRequest,
        reply: oneshot::Sender<Result<SyncResponse, NetworkError>>,
    },
    RespondSync {
        channel: SyncChannel,
        response: SyncResponse,
    },
    SendDirect {
        peer: PeerId,
        addrs: Vec<Multiaddr>,
        bytes: Vec<u8>,
        reply: oneshot::Sender<Result<Vec<u8>, NetworkError>>,
    },
    RespondDirect {
        channel: DirectChannel,
        bytes: Vec<u8>,
    },
    PunishDirect {
        peer: PeerId,
    },
    Disconnect {
        peer: PeerId,
    },
    ListenOn {
        addr: Multiaddr,
        reply: oneshot::Sender<Result<(), NetworkError>>,
    },
}

/// A handle for the rest of the node. Cheap to clone.
#[derive(Clone)]
pub struct NetworkClient {
    commands: mpsc::Sender<Command>,
}

impl NetworkClient {
    async fn ask<T>(&self, make: impl FnOnce(oneshot::Sender<T>) -> Command) -> Result<T, NetworkError> {
        let (reply, answer) = oneshot::channel();
        self.commands.send(make(reply)).await.map_err(|_| NetworkError::Stopped)?;
        answer.await.map_err(|_| NetworkError::Stopped)
    }

    /// Gossips record bytes. The caller has validated and stored them.
    pub async fn publish(&self, bytes: Vec<u8>) -> Result<PublishOutcome, NetworkError> {
        self.ask(|reply| Command::Publish { bytes, reply }).await?
    }

    /// Tells gossipsub whether to forward a message (and whether to penalise
    /// its sender).
    pub async fn report_validation(
        &self,
        message_id: MessageId,
        source: PeerId,
        verdict: Verdict,
    ) -> Result<(), NetworkError> {
        self.commands
            .send(Command::ReportValidation { message_id, source, verdict })
            .await
            .map_err(|_| NetworkError::Stopped)
    }

    pub async fn dial(&self, addr: Multiaddr) -> Result<(), NetworkError> {
        self.ask(|reply| Command::Dial { addr, reply }).await?
    }

    pub async fn status(&self) -> Result<NetworkStatus, NetworkError> {
        self.ask(|reply| Command::Status { reply }).await
    }

    pub async fn peers(&self) -> Result<Vec<PeerInfo>, NetworkError> {
        self.ask(|reply| Command::Peers { reply }).await
    }

    /// Peers banned now, with the time left on each ban.
    pub async fn banned_peers(&self) -> Result<Vec<BannedPeer>, NetworkError> {
        self.ask(|reply| Command::BannedPeers { reply }).await
    }

    /// Sends one sync request to `peer` and waits for its response.
    pub async fn sync_request(&self, peer: PeerId, request: SyncRequest) -> Result<SyncResponse, NetworkError> {
        self.ask(|reply| Command::Sync { peer, request, reply }).await?
    }

    pub async fn respond_sync(&self, channel: SyncChannel, response: SyncResponse) -> Result<(), NetworkError> {
        self.commands.send(Command::RespondSync { channel, response }).await.map_err(|_| NetworkError::Stopped)
    }

    /// Sends a direct message to `peer` (dialling it at `addrs` when not
    /// connected) and waits for its answer.
    pub async fn send_direct(
        &self,
        peer: PeerId,
        addrs: Vec<Multiaddr>,
        bytes: Vec<u8>,
    ) -> Result<Vec<u8>, NetworkError> {
        self.ask(|reply| Command::SendDirect { peer, addrs, bytes, reply }).await?
    }

    pub async fn respond_direct(&self, channel: DirectChannel, bytes: Vec<u8>) -> Result<(), NetworkError> {
        self.commands.send(Command::RespondDirect { channel, bytes }).await.map_err(|_| NetworkError::Stopped)
    }

    /// `peer` sent a direct message no honest node sends (not a step, or a
    /// forged signature): it counts towards a ban.
    pub async fn punish_direct(&self, peer: PeerId) -> Result<(), NetworkError> {
        self.commands.send(Command::PunishDirect { peer }).await.map_err(|_| NetworkError::Stopped)
    }

    /// Listens on one more address (for example a relayed `/p2p-circuit` one).
    pub async fn listen_on(&self, addr: Multiaddr) -> Result<(), NetworkError> {
        self.ask(|reply| Command::ListenOn { addr, reply }).await?
    }

    /// Closes every connection to `peer` (a peer that sent garbage).
    pub async fn disconnect(&self, peer: PeerId) -> Result<(), NetworkError> {
        self.commands.send(Command::Disconnect { peer }).await.map_err(|_| NetworkError::Stopped)
    }
}

#[derive(NetworkBehaviour)]
struct Behaviour {
    /// First, so over-limit connections are refused before anything else runs.
    limits: connection_limits::Behaviour,
    /// Banned peers: their connections are closed and new ones refused.
    banned: allow_block_list::Behaviour<allow_block_list::BlockedPeers>,
    gossipsub: gossipsub::Behaviour,
    identify: identify::Behaviour,
    ping: ping::Behaviour,
    sync: request_response::Behaviour<SyncCodec>,
    direct: request_response::Behaviour<DirectCodec>,
    kad: kad::Behaviour<kad::store::MemoryStore>,
    mdns: Toggle<mdns::tokio::Behaviour>,
    autonat: autonat::Behaviour,
    relay_client: relay::client::Behaviour,
    relay_server: Toggle<relay::Behaviour>,
    dcutr: dcutr::Behaviour,
}

/// Connection limits: enough for a well-connected node, bounded against floods.
const MAX_ESTABLISHED_INCOMING: u32 = 96;
const MAX_ESTABLISHED_OUTGOING: u32 = 48;
const MAX_PENDING: u32 = 32;
const MAX_PER_PEER: u32 = 2;
/// Addresses kept per peer from identify.
const MAX_ADDRS_PER_PEER: usize = 8;
/// The protocol a circuit relay v2 server speaks.
const RELAY_HOP_PROTOCOL: &str = "/libp2p/circuit/relay/0.2.0/hop";
/// Peers from the address book dialled at start, to rejoin after a restart.
const REJOIN_PEERS: usize = 8;
/// Bans kept at once; when full, the ban closest to its end is lifted early.
const MAX_BANNED_PEERS: usize = 1_024;
/// Below this gossip score a peer's messages are dropped unread, and the
/// node disconnects and bans it.
pub const GRAYLIST_THRESHOLD: f64 = -80.0;
/// Weight of the application-specific score (P5), which carries the penalty
/// for gossip messages over the per-peer rate: each dropped message counts
/// -1, so about 80 dropped messages in a short time graylist a peer.
const RATE_PENALTY_WEIGHT: f64 = 1.0;

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

/// Builds the swarm, starts listening on every address in `config.listen`,
/// and waits until each listener has an address (port 0 resolves here).
pub async fn start(
    config: NetworkConfig,
) -> Result<(NetworkClient, mpsc::Receiver<NetworkEvent>, EventLoop), NetworkError> {
    let topic = IdentTopic::new(records_topic(&config.network));
    let network = config.network.clone();
    let (mdns_enabled, relay_server) = (config.mdns, config.relay_server);
    let gossip_config = gossipsub_config(&config.timing)?;
    let (score_params, score_thresholds) = peer_score(&topic);
    let transport_err = |e: &dyn std::fmt::Display| NetworkError::Transport(e.to_string());
    let mut swarm = libp2p::SwarmBuilder::with_existing_identity(config.keypair)
        .with_tokio()
        .with_tcp(tcp::Config::default().nodelay(true), noise::Config::new, yamux::Config::default)
        .map_err(|e| transport_err(&e))?
        .with_dns()
        .map_err(|e| transport_err(&e))?
        .with_relay_client(noise::Config::new, yamux::Config::default)
        .map_err(|e| transport_err(&e))?
        .with_behaviour(|key, relay_client| {
            let peer_id = key.public().to_peer_id();
            let mut gossipsub = gossipsub::Behaviour::new(gossipsub::MessageAuthenticity::Anonymous, gossip_config)?;
            gossipsub.with_peer_score(score_params, score_thresholds)?;
            let identify = identify::Behaviour::new(
                identify::Config::new("/vetnet/1.0.0".into(), key.public())
                    .with_agent_version(format!("vetnet/{}", env!("CARGO_PKG_VERSION"))),
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
                [(StreamProtocol::try_from_owned(direct_protocol(&network))?, ProtocolSupport::Full)],
                request_response::Config::default()
                    .with_request_timeout(DIRECT_REQUEST_TIMEOUT)
                    .with_max_concurrent_streams(DIRECT_CONCURRENT_STREAMS),
            );
            let kad_protocol = StreamProtocol::try_from_owned(kad_protocol(&network))?;
            // Kademlia finds peers only: records and provider entries peers
            // try to store here are filtered out (and never applied).
            let mut kad_config = kad::Config::new(kad_protocol);
            kad_config.set_record_filtering(kad::StoreInserts::FilterBoth);
            let mut kad = kad::Behaviour::with_config(peer_id, kad::store::MemoryStore::new(peer_id), kad_config);
            kad.set_mode(Some(kad::Mode::Server));
            let mdns =
                if mdns_enabled { Some(mdns::tokio::Behaviour::new(mdns::Config::default(), peer_id)?) } else { None };
            let limits = connection_limits::ConnectionLimits::default()
                .with_max_established_incoming(Some(MAX_ESTABLISHED_INCOMING))
                .with_max_established_outgoing(Some(MAX_ESTABLISHED_OUTGOING))
                .with_max_pending_incoming(Some(MAX_PENDING))
                .with_max_pending_outgoing(Some(MAX_PENDING))
                .with_max_established_per_peer(Some(MAX_PER_PEER));
            Ok(Behaviour {
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
                relay_server: relay_server.then(|| relay::Behaviour::new(peer_id, relay::Config::default())).into(),
                dcutr: dcutr::Behaviour::new(peer_id),
            })
        })
        .map_err(|e| transport_err(&e))?
        .with_swarm_config(|c| c.with_idle_connection_timeout(config.timing.idle_timeout))
        .build();
    swarm.behaviour_mut().gossipsub.subscribe(&topic).map_err(|e| NetworkError::Gossip(e.to_string()))?;
    for addr in &config.bootstrap {
        if let Some(peer) = peer_id_of(addr) {
            swarm.behaviour_mut().kad.add_address(&peer, addr.clone());
        }
    }
    for (peer, addrs) in &config.known_peers {
        for addr in addrs {
            swarm.behaviour_mut().kad.add_address(peer, addr.clone());
        }
    }

    let mut pending = HashMap::new();
    for addr in &config.listen {
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

    // A relay server serves only once it has confirmed external addresses: a
    // node run as one is declared reachable on its concrete listen addresses.
    if relay_server {
        for addr in listen_addrs.iter().filter(|a| !is_unspecified(a)) {
            swarm.add_external_address(addr.clone());
        }
    }
    for addr in &config.external {
        swarm.add_external_address(addr.clone());
    }

    let (command_tx, command_rx) = mpsc::channel(COMMAND_QUEUE);
    let (event_tx, event_rx) = mpsc::channel(EVENT_QUEUE);
    let now = Instant::now();
    let event_loop = EventLoop {
        swarm,
        commands: command_rx,
        events: event_tx,
        topic,
        kad_protocol: kad_protocol(&network),
        listen_addrs,
        peers: HashMap::new(),
        bootstrap: config
            .bootstrap
            .into_iter()
            .map(|addr| BootstrapPeer {
                peer: peer_id_of(&addr),
                addr,
                connected: false,
                connected_at: None,
                failures: 0,
                next_dial: now,
            })
            .collect(),
        dialing: HashMap::new(),
        pending_sync: HashMap::new(),
        pending_direct: HashMap::new(),
        known_peers: config.known_peers,
        reachability: autonat::NatStatus::Unknown,
        relay_hops: HashSet::new(),
        relay_listener: None,
        relay_server,
        target_peers: config.target_peers,
        message_limit: PeerMessageLimit::new(&config.limits),
        direct_limit: PeerMessageLimit::direct(&config.limits),
        peer_ban: config.limits.peer_ban(),
        banned: HashMap::new(),
        timing: config.timing,
    };
    Ok((NetworkClient { commands: command_tx }, event_rx, event_loop))
}

fn is_unspecified(addr: &Multiaddr) -> bool {
    addr.iter().any(|p| match p {
        Protocol::Ip4(ip) => ip.is_unspecified(),
        Protocol::Ip6(ip) => ip.is_unspecified(),
        _ => false,
    })
}

/// The `/p2p/` peer id at the end of an address, if any.
fn peer_id_of(addr: &Multiaddr) -> Option<PeerId> {
    addr.iter().find_map(|p| if let Protocol::P2p(peer) = p { Some(peer) } else { None })
}

/// A bootstrap address the node keeps connected to, re-dialling with
/// exponential backoff when the connection drops or a dial fails.
struct BootstrapPeer {
    addr: Multiaddr,
    peer: Option<PeerId>,
    connected: bool,
    /// When the current connection opened.
    connected_at: Option<Instant>,
    /// Failed dials and short-lived connections in a row.
    failures: u32,
    next_dial: Instant,
}

/// A connection that stays up this long resets a bootstrap peer's backoff.
const STABLE_CONNECTION: Duration = Duration::from_secs(30);

/// Exponential backoff after `failures` failures in a row: redial_min × 2^n,
/// at most redial_max.
fn backoff(timing: &NetworkTiming, failures: u32) -> Duration {
    timing.redial_min.saturating_mul(1 << failures.min(16)).min(timing.redial_max)
}

struct ConnectedPeer {
    addrs: Vec<Multiaddr>,
    agent: Option<String>,
    since: Instant,
}

/// Owns the swarm; run it with [`EventLoop::run`] in its own task.
pub struct EventLoop {
    swarm: Swarm<Behaviour>,
    commands: mpsc::Receiver<Command>,
    events: mpsc::Sender<NetworkEvent>,
    topic: IdentTopic,
    /// `/vetnet/<net>/kad/1`: peers that speak it go into the routing table.
    kad_protocol: String,
    listen_addrs: Vec<Multiaddr>,
    peers: HashMap<PeerId, ConnectedPeer>,
    bootstrap: Vec<BootstrapPeer>,
    /// Dials in flight to bootstrap peers: connection id → index in `bootstrap`.
    dialing: HashMap<ConnectionId, usize>,
    /// Sync requests sent, waiting for their response.
    pending_sync: HashMap<OutboundRequestId, oneshot::Sender<Result<SyncResponse, NetworkError>>>,
    /// Direct messages sent, waiting for their receipt.
    pending_direct: HashMap<OutboundRequestId, oneshot::Sender<Result<Vec<u8>, NetworkError>>>,
    /// The address book at start: dialled once, to rejoin after a restart.
    known_peers: Vec<(PeerId, Vec<Multiaddr>)>,
    reachability: autonat::NatStatus,
    /// Connected peers that offer circuit relay (identify lists the hop protocol).
    relay_hops: HashSet<PeerId>,
    /// The relayed listener, once behind NAT and a relay is known.
    relay_listener: Option<(libp2p::core::transport::ListenerId, Multiaddr)>,
    relay_server: bool,
    target_peers: usize,
    /// Gossip messages per peer (token buckets, bounded).
    message_limit: PeerMessageLimit,
    /// Direct messages per peer (token buckets, bounded); garbage adds to
    /// the penalty, and a peer over [`DIRECT_BAN_PENALTY`] is banned.
    direct_limit: PeerMessageLimit,
    peer_ban: Duration,
    /// Banned peers and when their bans end (at most [`MAX_BANNED_PEERS`]).
    banned: HashMap<PeerId, Instant>,
    timing: NetworkTiming,
}

impl EventLoop {
    pub fn local_peer_id(&self) -> PeerId {
        *self.swarm.local_peer_id()
    }

    /// Listen addresses with `/p2p/<own peer id>`.
    pub fn listen_addrs(&self) -> Vec<Multiaddr> {
        let me = self.local_peer_id();
        self.listen_addrs.iter().map(|a| a.clone().with(Protocol::P2p(me))).collect()
    }

    /// Runs until `shutdown` changes or every client is dropped.
    pub async fn run(mut self, mut shutdown: watch::Receiver<bool>) {
        let mut redial = tokio::time::interval(self.timing.redial_min.min(Duration::from_secs(1)));
        redial.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut discovery = tokio::time::interval(self.timing.discovery_interval);
        discovery.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // Scores change at gossipsub's heartbeat; checking as often bans a
        // graylisted peer within about one heartbeat.
        let mut scores = tokio::time::interval(self.timing.heartbeat);
        scores.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        for (peer, addrs) in std::mem::take(&mut self.known_peers).into_iter().take(REJOIN_PEERS) {
            let _ = self.swarm.dial(DialOpts::peer_id(peer).addresses(addrs).build());
        }
        loop {
            tokio::select! {
                _ = discovery.tick() => self.random_walk(),
                event = self.swarm.select_next_some() => self.on_swarm_event(event),
                command = self.commands.recv() => match command {
                    Some(command) => self.on_command(command),
                    None => break,
                },
                _ = redial.tick() => self.dial_due_bootstrap_peers(),
                _ = scores.tick() => self.enforce_peer_scores(),
                _ = shutdown.changed() => break,
            }
        }
        tracing::debug!("network event loop stopped");
    }

    fn on_command(&mut self, command: Command) {
        match command {
            Command::Publish { bytes, reply } => {
                let outcome = match self.swarm.behaviour_mut().gossipsub.publish(self.topic.clone(), bytes) {
                    Ok(_) => Ok(PublishOutcome::Sent),
                    Err(PublishError::Duplicate) => Ok(PublishOutcome::AlreadySent),
                    Err(PublishError::NoPeersSubscribedToTopic | PublishError::AllQueuesFull(_)) => {
                        Ok(PublishOutcome::NoPeers)
                    }
                    Err(e) => Err(NetworkError::Publish(e.to_string())),
                };
                let _ = reply.send(outcome);
            }
            Command::ReportValidation { message_id, source, verdict } => {
                let acceptance = match verdict {
                    Verdict::Accept => MessageAcceptance::Accept,
                    Verdict::Ignore => MessageAcceptance::Ignore,
                    Verdict::Reject => MessageAcceptance::Reject,
                };
                let gossipsub = &mut self.swarm.behaviour_mut().gossipsub;
                if !gossipsub.report_message_validation_result(&message_id, &source, acceptance) {
                    tracing::debug!(%message_id, "validated too late; the message left the cache");
                }
                if verdict == Verdict::Reject {
                    self.ban_if_graylisted(source);
                }
            }
            Command::Dial { addr, reply } => {
                let result =
                    self.swarm.dial(addr.clone()).map_err(|e| NetworkError::Dial { addr, reason: e.to_string() });
                let _ = reply.send(result);
            }
            Command::Status { reply } => {
                let topic = self.topic.hash();
                let topic_peers =
                    self.swarm.behaviour().gossipsub.all_peers().filter(|(_, topics)| topics.contains(&&topic)).count();
                let mesh_peers = self.swarm.behaviour().gossipsub.mesh_peers(&topic).count();
                let status = NetworkStatus {
                    peer_id: self.local_peer_id(),
                    listen_addrs: self.listen_addrs(),
                    connected_peers: self.peers.len(),
                    topic_peers,
                    mesh_peers,
                    reachability: match &self.reachability {
                        autonat::NatStatus::Public(_) => "public",
                        autonat::NatStatus::Private => "private",
                        autonat::NatStatus::Unknown => "unknown",
                    }
                    .to_owned(),
                    external_addrs: self.swarm.external_addresses().cloned().collect(),
                    routing_table_peers: self
                        .swarm
                        .behaviour_mut()
                        .kad
                        .kbuckets()
                        .map(|bucket| bucket.num_entries())
                        .sum(),
                    relay_server: self.relay_server,
                    relayed_addrs: self.relay_listener.iter().map(|(_, addr)| addr.clone()).collect(),
                    banned_peers: self.banned.len(),
                };
                let _ = reply.send(status);
            }
            Command::Peers { reply } => {
                let gossipsub = &self.swarm.behaviour().gossipsub;
                let topic = self.topic.hash();
                let on_topic: HashSet<PeerId> = gossipsub
                    .all_peers()
                    .filter(|(_, topics)| topics.contains(&&topic))
                    .map(|(peer, _)| *peer)
                    .collect();
                let mut peers: Vec<PeerInfo> = self
                    .peers
                    .iter()
                    .map(|(peer_id, peer)| PeerInfo {
                        peer_id: *peer_id,
                        addrs: peer.addrs.clone(),
                        agent: peer.agent.clone(),
                        score: gossipsub.peer_score(peer_id),
                        on_topic: on_topic.contains(peer_id),
                        connected_secs: peer.since.elapsed().as_secs(),
                    })
                    .collect();
                peers.sort_by_key(|p| p.peer_id.to_string());
                let _ = reply.send(peers);
            }
            Command::BannedPeers { reply } => {
                let now = Instant::now();
                let mut banned: Vec<BannedPeer> = self
                    .banned
                    .iter()
                    .map(|(peer_id, until)| BannedPeer {
                        peer_id: *peer_id,
                        remaining: until.saturating_duration_since(now),
                    })
                    .collect();
                banned.sort_by_key(|b| b.peer_id.to_string());
                let _ = reply.send(banned);
            }
            Command::Sync { peer, request, reply } => {
                let id = self.swarm.behaviour_mut().sync.send_request(&peer, request);
                self.pending_sync.insert(id, reply);
            }
            Command::RespondSync { channel, response } => {
                if self.swarm.behaviour_mut().sync.send_response(channel, response).is_err() {
                    tracing::debug!("a sync response could not be sent; the peer went away");
                }
            }
            Command::SendDirect { peer, addrs, bytes, reply } => {
                for addr in addrs {
                    self.swarm.add_peer_address(peer, addr);
                }
                let id = self.swarm.behaviour_mut().direct.send_request(&peer, bytes);
                self.pending_direct.insert(id, reply);
            }
            Command::RespondDirect { channel, bytes } => {
                if self.swarm.behaviour_mut().direct.send_response(channel, bytes).is_err() {
                    tracing::debug!("a receipt could not be sent; the peer went away");
                }
            }
            Command::PunishDirect { peer } => {
                let penalty = self.direct_limit.punish(peer, DIRECT_GARBAGE_PENALTY, Instant::now());
                tracing::info!(%peer, penalty, "peer sent a malformed or forged direct message");
                if penalty >= DIRECT_BAN_PENALTY {
                    self.ban(peer, -penalty);
                }
            }
            Command::Disconnect { peer } => {
                let _ = self.swarm.disconnect_peer_id(peer);
            }
            Command::ListenOn { addr, reply } => {
                let result = self
                    .swarm
                    .listen_on(addr.clone())
                    .map(|_| ())
                    .map_err(|e| NetworkError::Listen { addr, reason: e.to_string() });
                let _ = reply.send(result);
            }
        }
    }

    fn on_sync_event(&mut self, event: request_response::Event<SyncRequest, SyncResponse>) {
        match event {
            request_response::Event::Message { peer, message, .. } => match message {
                request_response::Message::Request { request, channel, .. } => {
                    let event = NetworkEvent::SyncRequest { peer, request, channel };
                    if self.events.try_send(event).is_err() {
                        // Dropping the channel tells the peer the request failed; it retries later.
                        tracing::warn!(%peer, "node busy; a sync request was dropped");
                    }
                }
                request_response::Message::Response { request_id, response } => {
                    if let Some(reply) = self.pending_sync.remove(&request_id) {
                        let _ = reply.send(Ok(response));
                    }
                }
            },
            request_response::Event::OutboundFailure { request_id, error, peer, .. } => {
                if let Some(reply) = self.pending_sync.remove(&request_id) {
                    let error = match error {
                        request_response::OutboundFailure::UnsupportedProtocols => NetworkError::UnsupportedProtocol,
                        other => NetworkError::Sync(other.to_string()),
                    };
                    let _ = reply.send(Err(error));
                }
                tracing::debug!(%peer, "sync request failed");
            }
            request_response::Event::InboundFailure { peer, error, .. } => {
                // Undecodable or oversized requests are garbage: drop the peer.
                if let request_response::InboundFailure::Io(e) = &error
                    && e.kind() == std::io::ErrorKind::InvalidData
                {
                    tracing::warn!(%peer, error = %e, "peer sent an invalid sync request; disconnecting");
                    let _ = self.swarm.disconnect_peer_id(peer);
                } else {
                    tracing::debug!(%peer, %error, "inbound sync request failed");
                }
            }
            request_response::Event::ResponseSent { .. } => {}
        }
    }

    fn on_direct_event(&mut self, event: request_response::Event<Vec<u8>, Vec<u8>>) {
        match event {
            request_response::Event::Message { peer, message, .. } => match message {
                request_response::Message::Request { request, channel, .. } => {
                    let now = Instant::now();
                    if !self.direct_limit.allow(peer, now) {
                        // Dropping the channel fails the request; the sender's outbox retries later.
                        let penalty = self.direct_limit.penalty(&peer, now);
                        tracing::debug!(%peer, penalty, "a direct message over the peer's rate was dropped");
                        if penalty >= DIRECT_BAN_PENALTY {
                            self.ban(peer, -penalty);
                        }
                        return;
                    }
                    let event = NetworkEvent::DirectMessage { peer, bytes: request, channel };
                    if self.events.try_send(event).is_err() {
                        // Dropping the channel fails the request; the sender's outbox retries.
                        tracing::warn!(%peer, "node busy; a direct message was dropped");
                    }
                }
                request_response::Message::Response { request_id, response } => {
                    if let Some(reply) = self.pending_direct.remove(&request_id) {
                        let _ = reply.send(Ok(response));
                    }
                }
            },
            request_response::Event::OutboundFailure { request_id, error, peer, .. } => {
                if let Some(reply) = self.pending_direct.remove(&request_id) {
                    let _ = reply.send(Err(NetworkError::Direct(error.to_string())));
                }
                tracing::debug!(%peer, %error, "direct message failed");
            }
            request_response::Event::InboundFailure { peer, error, .. } => {
                if let request_response::InboundFailure::Io(e) = &error
                    && e.kind() == std::io::ErrorKind::InvalidData
                {
                    tracing::warn!(%peer, error = %e, "peer sent an oversized direct message; disconnecting");
                    let _ = self.swarm.disconnect_peer_id(peer);
                } else {
                    tracing::debug!(%peer, %error, "inbound direct message failed");
                }
            }
            request_response::Event::ResponseSent { .. } => {}
        }
    }

    fn on_swarm_event(&mut self, event: SwarmEvent<BehaviourEvent>) {
        match event {
            SwarmEvent::Behaviour(BehaviourEvent::Gossipsub(event)) => self.on_gossip_event(event),
            SwarmEvent::Behaviour(BehaviourEvent::Sync(event)) => self.on_sync_event(event),
            SwarmEvent::Behaviour(BehaviourEvent::Direct(event)) => self.on_direct_event(event),
            SwarmEvent::Behaviour(BehaviourEvent::Identify(identify::Event::Received { peer_id, info, .. })) => {
                self.on_identified(peer_id, info);
            }
            SwarmEvent::Behaviour(BehaviourEvent::Kad(event)) => self.on_kad_event(event),
            SwarmEvent::Behaviour(BehaviourEvent::Mdns(mdns::Event::Discovered(found))) => {
                for (peer, addr) in found {
                    self.swarm.behaviour_mut().kad.add_address(&peer, addr.clone());
                    if !self.swarm.is_connected(&peer) && self.peers.len() < self.target_peers {
                        let _ = self.swarm.dial(DialOpts::peer_id(peer).addresses(vec![addr]).build());
                    }
                }
            }
            SwarmEvent::Behaviour(BehaviourEvent::Autonat(autonat::Event::StatusChanged { new, .. })) => {
                tracing::info!(status = ?new, "reachability changed");
                self.reachability = new;
                self.listen_via_relay_if_needed();
            }
            SwarmEvent::Behaviour(_) => {}
            SwarmEvent::NewListenAddr { address, .. } => {
                tracing::info!(%address, "listening");
                if !self.listen_addrs.contains(&address) {
                    self.listen_addrs.push(address);
                }
            }
            SwarmEvent::ExpiredListenAddr { address, .. } => self.listen_addrs.retain(|a| *a != address),
            SwarmEvent::ConnectionEstablished { peer_id, endpoint, connection_id, num_established, .. } => {
                if num_established.get() == 1 {
                    let _ = self.events.try_send(NetworkEvent::PeerConnected { peer: peer_id });
                }
                let addr = match &endpoint {
                    ConnectedPoint::Dialer { address, .. } => address.clone(),
                    ConnectedPoint::Listener { send_back_addr, .. } => send_back_addr.clone(),
                };
                tracing::info!(%peer_id, %addr, "connected");
                let peer = self.peers.entry(peer_id).or_insert_with(|| ConnectedPeer {
                    addrs: Vec::new(),
                    agent: None,
                    since: Instant::now(),
                });
                peer.addrs.push(addr);
                if let Some(index) = self.dialing.remove(&connection_id) {
                    self.bootstrap[index].peer = Some(peer_id);
                }
                for entry in self.bootstrap.iter_mut().filter(|b| b.peer == Some(peer_id)) {
                    entry.connected = true;
                    entry.connected_at = Some(Instant::now());
                }
                if let ConnectedPoint::Dialer { address, .. } = &endpoint {
                    self.swarm.behaviour_mut().kad.add_address(&peer_id, address.clone());
                }
            }
            SwarmEvent::ConnectionClosed { peer_id, endpoint, num_established, cause, .. } => {
                let addr = endpoint.get_remote_address();
                if let Some(peer) = self.peers.get_mut(&peer_id)
                    && let Some(pos) = peer.addrs.iter().position(|a| a == addr)
                {
                    peer.addrs.remove(pos);
                }
                if num_established == 0 {
                    self.peers.remove(&peer_id);
                    self.relay_hops.remove(&peer_id);
                    tracing::info!(%peer_id, cause = ?cause, "disconnected");
                    let now = Instant::now();
                    let timing = self.timing;
                    for entry in self.bootstrap.iter_mut().filter(|b| b.peer == Some(peer_id)) {
                        entry.connected = false;
                        // A connection that lasted counts as a success; one the
                        // peer dropped at once (full, or refusing us) backs off.
                        let lasted =
                            entry.connected_at.take().is_some_and(|at| now.duration_since(at) >= STABLE_CONNECTION);
                        entry.failures = if lasted { 0 } else { entry.failures.saturating_add(1) };
                        entry.next_dial = now + backoff(&timing, entry.failures);
                        // A banned bootstrap peer is dialled again when its ban ends.
                        if let Some(until) = self.banned.get(&peer_id) {
                            entry.next_dial = entry.next_dial.max(*until);
                        }
                    }
                }
            }
            SwarmEvent::OutgoingConnectionError { connection_id, error, .. } => {
                if let Some(index) = self.dialing.remove(&connection_id) {
                    let entry = &mut self.bootstrap[index];
                    entry.failures = entry.failures.saturating_add(1);
                    let backoff = backoff(&self.timing, entry.failures);
                    entry.next_dial = Instant::now() + backoff;
                    tracing::warn!(addr = %entry.addr, %error, retry_in = ?backoff, "cannot reach bootstrap peer");
                }
            }
            _ => {}
        }
    }

    /// What identify tells about a peer: its software, its listen addresses
    /// (for Kademlia, which only learns addresses of connections it dialled,
    /// and for the address book), and whether it offers circuit relay.
    fn on_identified(&mut self, peer_id: PeerId, info: identify::Info) {
        if let Some(peer) = self.peers.get_mut(&peer_id) {
            peer.agent = Some(info.agent_version.clone());
        }
        let speaks_kad = info.protocols.iter().any(|p| p.as_ref() == self.kad_protocol);
        let addrs: Vec<Multiaddr> = info
            .listen_addrs
            .into_iter()
            .filter(|a| !a.iter().any(|p| matches!(p, Protocol::P2pCircuit)))
            .take(MAX_ADDRS_PER_PEER)
            .collect();
        if speaks_kad {
            for addr in &addrs {
                self.swarm.behaviour_mut().kad.add_address(&peer_id, addr.clone());
            }
        }
        if info.protocols.iter().any(|p| p.as_ref() == RELAY_HOP_PROTOCOL) {
            self.relay_hops.insert(peer_id);
            self.listen_via_relay_if_needed();
        }
        // Only vetnet nodes go into the address book.
        let speaks_sync = info.protocols.iter().any(|p| p.as_ref() == SYNC_PROTOCOL);
        if speaks_sync && !addrs.is_empty() {
            let _ = self.events.try_send(NetworkEvent::PeerAddresses { peer: peer_id, addrs });
        }
    }

    fn on_kad_event(&mut self, event: kad::Event) {
        match event {
            kad::Event::RoutingUpdated { peer, addresses, .. }
                if !self.swarm.is_connected(&peer) && self.peers.len() < self.target_peers =>
            {
                let _ = self.swarm.dial(DialOpts::peer_id(peer).addresses(addresses.into_vec()).build());
            }
            kad::Event::OutboundQueryProgressed {
                result: kad::QueryResult::GetClosestPeers(Ok(kad::GetClosestPeersOk { peers, .. })),
                ..
            } => {
                for info in peers {
                    if self.peers.len() >= self.target_peers {
                        break;
                    }
                    if info.peer_id != self.local_peer_id() && !self.swarm.is_connected(&info.peer_id) {
                        let _ = self.swarm.dial(DialOpts::peer_id(info.peer_id).addresses(info.addrs).build());
                    }
                }
            }
            _ => {}
        }
    }

    /// A Kademlia lookup of a random key: finds peers across the network and
    /// fills the routing table. Skipped while nobody is known.
    fn random_walk(&mut self) {
        if self.peers.is_empty() {
            return;
        }
        self.swarm.behaviour_mut().kad.get_closest_peers(PeerId::random());
    }

    /// Behind NAT, listen through a relay so others can still reach this node
    /// (and upgrade to a direct connection with DCUtR hole punching).
    fn listen_via_relay_if_needed(&mut self) {
        if self.reachability != autonat::NatStatus::Private || self.relay_listener.is_some() {
            return;
        }
        let Some(relay) = self.relay_hops.iter().next().copied() else { return };
        let Some(addr) = self.peers.get(&relay).and_then(|p| p.addrs.first()).cloned() else { return };
        let addr = addr
            .iter()
            .filter(|p| !matches!(p, Protocol::P2p(_)))
            .collect::<Multiaddr>()
            .with(Protocol::P2p(relay))
            .with(Protocol::P2pCircuit);
        match self.swarm.listen_on(addr.clone()) {
            Ok(id) => {
                tracing::info!(%addr, "behind NAT: listening through a relay");
                self.relay_listener = Some((id, addr));
            }
            Err(e) => tracing::warn!(%addr, error = %e, "cannot listen through the relay"),
        }
    }

    fn on_gossip_event(&mut self, event: gossipsub::Event) {
        match event {
            gossipsub::Event::Message { propagation_source, message_id, message } => {
                if !self.message_limit.allow(propagation_source, Instant::now()) {
                    self.drop_over_rate(propagation_source, &message_id);
                    return;
                }
                let event = NetworkEvent::Record {
                    message_id: message_id.clone(),
                    source: propagation_source,
                    bytes: message.data,
                };
                if let Err(mpsc::error::TrySendError::Full(_)) = self.events.try_send(event) {
                    tracing::warn!("validation queue full; ignoring a gossip message (sync will fetch it later)");
                    self.swarm.behaviour_mut().gossipsub.report_message_validation_result(
                        &message_id,
                        &propagation_source,
                        MessageAcceptance::Ignore,
                    );
                }
            }
            gossipsub::Event::Subscribed { peer_id, topic } if topic == self.topic.hash() => {
                let _ = self.events.try_send(NetworkEvent::PeerSubscribed { peer: peer_id });
            }
            gossipsub::Event::GossipsubNotSupported { peer_id } => {
                tracing::debug!(%peer_id, "peer does not speak gossipsub");
            }
            _ => {}
        }
    }

    /// A gossip message over its sender's rate: not forwarded, and ignored
    /// rather than rejected, because gossipsub penalises every peer that
    /// delivered a rejected message and honest peers may have forwarded the
    /// same (valid) record. The sender alone pays, through its application
    /// score. The record is not lost: sync fetches it later.
    fn drop_over_rate(&mut self, peer: PeerId, message_id: &MessageId) {
        let now = Instant::now();
        let penalty = self.message_limit.penalty(&peer, now);
        let gossipsub = &mut self.swarm.behaviour_mut().gossipsub;
        gossipsub.report_message_validation_result(message_id, &peer, MessageAcceptance::Ignore);
        gossipsub.set_application_score(&peer, -penalty);
        tracing::debug!(%peer, penalty, "a gossip message over the peer's rate was dropped");
        self.ban_if_graylisted(peer);
    }

    /// Bans `peer` if its gossip score is below the graylist threshold.
    fn ban_if_graylisted(&mut self, peer: PeerId) {
        if let Some(score) = self.swarm.behaviour().gossipsub.peer_score(&peer)
            && score < GRAYLIST_THRESHOLD
        {
            self.ban(peer, score);
        }
    }

    /// Disconnects `peer` and refuses it until the ban ends. Bans always end,
    /// so a bootstrap peer that misbehaved is dialled again afterwards.
    fn ban(&mut self, peer: PeerId, score: f64) {
        if self.banned.contains_key(&peer) || peer == self.local_peer_id() {
            return;
        }
        if self.banned.len() >= MAX_BANNED_PEERS
            && let Some(soonest) = self.banned.iter().min_by_key(|(_, until)| **until).map(|(peer, _)| *peer)
        {
            self.lift_ban(soonest);
        }
        let until = Instant::now() + self.peer_ban;
        self.banned.insert(peer, until);
        // Closes its connections and refuses new ones, both ways.
        self.swarm.behaviour_mut().banned.block_peer(peer);
        for entry in self.bootstrap.iter_mut().filter(|b| b.peer == Some(peer)) {
            entry.next_dial = entry.next_dial.max(until);
        }
        tracing::warn!(
            %peer,
            score,
            ban_secs = self.peer_ban.as_secs(),
            "peer's score fell below the ban threshold; disconnected and banned"
        );
        let _ = self.events.try_send(NetworkEvent::PeerBanned { peer, score, ban: self.peer_ban });
    }

    fn lift_ban(&mut self, peer: PeerId) {
        if self.banned.remove(&peer).is_some() {
            self.swarm.behaviour_mut().banned.unblock_peer(peer);
            tracing::info!(%peer, "ban ended");
        }
    }

    /// Runs about once a heartbeat: lifts bans that ended, hands the decayed
    /// rate penalties to gossipsub as application scores, and bans connected
    /// peers whose score is below the graylist threshold.
    fn enforce_peer_scores(&mut self) {
        let now = Instant::now();
        let ended: Vec<PeerId> =
            self.banned.iter().filter(|(_, until)| **until <= now).map(|(peer, _)| *peer).collect();
        for peer in ended {
            self.lift_ban(peer);
        }
        for (peer, penalty) in self.message_limit.penalties(now) {
            self.swarm.behaviour_mut().gossipsub.set_application_score(&peer, -penalty);
        }
        let gossipsub = &self.swarm.behaviour().gossipsub;
        let graylisted: Vec<(PeerId, f64)> = self
            .peers
            .keys()
            .filter_map(|peer| gossipsub.peer_score(peer).filter(|s| *s < GRAYLIST_THRESHOLD).map(|s| (*peer, s)))
            .collect();
        for (peer, score) in graylisted {
            self.ban(peer, score);
        }
    }

    /// Dials bootstrap peers that are not connected and whose backoff is over.
    fn dial_due_bootstrap_peers(&mut self) {
        let now = Instant::now();
        for (index, entry) in self.bootstrap.iter_mut().enumerate() {
            let in_flight = self.dialing.values().any(|i| *i == index);
            let connected = entry.connected || entry.peer.is_some_and(|p| self.swarm.is_connected(&p));
            if connected || in_flight || entry.next_dial > now {
                continue;
            }
            let opts = DialOpts::unknown_peer_id().address(entry.addr.clone()).build();
            let connection_id = opts.connection_id();
            match self.swarm.dial(opts) {
                Ok(()) => {
                    self.dialing.insert(connection_id, index);
                    // A failure sets the real backoff; this only stops re-dials in the meantime.
                    entry.next_dial = now + self.timing.redial_max;
                }
                Err(e) => {
                    entry.failures = entry.failures.saturating_add(1);
                    entry.next_dial = now + backoff(&self.timing, entry.failures);
                    tracing::warn!(addr = %entry.addr, error = %e, "cannot dial bootstrap peer");
                }
            }
        }
    }
}
