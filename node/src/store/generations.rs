//! Counters that tell caches of derived data when to rebuild, and the slots
//! those caches live in, so that the store need not know what anyone
//! derives from its records.
//!
//! [`KindGenerations`] counts, per record kind, every version of that kind
//! stored or removed; the anchors have a counter of their own. A module that
//! caches something built from records of some kinds (trust, from
//! endorsements and key records) keeps the counters it read when it built
//! it, and builds again once one of them moved.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use vetnet_protocol::RecordKind;

/// The kinds this version interprets have a counter each; every other kind
/// shares the last one, so peers inventing kinds cannot grow this.
const COUNTERS: usize = 15;

/// Changes per record kind since the store was opened.
#[derive(Default)]
pub(super) struct KindGenerations {
    counters: [AtomicU64; COUNTERS],
    anchors: AtomicU64,
}

impl KindGenerations {
    fn counter(kind: &RecordKind) -> usize {
        match kind {
            RecordKind::Profile => 0,
            RecordKind::Offer => 1,
            RecordKind::Need => 2,
            RecordKind::Achievement => 3,
            RecordKind::Revocation => 4,
            RecordKind::Delegation => 5,
            RecordKind::Endorsement => 6,
            RecordKind::KeyRotation => 7,
            RecordKind::KeyRevocation => 8,
            RecordKind::NetworkProfile => 9,
            RecordKind::Event => 10,
            RecordKind::SkillsNeed => 11,
            RecordKind::Resource => 12,
            RecordKind::IssuanceStats => 13,
            RecordKind::Other(_) => COUNTERS - 1,
        }
    }

    /// A version of `kind` was stored or removed.
    pub(super) fn bump(&self, kind: &RecordKind) {
        self.counters[Self::counter(kind)].fetch_add(1, Ordering::AcqRel);
    }

    pub(super) fn get(&self, kind: &RecordKind) -> u64 {
        self.counters[Self::counter(kind)].load(Ordering::Acquire)
    }

    /// The node's trust anchors were set.
    pub(super) fn bump_anchors(&self) {
        self.anchors.fetch_add(1, Ordering::AcqRel);
    }

    pub(super) fn anchors(&self) -> u64 {
        self.anchors.load(Ordering::Acquire)
    }
}

/// One value per type, made on first use and kept while the store is open:
/// where other modules keep caches of what they derive from the records
/// (the trust graph). The store never looks inside; each cache keys itself
/// on the generations it was built from. At most one entry per Rust type, so
/// it stays as small as the code that uses it.
#[derive(Default)]
pub(super) struct DerivedCaches {
    values: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl DerivedCaches {
    pub(super) fn get<T: Any + Send + Sync + Default>(&self) -> Arc<T> {
        let mut values = self.values.lock().unwrap_or_else(PoisonError::into_inner);
        let value = values.entry(TypeId::of::<T>()).or_insert_with(|| Arc::new(T::default())).clone();
        // The entry of `T`'s type id always holds a `T`; the fallback only
        // keeps this free of a panic.
        value.downcast::<T>().unwrap_or_else(|_| Arc::new(T::default()))
    }
}
