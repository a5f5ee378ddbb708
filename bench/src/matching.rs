//! `match`: how long `GET /v1/match` takes for an institution with a few
//! own offers against a network of many needs: the candidates picked from the
//! search index by broad field, read from the store, scored and ranked
//! (`vetnet_node::matching::match_own`), beside the pure scoring rate and
//! the cheaper blocker check that spares blocked pairs their reasons.
//!
//! The needs are spread over 12 fields in 6 broad fields, so an offer's
//! broad field narrows the candidates to about a sixth of them.

use std::time::Instant;

use vetnet_node::matching::{MatchQuery, match_own};
use vetnet_node::store::RecordStore;
use vetnet_protocol::fixtures;
use vetnet_protocol::matching::{is_blocked, match_offer_need};
use vetnet_protocol::need::{AgeBand, NeedBody};
use vetnet_protocol::offer::{Conditions, OfferBody};
use vetnet_protocol::{Content, DEFAULT_NETWORK, InstitutionKey, LangText, Payload, RecordKind, ValidationContext};

use crate::figure::{Figure, Target, quantile};
use crate::rng::Rng;

const NOW: u64 = 1_795_000_000;
const CACHE_BYTES: u64 = 64 * 1024 * 1024;
/// An API answer: matching all own items should take well under a second.
const MATCH_MS_TARGET: f64 = 1_000.0;
const FIELDS: &[&str] =
    &["0715", "0713", "0732", "0731", "0722", "0721", "1013", "1015", "0413", "0416", "0611", "0613"];
const COUNTRIES: &[&str] = &["SE", "DE", "PL", "FI", "DK", "EE", "LV", "LT", "NO", "IS"];
const LEVELS: &[&str] = &["A2", "B1", "B2", "C1"];
/// Needs signed per institution.
const NEEDS_PER_SCHOOL: usize = 5;

pub(crate) fn key(n: usize) -> InstitutionKey {
    let mut secret = [0u8; 32];
    secret[..8].copy_from_slice(&(n as u64 + 1).to_le_bytes());
    secret[8] = 0x6d;
    InstitutionKey::from_secret_bytes(&secret)
}

fn day(rng: &mut Rng, month_low: u32, month_high: u32) -> String {
    format!("2027-{:02}-{:02}", rng.range(month_low, month_high), rng.range(1, 28))
}

// The random draws below come in the order they always had, so the same
// seed gives the same needs and offers as in earlier runs.

pub(crate) fn need(rng: &mut Rng, i: usize) -> NeedBody {
    let weeks_min = rng.range(2, 6);
    let start_month = rng.range(1, 8);
    let learners = rng.range(1, 8);
    let isced = *rng.pick(FIELDS);
    let eqf = rng.range(2, 5) as u8;
    let mut need = fixtures::need(&format!("Group {i} looking for a placement"), "SE", isced, eqf);
    need.description = LangText::default();
    need.learners = learners;
    need.start = format!("2027-{start_month:02}-01");
    need.end = Some(format!("2027-{:02}-28", start_month + 3));
    need.weeks_min = weeks_min;
    need.weeks_max = weeks_min + rng.range(0, 4);
    need.countries = if rng.chance(0.3) { vec![] } else { vec![(*rng.pick(COUNTRIES)).to_owned()] };
    need.languages = vec![fixtures::language("en", Some(*rng.pick(LEVELS)))];
    need.age = if rng.chance(0.6) { AgeBand::Under18 } else { AgeBand::Adults };
    need.funding = None;
    need
}

pub(crate) fn offer(rng: &mut Rng, i: usize) -> OfferBody {
    let eqf_min = rng.range(2, 4) as u8;
    let isced = *rng.pick(FIELDS);
    let country = *rng.pick(COUNTRIES);
    let mut offer = fixtures::minimal_offer(&format!("Placement {i}"), country, isced, eqf_min);
    offer.eqf_max = eqf_min + 1;
    offer.places = rng.range(1, 6);
    offer.start = day(rng, 1, 3);
    offer.end = Some(day(rng, 6, 9));
    (offer.weeks_min, offer.weeks_max) = (2, 12);
    offer.languages = vec![fixtures::language("en", Some("B1"))];
    offer.conditions = Conditions { minors: rng.chance(0.5), ..Conditions::default() };
    offer
}

/// `own_offers` offers of one institution against `needs` needs of others.
pub fn run(own_offers: usize, needs: usize) -> anyhow::Result<Vec<Figure>> {
    let ctx = ValidationContext { network: DEFAULT_NETWORK, now: NOW };
    let dir = tempfile::tempdir()?;
    let store = RecordStore::open(&dir.path().join("db"), DEFAULT_NETWORK, CACHE_BYTES)?;
    let mut rng = Rng::new(23);
    let schools: Vec<InstitutionKey> = (0..needs.div_ceil(NEEDS_PER_SCHOOL)).map(key).collect();
    let mut records = Vec::with_capacity(needs);
    for i in 0..needs {
        let body = need(&mut rng, i);
        let payload =
            Payload::with_body(DEFAULT_NETWORK, RecordKind::Need, &format!("n{i}"), 1, NOW - i as u64, &body)?;
        records.push(schools[i / NEEDS_PER_SCHOOL].sign_checked(&payload, &ctx)?);
    }
    let host = key(usize::MAX / 2);
    for i in 0..own_offers {
        let body = offer(&mut rng, i);
        let payload = Payload::with_body(DEFAULT_NETWORK, RecordKind::Offer, &format!("o{i}"), 1, NOW, &body)?;
        records.push(host.sign_checked(&payload, &ctx)?);
    }
    for chunk in records.chunks(1_024) {
        store.insert_batch(chunk)?;
    }

    let me = host.id();
    let runs = 5;
    let mut samples = Vec::with_capacity(runs);
    let mut matched = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let results = match_own(&store, &me, &MatchQuery::default())?;
        samples.push(started.elapsed().as_secs_f64() * 1_000.0);
        matched = results.iter().map(|r| r.candidates.len()).sum::<usize>();
    }
    let mean = samples.iter().sum::<f64>() / runs as f64;
    let worst = quantile(&mut samples, 1.0);

    // The pure scoring, every pair, in memory.
    let offers: Vec<OfferBody> = records
        .iter()
        .filter_map(|r| match &r.content {
            Content::Offer(o) => Some((**o).clone()),
            _ => None,
        })
        .collect();
    let need_bodies: Vec<&NeedBody> = records
        .iter()
        .filter_map(|r| match &r.content {
            Content::Need(n) => Some(&**n),
            _ => None,
        })
        .collect();
    let started = Instant::now();
    let mut blocked = 0usize;
    for offer in &offers {
        for need in &need_bodies {
            blocked += usize::from(match_offer_need(offer, need).blocking);
        }
    }
    let pairs = (offers.len() * need_bodies.len()).max(1);
    let per_pair_us = started.elapsed().as_secs_f64() * 1e6 / pairs as f64;
    let started = Instant::now();
    let mut blocked_fast = 0usize;
    for offer in &offers {
        for need in &need_bodies {
            blocked_fast += usize::from(is_blocked(offer, need));
        }
    }
    let blocker_us = started.elapsed().as_secs_f64() * 1e6 / pairs as f64;
    anyhow::ensure!(blocked_fast == blocked, "is_blocked disagrees with the full report");

    let label = format!("{own_offers} own offers x {needs} needs");
    Ok(vec![
        Figure::new("match", format!("{label}: match_own mean"), mean, "ms")
            .with_target(Target::at_most(MATCH_MS_TARGET, "an API answer within a second")),
        Figure::new("match", format!("{label}: match_own worst of {runs}"), worst, "ms"),
        Figure::new("match", format!("{label}: matches returned (limit 10 each)"), matched as f64, ""),
        Figure::new("match", "score one pair with its reasons (in memory)", per_pair_us, "us"),
        Figure::new("match", "check one pair for blockers only (in memory)", blocker_us, "us"),
        Figure::new("match", "share of pairs blocked", blocked as f64 / pairs as f64, ""),
    ])
}
