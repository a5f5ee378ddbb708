//! Limits on the connections other nodes open to this one: per address and
//! in total, for handshakes in progress and for established connections,
//! with slots of each total reserved for the peers the node knows.
//!
//! libp2p's `connection_limits` counts in total only, so a few idle sockets
//! held open from one address (a TCP connect with no noise handshake) used
//! to take every pending slot until they timed out, and lock new peers out.
//! Here each address (an IPv4 address, or an IPv6 /64) has its own small
//! share, so a flood locks out only its own address; the totals hold against
//! a flood from many addresses, and the reserved slots keep room for the
//! bootstrap peers and the address book even then.
//!
//! [`InboundCounts`] is the bookkeeping and the verdicts (no I/O);
//! [`Behaviour`] feeds it the swarm's connection events and denies what it
//! refuses. Listed first in the swarm's behaviour, it refuses a connection
//! before any other behaviour sees it.

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::net::{IpAddr, Ipv6Addr};
use std::task::{Context, Poll};

use libp2p::core::transport::PortUse;
use libp2p::core::{ConnectedPoint, Endpoint};
use libp2p::multiaddr::Protocol;
use libp2p::swarm::behaviour::ConnectionEstablished;
use libp2p::swarm::{
    ConnectionClosed, ConnectionDenied, ConnectionId, FromSwarm, ListenFailure, NetworkBehaviour, THandler,
    THandlerInEvent, THandlerOutEvent, ToSwarm, dummy,
};
use libp2p::{Multiaddr, PeerId};

use crate::config::PeerConnectionLimits;

/// Where inbound connections are counted: one IPv4 address, or one IPv6
/// /64 (a site's prefix; an attacker with one IPv6 host has a whole /64).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct SourceAddress(IpAddr);

impl SourceAddress {
    /// The source of a connection from `addr`, or `None` when it has no IP
    /// of its own: a relayed (`/p2p-circuit`) connection carries the relay's
    /// address, shared by everyone it relays, so it counts only in totals.
    pub(super) fn of(addr: &Multiaddr) -> Option<Self> {
        if addr.iter().any(|p| matches!(p, Protocol::P2pCircuit)) {
            return None;
        }
        match addr.iter().next()? {
            Protocol::Ip4(ip) => Some(Self(IpAddr::V4(ip))),
            Protocol::Ip6(ip) => {
                let prefix = u128::from(ip) & !((1u128 << 64) - 1);
                Some(Self(IpAddr::V6(Ipv6Addr::from(prefix))))
            }
            _ => None,
        }
    }
}

/// Why an inbound connection was refused; the swarm logs it.
#[derive(Debug, thiserror::Error)]
#[error("inbound connection refused: {what} at its limit of {limit}")]
pub(super) struct InboundLimitReached {
    what: &'static str,
    limit: u32,
}

/// Whether a connection is still in its handshake or established.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Pending,
    Established,
}

/// The inbound connections open now, by stage and source, and the verdict on
/// each new one.
#[derive(Debug)]
pub(super) struct InboundCounts {
    limits: PeerConnectionLimits,
    /// Sources of the bootstrap peers and of the address book.
    known: HashSet<SourceAddress>,
    pending: HashMap<ConnectionId, Option<SourceAddress>>,
    established: HashMap<ConnectionId, Option<SourceAddress>>,
}

impl InboundCounts {
    pub(super) fn new(limits: PeerConnectionLimits, known: impl IntoIterator<Item = SourceAddress>) -> Self {
        Self { limits, known: known.into_iter().collect(), pending: HashMap::new(), established: HashMap::new() }
    }

    fn open(&self, stage: Stage) -> &HashMap<ConnectionId, Option<SourceAddress>> {
        match stage {
            Stage::Pending => &self.pending,
            Stage::Established => &self.established,
        }
    }

    /// Refuses a connection from `source` at `stage` if its source or the
    /// total is at its limit. Known sources may take the reserved slots of
    /// the total; the per-address limit holds for them too, since the
    /// address book also holds addresses peers announced for themselves.
    fn check(&self, stage: Stage, source: Option<SourceAddress>) -> Result<(), InboundLimitReached> {
        let (per_ip, total, per_ip_name, total_name) = match stage {
            Stage::Pending => (
                self.limits.max_pending_per_ip,
                self.limits.max_pending_incoming,
                "handshakes from one address",
                "handshakes",
            ),
            Stage::Established => (
                self.limits.max_established_per_ip,
                self.limits.max_established_incoming,
                "connections from one address",
                "inbound connections",
            ),
        };
        let open = self.open(stage);
        let known = source.is_some_and(|s| self.known.contains(&s));
        let total = if known { total } else { total.saturating_sub(self.limits.reserved_for_known_peers) };
        if open.len() >= total as usize {
            return Err(InboundLimitReached { what: total_name, limit: total });
        }
        if let Some(source) = source {
            let from_source = open.values().filter(|s| **s == Some(source)).count();
            if from_source >= per_ip as usize {
                return Err(InboundLimitReached { what: per_ip_name, limit: per_ip });
            }
        }
        Ok(())
    }

    /// A new inbound connection from `remote`: counted as pending, or refused.
    pub(super) fn admit_pending(&mut self, id: ConnectionId, remote: &Multiaddr) -> Result<(), InboundLimitReached> {
        let source = SourceAddress::of(remote);
        self.check(Stage::Pending, source)?;
        self.pending.insert(id, source);
        Ok(())
    }

    /// A pending connection finished its handshake: refused if its source or
    /// the total has no room for one more established connection. It counts
    /// once the swarm reports it established (another behaviour may still
    /// refuse it).
    pub(super) fn admit_established(
        &mut self,
        id: ConnectionId,
        remote: &Multiaddr,
    ) -> Result<(), InboundLimitReached> {
        self.pending.remove(&id);
        self.check(Stage::Established, SourceAddress::of(remote))
    }

    pub(super) fn established(&mut self, id: ConnectionId, remote: &Multiaddr) {
        self.established.insert(id, SourceAddress::of(remote));
    }

    /// A connection closed, failed its handshake or was refused.
    pub(super) fn gone(&mut self, id: ConnectionId) {
        self.pending.remove(&id);
        self.established.remove(&id);
    }
}

/// The swarm's side of [`InboundCounts`]: it denies what the counts refuse
/// and keeps them up to date. Outbound connections are not its business
/// (`connection_limits` bounds them).
pub(super) struct Behaviour {
    counts: InboundCounts,
}

impl Behaviour {
    /// Limits from the settings; the IPs in `known_addrs` (bootstrap peers,
    /// address book) are the known sources.
    pub(super) fn new<'a>(limits: PeerConnectionLimits, known_addrs: impl IntoIterator<Item = &'a Multiaddr>) -> Self {
        Self { counts: InboundCounts::new(limits, known_addrs.into_iter().filter_map(SourceAddress::of)) }
    }
}

impl NetworkBehaviour for Behaviour {
    type ConnectionHandler = dummy::ConnectionHandler;
    type ToSwarm = Infallible;

    fn handle_pending_inbound_connection(
        &mut self,
        connection_id: ConnectionId,
        _local_addr: &Multiaddr,
        remote_addr: &Multiaddr,
    ) -> Result<(), ConnectionDenied> {
        self.counts.admit_pending(connection_id, remote_addr).map_err(ConnectionDenied::new)
    }

    fn handle_established_inbound_connection(
        &mut self,
        connection_id: ConnectionId,
        _peer: PeerId,
        _local_addr: &Multiaddr,
        remote_addr: &Multiaddr,
    ) -> Result<THandler<Self>, ConnectionDenied> {
        self.counts.admit_established(connection_id, remote_addr).map_err(ConnectionDenied::new)?;
        Ok(dummy::ConnectionHandler)
    }

    fn handle_established_outbound_connection(
        &mut self,
        _connection_id: ConnectionId,
        _peer: PeerId,
        _addr: &Multiaddr,
        _role_override: Endpoint,
        _port_use: PortUse,
    ) -> Result<THandler<Self>, ConnectionDenied> {
        Ok(dummy::ConnectionHandler)
    }

    fn on_swarm_event(&mut self, event: FromSwarm) {
        match event {
            FromSwarm::ConnectionEstablished(ConnectionEstablished {
                connection_id,
                endpoint: ConnectedPoint::Listener { send_back_addr, .. },
                ..
            }) => self.counts.established(connection_id, send_back_addr),
            FromSwarm::ConnectionClosed(ConnectionClosed { connection_id, .. })
            | FromSwarm::ListenFailure(ListenFailure { connection_id, .. }) => self.counts.gone(connection_id),
            _ => {}
        }
    }

    fn on_connection_handler_event(&mut self, _peer: PeerId, _id: ConnectionId, event: THandlerOutEvent<Self>) {
        match event {}
    }

    fn poll(&mut self, _cx: &mut Context<'_>) -> Poll<ToSwarm<Self::ToSwarm, THandlerInEvent<Self>>> {
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> PeerConnectionLimits {
        PeerConnectionLimits {
            max_pending_per_ip: 2,
            max_established_per_ip: 3,
            max_pending_incoming: 6,
            max_established_incoming: 8,
            reserved_for_known_peers: 2,
            handshake_timeout_secs: 5,
        }
    }

    fn addr(text: &str) -> Multiaddr {
        text.parse().unwrap()
    }

    #[test]
    fn one_address_gets_its_share_of_handshakes_and_no_more() {
        let mut counts = InboundCounts::new(limits(), []);
        let flood = addr("/ip4/10.0.0.2/tcp/4000");
        let first = ConnectionId::new_unchecked(1);
        counts.admit_pending(first, &flood).unwrap();
        counts.admit_pending(ConnectionId::new_unchecked(2), &flood).unwrap();
        let refused = counts.admit_pending(ConnectionId::new_unchecked(3), &flood).unwrap_err();
        assert_eq!(refused.to_string(), "inbound connection refused: handshakes from one address at its limit of 2");
        // Another address is not affected, and a handshake that ends frees a slot.
        counts.admit_pending(ConnectionId::new_unchecked(4), &addr("/ip4/10.0.0.3/tcp/4000")).unwrap();
        counts.gone(first);
        counts.admit_pending(ConnectionId::new_unchecked(5), &flood).unwrap();
    }

    #[test]
    fn ipv6_counts_by_64_and_relayed_connections_only_in_the_total() {
        let mut counts = InboundCounts::new(limits(), []);
        counts.admit_pending(ConnectionId::new_unchecked(1), &addr("/ip6/2001:db8::1/tcp/1")).unwrap();
        counts.admit_pending(ConnectionId::new_unchecked(2), &addr("/ip6/2001:db8::2/tcp/1")).unwrap();
        assert!(counts.admit_pending(ConnectionId::new_unchecked(3), &addr("/ip6/2001:db8::3/tcp/1")).is_err());
        counts.admit_pending(ConnectionId::new_unchecked(4), &addr("/ip6/2001:db8:0:1::1/tcp/1")).unwrap();
        // Relayed connections have no address of their own: the per-address
        // limit of 2 does not apply, the total for unknown sources (6 - 2
        // reserved) does.
        let relayed = addr("/ip4/10.0.0.9/tcp/1").with(Protocol::P2p(PeerId::random())).with(Protocol::P2pCircuit);
        assert_eq!(SourceAddress::of(&relayed), None);
        counts.admit_pending(ConnectionId::new_unchecked(5), &relayed).unwrap();
        let refused = counts.admit_pending(ConnectionId::new_unchecked(6), &relayed).unwrap_err();
        assert_eq!(refused.to_string(), "inbound connection refused: handshakes at its limit of 4");
    }

    #[test]
    fn known_peers_keep_reserved_slots_within_their_per_address_share() {
        let bootstrap = addr("/ip4/10.0.0.1/tcp/7301");
        let book = addr("/ip4/10.0.0.7/tcp/7301");
        let mut counts = InboundCounts::new(limits(), [&bootstrap, &book].into_iter().filter_map(SourceAddress::of));
        for i in 1..=4 {
            counts.admit_pending(ConnectionId::new_unchecked(i), &addr(&format!("/ip4/10.0.1.{i}/tcp/1"))).unwrap();
        }
        // Unknown addresses have used their part of the total (6 - 2 reserved).
        let refused = counts.admit_pending(ConnectionId::new_unchecked(9), &addr("/ip4/10.0.1.9/tcp/1")).unwrap_err();
        assert_eq!(refused.to_string(), "inbound connection refused: handshakes at its limit of 4");
        counts.admit_pending(ConnectionId::new_unchecked(10), &bootstrap).unwrap();
        counts.admit_pending(ConnectionId::new_unchecked(11), &book).unwrap();
        let refused = counts.admit_pending(ConnectionId::new_unchecked(12), &bootstrap).unwrap_err();
        assert_eq!(refused.to_string(), "inbound connection refused: handshakes at its limit of 6");
        // A known address keeps to its own share too.
        counts.gone(ConnectionId::new_unchecked(1));
        counts.gone(ConnectionId::new_unchecked(2));
        counts.admit_pending(ConnectionId::new_unchecked(13), &bootstrap).unwrap();
        let refused = counts.admit_pending(ConnectionId::new_unchecked(14), &bootstrap).unwrap_err();
        assert_eq!(refused.to_string(), "inbound connection refused: handshakes from one address at its limit of 2");
    }

    #[test]
    fn established_connections_are_limited_per_address() {
        let mut counts = InboundCounts::new(limits(), []);
        let peer = addr("/ip4/10.0.0.2/tcp/4000");
        for i in 1..=3 {
            let id = ConnectionId::new_unchecked(i);
            counts.admit_pending(id, &peer).unwrap();
            counts.admit_established(id, &peer).unwrap();
            counts.established(id, &peer);
        }
        let id = ConnectionId::new_unchecked(4);
        counts.admit_pending(id, &peer).unwrap();
        let refused = counts.admit_established(id, &peer).unwrap_err();
        assert_eq!(refused.to_string(), "inbound connection refused: connections from one address at its limit of 3");
        counts.gone(id);
        assert!(counts.pending.is_empty());
        counts.gone(ConnectionId::new_unchecked(1));
        assert_eq!(counts.established.len(), 2);
    }
}
