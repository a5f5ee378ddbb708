//! The node's metrics, served at `GET /metrics` on the admin address in the
//! OpenMetrics text format (`prometheus-client`, the crate libp2p's own
//! metrics use, so one [`Registry`] holds both).
//!
//! The registry is built once at start. The network's families
//! ([`NetworkMetrics`], with libp2p's swarm, gossipsub, identify, Kademlia,
//! ping, relay and DCUtR metrics) are registered first, because the swarm is
//! built with them; [`NodeMetrics::new`] then adds the rest and owns the
//! registry. The parts that count hold clones of their families (each is an
//! `Arc` of atomics): the event loop records the swarm's metrics (only it
//! owns the swarm), gossip ingest the verdicts, sync its sessions, the API
//! its latency per route template. Gauges of state (records held by kind,
//! outbox depths) are read from the store when a scrape asks.
//!
//! Every label takes values from a fixed set (verdicts and reasons, kinds,
//! limits, route templates, never peer ids or raw paths), so the number of
//! series is bounded whatever peers and clients send.
//!
//! This module is a leaf: it knows labels and numbers, not the types of the
//! parts that count (`ingest::verdict_labels` names a verdict's labels), so
//! every module may use it. `network.rs` holds the families the network
//! event loop records; `api::metrics` serves them.

mod network;

use std::sync::Arc;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

pub use network::{NetworkMetrics, RateLimit, RateLimitCounter};

/// What one finished sync session moved.
#[derive(Debug, Clone, Copy, Default)]
pub struct SyncSessionCounts {
    pub sent: u64,
    pub received: u64,
    pub stored: u64,
    pub stale: u64,
}

/// A gossip verdict and why it was given.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VerdictLabels {
    verdict: &'static str,
    reason: &'static str,
}

/// One label of a fixed set of values.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabel {
    kind: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabel {
    outcome: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct DirectionLabel {
    direction: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct QueueLabel {
    queue: &'static str,
}

/// An API request by its route template (`/v1/offers/{id}`), never the raw
/// path, so the series stay bounded.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

/// The node's metrics and the one registry that holds them. Cheap to clone.
#[derive(Clone)]
pub struct NodeMetrics {
    inner: Arc<Inner>,
}

struct Inner {
    registry: Registry,
    gossip_verdicts: Family<VerdictLabels, Counter>,
    records: Family<KindLabel, Gauge>,
    sync_sessions: Family<OutcomeLabel, Counter>,
    sync_bytes: Family<DirectionLabel, Counter>,
    sync_records: Family<OutcomeLabel, Counter>,
    sync_requests: Family<OutcomeLabel, Counter>,
    outbox: Family<QueueLabel, Gauge>,
    /// Shared with the network's families: one family, every limit.
    rate_limited: RateLimitCounter,
    api_latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
}

/// Buckets of API latency: 1 ms to about 16 s.
fn api_buckets() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

impl NodeMetrics {
    /// Adds the node's own families to `registry`, which already holds the
    /// network's (with `rate_limited`, which both count), and keeps it.
    pub fn new(mut registry: Registry, rate_limited: RateLimitCounter) -> Self {
        let vetnet = registry.sub_registry_with_prefix("vetnet");
        let gossip_verdicts = Family::default();
        vetnet.register(
            "gossip_messages",
            "Gossip messages judged, by verdict (accept, ignore, reject) and reason",
            gossip_verdicts.clone(),
        );
        let records = Family::default();
        vetnet.register("records", "Live records held, by kind", records.clone());
        let sync_sessions = Family::default();
        vetnet.register(
            "sync_sessions",
            "Sync sessions this node started, by outcome (ok, error)",
            sync_sessions.clone(),
        );
        let sync_bytes = Family::default();
        vetnet.register(
            "sync_bytes",
            "Bytes of this node's sync sessions, by direction (sent, received)",
            sync_bytes.clone(),
        );
        let sync_records = Family::default();
        vetnet.register("sync_records", "Records fetched by sync, by outcome (stored, stale)", sync_records.clone());
        let sync_requests = Family::default();
        vetnet.register(
            "sync_requests_answered",
            "Peers' sync requests, by outcome (answered, refused over the per-peer budget)",
            sync_requests.clone(),
        );
        let outbox = Family::default();
        vetnet.register(
            "outbox_depth",
            "Items waiting to be sent, by queue (records: own records no peer has had; mobility: steps; letters)",
            outbox.clone(),
        );
        let api_latency = Family::new_with_constructor(api_buckets as fn() -> Histogram);
        vetnet.register(
            "api_request_duration_seconds",
            "Admin API requests by method and route template, and how long they took",
            api_latency.clone(),
        );
        Self {
            inner: Arc::new(Inner {
                gossip_verdicts,
                records,
                sync_sessions,
                sync_bytes,
                sync_records,
                sync_requests,
                outbox,
                rate_limited,
                api_latency,
                registry,
            }),
        }
    }

    /// A gossip message judged by ingest: its verdict (`accept`, `ignore`,
    /// `reject`) and the reason (`ingest::verdict_labels` names both).
    pub fn count_gossip(&self, verdict: &'static str, reason: &'static str) {
        self.inner.gossip_verdicts.get_or_create(&VerdictLabels { verdict, reason }).inc();
    }

    /// A message stopped by a limit outside the network loop.
    pub fn count_rate_limited(&self, limit: RateLimit) {
        self.inner.rate_limited.0.get_or_create(&network::LimitLabel { limit: limit.name() }).inc();
    }

    /// One of this node's sync sessions ended well, having moved `sent`
    /// and `received` bytes and fetched `stored` new and `stale` old records.
    pub fn count_sync_session(&self, session: SyncSessionCounts) {
        let inner = &self.inner;
        inner.sync_sessions.get_or_create(&OutcomeLabel { outcome: "ok" }).inc();
        inner.sync_bytes.get_or_create(&DirectionLabel { direction: "sent" }).inc_by(session.sent);
        inner.sync_bytes.get_or_create(&DirectionLabel { direction: "received" }).inc_by(session.received);
        inner.sync_records.get_or_create(&OutcomeLabel { outcome: "stored" }).inc_by(session.stored);
        inner.sync_records.get_or_create(&OutcomeLabel { outcome: "stale" }).inc_by(session.stale);
    }

    /// One of this node's sync sessions failed.
    pub fn count_sync_failure(&self) {
        self.inner.sync_sessions.get_or_create(&OutcomeLabel { outcome: "error" }).inc();
    }

    /// A peer's sync request was answered, or refused over its budget.
    pub fn count_sync_request(&self, answered: bool) {
        let outcome = if answered { "answered" } else { "refused" };
        self.inner.sync_requests.get_or_create(&OutcomeLabel { outcome }).inc();
        if !answered {
            self.count_rate_limited(RateLimit::SyncRequests);
        }
    }

    /// One API request to `route` (a template) took `seconds`.
    pub fn observe_api(&self, method: &str, route: &str, seconds: f64) {
        let labels = RouteLabels { method: method.to_owned(), route: route.to_owned() };
        self.inner.api_latency.get_or_create(&labels).observe(seconds);
    }

    /// Sets the gauges of state: live records per kind, and the outboxes.
    pub fn set_state(&self, records: &std::collections::BTreeMap<String, u64>, outboxes: [(&'static str, usize); 3]) {
        // Kinds no longer held drop out (a scrape at the same moment may
        // miss them once; the next one has them).
        self.inner.records.clear();
        for (kind, count) in records {
            self.inner.records.get_or_create(&KindLabel { kind: kind.clone() }).set(to_gauge(*count));
        }
        for (queue, depth) in outboxes {
            self.inner.outbox.get_or_create(&QueueLabel { queue }).set(to_gauge(depth as u64));
        }
    }

    /// The registry as OpenMetrics text (ends with `# EOF`).
    pub fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.inner.registry)?;
        Ok(text)
    }
}

fn to_gauge(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}
