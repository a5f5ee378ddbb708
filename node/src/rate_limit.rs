//! Rate limits against floods (the `[limits]` table of `config.toml`).
//!
//! Two limits, both generous for real use and both bounded in memory:
//!
//! - [`PeerMessageLimit`]: gossip messages per peer (the propagation source),
//!   a token bucket per peer. The network event loop checks it before a
//!   message reaches the ingest queue; a message over the limit is dropped
//!   unread (not forwarded) and the peer collects a penalty that lowers its
//!   gossipsub score, so a peer that keeps flooding is graylisted and then
//!   banned like a peer that sends invalid records.
//! - [`AuthorRecordLimit`]: new records stored per author per UTC day of the
//!   records' own `ts`. Counted by ingest (gossip and sync) for records this
//!   node actually stores, so an honest author's older history, spread over
//!   its days, is never refused during catch-up.
//!
//! A record refused for either reason is not lost: it is still held by the
//! peers that accepted it, and sync fetches it later: in the next session
//! for the per-peer limit; for the per-author limit once the author-day has
//! room, which is after a restart (counts live in memory and start from zero)
//! or with a higher limit. The first refusal of each author-day is logged as
//! a warning, so it is never silent.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use libp2p::PeerId;
use serde::{Deserialize, Serialize};
use vetnet_protocol::InstitutionId;

/// The `[limits]` table of `config.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimits {
    /// New records (first versions, updates, withdrawals) this node stores
    /// per author per UTC day of the records' `ts`. Real institutions publish
    /// tens to hundreds a day.
    pub records_per_author_per_day: u32,
    /// Gossip messages a peer may send per minute, sustained. A peer forwards
    /// everyone's records, so this is the whole network's rate as one
    /// neighbour sees it.
    pub messages_per_peer_per_minute: u32,
    /// Gossip messages a peer may send at once before the per-minute rate
    /// applies (an outbox flushed after a restart is one burst).
    pub message_burst_per_peer: u32,
    /// How long a peer whose gossip score fell below the graylist threshold
    /// is disconnected and refused, in minutes.
    pub peer_ban_minutes: u32,
    /// Direct messages (mobility steps) a peer may send per minute,
    /// sustained. Only the two nodes of a thread talk directly, so this is
    /// one partner's pace; a step over it is not read, and the sender's
    /// outbox sends it again later.
    pub direct_messages_per_peer_per_minute: u32,
    /// Direct messages a peer may send at once (an outbox delivered after
    /// a long absence is one burst).
    pub direct_message_burst_per_peer: u32,
}

pub const DEFAULT_RECORDS_PER_AUTHOR_PER_DAY: u32 = 1_000;
pub const DEFAULT_MESSAGES_PER_PEER_PER_MINUTE: u32 = 600;
pub const DEFAULT_MESSAGE_BURST_PER_PEER: u32 = 1_000;
pub const DEFAULT_PEER_BAN_MINUTES: u32 = 60;
pub const DEFAULT_DIRECT_MESSAGES_PER_PEER_PER_MINUTE: u32 = 120;
pub const DEFAULT_DIRECT_MESSAGE_BURST_PER_PEER: u32 = 200;

/// Upper bounds of the settings: above them a limit no longer limits.
const MAX_RECORDS_PER_AUTHOR_PER_DAY: u32 = 1_000_000;
const MAX_MESSAGES_PER_PEER_PER_MINUTE: u32 = 100_000;
const MAX_MESSAGE_BURST_PER_PEER: u32 = 100_000;
/// A week: bans always end, so a bootstrap peer that misbehaved once is
/// dialled again.
const MAX_PEER_BAN_MINUTES: u32 = 7 * 24 * 60;

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            records_per_author_per_day: DEFAULT_RECORDS_PER_AUTHOR_PER_DAY,
            messages_per_peer_per_minute: DEFAULT_MESSAGES_PER_PEER_PER_MINUTE,
            message_burst_per_peer: DEFAULT_MESSAGE_BURST_PER_PEER,
            peer_ban_minutes: DEFAULT_PEER_BAN_MINUTES,
            direct_messages_per_peer_per_minute: DEFAULT_DIRECT_MESSAGES_PER_PEER_PER_MINUTE,
            direct_message_burst_per_peer: DEFAULT_DIRECT_MESSAGE_BURST_PER_PEER,
        }
    }
}

impl RateLimits {
    /// The rules the settings follow; the message names the setting.
    pub fn check(&self) -> Result<(), String> {
        let in_range = |name: &str, value: u32, max: u32| {
            if (1..=max).contains(&value) {
                Ok(())
            } else {
                Err(format!("limits.{name}: must be between 1 and {max} (got {value})"))
            }
        };
        in_range("records_per_author_per_day", self.records_per_author_per_day, MAX_RECORDS_PER_AUTHOR_PER_DAY)?;
        in_range("messages_per_peer_per_minute", self.messages_per_peer_per_minute, MAX_MESSAGES_PER_PEER_PER_MINUTE)?;
        in_range("message_burst_per_peer", self.message_burst_per_peer, MAX_MESSAGE_BURST_PER_PEER)?;
        in_range("peer_ban_minutes", self.peer_ban_minutes, MAX_PEER_BAN_MINUTES)?;
        in_range(
            "direct_messages_per_peer_per_minute",
            self.direct_messages_per_peer_per_minute,
            MAX_MESSAGES_PER_PEER_PER_MINUTE,
        )?;
        in_range("direct_message_burst_per_peer", self.direct_message_burst_per_peer, MAX_MESSAGE_BURST_PER_PEER)?;
        Ok(())
    }

    pub fn peer_ban(&self) -> Duration {
        Duration::from_secs(u64::from(self.peer_ban_minutes) * 60)
    }
}

/// Peers whose buckets are remembered. Connection limits keep the connected
/// peers far below this; the rest are peers seen recently.
const TRACKED_PEERS: usize = 4_096;
/// A dropped message's penalty halves in this time.
const PENALTY_HALF_LIFE: Duration = Duration::from_secs(60);
/// Penalties below this are forgotten.
const PENALTY_FLOOR: f64 = 0.01;

/// One peer's token bucket and its penalty for messages over the limit.
#[derive(Debug, Clone)]
struct PeerBucket {
    tokens: f64,
    /// Messages dropped for the rate, decaying with [`PENALTY_HALF_LIFE`].
    penalty: f64,
    updated: Instant,
}

/// Gossip messages per peer: a token bucket each, in a bounded map.
#[derive(Debug)]
pub struct PeerMessageLimit {
    per_second: f64,
    burst: f64,
    buckets: HashMap<PeerId, PeerBucket>,
}

impl PeerMessageLimit {
    /// The gossip limit of `limits`.
    pub fn new(limits: &RateLimits) -> Self {
        Self::with_rate(limits.messages_per_peer_per_minute, limits.message_burst_per_peer)
    }

    /// The direct-message limit of `limits`.
    pub fn direct(limits: &RateLimits) -> Self {
        Self::with_rate(limits.direct_messages_per_peer_per_minute, limits.direct_message_burst_per_peer)
    }

    fn with_rate(per_minute: u32, burst: u32) -> Self {
        Self { per_second: f64::from(per_minute) / 60.0, burst: f64::from(burst.max(1)), buckets: HashMap::new() }
    }

    /// Adds `amount` to `peer`'s penalty (a message that was garbage, not
    /// merely too fast) and returns the penalty now.
    pub fn punish(&mut self, peer: PeerId, amount: f64, now: Instant) -> f64 {
        if !self.buckets.contains_key(&peer) && self.buckets.len() >= TRACKED_PEERS {
            self.make_room(now);
        }
        let (per_second, burst) = (self.per_second, self.burst);
        let bucket =
            self.buckets.entry(peer).or_insert_with(|| PeerBucket { tokens: burst, penalty: 0.0, updated: now });
        Self::refresh(bucket, per_second, burst, now);
        bucket.penalty += amount;
        bucket.penalty
    }

    /// Takes one message's token from `peer`'s bucket. `false` when the
    /// bucket is empty: the message is over the limit and adds one to the
    /// peer's penalty.
    pub fn allow(&mut self, peer: PeerId, now: Instant) -> bool {
        if !self.buckets.contains_key(&peer) && self.buckets.len() >= TRACKED_PEERS {
            self.make_room(now);
        }
        let burst = self.burst;
        let bucket =
            self.buckets.entry(peer).or_insert_with(|| PeerBucket { tokens: burst, penalty: 0.0, updated: now });
        Self::refresh(bucket, self.per_second, burst, now);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            bucket.penalty += 1.0;
            false
        }
    }

    /// The peer's current penalty: messages dropped for the rate, decayed.
    pub fn penalty(&mut self, peer: &PeerId, now: Instant) -> f64 {
        let (per_second, burst) = (self.per_second, self.burst);
        self.buckets.get_mut(peer).map_or(0.0, |bucket| {
            Self::refresh(bucket, per_second, burst, now);
            bucket.penalty
        })
    }

    /// Peers with a penalty, and the penalty now (for their gossip scores).
    pub fn penalties(&mut self, now: Instant) -> Vec<(PeerId, f64)> {
        let (per_second, burst) = (self.per_second, self.burst);
        self.buckets
            .iter_mut()
            .filter(|(_, bucket)| bucket.penalty > 0.0)
            .map(|(peer, bucket)| {
                Self::refresh(bucket, per_second, burst, now);
                (*peer, bucket.penalty)
            })
            .collect()
    }

    /// Peers tracked now (never more than a few thousand).
    pub fn tracked(&self) -> usize {
        self.buckets.len()
    }

    fn refresh(bucket: &mut PeerBucket, per_second: f64, burst: f64, now: Instant) {
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(burst);
        bucket.penalty *= 0.5_f64.powf(elapsed / PENALTY_HALF_LIFE.as_secs_f64());
        if bucket.penalty < PENALTY_FLOOR {
            bucket.penalty = 0.0;
        }
        bucket.updated = now;
    }

    /// Forgets peers whose buckets are full again and carry no penalty (a
    /// new entry would look the same); if every peer is still busy, forgets
    /// the fullest buckets' half.
    fn make_room(&mut self, now: Instant) {
        let (per_second, burst) = (self.per_second, self.burst);
        self.buckets.retain(|_, bucket| {
            Self::refresh(bucket, per_second, burst, now);
            bucket.tokens < burst || bucket.penalty > 0.0
        });
        if self.buckets.len() >= TRACKED_PEERS {
            let mut tokens: Vec<f64> = self.buckets.values().map(|b| b.tokens).collect();
            let middle = tokens.len() / 2;
            tokens.select_nth_unstable_by(middle, f64::total_cmp);
            let median = tokens[middle];
            self.buckets.retain(|_, bucket| bucket.tokens < median || bucket.penalty > 0.0);
            if self.buckets.len() >= TRACKED_PEERS {
                // Every tracked peer is penalised: keep the worst half.
                let mut penalties: Vec<f64> = self.buckets.values().map(|b| b.penalty).collect();
                let middle = penalties.len() / 2;
                penalties.select_nth_unstable_by(middle, f64::total_cmp);
                let median = penalties[middle];
                self.buckets.retain(|_, bucket| bucket.penalty > median);
            }
        }
    }
}

/// Author-days whose counts are remembered; about 50 bytes each.
const TRACKED_AUTHOR_DAYS: usize = 100_000;
const DAY_SECS: u64 = 24 * 60 * 60;

/// New records stored per author per UTC day of the records' `ts`.
#[derive(Debug)]
pub struct AuthorRecordLimit {
    per_day: u32,
    counts: Mutex<HashMap<(InstitutionId, u64), AuthorDay>>,
}

/// Records stored for one author-day, and whether a refusal was logged.
#[derive(Debug, Clone, Copy, Default)]
struct AuthorDay {
    stored: u32,
    warned: bool,
}

impl AuthorRecordLimit {
    pub fn new(limits: &RateLimits) -> Self {
        Self::with_per_day(limits.records_per_author_per_day)
    }

    /// No limit (benchmarks, offline tools).
    pub fn unlimited() -> Self {
        Self::with_per_day(u32::MAX)
    }

    fn with_per_day(per_day: u32) -> Self {
        Self { per_day, counts: Mutex::new(HashMap::new()) }
    }

    pub fn per_day(&self) -> u32 {
        self.per_day
    }

    /// Reserves a place for a record of `author` dated `ts`; `false` when
    /// the author's day is full. A reservation for a record that then is not
    /// stored is given back with [`AuthorRecordLimit::release`].
    pub fn try_reserve(&self, author: InstitutionId, ts: u64) -> bool {
        if self.per_day == u32::MAX {
            return true;
        }
        let key = (author, ts / DAY_SECS);
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if !counts.contains_key(&key) && counts.len() >= TRACKED_AUTHOR_DAYS {
            make_room(&mut counts);
        }
        let day = counts.entry(key).or_default();
        if day.stored >= self.per_day {
            if !day.warned {
                day.warned = true;
                tracing::warn!(
                    %author,
                    day = key.1,
                    per_day = self.per_day,
                    "an author reached its daily limit of new records; more of that day are not stored \
                     (limits.records_per_author_per_day)"
                );
            }
            return false;
        }
        day.stored += 1;
        true
    }

    /// Gives back a place reserved for a record that was not stored
    /// (already held, older than the one held, or a store error).
    pub fn release(&self, author: InstitutionId, ts: u64) {
        if self.per_day == u32::MAX {
            return;
        }
        let key = (author, ts / DAY_SECS);
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(day) = counts.get_mut(&key) {
            day.stored = day.stored.saturating_sub(1);
            if day.stored == 0 && !day.warned {
                counts.remove(&key);
            }
        }
    }

    /// Records of `author` stored for the day of `ts`, as counted here.
    pub fn count(&self, author: InstitutionId, ts: u64) -> u32 {
        let counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts.get(&(author, ts / DAY_SECS)).map_or(0, |day| day.stored)
    }

    /// Author-days tracked now (at most 100,000).
    pub fn tracked(&self) -> usize {
        self.counts.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}

/// Forgets the author-days with the lowest count (at least one entry): an
/// author that is flooding keeps its high count; forgetting a low one only
/// gives an author a little more room.
fn make_room(counts: &mut HashMap<(InstitutionId, u64), AuthorDay>) {
    let Some(lowest) = counts.values().map(|day| day.stored).min() else { return };
    counts.retain(|_, day| day.stored > lowest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(n: u8) -> InstitutionId {
        vetnet_protocol::InstitutionKey::from_secret_bytes(&[n; 32]).id()
    }

    #[test]
    fn defaults_pass_their_own_checks_and_each_setting_is_named() {
        assert_eq!(RateLimits::default().check(), Ok(()));
        let error = |limits: RateLimits| limits.check().unwrap_err();
        let zero = RateLimits { records_per_author_per_day: 0, ..RateLimits::default() };
        assert!(error(zero).starts_with("limits.records_per_author_per_day:"));
        let zero = RateLimits { messages_per_peer_per_minute: 0, ..RateLimits::default() };
        assert!(error(zero).starts_with("limits.messages_per_peer_per_minute:"));
        let zero = RateLimits { message_burst_per_peer: 0, ..RateLimits::default() };
        assert!(error(zero).starts_with("limits.message_burst_per_peer:"));
        let forever = RateLimits { peer_ban_minutes: 100_000, ..RateLimits::default() };
        assert!(error(forever).starts_with("limits.peer_ban_minutes:"));
    }

    #[test]
    fn a_peer_gets_its_burst_then_the_rate_and_pays_for_the_excess() {
        let limits =
            RateLimits { messages_per_peer_per_minute: 60, message_burst_per_peer: 5, ..RateLimits::default() };
        let mut limit = PeerMessageLimit::new(&limits);
        let (peer, other) = (PeerId::random(), PeerId::random());
        let start = Instant::now();
        assert!((0..5).all(|_| limit.allow(peer, start)));
        assert!(!limit.allow(peer, start));
        assert!(!limit.allow(peer, start));
        assert_eq!(limit.penalty(&peer, start), 2.0);
        assert!(limit.allow(other, start), "buckets are per peer");
        // One token a second.
        let later = start + Duration::from_secs(1);
        assert!(limit.allow(peer, later));
        assert!(!limit.allow(peer, later));
        // The penalty halves every minute and is forgotten in the end.
        let much_later = later + Duration::from_secs(60);
        let expected = (2.0 * 0.5_f64.powf(1.0 / 60.0) + 1.0) * 0.5;
        assert!((limit.penalty(&peer, much_later) - expected).abs() < 1e-9);
        assert_eq!(limit.penalty(&peer, much_later + Duration::from_secs(3_600)), 0.0);
        assert_eq!(limit.penalties(much_later + Duration::from_secs(3_600)), Vec::new());
    }

    #[test]
    fn peer_buckets_are_bounded() {
        let limits = RateLimits { message_burst_per_peer: 2, ..RateLimits::default() };
        let mut limit = PeerMessageLimit::new(&limits);
        let now = Instant::now();
        let flooder = PeerId::random();
        for _ in 0..10 {
            limit.allow(flooder, now);
        }
        for _ in 0..3 * TRACKED_PEERS {
            limit.allow(PeerId::random(), now);
            assert!(limit.tracked() <= TRACKED_PEERS);
        }
        assert!(limit.penalty(&flooder, now) >= 8.0, "a penalised peer is not forgotten to make room");
    }

    #[test]
    fn author_days_are_counted_by_the_records_own_ts() {
        let limit = AuthorRecordLimit::new(&RateLimits { records_per_author_per_day: 3, ..RateLimits::default() });
        let (a, b) = (author(1), author(2));
        let today = 20_000 * DAY_SECS + 100;
        assert!((0..3).all(|i| limit.try_reserve(a, today + i)));
        assert!(!limit.try_reserve(a, today + 50), "the fourth of the day is refused");
        assert!(limit.try_reserve(b, today), "another author has its own count");
        assert!(limit.try_reserve(a, today - DAY_SECS), "older history has its own days");
        // A record that was not stored gives its place back.
        limit.release(a, today);
        assert!(limit.try_reserve(a, today));
        assert_eq!(limit.count(a, today), 3);
        let unlimited = AuthorRecordLimit::unlimited();
        assert!((0..10_000).all(|_| unlimited.try_reserve(a, today)));
        assert_eq!(unlimited.tracked(), 0);
    }

    #[test]
    fn author_days_are_bounded() {
        let mut counts = HashMap::new();
        let (a, b) = (author(1), author(2));
        let stored = |n| AuthorDay { stored: n, warned: false };
        counts.insert((a, 1), stored(5));
        counts.insert((b, 1), stored(1));
        counts.insert((b, 2), stored(1));
        make_room(&mut counts);
        assert_eq!(counts.len(), 1, "the lowest counts go first");
        assert_eq!(counts.get(&(a, 1)).map(|day| day.stored), Some(5));
        // The map never grows past its bound.
        let limit = AuthorRecordLimit::new(&RateLimits::default());
        for i in 0..(TRACKED_AUTHOR_DAYS as u64 + 10) {
            assert!(limit.try_reserve(a, i * DAY_SECS));
        }
        assert!(limit.tracked() <= TRACKED_AUTHOR_DAYS);
    }
}
