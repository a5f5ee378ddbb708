//! Search over the network's records held locally. Indexed filters narrow
//! the candidates first (smallest set first); every result is then checked
//! against the whole query, including free text.

use std::collections::BTreeSet;

use vetnet_protocol::offer::OfferBody;
use vetnet_protocol::profile::{InstitutionKind, ProfileBody};
use vetnet_protocol::{Content, InstitutionId, LangText, VerifiedRecord};

use crate::store::{RecordStore, StoreError};

/// Default and largest number of results.
pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 1_000;

/// Filters for placement offers. Empty filters match everything.
#[derive(Debug, Clone, Default)]
pub struct OfferQuery {
    /// Any of these countries.
    pub countries: Vec<String>,
    /// ISCED-F or NACE code, at any level (`07`, `0715`, `F`, `F41`).
    pub sector: Option<String>,
    /// The offer's EQF range includes this level.
    pub eqf: Option<u8>,
    /// One of the offer's working languages (`en` also matches `en-GB`).
    pub lang: Option<String>,
    /// Every word appears in the title, description, city or outcomes.
    pub text: Option<String>,
    /// Only offers of this institution.
    pub author: Option<InstitutionId>,
    pub limit: Option<usize>,
}

/// Filters for institution profiles.
#[derive(Debug, Clone, Default)]
pub struct InstitutionQuery {
    pub countries: Vec<String>,
    pub kind: Option<InstitutionKind>,
    pub sector: Option<String>,
    pub lang: Option<String>,
    /// Every word appears in the name, description, city or region.
    pub text: Option<String>,
    pub limit: Option<usize>,
}

/// Candidate keys: the intersection of every indexed filter, or every record
/// of the kind when there is none.
fn candidates(
    store: &RecordStore,
    kind: &str,
    filters: &[(&str, Vec<String>)],
) -> Result<BTreeSet<Vec<u8>>, StoreError> {
    let mut sets = Vec::new();
    for (field, values) in filters.iter().filter(|(_, values)| !values.is_empty()) {
        let mut union = BTreeSet::new();
        for value in values {
            union.extend(store.index_lookup(kind, field, value)?);
        }
        sets.push(union);
    }
    if sets.is_empty() {
        return store.all_of_kind(kind);
    }
    sets.sort_by_key(BTreeSet::len);
    let mut result = sets.remove(0);
    for set in &sets {
        result.retain(|key| set.contains(key));
    }
    Ok(result)
}

fn words(text: &Option<String>) -> Vec<String> {
    text.as_deref().map(|t| t.split_whitespace().map(str::to_lowercase).collect()).unwrap_or_default()
}

fn all_words_in<'a>(words: &[String], haystack: impl Iterator<Item = &'a str>) -> bool {
    if words.is_empty() {
        return true;
    }
    let text = haystack.collect::<Vec<_>>().join(" ").to_lowercase();
    words.iter().all(|word| text.contains(word.as_str()))
}

fn lang_texts(text: &LangText) -> impl Iterator<Item = &str> {
    text.texts()
}

fn limit(requested: Option<usize>) -> usize {
    requested.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}

pub fn search_offers(store: &RecordStore, query: &OfferQuery) -> Result<Vec<VerifiedRecord>, StoreError> {
    let filters = [
        ("country", query.countries.clone()),
        ("sector", query.sector.iter().cloned().collect()),
        ("eqf", query.eqf.iter().map(u8::to_string).collect()),
        ("lang", query.lang.iter().cloned().collect()),
    ];
    let words = words(&query.text);
    let mut results = Vec::new();
    for key in candidates(store, "offer", &filters)? {
        if let Some(author) = &query.author
            && key.get(..32) != Some(&author.as_bytes()[..])
        {
            continue;
        }
        let Some(record) = store.get_by_key_bytes(&key)? else { continue };
        let Content::Offer(offer) = &record.content else { continue };
        if offer_matches(offer, query, &words) {
            results.push(record);
        }
    }
    sort_newest_first(&mut results);
    results.truncate(limit(query.limit));
    Ok(results)
}

fn offer_matches(offer: &OfferBody, query: &OfferQuery, words: &[String]) -> bool {
    let text = lang_texts(&offer.title)
        .chain(lang_texts(&offer.description))
        .chain(offer.city.as_deref())
        .chain(offer.outcomes.iter().map(String::as_str));
    (query.countries.is_empty() || query.countries.contains(&offer.country))
        && query.eqf.is_none_or(|level| (offer.eqf_min..=offer.eqf_max).contains(&level))
        && all_words_in(words, text)
}

pub fn search_institutions(store: &RecordStore, query: &InstitutionQuery) -> Result<Vec<VerifiedRecord>, StoreError> {
    let filters = [
        ("country", query.countries.clone()),
        ("institution", query.kind.iter().map(|k| k.as_str().to_owned()).collect()),
        ("sector", query.sector.iter().cloned().collect()),
        ("lang", query.lang.iter().cloned().collect()),
    ];
    let words = words(&query.text);
    let mut results = Vec::new();
    for key in candidates(store, "profile", &filters)? {
        let Some(record) = store.get_by_key_bytes(&key)? else { continue };
        let Content::Profile(profile) = &record.content else { continue };
        if profile_matches(profile, &words) {
            results.push(record);
        }
    }
    results.sort_by_key(|r| match &r.content {
        Content::Profile(p) => (p.country.clone(), p.name.best(&[]).unwrap_or_default().to_lowercase()),
        _ => Default::default(),
    });
    results.truncate(limit(query.limit));
    Ok(results)
}

fn profile_matches(profile: &ProfileBody, words: &[String]) -> bool {
    let text = lang_texts(&profile.name)
        .chain(lang_texts(&profile.description))
        .chain(profile.city.as_deref())
        .chain(profile.region.as_deref());
    all_words_in(words, text)
}

fn sort_newest_first(records: &mut [VerifiedRecord]) {
    records.sort_by(|a, b| b.payload.ts.cmp(&a.payload.ts).then_with(|| a.key().cmp(&b.key())));
}
