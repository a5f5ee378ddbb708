//! The generated catalogue: plausible offers of Baltic Sea institutions
//! (countries with their languages and cities, ISCED-F fields with their
//! trade words, EQF ranges, working languages), the traits a query can be
//! made from, and the keys of the test institutions that sign them.

use vetnet_protocol::fixtures;
use vetnet_protocol::offer::{Conditions, LanguageRequirement, OfferBody, Provision, Stipend};
use vetnet_protocol::{InstitutionKey, LangText};

use crate::rng::Rng;
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
    pub(crate) country: &'static str,
    pub(crate) isced: &'static str,
    pub(crate) eqf_min: u8,
    pub(crate) eqf_max: u8,
    pub(crate) langs: Vec<String>,
    /// Field words of the title (whole words, lower case).
    pub(crate) title_words: Vec<&'static str>,
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
pub(crate) fn author_key(seed: u8, index: usize) -> InstitutionKey {
    let mut secret = [seed; 32];
    secret[..8].copy_from_slice(&(index as u64).to_be_bytes());
    InstitutionKey::from_secret_bytes(&secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_is_a_few_hundred_words() {
        let mut words: Vec<&str> =
            FIELDS.iter().flat_map(|(_, w)| w.iter().copied()).chain(GENERAL.iter().copied()).collect();
        words.sort_unstable();
        words.dedup();
        assert!(words.len() >= 300, "{} words", words.len());
    }
}
