//! Trust without a central register: from the anchors this node's admin
//! trusts outright and the `endorsement` records on the network, a trust
//! level for every institution, with the path of endorsements that gives it.
//!
//! - `anchor`: a key in this node's `trust_anchors`;
//! - `endorsed-by-anchor`: an anchor holds a live endorsement of it;
//! - `endorsed-via-chain`: reached through endorsements from an anchor in at
//!   most [`MAX_TRUST_DEPTH`] steps;
//! - `unverified`: none of the above (everything, when no anchor is set);
//! - `revoked`: its key was revoked (by itself or by an anchor endorsing it).
//!
//! Keys are followed along their rotations: endorsements of an old key count
//! for its successor, and an anchor's successor is an anchor. Endorsements
//! past their `until` day, withdrawn, or signed by a revoked key count for
//! nothing. The shortest path wins; among equal ones, the first found in key
//! order, so every node with the same records and anchors gives the same path.
//!
//! A graph is derived data, never stored on disk. [`TrustCache`] keeps the
//! last one built, with the store, until an endorsement, key-rotation or
//! key-revocation record is stored or removed, the anchors change, or the day
//! changes: it reads the store's per-kind change counters, so the store need
//! not know what trust is made of. Callers ask through [`TrustGraphs`].

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole};
use vetnet_protocol::{Content, InstitutionId, RecordKind};

use crate::store::key_ledger::KeyLedger;
use crate::store::{RecordStore, StoreError};

/// Endorsement steps from an anchor that still give trust: anchor → A → B → C.
pub const MAX_TRUST_DEPTH: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustLevel {
    Anchor,
    EndorsedByAnchor,
    EndorsedViaChain,
    Unverified,
    Revoked,
}

impl TrustLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            TrustLevel::Anchor => "anchor",
            TrustLevel::EndorsedByAnchor => "endorsed-by-anchor",
            TrustLevel::EndorsedViaChain => "endorsed-via-chain",
            TrustLevel::Unverified => "unverified",
            TrustLevel::Revoked => "revoked",
        }
    }

    /// Does `--trusted` keep institutions of this level?
    pub fn is_trusted(self) -> bool {
        matches!(self, TrustLevel::Anchor | TrustLevel::EndorsedByAnchor | TrustLevel::EndorsedViaChain)
    }
}

/// One endorsement on a trust path: `endorser` vouches for `subject`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustStep {
    pub endorser: InstitutionId,
    pub subject: InstitutionId,
    pub role: EndorsementRole,
    pub network_name: Option<String>,
    pub until: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trust {
    pub level: TrustLevel,
    /// The key the institution uses now (its key after rotations).
    pub current_key: InstitutionId,
    /// Empty for an anchor; otherwise the steps from an anchor to the
    /// institution, first step first.
    pub path: Vec<TrustStep>,
}

/// The trust levels of one moment: built from the store, then asked.
pub struct TrustGraph {
    anchors: HashSet<InstitutionId>,
    revoked: HashSet<InstitutionId>,
    /// Institutions reached from an anchor (by current key): depth, and the
    /// step that reached them.
    reached: HashMap<InstitutionId, (usize, Option<TrustStep>)>,
    /// Old keys → current key.
    current: HashMap<InstitutionId, InstitutionId>,
}

impl TrustGraph {
    /// Builds the graph from the store's anchors, key ledger and endorsements
    /// that hold on `today` (`YYYY-MM-DD`).
    pub fn build(store: &RecordStore, today: &str) -> Result<Self, StoreError> {
        let endorsements = live_endorsements(store)?;
        let ledger = store.key_ledger();
        Ok(Self::from_parts(&ledger, &endorsements, today))
    }

    fn from_parts(ledger: &KeyLedger, endorsements: &[(InstitutionId, EndorsementBody)], today: &str) -> Self {
        let pairs: HashSet<(InstitutionId, InstitutionId)> =
            endorsements.iter().filter_map(|(by, e)| Some((*by, e.subject_id()?))).collect();
        let endorses = |anchor: &InstitutionId, key: &InstitutionId| pairs.contains(&(*anchor, *key));
        let mut current = HashMap::new();
        let mut canonical = |key: &InstitutionId| *current.entry(*key).or_insert_with(|| ledger.current_key(key));
        let mut revoked = HashSet::new();
        let mut is_revoked = |key: &InstitutionId| {
            let found = ledger.revocation(key, &endorses).is_some();
            if found {
                revoked.insert(*key);
            }
            found
        };
        let anchors: HashSet<InstitutionId> = ledger.anchors().iter().map(&mut canonical).collect();
        // Edges endorser → subject on current keys, in key order for a stable result.
        let mut edges: BTreeMap<InstitutionId, Vec<TrustStep>> = BTreeMap::new();
        for (author, endorsement) in endorsements {
            let Some(subject) = endorsement.subject_id() else { continue };
            let (endorser, subject) = (canonical(author), canonical(&subject));
            // A revoked key vouches for nothing, and nobody vouches for it.
            if is_revoked(author) || is_revoked(&endorser) || is_revoked(&subject) {
                continue;
            }
            if !endorsement.holds_on(today) || endorser == subject {
                continue;
            }
            edges.entry(endorser).or_default().push(TrustStep {
                endorser,
                subject,
                role: endorsement.role,
                network_name: endorsement.network_name.clone(),
                until: endorsement.until.clone(),
            });
        }
        for anchor in &anchors {
            is_revoked(anchor);
        }
        for steps in edges.values_mut() {
            steps.sort_by(|a, b| a.subject.cmp(&b.subject).then(a.role.as_str().cmp(b.role.as_str())));
        }
        // Breadth first from the anchors, so each institution gets its shortest path.
        let mut reached: HashMap<InstitutionId, (usize, Option<TrustStep>)> = HashMap::new();
        let mut queue = VecDeque::new();
        let mut sorted_anchors: Vec<_> = anchors.iter().copied().filter(|a| !revoked.contains(a)).collect();
        sorted_anchors.sort();
        for anchor in sorted_anchors {
            reached.insert(anchor, (0, None));
            queue.push_back(anchor);
        }
        while let Some(institution) = queue.pop_front() {
            let depth = reached[&institution].0;
            if depth == MAX_TRUST_DEPTH {
                continue;
            }
            for step in edges.get(&institution).into_iter().flatten() {
                if reached.contains_key(&step.subject) || revoked.contains(&step.subject) {
                    continue;
                }
                reached.insert(step.subject, (depth + 1, Some(step.clone())));
                queue.push_back(step.subject);
            }
        }
        Self { anchors, revoked, reached, current }
    }

    /// The current keys of every trusted institution (for `--trusted`).
    pub fn trusted_keys(&self) -> Vec<InstitutionId> {
        let mut keys: Vec<InstitutionId> = self.reached.keys().copied().collect();
        keys.sort();
        keys
    }

    /// The trust level of the institution signing with `key`.
    pub fn trust_of(&self, key: &InstitutionId, ledger: &KeyLedger) -> Trust {
        let current_key = self.current.get(key).copied().unwrap_or_else(|| ledger.current_key(key));
        // A revoked key with a successor it named is its successor; without
        // one (its own revocation, or an anchor's the graph saw), it is revoked.
        let revoked = self.revoked.contains(&current_key)
            || (current_key == *key && (self.revoked.contains(key) || ledger.revocation(key, &|_, _| false).is_some()));
        if revoked {
            return Trust { level: TrustLevel::Revoked, current_key, path: Vec::new() };
        }
        let Some((depth, _)) = self.reached.get(&current_key) else {
            return Trust { level: TrustLevel::Unverified, current_key, path: Vec::new() };
        };
        let mut path = Vec::with_capacity(*depth);
        let mut at = current_key;
        while let Some((_, Some(step))) = self.reached.get(&at) {
            path.push(step.clone());
            at = step.endorser;
            if path.len() > MAX_TRUST_DEPTH {
                break;
            }
        }
        path.reverse();
        let level = match depth {
            0 if self.anchors.contains(&current_key) => TrustLevel::Anchor,
            1 => TrustLevel::EndorsedByAnchor,
            _ => TrustLevel::EndorsedViaChain,
        };
        Trust { level, current_key, path }
    }
}

/// Every live (not withdrawn) endorsement the store holds, with its author.
/// Decoding them is most of a graph's cost, so it is spread over the cores.
pub fn live_endorsements(store: &RecordStore) -> Result<Vec<(InstitutionId, EndorsementBody)>, StoreError> {
    let kind = RecordKind::Endorsement;
    let entries = {
        let index = store.search_index();
        index.entries(&index.all(kind.as_str()))
    };
    let hashes: Vec<_> = entries.iter().map(|entry| entry.hash).collect();
    Ok(store
        .get_many(&hashes)?
        .into_iter()
        .filter_map(|record| match record.content {
            Content::Endorsement(endorsement) => Some((record.author, endorsement)),
            _ => None,
        })
        .collect())
}

/// What a trust graph is built from, as the store counts its changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TrustInputs {
    endorsements: u64,
    rotations: u64,
    revocations: u64,
    anchors: u64,
}

impl TrustInputs {
    fn of(store: &RecordStore) -> Self {
        Self {
            endorsements: store.kind_generation(&RecordKind::Endorsement),
            rotations: store.kind_generation(&RecordKind::KeyRotation),
            revocations: store.kind_generation(&RecordKind::KeyRevocation),
            anchors: store.anchors_generation(),
        }
    }
}

/// The last trust graph built from one store's records, with what it was
/// built from and for which day. The store keeps one for each of its handles
/// ([`RecordStore::derived`]); ask it through [`TrustGraphs::trust_graph`].
#[derive(Default)]
pub struct TrustCache {
    /// Held while a graph is built, so concurrent askers build it once.
    last: Mutex<Option<(TrustInputs, String, Arc<TrustGraph>)>>,
}

impl TrustCache {
    /// The trust levels of `store`'s records as of `day` (`YYYY-MM-DD`),
    /// built again only when endorsements, key records, anchors or the day
    /// changed since the last one.
    pub fn graph(&self, store: &RecordStore, day: &str) -> Result<Arc<TrustGraph>, StoreError> {
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        // Read before building: a change during the build makes the next
        // call build again.
        let inputs = TrustInputs::of(store);
        if let Some((held, held_day, graph)) = last.as_ref()
            && *held == inputs
            && held_day == day
        {
            return Ok(graph.clone());
        }
        let graph = Arc::new(TrustGraph::build(store, day)?);
        *last = Some((inputs, day.to_owned(), graph.clone()));
        Ok(graph)
    }
}

/// Trust graphs of a store's records, built once per change of what they
/// derive from (see [`TrustCache`]).
pub trait TrustGraphs {
    /// The trust levels as of `day` (`YYYY-MM-DD`).
    fn trust_graph(&self, day: &str) -> Result<Arc<TrustGraph>, StoreError>;
}

impl TrustGraphs for RecordStore {
    fn trust_graph(&self, day: &str) -> Result<Arc<TrustGraph>, StoreError> {
        self.derived::<TrustCache>().graph(self, day)
    }
}
