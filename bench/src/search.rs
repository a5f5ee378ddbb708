//! `search`: query latency on one store holding a realistic catalogue of
//! offers (Baltic Sea countries, several ISCED-F fields, EQF ranges, working
//! languages, titles and descriptions from a vocabulary of a few hundred
//! trade words), for ten typical query classes.
//!
//! Every query is made from the traits of an offer in the store (its
//! country, field, an EQF level in its range, one of its languages, words of
//! its title), so every query has at least one result: an empty result is a
//! search bug, and fails the run. Free-text queries use whole words, so they
//! hold under both whole-word and word-prefix matching.

use std::time::Instant;

use anyhow::Context;
use vetnet_node::search::{OfferQuery, search_offers};
use vetnet_node::store::RecordStore;
use vetnet_protocol::fixtures;
use vetnet_protocol::offer::{Conditions, LanguageRequirement, OfferBody, Provision, Stipend};
use vetnet_protocol::{
    DEFAULT_NETWORK, InstitutionKey, LangText, Payload, RecordKind, ValidationContext, VerifiedRecord,
};

use crate::figure::Target;
use crate::figure::{Figure, quantile};
use crate::rng::Rng;

/// Records per `insert_batch` (the sync path's batch size).
const BATCH: usize = 1_024;
/// At most this many offers' traits are kept to build queries from.
const MAX_SAMPLES: usize = 1_000;
/// sled page cache of the store.
const CACHE_BYTES: u64 = 64 * 1024 * 1024;
/// p99 targets (issue 6).
const INDEXED_P99_MS: f64 = 5.0;
const TEXT_P99_MS: f64 = 20.0;

/// The size of a run.
#[derive(Debug, Clone)]
pub struct SearchParams {
    /// Offers in the store.
    pub offers: usize,
    /// Institutions publishing them.
    pub authors: usize,
    /// Timed runs of each query class (after one untimed warm-up run).
    pub runs: usize,
    pub seed: u64,
}

impl SearchParams {
    /// The figure: 100,000 offers from 10,000 institutions.
    pub fn full() -> Self {
        Self { offers: 100_000, authors: 10_000, runs: 200, seed: 6 }
    }

    /// A run of a few seconds.
    pub fn quick() -> Self {
        Self { offers: 10_000, authors: 1_000, runs: 50, seed: 6 }
    }
}

/// The Baltic Sea countries, with their language and a few cities.
/// How many countries [`generate_offer`] can place an offer in.
pub(crate) const COUNTRY_COUNT: usize = COUNTRIES.len();

const COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("DK", "da", &["Copenhagen", "Aarhus", "Odense", "Aalborg", "Esbjerg"]),
    ("EE", "et", &["Tallinn", "Tartu", "Narva", "Pärnu"]),
    ("FI", "fi", &["Helsinki", "Tampere", "Turku", "Oulu", "Vaasa"]),
    ("DE", "de", &["Hamburg", "Kiel", "Rostock", "Lübeck", "Stralsund"]),
    ("IS", "is", &["Reykjavík", "Akureyri", "Hafnarfjörður"]),
    ("LV", "lv", &["Riga", "Liepāja", "Ventspils", "Daugavpils"]),
    ("LT", "lt", &["Vilnius", "Kaunas", "Klaipėda", "Šiauliai"]),
    ("NO", "no", &["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø"]),
    ("PL", "pl", &["Gdańsk", "Gdynia", "Szczecin", "Kraków", "Poznań"]),
    ("SE", "sv", &["Stockholm", "Göteborg", "Malmö", "Luleå", "Umeå"]),
];

/// ISCED-F detailed fields and the trade words of their titles, descriptions and outcomes.
const FIELDS: &[(&str, &[&str])] = &[
    (
        "0715",
        &[
            "welding",
            "welder",
            "metalwork",
            "machinist",
            "fabrication",
            "steel",
            "sheet",
            "lathe",
            "milling",
            "turning",
            "grinding",
            "fitter",
            "toolmaker",
            "blueprint",
            "tig",
            "mig",
            "brazing",
            "cutting",
            "aluminium",
            "pipework",
            "assembly",
            "maintenance",
            "hydraulics",
            "pneumatics",
            "tolerances",
        ],
    ),
    (
        "0716",
        &[
            "automotive",
            "mechanic",
            "vehicle",
            "engine",
            "brakes",
            "diagnostics",
            "gearbox",
            "tyres",
            "marine",
            "outboard",
            "shipyard",
            "hull",
            "aircraft",
            "avionics",
            "bodywork",
            "paintshop",
            "chassis",
            "electric",
            "hybrid",
            "truck",
            "tractor",
            "workshop",
            "service",
            "inspection",
            "repair",
        ],
    ),
    (
        "0713",
        &[
            "electrician",
            "wiring",
            "installation",
            "cabling",
            "switchboard",
            "lighting",
            "solar",
            "photovoltaic",
            "heatpump",
            "voltage",
            "circuits",
            "grounding",
            "substation",
            "turbine",
            "wind",
            "metering",
            "automation",
            "plc",
            "relays",
            "safety",
            "energy",
            "battery",
            "charging",
            "fault",
            "testing",
        ],
    ),
    (
        "0722",
        &[
            "carpentry",
            "joinery",
            "woodwork",
            "furniture",
            "cabinetmaker",
            "timber",
            "sawmill",
            "veneer",
            "lacquer",
            "upholstery",
            "glazing",
            "glass",
            "plastics",
            "moulding",
            "paper",
            "packaging",
            "finishing",
            "sanding",
            "dovetail",
            "planing",
            "boatbuilding",
            "oak",
            "pine",
            "birch",
            "restoration",
        ],
    ),
    (
        "0732",
        &[
            "construction",
            "bricklaying",
            "masonry",
            "concrete",
            "scaffolding",
            "roofing",
            "plastering",
            "tiling",
            "plumbing",
            "insulation",
            "foundations",
            "formwork",
            "surveying",
            "drywall",
            "renovation",
            "painting",
            "flooring",
            "demolition",
            "excavation",
            "roads",
            "bridges",
            "site",
            "crane",
            "carpenter",
            "building",
        ],
    ),
    (
        "1013",
        &[
            "cook",
            "chef",
            "kitchen",
            "hospitality",
            "catering",
            "restaurant",
            "pastry",
            "bakery",
            "bartender",
            "barista",
            "waiter",
            "reception",
            "housekeeping",
            "hotel",
            "menu",
            "seafood",
            "banquet",
            "hygiene",
            "butcher",
            "breakfast",
            "dining",
            "sommelier",
            "cafe",
            "canteen",
            "room",
        ],
    ),
    (
        "1015",
        &[
            "tourism",
            "travel",
            "guide",
            "excursions",
            "booking",
            "campsite",
            "skiing",
            "hiking",
            "kayaking",
            "cruise",
            "ferry",
            "leisure",
            "events",
            "festival",
            "museum",
            "heritage",
            "visitors",
            "itinerary",
            "sauna",
            "spa",
            "adventure",
            "fishing",
            "nature",
            "wildlife",
            "archipelago",
        ],
    ),
    (
        "0413",
        &[
            "administration",
            "office",
            "logistics",
            "warehouse",
            "procurement",
            "accounting",
            "bookkeeping",
            "payroll",
            "invoicing",
            "scheduling",
            "secretary",
            "clerk",
            "inventory",
            "forwarding",
            "shipping",
            "customs",
            "freight",
            "dispatch",
            "planning",
            "retail",
            "sales",
            "marketing",
            "purchasing",
            "supply",
            "management",
        ],
    ),
    (
        "0613",
        &[
            "software",
            "developer",
            "programming",
            "web",
            "frontend",
            "backend",
            "database",
            "testing",
            "python",
            "java",
            "javascript",
            "mobile",
            "app",
            "cloud",
            "linux",
            "networking",
            "support",
            "helpdesk",
            "security",
            "scripting",
            "agile",
            "git",
            "api",
            "design",
            "usability",
        ],
    ),
];

/// Words of any placement.
const GENERAL: &[&str] = &[
    "placement",
    "apprenticeship",
    "traineeship",
    "internship",
    "learner",
    "learners",
    "trainee",
    "mentor",
    "team",
    "staff",
    "experienced",
    "supervised",
    "practical",
    "hands",
    "daily",
    "weekly",
    "tasks",
    "customers",
    "quality",
    "standards",
    "tools",
    "equipment",
    "materials",
    "projects",
    "company",
    "family",
    "owned",
    "small",
    "medium",
    "large",
    "modern",
    "traditional",
    "international",
    "friendly",
    "busy",
    "seasonal",
    "summer",
    "winter",
    "spring",
    "autumn",
    "harbour",
    "coastal",
    "city",
    "rural",
    "island",
    "region",
    "local",
    "regional",
    "independent",
    "responsible",
    "careful",
    "accurate",
    "safe",
    "clean",
    "sustainable",
    "green",
    "digital",
    "basic",
    "advanced",
    "skills",
    "knowledge",
    "experience",
    "work",
    "works",
    "learn",
    "learns",
    "assists",
    "prepares",
    "operates",
    "checks",
    "follows",
    "plans",
    "documents",
    "reports",
    "communicates",
    "cooperates",
    "english",
    "language",
    "course",
    "accommodation",
    "provided",
    "lunch",
    "transport",
    "bicycle",
    "shift",
    "hours",
    "weekday",
    "overtime",
    "uniform",
    "protective",
    "clothing",
    "boots",
    "licence",
    "certificate",
    "europass",
    "erasmus",
    "mobility",
    "exchange",
    "partner",
    "school",
];

/// Levels of a title, as hosts write them.
const TITLE_OPENERS: &[&str] = &["Trainee", "Assistant", "Junior", "Apprentice", "Placement:", "Learner"];

const CURRENCIES: &[(&str, &str)] = &[("DK", "DKK"), ("IS", "ISK"), ("NO", "NOK"), ("PL", "PLN"), ("SE", "SEK")];

/// What a query can be made from: the traits of one stored offer.
#[derive(Debug, Clone)]
pub(crate) struct Traits {
    country: &'static str,
    isced: &'static str,
    eqf_min: u8,
    eqf_max: u8,
    langs: Vec<String>,
    /// Field words of the title (whole words, lower case).
    title_words: Vec<&'static str>,
}

/// `count` words, with repetition, from `words`.
fn some_words(rng: &mut Rng, words: &[&'static str], count: usize) -> Vec<&'static str> {
    (0..count).map(|_| *rng.pick(words)).collect()
}

fn sentence(words: &[&str]) -> String {
    let mut text = words.join(" ");
    if let Some(first) = text.get(..1) {
        text.replace_range(..1, &first.to_uppercase());
    }
    text.push('.');
    text
}

/// A plausible offer of an institution in `country`, and its traits.
pub(crate) fn generate_offer(rng: &mut Rng, country_index: usize) -> (OfferBody, Traits) {
    let (country, home_lang, cities) = COUNTRIES[country_index];
    let (isced, field_words) = *rng.pick(FIELDS);
    let title_words = some_words(rng, field_words, 2);
    let title = format!("{} {} {} in {}", rng.pick(TITLE_OPENERS), title_words[0], title_words[1], rng.pick(cities));
    let description = (0..rng.range(2, 4))
        .map(|_| {
            let (field_count, general_count) = (rng.range(3, 6) as usize, rng.range(4, 8) as usize);
            let mut words = some_words(rng, field_words, field_count);
            words.extend(some_words(rng, GENERAL, general_count));
            // Shuffle a little so the field words are not always first.
            for i in (1..words.len()).rev() {
                words.swap(i, rng.below(i + 1));
            }
            sentence(&words)
        })
        .collect::<Vec<_>>()
        .join(" ");
    let outcomes = (0..rng.range(1, 3))
        .map(|_| {
            let mut words = vec![*rng.pick(&["Performs", "Plans", "Documents", "Checks", "Carries out"])];
            words.extend(some_words(rng, field_words, 3));
            words.push("to");
            words.push(*rng.pick(&["standard", "specification", "customer requirements", "safety rules"]));
            words.join(" ")
        })
        .collect();
    let mut languages = vec![LanguageRequirement {
        lang: home_lang.to_owned(),
        cefr: rng.chance(0.5).then(|| rng.pick(&["A2", "B1"]).to_string()),
    }];
    if rng.chance(0.6) {
        languages.push(LanguageRequirement { lang: "en".to_owned(), cefr: Some(rng.pick(&["B1", "B2"]).to_string()) });
    }
    if country == "DE" && rng.chance(0.2) {
        languages.push(LanguageRequirement { lang: "pl".to_owned(), cefr: None });
    }
    let eqf_min = rng.range(2, 5) as u8;
    let eqf_max = rng.range(u32::from(eqf_min), u32::from(eqf_min + 2).min(6)) as u8;
    let weeks_min = rng.range(2, 12);
    let currency = CURRENCIES.iter().find(|(c, _)| *c == country).map_or("EUR", |(_, currency)| currency);
    let traits = Traits {
        country,
        isced,
        eqf_min,
        eqf_max,
        langs: languages.iter().map(|l| l.lang.clone()).collect(),
        title_words,
    };
    let mut body = fixtures::minimal_offer(&title, country, isced, eqf_min);
    body.description = LangText::new("en", &description);
    body.city = Some(rng.pick(cities).to_string());
    body.eqf_max = eqf_max;
    body.places = rng.range(1, 6);
    body.start = format!("2027-{:02}-01", rng.range(2, 12));
    body.weeks_min = weeks_min;
    body.weeks_max = weeks_min + rng.range(0, 8);
    body.deadline = Some("2027-01-15".to_owned());
    body.languages = languages;
    body.outcomes = outcomes;
    body.conditions = Conditions {
        accommodation: Some(*rng.pick(&[Provision::Provided, Provision::Assisted, Provision::None])),
        meals: rng.chance(0.5).then_some(Provision::Provided),
        stipend: rng.chance(0.4).then(|| Stipend { amount: rng.range(100, 900), currency: currency.to_owned() }),
        insurance: None,
        minors: rng.chance(0.5),
        mentor: true,
    };
    (body, traits)
}

/// The key of test institution `index`, derived from `seed` as
/// `vetnet_tests::signed_offers` derives its keys.
fn author_key(seed: u8, index: usize) -> InstitutionKey {
    let mut secret = [seed; 32];
    secret[..8].copy_from_slice(&(index as u64).to_be_bytes());
    InstitutionKey::from_secret_bytes(&secret)
}

/// One offer to sign: its author, id, timestamp and body.
struct Job {
    author: usize,
    id: String,
    ts: u64,
    body: OfferBody,
}

/// Signs and opens `jobs` (the same `open` every record passes) on every core.
fn sign_and_open(
    keys: &[InstitutionKey],
    jobs: &[Job],
    ctx: &ValidationContext,
) -> anyhow::Result<Vec<VerifiedRecord>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let per_thread = jobs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .chunks(per_thread)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|job| {
                            let payload =
                                Payload::with_body(ctx.network, RecordKind::Offer, &job.id, 1, job.ts, &job.body)?;
                            let bytes = keys[job.author].sign(&payload)?;
                            VerifiedRecord::open(&bytes, ctx).with_context(|| format!("offer {} is invalid", job.id))
                        })
                        .collect::<anyhow::Result<Vec<_>>>()
                })
            })
            .collect();
        let mut records = Vec::with_capacity(jobs.len());
        for worker in workers {
            records.extend(worker.join().map_err(|_| anyhow::anyhow!("a signing thread panicked"))??);
        }
        Ok(records)
    })
}

/// Fills `store` with `params.offers` offers; returns a sample of their traits.
pub(crate) fn fill(store: &RecordStore, params: &SearchParams) -> anyhow::Result<Vec<Traits>> {
    let mut rng = Rng::new(params.seed);
    let keys: Vec<InstitutionKey> = (0..params.authors).map(|i| author_key(params.seed as u8, i)).collect();
    let homes: Vec<usize> = (0..params.authors).map(|_| rng.below(COUNTRIES.len())).collect();
    let now = vetnet_node::publish::unix_now();
    let ctx = ValidationContext { network: DEFAULT_NETWORK, now };
    let sample_every = params.offers.div_ceil(MAX_SAMPLES).max(1);
    let mut samples = Vec::with_capacity(MAX_SAMPLES);
    for first in (0..params.offers).step_by(BATCH) {
        let jobs: Vec<Job> = (first..params.offers.min(first + BATCH))
            .map(|i| {
                let author = rng.below(params.authors);
                let (body, traits) = generate_offer(&mut rng, homes[author]);
                if i % sample_every == 0 {
                    samples.push(traits);
                }
                // Oldest first, one second apart, the newest a moment ago.
                Job { author, id: format!("offer-{i}"), ts: now - (params.offers - i) as u64, body }
            })
            .collect();
        let records = sign_and_open(&keys, &jobs, &ctx)?;
        let stored = store.insert_batch(&records)?.into_iter().filter(|outcome| outcome.is_stored()).count();
        anyhow::ensure!(stored == records.len(), "only {stored} of {} offers were stored", records.len());
    }
    store.flush()?;
    Ok(samples)
}

/// A typical query, made from the traits of a stored offer.
struct QueryClass {
    name: &'static str,
    /// Whether the query has free text (a looser target).
    text: bool,
    make: fn(&Traits, &mut Rng) -> OfferQuery,
}

fn eqf_of(t: &Traits, rng: &mut Rng) -> Option<u8> {
    Some(rng.range(u32::from(t.eqf_min), u32::from(t.eqf_max)) as u8)
}

fn lang_of(t: &Traits, rng: &mut Rng) -> Option<String> {
    Some(rng.pick(&t.langs).clone())
}

const QUERY_CLASSES: &[QueryClass] = &[
    QueryClass {
        name: "country",
        text: false,
        make: |t, _| OfferQuery { countries: vec![t.country.into()], ..Default::default() },
    },
    QueryClass {
        name: "sector",
        text: false,
        make: |t, _| OfferQuery { sector: Some(t.isced.into()), ..Default::default() },
    },
    QueryClass {
        name: "EQF level",
        text: false,
        make: |t, rng| OfferQuery { eqf: eqf_of(t, rng), ..Default::default() },
    },
    QueryClass {
        name: "language",
        text: false,
        make: |t, rng| OfferQuery { lang: lang_of(t, rng), ..Default::default() },
    },
    QueryClass {
        name: "text, one word",
        text: true,
        make: |t, _| OfferQuery { text: Some(t.title_words[0].into()), ..Default::default() },
    },
    QueryClass {
        name: "text, two words",
        text: true,
        make: |t, _| OfferQuery { text: Some(t.title_words.join(" ")), ..Default::default() },
    },
    QueryClass {
        name: "country + sector",
        text: false,
        make: |t, _| OfferQuery {
            countries: vec![t.country.into()],
            sector: Some(t.isced.into()),
            ..Default::default()
        },
    },
    QueryClass {
        name: "country + EQF + language",
        text: false,
        make: |t, rng| OfferQuery {
            countries: vec![t.country.into()],
            eqf: eqf_of(t, rng),
            lang: lang_of(t, rng),
            ..Default::default()
        },
    },
    QueryClass {
        name: "sector + text",
        text: true,
        make: |t, _| OfferQuery {
            sector: Some(t.isced.into()),
            text: Some(t.title_words[0].into()),
            ..Default::default()
        },
    },
    QueryClass {
        name: "country + sector + EQF + language + text",
        text: true,
        make: |t, rng| OfferQuery {
            countries: vec![t.country.into()],
            sector: Some(t.isced.into()),
            eqf: eqf_of(t, rng),
            lang: lang_of(t, rng),
            text: Some(t.title_words[0].into()),
            ..Default::default()
        },
    },
];

/// Latencies (ms) and result counts of one query class.
#[derive(Default)]
struct Timings {
    latencies_ms: Vec<f64>,
    results: usize,
}

/// Builds the store, then times every query class `params.runs` times
/// (interleaved, so noise from other work on the machine spreads evenly).
pub fn run(params: &SearchParams) -> anyhow::Result<Vec<Figure>> {
    anyhow::ensure!(
        params.offers > 0 && params.authors > 0 && params.runs > 0,
        "search needs offers, authors and runs"
    );
    let dir = tempfile::tempdir()?;
    let store = RecordStore::open(dir.path(), DEFAULT_NETWORK, CACHE_BYTES)?;
    eprintln!("search: signing and storing {} offers of {} institutions...", params.offers, params.authors);
    let started = Instant::now();
    let samples = fill(&store, params)?;
    let build_rate = params.offers as f64 / started.elapsed().as_secs_f64();

    let mut rng = Rng::new(params.seed ^ 0x5EA2C4);
    let mut timings: Vec<Timings> = QUERY_CLASSES.iter().map(|_| Timings::default()).collect();
    eprintln!("search: {} runs of {} query classes...", params.runs, QUERY_CLASSES.len());
    // One untimed round first: the first query of a class may load caches.
    for round in 0..=params.runs {
        for (class, timing) in QUERY_CLASSES.iter().zip(&mut timings) {
            let query = (class.make)(rng.pick(&samples), &mut rng);
            let started = Instant::now();
            let results = search_offers(&store, &query)?;
            let took_ms = started.elapsed().as_secs_f64() * 1000.0;
            anyhow::ensure!(!results.is_empty(), "{}: no result for {query:?}, made from a stored offer", class.name);
            if round > 0 {
                timing.latencies_ms.push(took_ms);
                timing.results += results.len();
            }
        }
    }

    let n = params.offers;
    let figure =
        |name: String, value: f64, unit: &'static str| Figure::new("search", format!("N={n}: {name}"), value, unit);
    let target = |text: bool| {
        if text {
            Target::at_most(TEXT_P99_MS, "p99 < 20 ms with free text")
        } else {
            Target::at_most(INDEXED_P99_MS, "p99 < 5 ms, indexed filters only")
        }
    };
    let mut figures = vec![figure("build: sign, open and insert_batch".into(), build_rate, "rec/s")];
    let (mut indexed, mut text) = (Vec::new(), Vec::new());
    for (class, timing) in QUERY_CLASSES.iter().zip(&mut timings) {
        if class.text { &mut text } else { &mut indexed }.extend_from_slice(&timing.latencies_ms);
        let mean_results = timing.results as f64 / timing.latencies_ms.len() as f64;
        figures.push(figure(format!("{}: p50", class.name), quantile(&mut timing.latencies_ms, 0.5), "ms"));
        figures.push(
            figure(format!("{}: p99", class.name), quantile(&mut timing.latencies_ms, 0.99), "ms")
                .with_target(target(class.text)),
        );
        figures.push(figure(format!("{}: mean results (limit 100)", class.name), mean_results, "rec"));
    }
    for (name, latencies, has_text) in
        [("indexed filters only", &mut indexed, false), ("with free text", &mut text, true)]
    {
        figures.push(figure(format!("all queries {name}: p50"), quantile(latencies, 0.5), "ms"));
        figures.push(
            figure(format!("all queries {name}: p99"), quantile(latencies, 0.99), "ms").with_target(target(has_text)),
        );
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_offers_are_valid() {
        let mut rng = Rng::new(1);
        let keys = vec![author_key(1, 0)];
        let ctx = ValidationContext { network: DEFAULT_NETWORK, now: vetnet_node::publish::unix_now() };
        let jobs: Vec<Job> = (0..500)
            .map(|i| Job {
                author: 0,
                id: format!("o{i}"),
                ts: ctx.now,
                body: generate_offer(&mut rng, i % COUNTRIES.len()).0,
            })
            .collect();
        assert_eq!(sign_and_open(&keys, &jobs, &ctx).expect("all valid").len(), 500);
    }

    #[test]
    fn vocabulary_is_a_few_hundred_words() {
        let mut words: Vec<&str> =
            FIELDS.iter().flat_map(|(_, w)| w.iter().copied()).chain(GENERAL.iter().copied()).collect();
        words.sort_unstable();
        words.dedup();
        assert!(words.len() >= 300, "{} words", words.len());
    }
}
