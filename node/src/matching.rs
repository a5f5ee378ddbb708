//! Matching the institution's own offers against the network's needs, and
//! its own needs against the network's offers. The scoring itself is
//! `vetnet_protocol::matching` (pure, explained reason by reason); this module
//! picks the candidates from the search index, scores them and ranks them.
//!
//! Candidates are narrowed cheaply first: only records sharing the broad
//! ISCED-F field (2 digits) of one of the own items, or whose field is
//! unknown (`99…`), are read, since any other pair is blocked anyway. With
//! `all`, nothing is narrowed and blocked pairs are returned too.
//!
//! Answers are kept ([`MatchCache`], with the store) until an offer or a need
//! anywhere is stored or removed: a dashboard's home and matches pages ask
//! the same question on every visit, and the answer only changes with them.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use vetnet_protocol::matching::{MatchReport, is_blocked, match_offer_need};
use vetnet_protocol::need::NeedBody;
use vetnet_protocol::offer::OfferBody;
use vetnet_protocol::{Content, InstitutionId, RecordKind, VerifiedRecord};

use crate::search::sector_candidates;
use crate::store::{RecordStore, StoreError};

/// Default and largest number of matches per own item.
pub const DEFAULT_MATCH_LIMIT: usize = 10;
pub const MAX_MATCH_LIMIT: usize = 100;

/// Which own items to match, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchQuery {
    /// Only this own offer (and no needs unless `need` is given too).
    pub offer: Option<String>,
    /// Only this own need (and no offers unless `offer` is given too).
    pub need: Option<String>,
    /// Matches per own item (default [`DEFAULT_MATCH_LIMIT`]).
    pub limit: Option<usize>,
    /// Include blocked pairs (and do not narrow candidates).
    pub all: bool,
    /// Only other institutions among these (`trusted`: the trusted ones).
    pub authors_in: Option<Vec<InstitutionId>>,
}

/// One other institution's record and how it fits an own item.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub record: VerifiedRecord,
    pub report: MatchReport,
}

/// An own offer or need and its ranked candidates.
#[derive(Debug, Clone)]
pub struct OwnMatches {
    pub own: VerifiedRecord,
    pub candidates: Vec<Candidate>,
}

#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    #[error("no live {kind} with id {id:?} is published by this institution")]
    NotFound { kind: &'static str, id: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Answers kept per question.
const MATCH_CACHE_ENTRIES: usize = 16;

/// What an answer was computed from: the question, and the store's offer
/// and need generations at the time.
#[derive(PartialEq, Eq)]
struct MatchInputs {
    me: InstitutionId,
    query: MatchQuery,
    offers: u64,
    needs: u64,
}

/// The last [`MATCH_CACHE_ENTRIES`] answers of [`match_own`], with the store
/// (see [`RecordStore::derived`]); an answer whose inputs moved is computed
/// again.
#[derive(Default)]
pub struct MatchCache {
    answers: Mutex<VecDeque<(MatchInputs, Arc<Vec<OwnMatches>>)>>,
}

/// Matches for the own items `query` selects, each ranked: non-blocked first,
/// then by score (highest first), then the newer record, then author and id.
/// An answer is computed once per change of the network's offers and needs.
pub fn match_own(store: &RecordStore, me: &InstitutionId, query: &MatchQuery) -> Result<Vec<OwnMatches>, MatchError> {
    let cache = store.derived::<MatchCache>();
    // Read before computing: a change during the computation makes the next
    // call compute again.
    let inputs = MatchInputs {
        me: *me,
        query: query.clone(),
        offers: store.kind_generation(&RecordKind::Offer),
        needs: store.kind_generation(&RecordKind::Need),
    };
    {
        let answers = cache.answers.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, answer)) = answers.iter().find(|(held, _)| *held == inputs) {
            return Ok(answer.as_ref().clone());
        }
    }
    let answer = Arc::new(compute_matches(store, me, query)?);
    let mut answers = cache.answers.lock().unwrap_or_else(PoisonError::into_inner);
    answers.retain(|(held, _)| held.query != inputs.query || held.me != inputs.me);
    if answers.len() >= MATCH_CACHE_ENTRIES {
        answers.pop_front();
    }
    answers.push_back((inputs, answer.clone()));
    Ok(answer.as_ref().clone())
}

/// [`match_own`] without the cache.
fn compute_matches(store: &RecordStore, me: &InstitutionId, query: &MatchQuery) -> Result<Vec<OwnMatches>, MatchError> {
    let limit = query.limit.unwrap_or(DEFAULT_MATCH_LIMIT).clamp(1, MAX_MATCH_LIMIT);
    let (want_offers, want_needs) = match (&query.offer, &query.need) {
        (None, None) => (true, true),
        (offer, need) => (offer.is_some(), need.is_some()),
    };
    let mut results = Vec::new();
    if want_offers {
        let offers = own_items(store, me, RecordKind::Offer, "offer", query.offer.as_deref())?;
        let sectors = narrow(query.all, offers.iter().filter_map(offer_of).map(|o| o.isced.as_str()));
        let needs = sector_candidates(store, "need", sectors, me, &query.authors_in)?;
        for own in offers {
            let Some(offer) = offer_of(&own) else { continue };
            // Blocked pairs are recognised without building their reasons.
            let scored = needs.iter().enumerate().filter_map(|(i, r)| {
                let need = need_of(r).filter(|need| query.all || !is_blocked(offer, need))?;
                Some((i, match_offer_need(offer, need)))
            });
            let candidates = rank(&needs, scored, query.all, limit);
            results.push(OwnMatches { own, candidates });
        }
    }
    if want_needs {
        let needs = own_items(store, me, RecordKind::Need, "need", query.need.as_deref())?;
        let sectors = narrow(query.all, needs.iter().filter_map(need_of).map(|n| n.isced.as_str()));
        let offers = sector_candidates(store, "offer", sectors, me, &query.authors_in)?;
        for own in needs {
            let Some(need) = need_of(&own) else { continue };
            let scored = offers.iter().enumerate().filter_map(|(i, r)| {
                let offer = offer_of(r).filter(|offer| query.all || !is_blocked(offer, need))?;
                Some((i, match_offer_need(offer, need)))
            });
            let candidates = rank(&offers, scored, query.all, limit);
            results.push(OwnMatches { own, candidates });
        }
    }
    Ok(results)
}

fn offer_of(record: &VerifiedRecord) -> Option<&OfferBody> {
    match &record.content {
        Content::Offer(offer) => Some(offer),
        _ => None,
    }
}

fn need_of(record: &VerifiedRecord) -> Option<&NeedBody> {
    match &record.content {
        Content::Need(need) => Some(need),
        _ => None,
    }
}

/// The own live records of `kind`, or the one named `id` (which must be live).
fn own_items(
    store: &RecordStore,
    me: &InstitutionId,
    kind: RecordKind,
    noun: &'static str,
    id: Option<&str>,
) -> Result<Vec<VerifiedRecord>, MatchError> {
    let mut records = store.by_author(me, &kind)?;
    records.retain(|r| !r.is_withdrawn());
    if let Some(id) = id {
        records.retain(|r| r.payload.id == id);
        if records.is_empty() {
            return Err(MatchError::NotFound { kind: noun, id: id.to_owned() });
        }
    }
    Ok(records)
}

/// The `sector` terms candidates must have: the broad fields of the own
/// items and `99` (unknown). `None` (every record) with `all`, or when an
/// own field is itself unknown.
fn narrow<'a>(all: bool, fields: impl Iterator<Item = &'a str>) -> Option<Vec<String>> {
    if all {
        return None;
    }
    let mut broad = vec!["99".to_owned()];
    for field in fields {
        let prefix = field.get(..2)?;
        if prefix == "99" {
            return None;
        }
        broad.push(prefix.to_owned());
    }
    broad.sort();
    broad.dedup();
    Some(broad)
}

/// The best `limit` of `scored` (indexes into `records`): not blocked first,
/// then the higher score, the newer record (`ts`), the author key and the id.
/// Only the records returned are cloned.
fn rank(
    records: &[VerifiedRecord],
    scored: impl Iterator<Item = (usize, MatchReport)>,
    all: bool,
    limit: usize,
) -> Vec<Candidate> {
    let mut ranked: Vec<(usize, MatchReport)> = scored.filter(|(_, report)| all || !report.blocking).collect();
    let key = |(i, report): &(usize, MatchReport)| {
        let record = &records[*i];
        (
            report.blocking,
            std::cmp::Reverse(report.score),
            std::cmp::Reverse(record.payload.ts),
            *record.author.as_bytes(),
            record.payload.id.clone(),
        )
    };
    ranked.sort_by_cached_key(key);
    ranked.truncate(limit);
    ranked.into_iter().map(|(i, report)| Candidate { record: records[i].clone(), report }).collect()
}
