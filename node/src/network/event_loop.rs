//! The event loop: the one task that owns the swarm. It runs the commands of
//! the [`NetworkClient`](super::NetworkClient) and hands each swarm event to
//! the part that handles its behaviour (`gossip`, `requests`, `discovery`,
//! `peers`).

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use futures::StreamExt;
use libp2p::core::ConnectedPoint;
use libp2p::core::transport::ListenerId;
use libp2p::gossipsub::IdentTopic;
use libp2p::multiaddr::Protocol;
use libp2p::request_response::OutboundRequestId;
use libp2p::swarm::{ConnectionId, SwarmEvent};
use libp2p::{Multiaddr, PeerId, Swarm, autonat, identify, mdns};
use tokio::sync::{mpsc, oneshot, watch};
use vetnet_protocol::sync::SyncResponse;

use super::behaviour::{Behaviour, BehaviourEvent, kad_protocol};
use super::discovery::{self, BootstrapPeer};
use super::peers::ConnectedPeer;
use super::{Command, NetworkConfig, NetworkError, NetworkEvent, NetworkStatus, NetworkTiming};
use crate::metrics::NetworkMetrics;
use crate::rate_limit::PeerMessageLimit;

/// Owns the swarm; run it with [`EventLoop::run`] in its own task.
pub struct EventLoop {
    pub(super) swarm: Swarm<Behaviour>,
    pub(super) commands: mpsc::Receiver<Command>,
    pub(super) events: mpsc::Sender<NetworkEvent>,
    pub(super) topic: IdentTopic,
    /// `/vetnet/<net>/kad/1`: peers that speak it go into the routing table.
    pub(super) kad_protocol: String,
    pub(super) listen_addrs: Vec<Multiaddr>,
    pub(super) peers: HashMap<PeerId, ConnectedPeer>,
    pub(super) bootstrap: Vec<BootstrapPeer>,
    /// Dials in flight to bootstrap peers: connection id → index in `bootstrap`.
    pub(super) dialing: HashMap<ConnectionId, usize>,
    /// Sync requests sent, waiting for their response.
    pub(super) pending_sync: HashMap<OutboundRequestId, oneshot::Sender<Result<SyncResponse, NetworkError>>>,
    /// Direct messages sent, waiting for their receipt.
    pub(super) pending_direct: HashMap<OutboundRequestId, oneshot::Sender<Result<Vec<u8>, NetworkError>>>,
    /// The address book at start: dialled once, to rejoin after a restart.
    pub(super) known_peers: Vec<(PeerId, Vec<Multiaddr>)>,
    pub(super) reachability: autonat::NatStatus,
    /// Connected peers that offer circuit relay (identify lists the hop protocol).
    pub(super) relay_hops: HashSet<PeerId>,
    /// The relayed listener, once behind NAT and a relay is known.
    pub(super) relay_listener: Option<(ListenerId, Multiaddr)>,
    pub(super) relay_server: bool,
    pub(super) target_peers: usize,
    /// Gossip messages per peer (token buckets, bounded).
    pub(super) message_limit: PeerMessageLimit,
    /// Direct messages per peer (token buckets, bounded); garbage adds to
    /// the penalty, and a peer over the direct ban penalty is banned.
    pub(super) direct_limit: PeerMessageLimit,
    pub(super) peer_ban: Duration,
    /// Banned peers and when their bans end (at most `MAX_BANNED_PEERS`).
    pub(super) banned: HashMap<PeerId, Instant>,
    pub(super) timing: NetworkTiming,
    /// libp2p's metrics and the network's own, recorded here only: this
    /// task owns the swarm and sees every event first.
    pub(super) metrics: NetworkMetrics,
}

impl EventLoop {
    /// The loop of a swarm that already listens on `listen_addrs`.
    pub(super) fn new(
        swarm: Swarm<Behaviour>,
        commands: mpsc::Receiver<Command>,
        events: mpsc::Sender<NetworkEvent>,
        topic: IdentTopic,
        listen_addrs: Vec<Multiaddr>,
        config: NetworkConfig,
    ) -> Self {
        Self {
            swarm,
            commands,
            events,
            topic,
            kad_protocol: kad_protocol(&config.network),
            listen_addrs,
            peers: HashMap::new(),
            bootstrap: discovery::bootstrap_peers(config.bootstrap, Instant::now()),
            dialing: HashMap::new(),
            pending_sync: HashMap::new(),
            pending_direct: HashMap::new(),
            known_peers: config.known_peers,
            reachability: autonat::NatStatus::Unknown,
            relay_hops: HashSet::new(),
            relay_listener: None,
            relay_server: config.relay_server,
            target_peers: config.target_peers,
            message_limit: PeerMessageLimit::new(&config.limits),
            direct_limit: PeerMessageLimit::direct(&config.limits),
            peer_ban: config.limits.peer_ban(),
            banned: HashMap::new(),
            timing: config.timing,
            metrics: config.metrics,
        }
    }

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
        self.rejoin_known_peers();
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
                let _ = reply.send(self.publish(bytes));
            }
            Command::ReportValidation { message_id, source, verdict } => {
                self.report_validation(&message_id, source, verdict);
            }
            Command::Dial { addr, reply } => {
                let result =
                    self.swarm.dial(addr.clone()).map_err(|e| NetworkError::Dial { addr, reason: e.to_string() });
                let _ = reply.send(result);
            }
            Command::Status { reply } => {
                let _ = reply.send(self.status());
            }
            Command::Peers { reply } => {
                let _ = reply.send(self.peer_infos());
            }
            Command::BannedPeers { reply } => {
                let _ = reply.send(self.banned_peers());
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
            Command::PunishDirect { peer } => self.punish_direct(peer),
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
            Command::AddBootstrap { addr } => self.add_bootstrap(addr),
            Command::RemoveBootstrap { addr } => self.remove_bootstrap(&addr),
        }
    }

    /// What `vetnet status` shows of the network side.
    fn status(&mut self) -> NetworkStatus {
        let topic = self.topic.hash();
        let topic_peers =
            self.swarm.behaviour().gossipsub.all_peers().filter(|(_, topics)| topics.contains(&&topic)).count();
        let mesh_peers = self.swarm.behaviour().gossipsub.mesh_peers(&topic).count();
        NetworkStatus {
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
            routing_table_peers: self.swarm.behaviour_mut().kad.kbuckets().map(|bucket| bucket.num_entries()).sum(),
            relay_server: self.relay_server,
            relayed_addrs: self.relay_listener.iter().map(|(_, addr)| addr.clone()).collect(),
            banned_peers: self.banned.len(),
        }
    }

    /// Feeds a behaviour's event to libp2p's metrics of that behaviour.
    fn record_behaviour_event(&self, event: &BehaviourEvent) {
        match event {
            BehaviourEvent::Gossipsub(event) => self.metrics.record(event),
            BehaviourEvent::Identify(event) => self.metrics.record(event),
            BehaviourEvent::Kad(event) => self.metrics.record(event),
            BehaviourEvent::Ping(event) => self.metrics.record(event),
            BehaviourEvent::RelayServer(event) => self.metrics.record(event),
            BehaviourEvent::Dcutr(event) => self.metrics.record(event),
            _ => {}
        }
    }

    fn on_swarm_event(&mut self, event: SwarmEvent<BehaviourEvent>) {
        self.metrics.record(&event);
        if let SwarmEvent::Behaviour(behaviour_event) = &event {
            self.record_behaviour_event(behaviour_event);
        }
        self.handle_swarm_event(event);
        self.metrics.set_peers(self.peers.len(), self.banned.len());
    }

    fn handle_swarm_event(&mut self, event: SwarmEvent<BehaviourEvent>) {
        match event {
            SwarmEvent::Behaviour(BehaviourEvent::Gossipsub(event)) => self.on_gossip_event(event),
            SwarmEvent::Behaviour(BehaviourEvent::Sync(event)) => self.on_sync_event(event),
            SwarmEvent::Behaviour(BehaviourEvent::Direct(event)) => self.on_direct_event(event),
            SwarmEvent::Behaviour(BehaviourEvent::Identify(identify::Event::Received { peer_id, info, .. })) => {
                self.on_identified(peer_id, info);
            }
            SwarmEvent::Behaviour(BehaviourEvent::Kad(event)) => self.on_kad_event(event),
            SwarmEvent::Behaviour(BehaviourEvent::Mdns(mdns::Event::Discovered(found))) => {
                self.on_mdns_discovered(found);
            }
            SwarmEvent::Behaviour(BehaviourEvent::Autonat(autonat::Event::StatusChanged { new, .. })) => {
                self.on_reachability(new);
            }
            SwarmEvent::Behaviour(BehaviourEvent::Dcutr(event)) => match event.result {
                Ok(_) => tracing::info!(peer = %event.remote_peer_id, "direct connection by hole punching"),
                Err(e) => {
                    tracing::info!(peer = %event.remote_peer_id, error = %e, "hole punching failed; staying relayed")
                }
            },
            SwarmEvent::Behaviour(_) => {}
            SwarmEvent::NewListenAddr { address, .. } => {
                tracing::info!(%address, "listening");
                let relayed = address.iter().any(|p| matches!(p, Protocol::P2pCircuit));
                if !self.listen_addrs.contains(&address) {
                    self.listen_addrs.push(address.clone());
                }
                // Reachable through a relay at last: the relayed address is
                // this node's external address (so Kademlia serves others
                // and lists it, and identify tells it), and a random walk
                // looks for the peers that could not be reached before.
                if relayed {
                    self.swarm.add_external_address(address);
                    self.random_walk();
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
                self.note_connection(peer_id, addr);
                self.bootstrap_connected(peer_id, connection_id);
                if let ConnectedPoint::Dialer { address, .. } = &endpoint {
                    self.swarm.behaviour_mut().kad.add_address(&peer_id, address.clone());
                }
            }
            SwarmEvent::ConnectionClosed { peer_id, endpoint, num_established, cause, .. } => {
                self.note_connection_closed(peer_id, endpoint.get_remote_address());
                if num_established == 0 {
                    self.peers.remove(&peer_id);
                    self.relay_hops.remove(&peer_id);
                    tracing::info!(%peer_id, cause = ?cause, "disconnected");
                    self.bootstrap_disconnected(peer_id);
                }
            }
            SwarmEvent::OutgoingConnectionError { connection_id, error, .. } => {
                self.bootstrap_dial_failed(connection_id, &error);
            }
            _ => {}
        }
    }
}
