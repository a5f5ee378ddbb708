//! The libp2p side of the node. The only module that touches the `Swarm`.
//!
//! [`start`] builds the swarm, starts listening and returns three things: a
//! cloneable [`NetworkClient`] that sends typed commands with oneshot
//! replies, a receiver of [`NetworkEvent`]s, and the [`EventLoop`] to spawn.
//! Every channel is bounded.
//!
//! The swarm runs on TCP + noise + yamux (and circuit relay), with these
//! behaviours:
//! - connection limits, checked first, so a flood is refused before anything
//!   else runs: inbound ones per address and in total, with slots kept for
//!   known peers (`inbound_limits`), and a handshake timeout that closes
//!   idle sockets;
//! - an allow/block list that holds the banned peers;
//! - gossipsub on the records topic, with peer scoring;
//! - identify (a peer's software, listen addresses and protocols) and ping;
//! - request-response for catch-up sync (`/vetnet/sync/1`) and for direct
//!   messages between two nodes (`/vetnet/<net>/direct/1`, mobility steps);
//! - Kademlia (`/vetnet/<net>/kad/1`, peer discovery only) and, optionally,
//!   mDNS on the local network;
//! - AutoNAT, the circuit relay v2 client (and optionally the server), and
//!   DCUtR hole punching.
//!
//! Gossip settings are those of `docs/PROTOCOL.md` ("Gossip"): records carry
//! their own signatures, so gossipsub messages are anonymous and the message
//! id is the SHA-256 of the data (the record hash). Validation is manual: a
//! message is forwarded only after the node reports it accepted.
//!
//! Abuse limits enforced here (`SECURITY.md` lists them all): connection
//! limits; a token bucket of gossip messages per peer
//! ([`PeerMessageLimit`](crate::rate_limit::PeerMessageLimit)), checked
//! before a message reaches the ingest queue; a token bucket and a penalty
//! for direct messages; gossipsub peer scoring; and bans: a peer whose score
//! falls below the graylist threshold is disconnected and refused for
//! `limits.peer_ban_minutes`.
//!
//! The parts:
//! - `behaviour`: the `Behaviour` struct, the swarm's construction, the
//!   gossipsub configuration and the peer score parameters;
//! - `inbound_limits`: the per-address and total limits on inbound
//!   connections;
//! - `event_loop`: the [`EventLoop`] task and the commands it runs;
//! - `gossip`: gossip messages in (the per-peer rate) and out;
//! - `requests`: sync and direct messages (request-response);
//! - `discovery`: bootstrap re-dials with backoff, Kademlia, mDNS,
//!   AutoNAT, relay and DCUtR, and the addresses identify reports;
//! - `peers`: connected-peer bookkeeping, graylisting and bans.

mod behaviour;
mod discovery;
mod event_loop;
mod gossip;
mod inbound_limits;
mod peers;
mod requests;

use std::time::Duration;

use libp2p::gossipsub::{IdentTopic, MessageId};
use libp2p::request_response;
use libp2p::{Multiaddr, PeerId, identity};
use tokio::sync::{mpsc, oneshot};
use vetnet_protocol::records_topic;
use vetnet_protocol::sync::{SyncRequest, SyncResponse};

use crate::config::PeerConnectionLimits;
use crate::metrics::NetworkMetrics;
use crate::rate_limit::RateLimits;

pub use behaviour::{GRAYLIST_THRESHOLD, kad_protocol};
pub use event_loop::EventLoop;

/// Where a sync response to a peer goes.
pub type SyncChannel = request_response::ResponseChannel<SyncResponse>;
/// Where the receipt for a direct message goes.
pub type DirectChannel = request_response::ResponseChannel<Vec<u8>>;

/// Commands waiting for the event loop.
const COMMAND_QUEUE: usize = 256;
/// Gossip messages waiting for validation; when full, new ones are ignored
/// (not forwarded, no penalty) rather than buffered without bound.
const EVENT_QUEUE: usize = 1_024;

#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    #[error("cannot set up the libp2p transport: {0}")]
    Transport(String),
    #[error(
        "cannot read the system's DNS settings ({0}); name the DNS servers in config.toml: [dns] nameservers = [\"192.0.2.53:53\"]"
    )]
    SystemDns(String),
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
    /// Inbound connection limits and the handshake timeout.
    pub connections: PeerConnectionLimits,
    /// The DNS servers `/dns*/` and `/dnsaddr/` addresses are resolved
    /// with; `None` reads the system's (`/etc/resolv.conf`).
    pub nameservers: Option<Vec<std::net::SocketAddr>>,
    /// What the event loop counts (libp2p's metrics and the network's own).
    pub metrics: NetworkMetrics,
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

/// What the client asks of the event loop; each question carries its reply.
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
    AddBootstrap {
        addr: Multiaddr,
    },
    RemoveBootstrap {
        addr: Multiaddr,
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

    /// Keeps `addr` connected from now on, as a bootstrap peer (dialled at
    /// once, re-dialled with backoff); already being one is no error.
    pub async fn add_bootstrap(&self, addr: Multiaddr) -> Result<(), NetworkError> {
        self.commands.send(Command::AddBootstrap { addr }).await.map_err(|_| NetworkError::Stopped)
    }

    /// Stops re-dialling the bootstrap address `addr` (an open connection
    /// stays open, like any peer's).
    pub async fn remove_bootstrap(&self, addr: Multiaddr) -> Result<(), NetworkError> {
        self.commands.send(Command::RemoveBootstrap { addr }).await.map_err(|_| NetworkError::Stopped)
    }

    /// Closes every connection to `peer` (a peer that sent garbage).
    pub async fn disconnect(&self, peer: PeerId) -> Result<(), NetworkError> {
        self.commands.send(Command::Disconnect { peer }).await.map_err(|_| NetworkError::Stopped)
    }
}

/// Builds the swarm, starts listening on every address in `config.listen`,
/// and waits until each listener has an address (port 0 resolves here).
/// Gossipsub's own metrics (mesh, scores, queues) go into `registry`.
pub async fn start(
    config: NetworkConfig,
    registry: &mut prometheus_client::registry::Registry,
) -> Result<(NetworkClient, mpsc::Receiver<NetworkEvent>, EventLoop), NetworkError> {
    let topic = IdentTopic::new(records_topic(&config.network));
    let mut swarm = behaviour::build_swarm(&config, &topic, registry)?;
    discovery::seed_routing_table(&mut swarm, &config.bootstrap, &config.known_peers);
    let listen_addrs = behaviour::listen(&mut swarm, &config.listen).await?;
    // A relay server serves only once it has confirmed external addresses: a
    // node run as one is declared reachable on its concrete listen addresses.
    if config.relay_server {
        for addr in listen_addrs.iter().filter(|a| !discovery::is_unspecified(a)) {
            swarm.add_external_address(addr.clone());
        }
    }
    for addr in &config.external {
        swarm.add_external_address(addr.clone());
    }
    let (command_tx, command_rx) = mpsc::channel(COMMAND_QUEUE);
    let (event_tx, event_rx) = mpsc::channel(EVENT_QUEUE);
    let event_loop = EventLoop::new(swarm, command_rx, event_tx, topic, listen_addrs, config);
    Ok((NetworkClient { commands: command_tx }, event_rx, event_loop))
}
