//! `events`: event search and the iCalendar feed on one store holding a
//! year and a half of meetings: organisers in the Baltic Sea countries, a
//! tenth of them a network's, starts spread over 540 days in each country's
//! zone, some online only.
//!
//! Every query is made from a stored event (its country, its network, the
//! day it starts), so every query has a result: an empty one is a search
//! bug and fails the run. `from` is the costly filter: it reads the index's
//! start days in order, so the figures include a `from` early in the range.

use std::time::Instant;

use vetnet_node::calendar::{self, CalendarEvent};
use vetnet_node::search::{EventQuery, search_events};
use vetnet_node::store::RecordStore;
use vetnet_protocol::event::{EventBody, EventKind};
use vetnet_protocol::{
    Content, DEFAULT_NETWORK, InstitutionId, InstitutionKey, Payload, RecordKind, ValidationContext,
};
use vetnet_protocol::{VerifiedRecord, fixtures};

use crate::figure::{Figure, Target, quantile};
use crate::rng::Rng;

/// Records per `insert_batch`.
const BATCH: usize = 1_024;
/// sled page cache of the store.
const CACHE_BYTES: u64 = 64 * 1024 * 1024;
/// The search target of offers (issue 6), kept for events.
const INDEXED_P99_MS: f64 = 5.0;
/// A feed of 100 events, searched and written.
const FEED_P99_MS: f64 = 20.0;
/// Organisers and the networks among them.
const AUTHORS: usize = 500;
const NETWORKS: usize = 50;

/// Each country with a town and its zone.
const PLACES: &[(&str, &str, &str)] = &[
    ("SE", "Luleå", "Europe/Stockholm"),
    ("FI", "Oulu", "Europe/Helsinki"),
    ("EE", "Tartu", "Europe/Tallinn"),
    ("LV", "Riga", "Europe/Riga"),
    ("LT", "Klaipėda", "Europe/Vilnius"),
    ("PL", "Gdańsk", "Europe/Warsaw"),
    ("DE", "Kiel", "Europe/Berlin"),
    ("DK", "Aarhus", "Europe/Copenhagen"),
    ("NO", "Bergen", "Europe/Oslo"),
];

/// What a query is made from: a stored event's facts.
struct Sample {
    country: Option<&'static str>,
    network: Option<InstitutionId>,
    day: String,
}

fn key(index: usize) -> InstitutionKey {
    let mut secret = [0xE7; 32];
    secret[..8].copy_from_slice(&(index as u64).to_be_bytes());
    InstitutionKey::from_secret_bytes(&secret)
}

fn generate(rng: &mut Rng, networks: &[InstitutionId], i: usize) -> EventBody {
    let (country, city, tz) = *rng.pick(PLACES);
    let mut body = fixtures::event(&format!("Meeting {i} in {city}"), city, country, tz);
    let day =
        chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default() + chrono::Days::new(rng.below(540) as u64);
    let hour = rng.range(8, 14);
    body.start = format!("{day}T{hour:02}:00");
    body.end = format!("{day}T{:02}:30", hour + 3);
    body.kind = *rng.pick(EventKind::ALL);
    if rng.chance(0.2) {
        (body.city, body.country) = (None, None);
        body.online = Some(format!("https://meet.example.org/{i}"));
    }
    if rng.chance(0.5) {
        body.network = Some(rng.pick(networks).to_did());
    }
    body.topics = vec![format!("topic {}", rng.below(40))];
    body
}

/// Fills `store` with `count` events; returns a sample of their facts.
fn fill(store: &RecordStore, count: usize) -> anyhow::Result<Vec<Sample>> {
    let mut rng = Rng::new(17);
    let keys: Vec<InstitutionKey> = (0..AUTHORS).map(key).collect();
    let networks: Vec<InstitutionId> = keys[..NETWORKS].iter().map(InstitutionKey::id).collect();
    let now = vetnet_node::publish::unix_now();
    let ctx = ValidationContext { network: DEFAULT_NETWORK, now };
    let mut samples = Vec::new();
    for first in (0..count).step_by(BATCH) {
        let mut records = Vec::with_capacity(BATCH);
        for i in first..count.min(first + BATCH) {
            let author = rng.below(AUTHORS);
            let body = generate(&mut rng, &networks, i);
            let id = format!("event-{i}");
            let payload =
                Payload::with_body(DEFAULT_NETWORK, RecordKind::Event, &id, 1, now - (count - i) as u64, &body)?;
            let record = VerifiedRecord::open(&keys[author].sign(&payload)?, &ctx)?;
            if samples.len() < 1_000 {
                let network = body.network_id().or_else(|| (author < NETWORKS).then(|| keys[author].id()));
                let country = PLACES.iter().map(|p| p.0).find(|c| body.country.as_deref() == Some(*c));
                samples.push(Sample { country, network, day: body.start_day().to_owned() });
            }
            records.push(record);
        }
        let stored = store.insert_batch(&records)?.into_iter().filter(|o| o.is_stored()).count();
        anyhow::ensure!(stored == records.len(), "only {stored} of {} events were stored", records.len());
    }
    store.flush()?;
    Ok(samples)
}

/// A query class, made from a stored event.
struct QueryClass {
    name: &'static str,
    make: fn(&Sample) -> Option<EventQuery>,
}

const QUERY_CLASSES: &[QueryClass] = &[
    QueryClass { name: "soonest, no filter", make: |_| Some(EventQuery::default()) },
    QueryClass {
        name: "country",
        make: |s| s.country.map(|c| EventQuery { countries: vec![c.into()], ..Default::default() }),
    },
    QueryClass { name: "network", make: |s| s.network.map(|n| EventQuery { network: Some(n), ..Default::default() }) },
    QueryClass {
        name: "from the event's day",
        make: |s| Some(EventQuery { from: Some(s.day.clone()), ..Default::default() }),
    },
    QueryClass {
        name: "country + from",
        make: |s| {
            s.country.map(|c| EventQuery { countries: vec![c.into()], from: Some(s.day.clone()), ..Default::default() })
        },
    },
    QueryClass {
        name: "network + from",
        make: |s| s.network.map(|n| EventQuery { network: Some(n), from: Some(s.day.clone()), ..Default::default() }),
    },
];

/// The feed of a network: search (at most 100) and write the calendar.
fn feed(store: &RecordStore, network: InstitutionId) -> anyhow::Result<usize> {
    let records = search_events(store, &EventQuery { network: Some(network), ..Default::default() })?;
    let events: Vec<CalendarEvent<'_>> = records
        .iter()
        .filter_map(|r| match &r.content {
            Content::Event(body) => Some(CalendarEvent {
                author: &r.author,
                author_name: None,
                id: &r.payload.id,
                seq: r.payload.seq,
                ts: r.payload.ts,
                body,
            }),
            _ => None,
        })
        .collect();
    Ok(calendar::write_calendar(&events, Some("feed")).len())
}

/// Builds the store of `count` events, then times each query class and the
/// feed `runs` times (interleaved).
pub fn run(count: usize, runs: usize) -> anyhow::Result<Vec<Figure>> {
    anyhow::ensure!(count > 0 && runs > 0, "events needs events and runs");
    let dir = tempfile::tempdir()?;
    let store = RecordStore::open(dir.path(), DEFAULT_NETWORK, CACHE_BYTES)?;
    eprintln!("events: signing and storing {count} events...");
    let samples = fill(&store, count)?;
    let mut rng = Rng::new(71);
    let mut latencies: Vec<Vec<f64>> = vec![Vec::new(); QUERY_CLASSES.len() + 1];
    let mut feed_bytes = 0;
    for round in 0..=runs {
        let sample = rng.pick(&samples);
        for (class, timing) in QUERY_CLASSES.iter().zip(&mut latencies) {
            let Some(query) = (class.make)(sample) else { continue };
            let started = Instant::now();
            let found = search_events(&store, &query)?;
            let took_ms = started.elapsed().as_secs_f64() * 1000.0;
            anyhow::ensure!(!found.is_empty(), "{}: no result for {query:?}, made from a stored event", class.name);
            if round > 0 {
                timing.push(took_ms);
            }
        }
        let network = sample.network.unwrap_or_else(|| key(0).id());
        let started = Instant::now();
        feed_bytes = feed(&store, network)?;
        if round > 0 {
            latencies[QUERY_CLASSES.len()].push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let figure =
        |name: String, value: f64, unit: &'static str| Figure::new("events", format!("N={count}: {name}"), value, unit);
    let mut figures = Vec::new();
    let names = QUERY_CLASSES.iter().map(|c| c.name).chain(["network feed (100 events as .ics)"]);
    for (i, (name, timing)) in names.zip(&mut latencies).enumerate() {
        let target = if i == QUERY_CLASSES.len() {
            Target::at_most(FEED_P99_MS, "p99 < 20 ms for a feed of 100 events")
        } else {
            Target::at_most(INDEXED_P99_MS, "p99 < 5 ms, as offer search")
        };
        figures.push(figure(format!("{name}: p50"), quantile(timing, 0.5), "ms"));
        figures.push(figure(format!("{name}: p99"), quantile(timing, 0.99), "ms").with_target(target));
    }
    figures.push(figure("network feed size".into(), feed_bytes as f64, "bytes"));
    Ok(figures)
}
