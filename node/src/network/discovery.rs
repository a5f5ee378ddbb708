//! Finding and keeping peers: the bootstrap peers re-dialled with
//! exponential backoff, the address book dialled once at start, Kademlia
//! random walks, mDNS, the addresses identify reports (for Kademlia and the
//! address book), and, behind NAT, listening through a circuit relay
//! (AutoNAT tells when; DCUtR then upgrades relayed connections).

use std::time::{Duration, Instant};

use libp2p::multiaddr::Protocol;
use libp2p::swarm::dial_opts::DialOpts;
use libp2p::swarm::{ConnectionId, DialError};
use libp2p::{Multiaddr, PeerId, Swarm, autonat, identify, kad};
use vetnet_protocol::sync::SYNC_PROTOCOL;

use super::behaviour::Behaviour;
use super::event_loop::EventLoop;
use super::{NetworkEvent, NetworkTiming};

/// Addresses kept per peer from identify.
const MAX_ADDRS_PER_PEER: usize = 8;
/// Relayed addresses kept per peer from identify.
const MAX_RELAYED_ADDRS_PER_PEER: usize = 4;
/// The protocol a circuit relay v2 server speaks.
const RELAY_HOP_PROTOCOL: &str = "/libp2p/circuit/relay/0.2.0/hop";
/// Peers from the address book dialled at start, to rejoin after a restart.
const REJOIN_PEERS: usize = 8;
/// A connection that stays up this long resets a bootstrap peer's backoff.
const STABLE_CONNECTION: Duration = Duration::from_secs(30);

/// A bootstrap address the node keeps connected to, re-dialling with
/// exponential backoff when the connection drops or a dial fails.
pub(super) struct BootstrapPeer {
    addr: Multiaddr,
    /// The peer at `addr`: from its `/p2p/` suffix, or once connected.
    peer: Option<PeerId>,
    connected: bool,
    /// When the current connection opened.
    connected_at: Option<Instant>,
    /// Failed dials and short-lived connections in a row.
    failures: u32,
    next_dial: Instant,
}

/// The bootstrap peers of `addrs`, each due to be dialled at `now`.
pub(super) fn bootstrap_peers(addrs: Vec<Multiaddr>, now: Instant) -> Vec<BootstrapPeer> {
    addrs
        .into_iter()
        .map(|addr| BootstrapPeer {
            peer: peer_id_of(&addr),
            addr,
            connected: false,
            connected_at: None,
            failures: 0,
            next_dial: now,
        })
        .collect()
}

/// Puts the bootstrap peers whose address names them, and the address book,
/// into the Kademlia routing table.
pub(super) fn seed_routing_table(
    swarm: &mut Swarm<Behaviour>,
    bootstrap: &[Multiaddr],
    known_peers: &[(PeerId, Vec<Multiaddr>)],
) {
    for addr in bootstrap {
        if let Some(peer) = peer_id_of(addr) {
            swarm.behaviour_mut().kad.add_address(&peer, addr.clone());
        }
    }
    for (peer, addrs) in known_peers {
        for addr in addrs {
            swarm.behaviour_mut().kad.add_address(peer, addr.clone());
        }
    }
}

pub(super) fn is_unspecified(addr: &Multiaddr) -> bool {
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

/// Exponential backoff after `failures` failures in a row: redial_min × 2^n,
/// at most redial_max.
fn backoff(timing: &NetworkTiming, failures: u32) -> Duration {
    timing.redial_min.saturating_mul(1 << failures.min(16)).min(timing.redial_max)
}

impl EventLoop {
    /// Dials the first peers of the address book once, to rejoin the
    /// network after a restart.
    pub(super) fn rejoin_known_peers(&mut self) {
        for (peer, addrs) in std::mem::take(&mut self.known_peers).into_iter().take(REJOIN_PEERS) {
            let _ = self.swarm.dial(DialOpts::peer_id(peer).addresses(addrs).build());
        }
    }

    /// A connection to `peer` opened: a bootstrap dial that reached it
    /// learns its peer id, and its bootstrap entries count as connected.
    pub(super) fn bootstrap_connected(&mut self, peer: PeerId, connection_id: ConnectionId) {
        if let Some(index) = self.dialing.remove(&connection_id) {
            self.bootstrap[index].peer = Some(peer);
        }
        for entry in self.bootstrap.iter_mut().filter(|b| b.peer == Some(peer)) {
            entry.connected = true;
            entry.connected_at = Some(Instant::now());
        }
    }

    /// The last connection to `peer` closed: its bootstrap entries are
    /// dialled again after their backoff (or after its ban).
    pub(super) fn bootstrap_disconnected(&mut self, peer: PeerId) {
        let now = Instant::now();
        let timing = self.timing;
        for entry in self.bootstrap.iter_mut().filter(|b| b.peer == Some(peer)) {
            entry.connected = false;
            // A connection that lasted counts as a success; one the
            // peer dropped at once (full, or refusing us) backs off.
            let lasted = entry.connected_at.take().is_some_and(|at| now.duration_since(at) >= STABLE_CONNECTION);
            entry.failures = if lasted { 0 } else { entry.failures.saturating_add(1) };
            entry.next_dial = now + backoff(&timing, entry.failures);
            // A banned bootstrap peer is dialled again when its ban ends.
            if let Some(until) = self.banned.get(&peer) {
                entry.next_dial = entry.next_dial.max(*until);
            }
        }
    }

    /// A dial failed: if it was to a bootstrap peer, that one backs off.
    pub(super) fn bootstrap_dial_failed(&mut self, connection_id: ConnectionId, error: &DialError) {
        if let Some(index) = self.dialing.remove(&connection_id) {
            let entry = &mut self.bootstrap[index];
            entry.failures = entry.failures.saturating_add(1);
            let backoff = backoff(&self.timing, entry.failures);
            entry.next_dial = Instant::now() + backoff;
            tracing::warn!(addr = %entry.addr, %error, retry_in = ?backoff, "cannot reach bootstrap peer");
        }
    }

    /// A banned peer's bootstrap entries wait until `until` to be dialled.
    pub(super) fn delay_bootstrap_dials(&mut self, peer: PeerId, until: Instant) {
        for entry in self.bootstrap.iter_mut().filter(|b| b.peer == Some(peer)) {
            entry.next_dial = entry.next_dial.max(until);
        }
    }

    /// Peers mDNS found on the local network: into the routing table, and
    /// dialled while the node has fewer peers than it wants.
    pub(super) fn on_mdns_discovered(&mut self, found: Vec<(PeerId, Multiaddr)>) {
        for (peer, addr) in found {
            self.swarm.behaviour_mut().kad.add_address(&peer, addr.clone());
            if !self.swarm.is_connected(&peer) && self.peers.len() < self.target_peers {
                let _ = self.swarm.dial(DialOpts::peer_id(peer).addresses(vec![addr]).build());
            }
        }
    }

    /// AutoNAT's verdict changed: behind NAT, listen through a relay.
    pub(super) fn on_reachability(&mut self, status: autonat::NatStatus) {
        tracing::info!(status = ?status, "reachability changed");
        self.reachability = status;
        self.listen_via_relay_if_needed();
    }

    /// What identify tells about a peer: its software, its listen addresses
    /// (for Kademlia, which only learns addresses of connections it dialled,
    /// and for the address book), and whether it offers circuit relay.
    pub(super) fn on_identified(&mut self, peer_id: PeerId, info: identify::Info) {
        if let Some(peer) = self.peers.get_mut(&peer_id) {
            peer.agent = Some(info.agent_version.clone());
        }
        let speaks_kad = info.protocols.iter().any(|p| p.as_ref() == self.kad_protocol);
        // A peer behind NAT is reachable only through its relayed addresses
        // (`…/p2p/<relay>/p2p-circuit`): they are kept beside its direct
        // ones, each kind bounded, so that others can find and dial it (a
        // relay keeps them too: it answers Kademlia lookups with them).
        let (relayed, direct): (Vec<Multiaddr>, Vec<Multiaddr>) =
            info.listen_addrs.into_iter().partition(|a| a.iter().any(|p| matches!(p, Protocol::P2pCircuit)));
        let addrs: Vec<Multiaddr> = direct
            .into_iter()
            .take(MAX_ADDRS_PER_PEER)
            .chain(relayed.into_iter().take(MAX_RELAYED_ADDRS_PER_PEER))
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

    pub(super) fn on_kad_event(&mut self, event: kad::Event) {
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
    pub(super) fn random_walk(&mut self) {
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

    /// A new bootstrap address (`vetnet peers add`): into the routing table
    /// when it names its peer, and dialled at once.
    pub(super) fn add_bootstrap(&mut self, addr: Multiaddr) {
        if self.bootstrap.iter().any(|b| b.addr == addr) {
            return;
        }
        if let Some(peer) = peer_id_of(&addr) {
            self.swarm.behaviour_mut().kad.add_address(&peer, addr.clone());
        }
        self.bootstrap.extend(bootstrap_peers(vec![addr], Instant::now()));
        self.dial_due_bootstrap_peers();
    }

    /// A bootstrap address removed (`vetnet peers remove`): no more dials.
    pub(super) fn remove_bootstrap(&mut self, addr: &Multiaddr) {
        let Some(index) = self.bootstrap.iter().position(|b| b.addr == *addr) else { return };
        self.bootstrap.remove(index);
        // Dials in flight name entries by index: forget the removed one's,
        // and move the later ones down.
        self.dialing.retain(|_, i| *i != index);
        for i in self.dialing.values_mut().filter(|i| **i > index) {
            *i -= 1;
        }
    }

    /// Dials bootstrap peers that are not connected and whose backoff is over.
    pub(super) fn dial_due_bootstrap_peers(&mut self) {
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
