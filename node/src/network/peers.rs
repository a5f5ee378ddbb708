//! The peers this node is connected to and the ones it refuses: connection
//! bookkeeping (addresses, software, since when), what `vetnet peers` shows,
//! and bans. A peer whose gossip score falls below the graylist threshold
//! (invalid records, or gossip over its rate) or whose direct-message
//! penalty grows too high is disconnected and refused until its ban ends.

use std::collections::HashSet;
use std::time::Instant;

use libp2p::{Multiaddr, PeerId};

use super::behaviour::GRAYLIST_THRESHOLD;
use super::event_loop::EventLoop;
use super::{BannedPeer, NetworkEvent, PeerInfo};

/// Bans kept at once; when full, the ban closest to its end is lifted early.
const MAX_BANNED_PEERS: usize = 1_024;

/// What the loop knows of a connected peer.
pub(super) struct ConnectedPeer {
    /// The remote addresses of its open connections.
    pub(super) addrs: Vec<Multiaddr>,
    /// Its software, once identify told.
    pub(super) agent: Option<String>,
    pub(super) since: Instant,
}

impl EventLoop {
    /// A connection to `peer` at `addr` opened.
    pub(super) fn note_connection(&mut self, peer: PeerId, addr: Multiaddr) {
        let entry = self.peers.entry(peer).or_insert_with(|| ConnectedPeer {
            addrs: Vec::new(),
            agent: None,
            since: Instant::now(),
        });
        entry.addrs.push(addr);
    }

    /// A connection to `peer` at `addr` closed.
    pub(super) fn note_connection_closed(&mut self, peer: PeerId, addr: &Multiaddr) {
        if let Some(entry) = self.peers.get_mut(&peer)
            && let Some(pos) = entry.addrs.iter().position(|a| a == addr)
        {
            entry.addrs.remove(pos);
        }
    }

    /// The connected peers, as `vetnet peers` shows them, by peer id.
    pub(super) fn peer_infos(&self) -> Vec<PeerInfo> {
        let gossipsub = &self.swarm.behaviour().gossipsub;
        let topic = self.topic.hash();
        let on_topic: HashSet<PeerId> =
            gossipsub.all_peers().filter(|(_, topics)| topics.contains(&&topic)).map(|(peer, _)| *peer).collect();
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
        peers
    }

    /// The peers banned now, with the time left on each ban, by peer id.
    pub(super) fn banned_peers(&self) -> Vec<BannedPeer> {
        let now = Instant::now();
        let mut banned: Vec<BannedPeer> = self
            .banned
            .iter()
            .map(|(peer_id, until)| BannedPeer { peer_id: *peer_id, remaining: until.saturating_duration_since(now) })
            .collect();
        banned.sort_by_key(|b| b.peer_id.to_string());
        banned
    }

    /// Bans `peer` if its gossip score is below the graylist threshold.
    pub(super) fn ban_if_graylisted(&mut self, peer: PeerId) {
        if let Some(score) = self.swarm.behaviour().gossipsub.peer_score(&peer)
            && score < GRAYLIST_THRESHOLD
        {
            self.ban(peer, score);
        }
    }

    /// Disconnects `peer` and refuses it until the ban ends. Bans always end,
    /// so a bootstrap peer that misbehaved is dialled again afterwards.
    pub(super) fn ban(&mut self, peer: PeerId, score: f64) {
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
        self.metrics.count_ban();
        // Closes its connections and refuses new ones, both ways.
        self.swarm.behaviour_mut().banned.block_peer(peer);
        self.delay_bootstrap_dials(peer, until);
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
    pub(super) fn enforce_peer_scores(&mut self) {
        let now = Instant::now();
        let ended: Vec<PeerId> =
            self.banned.iter().filter(|(_, until)| **until <= now).map(|(peer, _)| *peer).collect();
        for peer in ended {
            self.lift_ban(peer);
        }
        self.metrics.set_peers(self.peers.len(), self.banned.len());
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
}
