//! Search over the network's records held locally, answered from the
//! in-memory [`SearchIndex`]: every filter and every word of the free text is
//! a bitmap of records; their intersection is ordered by the index, and only
//! the records returned are read from the store.

use roaring::RoaringBitmap;
use vetnet_protocol::achievement::Participation;
use vetnet_protocol::event::{Audience, EventKind};
use vetnet_protocol::profile::InstitutionKind;
use vetnet_protocol::{Content, InstitutionId, VerifiedRecord};

use crate::store::index::{ANY_COUNTRY, SearchIndex, SlotEntry, words};
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
    /// Every word starts a word of the title, description, city or outcomes
    /// (case, accents and punctuation aside: see [`words`]).
    pub text: Option<String>,
    /// Only offers of this institution.
    pub author: Option<InstitutionId>,
    /// Only records of these institutions (`--trusted`: the trusted ones).
    pub authors_in: Option<Vec<InstitutionId>>,
    pub limit: Option<usize>,
}

/// Filters for mobility needs. Empty filters match everything.
#[derive(Debug, Clone, Default)]
pub struct NeedQuery {
    /// A need matches a country if it prefers it or prefers no country.
    pub countries: Vec<String>,
    /// ISCED-F or NACE code, at any level (`07`, `0732`, `F`, `F41`).
    pub sector: Option<String>,
    /// The learners' EQF level.
    pub eqf: Option<u8>,
    /// One of the learners' languages (`en` also matches `en-GB`).
    pub lang: Option<String>,
    /// Every word starts a word of the title, description or qualification.
    pub text: Option<String>,
    /// Only needs of this institution.
    pub author: Option<InstitutionId>,
    /// Only records of these institutions (`--trusted`: the trusted ones).
    pub authors_in: Option<Vec<InstitutionId>>,
    pub limit: Option<usize>,
}

/// Filters for institution profiles.
#[derive(Debug, Clone, Default)]
pub struct InstitutionQuery {
    pub countries: Vec<String>,
    pub kind: Option<InstitutionKind>,
    pub sector: Option<String>,
    pub lang: Option<String>,
    /// Every word starts a word of the name, description, city or region.
    pub text: Option<String>,
    /// Only these institutions (`--trusted`: the trusted ones).
    pub authors_in: Option<Vec<InstitutionId>>,
    pub limit: Option<usize>,
}

/// Filters for network profiles.
#[derive(Debug, Clone, Default)]
pub struct NetworkQuery {
    /// Works in this NUTS region (or a region within it).
    pub region: Option<String>,
    /// Works in any of these countries.
    pub countries: Vec<String>,
    /// Every word starts a word of a topic.
    pub topic: Option<String>,
    pub limit: Option<usize>,
}

/// Filters for achievements (micro-credential definitions).
#[derive(Debug, Clone, Default)]
pub struct AchievementQuery {
    /// Awarded in any of these countries.
    pub countries: Vec<String>,
    /// ISCED-F code at any level.
    pub sector: Option<String>,
    pub eqf: Option<u8>,
    pub lang: Option<String>,
    /// Certifies this ESCO skill URI.
    pub skill: Option<String>,
    pub participation: Option<Participation>,
    /// Every word starts a word of the title, description or outcomes.
    pub text: Option<String>,
    pub author: Option<InstitutionId>,
    /// Only records of these institutions (`--trusted`: the trusted ones).
    pub authors_in: Option<Vec<InstitutionId>>,
    pub limit: Option<usize>,
}

/// Filters for events (meetings). Empty filters match everything.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// Held in any of these countries (an online-only event has none).
    pub countries: Vec<String>,
    /// Events of this network: those that name it as their `network`, and
    /// those it organises itself.
    pub network: Option<InstitutionId>,
    /// Events of a region: held in its country, or of a network working in it.
    pub region: Option<EventRegion>,
    /// Only events that start on this day or later (`YYYY-MM-DD`, compared
    /// with the day of the event's local `start`).
    pub from: Option<String>,
    pub kind: Option<EventKind>,
    /// For this group.
    pub audience: Option<Audience>,
    /// Held in this language (`en` also matches `en-GB`).
    pub lang: Option<String>,
    /// Every word starts a word of the title, agenda, city or topics.
    pub text: Option<String>,
    /// Only events this institution organises.
    pub author: Option<InstitutionId>,
    /// Only records of these institutions (`--trusted`: the trusted ones).
    pub authors_in: Option<Vec<InstitutionId>>,
    pub limit: Option<usize>,
}

/// What places an event in a NUTS region: events carry only a country, so a
/// region's events are those held in its country and those of the networks
/// whose profile names the region (or an area that holds it).
#[derive(Debug, Clone, Default)]
pub struct EventRegion {
    /// The region's country (ISO 3166-1, from its NUTS code).
    pub country: String,
    /// The networks working in the region.
    pub networks: Vec<InstitutionId>,
}

/// Filters for skills needs. Empty filters match everything.
#[derive(Debug, Clone, Default)]
pub struct SkillsNeedQuery {
    /// A NUTS code at any level: needs for it or for a region in it.
    pub region: Option<String>,
    /// Needs for exactly one of these regions (the regions a region lies in).
    pub areas: Vec<String>,
    /// ISCO-08 code at any level.
    pub isco: Option<String>,
    /// ESCO occupation URI.
    pub occupation: Option<String>,
    /// ISCED-F code at any level.
    pub sector: Option<String>,
    /// Asks for this ESCO skill URI.
    pub skill: Option<String>,
    /// Every word starts a word of the title or a skill's label.
    pub text: Option<String>,
    pub author: Option<InstitutionId>,
    /// Only records of these institutions (`--trusted`: the trusted ones).
    pub authors_in: Option<Vec<InstitutionId>>,
    pub limit: Option<usize>,
}

/// Filters for the toolbox's resources. Empty filters match everything.
#[derive(Debug, Clone, Default)]
pub struct ResourceQuery {
    pub category: Option<vetnet_protocol::resource::ResourceCategory>,
    /// The document's language (`en` also matches `en-GB`).
    pub lang: Option<String>,
    /// Every word starts a word of the title or summary.
    pub text: Option<String>,
    pub author: Option<InstitutionId>,
    /// Only records of these institutions (`--trusted`: the trusted ones).
    pub authors_in: Option<Vec<InstitutionId>>,
    pub limit: Option<usize>,
}

/// The slots of `kind` matching every indexed filter and every word of
/// `text`, or every record of the kind when there is no filter.
///
/// Records of keys that rotated are left out (the successor signed them
/// again), and with `authors_in` only those authors' records are kept.
fn candidates(
    index: &SearchIndex,
    kind: &str,
    filters: &[(&str, Vec<String>)],
    text: &Option<String>,
    authors: &AuthorFilter,
) -> RoaringBitmap {
    let mut result = matching(index, kind, filters, text);
    if let Some(keep) = &authors.keep {
        result &= index.any_of(kind, "author", keep);
    }
    if !authors.rotated.is_empty() {
        result -= index.any_of(kind, "author", &authors.rotated);
    }
    result
}

/// Author terms (hex keys) a search keeps or leaves out.
struct AuthorFilter {
    keep: Option<Vec<String>>,
    rotated: Vec<String>,
}

impl AuthorFilter {
    fn new(store: &RecordStore, authors_in: &Option<Vec<InstitutionId>>) -> Self {
        let hex_of = |key: &InstitutionId| hex::encode(key.as_bytes());
        Self {
            keep: authors_in.as_ref().map(|authors| authors.iter().map(hex_of).collect()),
            rotated: store.key_ledger().rotated_keys().map(hex_of).collect(),
        }
    }
}

fn matching(index: &SearchIndex, kind: &str, filters: &[(&str, Vec<String>)], text: &Option<String>) -> RoaringBitmap {
    let mut sets: Vec<RoaringBitmap> = filters
        .iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(field, values)| index.any_of(kind, field, values))
        .collect();
    sets.extend(text.iter().flat_map(|text| words(text)).map(|word| index.word_prefix(kind, &word)));
    sets.sort_by_key(RoaringBitmap::len);
    let mut sets = sets.into_iter();
    let Some(mut result) = sets.next() else { return index.all(kind) };
    for set in sets {
        if result.is_empty() {
            break;
        }
        result &= set;
    }
    result
}

fn limit(requested: Option<usize>) -> usize {
    requested.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}

/// Reads the records of `entries` in order (skipping any replaced since the
/// index was read).
fn fetch(store: &RecordStore, entries: &[SlotEntry]) -> Result<Vec<VerifiedRecord>, StoreError> {
    let hashes: Vec<_> = entries.iter().map(|entry| entry.hash).collect();
    store.get_many(&hashes)
}

/// Offers matching `query`, newest first.
pub fn search_offers(store: &RecordStore, query: &OfferQuery) -> Result<Vec<VerifiedRecord>, StoreError> {
    let filters = [
        ("country", query.countries.clone()),
        ("sector", query.sector.iter().cloned().collect()),
        ("eqf", query.eqf.iter().map(u8::to_string).collect()),
        ("lang", query.lang.iter().cloned().collect()),
        ("author", query.author.iter().map(|author| hex::encode(author.as_bytes())).collect()),
    ];
    let authors = AuthorFilter::new(store, &query.authors_in);
    let newest = {
        let index = store.search_index();
        index.newest(&candidates(&index, "offer", &filters, &query.text, &authors), limit(query.limit))
    };
    let mut results = fetch(store, &newest)?;
    results.retain(|record| matches!(record.content, Content::Offer(_)));
    Ok(results)
}

/// Needs matching `query`, newest first.
pub fn search_needs(store: &RecordStore, query: &NeedQuery) -> Result<Vec<VerifiedRecord>, StoreError> {
    let mut countries = query.countries.clone();
    if !countries.is_empty() {
        countries.push(ANY_COUNTRY.to_owned());
    }
    let filters = [
        ("country", countries),
        ("sector", query.sector.iter().cloned().collect()),
        ("eqf", query.eqf.iter().map(u8::to_string).collect()),
        ("lang", query.lang.iter().cloned().collect()),
        ("author", query.author.iter().map(|author| hex::encode(author.as_bytes())).collect()),
    ];
    let authors = AuthorFilter::new(store, &query.authors_in);
    let newest = {
        let index = store.search_index();
        index.newest(&candidates(&index, "need", &filters, &query.text, &authors), limit(query.limit))
    };
    let mut results = fetch(store, &newest)?;
    results.retain(|record| matches!(record.content, Content::Need(_)));
    Ok(results)
}

/// The live records of `kind` with any of `sectors` (every one when `None`),
/// by authors other than `except` (and within `authors_in` when given), rotated
/// keys left out: the candidates matching scores. Unordered.
pub(crate) fn sector_candidates(
    store: &RecordStore,
    kind: &str,
    sectors: Option<Vec<String>>,
    except: &InstitutionId,
    authors_in: &Option<Vec<InstitutionId>>,
) -> Result<Vec<VerifiedRecord>, StoreError> {
    let authors = AuthorFilter::new(store, authors_in);
    let entries = {
        let index = store.search_index();
        let filters = [("sector", sectors.unwrap_or_default())];
        let mut slots = candidates(&index, kind, &filters, &None, &authors);
        slots -= index.any_of(kind, "author", &[hex::encode(except.as_bytes())]);
        index.entries(&slots)
    };
    fetch(store, &entries)
}

/// Achievements matching `query`, newest first.
pub fn search_achievements(store: &RecordStore, query: &AchievementQuery) -> Result<Vec<VerifiedRecord>, StoreError> {
    let filters = [
        ("country", query.countries.clone()),
        ("sector", query.sector.iter().cloned().collect()),
        ("eqf", query.eqf.iter().map(u8::to_string).collect()),
        ("lang", query.lang.iter().cloned().collect()),
        ("skill", query.skill.iter().cloned().collect()),
        ("participation", query.participation.iter().map(|p| p.as_str().to_owned()).collect()),
        ("author", query.author.iter().map(|author| hex::encode(author.as_bytes())).collect()),
    ];
    let authors = AuthorFilter::new(store, &query.authors_in);
    let newest = {
        let index = store.search_index();
        index.newest(&candidates(&index, "achievement", &filters, &query.text, &authors), limit(query.limit))
    };
    let mut results = fetch(store, &newest)?;
    results.retain(|record| matches!(record.content, Content::Achievement(_)));
    Ok(results)
}

/// Network profiles matching `query`, newest first. Whether the author's
/// profile is of kind `network` is the caller's check.
///
/// A network is in region `SE33` when one of its regions lies within it
/// (`SE33`, `SE332`), or when it covers an area that holds it (`SE3`, or
/// the whole of `SE` when it names no regions).
pub fn search_networks(store: &RecordStore, query: &NetworkQuery) -> Result<Vec<VerifiedRecord>, StoreError> {
    let filters = [("country", query.countries.clone())];
    let authors = AuthorFilter::new(store, &None);
    let newest = {
        let index = store.search_index();
        let mut found = candidates(&index, "network-profile", &filters, &query.topic, &authors);
        if let Some(region) = &query.region {
            let broader: Vec<String> =
                (2..=region.len()).filter_map(|len| region.get(..len)).map(str::to_owned).collect();
            let within = index.any_of("network-profile", "region", std::slice::from_ref(region));
            found &= within | index.any_of("network-profile", "covers", &broader);
        }
        index.newest(&found, limit(query.limit))
    };
    let mut results = fetch(store, &newest)?;
    results.retain(|record| matches!(record.content, Content::NetworkProfile(_)));
    Ok(results)
}

/// The live endorsements of `subject`, by anyone, newest first (at most
/// [`MAX_LIMIT`]).
pub fn endorsements_of(store: &RecordStore, subject: &InstitutionId) -> Result<Vec<VerifiedRecord>, StoreError> {
    let newest = {
        let index = store.search_index();
        let slots = index.any_of("endorsement", "subject", &[hex::encode(subject.as_bytes())]);
        index.newest(&slots, MAX_LIMIT)
    };
    let mut results = fetch(store, &newest)?;
    results.retain(|record| matches!(record.content, Content::Endorsement(_)));
    Ok(results)
}

/// Institution profiles matching `query`, by country, then name.
pub fn search_institutions(store: &RecordStore, query: &InstitutionQuery) -> Result<Vec<VerifiedRecord>, StoreError> {
    let filters = [
        ("country", query.countries.clone()),
        ("institution", query.kind.iter().map(|k| k.as_str().to_owned()).collect()),
        ("sector", query.sector.iter().cloned().collect()),
        ("lang", query.lang.iter().cloned().collect()),
    ];
    let limit = limit(query.limit);
    let authors = AuthorFilter::new(store, &query.authors_in);
    let entries = {
        let index = store.search_index();
        let candidates = candidates(&index, "profile", &filters, &query.text, &authors);
        // Results are ordered by country first: read whole countries, in
        // order, until there are enough, rather than every candidate.
        let mut wanted = RoaringBitmap::new();
        for (_, in_country) in index.values_of("profile", "country") {
            wanted |= &candidates & in_country;
            if wanted.len() >= limit as u64 {
                break;
            }
        }
        index.entries(&wanted)
    };
    let mut results = fetch(store, &entries)?;
    results.retain(|record| matches!(record.content, Content::Profile(_)));
    results.sort_by_cached_key(|r| match &r.content {
        Content::Profile(p) => (p.country.clone(), p.name.best(&[]).unwrap_or_default().to_lowercase()),
        _ => Default::default(),
    });
    results.truncate(limit);
    Ok(results)
}

/// Events matching `query`, soonest first (by their start in UTC, then
/// organiser and id).
pub fn search_events(store: &RecordStore, query: &EventQuery) -> Result<Vec<VerifiedRecord>, StoreError> {
    let hex_of = |key: &InstitutionId| hex::encode(key.as_bytes());
    let filters = [
        ("country", query.countries.clone()),
        ("event-kind", query.kind.iter().map(|k| k.as_str().to_owned()).collect()),
        ("audience", query.audience.iter().map(|a| a.as_str().to_owned()).collect()),
        ("lang", query.lang.iter().cloned().collect()),
        ("author", query.author.iter().map(hex_of).collect()),
    ];
    let limit = limit(query.limit);
    let authors = AuthorFilter::new(store, &query.authors_in);
    let entries = {
        let index = store.search_index();
        let mut candidates = candidates(&index, "event", &filters, &query.text, &authors);
        if let Some(network) = &query.network {
            let key = [hex_of(network)];
            candidates &= index.any_of("event", "network", &key) | index.any_of("event", "author", &key);
        }
        if let Some(region) = &query.region {
            let networks: Vec<String> = region.networks.iter().map(hex_of).collect();
            candidates &= index.any_of("event", "country", std::slice::from_ref(&region.country))
                | index.any_of("event", "network", &networks)
                | index.any_of("event", "author", &networks);
        }
        // Soonest first: read whole days, in order from `from`, until there
        // are enough, rather than every candidate.
        let mut wanted = RoaringBitmap::new();
        for (day, on_day) in index.values_of("event", "start") {
            if query.from.as_deref().is_some_and(|from| day < from.as_bytes()) {
                continue;
            }
            wanted |= &candidates & on_day;
            if wanted.len() >= limit as u64 {
                break;
            }
        }
        index.entries(&wanted)
    };
    let mut results = fetch(store, &entries)?;
    results.retain(|record| matches!(record.content, Content::Event(_)));
    results.sort_by_cached_key(|r| match &r.content {
        Content::Event(e) => (crate::calendar::utc_instant(&e.start, &e.tz), r.author, r.payload.id.clone()),
        _ => (None, r.author, r.payload.id.clone()),
    });
    results.truncate(limit);
    Ok(results)
}

/// Skills needs matching `query`, newest first.
pub fn search_skills_needs(store: &RecordStore, query: &SkillsNeedQuery) -> Result<Vec<VerifiedRecord>, StoreError> {
    let filters = [
        ("region", query.region.iter().cloned().collect()),
        ("area", query.areas.clone()),
        ("isco", query.isco.iter().cloned().collect()),
        ("occupation", query.occupation.iter().cloned().collect()),
        ("sector", query.sector.iter().cloned().collect()),
        ("skill", query.skill.iter().cloned().collect()),
        ("author", query.author.iter().map(|author| hex::encode(author.as_bytes())).collect()),
    ];
    let authors = AuthorFilter::new(store, &query.authors_in);
    let newest = {
        let index = store.search_index();
        index.newest(&candidates(&index, "skills-need", &filters, &query.text, &authors), limit(query.limit))
    };
    let mut results = fetch(store, &newest)?;
    results.retain(|record| matches!(record.content, Content::SkillsNeed(_)));
    Ok(results)
}

/// Resources matching `query`, newest first.
pub fn search_resources(store: &RecordStore, query: &ResourceQuery) -> Result<Vec<VerifiedRecord>, StoreError> {
    let filters = [
        ("category", query.category.iter().map(|k| k.as_str().to_owned()).collect()),
        ("lang", query.lang.iter().cloned().collect()),
        ("author", query.author.iter().map(|author| hex::encode(author.as_bytes())).collect()),
    ];
    let authors = AuthorFilter::new(store, &query.authors_in);
    let newest = {
        let index = store.search_index();
        index.newest(&candidates(&index, "resource", &filters, &query.text, &authors), limit(query.limit))
    };
    let mut results = fetch(store, &newest)?;
    results.retain(|record| matches!(record.content, Content::Resource(_)));
    Ok(results)
}

/// Live profiles in `region` (a NUTS code at any level), by the `region`
/// terms of their `nuts`; at most `limit`, unordered.
pub fn profiles_in_region(store: &RecordStore, region: &str, limit: usize) -> Result<Vec<VerifiedRecord>, StoreError> {
    let authors = AuthorFilter::new(store, &None);
    let entries = {
        let index = store.search_index();
        let filters = [("region", vec![region.to_owned()])];
        let slots = candidates(&index, "profile", &filters, &None, &authors);
        index.newest(&slots, limit)
    };
    let mut results = fetch(store, &entries)?;
    results.retain(|record| matches!(record.content, Content::Profile(_)));
    Ok(results)
}
