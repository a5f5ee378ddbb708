//! The families the network event loop records: libp2p's own metrics
//! (`libp2p_metrics::Metrics`: swarm, gossipsub, identify, Kademlia, ping,
//! relay, DCUtR, fed every swarm event), and vetnet's: connected and banned
//! peers, bans, and messages dropped by a rate limit. Only the event loop
//! records them, because only it owns the swarm.

use libp2p::metrics::{Metrics, Recorder};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

/// A limit that dropped a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimit {
    /// Gossip messages per peer per minute (`limits.messages_per_peer_per_minute`).
    PeerGossip,
    /// Direct messages per peer (mobility steps, letters).
    PeerDirect,
    /// The validation queue was full.
    ValidationQueue,
    /// New records per author per day (`limits.records_per_author_per_day`).
    AuthorDaily,
    /// Sync requests per peer per minute.
    SyncRequests,
}

impl RateLimit {
    pub(super) fn name(self) -> &'static str {
        match self {
            RateLimit::PeerGossip => "peer_gossip",
            RateLimit::PeerDirect => "peer_direct",
            RateLimit::ValidationQueue => "validation_queue",
            RateLimit::AuthorDaily => "author_daily",
            RateLimit::SyncRequests => "sync_requests",
        }
    }
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(super) struct LimitLabel {
    pub(super) limit: &'static str,
}

/// `vetnet_rate_limited`, for the limits checked outside the network loop
/// (the family is registered with the network's).
#[derive(Clone)]
pub struct RateLimitCounter(pub(super) Family<LimitLabel, Counter>);

/// What the network event loop counts. Owned by the loop.
pub struct NetworkMetrics {
    libp2p: Metrics,
    peers: Gauge,
    banned: Gauge,
    bans: Counter,
    rate_limited: Family<LimitLabel, Counter>,
}

impl NetworkMetrics {
    /// Registers libp2p's families (under `libp2p_`) and the network's own
    /// (under `vetnet_`) in `registry`.
    pub fn register(registry: &mut Registry) -> Self {
        let libp2p = Metrics::new(registry);
        let vetnet = registry.sub_registry_with_prefix("vetnet");
        let peers = Gauge::default();
        vetnet.register("peers_connected", "Peers with at least one open connection", peers.clone());
        let banned = Gauge::default();
        vetnet.register(
            "peers_banned",
            "Peers banned now (disconnected and refused until the ban ends)",
            banned.clone(),
        );
        let bans = Counter::default();
        vetnet.register(
            "bans",
            "Peers banned for a gossip score below the graylist threshold or bad direct messages",
            bans.clone(),
        );
        let rate_limited = Family::default();
        vetnet.register(
            "rate_limited",
            "Messages dropped by a limit, by limit (peer_gossip, peer_direct, validation_queue, author_daily, sync_requests)",
            rate_limited.clone(),
        );
        Self { libp2p, peers, banned, bans, rate_limited }
    }

    /// The rate-limit family, for the limits checked outside the loop.
    pub fn rate_limits(&self) -> RateLimitCounter {
        RateLimitCounter(self.rate_limited.clone())
    }

    /// Feeds one swarm or behaviour event to libp2p's metrics.
    pub(crate) fn record<E>(&self, event: &E)
    where
        Metrics: Recorder<E>,
    {
        self.libp2p.record(event);
    }

    pub(crate) fn set_peers(&self, connected: usize, banned: usize) {
        self.peers.set(i64::try_from(connected).unwrap_or(i64::MAX));
        self.banned.set(i64::try_from(banned).unwrap_or(i64::MAX));
    }

    pub(crate) fn count_ban(&self) {
        self.bans.inc();
    }

    pub(crate) fn count_rate_limited(&self, limit: RateLimit) {
        self.rate_limited.get_or_create(&LimitLabel { limit: limit.name() }).inc();
    }
}
