//! What the network's `key-rotation` and `key-revocation` records say about
//! keys, in memory: which key handed over to which, and which keys are
//! revoked from when. The store asks it before storing any record, so a
//! record a rotated or revoked key signed after the fact is never stored
//! (or, if it arrived first, is removed when the rotation or revocation
//! arrives).
//!
//! The rules (docs/PROTOCOL.md, "Key rotation and revocation"):
//! - a key that rotated at `ts` T: its records with `ts` > T are refused;
//! - a key revoked `since` S: its records with `ts` >= S are refused, except
//!   its revocations of itself, and its own rotation to the successor a
//!   revocation by itself names;
//! - a revocation counts when the key signed it itself, or when a trust
//!   anchor of this node signed it and holds a live endorsement of the key.

use std::collections::{HashMap, HashSet};

use vetnet_protocol::key_lifecycle::KeyRevocationReason;
use vetnet_protocol::{Content, InstitutionId, VerifiedRecord};

/// Longest chain of rotations followed (a key's successor's successor ...).
pub const MAX_ROTATION_CHAIN: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rotation {
    pub next: InstitutionId,
    /// The rotation record's `ts`.
    pub at: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revocation {
    /// Who signed the revocation: the key itself or an anchor.
    pub by: InstitutionId,
    pub since: u64,
    pub reason: KeyRevocationReason,
    pub successor: Option<InstitutionId>,
}

/// Why the store refuses a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRefusal {
    /// The key rotated to `next` before it signed the record.
    Rotated { next: InstitutionId, at: u64 },
    /// The key was revoked from `since` on.
    Revoked { by: InstitutionId, since: u64 },
}

/// What a record is, as far as the exceptions of the rules go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRecordRole {
    /// A key's revocation of itself: always accepted, it only takes power away.
    SelfRevocation,
    /// A key's rotation to this successor.
    RotationTo(InstitutionId),
    Other,
}

impl KeyRecordRole {
    pub fn of(record: &VerifiedRecord) -> Self {
        match &record.content {
            Content::KeyRevocation(revocation) if revocation.key_id() == Some(record.author) => Self::SelfRevocation,
            Content::KeyRotation(rotation) => rotation.next_id().map_or(Self::Other, Self::RotationTo),
            _ => Self::Other,
        }
    }
}

#[derive(Debug, Default)]
pub struct KeyLedger {
    rotations: HashMap<InstitutionId, Rotation>,
    revocations: HashMap<InstitutionId, Vec<Revocation>>,
    /// This node's trust anchors: their revocations of keys they endorse count.
    anchors: HashSet<InstitutionId>,
}

impl KeyLedger {
    /// Takes in a stored `key-rotation` or `key-revocation` record; returns
    /// the key it is about, whose records may now have to go.
    pub fn note(&mut self, record: &VerifiedRecord) -> Option<InstitutionId> {
        match &record.content {
            Content::KeyRotation(rotation) => {
                let next = rotation.next_id()?;
                self.rotations.insert(record.author, Rotation { next, at: record.payload.ts });
                Some(record.author)
            }
            Content::KeyRevocation(revocation) => {
                let key = revocation.key_id()?;
                let entry = Revocation {
                    by: record.author,
                    since: revocation.since,
                    reason: revocation.reason,
                    successor: revocation.successor_id(),
                };
                let held = self.revocations.entry(key).or_default();
                // One revocation per (revoker, key): a newer version replaces it.
                held.retain(|r| r.by != record.author);
                held.push(entry);
                Some(key)
            }
            _ => None,
        }
    }

    pub fn anchors(&self) -> &HashSet<InstitutionId> {
        &self.anchors
    }

    /// Replaces the anchors; returns the keys whose revocations may now count
    /// differently.
    pub fn set_anchors(&mut self, anchors: HashSet<InstitutionId>) -> Vec<InstitutionId> {
        self.anchors = anchors;
        self.revocations.keys().copied().collect()
    }

    /// Forgets a rotation whose record was removed (refused after all).
    pub fn forget_rotation(&mut self, key: &InstitutionId) {
        self.rotations.remove(key);
    }

    /// Every key that rotated to a successor.
    pub fn rotated_keys(&self) -> impl Iterator<Item = &InstitutionId> {
        self.rotations.keys()
    }

    pub fn rotation(&self, key: &InstitutionId) -> Option<Rotation> {
        self.rotations.get(key).copied()
    }

    /// The key an institution uses now: `key` followed along its rotations.
    pub fn current_key(&self, key: &InstitutionId) -> InstitutionId {
        self.chain(key).last().copied().unwrap_or(*key)
    }

    /// `key` and its successors, oldest first (bounded, cycle-safe).
    pub fn chain(&self, key: &InstitutionId) -> Vec<InstitutionId> {
        let mut chain = vec![*key];
        while let Some(rotation) = chain.last().and_then(|k| self.rotations.get(k)) {
            if chain.len() > MAX_ROTATION_CHAIN || chain.contains(&rotation.next) {
                break;
            }
            chain.push(rotation.next);
        }
        chain
    }

    /// The keys that rotated to `key`, newest first (bounded).
    pub fn predecessors(&self, key: &InstitutionId) -> Vec<InstitutionId> {
        let mut found = Vec::new();
        let mut current = *key;
        while found.len() < MAX_ROTATION_CHAIN {
            let Some((old, _)) = self.rotations.iter().find(|(old, r)| r.next == current && !found.contains(*old))
            else {
                break;
            };
            found.push(*old);
            current = *old;
        }
        found
    }

    /// The revocation of `key` in force on this node, the earliest if several.
    /// `endorses(anchor, key)` says whether an anchor holds a live endorsement.
    pub fn revocation(
        &self,
        key: &InstitutionId,
        endorses: &dyn Fn(&InstitutionId, &InstitutionId) -> bool,
    ) -> Option<Revocation> {
        self.revocations
            .get(key)?
            .iter()
            .filter(|r| r.by == *key || (self.anchors.contains(&r.by) && endorses(&r.by, key)))
            .min_by_key(|r| r.since)
            .copied()
    }

    /// Why a record `author` signed at `ts` must not be stored, if it must not.
    pub fn refuses(
        &self,
        author: &InstitutionId,
        ts: u64,
        role: KeyRecordRole,
        endorses: &dyn Fn(&InstitutionId, &InstitutionId) -> bool,
    ) -> Option<KeyRefusal> {
        if role == KeyRecordRole::SelfRevocation {
            return None;
        }
        if let Some(revocation) = self.revocation(author, endorses)
            && ts >= revocation.since
        {
            let named_successor = self.revocations.get(author).into_iter().flatten().any(
                |r| matches!(role, KeyRecordRole::RotationTo(next) if r.by == *author && r.successor == Some(next)),
            );
            if !named_successor {
                return Some(KeyRefusal::Revoked { by: revocation.by, since: revocation.since });
            }
        }
        if let Some(rotation) = self.rotations.get(author)
            && ts > rotation.at
        {
            return Some(KeyRefusal::Rotated { next: rotation.next, at: rotation.at });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vetnet_protocol::InstitutionKey;
    use vetnet_protocol::key_lifecycle::{KEY_ROTATION_ID, KeyRevocationBody, KeyRotationBody, key_revocation_id};
    use vetnet_protocol::{Payload, RecordKind, ValidationContext};

    const NET: &str = "test";

    fn key(n: u8) -> InstitutionKey {
        InstitutionKey::from_secret_bytes(&[n; 32])
    }

    fn signed<B: serde::Serialize>(
        by: &InstitutionKey,
        kind: RecordKind,
        id: &str,
        ts: u64,
        body: &B,
    ) -> VerifiedRecord {
        let payload = Payload::with_body(NET, kind, id, 1, ts, body).unwrap();
        by.sign_checked(&payload, &ValidationContext { network: NET, now: ts }).unwrap()
    }

    fn never(_: &InstitutionId, _: &InstitutionId) -> bool {
        false
    }

    #[test]
    fn a_rotated_key_signs_nothing_after_its_rotation() {
        let (old, new) = (key(1), key(2));
        let mut ledger = KeyLedger::default();
        let rotation = KeyRotationBody::new(NET, &old.id(), new.signing_key());
        let record = signed(&old, RecordKind::KeyRotation, KEY_ROTATION_ID, 1_000, &rotation);
        assert_eq!(ledger.note(&record), Some(old.id()));
        assert_eq!(ledger.refuses(&old.id(), 1_000, KeyRecordRole::Other, &never), None);
        assert_eq!(
            ledger.refuses(&old.id(), 1_001, KeyRecordRole::Other, &never),
            Some(KeyRefusal::Rotated { next: new.id(), at: 1_000 })
        );
        assert_eq!(ledger.refuses(&new.id(), 5_000, KeyRecordRole::Other, &never), None);
        assert_eq!(ledger.current_key(&old.id()), new.id());
        assert_eq!(ledger.predecessors(&new.id()), vec![old.id()]);
    }

    #[test]
    fn revocations_count_from_the_key_itself_or_from_an_anchor_that_endorses_it() {
        let (leaked, anchor, stranger) = (key(1), key(2), key(3));
        let revoke = |by: &InstitutionKey, since: u64| {
            let body = KeyRevocationBody {
                key: leaked.id().to_did(),
                since,
                reason: KeyRevocationReason::Compromised,
                successor: None,
            };
            signed(by, RecordKind::KeyRevocation, &key_revocation_id(&leaked.id()), 2_000, &body)
        };
        let mut ledger = KeyLedger::default();
        ledger.note(&revoke(&stranger, 100));
        assert_eq!(ledger.refuses(&leaked.id(), 500, KeyRecordRole::Other, &|_, _| true), None, "not an anchor");
        ledger.set_anchors(HashSet::from([anchor.id()]));
        ledger.note(&revoke(&anchor, 1_000));
        assert_eq!(ledger.refuses(&leaked.id(), 1_500, KeyRecordRole::Other, &never), None, "no endorsement");
        assert!(ledger.refuses(&leaked.id(), 1_500, KeyRecordRole::Other, &|_, _| true).is_some());
        assert_eq!(ledger.refuses(&leaked.id(), 999, KeyRecordRole::Other, &|_, _| true), None);
        ledger.note(&revoke(&leaked, 600));
        assert_eq!(
            ledger.refuses(&leaked.id(), 700, KeyRecordRole::Other, &never),
            Some(KeyRefusal::Revoked { by: leaked.id(), since: 600 })
        );
        assert_eq!(ledger.refuses(&leaked.id(), 9_000, KeyRecordRole::SelfRevocation, &never), None);
    }
}
