//! The wall clock the node's rules read: record and step timestamps,
//! "from the future" checks, deadlines, expiry, "records per author per
//! day", and the due times of the mobility outbox's retries.
//!
//! A [`Clock`] is the system clock in production and a manual clock in
//! tests, which set and advance it by hand; it is chosen once when the node
//! starts and handed to every service that reads the time. Timers (sleeps,
//! intervals, the pace of retries) stay tokio time: what a test must
//! control is the time the rules compare against, not how often they run.
//!
//! This is a leaf module: it uses nothing else of the crate.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The time the rules read. Cheap to clone; clones of a manual clock share
/// one time, so advancing one advances them all.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    source: Source,
}

#[derive(Debug, Clone, Default)]
enum Source {
    /// The operating system's wall clock.
    #[default]
    System,
    /// Unix milliseconds, moved only by [`Clock::set`] and
    /// [`Clock::advance`]. Shared, so that every service handed a clone of
    /// one manual clock sees the same time.
    Manual(Arc<AtomicU64>),
}

impl Clock {
    /// The operating system's clock (the default).
    pub fn system() -> Self {
        Self { source: Source::System }
    }

    /// A clock that stands at `start_unix_secs` until it is set or advanced.
    pub fn manual(start_unix_secs: u64) -> Self {
        Self { source: Source::Manual(Arc::new(AtomicU64::new(start_unix_secs.saturating_mul(1000)))) }
    }

    /// Whether this is a manual clock (tests).
    pub fn is_manual(&self) -> bool {
        matches!(self.source, Source::Manual(_))
    }

    /// Seconds since the Unix epoch.
    pub fn now_unix(&self) -> u64 {
        self.now_unix_ms() / 1000
    }

    /// Milliseconds since the Unix epoch.
    pub fn now_unix_ms(&self) -> u64 {
        match &self.source {
            Source::System => system_unix_ms(),
            Source::Manual(ms) => ms.load(Ordering::SeqCst),
        }
    }

    /// The time as a UTC date and time (credentials write and compare these).
    pub fn now_utc(&self) -> chrono::DateTime<chrono::Utc> {
        let ms = i64::try_from(self.now_unix_ms()).unwrap_or(i64::MAX);
        chrono::DateTime::from_timestamp_millis(ms).unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC)
    }

    /// Today's UTC date as `YYYY-MM-DD`, the form the trust and key rules
    /// compare (an endorsement holds on a day, a delegation starts on one).
    pub fn today(&self) -> String {
        self.now_utc().date_naive().format("%Y-%m-%d").to_string()
    }

    /// Moves a manual clock forward by `by`. The system clock cannot be
    /// moved: on it this does nothing.
    pub fn advance(&self, by: Duration) {
        if let Source::Manual(ms) = &self.source {
            let by = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
            // A closure that always returns `Some` cannot fail.
            let _ = ms.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |now| Some(now.saturating_add(by)));
        }
    }

    /// Sets a manual clock to `unix_secs` (also backwards, to test a clock
    /// that is off). The system clock cannot be set: on it this does nothing.
    pub fn set(&self, unix_secs: u64) {
        if let Source::Manual(ms) = &self.source {
            ms.store(unix_secs.saturating_mul(1000), Ordering::SeqCst);
        }
    }
}

fn system_unix_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Seconds since the Unix epoch on the system clock, for code that is not
/// handed a [`Clock`] yet. Rules should read the node's clock instead.
pub fn unix_now() -> u64 {
    system_unix_ms() / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_by_hand_and_its_clones_share_it() {
        let clock = Clock::manual(1_800_000_000);
        let clone = clock.clone();
        assert_eq!(clock.now_unix(), 1_800_000_000);
        clock.advance(Duration::from_millis(1_500));
        assert_eq!(clone.now_unix_ms(), 1_800_000_001_500);
        assert_eq!(clone.now_unix(), 1_800_000_001);
        clone.set(86_400 * 3 - 1);
        assert_eq!(clock.today(), "1970-01-03");
        clock.advance(Duration::from_secs(1));
        assert_eq!(clock.today(), "1970-01-04");
        assert_eq!(clock.now_utc().timestamp(), 86_400 * 3);
        assert!(clock.is_manual());
    }

    #[test]
    fn the_system_clock_is_the_default_and_cannot_be_moved() {
        let clock = Clock::default();
        assert!(!clock.is_manual());
        let before = unix_now();
        clock.advance(Duration::from_secs(3_600));
        clock.set(0);
        let now = clock.now_unix();
        assert!(now >= before && now < before + 60, "{now} is the system time, not moved");
        assert_eq!(clock.today(), chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string());
    }
}
